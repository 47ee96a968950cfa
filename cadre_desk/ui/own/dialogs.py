"""Small dialogs of the 我运营的账号 page: an account's rule, a repost duty, a message."""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.own_cadence import PRESETS, CadencePreset
from cadre_desk.services.own.accounts import OwnAccountView, OwnSettings
from cadre_desk.ui.i18n import current_language


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class AccountSettingsDialog(QDialog):
    """The cadence rule and the other choices of one run account."""

    def __init__(self, account: OwnAccountView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("账号规则：{name}").format(name=account.name))
        current = account.settings
        self.preset = QComboBox()
        for preset, rule in PRESETS.items():
            self.preset.addItem(rule.label(current_language()), preset.value)
        self.preset.setCurrentIndex(max(0, self.preset.findData(current.preset)))
        self.counts_reposts = QCheckBox(self.tr("转载计入更新(&R)"))
        self.counts_reposts.setChecked(current.counts_reposts)
        self.gap = QSpinBox()
        self.gap.setRange(0, 90)
        self.gap.setSpecialValueText(self.tr("不限"))
        self.gap.setValue(current.custom_max_gap_days or 14)
        self.weekly = QSpinBox()
        self.weekly.setRange(0, 30)
        self.weekly.setSpecialValueText(self.tr("不限"))
        self.weekly.setValue(current.custom_min_posts_per_week or 0)
        self.warn = QSpinBox()
        self.warn.setRange(0, 30)
        self.warn.setValue(current.warn_days)
        self.reply = QSpinBox()
        self.reply.setRange(1, 30)
        self.reply.setValue(current.reply_workdays)
        self.run_by = QComboBox()
        self.run_by.addItem(self.tr("本单位运营"), "unit")
        self.run_by.addItem(self.tr("本人运营"), "me")
        self.run_by.setCurrentIndex(max(0, self.run_by.findData(current.run_by)))
        self.menu_links = QPlainTextEdit("\n".join(current.menu_links))
        self.menu_links.setPlaceholderText(self.tr("公众号菜单中的链接，每行一个"))
        self.menu_links.setTabChangesFocus(True)
        self.menu_links.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("更新规则(&U)"), self.preset)
        form.addRow("", self.counts_reposts)
        form.addRow(self.tr("自定义：最长间隔天数(&G)"), self.gap)
        form.addRow(self.tr("自定义：每周至少条数(&W)"), self.weekly)
        form.addRow(self.tr("提前几天提醒(&D)"), self.warn)
        form.addRow(self.tr("留言回复期限（工作日）(&P)"), self.reply)
        form.addRow(self.tr("运营方(&O)"), self.run_by)
        form.addRow(self.tr("菜单链接(&L)"), self.menu_links)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self._preset_changed()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def _preset_changed(self) -> None:
        custom = self.preset.currentData() == CadencePreset.CUSTOM.value
        self.gap.setEnabled(custom)
        self.weekly.setEnabled(custom)

    def settings(self) -> OwnSettings:
        custom = self.preset.currentData() == CadencePreset.CUSTOM.value
        return OwnSettings(
            preset=self.preset.currentData(),
            counts_reposts=self.counts_reposts.isChecked(),
            custom_max_gap_days=(self.gap.value() or None) if custom else None,
            custom_min_posts_per_week=(self.weekly.value() or None) if custom else None,
            warn_days=self.warn.value(),
            reply_workdays=self.reply.value(),
            run_by=self.run_by.currentData(),
            menu_links=tuple(line.strip() for line in self.menu_links.toPlainText().splitlines()),
        )


class DutyDialog(QDialog):
    """ "When <superior> publishes <keywords>, repost on <my account> within N minutes"."""

    def __init__(
        self, sources: list[tuple[str, str]], own: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加转发职责"))
        self.superior = QComboBox()
        self.superior.setEditable(False)
        for source_id, name in sources:
            self.superior.addItem(name, source_id)
        self.own = QComboBox()
        for source_id, name in own:
            self.own.addItem(name, source_id)
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(self.tr("例如：森林防火、防汛（留空则只转发手动标记为重要的信息）"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 7 * 24 * 60)
        self.minutes.setValue(60)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("文件名称或文号（可选）"))
        form = QFormLayout()
        form.addRow(self.tr("上级账号(&S)"), self.superior)
        form.addRow(self.tr("转发到(&T)"), self.own)
        form.addRow(self.tr("关键词(&K)"), self.keywords)
        form.addRow(self.tr("时限(&M)"), self.minutes)
        form.addRow(self.tr("依据(&B)"), self.basis)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def keyword_list(self) -> list[str]:
        text = self.keywords.text()
        for separator in "、,，;；":
            text = text.replace(separator, " ")
        return [word for word in text.split() if word]


class MessageDialog(QDialog):
    """A public message that needs a reply (pasted or typed)."""

    def __init__(self, own: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记待回复留言"))
        self.account = QComboBox()
        for source_id, name in own:
            self.account.addItem(name, source_id)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText(self.tr("留言人昵称（可选）"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("粘贴留言内容"))
        self.text.setTabChangesFocus(True)
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        form = QFormLayout()
        form.addRow(self.tr("账号(&A)"), self.account)
        form.addRow(self.tr("留言人(&F)"), self.sender_edit)
        form.addRow(self.tr("内容(&C)"), self.text)
        form.addRow(self.tr("收到时间(&R)"), self.received)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
