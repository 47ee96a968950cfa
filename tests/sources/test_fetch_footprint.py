"""The refresh path (``cadre-desk fetch``) imports only what fetching needs.

numpy, scipy and datasketch (the analysis), Qt and the report writers cost tens of megabytes
of resident memory in every refresh process; none of them is needed to fetch, parse and store.
The features that act on new items (rules, already-read reposts, repost duties) are imported
only when the profile has something for them to do (``services.ingest_listeners``), and then
they still run. A refresh too small for a parse worker starts none.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cadre_desk.app import build_context, build_source_area
from cadre_desk.domain.rules import parse_rule
from cadre_desk.services.rules import RulesService
from cadre_desk.services.sources import NewSource
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route

HEAVY = ("numpy", "scipy", "datasketch", "PySide6", "reportlab", "openpyxl", "xlsxwriter", "matplotlib")
# What a refresh of feeds alone, in a profile without rules or duties, has no use for.
FEATURES = (
    "cadre_desk.services.rules",
    "cadre_desk.services.folding",
    "cadre_desk.services.own",
    "cadre_desk.services.tasks",
    "cadre_desk.services.capture",
    "cadre_desk.services.sources",
    "cadre_desk.domain.notice_diff",
    "cadre_desk.sources.webpage",  # portal columns
    "cadre_desk.sources.imap",  # mailboxes
)

_PROBE = """
import json, runpy, subprocess, sys
started = []
_popen_init = subprocess.Popen.__init__
def _recording_init(self, args, *rest, **kwargs):
    started.append(" ".join(map(str, args)))
    _popen_init(self, args, *rest, **kwargs)
subprocess.Popen.__init__ = _recording_init
sys.argv = ["cadre_desk", "--data-dir", sys.argv[1], "fetch", "--quiet"]
try:
    runpy.run_module("cadre_desk", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules), "started": started}))
"""


def _fetch(profile: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(profile)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr[-2000:]
    return report


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def _profile_with_feeds(profile: Path, server: FeedServer, feeds: int = 3) -> None:
    ctx = build_context(profile)
    try:
        area = build_source_area(ctx)
        for n in range(feeds):
            server.routes[f"/{n}.xml"] = Route(body=samples.rss_feed(n, 4))
            area.sources.add(NewSource(kind="rss", name=f"县政府{n}", url=server.url(f"/{n}.xml")))
    finally:
        ctx.close()


@pytest.mark.slow
def test_fetch_imports_no_analysis_qt_or_report_libraries(tmp_path: Path) -> None:
    report = _fetch(tmp_path / "profile")
    modules = {m.split(".")[0] for m in report["modules"]}
    assert "sqlalchemy" in modules  # the probe did run the command
    assert sorted(set(HEAVY) & modules) == []


@pytest.mark.slow
def test_fetch_of_a_plain_profile_loads_no_feature_it_does_not_use(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    profile = tmp_path / "profile"
    _profile_with_feeds(profile, feed_server)
    report = _fetch(profile)
    assert "cadre_desk.services.refresh" in report["modules"]
    assert _loaded(report["modules"], FEATURES) == []
    assert report["started"] == []  # 3 feeds: parsed in this process, no worker ever started
    with sqlite3.connect(profile / "cadre_desk.db") as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 12


@pytest.mark.slow
def test_fetch_of_a_profile_with_a_rule_still_applies_it(tmp_path: Path, feed_server: FeedServer) -> None:
    profile = tmp_path / "profile"
    _profile_with_feeds(profile, feed_server)
    ctx = build_context(profile)
    try:
        conditions = {"match": "all", "items": [{"field": "title", "op": "contains", "value": "第1-"}]}
        RulesService(ctx.db).save(parse_rule("一号源加星", conditions, {"items": [{"type": "star"}]}))
    finally:
        ctx.close()
    report = _fetch(profile)
    assert "cadre_desk.services.rules" in report["modules"]
    with sqlite3.connect(profile / "cadre_desk.db") as conn:
        starred = conn.execute("SELECT title FROM items WHERE is_starred ORDER BY title").fetchall()
    assert [title for (title,) in starred] == sorted(samples.notice_title(1, i) for i in range(4))
