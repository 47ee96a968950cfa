"""Settings declared once (name, type, default, description) and read through one object.

The settings dialog, the first-run wizard and the CLI are built from ``DECLARED``. Values live
in the synced ``settings`` table, so they follow the user to other devices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.ids import stable_id
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    label: str  # shown in the settings dialog (zh_CN; English in resources/i18n)
    description: str
    group: str = "general"
    choices: tuple[Any, ...] = ()


DECLARED: tuple[SettingSpec, ...] = (
    SettingSpec("ui.language", str, "zh_CN", "界面语言", "重启后生效", "general", ("zh_CN", "en")),
    SettingSpec(
        "ui.start_minimized", bool, False, "启动时最小化到托盘", "开机自动启动时不打扰手头工作", "general"
    ),
    SettingSpec("user.name", str, "", "姓名", "导出报告时显示", "profile"),
    SettingSpec("user.unit", str, "", "所在单位", "导出报告时显示", "profile"),
    SettingSpec("work.hours_start", str, "08:30", "上班时间", "工作时间开始（HH:MM）", "work"),
    SettingSpec("work.hours_end", str, "17:30", "下班时间", "工作时间结束（HH:MM）", "work"),
    SettingSpec("work.quiet_start", str, "20:00", "免打扰开始", "此后不弹出提醒", "work"),
    SettingSpec("work.quiet_end", str, "08:00", "免打扰结束", "此前不弹出提醒", "work"),
    SettingSpec(
        "analysis.zombie_days", int, 14, "僵尸账号天数", "超过这么多天没有更新视为僵尸账号", "analysis"
    ),
    SettingSpec("fetch.proxy", str, "", "代理服务器", "例如 http://10.0.0.1:8080（政务内网常用）", "network"),
    SettingSpec("fetch.timeout_seconds", int, 20, "超时（秒）", "单个请求的连接/读取超时", "network"),
    SettingSpec("fetch.max_mb", int, 10, "下载大小上限（MB）", "超过此大小的响应会被截断并报错", "network"),
    SettingSpec(
        "fetch.per_host_limit",
        int,
        6,
        "同一网站并发数",
        "同一网站同时进行的下载数，避免给对方服务器添堵",
        "network",
    ),
    SettingSpec("fetch.global_limit", int, 16, "总并发数", "所有网站同时进行的下载总数", "network"),
    SettingSpec(
        "fetch.parse_processes", int, 0, "解析进程数", "0 为自动：订阅源较多时用多个进程解析", "network"
    ),
    SettingSpec(
        "fetch.auto_refresh", bool, True, "自动刷新", "程序打开时按各订阅源的间隔在后台刷新", "network"
    ),
    SettingSpec(
        "sync.unit_report",
        bool,
        False,
        "向单位报送减负统计",
        "同步时匿名报送各账号用时和减负结论，不含内容和姓名；关闭后同步时删除",
        "sync",
    ),
)

_BY_KEY = {spec.key: spec for spec in DECLARED}


def spec(key: str) -> SettingSpec:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"undeclared setting {key!r}: add it to services.settings.DECLARED") from None


SETTINGS = Changes(settings=True)


class Settings:
    """Typed access to declared settings, with a small cache invalidated on write."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._cache is None:
            with self._db.session() as session:
                rows = session.execute(select(Setting.key, Setting.value).where(Setting.deleted.is_(False)))
                self._cache = {key: value for key, value in rows}
        return self._cache

    def get(self, key: str) -> Any:
        declared = spec(key)
        value = self._load().get(key, declared.default)
        try:
            return declared.type(value)
        except (TypeError, ValueError):
            return declared.default

    def set(self, key: str, value: Any) -> Changes:
        declared = spec(key)
        value = declared.type(value)
        if declared.choices and value not in declared.choices:
            raise ValueError(f"{key}: {value!r} is not one of {declared.choices}")
        with self._db.session() as session:
            row = session.get(Setting, stable_id("setting", key))
            if row is None:
                session.add(Setting(id=stable_id("setting", key), key=key, value=value))
            else:
                row.value = value
                row.deleted = False
        self._cache = None
        return SETTINGS

    def invalidate(self) -> None:
        """Forget cached values (after a sync brought new ones)."""
        self._cache = None
