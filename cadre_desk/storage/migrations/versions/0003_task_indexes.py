"""task and operation-log indexes

Two lookups the task views and corrections need at 1,000,000 log events: the corrections of a
set of log rows (``supersedes_id``) and tasks snoozed into a period (``status, snoozed_until``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:20:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("operation_logs", schema=None) as batch_op:
        batch_op.create_index("ix_operation_logs_supersedes", ["supersedes_id"], unique=False)
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_status_snoozed", ["status", "snoozed_until"], unique=False)
        batch_op.create_index("ix_tasks_status_completed", ["status", "completed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_status_completed")
        batch_op.drop_index("ix_tasks_status_snoozed")
    with op.batch_alter_table("operation_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_operation_logs_supersedes")
