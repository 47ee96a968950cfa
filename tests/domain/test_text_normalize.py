"""Normalization for near-duplicate detection: boilerplate out, content words in."""

from __future__ import annotations

from cadre_desk.domain.text_normalize import (
    html_to_text,
    normalize_for_dedup,
    normalize_item,
    strip_boilerplate,
)

BODY = "各乡镇人民政府：为做好防汛工作，现将有关事项通知如下。一、压实责任。二、加强排查。"


def test_attribution_editor_and_follow_lines_are_removed() -> None:
    text = (
        "转自：清河县融媒体中心\n"
        "来源：县应急管理局\n"
        "【编者按】请各村认真学习，抓好落实。\n"
        f"{BODY}\n"
        "责任编辑：张三　审核：李四\n"
        "初审：王五 | 终审：赵六\n"
        "点击上方蓝字关注我们\n"
        "长按识别二维码"
    )
    assert normalize_for_dedup(text) == normalize_for_dedup(BODY)


def test_content_lines_that_start_like_boilerplate_stay() -> None:
    text = "记者从县应急管理局获悉，今年入汛提前。\n编辑部全体同志参加了学习。"
    assert strip_boilerplate(text) == text
    long_source_line = "来源：" + "很长的正文内容" * 20
    assert strip_boilerplate(long_source_line) == long_source_line  # > 80 characters: content


def test_inline_editor_notes_and_widths_and_punctuation() -> None:
    a = "各村要在６月１日前完成排查（编者注：本镇另行通知），确保安全。"
    b = "各村要在6月1日前完成排查,确保安全."
    assert normalize_for_dedup(a) == normalize_for_dedup(b) == "各村要在6月1日前完成排查确保安全"


def test_reparagraphing_does_not_matter() -> None:
    assert normalize_for_dedup(BODY.replace("。", "。\n\n")) == normalize_for_dedup(BODY)
    assert normalize_for_dedup("ABC Def") == "abcdef"


def test_html_and_title() -> None:
    html = "<p>第一段&nbsp;内容</p><script>alert(1)</script><div>第二段</div>"
    assert html_to_text(html).split() == ["第一段", "内容", "第二段"]
    assert normalize_item("标题", "<p>正文</p>") == "标题正文"
    assert normalize_item("正文", "<p>正文开头</p>") == "正文开头"  # the title is not repeated
    assert normalize_item("标题", None, "摘要") == "标题摘要"
