"""Export pages: the rows SQLite writes as records (json_object) against the general path
(``load_states`` + ``encode`` + orjson), over generated rows, values and per-field clocks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import Attachment, Item
from tests.sync.helpers import NOW, Replica, add_items

DEVICES = ["a" * 32, "b" * 32, "c" * 32]
# What a local database may hold in a column (SQLite keeps what it is given): text with quotes,
# backslashes, control characters, NUL and astral characters; 64-bit integers; REALs, also in
# integer columns; NULL.
VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(['"引号"\\反斜杠', "换行\n制表\t", "\x00\x01\x1f\x7f", "😀 U+1F600", "\u2028\u2029"]),
    st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1),
    st.floats(allow_nan=False, allow_infinity=False),
)
# items.content_hash holds 8 raw bytes (records carry hex digits); other values go the general way
FINGERPRINTS = st.one_of(
    st.binary(min_size=8, max_size=8),
    st.binary(max_size=12),
    st.none(),
    st.sampled_from(["ab" * 32, "不是十六进制"]),
)
EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0),
        st.sampled_from(["title", "notes", "priority", "status", "occurrence_date"]),
        VALUES,
        st.sampled_from(DEVICES),
    ),
    max_size=12,
)


def _fresh(base: Path, template: Path) -> Database:
    paths = DataPaths(base / new_id()).ensure()
    shutil.copyfile(template, paths.database)
    return open_database(paths)


def _edit(db: Database, table: str, row_id: str, column: str, value: Any, device: str, hlc: int) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            f'UPDATE "{table}" SET "{column}" = ?, updated_at_hlc = ?, device_id = ? WHERE id = ?',
            (value, hlc, device, row_id),
        )


def _pages(db: Database, max_bytes: int, fast: bool) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [
            (page.first_seq, page.last_seq, dict(page.counts), page.attachments, page.lines)
            for page in export_pages(conn, 0, max_bytes=max_bytes, fast=fast)
        ]


def _assert_same_pages(db: Database, max_bytes: int) -> None:
    fast, general = _pages(db, max_bytes, True), _pages(db, max_bytes, False)
    assert [p[:4] for p in fast] == [p[:4] for p in general]
    for fast_page, general_page in zip(fast, general, strict=True):
        assert [fastjson.loads(line) for line in fast_page[4]] == [
            fastjson.loads(line) for line in general_page[4]
        ]
        # the same bytes too: page cuts depend on record sizes
        assert [len(line) for line in fast_page[4]] == [len(line) for line in general_page[4]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(st.text(max_size=20), min_size=1, max_size=6),
    edits=EDITS,
    fingerprints=st.lists(FINGERPRINTS, max_size=4),
    page_bytes=st.sampled_from([300, 1_000_000]),
)
def test_fast_export_writes_the_records_the_general_path_writes(
    tmp_path: Path,
    template_database: Path,
    titles: list[str],
    edits: list[tuple[int, str, Any, str]],
    fingerprints: list[Any],
    page_bytes: int,
) -> None:
    db = _fresh(tmp_path, template_database)
    try:
        replica = Replica("a", DataPaths(db.path.parent), None, db)  # type: ignore[arg-type]
        source = replica.add_source()
        tasks = [
            replica.add_task(title, source_id=source if n % 2 else None) for n, title in enumerate(titles)
        ]
        log = replica.check_in(tasks[0])  # a REAL in a float column (minutes)
        hlc = 1 << 61  # past the rows' own stamps: an UPDATE must advance the clock
        items = add_items(replica, source, len(fingerprints) + 1)
        for item, fingerprint in zip(items, fingerprints, strict=False):  # raw: stored as given
            hlc += 1
            _edit(db, "items", item, "content_hash", fingerprint, DEVICES[2], hlc)
        with db.session() as session:  # a row with one whole-row clock and a fingerprint
            session.execute(
                insert(Item).values(
                    id=new_id(),
                    source_id=source,
                    guid="整行",
                    title="整行一个时钟",
                    published_at=NOW,
                    fetched_at=NOW,
                    content_hash=bytes(range(8)),
                    **db.stamp_columns(),
                )
            )
        for pick, column, value, device in edits:
            hlc += 1
            try:
                _edit(db, "tasks", tasks[pick % len(tasks)], column, value, device, hlc)
            except IntegrityError:  # a NOT NULL or CHECK constraint refused this value: not stored
                continue
        with db.session() as session:
            session.execute(
                insert(Attachment).values(
                    id=new_id(),
                    operation_log_id=log,
                    sha256="e" * 64,
                    filename="截图.png",
                    mime_type="image/png",
                    size_bytes=1234,
                    created_at=NOW,
                    **db.stamp_columns(),
                )
            )
        _assert_same_pages(db, page_bytes)
    finally:
        db.close()


def test_rows_with_reals_and_blobs_go_the_general_way(tmp_path: Path, template_database: Path) -> None:
    db = _fresh(tmp_path, template_database)
    try:
        replica = Replica("a", DataPaths(db.path.parent), None, db)  # type: ignore[arg-type]
        real = replica.add_task("优先级是小数")
        _edit(db, "tasks", real, "priority", 0.1 + 0.2, DEVICES[1], 1 << 60)
        with db.engine.connect() as conn:
            (page,) = export_pages(conn, 0, fast=True)
        by_title = {r["v"]["title"]: r for r in page.records() if r["t"] == "tasks"}
        assert by_title["优先级是小数"]["v"]["priority"] == 0.30000000000000004  # not SQLite's 0.3
        _edit(db, "tasks", replica.add_task("备注是字节"), "notes", b"\x00\xff", DEVICES[1], (1 << 60) + 1)
        for fast in (True, False):  # JSON has no bytes: both paths refuse, neither writes garbage
            with db.engine.connect() as conn, pytest.raises(TypeError):
                list(export_pages(conn, 0, fast=fast))
    finally:
        db.close()


@pytest.mark.parametrize("page_bytes", [250, 1_000_000])
def test_references_travel_in_the_page_that_needs_them(
    tmp_path: Path, template_database: Path, page_bytes: int
) -> None:
    db = _fresh(tmp_path, template_database)
    try:
        replica = Replica("a", DataPaths(db.path.parent), None, db)  # type: ignore[arg-type]
        task = replica.add_task("先有任务")
        source = replica.add_source("后加的来源")
        _edit(db, "tasks", task, "source_id", source, DEVICES[2], 1 << 61)  # refers to a later row
        _assert_same_pages(db, page_bytes)
    finally:
        db.close()
