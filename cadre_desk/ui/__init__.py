"""The Qt layer: thin widgets and models over the services. Only this package imports PySide6."""
