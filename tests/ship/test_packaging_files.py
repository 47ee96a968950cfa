"""The packaging inputs are valid: desktop entry, AppStream, Debian scripts, spec, Inno Setup."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.ship.conftest import ROOT

PACKAGING = ROOT / "packaging"


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "cadre-desk.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].startswith("cadre-desk")
    assert section["Icon"] == "cadre-desk"
    assert section["Name[zh_CN]"] == "基层减负工作台"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(PACKAGING / "linux" / "cadre-desk.desktop")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_appstream_metainfo() -> None:
    path = PACKAGING / "linux" / "cadre-desk.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("launchable") == "cadre-desk.desktop"
    assert root.findtext("project_license") == "MIT"
    if shutil.which("appstreamcli"):
        result = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", ["postinst", "postrm"])
def test_maintainer_scripts_never_delete_user_data(script: str) -> None:
    text = (PACKAGING / "linux" / script).read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh")
    assert (PACKAGING / "linux" / script).stat().st_mode & 0o111
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "rm " not in code and "HOME" not in code and ".local" not in code
    result = subprocess.run(["sh", "-n", str(PACKAGING / "linux" / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_control_template_has_the_fields_dpkg_needs() -> None:
    fields = dict(
        line.split(": ", 1)
        for line in (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8").splitlines()
        if ": " in line and not line.startswith(" ")
    )
    for key in ("Package", "Version", "Architecture", "Maintainer", "Depends", "Description"):
        assert key in fields
    assert fields["Package"] == "cadre-desk"
    assert "libxcb-cursor0" in fields["Depends"]


def test_spec_and_scripts_parse() -> None:
    compile((PACKAGING / "cadre_desk.spec").read_text(encoding="utf-8"), "cadre_desk.spec", "exec")
    for script in ("build_linux.sh",):
        result = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_inno_setup_keeps_user_data_and_matches_the_app() -> None:
    iss = (PACKAGING / "windows" / "cadre_desk.iss").read_text(encoding="utf-8")
    assert "[UninstallDelete]" not in iss  # never removes the data folder
    assert r"Software\Microsoft\Windows\CurrentVersion\Run" in iss
    assert 'ValueName: "cadre-desk"' in iss  # the same value cadre_desk.platform.autostart writes
    from cadre_desk.platform import autostart

    assert autostart.ENTRY_NAME == "cadre-desk" and autostart.RUN_KEY in iss
    assert "PrivilegesRequired=lowest" in iss


@pytest.mark.slow  # a subprocess
def test_icons_render_to_every_hicolor_size(tmp_path) -> None:
    import sys

    result = subprocess.run(
        [sys.executable, str(PACKAGING / "render_icons.py"), str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "cadre-desk.png"))
        assert image.width() == size and image.height() == size
    assert (tmp_path / "cadre-desk.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
