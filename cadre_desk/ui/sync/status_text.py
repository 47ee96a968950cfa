"""The sync state in words, in the interface language (status bar, tooltip, sync dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cadre_desk.services.sync.status import SyncStatus
from cadre_desk.ui.i18n import format_datetime


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatusText", text)


def short_text(status: SyncStatus) -> str:
    """One line for the status bar."""
    if status.last_error:
        return _tr("同步出错：{error}").format(error=status.last_error[:40])
    if not status.configured:
        if status.last_bundle_at is None:
            return _tr("同步：未设服务器")
        return _tr("同步：未设服务器，U盘导入于 {when}").format(when=format_datetime(status.last_bundle_at))
    if status.last_sync_at is None:
        return _tr("同步：从未同步，待上传 {n} 条").format(n=status.pending)
    return _tr("同步：{when}，待上传 {n} 条").format(
        when=format_datetime(status.last_sync_at), n=status.pending
    )


def detail_lines(status: SyncStatus) -> list[str]:
    never = _tr("从未")
    return [
        _tr("服务器：{url}").format(url=status.server_url or _tr("未设置")),
        _tr("上次同步：{when}").format(
            when=format_datetime(status.last_sync_at) if status.last_sync_at else never
        ),
        _tr("待上传更改：{n} 条").format(n=status.pending)
        if status.configured
        else _tr("待上传更改：—（未设置服务器）"),
        _tr("上次U盘导入：{when}").format(
            when=format_datetime(status.last_bundle_at) if status.last_bundle_at else never
        ),
        _tr("错误：{error}").format(error=status.last_error or _tr("无")),
    ]
