"""items: content fingerprints as 8 raw bytes instead of 64 hex digits

A fingerprint (``domain.fingerprint``) is now the first 8 bytes of the SHA-256, stored as a
BLOB: 9 bytes per row and ~16 per index entry instead of 65 and ~84 (issue 20 §3). Every
stored 64-digit hex value becomes the bytes of its first 16 digits, exactly what this version
computes for the same text, so no item looks new or edited after the upgrade. Other values
(none written by any version) stay as they are. The index is built again after the rewrite:
one sort instead of a million B-tree updates. The rows shrink in place; ``doctor --compact``
gives the freed space back to the disk.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 06:40:00
"""

import sqlite3

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_HEX = "0123456789abcdefABCDEF"


def _to_bytes(value: object) -> object:
    if isinstance(value, str) and len(value) == 64 and not value.strip(_HEX):
        return bytes.fromhex(value[:16])
    return value


def _to_hex(value: object) -> object:
    """Downgrade: the 16 digits of the bytes (the full digest is not known any more); an
    earlier version then sees an edit once for an item it fetches again."""
    return value.hex() if isinstance(value, bytes) else value


def _rewrite(function: object) -> None:
    conn = op.get_bind()
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    raw.create_function("cd_fingerprint", 1, function, deterministic=True)  # type: ignore[arg-type]
    op.drop_index("ix_items_content_hash", table_name="items")
    op.execute("UPDATE items SET content_hash = cd_fingerprint(content_hash) WHERE content_hash IS NOT NULL")
    op.create_index("ix_items_content_hash", "items", ["content_hash"], unique=False)


def upgrade() -> None:
    _rewrite(_to_bytes)


def downgrade() -> None:
    _rewrite(_to_hex)
