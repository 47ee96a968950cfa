"""items: the time index holds published_at only, not the 32-character id beside it

``ix_items_published`` (published_at, id) was 48 bytes per item; (published_at) is ~15 (issue 20
§3). The newest-first lists order by (published_at DESC, id DESC): SQLite walks the index and
sorts the rows of one published_at among themselves (``USE TEMP B-TREE FOR RIGHT PART OF ORDER
BY``), a handful at most, and keyset pages bound the index range (``services.inbox.older_than``)
instead of testing the id of every newer entry. Same rows in the same order, measured at 200k
and 1M items with the pages as fast as before.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 15:00:00
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_items_published", table_name="items")
    op.create_index("ix_items_published", "items", ["published_at"])


def downgrade() -> None:
    op.drop_index("ix_items_published", table_name="items")
    op.create_index("ix_items_published", "items", ["published_at", "id"])
