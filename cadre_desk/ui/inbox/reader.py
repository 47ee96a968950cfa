"""The reader pane: sanitized HTML, no scripts, no remote loads, links open only on click."""

from __future__ import annotations

import html
from typing import Any

import nh3
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from cadre_desk.services.inbox import ItemDetail

_STYLE = """
<style>
body { font-size: 15px; line-height: 165%; }
h1 { font-size: 21px; margin: 0 0 6px 0; }
.meta { color: #6b7280; font-size: 13px; margin-bottom: 14px; }
p { margin: 0 0 10px 0; }
</style>
"""


class ReaderView(QTextBrowser):
    """QTextBrowser runs no JavaScript; ``loadResource`` refuses everything but inline data,
    so an article cannot load tracking pixels or remote images behind the user's back."""

    link_requested = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open)
        self.setAccessibleName(self.tr("正文"))
        self.document().setDocumentMargin(18)
        self.show_placeholder()

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        target = url if isinstance(url, QUrl) else QUrl(url)
        if target.scheme() == "data":
            return super().loadResource(kind, target)
        return None  # remote and local file loads are blocked

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        self.link_requested.emit(url)

    def show_placeholder(self) -> None:
        self.setHtml(
            _STYLE
            + '<p class="meta" style="margin-top:40px" align="center">'
            + html.escape(self.tr("选择左侧的一条消息以阅读"))
            + "</p>"
        )

    def show_item(self, item: ItemDetail) -> None:
        published = item.published_at.astimezone().strftime("%Y-%m-%d %H:%M")
        meta = " · ".join(
            part
            for part in (html.escape(item.source_name), published, html.escape(item.author or ""))
            if part
        )
        link = ""
        if item.url:
            link = f' · <a href="{html.escape(item.url, quote=True)}">{html.escape(self.tr("打开原文"))}</a>'
        body = nh3.clean(item.content_html or "") if item.content_html else html.escape(item.summary or "")
        self.setHtml(f"{_STYLE}<h1>{html.escape(item.title)}</h1><p class='meta'>{meta}{link}</p>{body}")
