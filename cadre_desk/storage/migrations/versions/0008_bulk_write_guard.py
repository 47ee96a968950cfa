"""bulk writes: a guard table the per-row INSERT triggers check

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 02:20:00

While ``bulk_write_guard`` names a table inside a transaction, that table's per-row INSERT
triggers (change log; for items also source counters and search queue) stand aside and
``storage.bulk_write`` does their work once for the batch. The triggers are reinstalled with
the guard after every upgrade (``storage.migrate``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bulk_write_guard",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_bulk_write_guard")),
    )


def downgrade() -> None:
    op.drop_table("bulk_write_guard")
