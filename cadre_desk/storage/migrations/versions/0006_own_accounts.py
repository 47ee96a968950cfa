"""本单位运营 accounts: cadence settings, marks, repost duties, messages, link checks

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:20:00
"""

import sqlalchemy as sa
from alembic import op

import cadre_desk.storage.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "own_accounts",
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("run_by", sa.String(length=20), nullable=False),
        sa.Column("cadence_preset", sa.String(length=40), nullable=False),
        sa.Column("counts_reposts", sa.Boolean(), nullable=False),
        sa.Column("custom_max_gap_days", sa.Integer(), nullable=True),
        sa.Column("custom_min_posts_per_week", sa.Integer(), nullable=True),
        sa.Column("warn_days", sa.Integer(), nullable=False),
        sa.Column("reply_workdays", sa.Integer(), nullable=False),
        sa.Column("menu_links", sa.JSON(), nullable=False),
        sa.Column("created_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("updated_at_hlc", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_own_accounts_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_accounts")),
        sa.UniqueConstraint("source_id", name=op.f("uq_own_accounts_source_id")),
    )
    op.create_table(
        "own_link_checks",
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("checked_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("recorded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_own_link_checks_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("source_id", "url", name=op.f("pk_own_link_checks")),
    )
    op.create_table(
        "own_marks",
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("updated_at_hlc", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_own_marks_item_id_items")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_own_marks_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_marks")),
    )
    with op.batch_alter_table("own_marks", schema=None) as batch_op:
        batch_op.create_index("ix_own_marks_source", ["source_id", "subject"], unique=False)

    op.create_table(
        "own_repost_duties",
        sa.Column("requirement_id", sa.String(length=32), nullable=False),
        sa.Column("superior_source_id", sa.String(length=32), nullable=False),
        sa.Column("own_source_id", sa.String(length=32), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("within_minutes", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("updated_at_hlc", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["own_source_id"], ["sources.id"], name=op.f("fk_own_repost_duties_own_source_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirements.id"],
            name=op.f("fk_own_repost_duties_requirement_id_requirements"),
        ),
        sa.ForeignKeyConstraint(
            ["superior_source_id"],
            ["sources.id"],
            name=op.f("fk_own_repost_duties_superior_source_id_sources"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_repost_duties")),
    )
    with op.batch_alter_table("own_repost_duties", schema=None) as batch_op:
        batch_op.create_index("ix_own_repost_duties_superior", ["superior_source_id"], unique=False)

    op.create_table(
        "own_messages",
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("reply_due_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("replied_at", cadre_desk.storage.types.UtcDateTime(), nullable=True),
        sa.Column("reply_note", sa.Text(), nullable=True),
        sa.Column("task_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", cadre_desk.storage.types.UtcDateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("updated_at_hlc", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_own_messages_source_id_sources")
        ),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_own_messages_task_id_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_messages")),
    )
    with op.batch_alter_table("own_messages", schema=None) as batch_op:
        batch_op.create_index("ix_own_messages_source", ["source_id", "received_at"], unique=False)


def downgrade() -> None:
    for table in ("own_messages", "own_repost_duties", "own_marks", "own_link_checks", "own_accounts"):
        op.drop_table(table)
