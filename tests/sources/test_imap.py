from __future__ import annotations

import imaplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from sqlalchemy import select

from cadre_desk.services.sources import NewSource
from cadre_desk.sources import imap
from cadre_desk.sources.errors import CertificateError, MailError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, SourceFetchState
from tests.sources.conftest import Dovecot
from tests.sources.helpers import services_for
from tests.sources.samples import BASE_TIME


def deliver(server: Dovecot, subject: str, body: str, folder: str = "INBOX", html: bool = False) -> None:
    message = EmailMessage()
    message["From"] = "县政府办公室 <office@example.gov.cn>"
    message["To"] = "alice@example.gov.cn"
    message["Subject"] = subject
    message["Date"] = format_datetime(BASE_TIME)
    message["Message-ID"] = make_msgid(domain="example.gov.cn")
    if html:
        message.set_content("纯文本版本")
        message.add_alternative(f"<p onclick='x()'>{body}</p><script>alert(1)</script>", subtype="html")
    else:
        message.set_content(body, charset="gb18030")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="通知附件.pdf")
    conn = imaplib.IMAP4("127.0.0.1", server.port)
    conn.login(server.user, server.password)
    conn.create(imap.quote_mailbox(folder))
    conn.append(
        imap.quote_mailbox(folder), "", imaplib.Time2Internaldate(BASE_TIME.timestamp()), message.as_bytes()
    )
    conn.logout()


def account(server: Dovecot, **overrides: object) -> imap.ImapAccount:
    config = {"host": "127.0.0.1", "port": server.port, "username": server.user, "security": "starttls"}
    config["accept_cert_sha256"] = server.fingerprint
    config.update(overrides)
    return imap.ImapAccount.from_config(config)


def test_only_new_messages_are_fetched(dovecot: Dovecot) -> None:
    deliver(dovecot, "关于报送11月安全生产检查情况的通知", "请于11月25日前报送。")
    deliver(dovecot, "关于召开冬季防火工作会议的通知", "会议定于周五召开。", html=True)
    items, cursor = imap.fetch_new(account(dovecot), dovecot.password, None)
    assert [i.title for i in items] == [
        "关于报送11月安全生产检查情况的通知",
        "关于召开冬季防火工作会议的通知",
    ]
    assert items[0].author == "县政府办公室" and "请于11月25日前报送" in items[0].text
    assert "通知附件.pdf" in (items[0].content_html or "")
    html_item = items[1]
    assert (
        html_item.content_html
        and "<script" not in html_item.content_html
        and "onclick" not in html_item.content_html
    )
    assert cursor["last_uid"] == 2
    again, cursor2 = imap.fetch_new(account(dovecot), dovecot.password, cursor)
    assert again == [] and cursor2 == cursor
    deliver(dovecot, "第三封：填报提醒", "请登录系统填报。")
    third, cursor3 = imap.fetch_new(account(dovecot), dovecot.password, cursor2)
    assert [i.title for i in third] == ["第三封：填报提醒"] and cursor3["last_uid"] == 3


def test_changed_uidvalidity_rereads_and_dedup_keeps_one_copy(db: Database, dovecot: Dovecot) -> None:
    deliver(dovecot, "政务邮箱通知一", "内容一", folder="政务")
    services = services_for(db)
    config = {
        "host": "127.0.0.1",
        "port": dovecot.tls_port,
        "username": dovecot.user,
        "security": "ssl",
        "folder": "政务",
        "accept_cert_sha256": dovecot.fingerprint,
    }
    config["secret_name"] = services.sources.set_mail_password(config, dovecot.password)
    sid = services.sources.add(NewSource(kind="imap", name="政务邮箱", config=config)).id
    first = services.refresh.refresh()
    assert first.failed == 0 and first.ingest.new_items == 1
    with db.session() as session:
        state = session.get(SourceFetchState, sid)
        assert state is not None and state.cursor["last_uid"] == 1
    # Pretend the server renumbered the folder: a stale UIDVALIDITY in the cursor.
    with db.session() as session:
        state = session.get(SourceFetchState, sid)
        assert state is not None
        state.cursor = {"uidvalidity": "1", "last_uid": 99}
    deliver(dovecot, "政务邮箱通知二", "内容二", folder="政务")
    second = services.refresh.refresh()
    assert second.ingest.new_items == 1 and second.ingest.duplicates == 1
    with db.session() as session:
        titles = sorted(session.scalars(select(Item.title).where(Item.source_id == sid)))
    assert titles == ["政务邮箱通知一", "政务邮箱通知二"]


def test_password_lives_in_secret_store_not_in_config(db: Database, dovecot: Dovecot) -> None:
    services = services_for(db)
    config = {"host": "127.0.0.1", "port": dovecot.port, "username": dovecot.user, "security": "starttls"}
    name = services.sources.set_mail_password(config, "secret")
    assert "secret" not in str(config) and name.startswith(f"imap:{dovecot.user}@127.0.0.1")


def test_wrong_password_is_a_clear_error(dovecot: Dovecot) -> None:
    with pytest.raises(MailError, match="用户名或密码错误"):
        imap.fetch_new(account(dovecot), "wrong", None)


def test_untrusted_certificate_refused_without_pin(dovecot: Dovecot) -> None:
    with pytest.raises(CertificateError):
        imap.fetch_new(account(dovecot, accept_cert_sha256=None), dovecot.password, None)
    with pytest.raises(CertificateError, match="不一致"):
        imap.fetch_new(
            account(dovecot, port=dovecot.tls_port, security="ssl", accept_cert_sha256="ab" * 32),
            dovecot.password,
            None,
        )


def test_missing_password_reported_as_source_health(db: Database, dovecot: Dovecot) -> None:
    services = services_for(db)
    config = {"host": "127.0.0.1", "port": dovecot.port, "username": dovecot.user, "security": "starttls"}
    services.sources.add(NewSource(kind="imap", name="无密码邮箱", config=config))
    report = services.refresh.refresh()
    assert report.failed == 1 and "密码" in next(iter(report.errors.values()))


def test_ssl_module_available() -> None:
    assert ssl.HAS_SNI
