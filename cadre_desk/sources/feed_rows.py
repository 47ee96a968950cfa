"""A fetched feed document → its item rows (what a parse worker runs, or the refresh itself)."""

from __future__ import annotations

from collections.abc import Mapping

from cadre_desk.sources.feeds import parse_feed
from cadre_desk.sources.model import ItemRow
from cadre_desk.sources.rows import prepare_rows


def feed_rows(
    body: bytes, url: str, headers: Mapping[str, str], fetched_ms: int
) -> tuple[list[ItemRow], str | None]:
    """Parse a fetched feed and prepare its rows: (rows, notice about recovered problems).

    ``headers``: the response headers the parser uses (``HttpResult.parse_headers``)."""
    feed = parse_feed(body, url=url, headers=headers)
    return prepare_rows(feed.items, fetched_ms), feed.bozo
