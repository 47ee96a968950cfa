"""添加订阅源: a feed URL, WeChat bridge accounts, a portal column (with selector preview), a
mailbox folder, or a manual account. Network look-ups run in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import ChangesWithId, ChangesWithIds
from cadre_desk.domain.enums import Category, Level, Platform, SourceKind
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.source_types import (
    BRIDGE_PRESETS,
    BridgeAccount,
    CertificateError,
    ListCandidate,
    ListSelectors,
    ParsedFeed,
    bridge_preset,
    format_fingerprint,
)
from cadre_desk.services.sources import NewSource, SourceServices
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.service_text import service_text
from cadre_desk.ui.sources.preview_models import AccountsModel, PreviewModel

TAB_FEED, TAB_BRIDGE, TAB_WEBPAGE, TAB_MAIL, TAB_MANUAL = range(5)


def _preview_table(model: PreviewModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().resizeSection(1, 130)
    view.horizontalHeader().resizeSection(2, 160)
    view.setMinimumHeight(150)
    return view


class AddSourceDialog(QDialog):
    added = Signal(object)  # ChangesWithIds: the new sources and what the adding changed

    def __init__(
        self, services: SourceServices, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加订阅源"))
        self.resize(760, 640)
        self._services = services
        self._runner = runner
        self._candidates: list[ListCandidate] = []
        self._fingerprint: str | None = None

        self.tabs = QTabWidget()
        self.tabs.addTab(self._feed_tab(), self.tr("订阅源地址"))
        self.tabs.addTab(self._bridge_tab(), self.tr("微信桥接"))
        self.tabs.addTab(self._webpage_tab(), self.tr("网页栏目"))
        self.tabs.addTab(self._mail_tab(), self.tr("邮箱"))
        self.tabs.addTab(self._manual_tab(), self.tr("手动收录"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("dialogMessage")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._common_box())
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._tab_changed(TAB_FEED)

    # ------------------------------------------------------------------ tabs

    def _feed_tab(self) -> QWidget:
        page = QWidget()
        self.feed_url = QLineEdit()
        self.feed_url.setPlaceholderText("https://www.example.gov.cn/rss/tzgg.xml")
        self.feed_preview_button = QPushButton(self.tr("预览"))
        self.feed_preview_button.clicked.connect(self.preview_feed)
        self.trust_cert = QCheckBox()
        self.trust_cert.hide()
        self.feed_model = PreviewModel(self)
        row = QHBoxLayout()
        row.addWidget(self.feed_url, 1)
        row.addWidget(self.feed_preview_button)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("RSS / Atom / JSON Feed 地址（政务内网地址也可以）：")))
        layout.addLayout(row)
        layout.addWidget(self.trust_cert)
        layout.addWidget(_preview_table(self.feed_model), 1)
        return page

    def _bridge_tab(self) -> QWidget:
        page = QWidget()
        self.bridge_preset = QComboBox()
        for preset in BRIDGE_PRESETS:
            self.bridge_preset.addItem(service_text(preset.name), preset.key)
        self.bridge_base = QLineEdit()
        self.bridge_format = QComboBox()
        self.bridge_ids = QPlainTextEdit()
        self.bridge_ids.setPlaceholderText(self.tr("每行一个：账号ID 名称，例如\nMP_WXS_3071234 示范县发布"))
        self.bridge_ids.setMaximumHeight(90)
        self.bridge_list_button = QPushButton(self.tr("读取账号列表"))
        self.bridge_list_button.clicked.connect(self.list_bridge_accounts)
        self.accounts_model = AccountsModel(self)
        self.accounts_view = QListView()
        self.accounts_view.setModel(self.accounts_model)
        self.bridge_hint = QLabel()
        self.bridge_hint.setWordWrap(True)
        self.bridge_preset.currentIndexChanged.connect(self._preset_changed)
        form = QFormLayout()
        form.addRow(self.tr("桥接服务"), self.bridge_preset)
        base_row = QHBoxLayout()
        base_row.addWidget(self.bridge_base, 1)
        base_row.addWidget(self.bridge_list_button)
        form.addRow(self.tr("服务地址"), base_row)
        form.addRow(self.tr("格式"), self.bridge_format)
        form.addRow(self.tr("账号"), self.bridge_ids)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.bridge_hint)
        layout.addWidget(self.accounts_view, 1)
        layout.addStretch(0)
        self._preset_changed()
        return page

    def _webpage_tab(self) -> QWidget:
        page = QWidget()
        self.page_url = QLineEdit()
        self.page_url.setPlaceholderText("https://www.example.gov.cn/zwgk/tzgg/")
        self.detect_button = QPushButton(self.tr("自动识别列表"))
        self.detect_button.clicked.connect(self.detect_lists)
        self.candidate_box = QComboBox()
        self.candidate_box.currentIndexChanged.connect(self._candidate_chosen)
        self.sel_item = QLineEdit()
        self.sel_title = QLineEdit("a")
        self.sel_link = QLineEdit("a")
        self.sel_date = QLineEdit()
        self.sel_date.setPlaceholderText(self.tr("留空则在条目文字中查找日期"))
        self.apply_selectors_button = QPushButton(self.tr("按选择器预览"))
        self.apply_selectors_button.clicked.connect(self.preview_selectors)
        self.fetch_articles = QCheckBox(self.tr("打开文章页补全正文、发布时间和来源（每次最多 10 篇）"))
        self.fetch_articles.setChecked(True)
        self.page_model = PreviewModel(self)
        url_row = QHBoxLayout()
        url_row.addWidget(self.page_url, 1)
        url_row.addWidget(self.detect_button)
        form = QFormLayout()
        form.addRow(self.tr("栏目页地址"), url_row)
        form.addRow(self.tr("识别结果"), self.candidate_box)
        selectors = QHBoxLayout()
        for caption, edit in (
            (self.tr("条目"), self.sel_item),
            (self.tr("标题"), self.sel_title),
            (self.tr("链接"), self.sel_link),
            (self.tr("日期"), self.sel_date),
        ):
            selectors.addWidget(QLabel(caption))
            selectors.addWidget(edit, 2 if edit is self.sel_item else 1)
        selectors.addWidget(self.apply_selectors_button)
        form.addRow(self.tr("CSS 选择器"), selectors)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.fetch_articles)
        layout.addWidget(_preview_table(self.page_model), 1)
        return page

    def _mail_tab(self) -> QWidget:
        page = QWidget()
        self.mail_host = QLineEdit()
        self.mail_host.setPlaceholderText("mail.example.gov.cn")
        self.mail_port = QSpinBox()
        self.mail_port.setRange(1, 65535)
        self.mail_port.setValue(993)
        self.mail_security = QComboBox()
        self.mail_security.addItem(self.tr("SSL/TLS（推荐）"), "ssl")
        self.mail_security.addItem("STARTTLS", "starttls")
        self.mail_security.addItem(self.tr("不加密（仅限内网测试）"), "plain")
        self.mail_security.currentIndexChanged.connect(
            lambda: self.mail_port.setValue(993 if self.mail_security.currentData() == "ssl" else 143)
        )
        self.mail_user = QLineEdit()
        self.mail_password = QLineEdit()
        self.mail_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.mail_folder = QLineEdit("INBOX")
        self.mail_test_button = QPushButton(self.tr("测试连接"))
        self.mail_test_button.clicked.connect(self.test_mailbox)
        form = QFormLayout(page)
        form.addRow(self.tr("服务器"), self.mail_host)
        form.addRow(self.tr("端口"), self.mail_port)
        form.addRow(self.tr("加密"), self.mail_security)
        form.addRow(self.tr("用户名"), self.mail_user)
        form.addRow(self.tr("密码"), self.mail_password)
        form.addRow(self.tr("文件夹"), self.mail_folder)
        form.addRow("", self.mail_test_button)
        in_keyring, key_file = self._services.sources.password_store()
        if in_keyring:
            text = self.tr("密码只保存在系统密钥环中，不写入数据库，也不会同步到其他电脑。")
        else:
            text = self.tr(
                "本机没有系统密钥环：密码加密保存在数据文件夹的 secrets.enc 中，解密密钥另存在 {key}"
                "（不在数据文件夹里，复制数据文件夹或备份无法解密）。密码不写入数据库，也不会同步到其他电脑。"
            ).format(key=key_file)
        note = QLabel(text)
        note.setObjectName("password_store_note")
        note.setWordWrap(True)
        form.addRow("", note)
        return page

    def _manual_tab(self) -> QWidget:
        page = QWidget()
        text = QLabel(
            self.tr(
                "没有订阅源的公众号、App 或工作群：添加后，在“手动收录”中粘贴文章链接或通知文字。"
                "微信文章链接会自动去掉跟踪参数，断网时也能收录。"
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addStretch(1)
        return page

    def _common_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("订阅源信息"))
        self.name = QLineEdit()
        self.platform = QComboBox()
        for value in Platform:
            self.platform.addItem(ui_label(value), value.value)
        self.category = QComboBox()
        for value in Category:
            self.category.addItem(ui_label(value), value.value)
        self.level = QComboBox()
        self.level.addItem(self.tr("（未指定）"), None)
        for value in Level:
            self.level.addItem(ui_label(value), value.value)
        self.owner_unit = QLineEdit()
        self.mandatory = QCheckBox(self.tr("上级要求必须关注"))
        self.run_by_unit = QCheckBox(self.tr("本单位运营(&U)"))
        self.run_by_unit.setToolTip(
            self.tr("由我或本单位负责发布的账号：在“我运营的账号”页自查更新频率、错敏字等")
        )
        self.interval = QSpinBox()
        self.interval.setRange(5, 7 * 24 * 60)
        self.interval.setValue(60)
        self.interval.setSuffix(self.tr(" 分钟"))
        form = QFormLayout(box)
        row1 = QHBoxLayout()
        row1.addWidget(self.name, 2)
        row1.addWidget(QLabel(self.tr("平台")))
        row1.addWidget(self.platform, 1)
        form.addRow(self.tr("名称"), row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.category, 1)
        row2.addWidget(QLabel(self.tr("层级")))
        row2.addWidget(self.level, 1)
        row2.addWidget(QLabel(self.tr("刷新间隔")))
        row2.addWidget(self.interval)
        form.addRow(self.tr("类别"), row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.owner_unit, 1)
        row3.addWidget(self.mandatory)
        row3.addWidget(self.run_by_unit)
        form.addRow(self.tr("主办单位"), row3)
        return box

    # ------------------------------------------------------------------ behaviour

    def _tab_changed(self, index: int) -> None:
        defaults = {
            TAB_FEED: Platform.PORTAL,
            TAB_BRIDGE: Platform.WECHAT_ACCOUNT,
            TAB_WEBPAGE: Platform.PORTAL,
            TAB_MAIL: Platform.MAILBOX,
            TAB_MANUAL: Platform.WECHAT_ACCOUNT,
        }
        self.platform.setCurrentIndex(self.platform.findData(defaults[index].value))
        self.name.setPlaceholderText(
            self.tr("每个账号用自己的名称")
            if index == TAB_BRIDGE
            else self.tr("例如：示范县人民政府 通知公告")
        )
        self.message.clear()

    def _preset_changed(self) -> None:
        preset = bridge_preset(self.bridge_preset.currentData())
        self.bridge_base.setPlaceholderText(preset.example_base)
        self.bridge_format.clear()
        for fmt in preset.formats:
            self.bridge_format.addItem(fmt.upper(), fmt)
        self.bridge_list_button.setEnabled(preset.lists_accounts)
        self.accounts_view.setVisible(preset.lists_accounts)
        self.bridge_hint.setText(self.tr("账号 ID：{hint}").format(hint=service_text(preset.id_hint)))

    def _busy(self, text: str) -> None:
        self.message.setText(text)
        self.setEnabled(False)

    def _idle(self, text: str = "") -> None:
        self.setEnabled(True)
        self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CertificateError) and exc.fingerprint:
            self._fingerprint = exc.fingerprint
            self.trust_cert.setText(
                self.tr("信任此证书（仅用于这个订阅源）：{fp}").format(fp=format_fingerprint(exc.fingerprint))
            )
            self.trust_cert.show()
        if isinstance(exc, CadreError):
            self._idle(f"{service_text(exc.user_message)}\n{service_text(exc.next_step)}")
        else:
            self._idle()
            raise exc

    def _accept_cert(self) -> str | None:
        return self._fingerprint if self.trust_cert.isVisible() and self.trust_cert.isChecked() else None

    def preview_feed(self) -> None:
        url = self.feed_url.text().strip()
        accept = self._accept_cert()
        self._busy(self.tr("正在读取订阅源…"))
        self._runner.run(
            lambda: self._services.sources.preview_feed(url, accept), self._feed_previewed, self._failed
        )

    def _feed_previewed(self, feed: ParsedFeed) -> None:
        self.feed_model.set_rows([(i.title, i.published_at, i.url or "") for i in feed.items[:50]])
        if feed.title and not self.name.text().strip():
            self.name.setText(feed.title)
        self._idle(
            self.tr("读取到 {n} 条。").format(n=len(feed.items)) + (f"\n{feed.bozo}" if feed.bozo else "")
        )

    def list_bridge_accounts(self) -> None:
        key, base = self.bridge_preset.currentData(), self.bridge_base.text()
        self._busy(self.tr("正在读取账号列表…"))

        def done(accounts: list[BridgeAccount]) -> None:
            self.accounts_model.set_accounts(accounts)
            self._idle(self.tr("找到 {n} 个账号，勾选要订阅的。").format(n=len(accounts)))

        self._runner.run(lambda: self._services.sources.bridge_accounts(key, base), done, self._failed)

    def _typed_accounts(self) -> list[BridgeAccount]:
        accounts = []
        for line in self.bridge_ids.toPlainText().splitlines():
            parts = line.split(maxsplit=1)
            if parts:
                accounts.append(BridgeAccount(parts[0], parts[1] if len(parts) > 1 else parts[0]))
        return accounts

    def detect_lists(self) -> None:
        url = self.page_url.text().strip()
        self._busy(self.tr("正在识别栏目页中的文章列表…"))
        self._runner.run(lambda: self._services.sources.preview_webpage(url), self._detected, self._failed)

    def _detected(self, candidates: list[ListCandidate]) -> None:
        self._candidates = candidates
        self.candidate_box.blockSignals(True)
        self.candidate_box.clear()
        for candidate in candidates:
            first = candidate.entries[0].title if candidate.entries else ""
            self.candidate_box.addItem(
                f"{len(candidate.entries)} 条 · {first[:24]}（{candidate.selectors.item}）"
            )
        self.candidate_box.blockSignals(False)
        if candidates:
            self._candidate_chosen(0)
            self._idle(self.tr("已识别，请核对预览；不对时可修改选择器。"))
        else:
            self._idle(self.tr("没有找到文章列表，请手动填写 CSS 选择器。"))

    def _candidate_chosen(self, index: int) -> None:
        if not (0 <= index < len(self._candidates)):
            return
        candidate = self._candidates[index]
        selectors = candidate.selectors
        self.sel_item.setText(selectors.item)
        self.sel_title.setText(selectors.title)
        self.sel_link.setText(selectors.link)
        self.sel_date.setText(selectors.date)
        self.page_model.set_rows([(e.title, e.published_at, e.url) for e in candidate.entries])
        if not self.name.text().strip() and candidate.entries:
            self.name.setPlaceholderText(self.tr("请填写栏目名称，例如：示范县 通知公告"))

    def _selectors(self) -> ListSelectors:
        return ListSelectors(
            item=self.sel_item.text().strip(),
            title=self.sel_title.text().strip(),
            link=self.sel_link.text().strip(),
            date=self.sel_date.text().strip(),
        )

    def preview_selectors(self) -> None:
        url, selectors = self.page_url.text().strip(), self._selectors()
        self._busy(self.tr("正在按选择器读取…"))
        self._runner.run(
            lambda: self._services.sources.preview_webpage(url, selectors),
            lambda found: (self._candidate_rows(found), self._idle()),
            self._failed,
        )

    def _candidate_rows(self, found: list[ListCandidate]) -> None:
        entries = found[0].entries if found else []
        self.page_model.set_rows([(e.title, e.published_at, e.url) for e in entries])
        self.message.setText(self.tr("按选择器读取到 {n} 条。").format(n=len(entries)))

    def _mail_config(self) -> dict[str, Any]:
        return {
            "host": self.mail_host.text().strip(),
            "port": self.mail_port.value(),
            "security": self.mail_security.currentData(),
            "username": self.mail_user.text().strip(),
            "folder": self.mail_folder.text().strip() or "INBOX",
        }

    def test_mailbox(self) -> None:
        config, password = self._mail_config(), self.mail_password.text()
        self._busy(self.tr("正在连接邮箱…"))
        self._runner.run(
            lambda: self._services.sources.test_mailbox(config, password),
            lambda count: self._idle(self.tr("连接成功，文件夹中有 {n} 封邮件。").format(n=count)),
            self._failed,
        )

    def _template(
        self, kind: SourceKind, url: str | None = None, config: dict[str, Any] | None = None
    ) -> NewSource:
        return NewSource(
            kind=kind.value,
            name=self.name.text().strip(),
            url=url,
            platform=self.platform.currentData(),
            category=self.category.currentData(),
            level=self.level.currentData(),
            owner_unit=self.owner_unit.text().strip() or None,
            mandatory=self.mandatory.isChecked(),
            fetch_interval_minutes=self.interval.value(),
            config=config or {},
        )

    def submit(self) -> None:
        tab = self.tabs.currentIndex()
        services = self._services.sources
        if tab == TAB_FEED:
            accept = self._accept_cert()
            template = self._template(
                SourceKind.RSS, self.feed_url.text().strip(), {"accept_cert_sha256": accept} if accept else {}
            )

            def work() -> ChangesWithIds:
                return _one(services.add(template))

        elif tab == TAB_BRIDGE:
            key, base, fmt = (
                self.bridge_preset.currentData(),
                self.bridge_base.text(),
                self.bridge_format.currentData(),
            )
            accounts = self.accounts_model.checked() + self._typed_accounts()
            template = self._template(SourceKind.RSS)
            if not accounts:
                self.message.setText(self.tr("请先读取账号列表并勾选，或填写账号 ID。"))
                return

            def work() -> ChangesWithIds:
                return services.add_bridge_accounts(key, base, accounts, template, fmt)

        elif tab == TAB_WEBPAGE:
            selectors = self._selectors()
            config: dict[str, Any] = {"fetch_articles": self.fetch_articles.isChecked()}
            if selectors.item:
                config["selectors"] = selectors.as_config()
            template = self._template(SourceKind.WEBPAGE, self.page_url.text().strip(), config)

            def work() -> ChangesWithIds:
                return _one(services.add(template))

        elif tab == TAB_MAIL:
            mail, password = self._mail_config(), self.mail_password.text()
            if not self.name.text().strip():
                self.name.setText(f"{mail['username']}（{mail['folder']}）")
            template = self._template(SourceKind.IMAP, None, mail)

            def work() -> ChangesWithIds:
                if password:
                    template.config["secret_name"] = services.set_mail_password(mail, password)
                return _one(services.add(template))

        else:
            template = self._template(SourceKind.MANUAL)

            def work() -> ChangesWithIds:
                return _one(services.add(template))

        if self.run_by_unit.isChecked():
            add, own = work, self._services.own_accounts

            def work() -> ChangesWithIds:
                added = add()
                changes = added.changes
                for source_id in added.ids:
                    changes |= own.mark_run(source_id).changes
                return ChangesWithIds(added.ids, changes)

        self._busy(self.tr("正在添加…"))
        self._runner.run(work, self._added, self._failed, write=True)

    def _added(self, added: ChangesWithIds) -> None:
        self._idle()
        self.added.emit(added)
        self.accept()


def _one(added: ChangesWithId) -> ChangesWithIds:
    return ChangesWithIds((added.id,), added.changes)
