"""search index without its one-character prefix index; one-character queries use search_chars

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 04:00:00

``prefix='1'`` stored every token of ``search_fts`` a second time with its positions, only to
answer one-character queries: about half the index. A ``detail=none`` table of each document's
distinct characters answers them now (storage/search_index.py). Every item is queued again and
indexed in the background (search upkeep), in arrival order. ``ix_change_log_hlc`` goes: no
query reads the change log by HLC alone (``ix_change_log_device_hlc`` serves the vectors).
"""

from alembic import op

from cadre_desk.storage import search_index

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _requeue() -> None:
    op.execute("DELETE FROM search_docs")
    op.execute("DELETE FROM search_queue")
    op.execute(search_index.REQUEUE_ALL)


def upgrade() -> None:
    for statement in search_index.DROP_STATEMENTS:
        op.execute(statement)
    for statement in search_index.CREATE_STATEMENTS:
        op.execute(statement)
    _requeue()
    op.drop_index("ix_change_log_hlc", table_name="change_log")


def downgrade() -> None:
    op.create_index("ix_change_log_hlc", "change_log", ["hlc"])
    for statement in search_index.DROP_STATEMENTS:
        op.execute(statement)
    op.execute(
        """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, author, meta, content='', columnsize=0, prefix='1',
        tokenize='unicode61 remove_diacritics 2')"""
    )
    op.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8)")
    op.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64)")
    _requeue()
