"""search index: a column of source tokens, so source/level filters are index lookups

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 19:10:00
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_fts")
    # The table as this revision made it (0009 replaced the prefix index), spelled out so that
    # upgrading step by step still passes through the same shapes.
    op.execute(
        """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, author, meta, content='', columnsize=0, prefix='1',
        tokenize='unicode61 remove_diacritics 2')"""
    )
    op.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 8)")
    op.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64)")
    op.execute("DELETE FROM search_docs")
    op.execute("DELETE FROM search_queue")
    op.execute("INSERT INTO search_queue (item_id) SELECT id FROM items WHERE NOT deleted")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute(
        """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, author, content='', prefix='1', tokenize='unicode61 remove_diacritics 2')"""
    )
    op.execute("DELETE FROM search_docs")
    op.execute("DELETE FROM search_queue")
    op.execute("INSERT INTO search_queue (item_id) SELECT id FROM items WHERE NOT deleted")
