"""从目录选择: tick common accounts from the built-in catalogue (the first-run wizard's page)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cadre_desk.domain.changes import ChangesWithCount
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.first_run import FirstRunPlan
from cadre_desk.services.sources import SourceServices
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.first_run import SourcesPage
from cadre_desk.ui.i18n import current_language
from cadre_desk.ui.service_text import service_text


class CatalogueDialog(QDialog):
    added = Signal(object)  # ChangesWithCount: how many sources were new, and what changed

    def __init__(
        self, services: SourceServices, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self.setWindowTitle(self.tr("从目录选择账号"))
        self.resize(820, 560)
        self.page = SourcesPage(FirstRunPlan(data_dir=Path(), language=current_language()))
        self.page.opml_box.hide()  # OPML has its own entry (文件 › 导入 OPML…)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.add_ticked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{self.page.title()}</b><br>{self.page.subTitle()}"))
        layout.addWidget(self.page, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def add_ticked(self) -> None:
        if not self.page.validatePage():
            return
        choices = self.page.model.choices()
        if not choices:
            self.message.setText(self.tr("请至少勾选一个账号。"))
            return
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if not isinstance(exc, CadreError):
                self._runner.report_error(exc)
                return
            self.message.setText(f"{service_text(exc.user_message)}\n{service_text(exc.next_step)}")

        def done(added: ChangesWithCount) -> None:
            self.added.emit(added)
            self.accept()

        sources = self._services.sources
        self._runner.run(lambda: sources.add_from_catalogue(choices), done, failed, write=True)
