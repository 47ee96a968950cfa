"""Privacy of the unit's view: no figure from fewer than k reporters by any filter or URL, totals
kept by differences equal totals from scratch, and nothing follows the order reports arrived in."""

from __future__ import annotations

import itertools
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cadre_desk.server.engine import make_engine
from cadre_desk.server.unit.models import UNIT_TABLES, UnitReport
from cadre_desk.server.unit.pages import FINDING_KINDS, LEVELS
from cadre_desk.server.unit.store import UnitStore
from tests.poppler import pdf_text
from tests.sync.server_fixtures import LiveServer
from tests.unit_view.helpers import account_key, clear_reports, publish

pytestmark = pytest.mark.slow

K = 3
MONTHS = ("2026-10", "2026-11")
KINDS = [kind for kind in FINDING_KINDS if kind]

cadre_report = st.fixed_dictionaries(
    {
        "accounts": st.dictionaries(
            st.integers(0, 5), st.sampled_from(["", "county", "township"]), max_size=5
        ),
        "minutes": st.lists(
            st.floats(0, 500, allow_nan=False).map(lambda m: round(m, 1)), min_size=12, max_size=12
        ),
        "findings": st.dictionaries(st.integers(0, 5), st.sampled_from(KINDS), max_size=3),
        "names": st.booleans(),  # this cadre renamed every account
    }
)


def as_report(draw: dict[str, Any]) -> dict[str, Any]:
    accounts = draw["accounts"]
    return {
        "format": 1,
        "accounts": {
            account_key(i): {"name": f"私名{i}" if draw["names"] else f"账号{i}", "level": level}
            for i, level in accounts.items()
        },
        "months": {
            month: [
                {"account": account_key(i), "minutes": draw["minutes"][m * 6 + i], "operations": {"read": 1}}
                for i in sorted(accounts)
                if (i + m) % 3  # not every account in every month
            ]
            for m, month in enumerate(MONTHS)
        },
        "burden": {
            account_key(i): [{"categories": ["forced_use"], "operation": "quiz"}] for i in accounts if i < 2
        },
        "findings": {
            account_key(i): [{"kind": kind, "related": account_key((i + 1) % 6), "score": 0.5}]
            for i, kind in draw["findings"].items()
            if i in accounts
        },
    }


def _store(folder: str) -> UnitStore:
    # a clock that stands still: no epoch ends during the test, batches go out by publish() only
    return UnitStore(make_engine(f"sqlite:///{Path(folder) / 'unit.db'}"), K, clock=lambda: 1.8e9)


def _totals(unit: UnitStore) -> dict[str, list[tuple[Any, ...]]]:
    with unit.engine.connect() as conn:
        return {
            table.name: sorted(
                tuple(round(v, 6) if isinstance(v, float) else v for v in row)
                for row in conn.execute(table.select())
            )
            for table in UNIT_TABLES
            if table.name.endswith(("totals", "names"))
        }


def _every_view(unit: UnitStore) -> list[Any]:
    """Everything a coordinator can ask for, over every filter value (and some that match nothing)."""
    seen: list[Any] = [unit.months(), unit.reporter_count()]
    for month, level in itertools.product((*MONTHS, "2026-01"), LEVELS):
        seen.append(("ranking", month, level, unit.ranking(month, level)))
    for index in range(7):
        seen.append(("trend", index, unit.trend(account_key(index))))
    for kind in FINDING_KINDS:
        seen.append(("findings", kind, unit.consensus_findings(kind)))
    for level in LEVELS:
        seen.append(("burden", level, unit.burden(level)))
    return seen


def _reporters_behind(reports: list[dict[str, Any]], predicate: Any) -> int:
    return sum(1 for report in reports if predicate(report))


@settings(max_examples=40, deadline=None)
@given(
    cadres=st.lists(cadre_report, max_size=7), revoked=st.sets(st.integers(0, 6)), seed=st.integers(0, 1000)
)
def test_no_figure_from_fewer_than_k_and_differences_equal_scratch(
    cadres: list[dict[str, Any]], revoked: set[int], seed: int
) -> None:
    reports = [as_report(cadre) for cadre in cadres]
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        incremental, scratch = _store(one), _store(two)
        rng = random.Random(seed)
        # arrival in any order, each cadre sending an older version first, some revoking at the end
        order = list(range(len(reports)))
        rng.shuffle(order)
        for index in order:
            older = as_report({**cadres[index], "minutes": [m + 1 for m in cadres[index]["minutes"]]})
            incremental.replace_report(f"user{index}", older)
        for index in order:
            incremental.replace_report(f"user{index}", reports[index])
        for index in sorted(revoked):
            incremental.revoke(f"user{index}")
        final = [report for index, report in enumerate(reports) if index not in revoked]
        assert not any(_totals(incremental).values())  # nothing reaches the totals before a batch
        published = incremental.publish()
        assert published == (len(reports) >= K)  # a batch needs ≥ k reporters who changed something
        scratch.bulk_load((f"user{i}", r) for i, r in enumerate(reports) if i not in revoked)
        if published:
            assert _totals(incremental) == _totals(scratch)
            assert _every_view(incremental) == _every_view(scratch)  # nor by arrival order or pseudonyms

        for entry in _every_view(incremental)[2:]:
            rows = entry[-1][1] if entry[0] == "trend" else entry[-1]
            for row in rows:
                assert row["reporters"] >= K
                if entry[0] == "ranking":
                    truth = _reporters_behind(
                        final,
                        lambda r, row=row, m=entry[1]: any(
                            c["account"] == row["account"] for c in r["months"].get(m, [])
                        ),
                    )
                    assert truth == row["reporters"]
                    named = _reporters_behind(
                        final,
                        lambda r, row=row: r["accounts"].get(row["account"], {}).get("name") == row["name"],
                    )
                    assert row["name"] == row["account"] or named >= K
                if entry[0] == "findings":
                    truth = _reporters_behind(
                        final,
                        lambda r, row=row: any(
                            f["kind"] == row["kind"] for f in r["findings"].get(row["account"], [])
                        ),
                    )
                    assert truth == row["reporters"] and row["followers"] >= K
        count = incremental.reporter_count()
        assert count == (len(final) if len(final) >= K and published else None)
        for unit in (incremental, scratch):
            unit.engine.dispose()


def test_stored_reports_carry_no_user_device_or_time() -> None:
    columns = set(UnitReport.__table__.columns.keys())
    assert columns == {"reporter", "body"}


SECRET_NAME = "只有两人关注的号"


@pytest.fixture
def filled(live_server: LiveServer) -> tuple[LiveServer, str]:
    clear_reports(live_server.store.engine)
    name, token = live_server.user()
    unit = UnitStore(live_server.store.engine)
    unit.set_coordinator(name)
    for index in range(5):
        followed = {0: 10.0 + index, 1: 3.0}
        if index < 2:
            followed[9] = 99.0  # followed by two cadres only
        body = as_report({"accounts": {}, "minutes": [0] * 12, "findings": {}, "names": False})
        body["accounts"] = {
            account_key(i): {"name": SECRET_NAME if i == 9 else f"账号{i}", "level": "county"}
            for i in followed
        }
        body["months"] = {
            "2026-11": [
                {"account": account_key(i), "minutes": m, "operations": {}} for i, m in followed.items()
            ]
        }
        body["findings"] = {account_key(9): [{"kind": "zombie", "score": 1}]} if index < 2 else {}
        body["burden"] = {}
        reply = httpx.post(
            f"{live_server.url}/v1/unit/report",
            json=body,
            headers={"Authorization": f"Bearer {live_server.user()[1]}"},
        )
        assert reply.status_code == 200
    assert publish(live_server.store.engine)
    return live_server, token


query_value = st.one_of(
    st.sampled_from([*MONTHS, "2026-01", "", *LEVELS, *KINDS, account_key(9), account_key(0)]),
    st.text(max_size=12),
)
query = st.dictionaries(
    st.sampled_from(["month", "level", "kind", "key", "limit", "k", "min_reporters"]), query_value, max_size=4
)
path = st.sampled_from(
    ["/unit/", "/unit/account", "/unit/findings", "/unit/burden", "/unit/report.xlsx", "/unit/report.pdf"]
)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """One client for all examples (a new one per request spent ~25 ms building its TLS context)."""
    with httpx.Client(trust_env=False) as client:
        yield client


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=path, params=query, api=st.booleans())
@example(path="/unit/account", params={"key": account_key(9)}, api=False)
@example(path="/unit/account", params={"key": account_key(9)}, api=True)
@example(path="/unit/findings", params={"kind": "zombie"}, api=False)
def test_no_url_reveals_an_account_of_fewer_than_k(
    filled: tuple[LiveServer, str], http: httpx.Client, path: str, params: dict[str, str], api: bool
) -> None:
    server, token = filled
    download = path.endswith((".xlsx", ".pdf"))
    if api and not download and path != "/unit/":
        path = "/unit/api/" + path.removeprefix("/unit/")
    elif api and path == "/unit/":
        path = "/unit/api/accounts"
    url = server.url + path + "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())
    reply = http.get(url, headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code in (200, 422)
    if path.endswith(".xlsx"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(reply.content))
        text = " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    elif path.endswith(".pdf"):
        target = Path(tempfile.mkdtemp()) / "report.pdf"
        target.write_bytes(reply.content)
        text = "".join(pdf_text(target).split())
        shutil.rmtree(target.parent)
    else:
        text = reply.text
    assert SECRET_NAME not in text
    if params.get("key") == account_key(9) and not download:
        # the key the coordinator typed is echoed, and the page looks as for an account nobody follows
        unknown = http.get(
            url.replace(quote(account_key(9)), quote(account_key(7))),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert text.replace(account_key(9), "") == unknown.text.replace(account_key(7), "")
    else:
        assert account_key(9) not in text
    if "/api/" in path and reply.status_code == 200:
        for row in reply.json().get("rows", []):
            assert row["reporters"] >= K
