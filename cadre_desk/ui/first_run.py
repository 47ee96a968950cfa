"""The first-run wizard: language, data folder, sources, working hours, desktop options.

It runs before any profile is opened (the data folder is one of its questions) and returns
a ``services.first_run.FirstRunPlan``; the launcher opens the chosen profile and applies it.

Launcher usage::

    if first_run_needed(args):
        plan = run_first_run_wizard(app)
        if plan is None:
            return 0                    # the user cancelled: nothing was created
        data_dir = plan.data_dir
    ctx = open_profile(data_dir)
    if plan is not None:
        apply_first_run_settings(ctx.settings, plan)
    services = build_services(ctx)
    if plan is not None:
        apply_first_run(plan, services.sources.sources, services.sources.own_accounts)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cadre_desk.domain.errors import CadreError
from cadre_desk.platform.data_location import remember_data_dir, remembered_data_dir
from cadre_desk.platform.paths import DataPaths, default_data_dir
from cadre_desk.services.first_run import HOUR_KEYS, FirstRunPlan
from cadre_desk.services.settings import spec
from cadre_desk.ui.catalogue_model import CatalogueModel, Column
from cadre_desk.ui.i18n import LANGUAGES, install_translator
from cadre_desk.ui.theme import app_icon

RESTART_FOR_LANGUAGE = 2  # QDialog result: rebuild the wizard in the newly chosen language


def first_run_needed(args: argparse.Namespace) -> bool:
    """A plain launch on a machine where no profile was ever chosen or created."""
    if getattr(args, "data_dir", None) is not None or getattr(args, "demo", False):
        return False
    if os.environ.get("CADRE_DESK_DATA_DIR") or remembered_data_dir() is not None:
        return False
    return not DataPaths(default_data_dir()).database.exists()


def without_mnemonic(text: str) -> str:
    """ "上班时间(&S)" -> "上班时间": accessible names are read aloud without the shortcut."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").strip()


def _time_edit(value: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(value, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    return edit


class WelcomePage(QWizardPage):
    def __init__(self, plan: FirstRunPlan) -> None:
        super().__init__()
        self.setTitle(self.tr("欢迎使用 cadre_desk"))
        self.setSubTitle(self.tr("几步完成设置：选择数据文件夹，添加要关注的账号，设定工作时间。"))
        intro = QLabel(
            self.tr(
                "cadre_desk 把各级政务公众号、学习平台、门户通知和工作群汇集到一个收件箱，"
                "记录转发、打卡、填报等留痕工作的用时，并找出可以精简的订阅。所有数据只保存在这台电脑上。"
            )
        )
        intro.setWordWrap(True)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(plan.language), 0))
        self.language.setAccessibleName(self.tr("界面语言"))
        self.language.setMinimumWidth(220)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("界面语言(&L)"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)


class DataFolderPage(QWizardPage):
    def __init__(self, plan: FirstRunPlan) -> None:
        super().__init__()
        self.setTitle(self.tr("数据文件夹"))
        self.setSubTitle(self.tr("数据库、附件、备份和日志都保存在这里。卸载程序不会删除它。"))
        self.folder = QLineEdit(str(plan.data_dir))
        self.folder.setAccessibleName(self.tr("数据文件夹"))
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.setAccessibleName(self.tr("选择数据文件夹"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        note = QLabel(
            self.tr("建议放在有定期备份的磁盘上。如果文件夹里已有 cadre_desk 的数据，将直接使用，不会覆盖。")
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("文件夹(&F)："))
        label.setBuddy(self.folder)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(1)
        self.folder.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return bool(self.folder.text().strip())

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择数据文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def validatePage(self) -> bool:
        try:
            DataPaths(Path(self.folder.text().strip())).ensure()
        except CadreError as exc:
            QMessageBox.warning(self, self.tr("无法使用这个文件夹"), f"{exc.user_message}\n{exc.next_step}")
            return False
        return True


class SourcesPage(QWizardPage):
    def __init__(self, plan: FirstRunPlan) -> None:
        super().__init__()
        self.setTitle(self.tr("添加要关注的账号"))
        self.setSubTitle(self.tr("勾选您需要关注的账号类型，名称可以直接修改；以后也可以在“订阅源”里增删。"))
        self.county = QLineEdit()
        self.county.setPlaceholderText(self.tr("例如：清河县"))
        self.county.setAccessibleName(self.tr("所在县（区）"))
        self.township = QLineEdit()
        self.township.setPlaceholderText(self.tr("例如：城关镇"))
        self.township.setAccessibleName(self.tr("所在乡镇（街道）"))
        places = QHBoxLayout()
        for caption, edit in (
            (self.tr("县（区）(&C)："), self.county),
            (self.tr("乡镇（街道）(&T)："), self.township),
        ):
            label = QLabel(caption)
            label.setBuddy(edit)
            places.addWidget(label)
            places.addWidget(edit, 1)

        self.model = CatalogueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("常见账号目录"))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.FEED_URL, QHeaderView.ResizeMode.Stretch)
        self.county.textChanged.connect(self._places_changed)
        self.township.textChanged.connect(self._places_changed)

        select_all = QPushButton(self.tr("全选(&A)"))
        select_all.clicked.connect(lambda: self.model.set_all_checked(True))
        select_none = QPushButton(self.tr("全不选(&N)"))
        select_none.clicked.connect(lambda: self.model.set_all_checked(False))
        buttons = QHBoxLayout()
        buttons.addWidget(select_all)
        buttons.addWidget(select_none)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(places)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.opml_box = QGroupBox(self.tr("从 OPML 文件导入（可选）"))
        self.opml_path = QLineEdit()
        self.opml_path.setPlaceholderText(self.tr("其他阅读器导出的 .opml 订阅列表"))
        self.opml_path.setAccessibleName(self.tr("OPML 文件"))
        pick = QPushButton(self.tr("选择文件(&O)…"))
        pick.clicked.connect(self._pick_opml)
        opml_row = QHBoxLayout(self.opml_box)
        opml_row.addWidget(self.opml_path, 1)
        opml_row.addWidget(pick)
        layout.addWidget(self.opml_box)
        self.run_accounts = QLineEdit(", ".join(plan.run_accounts))
        self.run_accounts.setPlaceholderText(
            self.tr("例如：柳林镇人民政府、柳林镇便民服务（多个用顿号分隔，可留空）")
        )
        self.run_accounts.setAccessibleName(self.tr("本单位运营的账号"))
        run_label = QLabel(self.tr("我或本单位运营的账号(&U)："))
        run_label.setBuddy(self.run_accounts)
        run_row = QHBoxLayout()
        run_row.addWidget(run_label)
        run_row.addWidget(self.run_accounts, 1)
        layout.addLayout(run_row)
        if plan.opml_path is not None:
            self.opml_path.setText(str(plan.opml_path))

    def _places_changed(self) -> None:
        self.model.set_places(self.county.text(), self.township.text())

    def _pick_opml(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择 OPML 文件"), "", self.tr("OPML 订阅列表 (*.opml *.xml)")
        )
        if chosen:
            self.opml_path.setText(chosen)

    def validatePage(self) -> bool:
        text = self.opml_path.text().strip()
        if text and not Path(text).is_file():
            QMessageBox.warning(
                self, self.tr("找不到文件"), self.tr("OPML 文件不存在：{path}").format(path=text)
            )
            return False
        for choice in self.model.choices():
            url = choice.feed_url
            if url and not url.lower().startswith(("http://", "https://")):
                QMessageBox.warning(
                    self,
                    self.tr("订阅地址无效"),
                    self.tr("“{name}”的订阅地址应以 http:// 或 https:// 开头，或者留空。").format(
                        name=choice.name
                    ),
                )
                return False
        return True


class HoursPage(QWizardPage):
    def __init__(self, plan: FirstRunPlan) -> None:
        super().__init__()
        self.setTitle(self.tr("工作时间与免打扰"))
        self.setSubTitle(self.tr("提醒只在工作时间弹出；免打扰时段内不打扰您休息。"))
        self.edits: dict[str, QTimeEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        captions = {
            "work.hours_start": self.tr("上班时间(&S)"),
            "work.hours_end": self.tr("下班时间(&E)"),
            "work.quiet_start": self.tr("免打扰开始(&Q)"),
            "work.quiet_end": self.tr("免打扰结束(&U)"),
        }
        for key in HOUR_KEYS:
            edit = _time_edit(plan.hours.get(key, str(spec(key).default)))
            edit.setAccessibleName(without_mnemonic(captions[key]))
            self.edits[key] = edit
            form.addRow(captions[key], edit)
        self.start_minimized = QCheckBox(self.tr("启动时最小化到托盘(&M)"))
        self.start_minimized.setChecked(plan.start_minimized)
        self.autostart = QCheckBox(self.tr("登录系统后自动启动(&L)"))
        self.autostart.setChecked(plan.autostart)
        desktop = QGroupBox(self.tr("桌面"))
        desktop_layout = QVBoxLayout(desktop)
        desktop_layout.addWidget(self.start_minimized)
        desktop_layout.addWidget(self.autostart)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(desktop)
        layout.addStretch(1)


class FirstRunWizard(QWizard):
    def __init__(self, plan: FirstRunPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.setWindowTitle(self.tr("cadre_desk 首次使用设置"))
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(48, 48))
        self.welcome = WelcomePage(plan)
        self.folder = DataFolderPage(plan)
        self.sources = SourcesPage(plan)
        self.hours = HoursPage(plan)
        for page in (self.welcome, self.folder, self.sources, self.hours):
            self.addPage(page)
        self.resize(860, 620)
        self.welcome.language.currentIndexChanged.connect(self._language_changed)

    def _language_changed(self) -> None:
        self.done(RESTART_FOR_LANGUAGE)  # rebuilt by run_first_run_wizard in the new language

    def plan(self) -> FirstRunPlan:
        opml = self.sources.opml_path.text().strip()
        return dataclasses.replace(
            self._plan,
            data_dir=Path(self.folder.folder.text().strip()).expanduser(),
            language=str(self.welcome.language.currentData()),
            choices=self.sources.model.choices(),
            opml_path=Path(opml) if opml else None,
            hours={key: edit.time().toString("HH:mm") for key, edit in self.hours.edits.items()},
            start_minimized=self.hours.start_minimized.isChecked(),
            autostart=self.hours.autostart.isChecked(),
            run_accounts=[
                name.strip()
                for name in self.sources.run_accounts.text().replace("、", ",").replace("，", ",").split(",")
                if name.strip()
            ],
        )


def run_first_run_wizard(app: QApplication, language: str = "zh_CN") -> FirstRunPlan | None:
    """Show the wizard; the chosen data folder is remembered. None if the user cancelled."""
    plan = FirstRunPlan(data_dir=default_data_dir(), language=language)
    while True:
        install_translator(app, plan.language)
        wizard = FirstRunWizard(plan)
        result = wizard.exec()
        if result == RESTART_FOR_LANGUAGE:
            plan = wizard.plan()
            continue
        if result != QDialog.DialogCode.Accepted.value:
            return None
        plan = wizard.plan()
        remember_data_dir(plan.data_dir)
        return plan
