"""Sync in the GUI: a status-bar indicator and the sync dialog (bundles, server, pairing key)."""
