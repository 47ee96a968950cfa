"""The command line: ``main`` (the ``cadre-desk`` entry point) and one module per area.

Each area module (``core``, ``sources``, ``tasks``…) has ``register(subparsers)`` and handlers
that open the profile through ``profile.open_context``.
"""

from __future__ import annotations

from cadre_desk.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
