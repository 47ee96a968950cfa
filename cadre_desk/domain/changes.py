"""What a command changed, typed (Anki's ``OpChanges``): views refresh from it.

A command (a service call, a sync, a CLI write beside the window) yields one ``Changes``;
the GUI's data bus carries it, and each view looks at the fields it shows. A name that does
not exist is a typo the type checker and ``AttributeError`` catch, where a string did not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

# Tables (the sync schema's entity names, the CLI's "changed" message) -> the field they touch.
_TABLE_FIELDS = {
    "items": "items",
    "item_tags": "items",
    "tags": "items",
    "sources": "sources",
    "source_fetch_state": "fetch_state",
    "folders": "folders",
    "tasks": "tasks",
    "requirements": "requirements",
    "operation_logs": "operation_logs",
    "attachments": "operation_logs",
    "findings": "findings",
    "rules": "rules",
    "saved_searches": "saved_searches",
    "settings": "settings",
    "own": "own",
    "own_accounts": "own",
    "own_marks": "own",
    "own_repost_duties": "own",
    "own_messages": "own",
}


@dataclass(frozen=True)
class Changes:
    items: bool = False
    sources: bool = False
    fetch_state: bool = False  # a source's last fetch, errors, counters
    folders: bool = False
    tasks: bool = False
    requirements: bool = False
    operation_logs: bool = False  # operation records and their evidence
    findings: bool = False
    rules: bool = False
    saved_searches: bool = False
    settings: bool = False
    own: bool = False  # the accounts the unit runs, their marks, duties and messages

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def names(self) -> frozenset[str]:
        """The fields set, for logs and for the message a CLI command sends to the window."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        """From table names (a sync's schema, a CLI command's message); unknown ones are ignored,
        since an older window may hear of a table it does not show."""
        touched = {_TABLE_FIELDS[table] for table in tables if table in _TABLE_FIELDS}
        touched |= {table for table in tables if table in cls.__dataclass_fields__}
        return cls(**dict.fromkeys(touched, True))


NOTHING = Changes()


@dataclass(frozen=True)
class ChangesWithId:
    """A command that made or named one row: its id and what it changed (Anki's ``OpChangesWithId``)."""

    id: str
    changes: Changes


@dataclass(frozen=True)
class ChangesWithCount:
    """A command over many rows: how many it touched and what it changed (``OpChangesWithCount``)."""

    count: int
    changes: Changes


@dataclass(frozen=True)
class ChangesWithIds:
    """A command that made several rows (sources from a list of accounts): their ids, in order."""

    ids: tuple[str, ...]
    changes: Changes
