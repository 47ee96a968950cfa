from __future__ import annotations

import asyncio
import threading
import time

import pytest

from cadre_desk.sources.errors import (
    CertificateError,
    HttpStatusError,
    SourceError,
    TimeoutFetchError,
    TooLargeError,
)
from cadre_desk.sources.http import HttpFetcher, HttpSettings, parse_retry_after
from cadre_desk.sources.model import FetchRequest, HttpResult
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route

FAST = HttpSettings(backoff_base=0.05, connect_timeout=2, read_timeout=2, total_timeout=5)


def fetch(request: FetchRequest, settings: HttpSettings = FAST) -> HttpResult:
    async def run() -> HttpResult:
        async with HttpFetcher(settings) as fetcher:
            return await fetcher.fetch(request)

    return asyncio.run(run())


def test_etag_conditional_get(feed_server: FeedServer) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 3), etag='"v1"')
    first = fetch(FetchRequest("s", feed_server.url("/f.xml")))
    assert first.status == 200 and first.etag == '"v1"' and first.body
    second = fetch(FetchRequest("s", feed_server.url("/f.xml"), etag=first.etag))
    assert second.not_modified and second.body == b"" and second.etag == '"v1"'
    assert feed_server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_last_modified_conditional_get(feed_server: FeedServer) -> None:
    stamp = "Mon, 23 Nov 2026 08:00:00 GMT"
    feed_server.routes["/f.xml"] = Route(body=b"<rss/>", last_modified=stamp)
    first = fetch(FetchRequest("s", feed_server.url("/f.xml")))
    second = fetch(FetchRequest("s", feed_server.url("/f.xml"), last_modified=first.last_modified))
    assert first.last_modified == stamp and second.status == 304


def test_429_with_retry_after_is_retried(feed_server: FeedServer) -> None:
    feed_server.routes["/busy.xml"] = Route(body=b"<rss/>", fail_first=1, fail_status=429, retry_after="1")
    started = time.monotonic()
    result = fetch(FetchRequest("s", feed_server.url("/busy.xml")))
    assert result.status == 200
    assert time.monotonic() - started >= 1.0  # honoured Retry-After
    assert feed_server.routes["/busy.xml"].hits == 2


def test_503_backoff_with_jitter_then_gives_up(feed_server: FeedServer) -> None:
    feed_server.routes["/down.xml"] = Route(fail_first=10, fail_status=503)
    with pytest.raises(HttpStatusError) as caught:
        fetch(FetchRequest("s", feed_server.url("/down.xml")))
    assert caught.value.status == 503
    assert feed_server.routes["/down.xml"].hits == 3  # first try + max_retries
    assert "暂时不可用" in caught.value.user_message


def test_long_retry_after_goes_back_to_scheduler(feed_server: FeedServer) -> None:
    feed_server.routes["/later.xml"] = Route(fail_first=5, fail_status=429, retry_after="3600")
    with pytest.raises(HttpStatusError) as caught:
        fetch(FetchRequest("s", feed_server.url("/later.xml")))
    assert caught.value.retry_after == 3600
    assert feed_server.routes["/later.xml"].hits == 1


def test_retry_after_http_date() -> None:
    assert parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", now=40.0) == 60.0
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("soon") is None


def test_permanent_redirect_reported(feed_server: FeedServer) -> None:
    feed_server.routes["/old.xml"] = Route(status=301, location="/mid.xml")
    feed_server.routes["/mid.xml"] = Route(status=308, location=feed_server.url("/new.xml"))
    feed_server.routes["/new.xml"] = Route(body=b"<rss/>")
    result = fetch(FetchRequest("s", feed_server.url("/old.xml")))
    assert result.final_url == feed_server.url("/new.xml")
    assert result.permanent_redirect == feed_server.url("/new.xml")


def test_temporary_redirect_not_reported(feed_server: FeedServer) -> None:
    feed_server.routes["/old.xml"] = Route(status=301, location="/tmp.xml")
    feed_server.routes["/tmp.xml"] = Route(status=302, location="/new.xml")
    feed_server.routes["/new.xml"] = Route(body=b"<rss/>")
    result = fetch(FetchRequest("s", feed_server.url("/old.xml")))
    assert result.status == 200 and result.permanent_redirect is None


def test_redirect_loop_stops(feed_server: FeedServer) -> None:
    feed_server.routes["/a"] = Route(status=302, location="/b")
    feed_server.routes["/b"] = Route(status=302, location="/a")
    with pytest.raises(HttpStatusError, match="跳转次数过多"):
        fetch(FetchRequest("s", feed_server.url("/a")))


def test_huge_streamed_response_is_cut_at_cap(feed_server: FeedServer) -> None:
    feed_server.routes["/huge.xml"] = Route(stream_bytes=100 * 1024 * 1024)
    settings = HttpSettings(max_bytes=1024 * 1024, read_timeout=5, total_timeout=10)
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="1 MB"):
        fetch(FetchRequest("s", feed_server.url("/huge.xml")), settings)
    assert time.monotonic() - started < 5  # stopped early, did not read 100 MB


def test_content_length_over_cap_refused_up_front(feed_server: FeedServer) -> None:
    feed_server.routes["/big.xml"] = Route(body=b"x" * (2 * 1024 * 1024))
    with pytest.raises(TooLargeError):
        fetch(FetchRequest("s", feed_server.url("/big.xml")), HttpSettings(max_bytes=1024 * 1024))


def test_read_timeout(feed_server: FeedServer) -> None:
    feed_server.routes["/slow.xml"] = Route(body=b"<rss/>", delay=2.0)
    settings = HttpSettings(read_timeout=0.5, total_timeout=5)
    with pytest.raises(TimeoutFetchError, match="超时"):
        fetch(FetchRequest("s", feed_server.url("/slow.xml")), settings)


def test_connection_refused_message() -> None:
    with pytest.raises(SourceError, match="拒绝连接"):
        fetch(FetchRequest("s", "http://127.0.0.1:9/feed.xml"))


def test_http_error_in_plain_chinese(feed_server: FeedServer) -> None:
    with pytest.raises(HttpStatusError) as caught:
        fetch(FetchRequest("s", feed_server.url("/missing.xml")))
    assert caught.value.status == 404 and "地址不存在" in caught.value.user_message


def test_per_host_and_global_limits(feed_server: FeedServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}
    original = feed_server.RequestHandlerClass.do_GET

    def counting(handler: object) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        try:
            original(handler)  # type: ignore[arg-type]
        finally:
            with lock:
                state["now"] -= 1

    feed_server.RequestHandlerClass.do_GET = counting  # type: ignore[method-assign]
    try:
        for i in range(12):
            feed_server.routes[f"/f{i}.xml"] = Route(body=b"<rss/>", delay=0.15)
        settings = HttpSettings(per_host=3, global_limit=10)

        async def run() -> list[object]:
            async with HttpFetcher(settings) as fetcher:
                requests = [FetchRequest(str(i), feed_server.url(f"/f{i}.xml")) for i in range(12)]
                return [result async for _req, result in fetcher.fetch_many(requests)]

        results = asyncio.run(run())
    finally:
        feed_server.RequestHandlerClass.do_GET = original  # type: ignore[method-assign]
    assert len(results) == 12 and all(isinstance(r, HttpResult) for r in results)
    assert state["max"] == 3


def test_proxy_setting_is_used(feed_server: FeedServer) -> None:
    # The loopback server answers absolute-form requests, i.e. acts as the intranet proxy.
    feed_server.routes["/__proxy__http://portal.example.invalid/rss.xml"] = Route(
        body=b"<rss>via proxy</rss>"
    )
    settings = HttpSettings(proxy=feed_server.base)
    result = fetch(FetchRequest("s", "http://portal.example.invalid/rss.xml"), settings)
    assert result.body == b"<rss>via proxy</rss>"
    assert feed_server.requests[-1][0] == "http://portal.example.invalid/rss.xml"


def test_self_signed_certificate_refused_then_accepted_by_fingerprint(
    tls_feed_server: tuple[FeedServer, str],
) -> None:
    server, fingerprint = tls_feed_server
    server.routes["/f.xml"] = Route(body=b"<rss>secure</rss>")
    url = server.url("/f.xml")
    with pytest.raises(CertificateError) as refused:
        fetch(FetchRequest("s", url))
    assert "证书" in refused.value.user_message and "信任此证书" in refused.value.next_step
    accepted = fetch(FetchRequest("s", url, accept_cert_sha256=fingerprint))
    assert accepted.body == b"<rss>secure</rss>"
    with pytest.raises(CertificateError, match="证书已变化"):
        fetch(FetchRequest("s", url, accept_cert_sha256="00" * 32))


def test_probe_certificate(tls_feed_server: tuple[FeedServer, str]) -> None:
    from cadre_desk.sources.http import probe_certificate

    server, fingerprint = tls_feed_server
    found, subject = asyncio.run(probe_certificate(server.url("/")))
    assert found == fingerprint and "127.0.0.1" in subject
