"""Typed change notices: combining, table names, and no string announcements left in ui/."""

from __future__ import annotations

import ast
from pathlib import Path

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.services.sync.records import schema

UI = Path(__file__).resolve().parents[1] / "cadre_desk" / "ui"


def test_union_keeps_every_field_set() -> None:
    both = Changes(items=True) | Changes(tasks=True, own=True)
    assert both == Changes(items=True, tasks=True, own=True)
    assert both.names() == {"items", "tasks", "own"}
    assert not NOTHING
    assert Changes(settings=True)


def test_every_synced_table_maps_to_a_field() -> None:
    # A sync announces what its schema holds: a table without a field would refresh nothing.
    for table in schema():
        assert Changes.of_tables([table]), table
    assert Changes.of_tables(["items", "source_fetch_state", "own_marks"]) == Changes(
        items=True, fetch_state=True, own=True
    )
    assert Changes.of_tables(["a table from a newer version"]) == NOTHING


def test_field_names_round_trip() -> None:
    changes = Changes(sources=True, fetch_state=True, operation_logs=True)
    assert Changes.of_tables(changes.names()) == changes


def test_ui_announces_only_typed_changes() -> None:
    """``bus.announce(...)`` gets one ``Changes`` value, never string entity names."""
    wrong = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "announce"
                and any(
                    isinstance(arg, ast.Starred)
                    or (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
                    for arg in node.args
                )
            ):
                wrong.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert wrong == []
