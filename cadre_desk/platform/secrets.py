"""Passwords and keys: the OS keyring first, an encrypted file as a visible fallback.

Never plain text. When the system offers no keyring backend (common on headless or minimal
UOS/Kylin installs), secrets go to ``secrets.enc`` in the data folder, encrypted with a key
derived (scrypt) from a random per-profile salt and this machine's and user's identity. That
protects a copied data folder or USB backup, not a compromised user account; the UI says so
through :attr:`SecretStore.is_system_keyring` and :attr:`SecretStore.description`.
"""

from __future__ import annotations

import base64
import getpass
import json
import logging
import os
import platform
import threading
from pathlib import Path
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from cadre_desk.domain.errors import CadreError

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
        try:
            self._backend.delete_password(SERVICE, name)
        except keyring.errors.PasswordDeleteError:
            pass


class EncryptedFileBackend:
    """A small JSON map of secrets, encrypted as a whole with Fernet (AES-128-CBC + HMAC)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._salt_path = path.with_suffix(".salt")
        self._lock = threading.Lock()

    def _fernet(self) -> Fernet:
        if not self._salt_path.exists():
            self._salt_path.write_bytes(os.urandom(16))
            _owner_only(self._salt_path)
        salt = self._salt_path.read_bytes()
        identity = f"{platform.node()}|{getpass.getuser()}|{SERVICE}".encode()
        key = Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(identity)
        return Fernet(base64.urlsafe_b64encode(key))

    def _load(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        try:
            data = self._fernet().decrypt(self._path.read_bytes())
        except InvalidToken as exc:
            raise SecretsError(
                "无法解密本地密钥文件（可能来自另一台电脑或另一个用户），已保存的密码需要重新输入。"
            ) from exc
        loaded: dict[str, str] = json.loads(data)
        return loaded

    def _save(self, secrets: dict[str, str]) -> None:
        token = self._fernet().encrypt(json.dumps(secrets).encode())
        partial = self._path.with_suffix(".partial")
        partial.write_bytes(token)
        _owner_only(partial)
        os.replace(partial, self._path)

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._load().get(name)

    def set(self, name: str, value: str) -> None:
        with self._lock:
            secrets = self._load()
            secrets[name] = value
            self._save(secrets)

    def delete(self, name: str) -> None:
        with self._lock:
            secrets = self._load()
            if secrets.pop(name, None) is not None:
                self._save(secrets)


def _owner_only(path: Path) -> None:
    try:
        path.chmod(0o600)
    except OSError:  # pragma: no cover - e.g. FAT-formatted USB sticks
        log.warning("cannot restrict permissions of %s", path)


def _usable_keyring() -> keyring.backend.KeyringBackend | None:
    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 0)
    name = type(backend).__module__
    if priority <= 0 or name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return None
    return backend


class SecretStore:
    """The one way cadre_desk stores and reads secrets."""

    def __init__(self, fallback_file: Path, backend: keyring.backend.KeyringBackend | None = None) -> None:
        chosen = backend if backend is not None else _usable_keyring()
        self.is_system_keyring = chosen is not None
        if chosen is not None:
            self._backend: SecretBackend = KeyringBackend(chosen)
            self.description = f"系统密钥环（{type(chosen).__name__}）"
        else:
            self._backend = EncryptedFileBackend(fallback_file)
            self.description = (
                f"未找到系统密钥环，密码加密保存在 {fallback_file}（仅防止数据文件夹被复制后泄露）"
            )
            log.warning("no system keyring backend: using encrypted file %s", fallback_file)

    def get(self, name: str) -> str | None:
        return self._backend.get(name)

    def set(self, name: str, value: str) -> None:
        self._backend.set(name, value)

    def delete(self, name: str) -> None:
        self._backend.delete(name)
