"""Passwords and keys: the OS keyring first, an encrypted file as a visible fallback.

Never plain text. When the system offers no keyring backend (common on headless or minimal
UOS/Kylin installs), secrets go to ``secrets.enc`` in the data folder, encrypted (Fernet) with
a key derived (HKDF) from a random per-profile salt and a random 256-bit key kept *outside* the
data folder: ``keys/secrets.key`` in the per-user config folder (mode 600). A copy of the data
folder, a backup or a bundle holds nothing the key could be derived from. Files written by
earlier versions (keyed from hostname and user name, both guessable from the folder itself)
are decrypted once with that old key and re-encrypted. This protects a copied data folder,
not a compromised user account; the UI and ``doctor`` say which store is in use through
:attr:`SecretStore.is_system_keyring` and :attr:`SecretStore.description`.
Windows DPAPI is not used (yet): there the key file relies on the user profile's ACLs.

The store is chosen when a secret is first needed, not when a profile opens: probing the
keyring (and importing it and the cryptography stack) cost every ``cadre-desk fetch`` of
feeds, which needs no secret, ~0.2 s CPU and ~9 MB.
"""

from __future__ import annotations

import base64
import getpass
import json
import logging
import os
import platform
import secrets as pysecrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import platformdirs

from cadre_desk import APP_AUTHOR, APP_NAME
from cadre_desk.domain.errors import CadreError
from cadre_desk.platform.data_location import config_dir

if TYPE_CHECKING:
    import keyring.backend
    from cryptography.fernet import Fernet

log = logging.getLogger(__name__)

SERVICE = "cadre_desk"


class SecretsError(CadreError):
    next_step = "请重新输入密码；如果问题持续，请在设置中检查密钥存储。"


class SecretBackend(Protocol):
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class KeyringBackend:
    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self._backend = backend

    def get(self, name: str) -> str | None:
        return self._backend.get_password(SERVICE, name)

    def set(self, name: str, value: str) -> None:
        self._backend.set_password(SERVICE, name, value)

    def delete(self, name: str) -> None:
        import keyring.errors

        try:
            self._backend.delete_password(SERVICE, name)
        except keyring.errors.PasswordDeleteError:
            pass


KEY_FILE = "secrets.key"
_HEADER = b"cadre-secrets-v2\n"  # files before it were keyed from hostname|username


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def default_key_dir(data_folder: Path) -> Path:
    """The per-user folder for the file store's key: never inside the data folder.

    On Windows the config and data folders default to the same place, so there the roaming
    config folder is used; a last resort is a folder in the home directory.
    """
    candidates = (
        config_dir() / "keys",
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True)) / "keys",
        Path.home() / f".{APP_NAME}-keys",
    )
    for candidate in candidates:
        if not _inside(candidate, data_folder):
            return candidate
    return candidates[-1]


class EncryptedFileBackend:
    """A small JSON map of secrets, encrypted as a whole with Fernet (AES-128-CBC + HMAC)."""

    def __init__(self, path: Path, key_dir: Path | None = None) -> None:
        self._path = path
        self._salt_path = path.with_suffix(".salt")
        self.key_path = (key_dir or default_key_dir(path.parent)) / KEY_FILE
        self._lock = threading.Lock()
        self._cached: Fernet | None = None

    def _master_key(self) -> bytes:
        try:
            return base64.b64decode(self.key_path.read_bytes(), validate=True)
        except FileNotFoundError:
            pass
        except ValueError as exc:
            raise SecretsError(f"密钥文件已损坏：{self.key_path}") from exc
        self.key_path.parent.mkdir(parents=True, exist_ok=True)
        _owner_only(self.key_path.parent, 0o700)
        key = pysecrets.token_bytes(32)
        try:
            fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it just now: use theirs
            return base64.b64decode(self.key_path.read_bytes(), validate=True)
        with os.fdopen(fd, "wb") as handle:
            handle.write(base64.b64encode(key))
            handle.flush()
            os.fsync(handle.fileno())
        log.info("created the secrets key %s", self.key_path)
        return key

    def _salt(self) -> bytes:
        if not self._salt_path.exists():
            self._salt_path.write_bytes(os.urandom(16))
            _owner_only(self._salt_path)
        return self._salt_path.read_bytes()

    def _fernet(self) -> Fernet:
        if self._cached is None:
            from cryptography.fernet import Fernet
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.kdf.hkdf import HKDF

            key = HKDF(algorithm=hashes.SHA256(), length=32, salt=self._salt(), info=b"cadre_desk secrets v2")
            self._cached = Fernet(base64.urlsafe_b64encode(key.derive(self._master_key())))
        return self._cached

    def _legacy_fernet(self) -> Fernet:
        """The key of earlier versions (hostname and user name): only to migrate their files."""
        from cryptography.fernet import Fernet
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        identity = f"{platform.node()}|{getpass.getuser()}|{SERVICE}".encode()
        key = Scrypt(salt=self._salt(), length=32, n=2**14, r=8, p=1).derive(identity)
        return Fernet(base64.urlsafe_b64encode(key))

    def _load(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        data = self._path.read_bytes()
        from cryptography.fernet import InvalidToken

        try:
            if data.startswith(_HEADER):
                plain = self._fernet().decrypt(data[len(_HEADER) :])
            else:
                plain = self._legacy_fernet().decrypt(data)
                loaded: dict[str, str] = json.loads(plain)
                self._save(loaded)  # re-encrypted under the key outside the data folder
                log.info("secrets file %s migrated to the key in %s", self._path, self.key_path)
                return loaded
        except InvalidToken as exc:
            raise SecretsError(
                "无法解密本地密钥文件（可能来自另一台电脑或另一个用户，或解密密钥"
                f" {self.key_path} 已丢失），已保存的密码需要重新输入。"
            ) from exc
        result: dict[str, str] = json.loads(plain)
        return result

    def _save(self, secrets: dict[str, str]) -> None:
        token = _HEADER + self._fernet().encrypt(json.dumps(secrets).encode())
        partial = self._path.with_suffix(".partial")
        partial.write_bytes(token)
        _owner_only(partial)
        os.replace(partial, self._path)

    def _load_for_writing(self) -> dict[str, str]:
        """Like ``_load``, but a file that cannot be decrypted is set aside (kept, renamed)
        instead of locking the user out of saving a password again."""
        try:
            return self._load()
        except SecretsError:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            aside = self._path.with_name(f"{self._path.name}.unreadable-{stamp}")
            os.replace(self._path, aside)
            log.warning("secrets file could not be decrypted: kept as %s, starting afresh", aside)
            return {}

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._load().get(name)

    def set(self, name: str, value: str) -> None:
        with self._lock:
            secrets = self._load_for_writing()
            secrets[name] = value
            self._save(secrets)

    def delete(self, name: str) -> None:
        with self._lock:
            secrets = self._load_for_writing()
            if secrets.pop(name, None) is not None:
                self._save(secrets)


def _owner_only(path: Path, mode: int = 0o600) -> None:
    try:
        path.chmod(mode)
    except OSError:  # pragma: no cover - e.g. FAT-formatted USB sticks
        log.warning("cannot restrict permissions of %s", path)


def _usable_keyring() -> keyring.backend.KeyringBackend | None:
    import keyring

    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 0)
    name = type(backend).__module__
    if priority <= 0 or name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return None
    return backend


class SecretStore:
    """The one way cadre_desk stores and reads secrets.

    Which store holds them (the system keyring, else the encrypted file) is decided on first
    use: a profile opened only to refresh feeds never probes the keyring."""

    def __init__(
        self,
        fallback_file: Path,
        backend: keyring.backend.KeyringBackend | None = None,
        *,
        key_dir: Path | None = None,
        use_keyring: bool = True,
    ) -> None:
        self._fallback_file = fallback_file
        self._given = backend
        self._key_dir = key_dir
        self._use_keyring = use_keyring
        self._choosing = threading.Lock()
        self._chosen: tuple[SecretBackend, bool, Path | None, str] | None = None

    def _choice(self) -> tuple[SecretBackend, bool, Path | None, str]:
        with self._choosing:
            if self._chosen is None:
                self._chosen = self._choose()
            return self._chosen

    def _choose(self) -> tuple[SecretBackend, bool, Path | None, str]:
        given = self._given
        chosen = given if given is not None else _usable_keyring() if self._use_keyring else None
        if chosen is not None:
            return KeyringBackend(chosen), True, None, f"系统密钥环（{type(chosen).__name__}）"
        file_backend = EncryptedFileBackend(self._fallback_file, self._key_dir)
        description = (
            f"未找到系统密钥环：密码加密保存在 {self._fallback_file}，解密密钥另存在 {file_backend.key_path}"
            "（不在数据文件夹里，复制数据文件夹或备份无法解密；但能登录本机这个账户的人可以读取）"
        )
        log.warning("no system keyring backend: using encrypted file %s", self._fallback_file)
        return file_backend, False, file_backend.key_path, description

    @property
    def is_system_keyring(self) -> bool:
        return self._choice()[1]

    @property
    def key_file(self) -> Path | None:
        """The encrypted file store's key (None when the system keyring holds the secrets)."""
        return self._choice()[2]

    @property
    def description(self) -> str:
        return self._choice()[3]

    def get(self, name: str) -> str | None:
        return self._choice()[0].get(name)

    def set(self, name: str, value: str) -> None:
        self._choice()[0].set(name, value)

    def delete(self, name: str) -> None:
        self._choice()[0].delete(name)
