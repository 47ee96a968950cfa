"""The 减负 page: findings ranked by minutes saved, evidence per finding, actions, what-if."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import FindingStatus
from cadre_desk.services.analysis.accounts import AccountFindings, findings_of, group_by_account
from cadre_desk.services.analysis.desk import AnalysisDesk
from cadre_desk.services.analysis.details import FindingDetail
from cadre_desk.services.analysis.findings import AnalysisResult, FindingRow, what_if
from cadre_desk.ui.analysis.detail_html import fetches_html, pairs_html, timeline_html
from cadre_desk.ui.analysis.findings_model import Column, FindingsModel, kinds_text, status_text
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.service_text import service_text

AUTO_ANALYZE_DELAY_MS = 5000  # new items (a refresh, a sync) are clustered shortly after they arrive
KEEP_SUGGESTIONS = (
    "民生服务账号，群众办事需要",
    "政务服务账号，办事入口",
    "上级明确要求关注",
    "本单位账号，需要发布信息",
)


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    progressed = Signal(int, int)


class RedundancyPage(QWidget):
    status_changed = Signal(str)

    def __init__(
        self,
        desk: AnalysisDesk,
        runner: BackgroundRunner,
        bus: DataBus,
        show_error: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._show_error = show_error
        self._desk = desk
        self._runner = runner
        self._reads = NewestOnly()  # a scope change or a data change while a read runs
        self._bus = bus
        self._followed = 0
        self._findings: list[FindingRow] = []  # every finding listed (the what-if counts from them)
        self._detail: FindingDetail | None = None
        self._shown: AccountFindings | None = None  # the account whose detail is shown
        self._wanted_detail: str | None = None
        self._busy = False
        self._progress = _Progress(self)
        self._progress.progressed.connect(self._on_progress)

        heading = QLabel(self.tr("减负：可以少关注的账号"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("待处理的建议"), [FindingStatus.OPEN])
        self.scope.addItem(
            self.tr("已保留/已忽略/已处理"),
            [FindingStatus.KEPT, FindingStatus.DISMISSED, FindingStatus.APPLIED],
        )
        self.scope.addItem(self.tr("全部"), None)
        self.scope.currentIndexChanged.connect(lambda _i: self.load())
        self.analyze_button = QPushButton(self.tr("重新分析"))
        self.analyze_button.setToolTip(self.tr("把新内容加入重复检测，重新计算建议"))
        self.analyze_button.clicked.connect(lambda: self.analyze(full=False))
        self.rebuild_button = QPushButton(self.tr("完全重建"))
        self.rebuild_button.setToolTip(self.tr("从头重建重复内容索引（内容很多时需要一两分钟，可继续使用）"))
        self.rebuild_button.clicked.connect(lambda: self.analyze(full=True))
        self.export_button = QPushButton(self.tr("导出精简报告…"))
        self.export_button.clicked.connect(self._ask_export)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(self.scope)
        top.addWidget(self.analyze_button)
        top.addWidget(self.rebuild_button)
        top.addWidget(self.export_button)

        self.what_if_label = QLabel()
        self.what_if_label.setObjectName("whatIf")
        self.what_if_label.setWordWrap(True)
        check_all = QPushButton(self.tr("全选"))
        check_all.clicked.connect(lambda: self.model.set_all_checked(True))
        check_none = QPushButton(self.tr("全不选"))
        check_none.clicked.connect(lambda: self.model.set_all_checked(False))
        what_if_bar = QFrame()
        what_if_bar.setObjectName("whatIfBar")
        bar = QHBoxLayout(what_if_bar)
        bar.setContentsMargins(10, 6, 10, 6)
        bar.addWidget(self.what_if_label, 1)
        bar.addWidget(check_all)
        bar.addWidget(check_none)

        self.model = FindingsModel(self)
        self.model.checked_changed.connect(self._update_what_if)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.EVIDENCE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.MINUTES, 130)
        header.resizeSection(Column.KIND, 150)
        header.resizeSection(Column.SOURCE, 220)
        header.resizeSection(Column.STATUS, 70)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)

        self.detail_title = QLabel()
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        self.detail_summary = QLabel()
        self.detail_summary.setWordWrap(True)
        self.detail_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_meta = QLabel()
        self.detail_meta.setWordWrap(True)
        self.detail_meta.setObjectName("detailMeta")
        self.unsubscribe_button = QPushButton(self.tr("取消关注"))
        self.unsubscribe_button.setToolTip(self.tr("不再显示这个账号的新内容；历史记录保留，可恢复"))
        self.unsubscribe_button.clicked.connect(self.unsubscribe_selected)
        self.merge_button = QPushButton(self.tr("合并到…"))
        self.merge_button.setToolTip(self.tr("只关注另一个内容相同的账号"))
        self.merge_button.clicked.connect(self._ask_merge)
        self.keep_button = QPushButton(self.tr("保留…"))
        self.keep_button.setToolTip(self.tr("保留这个账号并写明理由；证据不变就不再提示"))
        self.keep_button.clicked.connect(self._ask_keep)
        self.dismiss_button = QPushButton(self.tr("忽略"))
        self.dismiss_button.setToolTip(self.tr("这条建议不成立；证据不变就不再提示"))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_selected(None))
        self.restore_button = QPushButton(self.tr("恢复"))
        self.restore_button.setToolTip(self.tr("撤销取消关注、合并、保留或忽略"))
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        for button in (
            self.unsubscribe_button,
            self.merge_button,
            self.keep_button,
            self.dismiss_button,
            self.restore_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.tabs = QTabWidget()
        self.timeline_view = QTextBrowser()
        self.pairs_view = QTextBrowser()
        self.fetch_view = QTextBrowser()
        for view in (self.timeline_view, self.pairs_view, self.fetch_view):
            view.setOpenLinks(False)
            view.setOpenExternalLinks(False)
        self.tabs.addTab(self.pairs_view, self.tr("重复内容对比"))
        self.tabs.addTab(self.timeline_view, self.tr("最近发布"))
        self.tabs.addTab(self.fetch_view, self.tr("抓取记录"))
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(12, 4, 4, 4)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_summary)
        detail_layout.addWidget(self.detail_meta)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(self.tabs, 1)
        self.detail.setEnabled(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 520])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addWidget(what_if_bar)
        layout.addWidget(splitter, 1)
        self.setStyleSheet(
            "#whatIfBar { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
            "#detailMeta { color: palette(placeholder-text); }"
        )
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.setInterval(AUTO_ANALYZE_DELAY_MS)
        self._auto.timeout.connect(lambda: self.analyze(full=False))
        bus.changed.connect(self._on_data_changed)
        self._show_detail(None, None)

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        statuses = self.scope.currentData()

        def work() -> tuple[list[FindingRow], int]:
            return self._desk.findings(statuses), self._desk.followed_count()

        self._runner.run(work, *self._reads.wrap(self._loaded, self._runner.report_error))

    def _loaded(self, result: tuple[list[FindingRow], int]) -> None:
        rows, followed = result
        selected = self._shown.key if self._shown else None
        self._followed = followed
        self._findings = rows
        self.model.set_rows(group_by_account(rows))
        empty = not rows
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(
                self.tr("没有待处理的减负建议。\n点“重新分析”检查僵尸账号、转载账号和重复账号。")
                if self.scope.currentIndex() == 0
                else self.tr("这里还没有内容。")
            )
        row = self.model.row_of(selected) if selected else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show_detail(None, None)
        self._update_what_if()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.findings or changes.sources or changes.items:
            self.load()
        if changes.items and not self._busy:
            self._auto.start()  # debounced: one incremental pass after a burst of new items

    # ----------------------------------------------------------------- analysis in the background

    def analyze(self, full: bool = False, on_done: Callable[[AnalysisResult], None] | None = None) -> None:
        if self._busy:
            return
        self._set_busy(True)
        emit = self._progress.progressed.emit

        def work() -> AnalysisResult:
            return self._desk.analyze(full_rebuild=full, progress=emit, workers=2 if full else 1)

        def done(result: AnalysisResult) -> None:
            self._set_busy(False)
            c, f = result.clusters, result.findings
            self.status_changed.emit(
                self.tr("分析完成：签名 {signed} 条，新增建议 {opened} 条，用时 {seconds:.1f} 秒").format(
                    signed=c.items_signed, opened=f.opened, seconds=result.seconds
                )
            )
            self._bus.announce(result.changes)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.status_changed.emit(self.tr("分析没有完成"))
            self._show_error(exc)

        self._runner.run(work, done, failed, write=True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.analyze_button.setEnabled(not busy)
        self.rebuild_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        if busy:
            self.status_changed.emit(self.tr("正在分析重复内容…"))

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("签名 %v / %m"))

    # ----------------------------------------------------------------- detail

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        group = self.selected_finding()
        if group is None:
            self._wanted_detail = None
            self._show_detail(None, None)
            return
        lead_id = group.lead.id
        self._wanted_detail = lead_id

        def show(detail: FindingDetail | None) -> None:
            # Replies can arrive out of order (several reader threads): show only the latest.
            if lead_id == self._wanted_detail:
                self._show_detail(detail, group)

        self._runner.run(lambda: self._desk.detail(lead_id), show)

    def selected_finding(self) -> AccountFindings | None:
        """The selected account with its findings (the list shows one row per account)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _show_detail(self, detail: FindingDetail | None, group: AccountFindings | None = None) -> None:
        self._detail = detail
        self._shown = group if detail is not None else None
        self.detail.setEnabled(detail is not None)
        if detail is None or group is None:
            self.detail_title.setText(self.tr("选择左侧的一个账号查看证据"))
            self.detail_summary.clear()
            self.detail_meta.clear()
            for view in (self.timeline_view, self.pairs_view, self.fetch_view):
                view.clear()
            return
        f = detail.finding
        self.detail_title.setText(f"{group.source_name} · {kinds_text(group)}")
        # Each reason is a line of evidence; the minutes below count once for the account.
        line = self.tr("• {kind}：{summary}")
        self.detail_summary.setText(
            "\n".join(
                line.format(kind=ui_label(r.kind), summary=service_text(r.summary)) for r in group.reasons
            )
        )
        meta = [
            self.tr("每月可省约 {minutes:.0f} 分钟").format(minutes=group.minutes_saved_per_month),
            self.tr("状态：{status}").format(status=status_text(group.status)),
        ]
        if f.status_reason:
            meta.append(self.tr("说明：{reason}").format(reason=f.status_reason))
        if f.keep_reason:
            meta.append(self.tr("保留理由：{reason}").format(reason=f.keep_reason))
        elif any(r.evidence.get("keep_hint") for r in group.reasons):
            meta.append(self.tr("提示：民生、政务服务类账号按规定一般应保留，请核实后再处理"))
        self.detail_meta.setText("；".join(meta))
        is_open = group.status == FindingStatus.OPEN
        self.unsubscribe_button.setEnabled(is_open)
        self.merge_button.setEnabled(is_open and bool(detail.merge_targets))
        self.keep_button.setEnabled(is_open)
        self.dismiss_button.setEnabled(is_open)
        self.restore_button.setEnabled(not is_open)
        self.timeline_view.setHtml(timeline_html(detail.timeline))
        self.pairs_view.setHtml(pairs_html(detail.pairs))
        self.fetch_view.setHtml(fetches_html(detail.fetches))

    # ----------------------------------------------------------------- what-if

    def _update_what_if(self) -> None:
        checked = self.model.checked_rows()
        result = what_if(self._findings, findings_of(checked), self._followed)
        if not checked:
            self.what_if_label.setText(
                self.tr("勾选左侧的账号，看看采纳建议后每月能省多少时间（目前关注 {n} 个账号）。").format(
                    n=self._followed
                )
            )
            return
        self.what_if_label.setText(
            self.tr(
                "采纳勾选的 {count} 个账号的建议：每月约省 {minutes:.0f} 分钟（约 {hours:.1f} 小时），关注账号 {before} → {after} 个。"  # noqa: E501
            ).format(
                count=len(checked),
                minutes=result.minutes_saved_per_month,
                hours=result.minutes_saved_per_month / 60,
                before=result.accounts_followed,
                after=result.accounts_left,
            )
        )

    # ----------------------------------------------------------------- actions

    def _act(self, work: Callable[[], Changes], message: str) -> None:
        def done(changes: Changes) -> None:
            self.status_changed.emit(message)
            self._bus.announce(changes)

        self._runner.run(work, done, write=True)

    def unsubscribe_selected(self) -> None:
        f = self.selected_finding()
        if f is not None:
            source_id = f.source_id
            self._act(
                lambda: self._desk.unsubscribe(source_id),
                self.tr("已取消关注「{name}」").format(name=f.source_name),
            )

    def merge_selected(self, into_id: str) -> None:
        f = self.selected_finding()
        if f is not None:
            source_id = f.source_id
            self._act(
                lambda: self._desk.merge_source(source_id, into_id),
                self.tr("已合并「{name}」").format(name=f.source_name),
            )

    def keep_selected(self, reason: str) -> None:
        f = self.selected_finding()
        if f is not None:
            source_id = f.source_id
            self._act(
                lambda: self._desk.keep_source(source_id, reason),
                self.tr("已保留「{name}」").format(name=f.source_name),
            )

    def dismiss_selected(self, reason: str | None) -> None:
        f = self.selected_finding()
        if f is not None:
            finding_ids = f.finding_ids

            def work() -> Changes:
                changes = Changes()
                for finding_id in finding_ids:  # every reason given for the account
                    changes |= self._desk.dismiss_finding(finding_id, reason)
                return changes

            self._act(work, self.tr("已忽略这个账号的建议"))

    def restore_selected(self) -> None:
        f = self.selected_finding()
        if f is None:
            return
        source_id, finding_ids, status = f.source_id, f.finding_ids, f.status

        def work() -> Changes:
            if status == FindingStatus.APPLIED:
                return self._desk.resubscribe(source_id)
            if status == FindingStatus.KEPT:
                return self._desk.unkeep_source(source_id)
            changes = Changes()
            for finding_id in finding_ids:
                changes |= self._desk.reopen_finding(finding_id)
            return changes

        self._act(work, self.tr("已恢复"))

    def _ask_merge(self) -> None:
        if self._detail is None or not self._detail.merge_targets:
            return
        names = [name for _sid, name in self._detail.merge_targets]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("合并到"),
            self.tr("只关注哪个账号？（当前账号将取消关注，可恢复）"),
            names,
            0,
            False,
        )
        if ok:
            self.merge_selected(self._detail.merge_targets[names.index(name)][0])

    def _ask_keep(self) -> None:
        reason, ok = QInputDialog.getItem(
            self,
            self.tr("保留账号"),
            self.tr("保留理由（会写入精简报告）："),
            list(KEEP_SUGGESTIONS),
            0,
            True,
        )
        if ok and reason.strip():
            self.keep_selected(reason)

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出精简报告"),
            str(Path.home() / "关注账号精简报告.xlsx"),
            self.tr("Excel 表格 (*.xlsx);;PDF 文档 (*.pdf)"),
        )
        if path:
            self.export_report(Path(path))

    def export_report(self, target: Path, on_done: Callable[[Path], None] | None = None) -> None:
        if target.suffix.lower() not in (".xlsx", ".pdf"):
            target = target.with_suffix(".xlsx")

        def work() -> Path:
            return self._desk.export_consolidation_report(target)

        def done(written: Path) -> None:
            self.status_changed.emit(self.tr("已导出：{path}").format(path=written))
            if on_done is not None:
                on_done(written)

        self._runner.run(work, done)
