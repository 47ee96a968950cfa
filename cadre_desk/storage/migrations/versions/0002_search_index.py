"""search index: FTS5 table, document map, indexing queue

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("doc", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("doc", name=op.f("pk_search_docs")),
        sa.UniqueConstraint("item_id", name=op.f("uq_search_docs_item_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "search_queue",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_search_queue")),
    )
    # Written out (not imported) so this revision stays what it was; 0003 replaces the table.
    op.execute(
        """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, author, content='', prefix='1', tokenize='unicode61 remove_diacritics 2')"""
    )
    # Items that existed before this revision are queued and indexed on first use.
    op.execute("INSERT INTO search_queue (item_id) SELECT id FROM items WHERE NOT deleted")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_queue")
    op.drop_table("search_docs")
