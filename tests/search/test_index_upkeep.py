"""Index upkeep after large imports: catch-up with progress, bounded merges on idle, warm-up."""

from __future__ import annotations

import pytest

from cadre_desk.services import search as search_module
from cadre_desk.services.search import SearchService
from cadre_desk.storage.database import Database
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.inbox.index_upkeep import IndexUpkeep
from tests.factories import add_items, add_source


def imported(db: Database, batches: int, per_batch: int = 100) -> SearchService:
    """Many separate index passes leave many FTS segments, as a large import does."""
    service = SearchService(db)
    source = add_source(db, "清河县人民政府")
    for _ in range(batches):
        add_items(db, source, per_batch)
        service.index_pending()
    return service


def test_catch_up_reports_progress_indexes_all_and_tidies(db: Database, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "CATCH_UP_STEP", 300)
    monkeypatch.setattr(search_module, "TIDY_AFTER", 1_000)
    service = imported(db, batches=5)
    source = add_source(db, "城关镇")
    add_items(db, source, 1_200)
    assert service.pending() == 1_200
    segments_before = service.segments()
    assert segments_before > 1
    seen: list[tuple[int, int]] = []
    assert service.catch_up(lambda done, total: seen.append((done, total))) == 1_200
    assert service.pending() == 0
    assert seen == [(300, 1_200), (600, 1_200), (900, 1_200), (1_200, 1_200)]  # 300 per step
    assert service.segments() == 1  # merged as optimize would, in bounded steps
    result = service.search("森林防火")
    assert len(result.hits) == 200 and result.pending == 0


def test_tidy_steps_are_bounded_and_end(db: Database) -> None:
    service = imported(db, batches=6)  # under the automerge threshold (8)
    before = service.segments()
    steps = 0
    while service.tidy_step():
        steps += 1
        assert steps < 500
    assert before > 1 and service.segments() == 1
    assert not service.tidy_step()  # nothing left: a no-op
    assert {hit.title for hit in service.search("第3批").hits} == {"关于做好第3批森林防火工作的通知"}


def test_gui_upkeep_indexes_with_status_then_tidies(db: Database, qtbot, monkeypatch) -> None:
    from cadre_desk.ui import inbox

    monkeypatch.setattr(inbox.index_upkeep, "TIDY_AFTER", 1_000)
    monkeypatch.setattr(inbox.index_upkeep, "CATCH_UP_STEP", 400)
    monkeypatch.setattr(inbox.index_upkeep, "IDLE_STEP_MS", 1)
    service = imported(db, batches=4)
    add_items(db, add_source(db, "城关镇"), 1_000)
    statuses: list[str] = []
    runner = BackgroundRunner(lambda exc: pytest.fail(repr(exc)))
    upkeep = IndexUpkeep(service, runner, statuses.append)
    upkeep.catch_up()
    qtbot.waitUntil(lambda: bool(statuses) and statuses[-1] == "搜索索引已整理完毕", timeout=30_000)
    assert runner.wait_idle(10_000)
    assert statuses[:2] == ["正在建立搜索索引… 400/1000", "正在建立搜索索引… 800/1000"]
    assert "搜索索引已建立（1000 条），正在整理…" in statuses
    assert service.pending() == 0 and service.segments() == 1
