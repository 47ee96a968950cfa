"""The reader's comparison of a folded group's copies: the 减负 page's diff (same engine, same
colours), written as one column so that it reads in the narrow reader pane.

The first publisher's text is the base; what a copy left out is struck through in red, what it
added is green, what it changed shows the old words struck through and the new ones in yellow.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from cadre_desk.services.analysis.details import DuplicatePair, diff_segments

_STYLE = (
    "<style>"
    "body { font-size: 15px; line-height: 165%; }"
    ".del { background: #ffd7d5; text-decoration: line-through; } .ins { background: #d4f5d4; }"
    ".chg { background: #fff1b8; } .meta { color: #6b7280; font-size: 13px; } h3 { margin: 14px 0 4px 0; }"
    "</style>"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GroupDifferences", text)


def _time(pair_time: object) -> str:
    from datetime import datetime

    return pair_time.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(pair_time, datetime) else ""


def _unified(original: str, copy: str) -> str:
    out = []
    for tag, left, right in diff_segments(original, copy):
        old, new = escape(left).replace("\n", "<br>"), escape(right).replace("\n", "<br>")
        if tag == "equal":
            out.append(old)
        elif tag == "delete":
            out.append(f"<span class='del'>{old}</span>")
        elif tag == "insert":
            out.append(f"<span class='ins'>{new}</span>")
        else:
            out.append(f"<span class='del'>{old}</span><span class='chg'>{new}</span>")
    return "".join(out)


def differences_html(pairs: list[DuplicatePair]) -> str:
    if not pairs:
        return _STYLE + f"<p class='meta'>{escape(_tr('各账号发布的内容相同。'))}</p>"
    first = pairs[0]
    head = (
        f"<h2>{escape(_tr('各账号发布的内容有差异'))}</h2>"
        f"<p class='meta'>{escape(_tr('以首发为准：'))}{escape(first.original_source)} · "
        f"{_time(first.original_published_at)} · {escape(first.original_title)}<br>"
        f"<span class='del'>{escape(_tr('删去'))}</span> <span class='ins'>{escape(_tr('增加'))}</span> "
        f"<span class='chg'>{escape(_tr('改动'))}</span></p>"
    )
    blocks = [
        f"<h3>{escape(pair.title)}</h3><p class='meta'>{_time(pair.published_at)}</p>"
        f"<p>{_unified(pair.original_text, pair.text)}</p>"
        for pair in pairs
    ]
    return _STYLE + head + "<hr>".join(blocks)
