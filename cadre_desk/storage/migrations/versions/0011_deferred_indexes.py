"""bulk loads: a table of plain indexes dropped for a load spanning several transactions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 07:00:00

A large demo profile is written in many transactions (the WAL stays bounded). Maintaining
the items table's plain indexes row by row costs about a quarter of the writer's CPU; building
them once at the end is one sort each. ``deferred_indexes`` keeps the SQL of each dropped index
in the transaction that dropped it, so a load that never reaches its end (killed) has them
built again when the file is next opened (``storage.bulk_write.restore_deferred_indexes``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deferred_indexes",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("sql", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_deferred_indexes")),
    )


def downgrade() -> None:
    op.drop_table("deferred_indexes")
