"""change_log: each change's device as a small local number, not its 32-character id

The change log was the second largest cost of a 1M-item profile: 209 bytes per item, of which
the device id, written out in every row and again in the (device, hlc) index, took about 62
(issue 20 §3). ``change_devices`` now numbers the device ids (local, never synced) and the log
holds the number. Every entry is kept with its seq, entity, row, clock, op and fields; the ids
read back through ``change_devices`` are the ones stored before. The table is rebuilt in seq
order (its rowid), so export order and the sync cursors (seq numbers) are unchanged.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 13:00:00
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _rebuild(device_column: str, device_value: str) -> None:
    """Replace ``change_log`` by a copy whose device column is ``device_column``, filled with
    ``device_value`` (an expression over the old row ``l``), in seq order."""
    op.execute("DROP INDEX IF EXISTS ix_change_log_device_hlc")
    op.execute("DROP INDEX IF EXISTS ix_change_log_row")
    op.execute(
        f"""CREATE TABLE change_log_new (
             seq INTEGER NOT NULL,
             entity VARCHAR(50) NOT NULL,
             row_id VARCHAR(32) NOT NULL,
             hlc BIGINT NOT NULL,
             {device_column} NOT NULL,
             op VARCHAR(10) NOT NULL,
             fields TEXT,
             CONSTRAINT pk_change_log PRIMARY KEY (seq))"""
    )
    op.execute(
        f"""INSERT INTO change_log_new (seq, entity, row_id, hlc, {device_column.split()[0]}, op, fields)
           SELECT l.seq, l.entity, l.row_id, l.hlc, {device_value}, l.op, l.fields
           FROM change_log AS l ORDER BY l.seq"""
    )
    op.execute("DROP TABLE change_log")
    op.execute("ALTER TABLE change_log_new RENAME TO change_log")
    op.create_index("ix_change_log_row", "change_log", ["entity", "row_id"], unique=False)


def upgrade() -> None:
    op.execute(
        """CREATE TABLE change_devices (
             no INTEGER NOT NULL,
             device_id VARCHAR(32) NOT NULL,
             CONSTRAINT pk_change_devices PRIMARY KEY (no),
             CONSTRAINT uq_change_devices_device_id UNIQUE (device_id))"""
    )
    # numbered in order of first appearance in the log (ix_change_log_device_hlc: one entry per id)
    op.execute(
        """INSERT INTO change_devices (device_id)
           SELECT device_id FROM change_log GROUP BY device_id ORDER BY min(seq)"""
    )
    _rebuild("device INTEGER", "(SELECT no FROM change_devices WHERE device_id = l.device_id)")
    op.create_index("ix_change_log_device_hlc", "change_log", ["device", "hlc"], unique=False)


def downgrade() -> None:
    _rebuild("device_id VARCHAR(32)", "(SELECT device_id FROM change_devices WHERE no = l.device)")
    op.create_index("ix_change_log_device_hlc", "change_log", ["device_id", "hlc"], unique=False)
    op.execute("DROP TABLE change_devices")
