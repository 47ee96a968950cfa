"""Expected failures, each carrying a message for people and a next step.

The UI and the CLI show ``user_message`` and ``next_step``; nothing here is ever swallowed.
"""

from __future__ import annotations


class CadreError(Exception):
    """An expected failure with a clear message and what the user can do next."""

    next_step: str = ""

    def __init__(self, message: str, next_step: str | None = None) -> None:
        super().__init__(message)
        if next_step is not None:
            self.next_step = next_step

    @property
    def user_message(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


class DataDirError(CadreError):
    """The data folder cannot be created or written."""

    next_step = "请选择一个可写的数据文件夹（--data-dir），或检查磁盘空间与权限。"


class DiskFullError(CadreError):
    next_step = "请释放磁盘空间后重试；已保存的数据没有丢失。"


class DatabaseLockedError(CadreError):
    """Another process (usually a second instance) holds the database."""

    next_step = "请关闭另一个正在运行的 cadre_desk 窗口后重试。"


class DatabaseNewerError(CadreError):
    """The database was written by a newer cadre_desk; it is left untouched."""

    next_step = "请升级 cadre_desk 到最新版本后再打开这个数据库；文件未被改动。"


class DatabaseCorruptError(CadreError):
    """The database file is damaged; a backup may be restored."""

    next_step = "可以从最近一次完好的备份恢复（cadre-desk doctor --restore-latest）。"

    def __init__(self, message: str, latest_backup: str | None = None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class ClockSkewError(CadreError):
    """A remote timestamp is too far ahead of this machine's clock."""

    next_step = "请检查本机或对方电脑的系统时间是否正确，校准后再同步。"
