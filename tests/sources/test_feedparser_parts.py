"""feedparser_parts: the fast path's copies of feedparser's tables, and a parse worker that runs
feedparser's package start-up only for a document the fast path declines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import feedparser.api
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_desk.sources.feed_rows import feed_rows
from cadre_desk.sources.feedparser_parts import HANDLED_ELEMENTS, NAMESPACES, handles, looks_like_html
from tests.sources.samples import rss_feed

PARSER = feedparser.api.StrictFeedParser


def test_namespaces_are_feedparsers() -> None:
    assert dict(PARSER.namespaces) == NAMESPACES


def test_handled_elements_are_those_feedparser_has_a_handler_for() -> None:
    handlers = {name for name in dir(PARSER) if name.startswith(("_start_", "_end_"))}
    assert {name.split("_", 2)[2] for name in handlers} == HANDLED_ELEMENTS
    assert handles("dc:creator") and handles("media:title") and not handles("foo:bar")


_PIECES = st.sampled_from(
    ["<p>", "</p>", "<b>", "</B>", "<script>", "</script>", "<blink>", "</blink>", "&amp;", "&nbsp;",
     "&#169;", "&#x4e2d;", "&bogus;", "&", "<", ">", "text", "通知", " ", "</>", "<br/>", "&lt;b&gt;"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_looks_like_html_as_feedparser_judges(text: str) -> None:
    assert looks_like_html(text) == bool(PARSER.looks_like_html(text))


_WORKER_PROBE = """
import json, sys
from cadre_desk.sources.feedparser_parts import defer_package_init
defer_package_init()
from cadre_desk.sources.feed_rows import feed_rows
answers = []
for path in sys.argv[1:]:
    rows, notice = feed_rows(open(path, "rb").read(), "http://127.0.0.1/f.xml", {}, 1)
    loaded = sorted(m for m in ("urllib.request", "ssl", "feedparser.api") if m in sys.modules)
    answers.append({"rows": rows, "notice": notice, "loaded": loaded})
print(json.dumps(answers, default=repr))
"""

_DECLINED = (  # a DOCTYPE: the fast path hands it to feedparser
    b"<?xml version='1.0'?><!DOCTYPE rss><rss version='2.0'><channel><title>t</title>"
    b"<item><title>A &amp; B</title><guid>x1</guid><link>http://127.0.0.1/a</link>"
    b"<description>&lt;p&gt;b&lt;/p&gt;</description></item></channel></rss>"
)


@pytest.mark.slow
def test_a_worker_loads_feedparsers_package_only_for_a_declined_document(tmp_path: Path) -> None:
    fast, declined = tmp_path / "fast.xml", tmp_path / "declined.xml"
    fast.write_bytes(rss_feed(3, 10))
    declined.write_bytes(_DECLINED)
    done = subprocess.run(
        [sys.executable, "-c", _WORKER_PROBE, str(fast), str(declined)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first, second = json.loads(done.stdout)
    assert first["loaded"] == []  # fast path: no urllib.request, ssl or feedparser.api
    assert second["loaded"] == ["feedparser.api", "ssl", "urllib.request"]
    for answer, path in ((first, fast), (second, declined)):  # same rows as in this process
        rows, notice = feed_rows(path.read_bytes(), "http://127.0.0.1/f.xml", {}, 1)
        assert answer["rows"] == json.loads(json.dumps(rows, default=repr))
        assert answer["notice"] == notice
    assert len(second["rows"]) == 1 and second["rows"][0]["title"] == "A & B"
