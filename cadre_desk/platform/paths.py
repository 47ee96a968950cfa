"""Where cadre_desk keeps the user's data."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import platformdirs

from cadre_desk import APP_AUTHOR, APP_NAME
from cadre_desk.domain.errors import DataDirError, DiskFullError
from cadre_desk.platform.data_location import remembered_data_dir  # chosen in the first-run wizard

DATABASE_FILE = "cadre_desk.db"


def default_data_dir() -> Path:
    override = os.environ.get("CADRE_DESK_DATA_DIR")
    if override:
        return Path(override)
    return remembered_data_dir() or Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def demo_data_dir() -> Path:
    """The demo profile: a separate folder, so sample data never mixes with the user's own."""
    override = os.environ.get("CADRE_DESK_DEMO_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "demo"


class DataPaths:
    """Every file location inside one data folder (a profile)."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().resolve()

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def crash_reports(self) -> Path:
        return self.root / "crash-reports"

    @property
    def lock_file(self) -> Path:
        return self.root / "cadre_desk.lock"

    def ensure(self) -> DataPaths:
        """Create the folders and prove the root is writable, or raise ``DataDirError``."""
        try:
            for folder in (self.root, self.backups, self.attachments, self.logs, self.crash_reports):
                folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-", delete=True) as probe:
                probe.write(b"ok")
                probe.flush()
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(f"数据文件夹所在磁盘已满：{self.root}") from exc
            raise DataDirError(f"无法写入数据文件夹：{self.root}（{exc.strerror or exc}）") from exc
        return self
