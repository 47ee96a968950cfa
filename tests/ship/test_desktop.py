"""Single instance, light/dark palette, start minimized, and --self-test as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.ui.desktop import show_main_window
from cadre_desk.ui.single_instance import SingleInstance, bring_to_front, server_name_for
from cadre_desk.ui.theme import app_icon, apply_color_scheme, is_dark
from tests.ship.conftest import ROOT

SECOND_LAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from cadre_desk.ui.single_instance import SingleInstance
app = QCoreApplication([])
print(SingleInstance(Path(sys.argv[1])).forward_to_running(["--from-second", "清河"]))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return env


@pytest.mark.slow  # a subprocess
@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen only; xcb raises
def test_second_launch_brings_the_first_to_the_front(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.listen() and first.is_listening()
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    first.activation_requested.connect(lambda _argv: bring_to_front(window))
    second = subprocess.Popen(
        [sys.executable, "-c", SECOND_LAUNCH, str(tmp_path / "profile")],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # a fresh interpreter importing Qt: seconds on a busy machine (only a hang takes 120 s)
        with qtbot.waitSignal(first.activation_requested, timeout=120_000) as activation:
            pass
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=120_000)
    finally:
        second.kill() if second.poll() is None else None
    assert activation.args == [["--from-second", "清河"]]
    assert second.stdout is not None and second.stdout.read().strip() == "True"
    assert window.isVisible() and not window.isMinimized()
    first.close()


def test_no_running_instance_means_start_normally(qapp: QApplication, tmp_path: Path) -> None:
    assert SingleInstance(tmp_path / "nobody").forward_to_running([], timeout_ms=300) is False


def test_stale_socket_after_a_crash_is_replaced(qapp: QApplication, tmp_path: Path) -> None:
    crashed = SingleInstance(tmp_path / "p")
    assert crashed.listen()
    again = SingleInstance(tmp_path / "p")
    assert again.listen()  # the old name is removed and taken over
    crashed.close()
    again.close()


def test_profiles_get_their_own_channel(tmp_path: Path) -> None:
    assert server_name_for(tmp_path / "a") != server_name_for(tmp_path / "b")
    assert server_name_for(tmp_path / "a") == server_name_for(tmp_path / "x" / ".." / "a")


def test_dark_scheme_applies_a_dark_palette_and_light_restores(qapp: QApplication) -> None:
    original_style = qapp.style().name()
    original = qapp.palette()
    try:
        if is_dark(qapp.palette()):
            pytest.skip("the platform palette is already dark")
        apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        assert is_dark(qapp.palette())
        apply_color_scheme(qapp, Qt.ColorScheme.Light)
        assert not is_dark(qapp.palette())
    finally:
        qapp.setStyle(original_style)
        qapp.setPalette(original)


def test_app_icon_renders(qapp: QApplication) -> None:
    pixmap = app_icon().pixmap(64, 64)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert image.pixelColor(32, 20).alpha() > 0


def test_start_minimized_without_a_tray_minimizes(qtbot, db: Database) -> None:
    settings = Settings(db)
    window = QMainWindow()
    qtbot.addWidget(window)
    assert show_main_window(window, settings) == "normal"
    assert window.isVisible()
    window.hide()
    settings.set("ui.start_minimized", True)
    assert show_main_window(window, settings) == "minimized"  # never invisible with no way back
    assert window.isMinimized()


@pytest.mark.slow  # a subprocess
def test_self_test_subprocess_passes(tmp_path: Path, compiled_translations: None) -> None:
    env = _env() | {"CADRE_DESK_CONFIG_DIR": str(tmp_path / "config"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "cadre_desk", "--self-test"],
        cwd=tmp_path,  # resources must not be found relative to the working directory
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("resources", "translations", "PDF font", "database and migrations", "main window"):
        assert f"ok   {check}" in result.stdout
    assert "self-test passed" in result.stdout
    assert not list(tmp_path.glob("**/cadre_desk.db"))  # nothing left behind, no real profile touched


def test_self_test_fails_when_translations_are_missing(tmp_path: Path, monkeypatch, capsys) -> None:
    import argparse

    from cadre_desk import self_test

    real = self_test.resource_path

    def without_translations(*parts: str) -> Path:  # only i18n/ is missing
        return tmp_path.joinpath(*parts) if parts[0] == "i18n" else real(*parts)

    monkeypatch.setattr(self_test, "resource_path", without_translations)
    monkeypatch.setattr("cadre_desk.ui.i18n.resource_path", without_translations)
    assert self_test.run_self_test(argparse.Namespace()) == 1
    lines = capsys.readouterr().out.splitlines()
    failed = [line for line in lines if line.startswith("FAIL ")]
    # The reason names the missing translation file; nothing else failed.
    assert len(failed) == 1 and failed[0].startswith("FAIL translations:"), lines
    assert "cadre_desk_en.qm" in failed[0]
    assert "ok   main window" in "\n".join(lines)
