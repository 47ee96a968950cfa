"""Fixtures of the unit's view: the sync server's (real PostgreSQL, SQLite files, uvicorn)."""

from tests.sync.server_fixtures import live_server, postgres_url, server_db_url, store

__all__ = ["live_server", "postgres_url", "server_db_url", "store"]
