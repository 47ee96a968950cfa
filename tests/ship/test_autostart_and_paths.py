"""Autostart entries, the remembered data folder, and resource lookup in every layout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cadre_desk.platform import autostart, resources
from cadre_desk.platform.data_location import remember_data_dir, remembered_data_dir
from cadre_desk.platform.paths import default_data_dir


def test_autostart_enable_disable_round_trip(isolated_desktop: Path) -> None:
    assert not autostart.is_enabled()
    autostart.enable()
    entry = isolated_desktop / "autostart" / "cadre-desk.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "Type=Application" in text
    assert f"Exec={sys.executable} -m cadre_desk" in text
    assert autostart.is_enabled()
    autostart.disable()
    assert not entry.exists() and not autostart.is_enabled()
    autostart.disable()  # idempotent


def test_autostart_unwritable_config_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(autostart.AutostartError) as raised:
        autostart.enable()
    assert "无法设置开机自动启动" in raised.value.user_message


def test_frozen_launch_command_is_the_executable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert autostart.launch_command() == [sys.executable]
    assert autostart.launch_command(tmp_path) == [sys.executable, "--data-dir", str(tmp_path)]


def test_remembered_data_dir_wins_over_the_platform_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CADRE_DESK_DATA_DIR", raising=False)
    assert remembered_data_dir() is None
    remember_data_dir(tmp_path / "我的数据")
    assert remembered_data_dir() == (tmp_path / "我的数据").resolve()
    assert default_data_dir() == (tmp_path / "我的数据").resolve()
    monkeypatch.setenv("CADRE_DESK_DATA_DIR", str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"


def test_resources_from_a_source_checkout() -> None:
    resources.resource_root.cache_clear()
    assert resources.resource_path("icons", "cadre_desk.svg").is_file()
    assert resources.resource_root().name == "resources"


def test_resources_when_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cadre_desk" / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resource_root.cache_clear()
    try:
        assert (
            resources.resource_path("icons", "x.png")
            == tmp_path / "cadre_desk" / "resources" / "icons" / "x.png"
        )
    finally:
        monkeypatch.undo()
        resources.resource_root.cache_clear()


def test_resources_from_a_wheel_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-editable install: the package in site-packages, resources under <prefix>/share."""
    from types import SimpleNamespace

    site = tmp_path / "lib" / "site-packages" / "cadre_desk"
    site.mkdir(parents=True)
    shared = tmp_path / "share" / "cadre_desk" / "resources"
    (shared / "i18n").mkdir(parents=True)
    monkeypatch.setattr(resources, "cadre_desk", SimpleNamespace(__file__=str(site / "__init__.py")))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    resources.resource_root.cache_clear()
    try:
        assert resources.resource_path("i18n", "cadre_desk_en.qm") == shared / "i18n" / "cadre_desk_en.qm"
    finally:
        monkeypatch.undo()
        resources.resource_root.cache_clear()
