"""The numbering of a commit's changed rows (``rows.queue_changes``) against the plain sort it
replaced: the same sequence numbers for the same rows, over generated uploads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.server.rows import Writes, queue_changes
from cadre_desk.services.sync.records import schema

_TABLES = st.sampled_from(sorted(schema()))
_CHANGES = st.lists(st.tuples(_TABLES, st.text(max_size=4), st.text(max_size=4), st.booleans()), max_size=12)
_PLAIN = st.dictionaries(st.tuples(_TABLES, st.text(max_size=4)), st.text(max_size=4), max_size=12)


def _sorted_numbering(
    user_id: str, changed: list[tuple[str, str, str, bool]], plain: dict, last_seq: int
) -> tuple[Writes, int]:
    """The earlier way: every row, new ones last, one stable sort by table order, then numbered."""
    order = {table: n for n, table in enumerate(schema())}
    rows = [*changed, *((key[0], key[1], text, True) for key, text in plain.items())]
    rows.sort(key=lambda row: order[row[0]])
    writes = Writes()
    for n, (table, row_id, text, is_new) in enumerate(rows, start=last_seq + 1):
        if is_new:
            writes.inserts.append((user_id, table, row_id, n, text))
        else:
            writes.updates.append((n, text, user_id, table, row_id))
    return writes, last_seq + len(rows)


@settings(max_examples=300)
@given(_CHANGES, _PLAIN, st.integers(0, 2**40))
def test_rows_are_numbered_as_one_stable_sort_by_table_would(
    changed: list[tuple[str, str, str, bool]], plain: dict, last_seq: int
) -> None:
    expected, expected_cursor = _sorted_numbering("u", list(changed), plain, last_seq)
    writes = Writes()
    assert queue_changes("u", list(changed), last_seq, writes, plain or None) == expected_cursor
    assert writes.inserts == expected.inserts
    assert writes.updates == expected.updates


def test_referenced_tables_come_first() -> None:
    order = list(schema())
    first, last = order[0], order[-1]
    writes = Writes()
    cursor = queue_changes(
        "u", [(last, "b", "{}", False)], 10, writes, {(last, "c"): "{}", (first, "a"): "{}"}
    )
    assert cursor == 13
    assert [row[3] for row in writes.inserts] == [11, 13] and writes.inserts[0][1] == first
    assert writes.updates == [(12, "{}", "u", last, "b")]
