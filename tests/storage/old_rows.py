"""Rows written by plain SQL into an older schema, for the migration tests (the ORM knows only
the newest one)."""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import Engine

from cadre_desk.storage import migrate
from cadre_desk.storage.triggers import drop_triggers


def insert_sources(conn: Any, names: dict[str, str]) -> None:
    """RSS sources ``{id: name}`` with the columns every schema since the first release has."""
    for n, (source_id, name) in enumerate(names.items()):
        conn.exec_driver_sql(
            "INSERT INTO sources (id, updated_at_hlc, device_id, deleted, kind, name, platform, category,"
            " mandatory, fetch_interval_minutes, config, subscribed, created_at)"
            " VALUES (?, ?, 'd1', 0, 'rss', ?, 'wechat_account', 'gov_service', 0, 60, '{}', 1, 0)",
            (source_id, n + 1, name),
        )


def downgrade(engine: Engine, revision: str) -> None:
    """Run the migrations down to ``revision`` on ``engine``'s file, as Alembic would: the
    triggers go first (every upgrade installs the newest ones), in one transaction."""
    config = migrate.alembic_config()
    with engine.connect() as conn, conn.begin():
        drop_triggers(conn)
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
