"""search index: a column of source tokens, so source/level filters are index lookups

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 19:10:00
"""

from alembic import op

from cadre_desk.storage import search_index

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_fts")
    for statement in search_index.CREATE_STATEMENTS:
        op.execute(statement)
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
