"""Start cadre_desk when the user logs in: an XDG autostart entry or the Windows Run key.

This is a property of the machine, not of the synced profile, so it is read from and
written to the OS directly instead of the settings table.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from cadre_desk.domain.errors import CadreError
from cadre_desk.platform.resources import is_frozen

ENTRY_NAME = "cadre-desk"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(CadreError):
    next_step = "请检查用户配置文件夹的写入权限；也可以在系统的“启动应用”设置中手动添加。"


def launch_command(data_dir: Path | None = None) -> list[str]:
    """How this installation is started: the frozen executable, or this interpreter."""
    command = [sys.executable] if is_frozen() else [sys.executable, "-m", "cadre_desk"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def xdg_autostart_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / f"{ENTRY_NAME}.desktop"


def _desktop_entry(command: list[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=cadre_desk",
            "Name[zh_CN]=基层减负工作台",
            "Comment=Start cadre_desk when you log in",
            "Comment[zh_CN]=登录时启动基层减负工作台",
            "Exec=" + " ".join(shlex.quote(part) for part in command),
            "Icon=cadre-desk",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def is_enabled() -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_value() is not None
    return xdg_autostart_file().exists()


def enable(data_dir: Path | None = None) -> None:
    command = launch_command(data_dir)
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import winreg

            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.SetValueEx(key, ENTRY_NAME, 0, winreg.REG_SZ, _windows_command_line(command))
            return
        target = xdg_autostart_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_text(_desktop_entry(command), encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        raise AutostartError(f"无法设置开机自动启动：{exc.strerror or exc}") from exc


def disable() -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import winreg

            if _windows_value() is not None:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                    winreg.DeleteValue(key, ENTRY_NAME)
            return
        xdg_autostart_file().unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"无法取消开机自动启动：{exc.strerror or exc}") from exc


def set_enabled(enabled: bool, data_dir: Path | None = None) -> None:
    if enabled:
        enable(data_dir)
    else:
        disable()


def _windows_command_line(command: list[str]) -> str:  # pragma: no cover - Windows only
    import subprocess

    return subprocess.list2cmdline(command)


def _windows_value() -> str | None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, ENTRY_NAME)
            return str(value)
    except OSError:
        return None
