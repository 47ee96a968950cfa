"""Canonical URLs: the same article reached through different links is one item.

Tracking parameters (``utm_*``, WeChat's ``chksm``/``scene``/``sessionid``…) are dropped, the
host is lower-cased, default ports and fragments removed. WeChat article links are reduced to
the four parameters that identify an article (``__biz``, ``mid``, ``idx``, ``sn``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "chksm",
        "scene",
        "srcid",
        "sharer_sharetime",
        "sharer_shareid",
        "sessionid",
        "subscene",
        "clicktime",
        "enterid",
        "ascene",
        "devicetype",
        "version",
        "nettype",
        "lang",
        "exportkey",
        "pass_ticket",
        "wx_header",
        "from",
        "isappinstalled",
        "key",
        "uin",
        "spm",
        "share_token",
        "fbclid",
        "gclid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "ref",
        "ref_src",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
WECHAT_HOST = "mp.weixin.qq.com"
WECHAT_KEYS = ("__biz", "mid", "idx", "sn")
_WECHAT_SHORT = re.compile(r"^/s/([A-Za-z0-9_-]{10,})/?$")


def is_wechat_article(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.hostname == WECHAT_HOST and (parts.path.startswith("/s") or parts.path.startswith("/mp/"))


def canonical_wechat_url(url: str) -> str | None:
    """``https://mp.weixin.qq.com/s?__biz=…&mid=…&idx=…&sn=…`` or the short ``/s/<token>`` form.

    Returns None when the link is not a WeChat article link.
    """
    parts = urlsplit(url.strip().replace("&amp;", "&"))
    if parts.hostname != WECHAT_HOST:
        return None
    short = _WECHAT_SHORT.match(parts.path)
    if short:
        return f"https://{WECHAT_HOST}/s/{short.group(1)}"
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if not all(query.get(key) for key in ("__biz", "mid", "sn")):
        return None
    kept = [(key, query.get(key) or "1") for key in WECHAT_KEYS]
    return urlunsplit(("https", WECHAT_HOST, "/s", urlencode(kept, safe="=/+"), ""))


def wechat_identity(url: str) -> tuple[str, str, str, str] | None:
    """(__biz, mid, idx, sn) of a WeChat article link, or None."""
    canonical = canonical_wechat_url(url)
    if canonical is None or "/s/" in canonical:
        return None
    query = dict(parse_qsl(urlsplit(canonical).query))
    return (query["__biz"], query["mid"], query["idx"], query["sn"])


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def stored_url(url: str | None, canonical: str | None) -> str | None:
    """What an item row stores as its link: NULL when it is its canonical URL (most links are:
    ~53 bytes per item, issue 20 §3). Before, a NULL link always had a NULL canonical URL too,
    so NULL beside a canonical URL is free to mean "the canonical URL" (``item_url``)."""
    return None if url and url == canonical else url


def item_url(url: str | None, canonical: str | None) -> str | None:
    """An item row's link: its own, or (NULL beside a canonical URL) the canonical URL."""
    return canonical if url is None else url


def canonical_url(url: str | None) -> str | None:
    """The URL with tracking parameters, fragment and default port removed; None if empty.

    Plain string work (no full parse/re-encode) because it runs for every ingested item.
    """
    if not url:
        return None
    url = url.strip()
    if WECHAT_HOST in url:
        wechat = canonical_wechat_url(url)
        if wechat is not None:
            return wechat
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if not sep or scheme not in ("http", "https"):
        return url
    rest = rest.split("#", 1)[0]
    location, _, query = rest.partition("?")
    host, _slash, path = location.partition("/")
    host = host.lower()
    default_port = ":80" if scheme == "http" else ":443"
    if host.endswith(default_port):
        host = host[: -len(default_port)]
    kept = [p for p in query.split("&") if p and not _is_tracking(p.split("=", 1)[0])] if query else []
    result = f"{scheme}://{host}/{path}"
    return f"{result}?{'&'.join(kept)}" if kept else result
