"""Fetching and parsing external content. Never touches the database: returns parsed items."""
