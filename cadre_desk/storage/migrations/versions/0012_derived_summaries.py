"""items: a summary that is its body's start is stored as NULL and derived when read

Ingest summarises an item as the first 200 characters of its body's text; the row kept that copy
(~110 bytes per item at the demo's sizes). Now NULL beside a body means "the body's start"
(``domain.summary``: ``stored_summary`` / ``item_summary``), and a summary of its own (a
hand-written one, one that differs from the body) stays exactly as it is. Rows whose summary
equals the derived one lose it here; nothing else changes, and nothing is logged for sync (the
records still carry the summary written out). Rows shrink in place: ``doctor --compact`` gives
the space back to the disk.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 07:00:00
"""

import sqlite3

from alembic import op

from cadre_desk.domain.summary import derived_summary

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _connection() -> sqlite3.Connection:
    raw = op.get_bind().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _is_derived(summary: str, content_html: str) -> int:
    return int(summary == derived_summary(content_html))


def upgrade() -> None:
    _connection().create_function("cd_is_derived_summary", 2, _is_derived, deterministic=True)
    op.execute(
        "UPDATE items SET summary = NULL WHERE summary IS NOT NULL AND content_html IS NOT NULL"
        " AND content_html != '' AND cd_is_derived_summary(summary, content_html)"
    )


def downgrade() -> None:
    _connection().create_function("cd_derived_summary", 1, derived_summary, deterministic=True)
    op.execute(
        "UPDATE items SET summary = cd_derived_summary(content_html)"
        " WHERE summary IS NULL AND content_html IS NOT NULL AND content_html != ''"
    )
