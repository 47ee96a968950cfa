"""Timing protection of the unit's view (issue 19 §5): a report reaches what a coordinator sees only
in a batch published at an epoch boundary, with at least k reporters behind it; and nothing a
coordinator sees (rows, their order, the report) depends on the order reports arrived in."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from cadre_desk.server.engine import make_engine
from cadre_desk.server.unit import pages
from cadre_desk.server.unit.consolidation import consolidation_document
from cadre_desk.server.unit.models import UnitReport
from cadre_desk.server.unit.store import UnitStore
from tests.unit_view.helpers import account_key, report

HOUR = 3600.0
K = 3


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _unit(tmp_path: Path, clock: Clock, name: str = "unit.db") -> UnitStore:
    unit = UnitStore(make_engine(f"sqlite:///{tmp_path / name}"), K, clock=clock)
    unit.set_publish_period(int(HOUR))
    return unit


def _seen(unit: UnitStore) -> Any:
    """What a coordinator sees (the web pages call ``publish_due`` before reading)."""
    unit.publish_due()
    months = unit.months()
    return (
        unit.reporter_count(),
        months,
        [unit.ranking(month) for month in months],
        unit.consensus_findings(),
        unit.burden(),
        unit.trend(account_key(1)),
    )


def test_one_report_changes_nothing_until_a_batch_of_k_is_published(tmp_path: Path) -> None:
    clock = Clock(1000 * HOUR + 5)
    unit = _unit(tmp_path, clock)
    empty = _seen(unit)
    for cadre in range(3):
        unit.replace_report(f"u{cadre}", report({1: 10.0, 2: 5.0}, findings={1: "zombie"}))
    assert _seen(unit) == empty  # the epoch has not ended
    clock.now = 1001 * HOUR + 1
    first = _seen(unit)
    assert first[0] == 3 and first[2][0][0]["minutes"] == 30.0
    assert unit.published_state().published_at == int(1001 * HOUR)  # the boundary, not a sync's time

    # one cadre sends a changed report: kept, not shown, however long the coordinator waits
    unit.replace_report("u0", report({1: 50.0, 2: 5.0}, findings={1: "zombie"}))
    for hours in (1001.5, 1002.01, 1010):
        clock.now = hours * HOUR
        assert _seen(unit) == first
    # a revocation and a new cadre later: three changers, published at the next boundary only
    unit.revoke("u1")
    unit.replace_report("u3", report({1: 1.0}))
    assert _seen(unit) == first
    clock.now = 1011 * HOUR + 1
    # a report that arrives after the boundary is not in the batch, whoever triggers it
    unit.replace_report("u4", report({1: 1000.0}))
    second = _seen(unit)
    assert second[0] == 3  # u0, u2, u3 (u1 revoked, u4 waits)
    assert second[2][0][0]["minutes"] == 50.0 + 10.0 + 1.0
    assert second[3] == []  # the zombie finding: two reporters left


def test_identical_resends_do_not_count_towards_a_batch(tmp_path: Path) -> None:
    clock = Clock(2000 * HOUR)
    unit = _unit(tmp_path, clock)
    for cadre in range(3):
        unit.replace_report(f"u{cadre}", report({1: 10.0}))
    assert unit.publish()
    before = _seen(unit)
    unit.replace_report("u0", report({1: 99.0}))
    unit.replace_report("u1", report({1: 10.0}))  # same as published: not a changer
    unit.replace_report("u2", report({1: 10.0}))
    clock.now += 5 * HOUR
    assert _seen(unit) == before  # one real change: it would be the one cadre's figure
    unit.replace_report("u1", report({1: 11.0}))
    unit.replace_report("u2", report({1: 12.0}))
    clock.now += HOUR
    assert _seen(unit)[2][0][0]["minutes"] == 99.0 + 11.0 + 12.0


def _cadres() -> list[tuple[str, dict[str, Any]]]:
    """Reports with ties (equal minutes, equal counts) so that only content can order them."""
    reports = []
    for cadre in range(7):
        body = report(
            {1: 10.0, 2: 10.0, 3: 10.0, 4: 20.0 + (cadre % 2), 5: 10.0},
            findings={1: "zombie", 2: "zombie", 3: "duplicate_account"},
        )
        for key, info in body["accounts"].items():
            info["name"] = "同名账号" if key in (account_key(1), account_key(2)) else info["name"]
        reports.append((f"user-{cadre}", body))
    return reports


def _rendered(unit: UnitStore) -> list[str]:
    months = unit.months()
    rows = unit.ranking(months[0])
    label, trend = unit.trend(account_key(1))
    document = consolidation_document(unit)
    cells = [repr(block) for section in document.sections for block in section.blocks]
    return [
        pages.accounts_page(months, months[0], "", rows, unit.reporter_count(), K),
        pages.account_page(label.name, label.key, label.level, trend, K),
        pages.findings_page("", unit.consensus_findings(), K),
        pages.burden_page("", unit.burden(), K),
        *cells,
    ]


def test_nothing_a_coordinator_sees_follows_arrival_order(tmp_path: Path) -> None:
    clock = Clock(3000 * HOUR)
    cadres = _cadres()
    views = []
    for attempt in range(3):
        unit = _unit(tmp_path, clock, f"order{attempt}.db")
        arrived = cadres[:]
        random.Random(attempt).shuffle(arrived)
        for user, body in arrived:
            unit.replace_report(user, body)
        assert unit.publish()
        views.append(_rendered(unit))
        with unit.engine.connect() as conn:
            stored = [row.reporter for row in conn.execute(UnitReport.__table__.select())]
        assert len(set(stored)) == 7 and all(len(name) == 64 for name in stored)  # HMAC, not a counter
        unit.engine.dispose()
    assert views[0] == views[1] == views[2]
    ranking_page = views[0][0]
    first, second = (ranking_page.index(urlencode({"key": account_key(i)})) for i in (1, 2))
    assert first < second  # the same name and minutes: ordered by the key
