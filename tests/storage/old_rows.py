"""Rows written by plain SQL into an older schema, for the migration tests (the ORM knows only
the newest one)."""

from __future__ import annotations

from typing import Any


def insert_sources(conn: Any, names: dict[str, str]) -> None:
    """RSS sources ``{id: name}`` with the columns every schema since the first release has."""
    for n, (source_id, name) in enumerate(names.items()):
        conn.exec_driver_sql(
            "INSERT INTO sources (id, updated_at_hlc, device_id, deleted, kind, name, platform, category,"
            " mandatory, fetch_interval_minutes, config, subscribed, created_at)"
            " VALUES (?, ?, 'd1', 0, 'rss', ?, 'wechat_account', 'gov_service', 0, 60, '{}', 1, 0)",
            (source_id, n + 1, name),
        )
