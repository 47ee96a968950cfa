"""sync: apply guard and change_log lookup by row

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 19:10:00

``sync_apply_guard`` holds one row while sync applies remote rows inside a transaction: the
triggers then neither log (sync writes exact per-field entries itself, with the remote HLC and
device) nor demand a fresh local stamp. ``ix_change_log_row`` lets sync read a row's per-field
clocks from the change log.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_apply_guard",
        sa.Column("active", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("active", name=op.f("pk_sync_apply_guard")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_row", ["entity", "row_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_row")
    op.drop_table("sync_apply_guard")
