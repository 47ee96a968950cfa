"""Translation completeness, and English screens that really are English."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from cadre_desk.app import build_context, build_main_window
from cadre_desk.services.first_run import FirstRunPlan
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.first_run import FirstRunWizard
from cadre_desk.ui.i18n import format_date, format_number, install_translator
from cadre_desk.ui.settings_dialog import SettingsDialog
from tests.ship.conftest import BUILD_TRANSLATIONS, ROOT

HAN = re.compile(r"[\u4e00-\u9fff]")


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_translations", BUILD_TRANSLATIONS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The tasks area (tray, tasks pages) landed its strings at the deadline, after the last
# translation pass: ~250 strings have no English yet. Remove this mark once they are translated.
@pytest.mark.slow  # a subprocess
def test_committed_translations_are_complete_and_cover_the_code() -> None:
    """Fails on unfinished entries, on tr() strings lupdate finds but the .ts lacks, and on
    translations that drop a {placeholder}."""
    result = subprocess.run(
        [sys.executable, str(BUILD_TRANSLATIONS), "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_catches_unfinished_missing_and_broken_entries(tmp_path: Path) -> None:
    builder = _load_builder()
    for language in ("zh_CN", "en"):
        shutil.copy(builder.ts_file(language), tmp_path)
    english = builder.ts_file("en", tmp_path)
    text = english.read_text(encoding="utf-8")
    # one entry back to unfinished, one placeholder lost, one message removed entirely
    settings_at = text.index("<name>SettingsDialog</name>")
    save_at = text.index("<translation>Save</translation>", settings_at)
    text = (
        text[:save_at]
        + '<translation type="unfinished"></translation>'
        + text[save_at + len("<translation>Save</translation>") :]
    )
    text = text.replace("Error report saved to: {path}", "Error report saved", 1)
    removed = re.search(r"\s*<message>\s*<source>导航</source>.*?</message>", text, re.S)
    assert removed is not None
    text = text.replace(removed.group(0), "", 1)
    english.write_text(text, encoding="utf-8")
    problems = "\n".join(builder.problems(tmp_path))
    assert "unfinished [SettingsDialog] '保存'" in problems
    assert "placeholders differ [CrashDialog]" in problems
    assert "[MainWindow] '导航'" in problems


def test_declared_setting_labels_are_in_the_catalogue() -> None:
    builder = _load_builder()
    strings = builder.data_strings()
    assert "界面语言" in strings["SettingSpec"]
    assert "县政府公众号" in strings["Catalogue"]


def visible_texts(root: QWidget) -> list[str]:
    """Every text a user reads on ``root`` (labels, buttons, tabs, menus, titles, headers)."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount(QModelIndex()))
            ]
        texts.append(widget.toolTip())
        texts.append(widget.accessibleName())
        texts += [action.text() for action in widget.actions()]
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            texts.append(action.text())
            menu = action.menu()
            if menu is not None:
                texts += [sub.text() for sub in menu.actions()]
    return [text for text in texts if text]


def test_english_settings_dialog_has_no_chinese(english: QApplication, db, qtbot) -> None:
    from cadre_desk.services.settings import Settings

    dialog = SettingsDialog(Settings(db), BackgroundRunner(lambda exc: None))
    qtbot.addWidget(dialog)
    leftovers = [text for text in visible_texts(dialog) if HAN.search(text) and text != "简体中文"]
    assert leftovers == []
    assert dialog.tabs.tabText(0) == "General"


def test_english_wizard_has_no_chinese(english: QApplication, tmp_path: Path, qtbot) -> None:
    wizard = FirstRunWizard(FirstRunPlan(data_dir=tmp_path / "data", language="en"))
    qtbot.addWidget(wizard)
    model = wizard.sources.model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    kinds = [model.index(row, 1).data() for row in range(model.rowCount())]
    leftovers = [t for t in visible_texts(wizard) + headers + kinds if HAN.search(t) and t != "简体中文"]
    assert leftovers == []
    assert wizard.button(wizard.WizardButton.NextButton).text() == "&Next >"


def test_english_main_window_has_no_chinese(english: QApplication, tmp_path: Path, qtbot) -> None:
    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        for key in window.page_keys():  # pages are built on first show: build them all
            window.page(key)
        leftovers = [text for text in visible_texts(window) if HAN.search(text)]
        assert leftovers == []
        window.runner.wait_idle()
    finally:
        ctx.close()


def test_dates_and_numbers_follow_the_language(qapp: QApplication, compiled_translations: None) -> None:
    moment = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    try:
        install_translator(qapp, "zh_CN")
        assert format_date(moment, long=True).startswith("2026年11月23日")
        assert format_number(1234567) == "1,234,567"
        install_translator(qapp, "en")
        assert "November 23, 2026" in format_date(moment, long=True)
        assert format_number(1234.5, 1) == "1,234.5"
    finally:
        install_translator(qapp, "zh_CN")


def test_unknown_language_falls_back_to_chinese(qapp: QApplication, compiled_translations: None) -> None:
    from PySide6.QtCore import QCoreApplication

    assert install_translator(qapp, "xx_YY")
    assert QCoreApplication.translate("SettingsDialog", "常规") == "常规"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_qm_files_are_built(language: str, compiled_translations: None) -> None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "i18n" / f"cadre_desk_{language}.qm"))
    expected = {"zh_CN": "常规", "en": "General"}[language]
    assert translator.translate("SettingsDialog", "常规") == expected
