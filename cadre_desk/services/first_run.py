"""What the first-run wizard collected, and applying it to a freshly opened profile.

The wizard runs before any database exists (the user is still choosing the data folder),
so it produces a ``FirstRunPlan``; the launcher opens the chosen profile and calls
``apply_first_run``. Keeping this out of Qt lets tests and the CLI apply the same plan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from cadre_desk.platform import autostart
from cadre_desk.platform.secrets import SecretStore
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
    run_accounts: list[str] = field(default_factory=list)  # names of accounts the unit runs


@dataclass(frozen=True)
class FirstRunResult:
    catalogue_sources: int
    opml_sources: int


def import_opml_file(db: Database, settings: Settings, secrets: SecretStore, path: Path) -> int:
    """Import an OPML subscription list through the sources service; returns sources added."""
    from cadre_desk.services.sources import build_source_services
    from cadre_desk.sources.errors import OpmlError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OpmlError(
            f"无法读取 OPML 文件 {path}：{exc.strerror or exc}", "请检查文件路径后重试。"
        ) from exc
    return build_source_services(db, settings, secrets).sources.import_opml(data).added


def apply_first_run(
    db: Database, settings: Settings, secrets: SecretStore, plan: FirstRunPlan
) -> FirstRunResult:
    """Store the choices in the new profile. Settings first: they are the cheapest to redo."""
    settings.set("ui.language", plan.language)
    for key in HOUR_KEYS:
        if key in plan.hours:
            settings.set(key, plan.hours[key])
    settings.set("ui.start_minimized", plan.start_minimized)
    added = add_catalogue_sources(db, plan.choices)
    imported = 0
    if plan.opml_path is not None:
        imported = import_opml_file(db, settings, secrets, plan.opml_path)
    if plan.run_accounts:
        from cadre_desk.services.own.accounts import mark_run_by_names

        mark_run_by_names(db, plan.run_accounts)
    autostart.set_enabled(plan.autostart)
    log.info("first run applied: %d catalogue sources, %d from OPML", added, imported)
    return FirstRunResult(catalogue_sources=added, opml_sources=imported)
