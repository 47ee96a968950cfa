from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.sources.feedserver import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


def make_self_signed(directory: Path, common_name: str = "127.0.0.1") -> tuple[Path, Path, str]:
    """A self-signed certificate (cert path, key path, sha256 of the DER) made with cryptography."""
    import datetime as dt
    import hashlib
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "cert.pem"
    key_path = directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path, hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


@pytest.fixture
def tls_feed_server(tmp_path: Path) -> Iterator[tuple[FeedServer, str]]:
    """An HTTPS feed server with a self-signed certificate; yields (server, sha256 fingerprint)."""
    import ssl

    cert, key, fingerprint = make_self_signed(tmp_path)
    server = FeedServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.start()
    yield server, fingerprint
    server.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Dovecot:
    port: int  # plain IMAP (STARTTLS offered)
    tls_port: int  # implicit TLS (IMAPS)
    user: str
    password: str
    fingerprint: str  # sha256 of the server's self-signed certificate


MAILBOX_USERS = 100  # one fresh mailbox per test that asks for the server


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[Dovecot]:
    """A real dovecot IMAP server on 127.0.0.1 (plain+STARTTLS and IMAPS), shared by the session:
    stopping dovecot takes ~3 s, so each test gets its own user (own mailbox) instead."""
    import os
    import shutil
    import subprocess
    import time

    binary = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
    if binary is None:
        pytest.skip(
            "dovecot is not installed (apt-get install dovecot-imapd; see packaging/dev/system-packages.txt)"
        )
    import tempfile

    # Not under pytest's tmp dir: that is mode 0700 and dovecot's auth runs as the dovecot user.
    root = Path(tempfile.mkdtemp(prefix="cadre-dovecot-"))
    root.chmod(0o755)
    cert, key, fingerprint = make_self_signed(root)
    port, tls_port = _free_port(), _free_port()
    (root / "mail").mkdir()
    shutil.chown(root / "mail", "dovecot", "dovecot")
    (root / "passwd").write_text("".join(f"alice{n}:{{PLAIN}}secret\n" for n in range(MAILBOX_USERS)))
    config = root / "dovecot.conf"
    config.write_text(
        f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
first_valid_gid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    # dovecot daemonizes: its children must not inherit our pipes, or run() waits forever.
    subprocess.run(
        [binary, "-c", str(config)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60  # waits for the port; only a hang takes this long
    import socket

    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {log[-2000:]}") from None
            time.sleep(0.1)
    yield Dovecot(port=port, tls_port=tls_port, user="alice0", password="secret", fingerprint=fingerprint)
    subprocess.run(
        [binary, "-c", str(config), "stop"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    shutil.rmtree(root, ignore_errors=True)


_next_mailbox = iter(range(MAILBOX_USERS))


@pytest.fixture
def dovecot(dovecot_server: Dovecot) -> Dovecot:
    """The shared server, logged into by a user whose mailbox no other test has touched."""
    return replace(dovecot_server, user=f"alice{next(_next_mailbox)}")
