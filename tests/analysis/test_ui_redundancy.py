"""The 减负 page: model contract, evidence, actions, what-if, background analysis, screenshots."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import FindingKind, FindingStatus
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.accounts import group_by_account
from cadre_desk.services.analysis.desk import AnalysisDesk
from cadre_desk.services.analysis.findings import list_findings
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.item_clusters import first_publishers
from cadre_desk.storage.models import FetchHistory, Source, SourceFetchState
from cadre_desk.ui.analysis.findings_model import Column, FindingRole, FindingsModel
from cadre_desk.ui.analysis.page import RedundancyPage
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import ui_label
from tests.analysis.conftest import make_item, make_source, random_text

SHOTS = Path(os.environ.get("CADRE_SCREENSHOTS", "")) if os.environ.get("CADRE_SCREENSHOTS") else None


def _world(db: Database) -> dict[str, str]:
    """Relative to the real clock: the page analyses "now"."""
    now = datetime.now(UTC)
    county = make_source(db, "清河县融媒体中心", level="county", owner_unit="清河县委宣传部")
    town = make_source(db, "城关镇发布", level="township", owner_unit="城关镇人民政府")
    twin = make_source(db, "城关镇政务", level="township", owner_unit="城关镇人民政府")
    forest = make_source(db, "县林业局公众号", level="county")
    portal = make_source(db, "县统计局网站", level="county", kind="webpage", platform="portal")
    make_item(db, forest, "秋季森林防火工作提示", random_text(90), now - timedelta(days=45))
    make_item(db, portal, "统计公报", random_text(91), now - timedelta(days=20))
    for n in range(6):
        text = random_text(n, 240)
        make_item(db, county, f"关于做好第{n + 1}批防汛工作的通知", text, now - timedelta(days=n + 1))
        edited = "来源：清河县融媒体中心\n编者按：请各村认真落实。\n" + text[: int(len(text) * 0.85)]
        make_item(
            db,
            town,
            f"转发：关于做好第{n + 1}批防汛工作的通知",
            edited,
            now - timedelta(days=n + 1, hours=-3),
        )
    make_item(db, twin, "城关镇召开党委会", random_text(60), now - timedelta(days=2))
    with db.session() as session:
        session.add(
            SourceFetchState(
                source_id=portal,
                last_success_at=now - timedelta(days=20),
                last_attempt_at=now,
                consecutive_errors=30,
                last_error="服务器返回 404（页面不存在）",
                last_status=404,
            )
        )
        for day in range(5):
            session.add(
                FetchHistory(
                    source_id=portal,
                    attempted_at=now - timedelta(days=2 * day),
                    ok=False,
                    status=404,
                    error="服务器返回 404（页面不存在）",
                    new_items=0,
                )
            )
    return {"county": county, "town": town, "twin": twin, "forest": forest, "portal": portal}


@pytest.fixture
def page(qtbot, db: Database, data_paths: DataPaths):
    errors: list[BaseException] = []
    runner = BackgroundRunner(errors.append)
    bus = DataBus()
    widget = RedundancyPage(AnalysisDesk(db, data_paths.root, Settings(db)), runner, bus, errors.append)
    widget.resize(1400, 860)
    qtbot.addWidget(widget)
    widget.errors = errors  # type: ignore[attr-defined]
    yield widget
    runner.wait_idle()


def _row_with(page: RedundancyPage, kind: FindingKind) -> int:
    return next(r for r in range(page.model.rowCount()) if kind in page.model.row_at(r).kinds)


def _analyse(qtbot, page: RedundancyPage, full: bool = True) -> None:
    page.analyze(full=full)
    qtbot.waitUntil(lambda: not page._busy, timeout=60_000)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30_000)
    assert not page.errors  # type: ignore[attr-defined]


def test_model_contract_and_check_state(qtbot, db: Database, data_paths: DataPaths) -> None:
    _world(db)
    from cadre_desk.services.analysis.findings import run_analysis

    run_analysis(db, data_paths.root, Settings(db))
    model = FindingsModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    rows = group_by_account(list_findings(db))
    model.set_rows(rows)
    assert model.rowCount() == len(rows) >= 3
    first = model.index(0, Column.MINUTES)
    assert model.data(first, FindingRole.KEY) == rows[0].key
    assert set(model.data(model.index(0, Column.KIND)).split("、")) <= {
        "僵尸账号",
        "转载为主",
        "内容重叠",
        "失效账号",
        "重复账号",
    }
    assert model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_keys() == {rows[0].key}
    model.set_rows(rows[1:])  # a checked row that disappears is unchecked
    assert model.checked_keys() == set()
    assert model.rowCount(model.index(0, 0)) == 0 and model.data(QModelIndex()) is None


def test_page_ranks_findings_shows_evidence_and_what_if(qtbot, page: RedundancyPage, db: Database) -> None:
    _world(db)
    page.load()
    qtbot.waitUntil(lambda: page.empty_label.isVisibleTo(page), timeout=20_000)
    assert "重新分析" in page.empty_label.text()
    progress: list[tuple[int, int]] = []
    page._progress.progressed.connect(lambda d, t: progress.append((d, t)))
    _analyse(qtbot, page)
    assert progress and progress[-1][0] == progress[-1][1]
    minutes = [
        page.model.data(page.model.index(r, 0), FindingRole.MINUTES) for r in range(page.model.rowCount())
    ]
    assert minutes == sorted(minutes, reverse=True)
    kinds = {kind for r in range(page.model.rowCount()) for kind in page.model.row_at(r).kinds}
    assert {FindingKind.ZOMBIE, FindingKind.REPOST, FindingKind.DEAD, FindingKind.DUPLICATE_ACCOUNT} <= kinds
    # The reposting account: side-by-side pairs with differences marked.
    row = _row_with(page, FindingKind.REPOST)
    page.table.selectRow(row)
    qtbot.waitUntil(
        lambda: page._shown is not None and FindingKind.REPOST in page._shown.kinds, timeout=20_000
    )
    html = page.pairs_view.toHtml()
    assert ("清河县融媒体中心" in html and "ffd7d5" in html.lower()) or "del" in html
    assert page.pairs_view.toPlainText().count("防汛") >= 2
    assert "转载" in page.timeline_view.toPlainText()
    # What-if: tick two findings on different sources.
    rows = page.model.rows()
    a, b = rows[0], rows[1]
    for account in (a, b):
        page.model.setData(
            page.model.index(page.model.row_of(account.key), 0),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
    text = page.what_if_label.text()
    assert f"{a.minutes_saved_per_month + b.minutes_saved_per_month:.0f} 分钟" in text
    assert f"{page._followed} → {page._followed - 2} 个" in text
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SHOTS / "redundancy-pairs.png"))


def test_an_account_with_several_reasons_is_one_row_counted_once(
    qtbot, page: RedundancyPage, db: Database
) -> None:
    ids = _world(db)
    _analyse(qtbot, page)
    findings = list_findings(db)
    on_town = [f for f in findings if f.source_id == ids["town"]]
    assert len(on_town) >= 2, "the reposting twin account has several reasons"
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert [r.source_id for r in rows].count(ids["town"]) == 1
    assert len({r.source_id for r in rows}) == len(rows) == len({f.source_id for f in findings})
    row = next(n for n, r in enumerate(rows) if r.source_id == ids["town"])
    kinds_shown = page.model.data(page.model.index(row, Column.KIND))
    assert all(ui_label(f.kind) in kinds_shown for f in on_town)
    assert page.model.data(page.model.index(row, Column.MINUTES), FindingRole.MINUTES) == pytest.approx(
        on_town[0].minutes_saved_per_month
    )
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page._shown is not None and page._shown.source_id == ids["town"], timeout=20_000)
    lines = page.detail_summary.text().splitlines()
    assert len(lines) == len(on_town) and all(f.summary in page.detail_summary.text() for f in on_town)
    page.model.set_all_checked(True)
    once = sum({f.source_id: f.minutes_saved_per_month for f in findings}.values())
    assert f"每月约省 {once:.0f} 分钟" in page.what_if_label.text()
    assert once < sum(f.minutes_saved_per_month for f in findings)
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SHOTS / "redundancy-accounts.png"))
    # Ignoring the account dismisses every reason given for it.
    page.dismiss_selected(None)
    qtbot.waitUntil(lambda: all(r.source_id != ids["town"] for r in page.model.rows()), timeout=20_000)
    assert not [f for f in list_findings(db) if f.source_id == ids["town"]]


def test_fetch_history_tab_for_a_dead_source(qtbot, page: RedundancyPage, db: Database) -> None:
    _world(db)
    _analyse(qtbot, page)
    page.table.selectRow(_row_with(page, FindingKind.DEAD))
    qtbot.waitUntil(lambda: page._shown is not None and FindingKind.DEAD in page._shown.kinds, timeout=20_000)
    assert page.fetch_view.toPlainText().count("失败") >= 5
    page.tabs.setCurrentWidget(page.fetch_view)
    if SHOTS:
        page.grab().save(str(SHOTS / "redundancy-fetch-history.png"))


def test_actions_keep_unsubscribe_restore(qtbot, page: RedundancyPage, db: Database) -> None:
    ids = _world(db)
    _analyse(qtbot, page)

    def select(source_id: str, kind: FindingKind) -> None:
        row = next(
            r
            for r in range(page.model.rowCount())
            if page.model.row_at(r).source_id == source_id and kind in page.model.row_at(r).kinds
        )
        page.table.selectRow(row)

    select(ids["forest"], FindingKind.ZOMBIE)
    page.keep_selected("上级明确要求关注")
    qtbot.waitUntil(lambda: all(r.source_id != ids["forest"] for r in page.model.rows()), timeout=20_000)
    with db.session() as session:
        assert session.get(Source, ids["forest"]).keep_reason == "上级明确要求关注"
    select(ids["portal"], FindingKind.DEAD)
    page.unsubscribe_selected()
    qtbot.waitUntil(lambda: all(r.source_id != ids["portal"] for r in page.model.rows()), timeout=20_000)
    with db.session() as session:
        assert session.get(Source, ids["portal"]).subscribed is False
    # Closed findings are listed in the second scope and can be restored.
    page.scope.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: {r.status for r in page.model.rows()} == {FindingStatus.KEPT, FindingStatus.APPLIED},
        timeout=20_000,
    )
    select(ids["portal"], FindingKind.DEAD)
    qtbot.waitUntil(lambda: page.restore_button.isEnabled(), timeout=20_000)
    page.restore_selected()
    qtbot.waitUntil(lambda: all(r.source_id != ids["portal"] for r in page.model.rows()), timeout=20_000)
    with db.session() as session:
        assert session.get(Source, ids["portal"]).subscribed is True
    assert not page.errors  # type: ignore[attr-defined]


def test_export_from_the_page(qtbot, page: RedundancyPage, db: Database, tmp_path: Path) -> None:
    _world(db)
    _analyse(qtbot, page)
    written: list[Path] = []
    page.export_report(tmp_path / "精简报告.xlsx", written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=20_000)
    assert written[0].stat().st_size > 0


def test_gui_stays_responsive_during_a_rebuild(qtbot, page: RedundancyPage, db: Database) -> None:
    _world(db)
    from PySide6.QtCore import QTimer

    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    page.analyze(full=True)
    assert page._busy and not page.rebuild_button.isEnabled()
    qtbot.waitUntil(lambda: not page._busy, timeout=60_000)
    timer.stop()
    assert ticks  # the event loop kept running while the analysis ran on a worker thread


def test_new_items_are_clustered_automatically(qtbot, page: RedundancyPage, db: Database) -> None:
    ids = _world(db)
    _analyse(qtbot, page, full=True)
    page._auto.setInterval(50)
    text = random_text(123, 200)
    now = datetime.now(UTC)
    first = make_item(db, ids["county"], "新通知", text, now - timedelta(hours=2))
    second = make_item(
        db, ids["town"], "转发新通知", "转自：清河县融媒体中心\n" + text, now - timedelta(hours=1)
    )
    page._bus.announce(Changes(items=True))  # what a refresh announces

    def clustered() -> bool:
        with db.session() as session:
            return first_publishers(session.connection()).get(second) == first

    qtbot.waitUntil(clustered, timeout=20_000)
    qtbot.waitUntil(lambda: not page._busy, timeout=20_000)
    assert not page.errors  # type: ignore[attr-defined]


class _FirstReadLate(AnalysisDesk):
    """Holds the page's first findings read (the open findings) until the test lets it go: a
    busy machine can schedule that pool thread after a read asked for later."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.release_first = threading.Event()
        self.calls = 0
        self._count = threading.Lock()
        self._held = False

    def findings(self, statuses):  # type: ignore[no-untyped-def]
        # Picked by its scope, under a lock: the two reads run on two pool threads and either
        # can get here first, so "the first call" is not necessarily the first read asked for.
        with self._count:
            self.calls += 1
            hold = statuses == [FindingStatus.OPEN] and not self._held
            self._held = self._held or hold
        rows = super().findings(statuses)
        if hold:
            self.release_first.wait(30)
        return rows


def test_an_older_scope_read_finishing_late_does_not_replace_the_newer_one(
    qtbot, db: Database, data_paths: DataPaths
) -> None:  # type: ignore[no-untyped-def]
    ids = _world(db)
    desk = _FirstReadLate(db, data_paths.root, Settings(db))
    desk.analyze(full_rebuild=True)
    desk.keep_source(ids["forest"], "上级明确要求关注")  # a closed finding: the scopes differ
    errors: list[BaseException] = []
    runner = BackgroundRunner(errors.append)
    page = RedundancyPage(desk, runner, DataBus(), errors.append)
    qtbot.addWidget(page)
    page.load()  # scope 0 (open findings): held back
    page.scope.setCurrentIndex(2)  # everything: asked later, arrives first
    qtbot.waitUntil(
        lambda: desk.calls == 2 and ids["forest"] in {r.source_id for r in page.model.rows()}, timeout=20_000
    )
    shown = page.model.rows()
    desk.release_first.set()  # the read for the old scope now finishes
    runner.wait_idle()  # its result has been handed to the GUI thread...
    QApplication.processEvents()  # ...and is delivered (and must be dropped) here
    assert page.model.rows() == shown  # the kept account is still listed
    assert not errors
