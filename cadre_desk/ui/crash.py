"""Unexpected errors reach a dialog with a copyable report; expected ones a clear message."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk import __version__
from cadre_desk.domain.errors import CadreError

log = logging.getLogger(__name__)


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    background = getattr(exc, "__cadre_traceback__", None)
    return "\n".join(
        [
            f"cadre_desk {__version__} · Python {platform.python_version()} · Qt {qVersion()}",
            f"{platform.platform()} · {datetime.now().isoformat(timespec='seconds')}",
            "",
            background or "".join(lines),
        ]
    )


class CrashDialog(QDialog):
    def __init__(self, report: str, saved_to: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出现意外错误"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        text = self.tr("很抱歉，cadre_desk 遇到了一个意外错误。您的数据已保存。")
        if saved_to is not None:
            text += "\n" + self.tr("错误报告已保存到：{path}").format(path=saved_to)
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.report_view = QPlainTextEdit(report)
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("错误报告"))
        layout.addWidget(self.report_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("复制报告"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_error(parent: QWidget | None, exc: BaseException, crash_dir: Path | None = None) -> None:
    """Expected failures: message + next step. Anything else: the crash dialog."""
    if isinstance(exc, CadreError):
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("crash", "操作未完成"))
        box.setText(exc.user_message)
        if exc.next_step:
            box.setInformativeText(exc.next_step)
        box.exec()
        return
    report = crash_report(type(exc), exc, exc.__traceback__)
    saved = save_report(report, crash_dir) if crash_dir else None
    log.error("unexpected error:\n%s", report)
    CrashDialog(report, saved, parent).exec()


def save_report(report: str, crash_dir: Path) -> Path | None:
    try:
        crash_dir.mkdir(parents=True, exist_ok=True)
        path = crash_dir / f"crash-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.txt"
        path.write_text(report, encoding="utf-8")
        return path
    except OSError:
        log.exception("could not save crash report")
        return None


def install_excepthook(crash_dir: Path) -> None:
    """Route uncaught exceptions on the GUI thread to the crash dialog."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc.__traceback__ = tb
        show_error(None, exc, crash_dir)

    sys.excepthook = hook
