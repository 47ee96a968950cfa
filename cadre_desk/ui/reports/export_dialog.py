"""导出报告: format, what goes in (sources, notes, thumbnails, anonymized names), a preview,
and the target file. Preview and export run in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.errors import CadreError
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.preview import document_html
from cadre_desk.services.reports.workload_report import ExportFormat, ReportService
from cadre_desk.services.reports.workload_types import ReportOptions
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.i18n import SOURCE_LANGUAGE, current_language

SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def period_text(period: Period) -> str:
    """The period's Chinese name with its dates; in another interface language only the dates
    (the name is made in the reports service, in the report's language)."""
    if current_language() == SOURCE_LANGUAGE:
        return f"{period.label}（{period.first} 至 {period.last}）"
    return f"{period.first} – {period.last}"


class ExportDialog(QDialog):
    exported = Signal(str)

    def __init__(
        self, service: ReportService, runner: BackgroundRunner, period: Period, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._period = period
        self._preview_generation = 0
        self.setWindowTitle(self.tr("导出报告"))
        self.resize(980, 640)

        self.format_box = QComboBox()
        self.format_box.addItem(self.tr("Excel 工作簿（.xlsx）"), "xlsx")
        self.format_box.addItem(self.tr("PDF 文档（.pdf）"), "pdf")
        self.format_box.addItem(self.tr("CSV 表格（每张表一个 .csv，多张表打包为 .zip）"), "csv")
        self.detail_box = QCheckBox(self.tr("包含逐条操作明细"))
        self.detail_box.setChecked(True)
        self.notes_box = QCheckBox(self.tr("包含操作备注"))
        self.thumbnails_box = QCheckBox(self.tr("包含留痕截图缩略图（PDF/Excel）"))
        self.anonymize_box = QCheckBox(self.tr("隐去账号名称（显示为“账号01”等）"))

        self.sources_model = QStandardItemModel(self)
        self.sources_view = QListView()
        self.sources_view.setModel(self.sources_model)
        self.sources_view.setAccessibleName(self.tr("统计哪些账号"))
        all_button = QPushButton(self.tr("全选"))
        none_button = QPushButton(self.tr("全不选"))
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))

        self.target_edit = QLineEdit()
        self.target_edit.setAccessibleName(self.tr("保存位置"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("预览"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.export_button = self.buttons.addButton(self.tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("统计期间："), QLabel(period_text(period)))
        form.addRow(self.tr("格式："), self.format_box)
        options = QVBoxLayout()
        for box in (self.detail_box, self.notes_box, self.thumbnails_box, self.anonymize_box):
            options.addWidget(box)
        form.addRow(self.tr("内容："), options)
        source_buttons = QHBoxLayout()
        source_buttons.addWidget(all_button)
        source_buttons.addWidget(none_button)
        source_buttons.addStretch(1)
        form.addRow(self.tr("账号："), self.sources_view)
        form.addRow("", source_buttons)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)
        form.addRow(self.tr("保存到："), target_row)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.error_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("预览")))
        right_layout.addWidget(self.preview)
        if current_language() != SOURCE_LANGUAGE:
            # the report goes to Chinese units: its body stays Chinese whatever the interface says
            self.body_language_note = QLabel(
                self.tr("报告正文始终为中文（报送给单位的材料），与界面语言无关。")
            )
            self.body_language_note.setWordWrap(True)
            right_layout.addWidget(self.body_language_note)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.refresh_preview)
        for box in (self.detail_box, self.notes_box, self.thumbnails_box, self.anonymize_box):
            box.toggled.connect(self._preview_timer.start)
        self._bulk_change = False
        self.sources_model.itemChanged.connect(self._source_toggled)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._set_default_target()
        self._runner.run(self._service.sources, self._sources_loaded)

    # ------------------------------------------------------------------ inputs

    def _sources_loaded(self, sources: list[tuple[str, str]]) -> None:
        self._bulk_change = True  # one preview for the whole batch, not one per row
        for source_id, name in sources:
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            item.setData(source_id, SOURCE_ID_ROLE)
            self.sources_model.appendRow(item)
        self._bulk_change = False
        self.refresh_preview()

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self._bulk_change = True
        for row in range(self.sources_model.rowCount()):
            self.sources_model.item(row).setCheckState(state)
        self._bulk_change = False
        self._preview_timer.start()

    def _source_toggled(self) -> None:
        if not self._bulk_change:
            self._preview_timer.start()

    def fmt(self) -> ExportFormat:
        value = self.format_box.currentData()
        assert value in ("xlsx", "pdf", "csv")
        return value  # type: ignore[no-any-return]

    def options(self) -> ReportOptions:
        total = self.sources_model.rowCount()
        checked = [
            str(self.sources_model.item(row).data(SOURCE_ID_ROLE))
            for row in range(total)
            if self.sources_model.item(row).checkState() == Qt.CheckState.Checked
        ]
        return ReportOptions(
            source_ids=None if len(checked) == total else frozenset(checked),
            include_notes=self.notes_box.isChecked(),
            include_thumbnails=self.thumbnails_box.isChecked(),
            anonymize=self.anonymize_box.isChecked(),
            include_detail=self.detail_box.isChecked(),
        )

    def _set_default_target(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
            Path.home()
        )
        period = self._period
        in_name = period.label if current_language() == SOURCE_LANGUAGE else f"{period.first}_{period.last}"
        name = self.tr("工作量报告-{period}").format(period=in_name)
        self.target_edit.setText(str(Path(folder) / f"{name}.{self.fmt()}"))

    def _format_changed(self) -> None:
        current = Path(self.target_edit.text())
        if current.name:
            self.target_edit.setText(str(current.with_suffix(f".{self.fmt()}")))
        self.thumbnails_box.setEnabled(self.fmt() != "csv")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存报告"),
            self.target_edit.text(),
            self.tr("报告 (*.{ext})").format(ext=self.fmt()),
        )
        if path:
            self.target_edit.setText(path)

    # ------------------------------------------------------------------ preview

    def refresh_preview(self) -> None:
        self._preview_generation += 1
        generation = self._preview_generation
        options = self.options()
        preview_options = ReportOptions(
            source_ids=options.source_ids,
            include_notes=options.include_notes,
            include_thumbnails=options.include_thumbnails,
            anonymize=options.anonymize,
            include_detail=False,  # the preview shows the summary; the detail can be 200k rows
        )
        service, period = self._service, self._period

        def work() -> str:
            html = document_html(service.document(period, preview_options))
            if options.include_detail:
                html = html.replace(
                    "</body>", "<p style='color:#666'>（导出文件还将附上逐条操作明细）</p></body>"
                )
            return html

        def shown(html: str) -> None:
            if generation == self._preview_generation:
                self.preview.setHtml(html)

        self._runner.run(work, shown, self._show_error)

    # ------------------------------------------------------------------ export

    def start_export(self) -> None:
        text = self.target_edit.text().strip()
        if not text:
            self.error_label.setText(self.tr("请先选择保存位置。"))
            return
        target = Path(text)
        if target.suffix.lower() != f".{self.fmt()}":
            target = target.with_suffix(f".{self.fmt()}")
        self.error_label.setText(self.tr("正在导出…"))
        self.export_button.setEnabled(False)
        service, period, fmt, options = self._service, self._period, self.fmt(), self.options()
        self._runner.run(
            lambda: service.export(period, fmt, target, options), self._exported, self._show_error
        )

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.error_label.clear()
        self.exported.emit(str(path))
        self.accept()

    def _show_error(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, CadreError):
            self.error_label.setText(f"{exc.user_message}\n{exc.next_step}".strip())
            return
        from cadre_desk.ui.crash import show_error

        show_error(self, exc)
