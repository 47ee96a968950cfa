"""Reader pane: the longest GUI stall while opening image-heavy, long articles.

Target (issue 15 §12): no turn of the GUI event loop over 100 ms while an item up to the
10 MB fetch cap is opened. Before, a 1 MB article with 2,000 ``<img>`` took ~40 s in
``show_item`` (Qt lays out every image) and a 6 MB one with 9,000 images ~14 minutes.

    python -m benchmarks.bench_reader                    # 1 MB/2,000 img and 6 MB/9,000 img
    python -m benchmarks.bench_reader --size 10 --images 15000
    python -m benchmarks.bench_reader --baseline 500     # plain QTextBrowser.setHtml, 500 img

Every turn of the event loop is timed, from the ``show_item`` call until the whole body is
laid out (and the "显示全部图片" rerun); the longest is the stall a user would feel.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from datetime import UTC, datetime

from PySide6.QtWidgets import QApplication, QTextBrowser

from cadre_desk.services.inbox import ItemDetail
from cadre_desk.sources.sanitize import sanitize_html

PARAGRAPH = (
    "<section style='margin:0 8px'><span style='font-size:15px'>为方便群众办事，自12月2日起，清河县又有55项"
    "政务服务事项实现“掌上办”“一次办”。群众可通过“清河政务服务”小程序或“爱清河”App，在线办理社保查询、"
    "不动产登记预约、婚姻登记预约等事项。</span></section>\n"
)


def image_heavy_article(size_bytes: int, images: int) -> str:
    """A 公众号-shaped post: nested <section>s (which the sanitizer drops, so text and images
    end up in one flow, as in the real thing), images between the paragraphs."""
    parts: list[str] = []
    total = 0
    number = 0
    while total < size_bytes or number < images:
        if number < images:
            image = (
                f"<section style='text-align:center'><img class='rich_pages' data-ratio='0.75' "
                f"data-src='https://mmbiz.qpic.cn/mmbiz_jpg/Qh{number:06d}/640?wx_fmt=jpeg' "
                f"src='https://mmbiz.qpic.cn/mmbiz_jpg/Qh{number:06d}/640?wx_fmt=jpeg' "
                "style='width:100%'></section>\n"
            )
            parts.append(image)
            total += len(image.encode())
            number += 1
        parts.append(PARAGRAPH)
        total += len(PARAGRAPH.encode())
    return "<section>" + "".join(parts) + "</section>"


def item_with(content_html: str, stored: bool = True) -> ItemDetail:
    """An item as the reader gets it. ``stored``: sanitized as at fetch time, in the worst shape
    a database holds: without its <section>s (items fetched before the sanitizer kept them),
    so the post's paragraphs and images arrive as one flow, which Qt lays out in quadratic time."""
    if stored:
        content_html = sanitize_html(re.sub(r"</?section\b[^>]*>", "", content_html)) or ""
    return ItemDetail(
        id="bench",
        source_id="source",
        source_name="清河发布",
        title="图片很多的长文",
        author=None,
        url="https://mp.weixin.qq.com/s/bench",
        published_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        content_html=content_html,
        summary=None,
        is_read=False,
        is_starred=False,
    )


def open_and_time(
    app: QApplication, reader: object, item: ItemDetail, show_all: bool = False
) -> dict[str, float]:
    """Open ``item`` (then, if asked, click 显示全部图片); the longest event-loop turn in ms."""
    from cadre_desk.ui.inbox.reader import SHOW_ALL_IMAGES, ReaderView

    assert isinstance(reader, ReaderView)
    began = time.perf_counter()
    began_cpu = time.thread_time()
    reader.show_item(item)
    longest = (time.perf_counter() - began) * 1000
    longest_cpu = (time.thread_time() - began_cpu) * 1000
    turns = 0
    slow: list[float] = []

    def run_until_complete() -> None:
        nonlocal longest, longest_cpu, turns
        deadline = time.perf_counter() + 600
        while reader.loading and time.perf_counter() < deadline:
            turn = time.perf_counter()
            turn_cpu = time.thread_time()
            app.processEvents()
            spent = (time.perf_counter() - turn) * 1000
            longest = max(longest, spent)
            longest_cpu = max(longest_cpu, (time.thread_time() - turn_cpu) * 1000)
            turns += 1
            if spent > 50:
                slow.append(spent)

    run_until_complete()
    complete = (time.perf_counter() - began) * 1000
    if show_all:
        turn = time.perf_counter()
        turn_cpu = time.thread_time()
        reader.anchorClicked.emit(SHOW_ALL_IMAGES)
        longest = max(longest, (time.perf_counter() - turn) * 1000)
        longest_cpu = max(longest_cpu, (time.thread_time() - turn_cpu) * 1000)
        run_until_complete()
    return {
        "longest_ms": longest,
        "longest_cpu_ms": longest_cpu,
        "complete_ms": complete,
        "turns": turns,
        "over_50_ms": len(slow),
        "chars": reader.document().characterCount(),
    }


def baseline(app: QApplication, images: int) -> float:
    """Seconds a plain QTextBrowser (every resource load refused) spends in setHtml."""

    class Refusing(QTextBrowser):
        def loadResource(self, kind: int, url: object) -> object:
            return None

    view = Refusing()
    view.resize(520, 760)
    view.show()
    html = image_heavy_article(images * 500, images)
    began = time.perf_counter()
    view.setHtml(html)
    app.processEvents()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=float, help="article size in MB (with --images)")
    parser.add_argument("--images", type=int, help="images in the article (with --size)")
    parser.add_argument(
        "--baseline", type=int, default=0, help="also time plain setHtml with this many images"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    from cadre_desk.ui.background import BackgroundRunner
    from cadre_desk.ui.gc_guard import GuiThreadCollector
    from cadre_desk.ui.inbox.reader import ReaderView

    collector = GuiThreadCollector(app)  # noqa: F841 - the app's collection policy (cadre_desk/gui.py)

    cases = [(args.size, args.images)] if args.size and args.images else [(1.0, 2000), (6.0, 9000)]
    runner = BackgroundRunner(lambda exc: print("failed:", exc))
    reader = ReaderView(runner=runner)
    reader.resize(520, 760)
    reader.show()
    app.processEvents()
    worst = 0.0
    for size_mb, images in cases:
        html = image_heavy_article(int(size_mb * 1_000_000), images)
        result = open_and_time(app, reader, item_with(html), show_all=True)
        worst = max(worst, result["longest_ms"])
        print(
            f"{len(html.encode()) / 1e6:.1f} MB, {images:,} img: "
            f"longest GUI stall {result['longest_ms']:.0f} ms "
            f"(longest GUI-thread CPU time in one turn: {result['longest_cpu_ms']:.0f} ms; "
            "incl. 显示全部图片), "
            f"body laid out after {result['complete_ms']:.0f} ms, "
            f"{result['turns']:,} event-loop turns, {result['over_50_ms']} over 50 ms"
        )
    if args.baseline:
        print(f"baseline QTextBrowser.setHtml, {args.baseline:,} img: {baseline(app, args.baseline):.1f} s")
    runner.wait_idle()
    print(f"target: longest stall <= 100 ms: {'met' if worst <= 100 else 'NOT met'}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
