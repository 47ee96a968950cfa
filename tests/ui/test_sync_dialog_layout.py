"""The sync dialog opens large enough for its pairing-key row, in both languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from cadre_desk.app import build_context
from cadre_desk.services.sync.service import SyncService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.sync.dialog import SyncDialog


def _squashed(widget: QWidget) -> str | None:
    hint, size = widget.sizeHint(), widget.size()
    height_needed = widget.heightForWidth(size.width()) if widget.hasHeightForWidth() else hint.height()
    if size.width() < min(hint.width(), widget.maximumWidth()) or size.height() < height_needed:
        return (
            f"{type(widget).__name__} {widget.text() if hasattr(widget, 'text') else ''!r}: {size} < {hint}"
        )
    return None


def test_pairing_key_row_gets_its_size_hint(interface_language: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    runner = BackgroundRunner(lambda exc: (_ for _ in ()).throw(exc))
    try:
        service = SyncService(ctx.db, ctx.paths, ctx.secrets)
        dialog = SyncDialog(service, runner, DataBus())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        runner.wait_idle()
        # the status arrives from the background and adds lines below the tabs
        qtbot.waitUntil(lambda: dialog.status_label.text() != "", timeout=20_000)
        QApplication.processEvents()
        assert dialog.key_box.title() == ("配对密钥" if interface_language == "zh_CN" else "Pairing key")
        row = [dialog.key_label, dialog.show_key_button, dialog.new_key_button, dialog.enter_key_button]
        assert all(widget.isVisible() for widget in row)
        actions = [dialog.export_button, dialog.import_button, dialog.import_file_button]
        problems = [p for p in map(_squashed, row + actions) if p]
        assert problems == []

        # a set key makes the status text longer: still whole
        service.new_pairing_key()
        dialog.refresh()
        QApplication.processEvents()
        assert _squashed(dialog.key_label) is None
    finally:
        runner.wait_idle()
        ctx.close()
