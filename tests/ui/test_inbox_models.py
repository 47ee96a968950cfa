from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from cadre_desk.services.inbox import PAGE_SIZE, InboxFilter, InboxService
from cadre_desk.storage.database import Database
from cadre_desk.ui.inbox.item_list_model import ItemListModel, ItemRole
from cadre_desk.ui.inbox.source_tree_model import GroupBy, SourceTreeModel, TreeRole
from tests.factories import add_items, add_source

Mode = QAbstractItemModelTester.FailureReportingMode


def test_item_list_model_pages_with_fetch_more(qtbot, db: Database) -> None:
    source = add_source(db)
    add_items(db, source, PAGE_SIZE * 2 + 17)
    model = ItemListModel(InboxService(db))
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_filter(InboxFilter())
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 2 + 17
    assert not model.canFetchMore()
    times = [model.row_at(i).published_at for i in range(model.rowCount())]  # type: ignore[union-attr]
    assert times == sorted(times, reverse=True)
    assert len({model.index(i, 0).data(ItemRole.ID) for i in range(model.rowCount())}) == model.rowCount()


def test_item_list_model_reflects_flags_and_unread_filter(qtbot, db: Database) -> None:
    source = add_source(db)
    ids = add_items(db, source, 10)
    service = InboxService(db)
    model = ItemListModel(service)
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_filter(InboxFilter(unread_only=True))
    assert model.rowCount() == 10
    assert sorted(service.set_read(ids[:4]).item_ids) == sorted(ids[:4])
    assert service.set_read(ids[:4]).item_ids == ()  # already read: nothing rewritten, nothing logged
    model.apply_flags(ids[:4], read=True)
    assert model.index(0, 0).data(ItemRole.IS_READ) is True
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    model.reload()
    assert model.rowCount() == 6


def test_source_tree_groups_and_counts(qtbot, db: Database) -> None:
    county = add_source(db, "清河县人民政府", category="gov_service", level="county")
    township = add_source(db, "柳林镇人民政府", category="news", level="township")
    add_items(db, county, 5)
    add_items(db, township, 3)
    service = InboxService(db)
    model = SourceTreeModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_directory(service.directory())
    everything = model.index_of_all()
    assert everything.data(TreeRole.UNREAD) == 8
    assert everything.data(TreeRole.SOURCE_IDS) == ()
    groups = [model.index(r, 0).data() for r in range(1, model.rowCount())]
    assert groups == ["政务服务", "新闻宣传"]
    model.set_group_by(GroupBy.LEVEL)
    groups = [model.index(r, 0).data() for r in range(1, model.rowCount())]
    assert groups == ["县级", "乡镇"]
    ids = [add_items(db, county, 2)]
    assert ids
    model.update_counts(service.directory())
    assert model.index_of_all().data(TreeRole.UNREAD) == 10


def test_multi_data_answers_and_paints_what_data_answers(qtbot, db: Database) -> None:
    """The item list answers a delegate's seven roles in one call (``multiData``); differential
    test against Qt's own ``multiData`` (one ``data()`` call per role): same values, same pixels,
    over folded, expanded, starred, read and unread rows."""
    from PySide6.QtCore import QAbstractTableModel, QModelRoleData
    from PySide6.QtWidgets import QTableView

    from cadre_desk.services.folding import FoldingService
    from tests.inbox.test_folding import _reposted

    ids = _reposted(db)
    more = add_items(db, add_source(db, "柳林镇"), 12, read_every=3)
    service = InboxService(db)
    service.set_starred([more[1], ids["other"]])

    class PerRole(ItemListModel):
        def multiData(self, index, span) -> None:  # type: ignore[no-untyped-def]
            QAbstractTableModel.multiData(self, index, span)  # Qt's: data() for each role

    views = []
    for kind in (ItemListModel, PerRole):
        model = kind(service, folding=FoldingService(db))
        model.set_source_names(service.directory().names())
        model.load(InboxFilter())
        folded = next(
            r for r in range(model.rowCount()) if model.index(r, 0).data(ItemRole.ID) == ids["county"]
        )
        assert model.toggle_expanded(folded)
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.resize(900, 600)
        view.show()
        views.append(view)
    fast = views[0].model()
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        *ItemRole,
    ]
    assert fast.rowCount() == 12 + 2 + 2  # the group's two other copies shown under it
    for row in range(fast.rowCount()):
        for column in range(fast.columnCount()):
            index = fast.index(row, column)
            for role in roles:
                answer = QModelRoleData(int(role))
                fast.multiData(index, answer)
                assert answer.data() == fast.data(index, role), (row, column, role)
    texts = [fast.index(r, 0).data() for r in range(fast.rowCount())]
    assert any("↳" in t for t in texts) and any(t.startswith("★ ") for t in texts)
    assert any(t.startswith("▾ ") and "另有 2 个账号发布" in t for t in texts)
    assert views[0].grab().toImage() == views[1].grab().toImage()
