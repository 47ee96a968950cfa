"""The fast feed path returns exactly what the feedparser path returns, or steps aside.

feedparser is the oracle: every generated document (``feed_generator``) and every real-shaped
Chinese sample is parsed twice, with and without the fast path; each stored field of each item,
the feed's title and link and the recovery notice must be equal, or both must refuse the
document with the same error. The number of documents the fast path declined is printed.
"""

from __future__ import annotations

import copy
from dataclasses import astuple
from typing import Any

import pytest

from cadre_desk.sources import feeds
from cadre_desk.sources.errors import SourceError
from cadre_desk.sources.feeds import parse_feed
from tests.sources import samples
from tests.sources.feed_generator import URL, Document, generate

GENERATED = 1600


def _samples() -> list[Document]:
    documents = [Document(samples.rss_feed(n, 6), {}, f"sample rss {n}") for n in range(3)] + [
        Document(
            samples.rss_feed(7, 5, encoding="gbk", declared="gb2312"), {"content-type": "text/xml"}, "gbk"
        ),
        Document(samples.rss_feed(8, 5, encoding="gbk", declared="gb2312"), {}, "gbk undeclared header"),
        Document(samples.rss_feed(9, 4, body_repeat=3), {"content-type": "application/rss+xml"}, "rss"),
        Document(samples.atom_feed(5, 4), {}, "sample atom"),
        Document(samples.RSS10, {}, "rss 1.0"),
        Document(samples.RSSHUB_WECHAT, {"content-type": "application/xml; charset=utf-8"}, "rsshub wechat"),
        Document(samples.BROKEN_XML, {}, "broken"),
        Document(samples.EXTERNAL_ENTITY, {}, "xxe"),
        Document(samples.BILLION_LAUGHS, {}, "billion laughs"),
    ]
    return documents


def _outcome(document: Document, fast: bool) -> tuple[object, ...]:
    try:
        feed = parse_feed(document.data, url=URL, headers=document.headers, fast=fast)
    except SourceError as exc:
        return ("refused", type(exc).__name__, exc.user_message)
    return (
        "read",
        feed.title,
        feed.link,
        feed.bozo,
        [astuple(item) for item in feed.items],
        feed.format.startswith("feedparser"),
    )


def test_fast_path_equals_feedparser_or_declines(monkeypatch: pytest.MonkeyPatch) -> None:
    # A declined document goes through the very same feedparser call as in the feedparser-only
    # run: remember that call's result instead of parsing the document a third time.
    results: dict[tuple[Any, ...], Any] = {}
    original = feeds._feedparser_parse

    def remembered(*args: Any) -> Any:
        if args not in results:
            results[args] = original(*args)
        return copy.deepcopy(results[args])

    monkeypatch.setattr(feeds, "_feedparser_parse", remembered)
    documents = generate(GENERATED) + _samples()
    declined = fast_read = refused = 0
    mismatches: list[str] = []
    for document in documents:
        slow = _outcome(document, fast=False)
        fast = _outcome(document, fast=True)
        if slow[0] == "refused" or fast[0] == "refused":
            refused += 1
            if slow != fast:
                mismatches.append(f"{document.label}\n  feedparser: {slow}\n  fast:       {fast}")
            continue
        if fast[-1]:
            declined += 1
        else:
            fast_read += 1
        if slow[:-1] != fast[:-1]:
            mismatches.append(f"{document.label}\n  feedparser: {slow[:-1]}\n  fast:       {fast[:-1]}")
    print(
        f"\n{len(documents)} documents: fast path read {fast_read}, declined {declined}, "
        f"both refused {refused}"
    )
    assert not mismatches, f"{len(mismatches)} differ; first ones:\n" + "\n".join(mismatches[:5])
    # the fast path must still carry the common case, or the test proves nothing about it
    assert fast_read >= len(documents) // 4


def test_real_shaped_wechat_bridge_feed_takes_the_fast_path() -> None:
    feed = parse_feed(samples.RSSHUB_WECHAT, url="http://127.0.0.1:1200/wechat/mp/x")
    assert feed.format == "rss20" and feed.bozo is None
    item = feed.items[0]
    assert item.guid == "2651_1_abc"  # opaque id, as published
    assert item.url == "https://mp.weixin.qq.com/s?__biz=MzA3&mid=2651&idx=1&sn=abc"
    assert item.author == "示范县融媒体中心"


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<guid isPermaLink="false">right</guid>', "right"),
        ("<guid>rel/7</guid>", "rel/7"),
    ],
)
def test_rss_ids_are_stored_as_published_on_both_paths(snippet: str, expected: str) -> None:
    document = (
        f'<rss version="2.0"><channel><title>t</title><item><title>a</title>{snippet}</item></channel></rss>'
    )
    for fast in (True, False):
        feed = parse_feed(document.encode(), url="http://host/feed.xml", fast=fast)
        assert feed.items[0].guid == expected
        assert feed.items[0].url is None  # a relative permalink is not turned into a link


def test_atom_id_is_stored_as_published_on_both_paths() -> None:
    document = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><id>right</id><title>a</title><link href="x.html"/></entry></feed>"""
    for fast in (True, False):
        item = parse_feed(document, url="http://host/feed.xml", fast=fast).items[0]
        assert (item.guid, item.url) == ("right", "http://host/x.html")
