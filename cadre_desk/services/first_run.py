"""What the first-run wizard collected, and applying it to a freshly opened profile.

The wizard runs before any database exists (the user is still choosing the data folder),
so it produces a ``FirstRunPlan``. The launcher opens the chosen profile, stores the plan's
settings (``apply_first_run_settings``) before ``app.build_services`` reads them, then hands
the built services to ``apply_first_run`` for the sources and accounts. Keeping this out of Qt
lets tests and the CLI apply the same plan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.platform import autostart
from cadre_desk.services.catalogue import CatalogueChoice
from cadre_desk.services.settings import Settings

if TYPE_CHECKING:
    from cadre_desk.services.own.accounts import OwnAccountService
    from cadre_desk.services.sources import SourceService

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
    changes: Changes = NOTHING


def read_opml_file(path: Path) -> bytes:
    from cadre_desk.sources.errors import OpmlError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise OpmlError(
            f"无法读取 OPML 文件 {path}：{exc.strerror or exc}", "请检查文件路径后重试。"
        ) from exc


def apply_first_run_settings(settings: Settings, plan: FirstRunPlan) -> Changes:
    """Language, working hours and desktop options: before the services are built, since the
    reminders read the hours then. The cheapest part to redo, so it goes first."""
    changes = settings.set("ui.language", plan.language)
    for key in HOUR_KEYS:
        if key in plan.hours:
            changes |= settings.set(key, plan.hours[key])
    changes |= settings.set("ui.start_minimized", plan.start_minimized)
    autostart.set_enabled(plan.autostart)
    return changes


def apply_first_run(
    plan: FirstRunPlan, sources: SourceService, accounts: OwnAccountService
) -> FirstRunResult:
    """The plan's sources (catalogue, OPML file) and the accounts the unit runs, through the
    services ``app.build_services`` built."""
    opml = read_opml_file(plan.opml_path) if plan.opml_path is not None else None  # before any write
    added = sources.add_from_catalogue(plan.choices)
    changes = added.changes
    imported = 0
    if opml is not None:
        report = sources.import_opml(opml)
        imported, changes = report.added, changes | report.changes
    changes |= accounts.mark_run_by_names(plan.run_accounts).changes
    log.info("first run applied: %d catalogue sources, %d from OPML", added.count, imported)
    return FirstRunResult(catalogue_sources=added.count, opml_sources=imported, changes=changes)
