"""HTML for the detail tabs of the 减负 page (rendered by QTextBrowser; no scripts, no remote loads)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from cadre_desk.services.analysis.details import DuplicatePair, FetchAttempt, TimelinePost, diff_segments

_STYLE = (
    "<style>"
    "table { border-collapse: collapse; width: 100%; }"
    "td, th { padding: 4px 6px; vertical-align: top; border-bottom: 1px solid #ddd; }"
    "th { text-align: left; background: #eef2f7; }"
    ".del { background: #ffd7d5; } .ins { background: #d4f5d4; } .chg { background: #fff1b8; }"
    ".muted { color: #777; } .bad { color: #b00020; } .ok { color: #2e7d32; }"
    "</style>"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RedundancyPage", text)


def _time(moment: object) -> str:
    from datetime import datetime

    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else ""


def timeline_html(posts: list[TimelinePost]) -> str:
    if not posts:
        return _STYLE + f"<p class='muted'>{escape(_tr('这个账号还没有任何内容。'))}</p>"
    rows = "".join(
        f"<tr><td class='muted'>{_time(p.published_at)}</td><td>{escape(p.title)}</td>"
        f"<td class='muted'>{escape(_tr('转载') if p.is_repost else _tr('原创'))}</td></tr>"
        for p in posts
    )
    head = (
        f"<tr><th>{escape(_tr('时间'))}</th><th>{escape(_tr('标题'))}</th><th>{escape(_tr('类型'))}</th></tr>"
    )
    return f"{_STYLE}<table>{head}{rows}</table>"


def _marked(segments: list[tuple[str, str, str]], side: int) -> str:
    out = []
    for tag, left, right in segments:
        part = left if side == 0 else right
        if not part:
            continue
        css = {"equal": "", "delete": "del", "insert": "ins", "replace": "chg"}[tag]
        text = escape(part).replace("\n", "<br>")
        out.append(f"<span class='{css}'>{text}</span>" if css else text)
    return "".join(out)


def pairs_html(pairs: list[DuplicatePair]) -> str:
    if not pairs:
        return _STYLE + f"<p class='muted'>{escape(_tr('没有找到与其他账号重复的内容。'))}</p>"
    legend = (
        f"<p class='muted'>{escape(_tr('左：首发原文；右：本账号转载。'))}"
        f"<span class='del'>{escape(_tr('删去'))}</span> <span class='ins'>{escape(_tr('增加'))}</span> "
        f"<span class='chg'>{escape(_tr('改动'))}</span></p>"
    )
    blocks = []
    for pair in pairs:
        segments = diff_segments(pair.original_text, pair.text)
        blocks.append(
            "<table><tr>"
            f"<th width='50%'>{escape(pair.original_source)} · {_time(pair.original_published_at)}<br>"
            f"{escape(pair.original_title)}</th>"
            f"<th width='50%'>{_time(pair.published_at)}<br>{escape(pair.title)}</th></tr>"
            f"<tr><td>{_marked(segments, 0)}</td><td>{_marked(segments, 1)}</td></tr></table><br>"
        )
    return _STYLE + legend + "".join(blocks)


def fetches_html(fetches: list[FetchAttempt]) -> str:
    if not fetches:
        return _STYLE + f"<p class='muted'>{escape(_tr('没有抓取记录（手动录入的账号不抓取）。'))}</p>"
    head = (
        f"<tr><th>{escape(_tr('时间'))}</th><th>{escape(_tr('结果'))}</th>"
        f"<th>{escape(_tr('新内容'))}</th><th>{escape(_tr('错误'))}</th></tr>"
    )
    rows = "".join(
        f"<tr><td class='muted'>{_time(f.attempted_at)}</td>"
        f"<td class='{'ok' if f.ok else 'bad'}'>{escape(_tr('成功') if f.ok else _tr('失败'))}"
        f"{' ' + str(f.status) if f.status else ''}</td>"
        f"<td>{f.new_items}</td><td>{escape(f.error or '')}</td></tr>"
        for f in fetches
    )
    return f"{_STYLE}<table>{head}{rows}</table>"
