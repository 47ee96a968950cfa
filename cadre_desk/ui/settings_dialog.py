"""The settings dialog, generated from ``services.settings.DECLARED``.

One tab per declared group, one editor per setting chosen from its type (a tick box for
``bool``, a spin box for ``int``, a list for settings with choices, a time field for
``HH:MM`` values, a text field otherwise). Settings added by any area appear here without
touching this file. Device-local options (autostart) sit in their own tab: they belong to
this computer, not to the synced profile.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.domain.labels import label
from cadre_desk.platform import autostart
from cadre_desk.services.settings import DECLARED, Settings, SettingSpec
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import LANGUAGES, current_language

log = logging.getLogger(__name__)

_TIME = re.compile(r"^\d{2}:\d{2}$")


def spec_text(text: str) -> str:
    """A declared label or description in the interface language (strings listed by the
    translation build from ``DECLARED``, context ``SettingSpec``)."""
    return QCoreApplication.translate("SettingSpec", text) if text else ""


def group_title(group: str) -> str:
    titles = {
        "general": QCoreApplication.translate("SettingsDialog", "常规"),
        "profile": QCoreApplication.translate("SettingsDialog", "个人信息"),
        "work": QCoreApplication.translate("SettingsDialog", "工作时间"),
        "analysis": QCoreApplication.translate("SettingsDialog", "分析"),
        "network": QCoreApplication.translate("SettingsDialog", "网络"),
        "fetch": QCoreApplication.translate("SettingsDialog", "抓取"),
        "inbox": QCoreApplication.translate("SettingsDialog", "收件箱"),
        "tasks": QCoreApplication.translate("SettingsDialog", "任务"),
        "reminders": QCoreApplication.translate("SettingsDialog", "提醒"),
        "reports": QCoreApplication.translate("SettingsDialog", "报表"),
        "sync": QCoreApplication.translate("SettingsDialog", "同步"),
        "sources": QCoreApplication.translate("SettingsDialog", "订阅源"),
    }
    return titles.get(group, group)


def choice_text(spec: SettingSpec, choice: Any) -> str:
    if spec.key == "ui.language":
        return LANGUAGES.get(str(choice), str(choice))
    return label(str(choice), current_language())  # enum values get their domain labels


class SettingEditor:
    """One declared setting and the widget that edits it."""

    def __init__(self, spec: SettingSpec, value: Any) -> None:
        self.spec = spec
        self.widget = self._build(spec)
        self.widget.setObjectName(f"setting:{spec.key}")
        self.widget.setAccessibleName(spec_text(spec.label))
        self.widget.setAccessibleDescription(spec_text(spec.description))
        self.widget.setToolTip(spec_text(spec.description))
        self.set_value(value)

    @staticmethod
    def _build(spec: SettingSpec) -> QWidget:
        if spec.choices:
            combo = QComboBox()
            for choice in spec.choices:
                combo.addItem(choice_text(spec, choice), choice)
            return combo
        if spec.type is bool:
            return QCheckBox(spec_text(spec.description))
        if spec.type is int:
            spin = QSpinBox()
            spin.setRange(0, 1_000_000)
            return spin
        if spec.type is float:
            double = QDoubleSpinBox()
            double.setRange(0.0, 1_000_000.0)
            return double
        if isinstance(spec.default, str) and _TIME.match(spec.default):
            time_edit = QTimeEdit()
            time_edit.setDisplayFormat("HH:mm")
            return time_edit
        line = QLineEdit()
        line.setPlaceholderText(spec_text(spec.description))
        return line

    def set_value(self, value: Any) -> None:
        widget = self.widget
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value))
        elif isinstance(widget, QTimeEdit):
            parsed = QTime.fromString(str(value), "HH:mm")
            widget.setTime(parsed if parsed.isValid() else QTime.fromString(str(self.spec.default), "HH:mm"))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def value(self) -> Any:
        widget = self.widget
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QDoubleSpinBox):
            return widget.value()
        if isinstance(widget, QTimeEdit):
            return widget.time().toString("HH:mm")
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()


class SettingsDialog(QDialog):
    """Edit every declared setting; saves in the background and announces ``settings``."""

    def __init__(
        self,
        settings: Settings,
        runner: BackgroundRunner,
        bus: DataBus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._runner = runner
        self._bus = bus
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(560)
        self.editors: dict[str, SettingEditor] = {}
        self._initial: dict[str, Any] = {}

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("设置分类"))
        pages: dict[str, QFormLayout] = {}
        for spec in DECLARED:
            form = pages.get(spec.group)
            if form is None:
                page = QWidget()
                form = QFormLayout(page)
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                pages[spec.group] = form
                self.tabs.addTab(page, group_title(spec.group))
            value = settings.get(spec.key)
            self._initial[spec.key] = value
            editor = SettingEditor(spec, value)
            self.editors[spec.key] = editor
            form.addRow(spec_text(spec.label), editor.widget)
            if spec.type is not bool and spec.description:
                hint = QLabel(spec_text(spec.description))
                hint.setWordWrap(True)
                hint.setEnabled(False)  # drawn in the palette's muted text colour
                form.addRow("", hint)

        device_page = QWidget()
        device_form = QFormLayout(device_page)
        self.autostart_box = QCheckBox(self.tr("登录系统后自动启动 cadre_desk"))
        self.autostart_box.setObjectName("setting:autostart")
        self.autostart_box.setAccessibleName(self.tr("开机自动启动"))
        self._autostart_initial = autostart.is_enabled()
        self.autostart_box.setChecked(self._autostart_initial)
        device_form.addRow(self.tr("开机自动启动"), self.autostart_box)
        device_hint = QLabel(self.tr("这一项只对这台电脑有效，不会同步到其他设备。"))
        device_hint.setWordWrap(True)
        device_hint.setEnabled(False)
        device_form.addRow("", device_hint)
        self.tabs.addTab(device_page, self.tr("本机"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText(self.tr("恢复本页默认值"))
        restore.clicked.connect(self.restore_current_page)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

    def restore_current_page(self) -> None:
        title = self.tabs.tabText(self.tabs.currentIndex())
        for editor in self.editors.values():
            if group_title(editor.spec.group) == title:
                editor.set_value(editor.spec.default)

    def changed_values(self) -> dict[str, Any]:
        return {
            key: editor.value()
            for key, editor in self.editors.items()
            if editor.value() != self._initial[key]
        }

    def save(self) -> None:
        changes = self.changed_values()
        autostart_wanted = self.autostart_box.isChecked()
        autostart_changed = autostart_wanted != self._autostart_initial
        self.buttons.setEnabled(False)

        def work() -> tuple[list[str], Changes]:
            changed = NOTHING
            for key, value in changes.items():
                changed |= self._settings.set(key, value)
            if autostart_changed:
                autostart.set_enabled(autostart_wanted)
            return sorted(changes), changed

        self._runner.run(work, self._saved, self._failed, write=True)

    def _saved(self, saved: tuple[list[str], Changes]) -> None:
        keys, changes = saved
        self.buttons.setEnabled(True)
        log.info("settings saved: %s", keys)
        if self._bus is not None:
            self._bus.announce(changes)
        if "ui.language" in keys:
            QMessageBox.information(
                self, self.tr("界面语言"), self.tr("新的界面语言将在重新启动 cadre_desk 后生效。")
            )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from cadre_desk.ui.crash import show_error

        self.buttons.setEnabled(True)
        show_error(self, exc)
