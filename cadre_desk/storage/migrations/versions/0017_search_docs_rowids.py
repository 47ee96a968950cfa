"""search_docs: the full-text document's item as its rowid, not its 32-character id

``search_docs`` mapped each FTS rowid to ``items.id`` (text) with a unique index on it: 88 bytes
per item at 1M items, the fourth largest cost of an indexed profile (issue 20 §3). It now holds
the item's rowid (an integer, ~20 bytes with its index); a search joins ``items`` by rowid.
Every mapping is kept, doc for doc, and so is the AUTOINCREMENT counter: a document id is never
given out twice, since an edited item's old tokens stay in the contentless index under its old
id. Item rowids are kept by VACUUM (tested); a batch migration of ``items`` would have to
rebuild the search index, as it would have to empty ``item_clusters``.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 12:30:00
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _swap(create: str, copy: str) -> None:
    """Replace ``search_docs`` by the table ``create`` makes (named search_docs_new), filled by
    ``copy``, keeping the AUTOINCREMENT counter (the highest doc ever given out)."""
    op.execute(create)
    op.execute(copy)
    op.execute(
        """INSERT INTO sqlite_sequence (name, seq)
           SELECT 'search_docs_new', seq FROM sqlite_sequence WHERE name = 'search_docs'
           AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'search_docs_new')"""
    )
    op.execute(
        """UPDATE sqlite_sequence
           SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_docs'), 0))
           WHERE name = 'search_docs_new'"""
    )
    op.execute("DROP TABLE search_docs")  # its sqlite_sequence row goes with it
    op.execute("ALTER TABLE search_docs_new RENAME TO search_docs")  # renames the counter's row too


def upgrade() -> None:
    _swap(
        """CREATE TABLE search_docs_new (
             doc INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
             item INTEGER NOT NULL,
             CONSTRAINT uq_search_docs_item UNIQUE (item))""",
        # A mapping whose item no longer exists (never the case: items are not deleted) is dropped.
        """INSERT INTO search_docs_new (doc, item)
           SELECT d.doc, i.rowid FROM search_docs d JOIN items i ON i.id = d.item_id ORDER BY d.doc""",
    )


def downgrade() -> None:
    _swap(
        """CREATE TABLE search_docs_new (
             doc INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
             item_id VARCHAR(32) NOT NULL,
             CONSTRAINT uq_search_docs_item_id UNIQUE (item_id))""",
        """INSERT INTO search_docs_new (doc, item_id)
           SELECT d.doc, i.id FROM search_docs d JOIN items i ON i.rowid = d.item ORDER BY d.doc""",
    )
