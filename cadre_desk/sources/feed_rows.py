"""A fetched feed document → its item rows (what a parse worker runs, or the refresh itself)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from feedparser.urls import _urljoin

from cadre_desk.sources.feeds import parse_feed
from cadre_desk.sources.model import ItemRow
from cadre_desk.sources.rows import prepare_rows

_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def feed_rows(
    body: bytes, url: str, headers: Mapping[str, str], fetched_ms: int
) -> tuple[list[ItemRow], str | None]:
    """Parse a fetched feed and prepare its rows: (rows, notice about recovered problems).

    ``headers``: the response headers the parser uses (``HttpResult.parse_headers``)."""
    feed = parse_feed(body, url=url, headers=headers)
    rows = prepare_rows(feed.items, fetched_ms)
    for row in rows:
        guid = row["guid"]
        if not _HAS_SCHEME.match(guid):
            # Before ids were stored as published, feedparser stored this one resolved against
            # the feed address: ingest also looks for that form, so the item keeps its identity.
            row["former_guid"] = _urljoin(url, guid)
    return rows, feed.bozo
