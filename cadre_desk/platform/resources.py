"""Find bundled resources (icons, translations, fonts) installed, from a checkout, or frozen.

``importlib.resources`` finds it as ``cadre_desk.resources`` where a build maps the
top-level ``resources/`` folder into the package. A source checkout (and an editable
install) has the folder next to ``cadre_desk/``; a wheel built by setuptools installs it as
data files under ``<prefix>/share/cadre_desk/resources`` (``tool.setuptools.data-files``);
a PyInstaller bundle unpacks it under ``sys._MEIPASS/cadre_desk/resources``. Never resolve
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
    checkout = Path(cadre_desk.__file__).resolve().parent.parent / "resources"
    if (checkout / "icons").is_dir():
        return checkout
    # A wheel install: pyproject's data-files put resources under <prefix>/share/cadre_desk.
    for prefix in (sys.prefix, sys.base_prefix):
        shared = Path(prefix) / "share" / "cadre_desk" / "resources"
        if shared.is_dir():
            return shared
    return checkout


def resource_path(*parts: str) -> Path:
    """Path of a resource, e.g. ``resource_path("icons", "cadre_desk.svg")``.

    The path may not exist (e.g. ``.qm`` files are built, not committed); callers check.
    """
    return resource_root().joinpath(*parts)
