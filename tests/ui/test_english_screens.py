"""Screens that showed Chinese in English: the export dialog's period and body note, the
WeChat-bridge hint of the add-source dialog."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel

from cadre_desk.app import build_context
from cadre_desk.services.reports.periods import month
from cadre_desk.services.reports.workload_report import ReportService
from cadre_desk.services.sources import build_source_services
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.reports.export_dialog import ExportDialog
from cadre_desk.ui.sources.add_dialog import AddSourceDialog

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_export_dialog_and_bridge_hint(interface_language: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    runner = BackgroundRunner(lambda exc: None)
    try:
        dialog = ExportDialog(
            ReportService(ctx.db, ctx.settings, ctx.paths.attachments), runner, month(2026, 11)
        )
        qtbot.addWidget(dialog)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        english = interface_language == "en"
        assert ("2026-11-01 – 2026-11-30" in labels) == english
        assert any("2026年11月" in text for text in labels) != english
        note = getattr(dialog, "body_language_note", None)
        assert (note is not None and "always written in Chinese" in note.text()) == english
        assert ("2026年11月" in dialog.target_edit.text()) != english

        add = AddSourceDialog(build_source_services(ctx.db, ctx.settings, ctx.secrets), runner)
        qtbot.addWidget(add)
        for index in range(add.bridge_preset.count()):
            add.bridge_preset.setCurrentIndex(index)
            hint = add.bridge_hint.text()
            assert bool(HAN.search(hint + add.bridge_preset.itemText(index))) != english, hint
        runner.wait_idle()
    finally:
        ctx.close()
