"""The unit sync server (FastAPI + SQLAlchemy; SQLite by default, PostgreSQL by URL).

It keeps, per user, the merged state of every synced row as the same change records the
devices exchange (``services.sync.records``), merged with the same per-field rule
(``services.sync.merge``). The desktop tables and their SQLite triggers are not replicated on
the server: it needs neither, and per-user isolation is one ``user_id`` column away.
"""
