"""Items of the demo: how many each account publishes per day, reposts and mirrors, bulk writes.

Items are generated day by day in publication order, so a repost can only pick an upstream
item that already exists and is older: reposts are later than their originals by construction.
Rows go to SQLite as plain tuples through ``executemany`` in chunks; the change log, source
counters and search queue are written once per chunk (``storage.bulk_write``), as for ingest.
"""

from __future__ import annotations

import base64
import bisect
import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from sqlalchemy import Connection

from cadre_desk.demo.catalogue import SourceSpec
from cadre_desk.demo.pools import (
    TOPICS_BY_KEY,
    WECHAT_TAGS,
    TopicPool,
    compose_original,
    edit_repost,
    item_hash,
    render_html,
)
from cadre_desk.demo.texts import GIVEN, SURNAMES
from cadre_desk.domain.enums import Level, SourceKind
from cadre_desk.storage.bulk_write import insert_rows
from cadre_desk.storage.types import to_ms

CHINA = timezone(timedelta(hours=8), "CST")
DAY_MS = 86_400_000
HOUR_MS = 3_600_000
MINUTE_MS = 60_000
CHUNK = 5_000
COMMIT_EVERY = 10  # chunks per transaction: one transaction up to 50k items, bounded WAL beyond
OUT_OF_SEASON = 0.15
CANDIDATES_PER_SOURCE = 60
REPOST_WINDOW_MS = 4 * DAY_MS
MIN_REPOST_DELAY_MS = 12 * MINUTE_MS
WECHAT_ARTICLE = "https://mp.weixin.qq.com/s/"
MANUAL_CAPTURE_MS = 240 * MINUTE_MS  # pasted by hand within a few hours
LARGE_RUN = 150_000  # above this many items, bodies get shorter to keep the file ≤ ~1.5 GB

# Local-time publishing profile: offices post in working hours, WeChat accounts also at night.
HOUR_WEIGHTS = (
    0.05, 0.02, 0.01, 0.01, 0.01, 0.03, 0.2, 0.7, 1.6, 2.0, 1.8, 1.3,
    0.7, 0.6, 1.1, 1.5, 1.6, 1.5, 1.0, 0.9, 1.2, 1.1, 0.5, 0.2,
)  # fmt: skip
HOUR_CUM = [sum(HOUR_WEIGHTS[: i + 1]) for i in range(24)]

COLUMNS = (
    "id", "updated_at_hlc", "device_id", "deleted", "source_id", "guid", "url", "canonical_url", "title",
    "author", "published_at", "fetched_at", "summary", "content_html", "content_hash", "is_read",
    "is_starred", "is_muted", "folder_id", "cluster_id",
)  # fmt: skip
_DEVICE = COLUMNS.index("device_id")
INSERT_SQL = f"INSERT INTO items ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


@dataclass(frozen=True)
class RepostLink:
    """Ground truth: ``repost_id`` republishes ``original_id`` (via ``parent_id`` for chains)."""

    repost_id: str
    original_id: str
    parent_id: str
    kind: str  # "repost" (another unit's account) | "mirror" (duplicate account of the same unit)
    edits: tuple[str, ...]


class _Candidate(NamedTuple):
    time_ms: int
    item_id: str
    title: str
    body: list[str]
    source_name: str
    root_id: str


@dataclass
class ItemsOutcome:
    written: int = 0
    reposts: int = 0
    mirrors: int = 0
    truth: dict[str, RepostLink] = field(default_factory=dict)
    per_source: dict[str, int] = field(default_factory=dict)
    last_at: dict[str, int] = field(default_factory=dict)  # source key -> ms of its last item
    tracked: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)  # key -> (id, ms, title)


def insert_items(rows: Callable[[], list[tuple[object, ...]]]) -> Callable[[Connection], int]:
    """The writer's work for one chunk; ``rows()`` gives the rows (unpickling them, from a child
    process) on the writer's thread."""

    def work(conn: Connection) -> int:
        chunk = rows()
        insert_rows(conn, "items", INSERT_SQL, chunk, list(dict.fromkeys(row[_DEVICE] for row in chunk)))
        return len(chunk)

    return work


def uuid_hex(rng: random.Random) -> str:
    """A version-4 shaped uuid drawn from the seeded generator (deterministic per seed)."""
    value = rng.getrandbits(128)
    value = (value & ~(0xF000 << 64)) | (0x4000 << 64)
    value = (value & ~(0xC000 << 48)) | (0x8000 << 48)
    return f"{value:032x}"


def uuid7_hex(rng: random.Random, time_ms: int) -> str:
    """A version-7 shaped uuid (millisecond time first, then seeded random bits).

    Items are generated in publication order, so their primary-key index grows at its end
    instead of at random places: at 1M items that is most of the difference in write speed.
    """
    bits = rng.getrandbits(74)
    value = (
        (time_ms & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76
        | (bits >> 62) << 64
        | 0b10 << 62
        | (bits & (1 << 62) - 1)
    )
    return f"{value:032x}"


def _day_windows(now: datetime, days: int) -> list[tuple[date, int, int]]:
    """(local date, start ms, end ms) of each demo day, the last one ending at ``now``."""
    start = now - timedelta(days=days)
    local_now = now.astimezone(CHINA)
    first = start.astimezone(CHINA).date()
    windows = []
    day = first
    while day <= local_now.date():
        midnight = datetime(day.year, day.month, day.day, tzinfo=CHINA)
        lo = max(to_ms(midnight), to_ms(start))
        hi = min(to_ms(midnight + timedelta(days=1)), to_ms(now))
        if hi > lo:
            windows.append((day, lo, hi))
        day += timedelta(days=1)
    return windows


def _window_share(day: date, lo: int, hi: int) -> float:
    """Share of a day's publishing that falls inside [lo, hi)."""
    midnight = to_ms(datetime(day.year, day.month, day.day, tzinfo=CHINA))
    total = 0.0
    for hour, weight in enumerate(HOUR_WEIGHTS):
        h_lo, h_hi = midnight + hour * HOUR_MS, midnight + (hour + 1) * HOUR_MS
        overlap = min(h_hi, hi) - max(h_lo, lo)
        if overlap > 0:
            total += weight * overlap / HOUR_MS
    return total / HOUR_CUM[-1]


def plan_counts(
    rng: random.Random,
    specs: tuple[SourceSpec, ...],
    windows: list[tuple[date, int, int]],
    items: int,
    now_ms: int,
) -> list[list[int]]:
    """Items per (day, source), summing exactly to ``items``, proportional to rates with noise."""
    cells: list[tuple[int, int, float]] = []
    for d, (day, lo, hi) in enumerate(windows):
        share = _window_share(day, lo, hi)
        weekend = day.weekday() >= 5
        for s, spec in enumerate(specs):
            if spec.silent_days and lo >= now_ms - spec.silent_days * DAY_MS:
                continue  # a zombie: nothing in its silent weeks
            weight = spec.rate * share * (spec.weekend_factor if weekend else 1.0)
            weight *= rng.lognormvariate(0, 0.45)  # busy and quiet days
            if weight > 0:
                cells.append((d, s, weight))
    counts = [[0] * len(specs) for _ in windows]
    if not cells or items <= 0:
        return counts
    total_weight = sum(w for _, _, w in cells)
    expected = [items * w / total_weight for _, _, w in cells]
    placed = 0
    for (d, s, _), e in zip(cells, expected, strict=True):
        n = int(e) + (1 if rng.random() < e - int(e) else 0)  # unbiased rounding
        counts[d][s] = n
        placed += n
    # Correct the rounding drift, drawing cells in proportion to what they expect.
    while placed != items:
        step = 1 if placed < items else -1
        for index in rng.choices(range(len(cells)), weights=expected, k=abs(items - placed)):
            d, s, _ = cells[index]
            if step < 0 and counts[d][s] == 0:
                continue
            counts[d][s] += step
            placed += step
    return counts


class _SourceState:
    """Per-source data the hot loop needs, resolved once."""

    def __init__(self, spec: SourceSpec, source_id: str, folder_id: str | None, rng: random.Random) -> None:
        self.spec = spec
        self.id = source_id
        self.folder_id = folder_id
        self.seq = 0
        self.reposted: set[str] = set()
        self.footers = [_footer(spec, rng) for _ in range(4)]
        self.topic_cum: dict[int, tuple[list[str], list[float]]] = {}
        self.mandatory_factor = 1.0 if spec.mandatory else 0.8
        if spec.level == Level.VILLAGE:
            self.mandatory_factor = 0.6
        self.manual = spec.kind == SourceKind.MANUAL
        self.title_tags = WECHAT_TAGS if spec.platform == "wechat_account" else ()
        self.base_url = (spec.url or "").rstrip("/")
        self.interval_ms = max(spec.fetch_interval_minutes, 5) * MINUTE_MS
        self.star_probability = 0.03 if spec.mandatory or spec.category == "notice" else 0.006
        # Work-group messages are signed by whoever posted them; everything else by the unit.
        self.authors = (
            [_person(rng) for _ in range(12)] if spec.category == "work_group" else [spec.owner_unit]
        )

    def author(self, r: Callable[[], float]) -> str:
        return self.authors[int(r() * len(self.authors))]

    def topics_for(self, month: int) -> tuple[list[str], list[float]]:
        cached = self.topic_cum.get(month)
        if cached is None:
            keys = list(self.spec.topics)
            weights = [
                1.0 if not TOPICS_BY_KEY[k].months or month in TOPICS_BY_KEY[k].months else OUT_OF_SEASON
                for k in keys
            ]
            cum, acc = [], 0.0
            for w in weights:
                acc += w
                cum.append(acc)
            cached = self.topic_cum[month] = (keys, cum)
        return cached


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _footer(spec: SourceSpec, rng: random.Random) -> tuple[str, str]:
    """(HTML, plain text) of the account's sign-off under each article."""
    if spec.kind == SourceKind.RSS:
        lines = [f"来源：{spec.owner_unit}", f"编辑：{_person(rng)}　审核：{_person(rng)}"]
    elif spec.kind == SourceKind.WEBPAGE:
        lines = [spec.owner_unit]
    elif spec.kind == SourceKind.IMAP:
        lines = [f"{spec.owner_unit}（联系人：{_person(rng)}）"]
    else:
        return "", ""
    plain = "".join(" " + " ".join(line.split()) for line in lines)  # as ingest sees it
    return "".join(f"<p>{line}</p>" for line in lines), plain


def _address(state: _SourceState, rng: random.Random, item_id: str, time_ms: int) -> tuple[str, str | None]:
    """(guid, url) shaped like what each kind of source really delivers."""
    spec = state.spec
    state.seq += 1
    if spec.kind == SourceKind.RSS:
        url = WECHAT_ARTICLE + base64.urlsafe_b64encode(rng.randbytes(16)).decode()[:22]
        return url, url
    if spec.kind == SourceKind.MANUAL and spec.platform != "douyin":
        return f"manual:{item_id}", None
    local = datetime.fromtimestamp(time_ms / 1000, CHINA)
    if spec.kind == SourceKind.WEBPAGE:
        url = f"{state.base_url}/{local:%Y%m}/t{local:%Y%m%d}_{4_100_000 + state.seq * 7}.html"
        return url, url
    if spec.kind == SourceKind.IMAP:
        return f"<{local:%Y%m%d%H%M%S}.{state.seq}@mail.qinghe.gov.local>", None
    url = f"https://www.douyin.com/video/7{rng.getrandbits(60):018d}"
    return url, url


def _read_probability(age_ms: int) -> float:
    days = age_ms / DAY_MS
    if days > 14:
        return 0.93
    if days > 7:
        return 0.78
    if days > 2:
        return 0.5
    return 0.18


class ItemGenerator:
    """Generates all items of a demo run, chunk by chunk (``demo.producer`` runs it)."""

    def __init__(
        self,
        stamp: Callable[[], int],
        device_id: str,
        rng: random.Random,
        specs: tuple[SourceSpec, ...],
        source_ids: dict[str, str],
        pools: dict[str, TopicPool],
        track: set[str],
    ) -> None:
        self.rng = rng
        self.specs = specs
        self.pools = pools
        self.track = track
        # Items keep folder_id NULL: folders group sources; an item's own folder is a user choice.
        self.states = [_SourceState(s, source_ids[s.key], None, rng) for s in specs]
        self.by_key = {st.spec.key: st for st in self.states}
        self.candidates: dict[str, deque[_Candidate]] = {}
        for spec in specs:
            for upstream in spec.reposts_from:
                self.candidates.setdefault(upstream, deque(maxlen=CANDIDATES_PER_SOURCE))
        self.outcome = ItemsOutcome()
        self.stamp = stamp  # the HLC of the process that generates (a child has its own, see producer)
        self.device_id = device_id

    def chunks(self, items: int, days: int, now: datetime, large: bool) -> Iterator[list[tuple[object, ...]]]:
        """The items as rows of ``INSERT_SQL``, ``CHUNK`` at a time, in publication order."""
        rng = self.rng
        now_ms = to_ms(now)
        windows = _day_windows(now, days)
        counts = plan_counts(rng, self.specs, windows, items, now_ms)
        rows: list[tuple[object, ...]] = []
        for d, (day, lo, hi) in enumerate(windows):
            slots = self._day_slots(day, lo, hi, counts[d])
            md = f"{day.month}月{day.day}日"
            month = str(day.month)
            for time_ms, s in slots:
                rows.append(self._make_row(self.states[s], time_ms, now_ms, md, month, day, large))
                if len(rows) >= CHUNK:
                    self.outcome.written += len(rows)
                    yield rows
                    rows = []
        if rows:
            self.outcome.written += len(rows)
            yield rows

    def _day_slots(self, day: date, lo: int, hi: int, counts: list[int]) -> list[tuple[int, int]]:
        """Publication times of the day's items (ms), in order, each with its source index."""
        rng = self.rng
        midnight = to_ms(datetime(day.year, day.month, day.day, tzinfo=CHINA))
        first_hour = max(0, (lo - midnight) // HOUR_MS)
        last_hour = min(23, (hi - 1 - midnight) // HOUR_MS)
        hours = list(range(first_hour, last_hour + 1))
        cum = [HOUR_CUM[h] - (HOUR_CUM[first_hour - 1] if first_hour else 0.0) for h in hours]
        slots: list[tuple[int, int]] = []
        for s, n in enumerate(counts):
            if not n:
                continue
            for hour in rng.choices(hours, cum_weights=cum, k=n):
                t = midnight + hour * HOUR_MS + rng.randrange(HOUR_MS)
                slots.append((min(max(t, lo), hi - 1), s))
        slots.sort()
        return slots

    def _make_row(
        self,
        state: _SourceState,
        time_ms: int,
        now_ms: int,
        md: str,
        month: str,
        day: date,
        large: bool,
    ) -> tuple[object, ...]:
        rng = self.rng
        r = rng.random
        spec = state.spec
        item_id = uuid7_hex(rng, time_ms)
        outcome = self.outcome
        parent = self._pick_parent(state, time_ms) if spec.repost_ratio and r() < spec.repost_ratio else None
        if parent is not None:
            mirror = spec.duplicate_of is not None
            title, body, edits = edit_repost(rng, parent.title, parent.body, parent.source_name, mirror)
            root = parent.root_id
            outcome.truth[item_id] = RepostLink(
                item_id, root, parent.item_id, "mirror" if mirror else "repost", edits
            )
            if mirror:
                outcome.mirrors += 1
            else:
                outcome.reposts += 1
            state.reposted.add(root)
        else:
            keys, cum = state.topics_for(day.month)
            topic = keys[bisect.bisect(cum, r() * cum[-1])] if len(keys) > 1 else keys[0]
            paragraphs = 0 if large else 3 + int(r() * 3)  # large: the lead paragraph only
            title, body = compose_original(
                self.pools[topic], rng, md, month, str(state.seq % 97 + 1), paragraphs, state.title_tags
            )
            root = item_id
        if spec.key in self.candidates:
            self.candidates[spec.key].append(_Candidate(time_ms, item_id, title, body, spec.name, root))
        guid, url = _address(state, rng, item_id, time_ms)
        if state.manual:
            fetched = time_ms + int(MANUAL_CAPTURE_MS * (0.02 + r()))
            read = r() < 0.95
        else:
            fetched = time_ms + MINUTE_MS + int(state.interval_ms * r())
            read = r() < _read_probability(now_ms - time_ms) * state.mandatory_factor
        outcome.per_source[spec.key] = outcome.per_source.get(spec.key, 0) + 1
        outcome.last_at[spec.key] = time_ms
        if spec.key in self.track and now_ms - time_ms <= 31 * DAY_MS:
            outcome.tracked.setdefault(spec.key, []).append((item_id, time_ms, title))
        # Large benchmark profiles drop the sign-off to stay near 1.5 KB per item.
        footer_html, footer_text = ("", "") if large else state.footers[state.seq & 3]
        return (
            item_id,
            self.stamp(),
            self.device_id,
            0,
            state.id,
            guid,
            None,  # the link is its canonical URL: derived when read (urls.item_url)
            url,
            title,
            state.author(r),
            time_ms,
            fetched if fetched < now_ms else now_ms,
            None,  # the summary is the body's start: derived when read (summary.item_summary)
            render_html(body, footer_html),
            item_hash(title, body, footer_text),
            int(read),
            int(r() < state.star_probability),
            0,
            state.folder_id,
            None,
        )

    def _pick_parent(self, state: _SourceState, time_ms: int) -> _Candidate | None:
        """A recent upstream item this account has not republished yet, or None."""
        rng = self.rng
        spec = state.spec
        upstream = [u for u in spec.reposts_from if self.candidates.get(u)]
        if not upstream:
            return None
        for _ in range(3):
            pool = self.candidates[rng.choice(upstream)]
            # Newest first: skip what is too fresh to have been seen yet.
            eligible = 0
            index = len(pool) - 1
            while index >= 0 and pool[index].time_ms > time_ms - MIN_REPOST_DELAY_MS:
                index -= 1
            if index < 0:
                continue
            eligible = min(index + 1, 12)
            candidate = pool[index - rng.randrange(eligible)]
            if time_ms - candidate.time_ms > REPOST_WINDOW_MS or candidate.root_id in state.reposted:
                continue
            return candidate
        return None
