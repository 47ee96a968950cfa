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


# Pages that build a notice themselves, and how many times: none. A page that calls a command
# without a ``Changes`` in its answer is the command to fix, not an entry to add here.
BUILT_IN_UI_STILL: dict[str, int] = {}


def notices_built(source: str) -> int:
    """``Changes(...)`` calls with arguments in ``source`` (an empty ``Changes()`` to combine
    returned values into is fine)."""
    count = 0
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and (node.args or node.keywords):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            count += name == "Changes"
    return count


def test_ui_publishes_what_services_return() -> None:
    """A page announces the ``Changes`` a service command returned; it never builds one."""
    built = {}
    for path in UI.rglob("*.py"):
        count = notices_built(path.read_text(encoding="utf-8"))
        if count:
            built[path.relative_to(UI).as_posix()] = count
    assert built == BUILT_IN_UI_STILL


def test_the_scan_sees_a_notice_built_in_a_page() -> None:
    assert notices_built("bus.announce(Changes(tasks=True))") == 1
    assert notices_built("bus.announce(changes.Changes(True))") == 1
    assert notices_built("changes = Changes()\nbus.announce(result.changes)") == 0


def test_a_cli_write_notes_what_its_service_calls_returned() -> None:
    import argparse

    from cadre_desk.cli.profile import note_changes

    args = argparse.Namespace()
    note_changes(args, Changes(tasks=True))
    note_changes(args, NOTHING)  # a call that changed nothing adds nothing
    note_changes(args, Changes(operation_logs=True))
    assert args.changes == Changes(tasks=True, operation_logs=True)
