"""``cadre-desk own``: the same cells as the page, drafts, reports, marking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own import rows
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.storage.database import open_database
from tests.own.helpers import make_source, post


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    root = tmp_path / "profile"
    db = open_database(DataPaths(root).ensure())
    try:
        source = make_source(db, "柳林镇人民政府", created_at=datetime.now(UTC) - timedelta(days=100))
        post(IngestService(db), source, "镇里布署防讯工作", datetime.now(UTC) - timedelta(days=3))
    finally:
        db.close()
    return root


@pytest.mark.slow
def test_mark_list_check_and_report(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(profile), "own", "list"]) == 0
    assert "下一步：cadre-desk own mark" in capsys.readouterr().out
    assert (
        main(["--data-dir", str(profile), "own", "mark", "柳林镇人民政府", "--preset", "county_10_days"]) == 0
    )
    assert "县级要求：每 10 天更新" in capsys.readouterr().out
    assert main(["--data-dir", str(profile), "own", "list"]) == 0
    listed = capsys.readouterr().out
    db = open_database(DataPaths(profile))
    try:
        [standing] = OwnDesk(db).accounts.cadence()
    finally:
        db.close()
    assert " | ".join(rows.cadence_cells(standing, "zh_CN")) in listed  # what the page shows
    assert main(["--data-dir", str(profile), "own", "list", "--lang", "en"]) == 0
    assert "County rule: update every 10 days" in capsys.readouterr().out
    assert main(["--data-dir", str(profile), "own", "check"]) == 0
    checked = capsys.readouterr().out
    assert "【错敏字】" in checked and "【布署】" in checked and "防汛" in checked
    target = profile / "自查.xlsx"
    assert main(["--data-dir", str(profile), "own", "report", "--period", "本月", "-o", str(target)]) == 0
    assert target.exists() and "自查报告" in capsys.readouterr().out
    assert main(["--data-dir", str(profile), "own", "unmark", "柳林镇人民政府"]) == 0


@pytest.mark.slow
def test_draft_check_and_bad_input(profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("第一行\n我镇认真布署，牢记使命、不忘初心。", encoding="utf-8")
    assert main(["--data-dir", str(profile), "own", "check", "--draft", str(draft)]) == 1
    out = capsys.readouterr().out
    assert "第 2 行第 5 字" in out and "不忘初心、牢记使命" in out
    clean = tmp_path / "clean.txt"
    clean.write_text("我镇认真部署冬季防火工作。", encoding="gb18030")
    assert main(["--data-dir", str(profile), "own", "check", "--draft", str(clean)]) == 0
    assert "未发现错敏字" in capsys.readouterr().out
    assert main(["--data-dir", str(profile), "own", "report", "-o", str(tmp_path / "x.doc")]) == 2
    err = capsys.readouterr().err
    assert "下一步" in err and "Traceback" not in err
    assert main(["--data-dir", str(profile), "own", "mark", "没有这个号"]) == 2
    assert "没有找到" in capsys.readouterr().err
