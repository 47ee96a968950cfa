"""The encrypted-file secret store (no system keyring): a copy of the data folder cannot be
decrypted, because the key lives outside it (earlier versions keyed it from hostname|username,
which the folder's database and every bundle manifest give away)."""

from __future__ import annotations

import base64
import getpass
import json
import platform
import shutil
import stat
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from cadre_desk.platform.secrets import EncryptedFileBackend, SecretsError, SecretStore


def _legacy_fernet(salt: bytes) -> Fernet:
    """What earlier versions used, and what an attacker with a copied folder can guess."""
    identity = f"{platform.node()}|{getpass.getuser()}|cadre_desk".encode()
    key = Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(identity)
    return Fernet(base64.urlsafe_b64encode(key))


def test_a_copied_data_folder_cannot_be_decrypted_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "office-pc"
    monkeypatch.setenv("CADRE_DESK_CONFIG_DIR", str(home / "config"))
    store = EncryptedFileBackend(home / "data" / "secrets.enc")
    (home / "data").mkdir(parents=True)
    store.set("imap:mail.example.gov.cn", "口令-123")
    assert store.get("imap:mail.example.gov.cn") == "口令-123"
    assert not list((home / "data").glob("*.key"))

    copy = tmp_path / "usb-copy" / "data"
    shutil.copytree(home / "data", copy)
    monkeypatch.setenv("CADRE_DESK_CONFIG_DIR", str(tmp_path / "other-config"))
    elsewhere = EncryptedFileBackend(copy / "secrets.enc")
    with pytest.raises(SecretsError) as info:
        elsewhere.get("imap:mail.example.gov.cn")
    assert "重新输入" in info.value.user_message
    # Nor does guessing the machine's identity, as it did before.
    token = (copy / "secrets.enc").read_bytes()
    with pytest.raises(InvalidToken):
        _legacy_fernet((copy / "secrets.salt").read_bytes()).decrypt(token.split(b"\n", 1)[-1])
    assert b"123" not in token


def test_the_key_file_is_private_and_outside_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DESK_CONFIG_DIR", str(tmp_path / "config"))
    data = tmp_path / "data"
    data.mkdir()
    store = EncryptedFileBackend(data / "secrets.enc")
    store.set("sync.pairing_key", "ab" * 32)
    assert store.key_path.is_relative_to(tmp_path / "config")
    assert stat.S_IMODE(store.key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.key_path.parent.stat().st_mode) == 0o700
    assert EncryptedFileBackend(data / "secrets.enc").get("sync.pairing_key") == "ab" * 32


def test_the_key_never_goes_into_a_data_folder_that_is_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows the default data and config folders are the same one."""
    monkeypatch.setenv("CADRE_DESK_CONFIG_DIR", str(tmp_path / "same"))
    store = EncryptedFileBackend(tmp_path / "same" / "secrets.enc")
    assert not store.key_path.resolve().is_relative_to((tmp_path / "same").resolve())


def test_a_file_of_an_earlier_version_is_migrated_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    salt = b"0123456789abcdef"
    (data / "secrets.salt").write_bytes(salt)
    (data / "secrets.enc").write_bytes(
        _legacy_fernet(salt).encrypt(json.dumps({"server.token": "t0k"}).encode())
    )

    store = EncryptedFileBackend(data / "secrets.enc", key_dir=tmp_path / "config")
    assert store.get("server.token") == "t0k"
    migrated = (data / "secrets.enc").read_bytes()
    assert migrated.startswith(b"cadre-secrets-v2\n")
    with pytest.raises(InvalidToken):
        _legacy_fernet(salt).decrypt(migrated.split(b"\n", 1)[1])
    assert (
        EncryptedFileBackend(data / "secrets.enc", key_dir=tmp_path / "config").get("server.token") == "t0k"
    )


def test_an_undecryptable_file_does_not_lock_out_new_passwords(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    EncryptedFileBackend(data / "secrets.enc", key_dir=tmp_path / "a").set("x", "1")
    other = EncryptedFileBackend(data / "secrets.enc", key_dir=tmp_path / "b")
    other.set("x", "2")  # the unreadable file is kept aside, not overwritten
    assert other.get("x") == "2"
    assert len(list(data.glob("secrets.enc.unreadable-*"))) == 1


def test_the_store_says_which_kind_it_is(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the memory_keyring fixture restores it
    store = SecretStore(tmp_path / "secrets.enc", key_dir=tmp_path / "config")
    assert not store.is_system_keyring
    assert store.key_file == tmp_path / "config" / "secrets.key"
    assert "未找到系统密钥环" in store.description and str(store.key_file) in store.description


def test_doctor_names_the_store_and_where_its_key_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cadre_desk.cli import main

    monkeypatch.setenv("CADRE_DESK_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["--data-dir", str(tmp_path / "p"), "doctor"]) == 0
    assert "密钥存储：系统密钥环" in capsys.readouterr().out
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the memory_keyring fixture restores it
    assert main(["--data-dir", str(tmp_path / "p"), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "密钥存储：未找到系统密钥环" in out and str(tmp_path / "config" / "keys" / "secrets.key") in out
