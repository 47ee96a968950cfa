"""What the first-run wizard collected, and applying it to a freshly opened profile.

The wizard runs before any database exists (the user is still choosing the data folder),
so it produces a ``FirstRunPlan``; the launcher opens the chosen profile and calls
``apply_first_run``. Keeping this out of Qt lets tests and the CLI apply the same plan.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cadre_desk.platform import autostart
from cadre_desk.services.catalogue import CatalogueChoice, add_catalogue_sources
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database

log = logging.getLogger(__name__)

HOUR_KEYS = ("work.hours_start", "work.hours_end", "work.quiet_start", "work.quiet_end")


@dataclass
class FirstRunPlan:
    data_dir: Path
    language: str = "zh_CN"
    choices: list[CatalogueChoice] = field(default_factory=list)
    opml_path: Path | None = None
    hours: dict[str, str] = field(default_factory=dict)  # keys from HOUR_KEYS, "HH:MM"
    start_minimized: bool = False
    autostart: bool = False


@dataclass(frozen=True)
class FirstRunResult:
    catalogue_sources: int
    opml_sources: int


def opml_importer() -> Callable[[Database, Path], int] | None:
    """The OPML import of the sources service, if this build has it (else the page is hidden).

    Looked up by name so the wizard never offers an import that does not exist.
    """
    for module_name, function_name in (
        ("cadre_desk.services.opml", "import_opml_file"),
        ("cadre_desk.services.sources", "import_opml_file"),
    ):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, function_name, None)
        if callable(function):
            return _count_adapter(function)
    return None


def _count_adapter(function: Callable[..., object]) -> Callable[[Database, Path], int]:
    def run(db: Database, path: Path) -> int:
        result = function(db, path)
        if isinstance(result, int):
            return result
        for attribute in ("added", "created", "imported"):
            value = getattr(result, attribute, None)
            if isinstance(value, int):
                return value
            if isinstance(value, list | tuple):
                return len(value)
        return 0

    return run


def apply_first_run(db: Database, settings: Settings, plan: FirstRunPlan) -> FirstRunResult:
    """Store the choices in the new profile. Settings first: they are the cheapest to redo."""
    settings.set("ui.language", plan.language)
    for key in HOUR_KEYS:
        if key in plan.hours:
            settings.set(key, plan.hours[key])
    settings.set("ui.start_minimized", plan.start_minimized)
    added = add_catalogue_sources(db, plan.choices)
    imported = 0
    if plan.opml_path is not None:
        importer = opml_importer()
        if importer is None:  # the wizard hides the page; a plan from elsewhere must not lose it
            raise RuntimeError("OPML import is not available in this build")
        imported = importer(db, plan.opml_path)
    autostart.set_enabled(plan.autostart)
    log.info("first run applied: %d catalogue sources, %d from OPML", added, imported)
    return FirstRunResult(catalogue_sources=added, opml_sources=imported)
