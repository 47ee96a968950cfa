"""Opt-in burden statistics for the unit (issue 19): what this profile may send, and nothing else.

When the cadre turns on "向单位报送减负统计", each sync with the unit server also sends, per
followed account and calendar month: the minutes spent, operation counts by kind, the burden
categories the cadre confirmed on its requirements, and the analysis findings with their numbers.
Accounts are named by their canonical identity (feed or page URL, or WeChat ``__biz``) and the
account's public name, so the same account from forty profiles adds up on the server.

Never sent: item titles or contents, log notes, evidence files, requirement titles or notes,
task texts, the cadre's name or unit. ``preview`` shows exactly the JSON that ``send`` posts.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select

from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.urls import canonical_url, wechat_identity
from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.reports.log_queries import superseded_ids
from cadre_desk.services.settings import Settings
from cadre_desk.services.sync.server_client import ServerNotConfiguredError, server_config, verified_tls
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Finding, Item, OperationLog, Requirement, Source, Task

REPORT_FORMAT = 1
SETTING_KEY = "sync.unit_report"
REPORT_PATH = "/v1/unit/report"
_PREVIEWED = "unit_report_previewed"  # this device showed the cadre what is sent
_SENT = "unit_report_sent"  # this device sent figures the server still holds
MONTHS_SENT = 12
FINDING_STATUSES = ("open", "kept", "applied")  # a dismissed finding is the cadre saying "wrong"


class UnitReportError(CadreError):
    pass


@dataclass(frozen=True)
class AccountIdentity:
    key: str  # "feed:<url>", "wechat:<__biz>", "page:<url>" or "name:<platform>:<name>"
    name: str
    level: str
    platform: str


def _month(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m")


def _recent_months(now: datetime, count: int) -> list[str]:
    year, month = now.year, now.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def account_identities(db: Database) -> dict[str, AccountIdentity]:
    """The canonical identity of every followed account, by source id."""
    with db.session() as session:
        sources = session.execute(
            select(Source.id, Source.kind, Source.name, Source.url, Source.platform, Source.level).where(
                Source.deleted.is_(False)
            )
        ).all()
        wechat_links: dict[str, Counter[str]] = defaultdict(Counter)
        links = session.execute(
            select(Item.source_id, Item.canonical_url).where(
                Item.deleted.is_(False), Item.canonical_url.like("%mp.weixin.qq.com%__biz=%")
            )
        )
        for source_id, link in links:
            identity = wechat_identity(link or "")
            if identity is not None:
                wechat_links[source_id][identity[0]] += 1
    result: dict[str, AccountIdentity] = {}
    for source_id, kind, name, url, platform, level in sources:
        if wechat_links.get(source_id):
            key = "wechat:" + wechat_links[source_id].most_common(1)[0][0]
        elif url and kind in ("rss", "webpage"):
            key = ("feed:" if kind == "rss" else "page:") + (canonical_url(url) or url)
        else:
            key = f"name:{platform}:{name.strip()}"
        result[source_id] = AccountIdentity(key, name.strip(), level or "", platform or "")
    return result


def build_report(db: Database, now: datetime | None = None) -> dict[str, Any]:
    """The aggregates of the last twelve months, exactly as they would be sent."""
    now = now or datetime.now(UTC)
    months = set(_recent_months(now, MONTHS_SENT))
    identities = account_identities(db)
    cells: dict[tuple[str, str], dict[str, Any]] = {}

    def cell(month: str, key: str) -> dict[str, Any]:
        if (month, key) not in cells:
            cells[(month, key)] = {"minutes": 0.0, "operations": Counter()}
        return cells[(month, key)]

    with db.engine.connect() as conn:
        losers = set(superseded_ids(conn))
    with db.session() as session:
        task_source = {
            task_id: source_id
            for task_id, source_id in session.execute(
                select(Task.id, Task.source_id).where(Task.source_id.is_not(None))
            )
        }
        requirements = session.execute(
            select(
                Requirement.id,
                Requirement.source_id,
                Requirement.operation_kind,
                Requirement.expected_minutes,
                Requirement.confirmed_flags,
            ).where(Requirement.deleted.is_(False))
        ).all()
        requirement_source = {row.id: row.source_id for row in requirements}
        logs = session.execute(
            select(
                OperationLog.id,
                OperationLog.operation_kind,
                OperationLog.performed_at,
                OperationLog.minutes,
                OperationLog.source_id,
                OperationLog.task_id,
                OperationLog.requirement_id,
            ).where(OperationLog.deleted.is_(False))
        ).all()
        findings = session.execute(
            select(
                Finding.source_id,
                Finding.kind,
                Finding.related_source_id,
                Finding.score,
                Finding.minutes_saved_per_month,
                Finding.computed_at,
            ).where(Finding.deleted.is_(False), Finding.status.in_(FINDING_STATUSES))
        ).all()
    for log in logs:
        if log.id in losers:
            continue
        source_id = (
            log.source_id
            or task_source.get(log.task_id or "")
            or requirement_source.get(log.requirement_id or "")
        )
        month = _month(log.performed_at)
        if source_id not in identities or month not in months:
            continue
        target = cell(month, identities[source_id].key)
        target["minutes"] += float(log.minutes or 0)
        target["operations"][log.operation_kind] += 1
    burden: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in requirements:
        flags = sorted(set(row.confirmed_flags or []))
        if row.source_id in identities and flags:
            burden[identities[row.source_id].key].append(
                {
                    "categories": flags,
                    "operation": row.operation_kind,
                    "expected_minutes": row.expected_minutes,
                }
            )
    finding_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in findings:
        if finding.source_id not in identities:
            continue
        related = identities.get(finding.related_source_id or "")
        finding_rows[identities[finding.source_id].key].append(
            {
                "kind": finding.kind,
                "related": related.key if related else None,
                "related_name": related.name if related else None,
                "score": round(float(finding.score or 0), 3),
                "minutes_saved_per_month": round(float(finding.minutes_saved_per_month or 0), 1),
            }
        )
    accounts = {
        identity.key: {"name": identity.name, "level": identity.level, "platform": identity.platform}
        for identity in identities.values()
    }
    report_months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (month, key), values in sorted(cells.items()):
        report_months[month].append(
            {
                "account": key,
                "minutes": round(values["minutes"], 1),
                "operations": dict(sorted(values["operations"].items())),
            }
        )
    return {
        "format": REPORT_FORMAT,
        "current_month": _month(now),
        "accounts": dict(sorted(accounts.items())),
        "months": dict(sorted(report_months.items())),
        "burden": {key: sorted(rows, key=json.dumps) for key, rows in sorted(burden.items())},
        "findings": {key: sorted(rows, key=json.dumps) for key, rows in sorted(finding_rows.items())},
    }


def preview(db: Database, now: datetime | None = None) -> str:
    """Exactly the body ``send`` posts, as readable JSON."""
    return json.dumps(build_report(db, now), ensure_ascii=False, indent=2, sort_keys=True)


def is_enabled(settings: Settings) -> bool:
    return bool(settings.get(SETTING_KEY))


def set_enabled(settings: Settings, enabled: bool) -> None:
    settings.set(SETTING_KEY, enabled)


def mark_previewed(paths: DataPaths) -> None:
    (paths.root / _PREVIEWED).write_text(datetime.now(UTC).isoformat(), encoding="utf-8")


def _request(secrets: SecretStore, method: str, body: dict[str, Any] | None) -> dict[str, Any]:
    config = server_config(secrets)
    if config is None:
        raise ServerNotConfiguredError("还没有设置同步服务器。")
    url, token = config
    try:
        with httpx.Client(base_url=url, timeout=30, trust_env=False, verify=verified_tls()) as http:
            response = http.request(
                method,
                REPORT_PATH,
                headers={"Authorization": f"Bearer {token}"},
                content=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
            )
    except httpx.TransportError as exc:
        raise UnitReportError(
            f"无法连接同步服务器 {url}（{type(exc).__name__}）。", "请检查网络后再同步一次。"
        ) from exc
    try:
        reply = response.json()
    except ValueError:
        reply = {"error": response.text[:200]}
    if response.status_code == 404:
        raise UnitReportError("单位服务器的版本较旧，还不能接收减负统计。", "请联系单位管理员升级服务器。")
    if response.status_code >= 400:
        error = reply.get("error", "") if isinstance(reply, dict) else ""
        raise UnitReportError(f"单位服务器拒绝了减负统计（{response.status_code}：{error}）。")
    return reply if isinstance(reply, dict) else {}


def send(db: Database, paths: DataPaths, secrets: SecretStore, now: datetime | None = None) -> dict[str, Any]:
    """Post this month's figures (replacing what this cadre sent before)."""
    reply = _request(secrets, "POST", build_report(db, now))
    (paths.root / _SENT).write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
    return reply


def revoke(paths: DataPaths, secrets: SecretStore) -> int:
    """Delete every figure this cadre sent; returns how many rows the server removed."""
    reply = _request(secrets, "DELETE", None)
    (paths.root / _SENT).unlink(missing_ok=True)
    return int(reply.get("removed", 0))


def after_sync(db: Database, paths: DataPaths, secrets: SecretStore, settings: Settings) -> str | None:
    """What a sync does about the unit statistics: send them when on (and previewed on this
    device), delete them when turned off since they were sent. A line for the cadre, or None."""
    try:
        if is_enabled(settings):
            if not (paths.root / _PREVIEWED).exists():
                return (
                    "单位减负统计尚未报送：本机还没有预览过将要报送的内容。"
                    "下一步：运行 cadre-desk unit preview。"
                )
            reply = send(db, paths, secrets)
            return (
                f"已向单位报送减负统计（{reply.get('accounts', 0)} 个账号、{reply.get('months', 0)} 个月）。"
            )
        if (paths.root / _SENT).exists():
            removed = revoke(paths, secrets)
            return f"已撤回向单位报送的减负统计（服务器删除 {removed} 条）。"
    except CadreError as exc:  # the sync itself went through: say so, and why the statistics did not go
        step = f"下一步：{exc.next_step}" if exc.next_step else "下一步：下次同步时会再试。"
        return f"单位减负统计未能报送：{exc.user_message}{step}"
    return None
