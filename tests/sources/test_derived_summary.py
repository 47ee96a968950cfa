"""A summary derived from the body (stored as NULL) reads back exactly as ingest made it:
``derived_summary`` reads only a prefix of the HTML and skips whitespace passes, so it is compared
with ``summary_of(html_to_text(...))`` over generated HTML (tags, block ends, entities whole and
cut, ``>`` in text and attributes, CJK and odd whitespace), long enough to cross the prefixes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.domain.summary import derived_summary, item_summary, stored_summary
from cadre_desk.sources.sanitize import html_to_text, summary_of

PIECES = [
    "<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "</div>", "<section>", "</section>", "<li>", "</li>",
    '<a title="a>b" href="x">', "</a>", "<img src=\"i.png\">", "&amp;", "&amp", "&lt;", "&gt;", "&#20013;",
    "&#x4e2d;", "&nbsp;", "&am", "p;", "&", ";", ">", "<", " ", "\n", "\t", "\u3000", "\xa0",
    "关于", "做好", "冬季森林防火", "工作的通知", "各村（社区）：", "2026年", "a", "Z9",
]  # fmt: skip
html_bodies = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), min_size=0, max_size=900).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(html_bodies, st.sampled_from([1, 5, 40, 200, 600]))
def test_derived_summary_equals_the_summary_ingest_makes(body: str, limit: int) -> None:
    assert derived_summary(body, limit) == summary_of(html_to_text(body), limit)


def test_a_long_body_is_decided_by_its_start() -> None:
    body = "<p>" + "关于做好冬季森林防火工作的通知，" * 50 + "</p>" + "<p>附件</p>" * 5000
    assert derived_summary(body) == summary_of(html_to_text(body))
    # "&am" + tag + "p;" is one entity in the whole text, but the first prefix ends at that tag
    cut_entity = "<p>" + "通" * 790 + "&am<b>p;" + "知" * 100 + "</p>"
    for limit in (200, 780, 792, 793, 794, 800):
        assert derived_summary(cut_entity, limit) == summary_of(html_to_text(cut_entity), limit)


@given(st.one_of(st.none(), st.text(max_size=20), st.just("关于通知")), st.one_of(st.none(), html_bodies))
def test_stored_summary_reads_back_unchanged(summary: str | None, body: str | None) -> None:
    assert item_summary(stored_summary(summary, body), body) == (
        summary if summary is not None or not body else derived_summary(body)
    )


def test_a_feed_summary_of_its_own_is_kept() -> None:
    body = "<p>各村（社区）：请做好冬季森林防火工作。</p>"
    assert stored_summary("各村（社区）：请做好冬季森林防火工作。", body) is None  # the body's start
    assert stored_summary("县应急局提醒：冬季防火", body) == "县应急局提醒：冬季防火"  # kept exactly
    assert stored_summary("", body) == ""  # an empty summary beside a body stays empty
    assert stored_summary("摘要", None) == "摘要"
