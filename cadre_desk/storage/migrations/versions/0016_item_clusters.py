"""item_clusters: near-duplicate clusters as (item rowid, first publisher's rowid) integers

The analysis wrote the cluster's first publisher id (32 characters) into ``items.cluster_id`` and
two indexes: +139 bytes per item at 1M items (rows grown in place split their pages), and 13.6 s
of the full rebuild's serial write (issue 20). Clusters now live in a small local table keyed by
the item's rowid. Existing clusters are kept (copied), ``items.cluster_id`` is emptied (records
still carry the column, NULL: receivers never took it) and its index dropped. Nothing is logged
for sync: the column is device-local. ``doctor --compact`` gives the freed space back to the disk.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 09:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_clusters",
        sa.Column("item", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cluster", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("item", name=op.f("pk_item_clusters")),
    )
    op.execute(
        """INSERT INTO item_clusters (item, cluster)
           SELECT i.rowid, c.rowid FROM items i JOIN items c ON c.id = i.cluster_id
           WHERE i.cluster_id IS NOT NULL ORDER BY i.rowid"""
    )
    op.create_index("ix_item_clusters_cluster", "item_clusters", ["cluster"], unique=False)
    op.execute("DROP INDEX IF EXISTS ix_items_cluster")
    op.execute("UPDATE items SET cluster_id = NULL WHERE cluster_id IS NOT NULL")


def downgrade() -> None:
    op.execute(
        """UPDATE items SET cluster_id = (
             SELECT c.id FROM item_clusters k JOIN items c ON c.rowid = k.cluster WHERE k.item = items.rowid)
           WHERE rowid IN (SELECT item FROM item_clusters)"""
    )
    op.create_index("ix_items_cluster", "items", ["cluster_id"], unique=False)
    op.drop_index("ix_item_clusters_cluster", table_name="item_clusters")
    op.drop_table("item_clusters")
