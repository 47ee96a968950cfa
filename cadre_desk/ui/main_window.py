"""The main window: a navigation rail on the left, one page per area, a status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from cadre_desk import __version__
from cadre_desk.platform.paths import DataPaths
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus


class MainWindow(QMainWindow):
    def __init__(self, paths: DataPaths, runner: BackgroundRunner, bus: DataBus) -> None:
        super().__init__()
        self._paths = paths
        self._runner = runner
        self.runner = runner  # pages added later reach the shared runner and bus through the window
        self.bus = bus
        self.setWindowTitle(self.tr("cadre_desk 基层减负工作台"))
        self.resize(1360, 860)
        self._pages: dict[str, QWidget] = {}
        self._pending: dict[str, Callable[[], QWidget]] = {}
        self._statuses: dict[str, str] = {}  # page key → its status line

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(112)
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setAccessibleName(self.tr("导航"))
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        bus.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))

        self._build_menus()
        self.setStyleSheet(
            "#navigation { border: none; border-right: 1px solid palette(mid); padding-top: 8px; }"
            "#navigation::item { padding: 10px 4px; border-radius: 6px; margin: 0 6px; }"
            "#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
            "#pageHeading { font-size: 15px; padding: 4px 2px; }"
        )

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_folder = QAction(self.tr("打开数据文件夹"), self)
        open_folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._paths.root)))
        )
        file_menu.addAction(open_folder)
        self._quit_separator = file_menu.addSeparator()
        quit_action = self.quit_action = QAction(self.tr("退出(&Q)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于 cadre_desk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def add_file_action(self, action: QAction) -> None:
        """Add an action to the 文件 menu, above the separator before 退出 (退出 stays last)."""
        self.file_menu.insertAction(self._quit_separator, action)

    def add_page(
        self, key: str, title: str, widget: QWidget | Callable[[], QWidget], icon: QIcon | None = None
    ) -> None:
        """Register a page; Ctrl+1…9 switch pages in the order added.

        ``widget`` may be a factory: the page is then built the first time it is shown (or asked
        for by ``page``), so start-up pays only for the page the user sees first."""
        item = QListWidgetItem(icon or QIcon(), title)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setSizeHint(QSize(100, 64 if icon else 44))
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        self._fit_navigation(title)
        if isinstance(widget, QWidget):
            self._pages[key] = widget
        else:
            self._pending[key] = widget
            widget = QWidget()  # placeholder until first shown
        self.stack.addWidget(widget)
        position = self.nav.count()
        if position <= 9:
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{position}"))
            action.triggered.connect(lambda: self.show_page(key))
            self.view_menu.addAction(action)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def _fit_navigation(self, title: str) -> None:
        """Wide enough for the longest page title (English titles are longer than Chinese)."""
        needed = self.nav.fontMetrics().horizontalAdvance(title) + 44  # item padding and margins
        if needed > self.nav.width():
            self.nav.setFixedWidth(min(needed, 200))

    def page(self, key: str) -> QWidget:
        """The page widget, built now if it was registered as a factory and not shown yet."""
        factory = self._pending.pop(key, None)
        if factory is not None:
            index = self._row_of(key)
            placeholder = self.stack.widget(index)
            page = factory()
            self._pages[key] = page
            showing = self.stack.currentIndex() == index
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if showing:
                self.stack.setCurrentIndex(index)
        return self._pages[key]

    def page_keys(self) -> list[str]:
        """Every registered page, in navigation order (built or not)."""
        return [self.nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.nav.count())]

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self._row_of(key))

    def _row_of(self, key: str) -> int:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                return row
        raise KeyError(key)

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        if key in self._pending:
            self.page(key)
        self.stack.setCurrentIndex(row)
        self._show_status()

    def set_status(self, text: str) -> None:
        """The inbox's status (sources and unread count): shown under every page without its own."""
        self.status_for("inbox")(text)

    def status_for(self, key: str) -> Callable[[str], None]:
        """Where page ``key`` posts its status line: shown while that page is current (the
        我运营的账号 page's "2 个账号：0 个已超期…" read as if it were about the 统计 page)."""

        def post(text: str) -> None:
            self._statuses[key] = text
            self._show_status()

        return post

    def _show_status(self) -> None:
        row = self.nav.currentRow()
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        text = self._statuses.get(key) if key is not None else None
        self.status_label.setText(text or self._statuses.get("inbox", ""))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于 cadre_desk"),
            self.tr(
                "cadre_desk {version}\n把各类政务公众号、App、门户通知汇集到一个收件箱，记录留痕工作量，找出可以精简的订阅。\n数据保存在：{path}"  # noqa: E501
            ).format(version=__version__, path=self._paths.root),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.wait_idle(10_000)  # let pending writes finish: nothing is lost on exit
        super().closeEvent(event)
