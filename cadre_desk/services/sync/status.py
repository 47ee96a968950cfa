"""Sync state for the status bar and ``cadre-desk sync status``: last sync, pending, errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync.server_client import load_peer_state, peer_id, server_config
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import SyncPeer


@dataclass(frozen=True)
class SyncStatus:
    server_url: str
    last_sync_at: datetime | None
    # Local changes not yet on the server; None without a server (nothing is shown then).
    pending: int | None
    last_error: str | None
    last_bundle_at: datetime | None

    @property
    def configured(self) -> bool:
        return bool(self.server_url)

    def short(self) -> str:
        """One line for the status bar."""
        if self.last_error:
            return f"同步出错：{self.last_error[:40]}"
        if not self.configured:
            when = self.last_bundle_at.astimezone().strftime("%m-%d %H:%M") if self.last_bundle_at else "从未"
            return f"同步：未设服务器，U盘导入 {when}"
        when = self.last_sync_at.astimezone().strftime("%m-%d %H:%M") if self.last_sync_at else "从未同步"
        return f"同步：{when}，待上传 {self.pending} 条"

    def lines(self) -> list[str]:
        return [
            f"服务器：{self.server_url or '未设置'}",
            "上次同步："
            + (self.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M") if self.last_sync_at else "从未"),
            f"待上传更改：{self.pending} 条" if self.configured else "待上传更改：—（未设置服务器）",
            "上次U盘导入："
            + (
                self.last_bundle_at.astimezone().strftime("%Y-%m-%d %H:%M") if self.last_bundle_at else "从未"
            ),
            f"错误：{self.last_error or '无'}",
        ]


def sync_status(db: Database, secrets: SecretStore) -> SyncStatus:
    config = server_config(secrets)
    url = config[0] if config else ""
    with db.engine.connect() as conn:
        last_sync_at = None
        last_error = None
        # Counted only against a server: without one it is never shown, and counting the whole
        # change log (a row per change ever made: ~1,000,000 in a 1M-item profile) cost ~100 ms
        # of CPU at every start. Against a server only the rows after the last push are read.
        pending = None
        if url:
            peer = peer_id(url)
            row = conn.execute(
                select(SyncPeer.last_sync_at, SyncPeer.last_error).where(SyncPeer.peer_id == peer)
            ).first()
            if row is not None:
                last_sync_at, last_error = row
            pushed = int(load_peer_state(conn, peer).get("pushed_seq", 0))
            pending = int(
                conn.exec_driver_sql("SELECT count(*) FROM change_log WHERE seq > ?", (pushed,)).scalar() or 0
            )
        last_bundle_at = conn.execute(
            select(SyncPeer.last_sync_at)
            .where(SyncPeer.kind == "bundle")
            .order_by(SyncPeer.last_sync_at.desc())
        ).scalar()
    return SyncStatus(url, last_sync_at, pending, last_error, last_bundle_at)
