"""The text check behind repost detection: furniture never separates a repost from its
original; a changed fact always separates two notices."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.domain.notice_diff import Verdict, clean_title, compare_notices, prepare_notice
from cadre_desk.domain.notice_facts import FactKind

TITLE = "关于做好东山村森林防火工作的通知"
PARAGRAPHS = [
    "各村民小组：",
    "当前已进入森林防火紧要期，为坚决防范森林火灾发生，根据县森林防灭火指挥部（清林发〔2026〕12号）要求，现将有关事项通知如下。",
    "一、东山村进山路口设卡3处，于3月15日前完成。",
    "二、安排张伟同志值守大岭山瞭望台，联系电话13812345678。",
    "三、对违规野外用火的，处以200元罚款，请于下周五下午三点前报送巡查记录。",
    "四、严禁野外用火，违者依法处理。",
    "特此通知。",
    "城关镇人民政府",
    "二〇二六年三月一日",
]


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _compare(title: str, paragraphs: list[str], other_title: str = TITLE) -> Verdict:
    original = prepare_notice(other_title, _html(PARAGRAPHS))
    return compare_notices(original, prepare_notice(title, _html(paragraphs))).verdict


REPOSTS = {
    "identical": (TITLE, PARAGRAPHS),
    "title prefix 转扩": ("转扩！" + TITLE, PARAGRAPHS),
    "title prefix 【转】": ("【转】" + TITLE, PARAGRAPHS),
    "title suffix": (TITLE + "（转载）", PARAGRAPHS),
    "source and editor lines": (
        TITLE,
        ["转自：城关镇人民政府", "编者按：请大家相互转告。", *PARAGRAPHS, "责任编辑：李四", "审核：王五"],
    ),
    "editor lines changed": (TITLE, [*PARAGRAPHS, "编辑丨赵六", "本期编辑：孙七  终审：周八"]),
    "truncated at a paragraph": (TITLE, [*PARAGRAPHS[:4], "（全文请见原文链接）"]),
    "truncated inside a date": (TITLE, [*PARAGRAPHS[:2], "一、东山村进山路口设卡3处，于3月1……阅读原文"]),
    "truncated, closing line added": (TITLE, [*PARAGRAPHS[:3], "转发扩散！"]),
    "publication line with a date": (TITLE, ["发布时间：2026-03-02 10:15", *PARAGRAPHS]),
    "follow-us calls": (TITLE, ["点击上方蓝字关注我们", *PARAGRAPHS, "长按识别二维码关注"]),
    "image caption dropped": (TITLE, [*PARAGRAPHS[:3], "（图片来源：网络）", *PARAGRAPHS[3:]]),
    "half-width punctuation": (
        TITLE,
        [p.replace("，", ",").replace("：", ":").replace("（", "(") for p in PARAGRAPHS],
    ),
    "full-width digits": (TITLE, [p.replace("3", "３").replace("1", "１") for p in PARAGRAPHS]),
    "paragraphs merged": (TITLE, ["".join(PARAGRAPHS[:3]), *PARAGRAPHS[3:]]),
    "spaces": (TITLE, [p.replace("，", "， ").replace("。", "。  ") for p in PARAGRAPHS]),
    "editor lines inside a paragraph": (
        TITLE,
        [p + " 编辑：赵六 审核：孙七" if p == "特此通知。" else p for p in PARAGRAPHS],
    ),
    "title prefix with a date": ("【3月1日】" + TITLE, PARAGRAPHS),
}


@pytest.mark.parametrize("case", sorted(REPOSTS))
def test_repost_furniture_keeps_one_notice(case: str) -> None:
    title, paragraphs = REPOSTS[case]
    assert _compare(title, paragraphs) == Verdict.SAME


def _changed(old: str, new: str) -> tuple[str, list[str]]:
    return TITLE.replace(old, new), [p.replace(old, new) for p in PARAGRAPHS]


CHANGES = {
    "village": ("东山村", "西坪村", FactKind.PLACE),
    "deadline": ("3月15日", "3月25日", FactKind.DATE),
    "deadline day added digit": ("3月15日", "3月5日", FactKind.DATE),
    "Chinese-numeral date": ("三月一日", "三月五日", FactKind.DATE),
    "weekday": ("下周五", "下周三", FactKind.DATE),
    "signature date written otherwise": ("二〇二六年三月一日", "2026-03-05", FactKind.DATE),
    "time of day": ("下午三点", "上午十点", FactKind.DATE),
    "document number": ("〔2026〕12号", "〔2026〕15号", FactKind.DOC_NUMBER),
    "document issuer": ("清林发", "安林发", FactKind.DOC_NUMBER),
    "phone": ("13812345678", "13987654321", FactKind.PHONE),
    "amount": ("200元", "500元", FactKind.AMOUNT),
    "count": ("设卡3处", "设卡5处", FactKind.NUMBER),
    "person": ("张伟", "王芳", FactKind.PERSON),
    "person, same surname": ("张伟", "张强", FactKind.PERSON),
    "unit": ("城关镇人民政府", "河口镇人民政府", FactKind.PLACE),
    "mountain": ("大岭山", "青龙山", FactKind.PLACE),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_changed_fact_makes_two_notices(case: str) -> None:
    old, new, kind = CHANGES[case]
    title, paragraphs = _changed(old, new)
    original = prepare_notice(TITLE, _html(PARAGRAPHS))
    result = compare_notices(original, prepare_notice(title, _html(paragraphs)))
    assert result.verdict == Verdict.DIFFERENT
    assert kind in {change.kind for change in result.changes}
    # Repost furniture on top of the changed fact does not hide it.
    reposted = ["转自：河口镇融媒体中心", *paragraphs, "责任编辑：李四"]
    assert (
        compare_notices(original, prepare_notice("【转】" + title, _html(reposted))).verdict
        == Verdict.DIFFERENT
    )


def test_a_cut_tail_replaced_by_an_unknown_closing_line_is_one_notice() -> None:
    assert _compare(TITLE, [*PARAGRAPHS[:3], "文明祭祀，从我做起，人人有责！"]) == Verdict.DIFFERS


def test_a_sentence_added_by_the_reposting_account_is_a_difference_not_another_notice() -> None:
    added = [*PARAGRAPHS[:5], "我镇将于3月10日组织专项检查，请各村做好准备。", *PARAGRAPHS[5:]]
    result = compare_notices(prepare_notice(TITLE, _html(PARAGRAPHS)), prepare_notice(TITLE, _html(added)))
    assert result.verdict == Verdict.DIFFERS and result.added


def test_generic_words_are_not_place_names() -> None:
    reworded = [p.replace("各村民小组", "各村（社区）") for p in PARAGRAPHS]
    assert _compare(TITLE, reworded) != Verdict.DIFFERENT


def test_clean_title() -> None:
    assert clean_title("转扩！【重要】关于开展秋季征兵的通知（转载）") == "关于开展秋季征兵的通知"
    assert clean_title("重要提醒｜医保缴费开始啦") == "医保缴费开始啦"


def test_empty_and_title_only_items() -> None:
    assert compare_notices(prepare_notice("", None), prepare_notice("", "")).verdict == Verdict.SAME
    one, other = prepare_notice("今天下午3点开会", None), prepare_notice("今天下午4点开会", None)
    assert compare_notices(one, other).verdict == Verdict.DIFFERENT


_FURNITURE = st.lists(
    st.sampled_from(
        [
            ("head", "转自：县融媒体中心"),
            ("head", "来源：清河发布"),
            ("head", "编者按：请认真阅读。"),
            ("tail", "责任编辑：李四"),
            ("tail", "审核：王五"),
            ("tail", "点击上方蓝字关注我们"),
            ("tail", "（全文请见原文链接）"),
            ("cut", ""),
            ("width", ""),
        ]
    ),
    max_size=4,
)
_FACT_SWAPS = st.sampled_from([(old, new) for old, new, _ in CHANGES.values()])


@settings(max_examples=150, deadline=None)
@given(
    furniture=_FURNITURE,
    swap=st.one_of(st.none(), _FACT_SWAPS),
    prefix=st.sampled_from(["", "转扩！", "【转】"]),
)
def test_property_furniture_never_separates_and_facts_always_do(
    furniture: list[tuple[str, str]], swap: tuple[str, str] | None, prefix: str
) -> None:
    title, paragraphs = (TITLE, list(PARAGRAPHS)) if swap is None else _changed(*swap)
    for where, text in furniture:
        if where == "head":
            paragraphs.insert(0, text)
        elif where == "tail":
            paragraphs.append(text)
        elif where == "cut" and swap is None:
            paragraphs = paragraphs[: max(3, len(paragraphs) - 3)]
        elif where == "width":
            paragraphs = [p.replace("，", ",").replace("3", "３") for p in paragraphs]
    result = compare_notices(
        prepare_notice(TITLE, _html(PARAGRAPHS)), prepare_notice(prefix + title, _html(paragraphs))
    )
    assert result.same_notice == (swap is None)
