"""The pairing key: a shared secret that authenticates bundles between a user's devices.

Kept only in the keyring (``platform.secrets.SecretStore``). One device creates it, the user
types or pastes it on the others; bundles are signed with HMAC-SHA256 under it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets as pysecrets

from cadre_desk.domain.errors import CadreError
from cadre_desk.platform.secrets import SecretStore

SECRET_NAME = "sync.pairing_key"
_KEY_RE = re.compile(r"^[0-9a-f]{64}$")


class PairingKeyError(CadreError):
    next_step = (
        "请在一台设备上运行 cadre-desk sync key new，再在其他设备上用 cadre-desk sync key set 输入同一密钥。"
    )


def _normalize(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).lower()


def format_key(key: str) -> str:
    """Groups of eight characters, easier to read aloud and type."""
    return "-".join(key[i : i + 8] for i in range(0, len(key), 8))


def new_key(store: SecretStore) -> str:
    key = pysecrets.token_hex(32)
    store.set(SECRET_NAME, key)
    return key


def set_key(store: SecretStore, text: str) -> str:
    key = _normalize(text)
    if not _KEY_RE.match(key):
        raise PairingKeyError("配对密钥格式不正确：应为 64 位十六进制字符（可带连字符）。")
    store.set(SECRET_NAME, key)
    return key


def get_key(store: SecretStore) -> str | None:
    return store.get(SECRET_NAME)


def require_key(store: SecretStore) -> bytes:
    key = get_key(store)
    if not key:
        raise PairingKeyError("本机还没有配对密钥，无法签名或验证同步文件。")
    return bytes.fromhex(key)


def key_id(key: bytes) -> str:
    """A short public fingerprint: tells "another key" apart from "tampered"."""
    return hashlib.sha256(b"cadre_desk pairing key id|" + key).hexdigest()[:12]


def sign(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def verify(key: bytes, data: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key, data), signature.strip())
