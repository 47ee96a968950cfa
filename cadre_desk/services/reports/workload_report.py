"""The workload report and the burden report as a :class:`ReportDocument`, and exporting it.

Every number in the document comes from :class:`WorkloadSummary`, so PDF, XLSX and CSV agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from cadre_desk.domain.enums import Platform
from cadre_desk.domain.labels import label
from cadre_desk.services.reports.day_cube import DayCubeCache
from cadre_desk.services.reports.document import (
    REPORT_TZ,
    Block,
    Chart,
    Column,
    ImageGallery,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
)
from cadre_desk.services.reports.periods import Period, month
from cadre_desk.services.reports.tables import (
    ExportFormat,
    account_columns,
    ranked_account_table,
    report_meta,
    vocab_label,
    write_document,
)
from cadre_desk.services.reports.workload import WorkloadService
from cadre_desk.services.reports.workload_types import Bucket, ReportOptions, WorkHours, WorkloadSummary
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.types import from_ms

TITLE = "“指尖上的形式主义”工作量统计报告"
EMPTY_MESSAGE = "该期间没有任何操作记录、收到的信息或到期任务。\n请换一个统计期间，或先在“任务”中记录操作。"
DAY_TREND_MAX_DAYS = 62
PDF_DETAIL_ROWS = 300

DETAIL_COLUMNS = [
    Column("时间", "datetime", 17),
    *account_columns(24, 11, 8),
    Column("操作", "text", 10),
    Column("要求单位", "text", 18),
    Column("具体要求", "text", 24),
    Column("分钟", "minutes", 8),
    Column("考核打卡", "text", 8),
    Column("已更正", "text", 7),
]


@dataclass(frozen=True)
class ReportProfile:
    """Who the report is for: the cadre's name and unit, working hours (from settings)."""

    name: str = ""
    unit: str = ""
    hours: WorkHours = field(default_factory=WorkHours)

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportProfile:
        return cls(
            name=settings.get("user.name"),
            unit=settings.get("user.unit"),
            hours=WorkHours.parse(settings.get("work.hours_start"), settings.get("work.hours_end")),
        )


def _bucket_table(title: str, header: str, buckets: list[Bucket], total_minutes: float) -> Table:
    total = total_minutes or 1
    return Table(
        title,
        [
            Column(header, "text", 22),
            Column("次数", "int", 9),
            Column("分钟", "minutes", 10),
            Column("占总耗时", "percent", 10),
        ],
        [(b.label, b.count, b.minutes, b.minutes / total) for b in buckets],
    )


def build_document(
    summary: WorkloadSummary,
    profile: ReportProfile,
    details: Sequence[tuple[object, ...]] | None = None,
    *,
    attachments_dir: Path | None = None,
    generated_at: datetime | None = None,
) -> ReportDocument:
    period = summary.period
    document = ReportDocument(
        title=TITLE,
        period_label=f"{period.label}（{period.first:%Y-%m-%d} 至 {period.last:%Y-%m-%d}，"
        f"共 {period.days} 天）",
        meta=report_meta(profile.name, profile.unit, generated_at or datetime.now(REPORT_TZ)),
    )
    if summary.is_empty:
        document.empty_message = EMPTY_MESSAGE
        return document
    document.sections = [
        _overview(summary),
        _trend(summary),
        _top_accounts(summary),
        _breakdowns(summary),
        _burden_section(summary, attachments_dir),
    ]
    if details is not None:
        columns = DETAIL_COLUMNS + ([Column("备注", "text", 30)] if summary.options.include_notes else [])
        document.sections.append(
            Section(
                "操作明细",
                [
                    Table(
                        f"期间内全部操作（{summary.total_count:,} 条，已按更正记录取最新版本）",
                        columns,
                        details,
                        pdf_max_rows=PDF_DETAIL_ROWS,
                        row_count=summary.total_count,
                    )
                ],
                sheet="操作明细",
                landscape=True,
            )
        )
    return document


def _overview(summary: WorkloadSummary) -> Section:
    work = summary.work
    tasks = summary.tasks
    rows: list[tuple[object, ...]] = [
        ("操作次数", summary.total_count, "次"),
        ("操作耗时", round(summary.total_minutes, 1), "分钟"),
        ("折合小时", round(summary.total_minutes / 60, 1), "小时"),
        ("其中考核打卡", summary.checkin_count, "次"),
        ("涉及账号", sum(1 for s in summary.by_source if s.count and s.source_id), "个"),
        ("收到信息", summary.items_received, "条"),
        ("已读信息", summary.items_read, "条"),
        ("任务按时完成", tasks.on_time, "项"),
        ("任务逾期完成", tasks.late, "项"),
        ("任务逾期未完成", tasks.overdue, "项"),
        ("任务未到期", tasks.pending, "项"),
        ("工作日", work.workdays, "天"),
        (f"工作时间（{work.hours_label}）", work.work_minutes, "分钟"),
        ("操作耗时占工作时间", round(summary.work_share * 100, 1), "%"),
        ("工作时间内的操作耗时", round(work.minutes_in_hours, 1), "分钟"),
        ("下班后及节假日的操作耗时", round(work.minutes_outside_hours, 1), "分钟"),
    ]
    blocks: list[Block] = [
        Table(
            "总览",
            [Column("指标", "text", 26), Column("数值", "number", 14), Column("单位", "text", 8)],
            rows,
        )
    ]
    if summary.corrected_count:
        blocks.append(
            Paragraph(f"有 {summary.corrected_count} 条操作记录经过更正，统计只计入每条记录的最新版本。")
        )
    if work.calendar_note:
        blocks.append(Paragraph(work.calendar_note))
    return Section("一、总览", blocks)


def _trend(summary: WorkloadSummary) -> Section:
    weeks = summary.weeks()
    blocks: list[Block] = []
    if summary.period.days <= DAY_TREND_MAX_DAYS:
        days = summary.days
        blocks.append(
            Chart(
                "每日操作耗时",
                "line",
                [f"{d.day.month}-{d.day.day:02d}" for d in days],
                [
                    Series("分钟", [round(d.minutes, 1) for d in days]),
                    Series("次数", [float(d.count) for d in days]),
                ],
                "分钟 / 次",
            )
        )
    else:
        blocks.append(
            Chart(
                "每周操作耗时",
                "column",
                [f"{m:%m-%d}" for m, _, _ in weeks],
                [Series("分钟", [round(minutes, 1) for _, _, minutes in weeks])],
                "分钟",
            )
        )
    blocks.append(
        Table(
            "按周统计",
            [Column("周（周一）", "date", 12), Column("次数", "int", 9), Column("分钟", "minutes", 10)],
            weeks,
            total_row=("合计", summary.total_count, summary.total_minutes),
        )
    )
    return Section("二、趋势", blocks)


def _top_accounts(summary: WorkloadSummary) -> Section:
    top = summary.top_sources()
    total = summary.total_minutes or 1
    table = ranked_account_table(
        "最耗时的 10 个账号",
        "排名",
        (6, 24, 11, 8),
        [
            Column("次数", "int", 8),
            Column("分钟", "minutes", 9),
            Column("占总耗时", "percent", 9),
            Column("收到信息", "int", 9),
            Column("已读", "int", 7),
        ],
        [
            (
                s.name,
                s.platform,
                s.level,
                (s.count, s.minutes, s.minutes / total, s.items_received, s.items_read),
            )
            for s in top
        ],
    )
    chart = Chart(
        "最耗时的账号（分钟）",
        "bar",
        [s.name for s in top],
        [Series("分钟", [round(s.minutes, 1) for s in top])],
        "分钟",
    )
    return Section("三、最耗时的账号", [table, chart])


def _breakdowns(summary: WorkloadSummary) -> Section:
    total = summary.total_minutes
    by_source = [s for s in summary.by_source if s.count]
    source_table = Table(
        "按来源（账号）统计",
        [
            Column("账号", "text", 24),
            Column("平台", "text", 11),
            Column("次数", "int", 8),
            Column("分钟", "minutes", 9),
            Column("占总耗时", "percent", 9),
        ],
        [
            (s.name, vocab_label(Platform, s.platform), s.count, s.minutes, s.minutes / (total or 1))
            for s in by_source
        ],
        total_row=("合计", "", summary.total_count, total, 1.0 if total else 0.0),
    )
    burden = _bucket_table("按负担类别统计", "类别", summary.by_burden, total)
    burden.note = "一项要求可能同时属于多个类别，各类别之和可能大于总耗时。"
    return Section(
        "四、分类统计",
        [
            Chart(
                "按操作类型（分钟）",
                "pie",
                [b.label for b in summary.by_kind],
                [Series("分钟", [round(b.minutes, 1) for b in summary.by_kind])],
            ),
            _bucket_table("按操作类型统计", "操作类型", summary.by_kind, total),
            _bucket_table("按平台统计", "平台", summary.by_platform, total),
            _bucket_table("按层级统计", "层级", summary.by_level, total),
            _bucket_table("按要求单位统计", "要求单位", summary.by_unit, total),
            burden,
            Chart(
                "按负担类别（分钟）",
                "bar",
                [b.label for b in summary.by_burden],
                [Series("分钟", [round(b.minutes, 1) for b in summary.by_burden])],
                "分钟",
            ),
            source_table,
            Table(
                "任务完成情况",
                [Column("情况", "text", 16), Column("任务数", "int", 9)],
                [
                    ("按时完成", summary.tasks.on_time),
                    ("逾期完成", summary.tasks.late),
                    ("逾期未完成", summary.tasks.overdue),
                    ("未到期", summary.tasks.pending),
                ],
                total_row=("合计", summary.tasks.total),
            ),
        ],
    )


def _burden_section(summary: WorkloadSummary, attachments_dir: Path | None) -> Section:
    rows = [
        (
            label(row.category),
            "已确认" if row.confirmed else "待确认",
            row.account,
            row.platform,
            row.imposed_by,
            row.requirement,
            row.count,
            row.minutes,
            row.minutes_per_month,
            row.work_share,
            "\n".join(row.evidence),
        )
        for row in summary.burden
    ]
    blocks: list[Block] = [
        Paragraph(
            "按照整治“指尖上的形式主义”的要求，列出涉及强制使用、过度留痕、滥用排名、多头填报、空壳僵尸的账号和要求，"
            "以及本期间实际耗费的时间。"
        ),
        Table(
            "基层负担情况表",
            [
                Column("类别", "text", 10),
                Column("状态", "text", 7),
                Column("App/账号", "text", 18),
                Column("平台", "text", 10),
                Column("要求单位", "text", 14),
                Column("具体要求", "text", 18),
                Column("次数", "int", 6),
                Column("分钟", "minutes", 8),
                Column("每月分钟", "minutes", 8),
                Column("占工作时间", "percent", 8),
                Column("证据", "text", 30),
            ],
            rows,
            note="“待确认”为系统根据要求内容建议的类别，尚未由本人确认。"
            if rows
            else "本期间没有标记为负担类别的要求。",
        ),
    ]
    if summary.options.include_thumbnails and attachments_dir is not None:
        images = []
        for row in summary.burden:
            for sha, caption in row.thumbnails:
                path = _attachment_path(attachments_dir, sha)
                if path is not None:
                    images.append((path, caption))
        if images:
            blocks.append(ImageGallery("留痕证据截图", images[:24]))
    return Section("五、基层负担报告", blocks, sheet="负担报告", landscape=True)


def _attachment_path(folder: Path, sha256: str) -> Path | None:
    for candidate in (folder / sha256[:2] / sha256, folder / sha256[:2] / sha256[2:], folder / sha256):
        if candidate.is_file():
            return candidate
    matches = sorted((folder / sha256[:2]).glob(f"{sha256}*")) if (folder / sha256[:2]).is_dir() else []
    return matches[0] if matches else None


def export_report(
    db: Database,
    period: Period,
    fmt: ExportFormat,
    target: Path,
    *,
    profile: ReportProfile | None = None,
    options: ReportOptions | None = None,
    attachments_dir: Path | None = None,
    workload: WorkloadService | None = None,
) -> Path:
    """Compute the workload of ``period`` and write it to ``target`` in ``fmt`` atomically.
    ``workload``: a service whose day cube is already built (else one is made for this export)."""
    profile = profile or ReportProfile()
    options = options or ReportOptions()
    service = workload or WorkloadService(db)
    summary, details = _summary_and_details(service, period, options, profile, fmt)
    document = build_document(summary, profile, details, attachments_dir=attachments_dir)
    return write_document(document, target, fmt)


def _summary_and_details(
    service: WorkloadService,
    period: Period,
    options: ReportOptions,
    profile: ReportProfile,
    fmt: ExportFormat | None,
) -> tuple[WorkloadSummary, Sequence[tuple[object, ...]] | None]:
    if not options.include_detail:
        return service.summary(period, options, profile.hours), None
    if fmt == "pdf":
        # The PDF lists only the first rows of the detail (the rest is in XLSX/CSV): don't load 200k.
        summary = service.summary(period, options, profile.hours)
        limit = PDF_DETAIL_ROWS
        return summary, service.operation_details(summary.period, options, summary.aliases, limit=limit)
    return service.summary_and_details(period, options, profile.hours)


class ReportService:
    """What the 统计 page and the export dialog need, over one profile."""

    def __init__(self, db: Database, settings: Settings, attachments_dir: Path | None = None) -> None:
        self._db = db
        self._settings = settings
        self._attachments = attachments_dir
        # One day cube for the 统计 page and the export dialog: owned here, not a module global.
        self.day_cubes = DayCubeCache()
        self.workload = WorkloadService(db, self.day_cubes)

    def profile(self) -> ReportProfile:
        return ReportProfile.from_settings(self._settings)

    def summary(self, period: Period, options: ReportOptions | None = None) -> WorkloadSummary:
        """For the 统计 page: no burden evidence lists, which it does not show."""
        return self.workload.summary(period, options, self.profile().hours, with_evidence=False)

    def latest_activity(self) -> date | None:
        """The China-time day of the latest logged operation (None when nothing is logged)."""
        with self._db.engine.connect() as conn:
            latest = conn.exec_driver_sql(
                "SELECT max(performed_at) FROM operation_logs WHERE deleted = 0"
            ).scalar()
        return from_ms(int(latest)).astimezone(REPORT_TZ).date() if latest is not None else None

    def latest_month_with_data(self) -> Period | None:
        """The month of the latest logged operation: where the 统计 page opens when this month
        has nothing yet, and what its empty state points to."""
        latest = self.latest_activity()
        return month(latest.year, latest.month) if latest is not None else None

    def sources(self) -> list[tuple[str, str]]:
        """(id, name) of every source that is not deleted, by name."""
        with self._db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT id, name FROM sources WHERE deleted = 0 ORDER BY name").all()
        return [(row[0], row[1]) for row in rows]

    def document(
        self, period: Period, options: ReportOptions, fmt: ExportFormat | None = None
    ) -> ReportDocument:
        profile = self.profile()
        summary, details = _summary_and_details(self.workload, period, options, profile, fmt)
        return build_document(summary, profile, details, attachments_dir=self._attachments)

    def export(self, period: Period, fmt: ExportFormat, target: Path, options: ReportOptions) -> Path:
        return write_document(self.document(period, options, fmt), target, fmt)
