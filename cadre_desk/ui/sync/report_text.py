"""What a sync did, in the interface language (the services' ``summary()`` is the CLI's Chinese)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cadre_desk.services.sync.apply import ApplyResult
from cadre_desk.services.sync.bundle import ExportReport, ImportReport
from cadre_desk.services.sync.server_client import ServerSyncReport


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncReportText", text)


def _applied(result: ApplyResult) -> str:
    return _tr("收到 {received} 条，新增 {inserted} 条，更新 {updated} 条，其中删除 {deleted} 条").format(
        received=result.received,
        inserted=sum(result.inserted.values()),
        updated=sum(result.updated.values()),
        deleted=result.deleted,
    )


def export_text(report: ExportReport) -> str:
    if not report.files:
        return _tr("没有新的更改需要导出。")
    return _tr("已导出 {records} 条更改、{attachments} 个附件，共 {files} 个同步文件。").format(
        records=report.records, attachments=report.attachments, files=len(report.files)
    )


def import_text(report: ImportReport) -> str:
    if not report.files:
        return _tr("没有找到需要导入的新同步文件。")
    if not report.result.changed:
        return _tr("已核对 {files} 个同步文件：没有新的更改（已导入过）。").format(files=len(report.files))
    return _tr("已导入 {files} 个同步文件：{applied}。").format(
        files=len(report.files), applied=_applied(report.result)
    )


def server_text(report: ServerSyncReport) -> str:
    text = _tr("已同步：上传 {pushed} 条更改；下载{applied}。").format(
        pushed=report.pushed, applied=_applied(report.pulled)
    )
    return f"{text}\n{report.unit_note}" if report.unit_note else text
