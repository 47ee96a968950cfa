"""pytest-qt: the task models, quick-add, the log dialog's timer and evidence, the tray menu."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import func, select

from cadre_desk.domain.enums import OperationKind, TaskStatus
from cadre_desk.domain.recurrence import CHINA_TZ, china_date
from cadre_desk.platform.notifier import Notifier
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.requirements import RequirementDraft
from cadre_desk.services.settings import Settings
from cadre_desk.services.task_area import TaskArea, build_task_area
from cadre_desk.services.tasks import PAGE_SIZE, TaskView
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Attachment, OperationLog, Task
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.tasks.burden_page import BurdenPage
from cadre_desk.ui.tasks.log_dialog import LogOperationDialog
from cadre_desk.ui.tasks.page import TasksPage
from cadre_desk.ui.tasks.requirements_page import RequirementsPage
from cadre_desk.ui.tasks.task_model import TaskRole, TaskTableModel
from cadre_desk.ui.tray import TrayController

Mode = QAbstractItemModelTester.FailureReportingMode


@pytest.fixture
def full_area(db: Database, data_paths: DataPaths) -> TaskArea:
    return build_task_area(db, data_paths, Settings(db))


@pytest.fixture
def runner(qtbot) -> Iterator[BackgroundRunner]:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    background = BackgroundRunner(errors.append)
    yield background
    background.wait_idle()
    assert errors == []


def today() -> date:
    return china_date(datetime.now(UTC))


def daily(area: TaskArea, title: str = "每日学习打卡", minutes: float = 10) -> str:
    return area.requirements.create(
        RequirementDraft(
            title,
            OperationKind.STUDY_CHECKIN,
            "FREQ=DAILY",
            expected_minutes=minutes,
            starts_on=date(2026, 1, 1),
        )
    ).id


def test_task_model_pages_with_fetch_more(qtbot, full_area: TaskArea) -> None:  # type: ignore[no-untyped-def]
    daily(full_area)
    daily(full_area, "每日转发")
    full_area.tasks.generate_occurrences(today() - timedelta(days=PAGE_SIZE), today() - timedelta(days=1))
    model = TaskTableModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    tasks = full_area.tasks
    model.show_view(
        tasks.page(TaskView.OVERDUE),
        TaskView.OVERDUE,
        lambda after: tasks.page(TaskView.OVERDUE, after=after),
    )
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore()  # an empty page: the end
    assert model.rowCount() == 2 * PAGE_SIZE and not model.canFetchMore()
    ids = [model.index(r, 0).data(TaskRole.ID) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)
    assert model.index(0, 2).data() == "学习打卡"
    model.remove_ids(set(ids[:3]))
    assert model.rowCount() == 2 * PAGE_SIZE - 3
    model.show_view([], TaskView.DONE)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "完成时间"


def test_quick_add_from_the_page(qtbot, full_area: TaskArea, runner: BackgroundRunner) -> None:  # type: ignore[no-untyped-def]
    page = TasksPage(full_area, runner, DataBus())
    qtbot.addWidget(page)
    QAbstractItemModelTester(page.model, Mode.Fatal)
    page.show_view(TaskView.UPCOMING)
    page.quick_add.setFocus()
    page.quick_add.insert("后天下午3点前报送安全生产月报")  # keyClicks cannot type CJK (QTest is ASCII-only)
    assert "报送安全生产月报" in page.preview.text() and "15:00" in page.preview.text()
    qtbot.keyClick(page.quick_add, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    row = page.model.row_at(0)
    assert row is not None and row.title == "报送安全生产月报"
    assert row.due_at is not None and row.due_at.astimezone(CHINA_TZ).hour == 15
    assert page.quick_add.text() == ""


def test_bulk_complete_and_snooze_from_the_page(qtbot, full_area: TaskArea, runner: BackgroundRunner) -> None:  # type: ignore[no-untyped-def]
    daily(full_area)
    full_area.tasks.generate_occurrences(today() - timedelta(days=3), today() - timedelta(days=1))
    page = TasksPage(full_area, runner, DataBus())
    qtbot.addWidget(page)
    page.show_view(TaskView.OVERDUE)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=20_000)
    page.table.selectRow(0)
    page.snooze_selected(timedelta(hours=2))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20_000)
    page.table.selectAll()
    assert page.bulk_button.isEnabled()
    page.complete_selected()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and "已完成" in page.tabs.tabText(3), timeout=20_000)
    runner.wait_idle()
    with full_area.tasks._db.session() as s:
        assert s.scalar(select(func.count()).select_from(OperationLog)) == 2
        assert s.scalar(select(func.count()).where(Task.status == TaskStatus.DONE.value)) == 2


def test_log_dialog_timer_follows_and_minutes_can_be_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LogOperationDialog(
        title="学习打卡", operation_kind=OperationKind.STUDY_CHECKIN, expected_minutes=10
    )
    qtbot.addWidget(dialog)
    assert dialog.minutes.value() == 10 and dialog.checkin.isChecked()
    qtbot.mouseClick(dialog.stopwatch.start_button, Qt.MouseButton.LeftButton)
    assert dialog.stopwatch.running
    # The running display follows the clock: wait for its first whole second, not for a time
    # (a fixed 1.2 s wait and a 5 s bound on the elapsed time depend on the machine's load).
    qtbot.waitUntil(lambda: dialog.stopwatch.display.text() != "00:00", timeout=60_000)
    qtbot.mouseClick(dialog.stopwatch.start_button, Qt.MouseButton.LeftButton)  # pause
    assert not dialog.stopwatch.running
    elapsed = dialog.stopwatch.elapsed_ms()
    assert 1000 <= elapsed < 60_000
    assert dialog.stopwatch.display.text() == f"{elapsed // 60_000:02d}:{elapsed // 1000 % 60:02d}"
    assert dialog.stopwatch.elapsed_ms() == elapsed  # paused: the clock stands still
    dialog.stopwatch.add_ms(6 * 60_000)  # worked on while the dialog was minimized
    draft = dialog.draft()
    assert draft.minutes == pytest.approx((elapsed + 360_000) / 60_000, abs=0.1)
    dialog.stopwatch.reset()
    dialog.minutes.setValue(12)
    assert dialog.draft().minutes == 12  # typed estimate when the timer is not used
    assert dialog.draft().operation_kind == OperationKind.STUDY_CHECKIN


def test_paste_screenshot_and_save_from_the_page(
    qtbot, full_area: TaskArea, runner: BackgroundRunner
) -> None:  # type: ignore[no-untyped-def]
    task_id = full_area.tasks.create("转发到三个群并截图", datetime.now(UTC) + timedelta(hours=1)).id
    page = TasksPage(full_area, runner, DataBus())
    qtbot.addWidget(page)
    page.load_now()
    page.show_view(TaskView.TODAY)
    row = full_area.tasks.get(task_id)
    dialog = page.open_log_dialog(row)
    QGuiApplication.clipboard().clear()
    assert not dialog.paste_screenshot() and "没有图片" in dialog.message.text()
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    QGuiApplication.clipboard().setImage(image)
    dialog.evidence.clear()
    dialog.thumbs.clear()
    assert dialog.paste_screenshot()
    assert dialog.thumbs.count() == 1 and not dialog.thumbs.item(0).icon().isNull()
    assert dialog.evidence[0].data and dialog.evidence[0].data.startswith(b"\x89PNG")
    dialog.minutes.setValue(4)
    dialog.note.setPlainText("已转发")
    dialog.accept()
    runner.wait_idle()
    qtbot.waitUntil(lambda: full_area.tasks.get(task_id).status == TaskStatus.DONE, timeout=20_000)
    (log,) = full_area.oplog.for_task(task_id)
    assert (log.minutes, log.note) == (4, "已转发")
    assert log.attachments[0].path.is_file() and log.attachments[0].is_image
    with full_area.tasks._db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1


def test_too_large_file_is_refused_in_the_dialog(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = LogOperationDialog(max_bytes=100)
    qtbot.addWidget(dialog)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 200)
    assert not dialog.add_file(str(big))
    assert "超过上限" in dialog.message.text() and dialog.evidence == []
    assert not dialog.add_file(str(tmp_path / "missing.png"))
    assert "无法读取" in dialog.message.text()


def test_tray_menu_completes_a_task_in_one_click(
    qtbot, full_area: TaskArea, runner: BackgroundRunner
) -> None:  # type: ignore[no-untyped-def]
    daily(full_area, "每日学习打卡", minutes=15)
    full_area.tasks.generate_occurrences(today() - timedelta(days=1), today() - timedelta(days=1))
    bus = DataBus()
    tray = TrayController(full_area, runner, bus, Notifier())
    tray.refresh()
    qtbot.waitUntil(lambda: len(tray.task_actions) == 1, timeout=20_000)
    assert "每日学习打卡" in tray.task_actions[0].text() and "15" in tray.task_actions[0].text()
    assert "逾期 1 项" in tray.icon.toolTip()
    tray.task_actions[0].trigger()  # the one action after opening the menu
    qtbot.waitUntil(
        lambda: tray.task_actions == [] or "今天没有待办" in tray.menu.actions()[2].text(), timeout=20_000
    )
    runner.wait_idle()
    with full_area.tasks._db.session() as s:
        logs = s.scalars(select(OperationLog)).all()
    assert [(log.minutes, log.operation_kind) for log in logs] == [(15, "study_checkin")]


def test_reminder_click_opens_the_log_dialog_prefilled(
    qtbot, full_area: TaskArea, runner: BackgroundRunner, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    bus = DataBus()
    tray = TrayController(full_area, runner, bus, Notifier())
    notifier = tray.notifier
    notifier._plyer_ok = False  # headless: plyer has no backend; the tray balloon is the fallback
    messages: list[str] = []
    bus.status_message.connect(messages.append)
    task_id = full_area.tasks.create("报送月报", datetime.now(UTC) + timedelta(minutes=10)).id
    from cadre_desk.services.reminders import Reminder

    reminder = Reminder(
        task_id, "报送月报", datetime.now(UTC) + timedelta(minutes=10), datetime.now(UTC), False
    )
    tray.show_reminders([reminder])
    assert notifier.last_backend == "fallback"
    assert any("报送月报" in m for m in messages)  # visible even with no system tray
    with qtbot.waitSignal(tray.log_requested, timeout=20_000) as opened:
        tray._message_clicked()  # action one: click the reminder
    assert opened.args[0].id == task_id
    page = TasksPage(full_area, runner, bus)
    qtbot.addWidget(page)
    dialog = page.open_log_dialog(opened.args[0])
    dialog.accept()  # action two: 保存记录
    runner.wait_idle()
    qtbot.waitUntil(lambda: full_area.tasks.get(task_id).status == TaskStatus.DONE, timeout=20_000)


def test_requirements_page_saves_and_confirms_a_flag(
    qtbot, full_area: TaskArea, runner: BackgroundRunner
) -> None:  # type: ignore[no-untyped-def]
    bus = DataBus()
    page = RequirementsPage(full_area, runner, bus)
    qtbot.addWidget(page)
    QAbstractItemModelTester(page.model, Mode.Fatal)
    page.load_now()
    page.title.setText("每日巡查照片上传工作群")
    page.kind.setCurrentIndex(page.kind.findData(OperationKind.SCREENSHOT.value))
    page.imposed_by.setText("镇安监办")
    page.save()
    qtbot.waitUntil(lambda: page._current is not None and page.flags_layout.count() > 1, timeout=20_000)
    assert page._current is not None and "excessive_evidence" in page._current.suggested
    page.decide_flag("excessive_evidence", True)
    qtbot.waitUntil(
        lambda: page._current is not None and page._current.confirmed == ("excessive_evidence",),
        timeout=20_000,
    )
    assert "过度留痕" in page.flags_summary.text()
    page.load_now()
    assert page.model.rowCount() == 1 and "过度留痕" in page.model.index(0, 5).data()
    runner.wait_idle()
    with full_area.tasks._db.session() as s:  # saving generated its occurrences
        assert s.scalar(select(func.count()).select_from(Task)) > 0
    burden = BurdenPage(full_area, runner, bus)
    qtbot.addWidget(burden)
    QAbstractItemModelTester(burden.model, Mode.Fatal)
    burden.load_now()
    assert burden.model.rowCount() == 1
    assert burden.model.index(0, 0).data() == "过度留痕" and burden.model.index(0, 3).data() == "镇安监办"


def test_requirements_page_refuses_a_bad_rule(qtbot, full_area: TaskArea, runner: BackgroundRunner) -> None:  # type: ignore[no-untyped-def]
    page = RequirementsPage(full_area, runner, DataBus())
    qtbot.addWidget(page)
    page.title.setText("自定义")
    page.preset.setCurrentIndex(page.preset.findData("custom"))
    page.custom_rule.setText("FREQ=SOMETIMES")
    page.save()
    qtbot.waitUntil(lambda: "无法识别" in page.error.text(), timeout=20_000)
    assert full_area.requirements.catalogue() == []
