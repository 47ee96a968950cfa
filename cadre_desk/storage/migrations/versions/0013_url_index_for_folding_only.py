"""items: the canonical-URL index holds only the rows folding groups by URL

Folding groups an item by its canonical URL only when it has no content hash (ingest always
writes one), and that is the one query the index serves: ingest's and capture's per-source
look-ups walk ``(source_id, guid)``, as ``EXPLAIN QUERY PLAN`` shows. A partial index over the
rows without a hash answers folding the same (its query states ``content_hash IS NULL``) and
costs next to nothing, where the full one took ~55 bytes per item (issue 20 §3).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 07:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_items_canonical_url", table_name="items")
    op.create_index(
        "ix_items_canonical_url", "items", ["canonical_url"], sqlite_where=sa.text("content_hash IS NULL")
    )


def downgrade() -> None:
    op.drop_index("ix_items_canonical_url", table_name="items")
    op.create_index("ix_items_canonical_url", "items", ["canonical_url"])
