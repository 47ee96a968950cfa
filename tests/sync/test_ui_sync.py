"""The sync dialog and status-bar indicator, on real profiles, offscreen."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from cadre_desk.domain.changes import Changes
from cadre_desk.services.sync.service import SyncService
from cadre_desk.services.sync.status import SyncStatus
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.sync.dialog import SyncDialog
from cadre_desk.ui.sync.status_widget import SyncStatusWidget
from tests.sync.helpers import Replica
from tests.sync.server_fixtures import LiveServer

SHOTS = Path(os.environ["CADRE_SHOTS"]) if os.environ.get("CADRE_SHOTS") else None


def _runner() -> BackgroundRunner:
    errors: list[BaseException] = []

    def fail(exc: BaseException) -> None:
        errors.append(exc)
        raise AssertionError(f"unexpected background error: {exc!r}")

    return BackgroundRunner(fail)


def shows_an_import(status_text: str) -> bool:
    """The status after an import (an empty label, before any read arrives, is not one)."""
    return "上次U盘导入：" in status_text and "上次U盘导入：从未" not in status_text


def test_dialog_exports_and_imports_through_a_folder(
    qtbot, make_replica: Callable[..., Replica], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    a, b = make_replica("a"), make_replica("b")
    a.add_task("每日学习打卡")
    runner, bus = _runner(), DataBus()
    announced: list[Changes] = []
    bus.changed.connect(announced.append)

    export_dialog = SyncDialog(SyncService(a.db, a.paths, a.secrets), runner, bus)
    qtbot.addWidget(export_dialog)
    export_dialog.folder_edit.setText(str(tmp_path / "usb"))
    export_dialog.export_button.click()
    qtbot.waitUntil(lambda: "已导出 1 条更改" in export_dialog.result_label.text(), timeout=30_000)

    import_dialog = SyncDialog(SyncService(b.db, b.paths, b.secrets), runner, bus)
    qtbot.addWidget(import_dialog)
    import_dialog.folder_edit.setText(str(tmp_path / "usb"))
    import_dialog.import_button.click()
    qtbot.waitUntil(lambda: "新增 1 条" in import_dialog.result_label.text(), timeout=30_000)
    assert announced == [Changes(tasks=True)]  # what the import changed, not every synced table
    assert b.snapshot() == a.snapshot()
    qtbot.waitUntil(lambda: shows_an_import(import_dialog.status_label.text()), timeout=30_000)
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        import_dialog.grab().save(str(SHOTS / "sync-dialog.png"))
    runner.wait_idle()


class _FirstStatusLate(SyncService):
    """The dialog's opening status read is held back until the test lets it go: a busy machine
    can schedule that pool thread after the import and its own status read."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.release_first = threading.Event()
        self._calls = 0
        self._count = threading.Lock()

    def status(self) -> SyncStatus:
        with self._count:  # two reads at once must not both count themselves first
            self._calls += 1
            first = self._calls == 1
        if first:
            stale = super().status()
            self.release_first.wait(10)
            return stale
        return super().status()


def test_an_older_status_read_finishing_late_does_not_paint_over_a_newer_one(
    qtbot, make_replica: Callable[..., Replica], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    a, b = make_replica("a"), make_replica("b")
    a.add_task("每日学习打卡")
    SyncService(a.db, a.paths, a.secrets).export_bundle(tmp_path / "usb")
    runner = _runner()
    service = _FirstStatusLate(b.db, b.paths, b.secrets)
    dialog = SyncDialog(service, runner, DataBus())
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "usb"))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "新增 1 条" in dialog.result_label.text(), timeout=30_000)
    qtbot.waitUntil(lambda: shows_an_import(dialog.status_label.text()), timeout=30_000)
    after_import = dialog.status_label.text()
    service.release_first.set()  # the stale read (taken before the import) now arrives
    runner.wait_idle()  # it has been handed to the GUI thread...
    QApplication.processEvents()  # ...and is delivered here (or dropped)
    assert dialog.status_label.text() == after_import


def test_dialog_shows_a_refused_bundle_in_plain_words(
    qtbot, make_replica: Callable[..., Replica], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    b = make_replica("b")
    broken = tmp_path / "000001.cdsync"
    broken.write_bytes(b"PK\x03\x04 cut short")
    runner = _runner()
    dialog = SyncDialog(SyncService(b.db, b.paths, b.secrets), runner, DataBus())
    qtbot.addWidget(dialog)
    dialog.import_bundles(broken)
    qtbot.waitUntil(lambda: "不完整或已损坏" in dialog.result_label.text(), timeout=30_000)
    assert dialog.export_button.isEnabled()
    runner.wait_idle()


def test_server_tab_syncs_and_indicator_shows_pending(
    qtbot, make_replica: Callable[..., Replica], live_server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    _, token = live_server.user()
    a = make_replica("a")
    a.add_task("填报")
    runner, bus = _runner(), DataBus()
    service = SyncService(a.db, a.paths, a.secrets)
    window = QWidget()
    qtbot.addWidget(window)
    indicator = SyncStatusWidget(service, runner, bus, window)
    indicator.refresh()
    qtbot.waitUntil(lambda: indicator.status is not None, timeout=30_000)
    assert "未设服务器" in indicator.text()

    dialog = SyncDialog(service, runner, bus)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.url_edit.setText(live_server.url)
    dialog.token_edit.setText(token)
    dialog.save_server_button.click()
    indicator.refresh()
    qtbot.waitUntil(lambda: "待上传 1 条" in indicator.text(), timeout=30_000)
    dialog.sync_button.click()
    qtbot.waitUntil(lambda: "已同步" in dialog.result_label.text(), timeout=30_000)
    indicator.refresh()
    qtbot.waitUntil(lambda: "待上传 0 条" in indicator.text(), timeout=30_000)
    if SHOTS:
        dialog.grab().save(str(SHOTS / "sync-dialog-server.png"))
    runner.wait_idle()


def test_dialog_asks_before_a_mass_deletion_and_applies_when_confirmed(
    qtbot, make_replica: Callable[..., Replica], tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from cadre_desk.storage.models import Source
    from tests.sync.helpers import tombstone

    a, b = make_replica("a"), make_replica("b")
    usb = tmp_path / "usb"
    sources = [a.add_source(f"公众号{n}") for n in range(12)]
    service_a = SyncService(a.db, a.paths, a.secrets)
    service_a.export_bundle(usb)
    SyncService(b.db, b.paths, b.secrets).import_bundles(usb)
    tombstone(a, Source, sources[:10])
    service_a.export_bundle(usb)

    questions: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: (questions.append(args[2]), answers.pop(0))[1])
    runner = _runner()
    dialog = SyncDialog(SyncService(b.db, b.paths, b.secrets), runner, DataBus())
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(usb))
    dialog.import_button.click()  # answered "no": nothing changes
    qtbot.waitUntil(lambda: "未完成" in dialog.result_label.text(), timeout=30_000)
    assert "订阅源：共 12 条，将删除 10 条" in questions[0]
    assert b.count("SELECT count(*) FROM sources WHERE NOT deleted") == 12
    dialog.import_button.click()  # answered "yes": the import runs again, confirmed
    qtbot.waitUntil(lambda: "删除 10 条" in dialog.result_label.text(), timeout=30_000)
    assert b.count("SELECT count(*) FROM sources WHERE NOT deleted") == 2
    runner.wait_idle()


def test_report_texts_say_in_chinese_what_the_cli_says(qtbot) -> None:  # type: ignore[no-untyped-def]
    from collections import Counter

    from cadre_desk.services.sync.apply import ApplyResult
    from cadre_desk.services.sync.bundle import ExportReport, ImportReport
    from cadre_desk.services.sync.server_client import ServerSyncReport
    from cadre_desk.ui.sync.report_text import export_text, import_text, server_text

    applied = ApplyResult(inserted=Counter(items=3), updated=Counter(tasks=2), deleted=1, received=6)
    files = [Path("000001.cdsync"), Path("000002.cdsync")]
    for report in (ExportReport(), ExportReport(files=files, records=7, attachments=1)):
        assert export_text(report) == report.summary()
    for imported in (ImportReport(), ImportReport(files=files), ImportReport(files=files, result=applied)):
        assert import_text(imported) == imported.summary()
    for synced in (ServerSyncReport(pushed=4, pulled=applied), ServerSyncReport(unit_note="已报送")):
        assert server_text(synced) == synced.summary()
