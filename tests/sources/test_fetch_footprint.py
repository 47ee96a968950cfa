"""The refresh path (``cadre-desk fetch``) imports only what fetching needs.

numpy, scipy and datasketch (the analysis), Qt and the report writers cost tens of megabytes
of resident memory in every refresh process; none of them is needed to fetch, parse and store.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("numpy", "scipy", "datasketch", "PySide6", "reportlab", "openpyxl", "xlsxwriter", "matplotlib")

_PROBE = """
import json, runpy, sys
sys.argv = ["cadre_desk", "--data-dir", sys.argv[1], "fetch", "--quiet"]
try:
    runpy.run_module("cadre_desk", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


@pytest.mark.slow
def test_fetch_imports_no_analysis_qt_or_report_libraries(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr[-2000:]
    assert "sqlalchemy" in report["modules"]  # the probe did run the command
    assert sorted(set(HEAVY) & set(report["modules"])) == []
