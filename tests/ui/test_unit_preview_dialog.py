"""The unit statistics dialog shows exactly what would be sent before it can be switched on."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from cadre_desk.app import build_context
from cadre_desk.services import unit_report
from cadre_desk.services.sync.service import SyncService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.sync.unit_preview import UnitPreviewDialog


def test_preview_then_enable_then_disable(interface_language: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    runner = BackgroundRunner(lambda exc: (_ for _ in ()).throw(exc))
    try:
        service = SyncService(ctx.db, ctx.paths, ctx.secrets)
        dialog = UnitPreviewDialog(service, runner)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.enable_button.isEnabled(), timeout=20_000)
        shown = json.loads(dialog.preview.toPlainText())
        assert shown == json.loads(unit_report.preview(ctx.db))
        assert (ctx.paths.root / "unit_report_previewed").exists()
        assert not dialog.disable_button.isEnabled()
        QApplication.processEvents()
        keep = os.environ.get("CADRE_UNIT_SCREENSHOTS")
        if keep:
            dialog.grab().save(str(Path(keep) / f"unit-preview-{interface_language}.png"))

        dialog.enable_button.click()
        qtbot.waitUntil(lambda: dialog.disable_button.isEnabled(), timeout=20_000)
        assert service.unit_reporting()
        dialog.disable_button.click()
        qtbot.waitUntil(lambda: dialog.enable_button.isEnabled(), timeout=20_000)
        assert not service.unit_reporting()  # no server configured: nothing to delete there
        runner.wait_idle()
    finally:
        ctx.close()
