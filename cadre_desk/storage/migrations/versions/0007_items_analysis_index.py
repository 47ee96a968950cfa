"""items: the per-source index also covers the analysis

``ix_items_source_published`` (source_id, published_at) gains deleted, is_read, is_starred,
cluster_id and id, so the redundancy analysis counts, groups and finds each cluster's first
publisher from the index alone instead of reading the items table (whose rows carry the texts:
at 1,000,000 items every findings query read the whole table, and its time followed the page
cache). The per-source lists keep using it as before: its first two columns are unchanged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:50:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WIDE = ["source_id", "published_at", "deleted", "is_read", "is_starred", "cluster_id", "id"]


def upgrade() -> None:
    op.drop_index("ix_items_source_published", table_name="items")
    op.create_index("ix_items_source_published", "items", WIDE, unique=False)


def downgrade() -> None:
    op.drop_index("ix_items_source_published", table_name="items")
    op.create_index("ix_items_source_published", "items", ["source_id", "published_at"], unique=False)
