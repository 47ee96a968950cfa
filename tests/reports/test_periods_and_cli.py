"""Period parsing and the ``cadre-desk report`` command."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.domain.errors import ReportPeriodError
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.reports.periods import parse_period
from cadre_desk.storage.database import open_database
from tests.reports.world import populate


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),  # ISO week 1 starts in the previous year
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-12-20..2027-01-10", date(2026, 12, 20), date(2027, 1, 10)),
        ("2026-12-20至2027-01-10", date(2026, 12, 20), date(2027, 1, 10)),
    ],
)
def test_parse_period(text: str, first: date, last: date) -> None:
    period = parse_period(text)
    assert (period.first, period.last) == (first, last)
    # Boundaries are China-time midnights.
    assert (
        period.start_ms
        == int(datetime(first.year, first.month, first.day, tzinfo=UTC).timestamp() * 1000) - 8 * 3600_000
    )


def test_relative_periods() -> None:
    today = date(2026, 1, 2)
    assert parse_period("本月", today).first == date(2026, 1, 1)
    assert parse_period("this-week", today).first == date(2025, 12, 29)
    assert parse_period("上月", today).first == date(2025, 12, 1)
    assert parse_period("本季度", today).last == date(2026, 3, 31)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-02-30..2026-03-01", "2026-10-05..2026-10-01", "明年", "2020..2030"]
)
def test_bad_periods_are_typed_errors(text: str) -> None:
    with pytest.raises(ReportPeriodError) as caught:
        parse_period(text)
    assert caught.value.next_step


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    paths = DataPaths(tmp_path / "profile").ensure()
    db = open_database(paths)
    populate(db, start=datetime(2026, 9, 30, 16, tzinfo=UTC), days=31, events=500, items=50, tasks=10)
    db.close()
    return paths.root


def test_cli_report_writes_each_format(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix, written in (("xlsx", "xlsx"), ("pdf", "pdf"), ("csv", "zip")):  # several tables: zipped CSVs
        target = tmp_path / f"十月.{suffix}"
        assert main(["--data-dir", str(profile), "report", "--period", "2026-10", "-o", str(target)]) == 0
        assert target.with_suffix(f".{written}").stat().st_size > 1000
        assert f"已导出 2026年10月 的报告：{target.with_suffix(f'.{written}')}" in capsys.readouterr().out
    target = tmp_path / "anon.txt"
    argv = [
        "--data-dir",
        str(profile),
        "report",
        "--period",
        "2026-10",
        "--format",
        "csv",
        "-o",
        str(target),
        "--anonymize",
        "--source",
        "学习强国",
        "--notes",
        "--no-detail",
    ]
    assert main(argv) == 0
    with zipfile.ZipFile(target) as archive:  # the name asked for, holding one CSV per table
        text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "账号01" in text and "学习强国" not in text and "期间内全部操作" not in text


def test_cli_report_errors(profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--data-dir", str(profile), "report", "--period", "2026-13", "-o", str(tmp_path / "a.csv")])
        == 2
    )
    assert "统计期间" in capsys.readouterr().err
    assert (
        main(["--data-dir", str(profile), "report", "--period", "2026-10", "-o", str(tmp_path / "a.doc")])
        == 2
    )
    assert "--format" in capsys.readouterr().err
    missing = tmp_path / "没有这个文件夹" / "a.csv"
    assert main(["--data-dir", str(profile), "report", "--period", "2026-10", "-o", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "保存位置不存在" in err and "下一步" in err
    assert (
        main(
            [
                "--data-dir",
                str(profile),
                "report",
                "--period",
                "2026-10",
                "--source",
                "不存在的号",
                "-o",
                str(tmp_path / "b.csv"),
            ]
        )
        == 2
    )
    assert "没有找到这些账号" in capsys.readouterr().err
