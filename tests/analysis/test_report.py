"""The consolidation report carries exactly the findings, in XLSX and in PDF, in Chinese."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.cli import main as cli_main
from cadre_desk.domain.enums import FindingKind
from cadre_desk.domain.errors import ExportTargetError
from cadre_desk.domain.labels import label
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis import actions
from cadre_desk.services.analysis.accounts import group_by_account
from cadre_desk.services.analysis.findings import list_findings, run_analysis
from cadre_desk.services.analysis.report import build_consolidation_report, export_consolidation_report
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from tests.analysis.conftest import NOW, make_item, make_source, random_text
from tests.poppler import pdf_fonts, pdf_text


def _world(db: Database, root: Path) -> Settings:
    county = make_source(db, "清河县融媒体中心", level="county", owner_unit="清河县委宣传部")
    town = make_source(db, "城关镇发布", level="township", owner_unit="城关镇人民政府")
    other = make_source(db, "城关镇政务", level="township", owner_unit="城关镇人民政府")
    forest = make_source(db, "县林业局公众号", level="county")
    hotline = make_source(db, "12345热线", level="city", category="livelihood")
    make_item(db, forest, "秋季护林", random_text(99), NOW - timedelta(days=40))
    make_item(db, hotline, "热线说明", random_text(98), NOW - timedelta(days=50))
    for n in range(6):
        text = random_text(n)
        make_item(db, county, f"县通知{n}", text, NOW - timedelta(days=n + 1))
        make_item(db, town, f"转发县通知{n}", "来源：县融媒\n" + text, NOW - timedelta(days=n + 1, hours=-2))
    make_item(db, other, "镇原创", random_text(50), NOW - timedelta(days=1))
    settings = Settings(db)
    settings.set("user.unit", "城关镇党政办")
    run_analysis(db, root, settings, now=NOW)
    actions.keep_source(db, hotline, "民生服务账号，群众办事需要")
    return settings


def test_xlsx_lists_each_account_once_with_every_reason(
    db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    settings = _world(db, data_paths.root)
    findings = list_findings(db)
    accounts = group_by_account(findings)
    town = next(g for g in accounts if g.source_name == "城关镇发布")
    # One account, four reasons (the 重复账号 + 内容重叠 + 转载为主 case, plus silence).
    assert set(town.kinds) >= {FindingKind.DUPLICATE_ACCOUNT, FindingKind.OVERLAP, FindingKind.REPOST}
    report = build_consolidation_report(db, settings, NOW)
    out = export_consolidation_report(report, tmp_path / "报告.xlsx")
    book = openpyxl.load_workbook(out)
    cells = [list(row) for row in book["减负建议"].iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(cells) if row[0] == "序号") + 1
    listed = [row for row in cells[start:] if row[0] is not None]
    assert [r[1] for r in listed] == [g.source_name for g in accounts]  # each account once
    row = next(r for r in listed if r[1] == "城关镇发布")
    assert row[4].split("、") == [label(k) for k in town.kinds]
    assert row[5].split("\n") == [f"{label(f.kind)}：{f.summary}" for f in town.reasons]
    assert row[6] == "合并：只关注「城关镇政务」"
    assert row[7] == pytest.approx(town.minutes_saved_per_month)
    everything = [
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    ]
    assert "民生服务账号，群众办事需要" in everything
    assert any("城关镇党政办" in c for c in everything)
    once = sum({f.source_id: f.minutes_saved_per_month for f in findings}.values())
    assert once < sum(f.minutes_saved_per_month for f in findings)  # the naive total differs
    plan = [list(row) for row in book["精简方案"].iter_rows(values_only=True)]
    total = next(row for row in plan if row[0] == "合计")
    assert total[4] == pytest.approx(once)
    summary = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any(f"全部采纳后每月约节省 {once:.0f} 分钟" in c for c in summary)


def test_pdf_embeds_a_cjk_font_and_lists_the_findings(
    db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    settings = _world(db, data_paths.root)
    findings = list_findings(db)
    out = export_consolidation_report(build_consolidation_report(db, settings, NOW), tmp_path / "report.pdf")
    fonts = pdf_fonts(out)
    assert "WenQuanYi" in fonts and " yes yes yes " in fonts
    text = pdf_text(out)
    compact = "".join(text.split())
    assert "关注账号精简报告" in compact
    for g in group_by_account(findings):
        assert g.source_name in compact
        assert f"{g.minutes_saved_per_month:.1f}" in compact
        for line in g.evidence_lines():  # each reason on its own line (the cell wraps the rest)
            assert "".join(line.split())[:8] in compact
    assert "民生服务账号，群众办事需要" in compact


def test_bad_target_is_a_clear_error_and_leaves_no_file(
    db: Database, tmp_path: Path, data_paths: DataPaths
) -> None:
    settings = _world(db, data_paths.root)
    report = build_consolidation_report(db, settings, NOW)
    with pytest.raises(ExportTargetError) as caught:
        export_consolidation_report(report, tmp_path / "missing" / "r.xlsx")
    assert caught.value.next_step
    existing = tmp_path / "old.xlsx"
    existing.write_bytes(b"previous")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(ExportTargetError):
        export_consolidation_report(report, tmp_path / "dir.pdf")
    assert existing.read_bytes() == b"previous"
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_cli_analyze_findings_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cadre_desk.app import build_context

    data = tmp_path / "profile"
    ctx = build_context(data)
    try:
        source = make_source(ctx.db, "县林业局公众号")
        make_item(ctx.db, source, "秋季护林", random_text(1), NOW - timedelta(days=40))
    finally:
        ctx.close()
    assert cli_main(["--data-dir", str(data), "analyze", "--now", NOW.isoformat()]) == 0
    assert "减负建议：新增 1" in capsys.readouterr().out
    assert cli_main(["--data-dir", str(data), "findings"]) == 0
    out = capsys.readouterr().out
    assert "县林业局公众号" in out and "僵尸账号" in out
    assert cli_main(["--data-dir", str(data), "consolidation-report", "-o", str(tmp_path / "r.xlsx")]) == 0
    assert (tmp_path / "r.xlsx").stat().st_size > 0
    assert cli_main(["--data-dir", str(data), "consolidation-report", "-o", str(tmp_path / "r.doc")]) == 2
    assert "不支持的报告格式" in capsys.readouterr().err
