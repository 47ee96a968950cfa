"""The settings dialog is generated from DECLARED and really saves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QSpinBox, QTimeEdit

from cadre_desk.domain.changes import Changes
from cadre_desk.platform import autostart
from cadre_desk.services.settings import DECLARED, Settings
from cadre_desk.storage.database import Database
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.settings_dialog import SettingsDialog


def make_dialog(db: Database, qtbot) -> tuple[SettingsDialog, Settings, DataBus, BackgroundRunner]:
    settings = Settings(db)
    bus = DataBus()
    errors: list[BaseException] = []
    runner = BackgroundRunner(errors.append)
    dialog = SettingsDialog(settings, runner, bus)
    qtbot.addWidget(dialog)
    return dialog, settings, bus, runner


def test_every_declared_setting_has_an_editor_of_its_type(db: Database, qtbot) -> None:
    dialog, _settings, _bus, _runner = make_dialog(db, qtbot)
    assert set(dialog.editors) == {spec.key for spec in DECLARED}
    widgets = {key: editor.widget for key, editor in dialog.editors.items()}
    assert isinstance(widgets["ui.language"], QComboBox)
    assert isinstance(widgets["ui.start_minimized"], QCheckBox)
    assert isinstance(widgets["analysis.zombie_days"], QSpinBox)
    assert isinstance(widgets["work.hours_start"], QTimeEdit)
    assert isinstance(widgets["fetch.proxy"], QLineEdit)
    for key, widget in widgets.items():
        assert widget.accessibleName(), key  # screen readers name every control


def test_save_writes_changed_values_and_announces(db: Database, qtbot) -> None:
    dialog, _settings, bus, runner = make_dialog(db, qtbot)
    editors = dialog.editors
    editors["user.unit"].widget.setText("城关镇人民政府")  # type: ignore[attr-defined]
    editors["analysis.zombie_days"].widget.setValue(21)  # type: ignore[attr-defined]
    editors["work.quiet_start"].widget.setTime(QTime(21, 30))  # type: ignore[attr-defined]
    editors["ui.start_minimized"].widget.setChecked(True)  # type: ignore[attr-defined]
    assert set(dialog.changed_values()) == {
        "user.unit",
        "analysis.zombie_days",
        "work.quiet_start",
        "ui.start_minimized",
    }
    with (
        qtbot.waitSignal(bus.changed, timeout=20_000) as announced,
        qtbot.waitSignal(dialog.accepted, timeout=20_000),
    ):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert announced.args == [Changes(settings=True)]
    fresh = Settings(db)  # read back through a new object: nothing cached
    assert fresh.get("user.unit") == "城关镇人民政府"
    assert fresh.get("analysis.zombie_days") == 21
    assert fresh.get("work.quiet_start") == "21:30"
    assert fresh.get("ui.start_minimized") is True
    assert fresh.get("user.name") == ""  # untouched settings are not written
    runner.wait_idle()


def test_restore_defaults_resets_only_the_current_page(db: Database, qtbot) -> None:
    settings = Settings(db)
    settings.set("work.hours_start", "09:00")
    settings.set("user.name", "李明")
    dialog, *_ = make_dialog(db, qtbot)
    assert dialog.editors["work.hours_start"].value() == "09:00"
    work_tab = next(
        i
        for i in range(dialog.tabs.count())
        if dialog.tabs.widget(i).isAncestorOf(dialog.editors["work.hours_start"].widget)
    )
    dialog.tabs.setCurrentIndex(work_tab)
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.editors["work.hours_start"].value() == "08:30"
    assert dialog.editors["user.name"].value() == "李明"


def test_autostart_box_writes_the_xdg_entry(db: Database, qtbot, isolated_desktop: Path) -> None:
    dialog, _settings, _bus, runner = make_dialog(db, qtbot)
    assert not dialog.autostart_box.isChecked()
    dialog.autostart_box.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.save()
    entry = isolated_desktop / "autostart" / "cadre-desk.desktop"
    assert entry.exists()
    assert "-m cadre_desk" in entry.read_text(encoding="utf-8")
    assert autostart.is_enabled()
    runner.wait_idle()


def test_keyboard_opens_settings_from_the_main_window(tmp_path: Path, qtbot) -> None:
    from PySide6.QtGui import QAction

    from cadre_desk.app import build_context, build_main_window

    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        action = window.findChild(QAction, "action:settings")
        assert action is not None
        assert not action.shortcut().isEmpty()
        assert action in window.file_menu.actions()
        window.runner.wait_idle()
    finally:
        ctx.close()
