"""Reports shaped like the app's, built from a few numbers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from cadre_desk.server.unit.models import UNIT_TABLES, UnitReport
from cadre_desk.server.unit.store import UnitStore


def account_key(index: int) -> str:
    return f"feed:http://rss.example/a{index}"


def report(
    accounts: dict[int, float], *, month: str = "2026-11", findings: dict[int, str] | None = None
) -> dict[str, Any]:
    """A report following ``accounts`` (index -> minutes in ``month``)."""
    return {
        "format": 1,
        "current_month": month,
        "accounts": {
            account_key(i): {
                "name": f"账号{i}",
                "level": "county" if i % 2 else "township",
                "platform": "wechat_account",
            }
            for i in accounts
        },
        "months": {
            month: [
                {"account": account_key(i), "minutes": m, "operations": {"forward": 2}}
                for i, m in sorted(accounts.items())
            ]
        },
        "burden": {
            account_key(i): [
                {"categories": ["forced_use"], "operation": "study_checkin", "expected_minutes": 5}
            ]
            for i in accounts
            if i % 3 == 0
        },
        "findings": {
            account_key(i): [
                {
                    "kind": kind,
                    "related": account_key(i + 1) if kind == "duplicate_account" else None,
                    "score": 0.8,
                    "minutes_saved_per_month": 30,
                }
            ]
            for i, kind in (findings or {}).items()
        },
    }


def clear_reports(engine: Engine) -> None:
    """No reports and no totals (PostgreSQL is shared by the whole test session)."""
    with engine.begin() as conn:
        for table in UNIT_TABLES:
            if table.name not in ("srv_unit_secret", "srv_unit_coordinators", "srv_unit_published"):
                conn.execute(table.delete())
            elif table.name == "srv_unit_published":
                conn.execute(table.update().values(reporters=0))
        assert not conn.execute(select(UnitReport.reporter)).first()


def publish(engine: Engine) -> bool:
    """Publish the waiting batch now, as an epoch boundary would (if ≥ k reporters are behind it)."""
    return UnitStore(engine).publish()
