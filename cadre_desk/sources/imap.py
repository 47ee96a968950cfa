"""IMAP mailbox folders (政务邮箱): only new messages, tracked by UIDVALIDITY/UID.

The password is handed in by the service (read from the platform secret store); it is never
stored here. TLS is the default (implicit TLS on 993 or STARTTLS); plain connections must be
chosen explicitly. A self-signed server certificate can be trusted for this one account by its
SHA-256 fingerprint.
"""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import html
import imaplib
import re
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

from cadre_desk.sources.errors import CertificateError, MailError
from cadre_desk.sources.http import certificate_sha256, format_fingerprint
from cadre_desk.sources.model import ParsedItem
from cadre_desk.sources.sanitize import html_to_text, plain_title, sanitize_html

SECURITY_CHOICES = ("ssl", "starttls", "plain")
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_FETCH_BATCH = 50


@dataclass(frozen=True, slots=True)
class ImapAccount:
    host: str
    username: str
    port: int = 993
    security: str = "ssl"  # ssl | starttls | plain
    folder: str = "INBOX"
    accept_cert_sha256: str | None = None
    first_sync_limit: int = 200  # a new source reads at most the newest N messages

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> ImapAccount:
        security = str(config.get("security") or "ssl")
        if security not in SECURITY_CHOICES:
            raise MailError(f"未知的加密方式：{security}")
        return cls(
            host=str(config.get("host") or ""),
            username=str(config.get("username") or ""),
            port=int(config.get("port") or (993 if security == "ssl" else 143)),
            security=security,
            folder=str(config.get("folder") or "INBOX"),
            accept_cert_sha256=config.get("accept_cert_sha256") or None,
            first_sync_limit=int(config.get("first_sync_limit") or 200),
        )

    def secret_name(self) -> str:
        return f"imap:{self.username}@{self.host}:{self.port}"


def _context(account: ImapAccount) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if account.accept_cert_sha256:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the fingerprint is checked right after the handshake
    return context


def _check_pin(conn: imaplib.IMAP4, account: ImapAccount) -> None:
    if not account.accept_cert_sha256:
        return
    sock = conn.sock
    der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
    actual = certificate_sha256(der) if der else ""
    if actual != account.accept_cert_sha256.replace(":", "").lower():
        conn.shutdown()
        raise CertificateError(
            f"邮件服务器证书与已信任的不一致（现在的指纹 {format_fingerprint(actual)}）。", actual or None
        )


def connect(account: ImapAccount, password: str, timeout: float = 30.0) -> imaplib.IMAP4:
    """A logged-in connection, or a ``MailError``/``CertificateError`` in plain Chinese."""
    if not account.host or not account.username:
        raise MailError("请填写邮箱服务器和用户名。")
    try:
        if account.security == "ssl":
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                account.host, account.port, ssl_context=_context(account), timeout=timeout
            )
        else:
            conn = imaplib.IMAP4(account.host, account.port, timeout=timeout)
            if account.security == "starttls":
                conn.starttls(ssl_context=_context(account))
        _check_pin(conn, account)
    except ssl.SSLCertVerificationError as exc:
        raise CertificateError(f"邮件服务器 {account.host} 的证书不受信任：{exc.verify_message}") from exc
    except (ssl.SSLError, imaplib.IMAP4.error) as exc:
        raise MailError(f"与邮件服务器 {account.host} 建立加密连接失败：{exc}") from exc
    except TimeoutError as exc:
        raise MailError(f"连接邮件服务器 {account.host} 超时。") from exc
    except (socket.gaierror, ConnectionError, OSError) as exc:
        raise MailError(f"无法连接邮件服务器 {account.host}:{account.port}（{exc}）") from exc
    try:
        conn.login(account.username, password)
    except imaplib.IMAP4.error as exc:
        _quietly_close(conn)
        raise MailError("邮箱用户名或密码错误，登录被拒绝。", "请在订阅源设置中重新输入邮箱密码。") from exc
    return conn


def _quietly_close(conn: imaplib.IMAP4) -> None:
    try:
        conn.logout()
    except (imaplib.IMAP4.error, OSError):
        pass


def fetch_new(
    account: ImapAccount, password: str, cursor: dict[str, Any] | None, timeout: float = 30.0
) -> tuple[list[ParsedItem], dict[str, Any]]:
    """Messages newer than the cursor, and the new cursor ``{"uidvalidity", "last_uid"}``.

    A changed UIDVALIDITY means the server renumbered the folder: everything is read again and
    the ingest dedup (by Message-ID) keeps it from being stored twice.
    """
    cursor = cursor or {}
    conn = connect(account, password, timeout)
    try:
        typ, _data = conn.select(quote_mailbox(account.folder), readonly=True)
        if typ != "OK":
            raise MailError(f"邮箱中没有文件夹“{account.folder}”。", "请检查文件夹名称（例如 INBOX）。")
        uidvalidity = _uidvalidity(conn)
        last_uid = int(cursor.get("last_uid") or 0) if cursor.get("uidvalidity") == uidvalidity else 0
        typ, data = conn.uid("SEARCH", None, f"UID {last_uid + 1}:*")  # type: ignore[arg-type]
        if typ != "OK":
            raise MailError("邮件服务器拒绝了搜索请求。")
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > last_uid)
        if last_uid == 0 and len(uids) > account.first_sync_limit:
            uids = uids[-account.first_sync_limit :]
        items: list[ParsedItem] = []
        for start in range(0, len(uids), _FETCH_BATCH):
            batch = uids[start : start + _FETCH_BATCH]
            typ, payload = conn.uid("FETCH", ",".join(map(str, batch)), "(UID BODY.PEEK[])")
            if typ != "OK":
                raise MailError("读取邮件失败。")
            for part in payload:
                if isinstance(part, tuple) and len(part) == 2:
                    uid_match = re.search(rb"UID (\d+)", part[0])
                    uid = int(uid_match.group(1)) if uid_match else 0
                    items.append(message_to_item(part[1], uidvalidity, uid))
        new_last = max(uids) if uids else last_uid
        return items, {"uidvalidity": uidvalidity, "last_uid": new_last}
    except (imaplib.IMAP4.error, OSError) as exc:
        raise MailError(f"与邮件服务器通信出错：{exc}") from exc
    finally:
        _quietly_close(conn)


def encode_mailbox(name: str) -> str:
    """IMAP modified UTF-7 (RFC 3501 §5.1.3): Chinese folder names such as “政务” on the wire."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode("ascii").rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


def quote_mailbox(folder: str) -> str:
    encoded = encode_mailbox(folder)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uidvalidity(conn: imaplib.IMAP4) -> str:
    _typ, values = conn.response("UIDVALIDITY")
    if values and values[0]:
        raw = values[0]
        return raw.decode() if isinstance(raw, bytes) else str(raw)
    _typ, data = conn.status("INBOX", "(UIDVALIDITY)")
    match = _UIDVALIDITY.search(data[0] if data and isinstance(data[0], bytes) else b"")
    return match.group(1).decode() if match else "0"


def message_to_item(raw: bytes, uidvalidity: str, uid: int) -> ParsedItem:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    subject = plain_title(str(message.get("subject") or "")) or "（无主题）"
    message_id = str(message.get("message-id") or "").strip()
    sender = message.get("from")
    author = None
    if sender is not None:
        name, address = email.utils.parseaddr(str(sender))
        author = name or address or None
    published = None
    if message.get("date"):
        try:
            parsed = email.utils.parsedate_to_datetime(str(message["date"]))
            published = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except (TypeError, ValueError):
            published = None
    html_body = _body(message, "html")
    if html_body is None:
        plain = _body(message, "plain") or ""
        escaped = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        html_body = "<p>" + escaped.replace("\n", "<br>") + "</p>" if plain.strip() else None
    attachments = [part.get_filename() for part in message.iter_attachments() if part.get_filename()]
    if attachments:
        listing = "".join(f"<li>{html.escape(str(name))}</li>" for name in attachments)
        html_body = (html_body or "") + f"<p>附件：</p><ul>{listing}</ul>"
    content = sanitize_html(html_body)
    return ParsedItem(
        guid=message_id or f"imap:{uidvalidity}:{uid}",
        title=subject,
        url=None,
        author=author,
        published_at=published or datetime.now(UTC),
        content_html=content,
        text=html_to_text(content),
    )


def _body(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return None
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("gb18030", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else None
