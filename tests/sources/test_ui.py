from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import func, select

from cadre_desk.app import build_context, build_main_window
from cadre_desk.domain.changes import ChangesWithIds
from cadre_desk.services.sources import NewSource
from cadre_desk.sources.bridges import BridgeAccount
from cadre_desk.sources.opml import OpmlEntry, build_opml
from cadre_desk.storage.models import Item, Source
from cadre_desk.ui.sources.add_dialog import TAB_BRIDGE, TAB_FEED, TAB_WEBPAGE, AddSourceDialog
from cadre_desk.ui.sources.capture_dialog import CaptureDialog
from cadre_desk.ui.sources.health_model import HealthColumn, HealthRole, SourceHealthModel
from cadre_desk.ui.sources.page import SourcesPage
from cadre_desk.ui.sources.preview_models import AccountsModel, PreviewModel
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route
from tests.sources.test_webpage import page as fixture_page

SHOTS = Path("/tmp/cadre-sources-shots")


def _window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    return ctx, window


def test_models_pass_the_model_tester(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from cadre_desk.services.sources import SourceHealth

    health = SourceHealthModel()
    QAbstractItemModelTester(health, QAbstractItemModelTester.FailureReportingMode.Fatal)
    now = datetime.now(UTC)
    health.set_rows(
        [
            SourceHealth("a", "示范县人民政府", "rss", "http://x", now, now, 0, None, 10, 3),
            SourceHealth(
                "b", "停更的公众号", "rss", "http://y", None, now, 3, "地址不存在（HTTP 404）", 0, 0
            ),
            SourceHealth(
                "c", "乱码的源", "rss", "http://z", now, now, 0, "声明的编码“x-bogus”无法识别", 5, 5
            ),
        ]
    )
    assert health.index(0, HealthColumn.STATE).data() == "正常"
    assert health.index(0, HealthColumn.STATE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert health.index(1, HealthColumn.STATE).data() == "连续失败 3 次：地址不存在（HTTP 404）"
    assert health.index(1, 0).data(HealthRole.HEALTHY) is False
    assert health.failing_count() == 1
    recovered = health.index(2, HealthColumn.STATE)
    assert recovered.data() == "格式有误，已尽量读取：声明的编码“x-bogus”无法识别"
    assert recovered.data(HealthRole.RECOVERED) is True and recovered.data(HealthRole.HEALTHY) is True
    assert recovered.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fdf0c2"  # yellow, not green
    assert health.recovered_count() == 1
    preview = PreviewModel()
    QAbstractItemModelTester(preview, QAbstractItemModelTester.FailureReportingMode.Fatal)
    preview.set_rows([("通知", now, "http://x/1")])
    accounts = AccountsModel()
    QAbstractItemModelTester(accounts, QAbstractItemModelTester.FailureReportingMode.Fatal)
    accounts.set_accounts([BridgeAccount("1", "示范县发布"), BridgeAccount("2", "示范镇发布")])
    accounts.setData(accounts.index(0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert [a.id for a in accounts.checked()] == ["2"]


def test_add_feed_then_refresh_with_progress_and_health(
    qtbot, tmp_path: Path, feed_server: FeedServer
) -> None:  # type: ignore[no-untyped-def]
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 12, encoding="gbk", declared="gb2312"))
    feed_server.routes["/gone.xml"] = Route(status=404)
    feed_server.routes["/broken.xml"] = Route(body=samples.BROKEN_XML)
    ctx, window = _window(qtbot, tmp_path)
    try:
        window.show()
        page: SourcesPage = window.page("sources")  # type: ignore[assignment]
        dialog = AddSourceDialog(page._services, window.runner, page)
        qtbot.addWidget(dialog)
        dialog.tabs.setCurrentIndex(TAB_FEED)
        dialog.feed_url.setText(feed_server.url("/f.xml"))
        dialog.preview_feed()
        qtbot.waitUntil(lambda: dialog.feed_model.rowCount() == 12, timeout=30_000)
        assert dialog.name.text() == "示范县人民政府1"
        SHOTS.mkdir(exist_ok=True)
        dialog.show()
        dialog.grab().save(str(SHOTS / "add-feed.png"))
        added: list[ChangesWithIds] = []
        dialog.added.connect(added.append)
        dialog.submit()
        qtbot.waitUntil(lambda: bool(added), timeout=30_000)
        page._source_added(added[0])  # what the page does when the dialog reports the new source
        with qtbot.waitSignal(page.refresh_finished, timeout=20000):
            pass
        page._services.sources.add(NewSource(kind="rss", name="停更源", url=feed_server.url("/gone.xml")))
        page._services.sources.add(
            NewSource(kind="rss", name="格式有误的源", url=feed_server.url("/broken.xml"))
        )
        with qtbot.waitSignal(page.refresh_finished, timeout=20000) as finished:
            page.refresh()
        assert finished.args[0].failed == 1
        qtbot.waitUntil(
            lambda: page.model.rowCount() == 3 and page.model.failing_count() == 1, timeout=30_000
        )
        assert "1 个连续失败" in page.summary.text() and "1 个格式有误" in page.summary.text()
        states = [page.model.index(r, HealthColumn.STATE).data() for r in range(3)]
        assert any(s.startswith("格式有误，已尽量读取：XML 不规范（第 ") for s in states), states
        with ctx.db.session() as session:
            assert session.scalar(select(func.count()).select_from(Item)) == 12 + 2
        SHOTS.mkdir(exist_ok=True)
        window.show_page("sources")
        window.grab().save(str(SHOTS / "sources-page.png"))
        window.close()
    finally:
        ctx.close()


def test_cancel_refresh(qtbot, tmp_path: Path, feed_server: FeedServer) -> None:  # type: ignore[no-untyped-def]
    ctx, window = _window(qtbot, tmp_path)
    try:
        page: SourcesPage = window.page("sources")  # type: ignore[assignment]
        for i in range(4):
            feed_server.routes[f"/slow{i}.xml"] = Route(body=samples.rss_feed(i, 2), delay=1.5)
            page._services.sources.add(
                NewSource(kind="rss", name=f"慢源{i}", url=feed_server.url(f"/slow{i}.xml"))
            )
        with qtbot.waitSignal(page.refresh_finished, timeout=20000) as finished:
            page.refresh()
            assert page.cancel_button.isVisibleTo(page)
            page.cancel_refresh()
        assert finished.args[0].cancelled
        assert not page.refreshing
        assert page._services.schedule.running  # the schedule ticks in the service
        window.close()
        assert not page._services.schedule.running  # no refresh after the window (and database) closed
        assert not page._services.schedule.wanted()
    finally:
        ctx.close()


def test_webpage_detection_preview_in_dialog(qtbot, tmp_path: Path, feed_server: FeedServer) -> None:  # type: ignore[no-untyped-def]
    feed_server.routes["/tzgg/"] = Route(body=fixture_page("tzgg_list.html", "gbk"), content_type="text/html")
    ctx, window = _window(qtbot, tmp_path)
    try:
        page: SourcesPage = window.page("sources")  # type: ignore[assignment]
        dialog = AddSourceDialog(page._services, window.runner, page)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.tabs.setCurrentIndex(TAB_WEBPAGE)
        dialog.page_url.setText(feed_server.url("/tzgg/"))
        dialog.detect_lists()
        qtbot.waitUntil(lambda: dialog.page_model.rowCount() == 6, timeout=30_000)
        assert dialog.sel_item.text() == "ul.list-con > li"
        dialog.sel_item.setText(".right-con li:nth-child(-n+3)")
        dialog.preview_selectors()
        qtbot.waitUntil(lambda: dialog.page_model.rowCount() == 3, timeout=30_000)
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "add-webpage.png"))
        dialog.name.setText("示范县 通知公告")
        added: list[ChangesWithIds] = []
        dialog.added.connect(added.append)
        dialog.submit()
        qtbot.waitUntil(lambda: bool(added), timeout=30_000)
        with ctx.db.session() as session:
            source = session.get(Source, added[0].ids[0])
            assert source is not None and source.kind == "webpage"
            assert source.config["selectors"]["item"] == ".right-con li:nth-child(-n+3)"
        window.close()
    finally:
        ctx.close()


def test_bridge_tab_adds_typed_accounts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, window = _window(qtbot, tmp_path)
    try:
        page: SourcesPage = window.page("sources")  # type: ignore[assignment]
        dialog = AddSourceDialog(page._services, window.runner, page)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.tabs.setCurrentIndex(TAB_BRIDGE)
        dialog.bridge_preset.setCurrentIndex(dialog.bridge_preset.findData("we-mp-rss"))
        dialog.bridge_base.setText("http://10.1.2.3:8001")
        dialog.bridge_ids.setPlainText("MP_WXS_1 示范县发布\nMP_WXS_2 示范镇发布")
        added: list[ChangesWithIds] = []
        dialog.added.connect(added.append)
        dialog.submit()
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "add-bridge.png"))
        qtbot.waitUntil(lambda: bool(added), timeout=30_000)
        with ctx.db.session() as session:
            urls = sorted(session.scalars(select(Source.url)))
        assert urls == ["http://10.1.2.3:8001/rss/MP_WXS_1", "http://10.1.2.3:8001/rss/MP_WXS_2"]
        window.close()
    finally:
        ctx.close()


def test_capture_dialog_offline(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, window = _window(qtbot, tmp_path)
    try:
        page: SourcesPage = window.page("sources")  # type: ignore[assignment]
        page._services.sources.add(NewSource(kind="manual", name="示范村工作群", platform="work_group"))
        dialog = CaptureDialog(page._services, window.runner, page)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.source.count() == 1, timeout=20_000)
        dialog.online.setChecked(False)
        dialog.text.setPlainText("今晚8点前在群里接龙报送防火巡查情况。")
        with qtbot.waitSignal(dialog.captured, timeout=30_000) as captured:
            dialog.submit()
        assert captured.args[0].new_items == 1
        assert "已收录 1 条" in dialog.message.text()
        window.close()
    finally:
        ctx.close()


def test_opml_import_with_progress_and_export(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, window = _window(qtbot, tmp_path)
    try:
        page: SourcesPage = window.page("sources")  # type: ignore[assignment]
        opml = tmp_path / "feeds.opml"
        opml.write_bytes(
            build_opml(
                [OpmlEntry(f"源{i}", f"http://127.0.0.1/{i}.xml", folder=("县级",)) for i in range(1000)]
            )
        )
        page.import_opml(opml)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1000, timeout=30000)
        assert page.opml_progress.maximum() == 1000
        out = tmp_path / "out.opml"
        page.export_opml(out)
        qtbot.waitUntil(out.exists, timeout=30_000)
        assert out.read_bytes().count(b"<outline") == 1001  # 1000 feeds + the folder
        window.close()
    finally:
        ctx.close()
