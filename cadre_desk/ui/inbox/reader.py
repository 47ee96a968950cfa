"""The reader pane: sanitized HTML, no scripts, no remote loads, links open only on click.

Long or image-heavy articles never freeze it: the body is prepared off the GUI thread
(``reader_content``: images as placeholders up to a cap, the body cut into chunks of whole
blocks) and appended a few chunks per turn of the event loop, within a time budget.
"""

from __future__ import annotations

import html
import time
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from cadre_desk.services.inbox import ItemDetail
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.i18n import format_number
from cadre_desk.ui.inbox.reader_content import DEFAULT_IMAGE_CAP, PreparedBody, prepare_body

_STYLE = """
body { font-size: 15px; line-height: 165%; }
h1 { font-size: 21px; margin: 0 0 6px 0; }
.meta { color: #6b7280; font-size: 13px; margin-bottom: 14px; }
.notice { color: #6b7280; font-size: 13px; }
.image { color: #6b7280; }
p { margin: 0 0 10px 0; }
div { margin: 0 0 8px 0; }
"""
SHOW_ALL_IMAGES = QUrl("cadre-reader:show-all-images")
# Bodies up to this size are prepared and shown at once (most items; a few milliseconds).
SYNCHRONOUS_CHARS = 40_000
# Appending stops for this turn of the event loop once this much time was spent.
APPEND_BUDGET_S = 0.012


class ReaderView(QTextBrowser):
    """QTextBrowser runs no JavaScript; ``loadResource`` refuses everything but inline data,
    so an article cannot load tracking pixels or remote images behind the user's back."""

    link_requested = Signal(QUrl)
    body_complete = Signal()  # the whole body is laid out (tests, benchmarks)

    def __init__(self, parent: QWidget | None = None, runner: BackgroundRunner | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._item: ItemDetail | None = None
        self._generation = 0
        self._pending: list[str] = []
        self._waiting = False
        self._append_timer = QTimer(self)
        self._append_timer.setInterval(0)
        self._append_timer.timeout.connect(self._append_some)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open)
        self.setAccessibleName(self.tr("正文"))
        self.document().setDocumentMargin(18)
        self.document().setDefaultStyleSheet(_STYLE)
        self.show_placeholder()

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        target = url if isinstance(url, QUrl) else QUrl(url)
        if target.scheme() == "data":
            return super().loadResource(kind, target)
        return None  # remote and local file loads are blocked

    def _open(self, url: QUrl) -> None:
        if url == SHOW_ALL_IMAGES:
            if self._item is not None:
                self.show_item(self._item, image_cap=None)
            return
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        self.link_requested.emit(url)

    def show_placeholder(self) -> None:
        self._start(None)
        self.setHtml(
            '<p class="meta" style="margin-top:40px" align="center">'
            + html.escape(self.tr("选择左侧的一条消息以阅读"))
            + "</p>"
        )

    @property
    def loading(self) -> bool:
        """Part of the body is still being prepared or appended."""
        return bool(self._pending) or self._append_timer.isActive() or self._waiting

    def show_item(self, item: ItemDetail, image_cap: int | None = DEFAULT_IMAGE_CAP) -> None:
        generation = self._start(item)
        head = self._head_html(item)
        size = len(item.content_html or item.summary or "")
        label = self.tr("图片")
        if size <= SYNCHRONOUS_CHARS or self._runner is None:
            body = prepare_body(item.content_html, item.summary, image_label=label, image_cap=image_cap)
            self._show_body(generation, head, body)
            return
        opening = self.tr("正在打开长文…")
        self.setHtml(head + f"<p class='notice'>{html.escape(opening)}</p>")
        self._waiting = True
        content, summary = item.content_html, item.summary
        self._runner.run(
            lambda: prepare_body(content, summary, image_label=label, image_cap=image_cap),
            lambda body: self._show_body(generation, head, body),
            lambda exc: self._prepare_failed(generation, exc),
        )

    # -- internals ----------------------------------------------------------------------------

    def _start(self, item: ItemDetail | None) -> int:
        """Forget what is shown or still arriving; the new generation ignores late results."""
        self._generation += 1
        self._item = item
        self._pending = []
        self._waiting = False
        self._append_timer.stop()
        return self._generation

    def _head_html(self, item: ItemDetail) -> str:
        published = item.published_at.astimezone().strftime("%Y-%m-%d %H:%M")
        meta = " · ".join(
            part
            for part in (html.escape(item.source_name), published, html.escape(item.author or ""))
            if part
        )
        link = ""
        if item.url:
            # (tr() outside the f-string: lupdate does not look inside f-strings)
            caption = self.tr("打开原文")
            link = f' · <a href="{html.escape(item.url, quote=True)}">{html.escape(caption)}</a>'
        return f"<h1>{html.escape(item.title)}</h1><p class='meta'>{meta}{link}</p>"

    def _images_notice(self, body: PreparedBody) -> str:
        if not body.images_hidden:
            return ""
        text = self.tr("本文有 {n} 张图片，为保持流畅只列出前 {shown} 张。").format(
            n=format_number(body.images), shown=format_number(body.placeholders)
        )
        caption = self.tr("显示全部图片")
        link = f'<a href="{SHOW_ALL_IMAGES.toString()}">{html.escape(caption)}</a>'
        return f"<p class='notice'>{html.escape(text)} {link}</p>"

    def _show_body(self, generation: int, head: str, body: PreparedBody) -> None:
        if generation != self._generation:
            return  # another item was opened meanwhile
        self._waiting = False
        first, *rest = body.chunks
        self.setHtml(head + self._images_notice(body) + first)
        self._pending = rest
        if rest:
            self._append_timer.start()
        else:
            self.body_complete.emit()

    def _append_some(self) -> None:
        """Append chunks until the time budget of this turn is spent (at least one chunk)."""
        began = time.perf_counter()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        while self._pending:
            # a new block first: insertHtml alone merges the chunk's first paragraph into the last
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            cursor.insertHtml(self._pending.pop(0))
            if time.perf_counter() - began > APPEND_BUDGET_S:
                break
        if not self._pending:
            self._append_timer.stop()
            self.body_complete.emit()

    def _prepare_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._waiting = False
        if self._runner is not None:
            self._runner.report_error(exc)  # not an expected failure: the crash path
