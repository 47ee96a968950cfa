"""Persistence: SQLAlchemy models, the database file's safety, migrations and the change log."""
