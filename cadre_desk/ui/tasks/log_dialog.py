"""记录操作: what was done, how long (timer or typed minutes), a note and evidence.

Evidence: paste a screenshot from the clipboard (Ctrl+V), add files, see thumbnails. The
dialog only collects; the caller writes through the services in the background.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.enums import OperationKind
from cadre_desk.services.oplog import DEFAULT_MAX_BYTES, Evidence, LogDraft
from cadre_desk.ui.i18n import ui_label

THUMB = QSize(96, 72)


class StopwatchWidget(QWidget):
    """开始/暂停/清零 with a running mm:ss display; ``minutes`` is the elapsed time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._banked_ms = 0
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._refresh)
        self.display = QLabel("00:00")
        self.display.setObjectName("stopwatch")
        self.display.setStyleSheet("#stopwatch { font-size: 20px; font-family: monospace; }")
        self.start_button = QPushButton(self.tr("开始计时"))
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton(self.tr("清零"))
        self.reset_button.clicked.connect(self.reset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display)
        layout.addWidget(self.start_button)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)

    @property
    def running(self) -> bool:
        return self._clock.isValid()

    def elapsed_ms(self) -> int:
        return self._banked_ms + (self._clock.elapsed() if self._clock.isValid() else 0)

    def minutes(self) -> float:
        return round(self.elapsed_ms() / 60_000, 1)

    def toggle(self) -> None:
        if self.running:
            self._banked_ms += self._clock.elapsed()
            self._clock.invalidate()
            self._tick.stop()
            self.start_button.setText(self.tr("继续计时"))
        else:
            self._clock.start()
            self._tick.start()
            self.start_button.setText(self.tr("暂停"))
        self._refresh()

    def reset(self) -> None:
        self._clock.invalidate()
        self._tick.stop()
        self._banked_ms = 0
        self.start_button.setText(self.tr("开始计时"))
        self._refresh()

    def add_ms(self, ms: int) -> None:
        """Tests and "I forgot to start the timer": bank time directly."""
        self._banked_ms += ms
        self._refresh()

    def _refresh(self) -> None:
        seconds = self.elapsed_ms() // 1000
        self.display.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")


class LogOperationDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "",
        operation_kind: str = OperationKind.OTHER,
        expected_minutes: float | None = None,
        task_id: str | None = None,
        requirement_id: str | None = None,
        source_id: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录操作"))
        self.setMinimumWidth(520)
        self._task_id = task_id
        self._requirement_id = requirement_id
        self._source_id = source_id
        self._max_bytes = max_bytes
        self.evidence: list[Evidence] = []

        heading = QLabel(f"<b>{title}</b>" if title else self.tr("<b>记录一次操作或打卡</b>"))
        heading.setWordWrap(True)
        self.kind = QComboBox()
        for kind in OperationKind:
            self.kind.addItem(ui_label(kind), kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(operation_kind))))
        self.stopwatch = StopwatchWidget()
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setDecimals(1)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.minutes.setValue(expected_minutes or 0)
        self.stopwatch.start_button.clicked.connect(self._follow_timer)
        self._follow = QTimer(self)
        self._follow.setInterval(1000)
        self._follow.timeout.connect(self._sync_minutes)
        self.checkin = QCheckBox(self.tr("这是一次考核打卡"))
        self.checkin.setChecked(str(operation_kind) == OperationKind.STUDY_CHECKIN)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("备注（可选）：例如转发到了哪个群、填报的内容"))
        self.note.setFixedHeight(70)

        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setFixedHeight(THUMB.height() + 44)
        self.thumbs.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.thumbs.setAccessibleName(self.tr("留痕附件"))
        self.paste_button = QPushButton(self.tr("粘贴截图 (Ctrl+V)"))
        self.paste_button.clicked.connect(self.paste_screenshot)
        self.file_button = QPushButton(self.tr("添加文件…"))
        self.file_button.clicked.connect(self._choose_files)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        evidence_buttons = QHBoxLayout()
        evidence_buttons.addWidget(self.paste_button)
        evidence_buttons.addWidget(self.file_button)
        evidence_buttons.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("操作类型"), self.kind)
        form.addRow(self.tr("计时"), self.stopwatch)
        form.addRow(self.tr("用时"), self.minutes)
        form.addRow("", self.checkin)
        form.addRow(self.tr("备注"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存记录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("留痕（截图、文件）")))
        layout.addLayout(evidence_buttons)
        layout.addWidget(self.thumbs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Paste, self, self.paste_screenshot)

    # ----------------------------------------------------------------- timer

    def _follow_timer(self) -> None:
        if self.stopwatch.running:
            self._follow.start()
        else:
            self._follow.stop()
        self._sync_minutes()

    def _sync_minutes(self) -> None:
        if self.stopwatch.elapsed_ms():
            self.minutes.setValue(self.stopwatch.minutes())

    # ----------------------------------------------------------------- evidence

    def paste_screenshot(self) -> bool:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.message.setText(self.tr("剪贴板里没有图片：请先截图（例如 QQ/微信截图）再粘贴。"))
            return False
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        data = bytes(QByteArray(buffer.data()).data())
        return self._add(Evidence.screenshot(data, datetime.now(UTC)), image)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择留痕文件"))
        for path in paths:
            self.add_file(path)

    def add_file(self, path: str) -> bool:
        from pathlib import Path

        file = Path(path)
        try:
            size = file.stat().st_size
        except OSError as exc:
            self.message.setText(
                self.tr("无法读取 {name}：{error}").format(name=file.name, error=exc.strerror)
            )
            return False
        if size > self._max_bytes:
            self.message.setText(
                self.tr("{name} 有 {size:.1f} MB，超过上限 {limit:g} MB，未添加。请压缩后再试。").format(
                    name=file.name, size=size / 1024 / 1024, limit=self._max_bytes / 1024 / 1024
                )
            )
            return False
        image = QImage(str(file))
        return self._add(Evidence.from_path(file), None if image.isNull() else image)

    def _add(self, evidence: Evidence, image: QImage | None) -> bool:
        if evidence.data is not None and len(evidence.data) > self._max_bytes:
            self.message.setText(self.tr("截图太大，未添加。"))
            return False
        self.evidence.append(evidence)
        icon = (
            QIcon(QPixmap.fromImage(image.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio)))
            if image
            else QIcon()
        )
        item = QListWidgetItem(icon, evidence.filename)
        item.setToolTip(evidence.filename)
        self.thumbs.addItem(item)
        self.message.clear()
        return True

    # ----------------------------------------------------------------- result

    def draft(self) -> LogDraft:
        self._sync_minutes()
        return LogDraft(
            operation_kind=str(self.kind.currentData()),
            minutes=self.minutes.value(),
            note=self.note.toPlainText(),
            is_checkin=self.checkin.isChecked(),
            task_id=self._task_id,
            requirement_id=self._requirement_id,
            source_id=self._source_id,
            evidence=tuple(self.evidence),
        )
