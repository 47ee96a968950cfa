"""Remember which data folder the user chose in the first-run wizard.

The choice cannot live in the database (the database is inside the folder), so it is one
line of text in the per-user config folder. ``CADRE_DESK_CONFIG_DIR`` overrides that folder
(tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from cadre_desk import APP_AUTHOR, APP_NAME
from cadre_desk.domain.errors import DataDirError

POINTER_FILE = "data_dir.txt"


def config_dir() -> Path:
    override = os.environ.get("CADRE_DESK_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def remembered_data_dir() -> Path | None:
    """The folder chosen earlier, or None if the user never chose one."""
    try:
        text = (config_dir() / POINTER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def remember_data_dir(folder: Path) -> None:
    target = config_dir() / POINTER_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_text(str(folder.expanduser().resolve()) + "\n", encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        raise DataDirError(f"无法保存数据文件夹的位置：{target}（{exc.strerror or exc}）") from exc
