"""The reasons a feed needed recovery (shown in 订阅源) read in English too."""

from __future__ import annotations

import re

from cadre_desk.sources.feeds import parse_feed
from cadre_desk.ui.service_text import service_text

HAN = re.compile(r"[\u4e00-\u9fff]")
URL = "http://www.example.gov.cn/rss.xml"


def _reason(document: str, encoding: str, content_type: str | None) -> str:
    headers = {"content-type": content_type} if content_type else {}
    feed = parse_feed(document.encode(encoding), url=URL, headers=headers)
    assert feed.bozo is not None
    return feed.bozo


def test_recovery_reasons_in_english(interface_language: str) -> None:
    rss = (
        '<?xml version="1.0" encoding="{0}"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>{1}</title></item></channel></rss>"
    )
    reasons = [
        _reason(rss.format("x-bogus", "通知"), "utf-8", None),
        _reason(rss.format("gbk", "关于冬季防火的通知"), "gbk", "application/rss+xml; charset=utf-8"),
        _reason(rss.replace('encoding="{0}"', "").format("", "关于冬季防火的通知"), "gbk", "text/plain"),
        _reason(rss.format("utf-8", "caf\u00c3\u00a9 &nbsp;"), "utf-8", None),
    ]
    for reason in reasons:
        shown = service_text(reason)
        if interface_language == "zh_CN":
            assert shown == reason
        else:
            assert not HAN.search(shown), shown
