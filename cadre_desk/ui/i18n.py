"""Interface language: Qt translators from ``resources/i18n`` and the locale for dates/numbers.

Source strings are Simplified Chinese; ``cadre_desk_en.qm`` turns them into English. The
language is the ``ui.language`` setting and takes effect at the next start (the launcher
calls ``install_translator`` once, before any window is built).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, QTime, QTranslator

from cadre_desk.domain.labels import label
from cadre_desk.platform.resources import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}  # each name in its own language
_PROPERTY = "_cadre_translators"


def qm_path_for(language: str) -> str:
    return str(resource_path("i18n", f"cadre_desk_{language}.qm"))


def locale_for(language: str) -> QLocale:
    if language == "en":
        # US conventions for English text (month/day order, comma grouping).
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China)


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Load the app's and Qt's own translations for ``language``; True if ours was found.

    Unknown languages fall back to the source language (Chinese) with a log line, never
    an error: a bad setting must not stop the app from starting.
    """
    if language not in LANGUAGES:
        log.warning("unknown interface language %r, using %s", language, SOURCE_LANGUAGE)
        language = SOURCE_LANGUAGE
    remove_translators(app)
    QLocale.setDefault(locale_for(language))
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    found = ours.load(qm_path_for(language))
    if found:
        app.installTranslator(ours)
        installed.append(ours)
    elif language != SOURCE_LANGUAGE:
        log.error("translation file missing: %s (run packaging/build_translations.py)", qm_path_for(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):  # standard buttons (确定/取消), file dialogs
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    else:
        log.warning("Qt's own translation qtbase_%s not found in %s", language, qt_dir)
    if language in QT_SUPPLEMENT:
        # installed last, so asked first: fills what Qt's file lags behind on
        supplement = QtSupplement(QT_SUPPLEMENT[language], app)
        app.installTranslator(supplement)
        installed.append(supplement)
    app.setProperty(_PROPERTY, installed)
    log.info("interface language %s (app translation %s)", language, "loaded" if found else "source")
    return found or language == SOURCE_LANGUAGE


# Strings of Qt's own dialogs that the qtbase_zh_CN.qm shipped with PySide6 lacks (it was made
# for older source texts: the file dialog showed "Look in:" beside "体积").
QT_SUPPLEMENT: dict[str, dict[tuple[str, str], str]] = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QFileDialog", "File &name:"): "文件名(&N)：",
        ("QFileSystemModel", "Size"): "大小",
        ("QFileSystemModel", "Folder"): "文件夹",
        ("QFileSystemModel", "File"): "文件",
        ("QFileSystemModel", "%1 File"): "%1 文件",
        ("QFileSystemModel", "Drive"): "驱动器",
        ("QFileSystemModel", "Unknown"): "未知",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QAbstractFileIconProvider", "File"): "文件",
        ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    }
}


class QtSupplement(QTranslator):
    """A translator over a small table; empty (ask the next translator) for anything else."""

    def __init__(self, table: dict[tuple[str, str], str], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._table = table

    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None is a null QString: Qt then asks the next translator ("" would stop it there)
        return self._table.get((context, source_text))

    def isEmpty(self) -> bool:
        return not self._table


def remove_translators(app: QCoreApplication) -> None:
    for translator in app.property(_PROPERTY) or []:
        app.removeTranslator(translator)
    app.setProperty(_PROPERTY, [])


def format_date(value: date | datetime, long: bool = False) -> str:
    """A date in the interface language's format (2026年11月23日 / Nov 23, 2026)."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(QDate(value.year, value.month, value.day), fmt)


def format_datetime(value: datetime) -> str:
    """Local date and time (24-hour in both languages: office hours are written that way)."""
    local = value.astimezone() if value.tzinfo is not None else value
    qdt = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))
    return QLocale().toString(qdt, QLocale().dateFormat(QLocale.FormatType.ShortFormat) + " HH:mm")


def format_number(value: float, decimals: int = 0) -> str:
    """Grouped digits in the locale's style (12,345 / 12,345.6)."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def current_language() -> str:
    """The interface language in effect (for ``domain.labels.label`` and reports)."""
    return "en" if QLocale().language() == QLocale.Language.English else SOURCE_LANGUAGE


def ui_label(value: StrEnum | str) -> str:
    """A domain vocabulary label (operation kind, level, ...) in the interface language."""
    return label(value, current_language())


def short_day_names() -> list[str]:
    """Monday..Sunday, short, in the interface language (一…日 / Mon…Sun)."""
    if current_language() == SOURCE_LANGUAGE:
        return ["一", "二", "三", "四", "五", "六", "日"]
    locale = QLocale()
    return [locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]
