"""Use cases shared by the CLI, the GUI and the sync server."""
