"""tasks: an index on item_id

Generating the "within N hours of a new item" tasks at start-up asks, for every item of the
last week of a watched source, whether it has its task already (``NOT EXISTS … tasks.item_id
= items.id``). Without an index SQLite scanned the tasks table once per item: at 1,000,000
items (~24,000 item tasks a week) the start-up refresh took 28 s on the writer thread, and where
the planner chose a temporary automatic index instead, it built one on every start. With the
index the refresh takes ~30 ms.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 10:05:00
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tasks_item", "tasks", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_tasks_item", table_name="tasks")
