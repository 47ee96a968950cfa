"""Find bundled resources (icons, translations, fonts) installed, from a checkout, or frozen.

``pyproject.toml`` maps the top-level ``resources/`` folder to the package
``cadre_desk.resources``, so an installed wheel reaches it through ``importlib.resources``.
A source checkout has no such package (the folder sits next to ``cadre_desk/``), and a
PyInstaller bundle unpacks it under ``sys._MEIPASS/cadre_desk/resources``. Never resolve
resources relative to the working directory.
"""

from __future__ import annotations

import importlib.resources
import sys
from functools import cache
from pathlib import Path

import cadre_desk

RESOURCE_PACKAGE = "cadre_desk.resources"


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


@cache
def resource_root() -> Path:
    """The folder holding ``icons/``, ``i18n/`` … for this way of running."""
    if is_frozen():
        return Path(sys._MEIPASS) / "cadre_desk" / "resources"  # type: ignore[attr-defined]
    try:
        installed = importlib.resources.files(RESOURCE_PACKAGE)
    except ModuleNotFoundError:
        installed = None
    if installed is not None and installed.is_dir():
        # A wheel unpacks to real files; zip imports are not supported (Qt needs file paths).
        return Path(str(installed))
    return Path(cadre_desk.__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a resource, e.g. ``resource_path("icons", "cadre_desk.svg")``.

    The path may not exist (e.g. ``.qm`` files are built, not committed); callers check.
    """
    return resource_root().joinpath(*parts)
