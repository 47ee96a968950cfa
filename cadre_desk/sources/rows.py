"""Parsed items → item rows, the one form in which every source kind hands its items on.

Pure (no database), so a parse worker process can run it next to the parser: the storing
process then receives plain rows (cheap to unpickle) and only deduplicates and inserts them.
"""

from __future__ import annotations

import re

from feedparser.urls import _urljoin

from cadre_desk.domain.fingerprint import content_hash, has_body, item_fingerprint
from cadre_desk.domain.summary import stored_summary, summary_of
from cadre_desk.domain.timestamps import to_ms
from cadre_desk.domain.urls import canonical_url, stored_url
from cadre_desk.sources.model import ItemRow, ParsedItem


def prepare_rows(items: list[ParsedItem], fetched_ms: int) -> list[ItemRow]:
    """Rows of these items (the first of each GUID), fetched at ``fetched_ms``."""
    rows: list[ItemRow] = []
    seen: set[str] = set()
    for item in items:
        guid = item.guid.strip()[:2000] or item.url or ""
        if not guid or guid in seen:
            continue
        seen.add(guid)
        title = item.title or summary_of(item.text, 60) or "（无标题）"
        canonical = canonical_url(item.url)
        row: ItemRow = {
            "guid": guid,
            "url": stored_url(item.url, canonical),  # NULL when it is the canonical URL (urls.item_url)
            "canonical_url": canonical,
            "title": title,
            "author": item.author[:300] if item.author else None,
            "published_at": to_ms(item.published_at) if item.published_at else fetched_ms,
            "fetched_at": fetched_ms,
            # NULL when it is the body's start (read back with summary.item_summary)
            "summary": stored_summary(summary_of(item.text), item.content_html),
            "content_html": item.content_html,
            "content_hash": item_fingerprint(guid, title, item.text),
            "is_read": False,
            "is_starred": False,
            "is_muted": False,
            "deleted": False,
            "folder_id": None,
            "cluster_id": None,
        }
        if not has_body(title, item.text):
            # Stored before fingerprints carried the GUID: the same title is not an edit.
            row["legacy_hash"] = content_hash(title, item.text)
        rows.append(row)
    return rows


_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def add_former_guids(rows: list[ItemRow], document_url: str) -> None:
    """Give each row whose id is not an address the form older versions stored it under.

    Before ids were stored as published, feedparser stored such an id resolved against the
    feed's address (``right`` -> ``http://host/feeds/right``): ingest also looks for that form,
    so the item keeps its identity. Only a source that has stored items needs it (ingest asks
    then): the join cost ~15% of parsing a feed of opaque ids."""
    for row in rows:
        guid = row["guid"]
        if "former_guid" not in row and not _HAS_SCHEME.match(guid):
            row["former_guid"] = _urljoin(document_url, guid)
