"""First-run wizard (pytest-qt), the account catalogue and applying the plan."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTime
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import select

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import SourceKind
from cadre_desk.platform import autostart
from cadre_desk.platform.data_location import remember_data_dir
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.catalogue import (
    CATALOGUE,
    CatalogueChoice,
    InvalidFeedUrlError,
    add_catalogue_sources,
    entry,
)
from cadre_desk.services.first_run import (
    FirstRunPlan,
    FirstRunResult,
    apply_first_run,
    apply_first_run_settings,
)
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import build_source_services
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source
from cadre_desk.ui.catalogue_model import CatalogueModel, Column
from cadre_desk.ui.first_run import FirstRunWizard, first_run_needed


def apply_plan(db: Database, settings: Settings, tmp_path: Path, plan: FirstRunPlan) -> FirstRunResult:
    """What the launcher does: settings first, then the sources through the built services."""
    assert apply_first_run_settings(settings, plan) == Changes(settings=True)
    services = build_source_services(db, settings, SecretStore(tmp_path / "secrets.enc"))
    return apply_first_run(plan, services.sources, services.own_accounts)


def test_catalogue_model_passes_the_model_tester(qtbot) -> None:
    model = CatalogueModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_places("清河县", "城关镇")
    model.setData(model.index(0, Column.USE), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(1, Column.NAME), "清河融媒", Qt.ItemDataRole.EditRole)
    assert model.rowCount(QModelIndex()) == len(CATALOGUE)


def test_names_follow_places_until_edited() -> None:
    model = CatalogueModel()
    county_gov = [e.key for e in model.entries].index("county_gov")
    township = [e.key for e in model.entries].index("township_account")
    model.set_places("清河县", "城关镇")
    assert model.index(county_gov, Column.NAME).data() == "清河县人民政府"
    assert model.index(township, Column.NAME).data() == "城关镇发布"
    assert model.setData(model.index(county_gov, Column.NAME), "清河发布", Qt.ItemDataRole.EditRole)
    assert not model.setData(model.index(county_gov, Column.NAME), "  ", Qt.ItemDataRole.EditRole)
    model.set_places("临河县", "城关镇")
    assert model.index(county_gov, Column.NAME).data() == "清河发布"  # the user's edit is kept
    assert model.index(CATALOGUE.index(entry("county_media")), Column.NAME).data() == "临河县融媒体中心"


def test_wizard_collects_a_plan(qtbot, tmp_path: Path) -> None:
    wizard = FirstRunWizard(FirstRunPlan(data_dir=tmp_path / "default"))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage() is wizard.welcome
    wizard.next()
    wizard.folder.folder.setText(str(tmp_path / "我的数据"))
    wizard.next()
    assert wizard.currentPage() is wizard.sources
    assert (tmp_path / "我的数据").is_dir()  # validated by creating and probing it
    wizard.sources.county.setText("清河县")  # QTest cannot type CJK; an input method would
    wizard.sources.township.setText("城关镇")
    model = wizard.sources.model
    model.set_all_checked(False)
    rows = {e.key: row for row, e in enumerate(model.entries)}
    model.setData(
        model.index(rows["county_gov"], Column.USE),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    model.setData(
        model.index(rows["study_platform"], Column.USE),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    model.setData(
        model.index(rows["county_gov"], Column.FEED_URL),
        "http://127.0.0.1:1200/wechat/qinghe",
        Qt.ItemDataRole.EditRole,
    )
    wizard.next()
    assert wizard.currentPage() is wizard.hours
    wizard.hours.edits["work.hours_start"].setTime(QTime(8, 0))
    wizard.hours.autostart.setChecked(True)
    plan = wizard.plan()
    assert plan.data_dir == tmp_path / "我的数据"
    assert [(c.entry.key, c.name) for c in plan.choices] == [
        ("county_gov", "清河县人民政府"),
        ("study_platform", "学习强国"),
    ]
    assert plan.hours["work.hours_start"] == "08:00" and plan.hours["work.quiet_end"] == "08:00"
    assert plan.autostart and not plan.start_minimized
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_wizard_refuses_an_unwritable_folder(qtbot, tmp_path: Path, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    wizard = FirstRunWizard(FirstRunPlan(data_dir=tmp_path / "d"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.folder.folder.setText(str(blocker / "sub"))
    wizard.next()
    assert wizard.currentPage() is wizard.folder
    assert warnings and "无法写入数据文件夹" in warnings[0]
    wizard.folder.folder.setText("")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_wizard_refuses_a_bad_feed_url(qtbot, tmp_path: Path, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    wizard = FirstRunWizard(FirstRunPlan(data_dir=tmp_path / "d"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    model = wizard.sources.model
    model.setData(model.index(0, Column.FEED_URL), "weixin://not-a-feed", Qt.ItemDataRole.EditRole)
    wizard.next()
    assert wizard.currentPage() is wizard.sources
    assert warnings and "http://" in warnings[0]


def test_language_change_restarts_the_wizard(qtbot, tmp_path: Path) -> None:
    wizard = FirstRunWizard(FirstRunPlan(data_dir=tmp_path / "d"))
    qtbot.addWidget(wizard)
    wizard.show()
    with qtbot.waitSignal(wizard.finished, timeout=20_000) as finished:
        wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("en"))
    assert finished.args == [2]
    assert wizard.plan().language == "en"


def test_apply_first_run_creates_sources_and_settings(
    db: Database, isolated_desktop: Path, tmp_path: Path
) -> None:
    plan = FirstRunPlan(
        data_dir=Path("/unused"),
        language="en",
        choices=[
            CatalogueChoice(entry("county_gov"), "清河县人民政府", "https://127.0.0.1/feed.xml"),
            CatalogueChoice(entry("township_work_group"), "城关镇干部工作群"),
        ],
        hours={"work.hours_start": "08:00", "work.quiet_start": "21:00"},
        start_minimized=True,
        autostart=True,
    )
    settings = Settings(db)
    result = apply_plan(db, settings, tmp_path, plan)
    assert result.catalogue_sources == 2 and result.opml_sources == 0
    assert result.changes == Changes(sources=True)
    assert settings.get("ui.language") == "en"
    assert settings.get("work.hours_start") == "08:00"
    assert settings.get("work.quiet_start") == "21:00"
    assert settings.get("work.hours_end") == "17:30"
    assert settings.get("ui.start_minimized") is True
    assert autostart.is_enabled()
    with db.session() as session:
        rows = {s.name: s for s in session.scalars(select(Source))}
        assert rows["清河县人民政府"].kind == SourceKind.RSS
        assert rows["清河县人民政府"].url == "https://127.0.0.1/feed.xml"
        assert rows["清河县人民政府"].mandatory and rows["清河县人民政府"].level == "county"
        assert rows["城关镇干部工作群"].kind == SourceKind.MANUAL
        assert rows["城关镇干部工作群"].platform == "work_group"
    # a second run (wizard repeated, or on a second device) adds nothing twice
    again = apply_plan(db, settings, tmp_path, plan)
    assert again.catalogue_sources == 0 and not again.changes


def test_bad_feed_url_is_refused_before_anything_is_written(db: Database) -> None:
    with pytest.raises(InvalidFeedUrlError):
        add_catalogue_sources(
            db,
            [
                CatalogueChoice(entry("county_gov"), "清河县人民政府"),
                CatalogueChoice(entry("county_media"), "融媒", "ftp://x"),
            ],
        )
    with db.session() as session:
        assert session.scalars(select(Source)).first() is None


def test_first_run_needed_only_for_a_plain_first_launch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CADRE_DESK_DATA_DIR", raising=False)
    monkeypatch.setattr(
        "cadre_desk.platform.paths.platformdirs.user_data_dir", lambda *a: str(tmp_path / "fresh")
    )
    plain = argparse.Namespace(data_dir=None, demo=False)
    assert first_run_needed(plain)
    assert not first_run_needed(argparse.Namespace(data_dir=tmp_path, demo=False))
    assert not first_run_needed(argparse.Namespace(data_dir=None, demo=True))
    remember_data_dir(tmp_path / "chosen")
    assert not first_run_needed(plain)


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>订阅</title></head><body>
<outline text="县级">
  <outline type="rss" text="清河县人民政府" xmlUrl="http://127.0.0.1:1200/wechat/qinghe-gov"/>
  <outline type="rss" text="清河融媒" xmlUrl="http://127.0.0.1:1200/wechat/qinghe-media"/>
</outline>
</body></opml>
"""


def test_apply_first_run_imports_the_opml_file(db: Database, tmp_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(OPML, encoding="utf-8")
    plan = FirstRunPlan(data_dir=tmp_path, opml_path=opml)
    result = apply_plan(db, Settings(db), tmp_path, plan)
    assert result.opml_sources == 2 and result.changes == Changes(sources=True, folders=True)
    with db.session() as session:
        urls = set(session.scalars(select(Source.url)))
    assert "http://127.0.0.1:1200/wechat/qinghe-gov" in urls


def test_missing_opml_file_is_a_clear_error(db: Database, tmp_path: Path) -> None:
    from cadre_desk.domain.errors import CadreError

    plan = FirstRunPlan(data_dir=tmp_path, opml_path=tmp_path / "gone.opml")
    with pytest.raises(CadreError) as raised:
        apply_plan(db, Settings(db), tmp_path, plan)
    assert "无法读取 OPML 文件" in raised.value.user_message
