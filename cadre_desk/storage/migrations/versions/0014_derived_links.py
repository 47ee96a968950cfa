"""items: a link that is its canonical URL is stored as NULL and read as the canonical URL

Most items' links have no tracking parameters: ``url`` repeated ``canonical_url`` (~53 bytes per
item, issue 20 §3). Until now a NULL link always came with a NULL canonical URL, so NULL beside a
canonical URL now means "the canonical URL" (``domain.urls``: ``stored_url`` / ``item_url``);
links that differ are kept exactly. Nothing is logged for sync: records carry the link written
out, as before. Rows shrink in place: ``doctor --compact`` gives the space back to the disk.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 07:20:00
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE items SET url = NULL WHERE url IS NOT NULL AND url != '' AND url = canonical_url")


def downgrade() -> None:
    op.execute("UPDATE items SET url = canonical_url WHERE url IS NULL AND canonical_url IS NOT NULL")
