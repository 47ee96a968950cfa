"""The repost check's fast paths leave compare_notices' results unchanged.

* cydifflib's compiled ``SequenceMatcher`` gives difflib's matching blocks and opcodes, on
  strings and on tuples of sentences;
* the memoized fact functions (``facts_in``, ``fact_kinds``, ``has_facts``) are pure;
* so every comparison (verdict and listed changes) equals the reference: difflib's pure-Python
  matcher and the fact functions computed afresh; and ``same_notice`` (the text check's verdict,
  title and body memoized apart) equals the reference's verdict; over the 220 labeled pairs of
  ``benchmarks.eval_reposts``, mutated template notices, and the candidate pairs of a demo
  profile.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cydifflib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from benchmarks.notice_pairs import labeled_pairs
from cadre_desk.domain import notice_diff, notice_facts
from cadre_desk.domain.notice_diff import PreparedNotice, compare_notices, prepare_notice, same_notice
from cadre_desk.services.analysis import clusters, notice_check
from cadre_desk.storage.database import Database

_CHARS = st.sampled_from([*"关于森林防火通知村镇县东西年月日号元第一二三十2026035，。：、-", "\n"])
_SENTENCES = st.sampled_from(
    ["各村民小组", "现将有关事项通知如下", "于3月15日前完成", "于3月20日前完成", "特此通知", ""]
)


@settings(max_examples=400, deadline=None)
@given(left=st.text(_CHARS, max_size=120), right=st.text(_CHARS, max_size=120))
def test_compiled_matcher_equals_difflib_on_strings(left: str, right: str) -> None:
    _assert_same_matcher(left, right)


@settings(max_examples=200, deadline=None)
@given(left=st.lists(_SENTENCES, max_size=12), right=st.lists(_SENTENCES, max_size=12))
def test_compiled_matcher_equals_difflib_on_sentence_tuples(left: list[str], right: list[str]) -> None:
    _assert_same_matcher(tuple(left), tuple(right))


def _assert_same_matcher(left: str | tuple[str, ...], right: str | tuple[str, ...]) -> None:
    fast = cydifflib.SequenceMatcher(None, left, right, autojunk=False)
    reference = difflib.SequenceMatcher(None, left, right, autojunk=False)
    assert [tuple(b) for b in fast.get_matching_blocks()] == [
        tuple(b) for b in reference.get_matching_blocks()
    ]
    assert fast.get_opcodes() == reference.get_opcodes()


@contextmanager
def _reference(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """compare_notices as it was: difflib's matcher, every fact function computed afresh."""
    uncached_kinds = notice_facts._fact_kinds.__wrapped__  # type: ignore[attr-defined]
    with monkeypatch.context() as patch:
        patch.setattr(notice_diff, "SequenceMatcher", difflib.SequenceMatcher)
        patch.setattr(notice_diff, "has_facts", notice_facts.has_facts.__wrapped__)  # type: ignore[attr-defined]
        patch.setattr(notice_facts, "_fact_kinds", uncached_kinds)
        patch.setattr(notice_facts, "facts_in", notice_facts.facts_in.__wrapped__)  # type: ignore[attr-defined]
        yield


def _assert_same_comparisons(
    monkeypatch: pytest.MonkeyPatch, pairs: list[tuple[PreparedNotice, PreparedNotice]]
) -> list[bool]:
    fast = [compare_notices(a, b) for a, b in pairs]
    quick = [compare_notices(a, b, explain=False).same_notice for a, b in pairs]
    memoized = [same_notice(a, b) for a, b in pairs]
    again = [same_notice(a, b) for a, b in reversed(pairs)][::-1]  # answered from the memos
    with _reference(monkeypatch):
        reference = [compare_notices(a, b) for a, b in pairs]
        reference_quick = [compare_notices(a, b, explain=False).same_notice for a, b in pairs]
    assert fast == reference  # verdicts and every listed change
    assert [c.added for c in fast] == [c.added for c in reference]
    assert quick == reference_quick
    assert memoized == again == reference_quick
    return quick


def test_labeled_pairs_compare_as_with_difflib(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [
        (prepare_notice(p.a.title, p.a.html), prepare_notice(p.b.title, p.b.html)) for p in labeled_pairs()
    ]
    assert len(pairs) == 220
    verdicts = _assert_same_comparisons(monkeypatch, pairs)
    assert 0 < sum(verdicts) < len(verdicts)  # both kinds of verdict are exercised


_TEMPLATE = (
    "关于{village}森林防火的通知",
    "各村民小组：当前已进入森林防火紧要期，现将有关事项通知如下。一、{village}进山路口设卡3处，于{date}前完成。"
    "二、安排{person}同志值守大岭山瞭望台，联系电话{phone}。三、补助{amount}元。特此通知。",
)


def test_mutated_template_notices_compare_as_with_difflib(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    notices = []
    for _ in range(120):
        values = {
            "village": rng.choice(["东山村", "西坪村", "南岭村", "我村"]),
            "date": rng.choice(["3月15日", "3月20日", "2026年4月1日", "月底"]),
            "person": rng.choice(["张伟", "王芳", "李强"]),
            "phone": rng.choice(["13812345678", "0731-84561234"]),
            "amount": rng.choice(["200", "三百", "1.5万"]),
        }
        title, body = (part.format(**values) for part in _TEMPLATE)
        if rng.random() < 0.3:
            body = "转自：城关镇人民政府\n" + body
        if rng.random() < 0.3:
            body = body[: rng.randrange(40, len(body))]
        notices.append(prepare_notice(rng.choice(["", "转扩！"]) + title, f"<p>{body}</p>"))
    pairs = [(notices[n], notices[m]) for n in range(len(notices)) for m in range(n + 1, len(notices), 7)]
    verdicts = _assert_same_comparisons(monkeypatch, pairs)
    assert 0 < sum(verdicts) < len(verdicts)


@pytest.mark.slow
def test_demo_candidate_pairs_compare_as_with_difflib(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.demo import generate_demo

    generate_demo(db, items=6000, days=5, seed=7)
    candidates: list[tuple[np.ndarray, np.ndarray]] = []
    real_confirm = clusters.confirm_pairs

    def spy(db_: Database, left: np.ndarray, right: np.ndarray, *args, **kwargs):  # type: ignore[no-untyped-def]
        candidates.append((left.copy(), right.copy()))
        return real_confirm(db_, left, right, *args, **kwargs)

    monkeypatch.setattr(clusters, "confirm_pairs", spy)
    clusters.rebuild_clusters(db, tmp_path)
    ((left, right),) = candidates
    with db.engine.connect() as conn:
        texts = notice_check.NoticeTexts(lambda sql: conn.execute(text(sql)).all())
        texts.load(np.concatenate([left, right]).tolist())
        pairs = [
            (texts.prepared(a), texts.prepared(b)) for a, b in zip(left.tolist(), right.tolist(), strict=True)
        ]
    present = [(a, b) for a, b in pairs if a is not None and b is not None]
    assert len(present) == len(pairs) > 1000
    verdicts = _assert_same_comparisons(monkeypatch, present)
    assert 0 < sum(verdicts) < len(verdicts)
