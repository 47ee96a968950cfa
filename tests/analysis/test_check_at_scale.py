"""The rebuild at scale: batch MinHash equals datasketch's; the text check skips pairs already
joined without changing a cluster, and reads texts one slice of components at a time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from cadre_desk.domain.notice_facts import FactKind, fact_kinds, facts_in
from cadre_desk.services.analysis import notice_check
from cadre_desk.services.analysis import signatures as sg
from cadre_desk.services.analysis.near_dup_index import components
from cadre_desk.storage.database import Database
from tests.analysis.conftest import NOW, make_item, make_source

_ALPHABET = st.sampled_from(
    list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可") + list("ab1。，")
)
_TEXTS = st.lists(st.text(_ALPHABET, max_size=400), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(texts=_TEXTS)
def test_batch_signatures_equal_datasketch(texts: list[str]) -> None:
    batch, reference = sg.signatures_of_texts(texts), sg.datasketch_signatures(texts)
    assert np.array_equal(batch.sizes, reference.sizes)
    assert np.array_equal(batch.sigs, reference.sigs)


def test_batch_signatures_across_block_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    rng = random.Random(5)
    texts = [
        "".join(rng.choice("森林防火通知村镇一二三") for _ in range(rng.randrange(0, 900))) for _ in range(80)
    ]
    texts += ["", "九个字不够长的文本", "十个字刚好够长的文本啊", "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊"]
    reference = sg.datasketch_signatures(texts)
    monkeypatch.setattr(sg, "_BLOCK_CHARS", 1000)  # many text blocks
    monkeypatch.setattr(sg, "_PERM_BLOCK", 300)  # many permutation products per block
    batch = sg.signatures_of_texts(texts)
    assert np.array_equal(batch.sizes, reference.sizes) and np.array_equal(batch.sigs, reference.sigs)
    assert (batch.sizes == 0).sum() == (reference.sizes == 0).sum() >= 3


NOTICE = (
    "各村民小组：当前已进入森林防火紧要期，为坚决防范森林火灾发生，现将有关事项通知如下。\n"
    "一、{village}进山路口设卡3处，于{date}前完成。\n"
    "二、安排张伟同志值守大岭山瞭望台，联系电话13812345678。\n"
    "三、严禁野外用火，违者依法处理。特此通知。"
)
FURNITURE = ("", "转自：城关镇人民政府\n", "编者按：请相互转告。\n")
TAILS = ("", "\n责任编辑：李四", "\n审核：王五 终审：周八")


def _template_items(db: Database) -> list[int]:
    """Notices from one template: the same notice reposted with furniture, and notices for other
    villages or dates (each of those reposted too)."""
    county = make_source(db, "县林业局", level="county")
    town = make_source(db, "镇政府", level="township")
    hours = 0
    for village in ("东山村", "西坪村", "南岭村"):
        for date in ("3月15日", "3月20日"):
            body = NOTICE.format(village=village, date=date)
            for head in FURNITURE:
                for tail in TAILS:
                    hours += 1
                    source = county if not head and not tail else town
                    make_item(db, source, "森林防火通知", head + body + tail, NOW + timedelta(hours=hours))
    with db.engine.connect() as conn:
        return [int(r) for r in conn.execute(text("SELECT rowid FROM items ORDER BY rowid")).scalars()]


def _count_comparisons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the text check's diffs (``same_notice`` calls) in the returned one-element list."""
    count = [0]
    real_compare = notice_check.same_notice

    def counting_compare(*args, **kwargs):  # type: ignore[no-untyped-def]
        count[0] += 1
        return real_compare(*args, **kwargs)

    monkeypatch.setattr(notice_check, "same_notice", counting_compare)
    return count


def _labels(rowids: list[int], left: np.ndarray, right: np.ndarray, keep: np.ndarray) -> list[int]:
    position = {rowid: n for n, rowid in enumerate(rowids)}
    edges = np.array([[position[a], position[b]] for a, b in zip(left[keep], right[keep], strict=True)])
    return components(len(rowids), edges.reshape(-1, 2)).tolist()


def test_skipping_joined_pairs_changes_no_cluster(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    rowids = _template_items(db)
    pairs = [(a, b) for n, a in enumerate(rowids) for b in rowids[n + 1 :]]  # every pair a candidate
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    with db.engine.connect() as conn:

        def query(sql: str) -> list:
            return list(conn.execute(text(sql)).all())

        # Reference: every pair decided on its own (nothing to skip in a one-pair call).
        alone = np.array(
            [notice_check.joined_mask(query, left[n : n + 1], right[n : n + 1])[0] for n in range(len(pairs))]
        )
    compared = _count_comparisons(monkeypatch)
    monkeypatch.setattr(notice_check, "SLICE_PAIRS", 7)
    keep = notice_check.confirm_pairs(db, left, right)
    assert _labels(rowids, left, right, keep) == _labels(rowids, left, right, alone)
    diffs_with_room = compared[0]
    # Texts forgotten every few pairs (bounded memory): still the same clusters.
    monkeypatch.setattr(notice_check, "CHUNK_PAIRS", 5)
    monkeypatch.setattr(notice_check, "CACHED_ITEMS", 8)
    tight = notice_check.confirm_pairs(db, left, right)
    assert _labels(rowids, left, right, tight) == _labels(rowids, left, right, alone)
    assert len(set(_labels(rowids, left, right, alone))) == 6  # 3 villages x 2 dates
    assert not alone.all() and alone.any()
    # 54 items, 1,431 candidate pairs: the joined ones and repeated text pairs are not diffed.
    assert diffs_with_room < len(pairs) // 4


def test_titles_checked_first_give_the_verdict_of_whole_prepared_texts(db: Database) -> None:
    """The text check asks whether the folded titles change a fact before it prepares any body;
    every pair's verdict is still that of ``same_notice`` over the whole prepared texts (titles
    alone where the stored bodies are one), as before that shortcut."""
    from cadre_desk.domain.notice_diff import prepare_notice, same_notice, titles_change_a_fact

    county = make_source(db, "县林业局", level="county")
    town = make_source(db, "东山镇政府", level="township")
    hours = 0
    for village in ("东山村", "西坪村"):
        for date in ("3月15日", "3月20日"):
            body = NOTICE.format(village=village, date=date)
            for title in (
                f"{village}森林防火通知",
                f"转扩！{village}森林防火通知",
                f"{date}前完成设卡",
                "森林防火通知",
            ):
                for head, source in (("", county), ("转自：城关镇人民政府\n", town)):
                    hours += 1
                    make_item(db, source, title, head + body, NOW + timedelta(hours=hours))
    with db.engine.connect() as conn:
        rowids = [int(r) for r in conn.execute(text("SELECT rowid FROM items ORDER BY rowid")).scalars()]

        def query(sql: str) -> list:
            return list(conn.execute(text(sql)).all())

        texts = notice_check.NoticeTexts(query)
        texts.load(rowids)
        raw = {rowid: query(f"SELECT title FROM items WHERE rowid = {rowid}")[0][0] for rowid in rowids}
        by_title = by_body = 0
        for n, a in enumerate(rowids):
            for b in rowids[n + 1 :]:
                alone = notice_check.joined_mask(query, np.array([a]), np.array([b]))[0]
                if texts.digest(a) == texts.digest(b):
                    reference = True
                elif texts.same_body(a, b):
                    reference = same_notice(prepare_notice(raw[a], None), prepare_notice(raw[b], None))
                else:
                    prepared_a, prepared_b = texts.prepared(a), texts.prepared(b)
                    assert prepared_a is not None and prepared_b is not None
                    reference = same_notice(prepared_a, prepared_b)
                assert alone == reference, (raw[a], raw[b])
                if not reference:
                    title_decides = titles_change_a_fact(texts.title(a) or "", texts.title(b) or "")
                    by_title += title_decides
                    by_body += not title_decides
    assert by_title > 20 and by_body > 20  # both kinds of rejection are exercised


def test_component_slices_keep_components_whole() -> None:
    rng = np.random.default_rng(3)
    group = rng.integers(0, 300, 3000)  # 300 small components of up to 6 items
    group[:1000] = 0  # and a large one
    left, right = group * 6 + rng.integers(0, 3, 3000), group * 6 + rng.integers(3, 6, 3000)
    slices = notice_check.component_slices(left, right, size=50)
    assert sorted(np.concatenate(slices).tolist()) == list(range(3000))
    owner: dict[int, int] = {}
    for number, part in enumerate(slices):
        for node in np.concatenate([left[part], right[part]]).tolist():
            assert owner.setdefault(node, number) == number  # an item lives in one slice only
    assert len(slices) > 1
    assert [len(part) for part in slices] == sorted((len(part) for part in slices), reverse=True)
    cut = notice_check.component_slices(left, right, size=50, max_part=200)
    assert sorted(np.concatenate(cut).tolist()) == list(range(3000))
    assert max(len(part) for part in cut) <= 200 and len(cut) > len(slices)


@pytest.mark.parametrize("seed", range(3))
def test_pair_components_by_rowid_lookup_equal_sorted_nodes(seed: int) -> None:
    """The int32 rowid-lookup numbering gives the labels of the sorted-unique int64 one (which
    rowids beyond 2^31 still take)."""
    rng = np.random.default_rng(seed)
    left = rng.integers(1, 50_000, 20_000)
    right = left + rng.integers(1, 40, 20_000)
    nodes = np.unique(np.concatenate([left, right]))
    edges = np.stack([np.searchsorted(nodes, left), np.searchsorted(nodes, right)], axis=1)
    reference = components(nodes.size, edges)[edges[:, 0]]
    assert np.array_equal(notice_check._pair_components(left, right), reference)
    far = np.int64(2**33)
    assert np.array_equal(notice_check._pair_components(left + far, right + far), reference)


def _resident_file_kb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("RssFile:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def test_give_back_drops_touched_pages_but_keeps_the_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from numpy.lib.format import open_memmap

    from cadre_desk.services.analysis.near_dup_index import give_back

    if _resident_file_kb() is None:
        pytest.skip("needs /proc (Linux)")
    written = open_memmap(tmp_path / "a.npy", mode="w+", dtype=np.int64, shape=(4_000_000,))  # 32 MB
    written[:] = np.arange(4_000_000)
    before = _resident_file_kb()
    give_back(written)
    after = _resident_file_kb()
    assert before is not None and after is not None and before - after > 20_000  # > 20 MB given back
    del written
    mapped = np.load(tmp_path / "a.npy", mmap_mode="r")
    assert int(mapped[3_999_999]) == 3_999_999 and int(np.asarray(mapped).sum()) == 3_999_999 * 4_000_000 // 2
    touched = _resident_file_kb()
    give_back(mapped)
    assert touched is not None and touched - (_resident_file_kb() or 0) > 20_000
    give_back(np.arange(3))  # not a map: nothing to do


def test_written_down_parameters_are_datasketchs() -> None:
    assert np.array_equal(sg.permutations(), sg.datasketch_permutations())
    assert sg.permutations().dtype == sg.datasketch_permutations().dtype
    assert sg.lsh_bands() == sg.datasketch_bands()


_FACT_TEXT = st.text(
    st.sampled_from(list("2026年3月15日下午三点前张伟同志东山村联系电话13812345678元〔〕号第名的，。")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(text_=_FACT_TEXT, among=st.sets(st.sampled_from(list(FactKind))))
def test_fact_kinds_are_the_kinds_facts_in_lists(text_: str, among: set[FactKind]) -> None:
    listed = {fact.kind for fact in facts_in(text_)}
    assert fact_kinds(text_) == listed
    assert fact_kinds(text_, among=among) == listed & among


@pytest.mark.parametrize("seed", range(4))
def test_bucket_pairs_in_chunks_equal_whole_bands(seed: int) -> None:
    from cadre_desk.services.analysis.near_dup_index import bucket_pairs, pair_codes, sorted_bands

    rng = np.random.default_rng(seed)
    n = 3000
    keys = rng.integers(0, 400, size=(n, 4))  # buckets of every size, some over MAX_BUCKET_PAIRS
    keys[:60, 0] = 7  # one big bucket
    band_pos = sorted_bands(keys, np.ones(n, dtype=np.int32))
    keys_by_band = keys.T

    def codes(chunk_members: int) -> np.ndarray:
        found = [pair_codes(p, n) for p in bucket_pairs(keys_by_band, band_pos, chunk_members=chunk_members)]
        return np.sort(np.concatenate(found))

    whole = codes(10**9)
    assert whole.size > 3000
    for chunk_members in (1, 17, 250):
        assert np.array_equal(codes(chunk_members), whole)
    for lo, hi in ((0, 1000), (1000, 2999), (2999, 3000), (500, 500)):  # a pass's own pairs only
        found = [pair_codes(p, n) for p in bucket_pairs(keys_by_band, band_pos, 17, firsts=(lo, hi))]
        mine = np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
        assert np.array_equal(mine, whole[(whole >= lo * n) & (whole < hi * n)])


def test_candidates_in_passes_equal_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from cadre_desk.services.analysis import clusters
    from cadre_desk.services.analysis.near_dup_index import sorted_bands

    rng = np.random.default_rng(11)
    n = 2000
    base = rng.integers(0, 2**32, size=(200, sg.NUM_PERM), dtype=np.uint64).astype(np.uint32)
    sigs = base[rng.integers(0, 200, n)]  # near-duplicates: copies with a few values changed
    noise = rng.random(sigs.shape) < 0.15
    sigs[noise] = rng.integers(0, 2**32, size=int(noise.sum()), dtype=np.uint64).astype(np.uint32)
    sizes = rng.integers(50, 300, n).astype(np.int32)
    times = rng.integers(0, 20 * 24 * 3600 * 1000, n).astype(np.int64)  # some beyond the window
    keys = sg.band_keys(sigs)
    band_pos = sorted_bands(keys, sizes)
    one = clusters._verified_bucket_pairs(keys.T, band_pos, sigs, sizes, times)
    monkeypatch.setattr(clusters, "_ITEMS_PER_PASS", 300)
    assert one.size > 1000
    assert np.array_equal(clusters._verified_bucket_pairs(keys.T, band_pos, sigs, sizes, times), one)


_REMINDER = (
    "各村（社区）、各单位：为进一步做好冬季森林防火和安全生产工作，请各村级网格员于{m}月{d}日{h}时前完成第{k}期"
    "专题学习打卡，并在工作群内上传截图留痕。联系人：张伟，联系电话13812345{p:03d}。未按时完成的将通报。特此通知。"
)


@pytest.mark.parametrize("exact", [False, True])
def test_many_look_alike_reminders_cost_linear_work(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exact: bool
) -> None:
    """Issue 17: a template reminder sent hundreds of times (each with its own date, issue and
    phone: different notices) or reposted word for word must not cost quadratic work. Every
    copy shares the LSH buckets, but a bucket that large links each member to its neighbour
    only, and pairs already joined are not compared: candidates and comparisons stay a small
    multiple of the items (all pairs of 300 copies would be 44,850)."""
    import random

    from cadre_desk.services.analysis import clusters

    rng = random.Random(3)
    sources = [make_source(db, f"账号{n}") for n in range(12)]
    n = 300
    for i in range(n):
        values = (
            {"m": 12, "d": 5, "h": 17, "k": 3, "p": 1}
            if exact
            else {"m": rng.randint(1, 12), "d": rng.randint(1, 28), "h": rng.randint(8, 18), "k": i, "p": i}
        )
        published = NOW + timedelta(seconds=rng.randrange(3 * 86400))
        make_item(
            db, sources[i % len(sources)], "关于完成学习打卡的提醒", _REMINDER.format(**values), published
        )
    compared = _count_comparisons(monkeypatch)
    run = clusters.rebuild_clusters(db, tmp_path, workers=1)
    with db.engine.connect() as conn:
        groups = conn.execute(text("SELECT count(DISTINCT cluster), count(*) FROM item_clusters")).one()
    if exact:
        assert tuple(groups) == (1, n)  # one notice, reposted
        assert run.pairs_checked < 2 * n and compared[0] == 0  # identical texts need no diff
    else:
        assert tuple(groups) == (0, 0)  # every copy is its own notice
        assert n < run.pairs_checked < 20 * n
        assert compared[0] <= run.pairs_checked
