"""The full-text index for Chinese search (SQLite FTS5).

Design (measured on this project's machines, see ``benchmarks/bench_inbox.py``):

* One contentless FTS5 table ``search_fts`` (title, body, author, meta), ``unicode61`` tokenizer,
  over text in which every run of CJK ideographs is rewritten as its overlapping **bigrams plus
  its last character** ("乡村振兴" → "乡村 村振 振兴 兴"):
  - 2 characters: one token; 3+ characters: a phrase of adjacent bigrams.
  Bigram doclists are far shorter than per-character ones, so long phrases made of common
  characters stay fast; a trigram index cannot answer 1–2 characters at all. Latin words stay
  whole (prefix-searchable by a term scan).
* One character: a second, small table ``search_chars`` (``detail=none``: document ids only, no
  positions) holds each document's distinct CJK characters and its source token. A query made
  only of single characters is answered there as fast as a bigram. It replaced a one-character
  prefix index on ``search_fts`` (``prefix='1'``), which stored every token a second time with
  its positions: 583 -> 307 + 53 bytes per item and a third less indexing work, measured on the
  demo's 200k profile (issue 20 §3). A single character *inside* a query with longer terms
  is a prefix term (``"村" *``) of ``search_fts``: correct, answered by a term scan.
* ``search_docs`` maps the FTS rowid (AUTOINCREMENT: never reused, so the tokens an edit left
  behind never match a later document) to the item's rowid. Integers: 88 -> ~20 bytes per item
  where it held the 32-character ``items.id`` with a unique index on it (issue 20 §3). Item rowids
  are kept by VACUUM (tested, as ``item_clusters`` relies on too); anything that renumbers them
  (a batch migration of ``items``) must rebuild this index (:func:`rebuild`).
* Triggers on ``items`` only append to ``search_queue`` (microseconds), so ingest keeps its
  speed; :func:`index_pending` turns queued items into index rows in batches. Searches call it
  first, so results are never stale; the GUI and ingest call it in the background.
* The index stores no text (contentless): an edited or deleted item loses its mapping row and
  its old tokens become unreachable garbage, cleaned by :func:`rebuild`. Snippets are made from
  the item row itself.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, text

from cadre_desk.domain.search_query import CJK_CLASS, is_cjk

FTS_TABLE = "search_fts"
CHARS_TABLE = "search_chars"
DOCS_TABLE = "search_docs"
QUEUE_TABLE = "search_queue"
MAX_BODY_CHARS = 20_000  # a 20k-character notice is already long; bound the cost of one item
BATCH = 10_000
# Every live item, in arrival order: results are ranked newest-indexed first (doc ids grow).
REQUEUE_ALL = f"INSERT INTO {QUEUE_TABLE} (item_id) SELECT id FROM items WHERE NOT deleted ORDER BY rowid"
MERGE_PAGES = 400  # pages merged per idle step: ~50-150 ms of work

_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|tr|td|th|h[1-6]|section|article|table|ul|ol)\b[^>]*>", re.I)
_SPACES = re.compile(r"\s+")
_TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
CREATE_STATEMENTS = (
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title, body, author, meta, content='', columnsize=0, {_TOKENIZE})""",
    # Fewer, larger segment merges: ~1.5x faster bulk indexing, measured (bench_inbox).
    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('automerge', 8)",
    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('crisismerge', 64)",
    f"""CREATE VIRTUAL TABLE {CHARS_TABLE} USING fts5(
        chars, content='', columnsize=0, detail=none, {_TOKENIZE})""",
)
DROP_STATEMENTS = (f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DROP TABLE IF EXISTS {CHARS_TABLE}")


def trigger_ddl(prefix: str, insert_when: str = "1") -> list[str]:
    """Triggers that queue items for (re)indexing; installed by ``storage.triggers``
    (``insert_when``: its bulk-insert guard; ``queue_batch_sql`` then queues the rows at once)."""
    watched = " OR ".join(
        f"OLD.{c} IS NOT NEW.{c}" for c in ("title", "content_html", "author", "deleted", "source_id")
    )
    return [
        f"""CREATE TRIGGER {prefix}items_search_insert AFTER INSERT ON items WHEN {insert_when} BEGIN
  INSERT INTO {QUEUE_TABLE} (item_id) VALUES (NEW.id);
END""",
        f"""CREATE TRIGGER {prefix}items_search_update AFTER UPDATE ON items WHEN {watched} BEGIN
  INSERT INTO {QUEUE_TABLE} (item_id) VALUES (NEW.id);
END""",
    ]


def queue_batch_sql(mark: str) -> str:
    """The insert trigger's work for every items row after rowid ``mark``, in insertion order."""
    return (
        f"INSERT INTO {QUEUE_TABLE} (item_id) "
        f"SELECT r.id FROM items AS r WHERE r.rowid > {mark} ORDER BY r.rowid"
    )


def html_to_text(value: str | None) -> str:
    """Plain text of sanitized HTML (block tags become spaces, entities decoded)."""
    if not value:
        return ""
    stripped = _TAG.sub("", _BLOCK_TAG.sub(" ", value))
    return _SPACES.sub(" ", html.unescape(stripped)).strip()


def _run_tokens(run: str) -> list[str]:
    """Index tokens of one CJK run: overlapping bigrams, then the last character."""
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def _spaced_run(match: re.Match[str]) -> str:
    return " " + " ".join(_run_tokens(match.group())) + " "


def tokenizable(value: str | None) -> str:
    """Text as stored in the index (CJK runs rewritten as bigrams + last character)."""
    if not value:
        return ""
    return _CJK_RUN.sub(_spaced_run, value)


def distinct_chars(*values: str | None) -> str:
    """The document of ``search_chars``: each CJK character of ``values`` once, spaced."""
    found: set[str] = set()
    for value in values:
        if value:
            for run in _CJK_RUN.findall(value):
                found.update(run)
    return " ".join(sorted(found))


def is_single_char(groups: Sequence[str]) -> bool:
    """A term of exactly one CJK character (answered by ``search_chars``)."""
    return len(groups) == 1 and len(groups[0]) == 1 and is_cjk(groups[0])


def match_expression(
    terms: Sequence[tuple[Sequence[str], bool]], source_ids: Sequence[str] | None = None
) -> tuple[str, str]:
    """(table, MATCH expression) for ``terms`` (each: its groups and whether it is a prefix term),
    all required, within the sources ``source_ids`` when given (as index tokens: an intersection
    inside FTS, not a row filter). Queries made only of single CJK characters go to
    ``search_chars``; the others to ``search_fts``. Both tables share document ids."""
    scope = ""
    if source_ids:
        scope = "(" + " OR ".join(f'"{source_token(s)}"' for s in source_ids) + ")"
    if terms and all(is_single_char(groups) for groups, _prefix in terms):
        parts = [f'"{groups[0]}"' for groups, _prefix in terms]  # CJK: nothing to quote
        return CHARS_TABLE, " AND ".join(parts + ([scope] if scope else []))
    parts = [term_expression(groups, prefix) for groups, prefix in terms]
    return FTS_TABLE, " AND ".join(parts + ([f"meta : {scope}"] if scope else []))


# A single character beside longer terms: as a prefix term of search_fts, FTS5 merges the doclists
# of every bigram it starts (~0.24 µs per document holding it); checked per candidate in
# search_chars it costs ~18 µs per candidate, and a candidate passes as often as the character
# occurs. The check wins once the character is in more than sqrt(CHECK_COST_RATIO * docs)
# documents (measured at 1M items: "通知" with 村 106 -> 20 ms, with 县 101 -> 9 ms; with 汛, in
# 0.5 % of the documents, the term scan stays at 3 ms where the check took 9 s).
CHECK_COST_RATIO = 37_575
SAMPLE_DOCS = 4096  # newest documents whose share holding the character decides
CHECK_BUDGET_S = 0.05  # a check slower than this (a character rare among the term's matches) gives way


@dataclass(frozen=True)
class MatchPlan:
    table: str
    expression: str
    chars: str | None = None  # also required: these characters, checked per candidate (``chars_check``)
    fallback: str | None = None  # the same query without checks (FTS_TABLE), should a check run long


def plan_match(
    conn: Connection, terms: Sequence[tuple[Sequence[str], bool]], source_ids: Sequence[str] | None = None
) -> MatchPlan:
    """``match_expression``, except that common single characters beside longer terms are
    checked per candidate in ``search_chars`` instead of being a term scan of ``search_fts``."""
    table, expression = match_expression(terms, source_ids)
    singles = list(dict.fromkeys(g[0] for g, _prefix in terms if is_single_char(g)))
    if table == CHARS_TABLE or not singles:
        return MatchPlan(table, expression)
    docs = int(conn.execute(text(f"SELECT coalesce(max(doc), 0) FROM {DOCS_TABLE}")).scalar_one())
    # The share of the newest documents holding the character: the candidates are read newest
    # first, and a window's count is a few seeks where counting every holder took ~10 ms at 1M.
    window = min(docs, SAMPLE_DOCS)
    share_needed = (CHECK_COST_RATIO / max(docs, 1)) ** 0.5
    count = text(f"SELECT count(*) FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH :c AND rowid > :after")
    common = [
        c
        for c in singles
        if window
        and conn.execute(count, {"c": f'"{c}"', "after": docs - window}).scalar_one() >= share_needed * window
    ]
    if not common:
        return MatchPlan(table, expression)
    rest = [(g, p) for g, p in terms if not (is_single_char(g) and g[0] in common)]
    _table, narrowed = match_expression(rest, source_ids)
    return MatchPlan(FTS_TABLE, narrowed, " AND ".join(f'"{c}"' for c in common), expression)


def chars_check(alias: str) -> str:
    """SQL requiring the plan's ``chars`` (parameter ``:chars``) of the row ``alias`` of search_fts."""
    return (
        f"EXISTS (SELECT 1 FROM {CHARS_TABLE} AS c "
        f"WHERE {CHARS_TABLE} MATCH :chars AND c.rowid = {alias}.rowid)"
    )


@contextmanager
def time_budget(conn: Connection, seconds: float) -> Iterator[None]:
    """Interrupt the statements run inside after ``seconds`` (``sqlite3.OperationalError``:
    interrupted); the caller then runs its plain query."""
    raw = conn.connection.driver_connection
    assert raw is not None
    deadline = time.perf_counter() + seconds
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 1_000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


def term_expression(groups: Sequence[str], prefix: bool = False) -> str:
    """A safe FTS5 expression matching ``groups`` (CJK runs and words) in order.

    Every group but the last is written exactly as the indexer writes it (so a phrase spans
    punctuation the way the text does); the last CJK run drops its trailing character (the text
    may continue the run), and a single last character becomes a prefix query. All of it goes
    inside one double-quoted string, quotes doubled: no user text is ever read as FTS syntax.
    """
    tokens: list[str] = []
    star = False
    for n, group in enumerate(groups):
        last = n == len(groups) - 1
        if not is_cjk(group):
            tokens.append(group)
            star = last and prefix
        elif not last:
            tokens += _run_tokens(group)
        elif len(group) == 1:
            tokens.append(group)
            star = True
        else:
            tokens += [group[i : i + 2] for i in range(len(group) - 1)]
    body = " ".join(token.replace('"', '""') for token in tokens)
    return f'"{body}"' + (" *" if star else "")


@dataclass(frozen=True)
class IndexStats:
    indexed: int
    removed: int
    pending: int


def pending_count(conn: Connection) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {QUEUE_TABLE}")).scalar_one())


def index_pending(conn: Connection, limit: int | None = None) -> IndexStats:
    """Index queued items, oldest first, at most ``limit`` queue entries (all when None)."""
    indexed = removed = 0
    remaining = limit
    while remaining is None or remaining > 0:
        size = BATCH if remaining is None else min(BATCH, remaining)
        queue = conn.execute(
            text(f"SELECT seq, item_id FROM {QUEUE_TABLE} ORDER BY seq LIMIT :n"), {"n": size}
        ).all()
        if not queue:
            break
        item_ids = list(dict.fromkeys(row[1] for row in queue))
        i, r = _reindex(conn, item_ids)
        indexed += i
        removed += r
        conn.execute(text(f"DELETE FROM {QUEUE_TABLE} WHERE seq <= :last"), {"last": queue[-1][0]})
        if remaining is not None:
            remaining -= len(queue)
    return IndexStats(indexed, removed, pending_count(conn))


def source_token(source_id: str) -> str:
    """The token in the ``meta`` column naming an item's source (ids are hex: one alnum token)."""
    return "src" + source_id


def _reindex(conn: Connection, item_ids: list[str]) -> tuple[int, int]:
    raw = conn.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        removed = 0
        rows: list[tuple[int, str, str | None, str | None, str | None]] = []
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cursor.execute(
                f"DELETE FROM {DOCS_TABLE} WHERE item IN (SELECT rowid FROM items WHERE id IN ({marks}))",
                chunk,
            )
            removed += cursor.rowcount
            rows += cursor.execute(
                f"SELECT rowid, source_id, title, coalesce(content_html, summary), author FROM items "
                f"WHERE id IN ({marks}) AND NOT deleted",
                chunk,
            ).fetchall()
        if rows:
            before = cursor.execute(f"SELECT coalesce(max(doc), 0) FROM {DOCS_TABLE}").fetchone()[0]
            cursor.executemany(f"INSERT INTO {DOCS_TABLE} (item) VALUES (?)", [(r[0],) for r in rows])
            docs = dict(cursor.execute(f"SELECT item, doc FROM {DOCS_TABLE} WHERE doc > ?", (before,)))
            texts = [
                (docs[item], title, html_to_text(body)[:MAX_BODY_CHARS], author, source_token(source))
                for item, source, title, body, author in rows
            ]
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body, author, meta) VALUES (?, ?, ?, ?, ?)",
                [
                    (doc, tokenizable(title), tokenizable(body), tokenizable(author), meta)
                    for doc, title, body, author, meta in texts
                ],
            )
            cursor.executemany(
                f"INSERT INTO {CHARS_TABLE} (rowid, chars) VALUES (?, ?)",
                [(doc, f"{meta} {distinct_chars(title, body, by)}") for doc, title, body, by, meta in texts],
            )
        return len(rows), removed
    finally:
        cursor.close()


def rebuild(conn: Connection) -> int:
    """Drop every index row (and the garbage edits left) and index all items again."""
    for table in (FTS_TABLE, CHARS_TABLE):
        conn.execute(text(f"INSERT INTO {table} ({table}) VALUES ('delete-all')"))
    conn.execute(text(f"DELETE FROM {DOCS_TABLE}"))
    conn.execute(text(f"DELETE FROM {QUEUE_TABLE}"))
    conn.execute(text(REQUEUE_ALL))
    return index_pending(conn).indexed


def optimize(conn: Connection) -> None:
    """Merge index segments (after a large import); makes later queries faster."""
    for table in (FTS_TABLE, CHARS_TABLE):
        conn.execute(text(f"INSERT INTO {table} ({table}) VALUES ('optimize')"))


def merge_step(conn: Connection, pages: int = MERGE_PAGES) -> bool:
    """One bounded piece of the segment merge that ``optimize`` does at once; True while more
    work remains. Run in short write transactions on idle, it tidies a 1M-item index without
    holding the writer for the tens of seconds a single ``optimize`` takes.

    FTS5 reports the work done through ``total_changes()``: a difference of less than 2 means
    nothing was left. A negative page count merges even segments of different levels, down to
    one segment, as ``optimize`` would.
    """
    for table in (FTS_TABLE, CHARS_TABLE):  # the small one once the large one is done
        before = conn.execute(text("SELECT total_changes()")).scalar_one()
        conn.execute(text(f"INSERT INTO {table} ({table}, rank) VALUES ('merge', :pages)"), {"pages": -pages})
        if int(conn.execute(text("SELECT total_changes()")).scalar_one()) - int(before) >= 2:
            return True
    return False


def segment_count(conn: Connection) -> int:
    """How many b-tree segments the main index has (1 after a full merge; many after bulk inserts)."""
    return int(conn.execute(text(f"SELECT count(DISTINCT segid) FROM {FTS_TABLE}_idx")).scalar_one())
