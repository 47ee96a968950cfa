"""Offline-first sync: change extraction, per-field merge, bundles and the unit-server client.

* ``records``: the change format (one JSON object per row: values + per-field clocks) and
  extraction of changes from the local change log, in pages of at most ~1 MB.
* ``merge``: last-writer-wins per field by (HLC, device id); append-only rows are a union.
* ``apply``: applies remote records in one transaction (remote clocks kept, never re-stamped).
* ``bundle``: signed zip batches for USB sticks / shared folders.
* ``server_client``: push/pull against the unit server.
"""
