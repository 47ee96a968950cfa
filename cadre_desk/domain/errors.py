"""Expected failures, each carrying a message for people and a next step.

The UI and the CLI show ``user_message`` and ``next_step``; nothing here is ever swallowed.
"""

from __future__ import annotations

from cadre_desk.domain.library_messages import in_chinese


class CadreError(Exception):
    """An expected failure with a clear message and what the user can do next."""

    next_step: str = ""

    def __init__(self, message: str, next_step: str | None = None) -> None:
        super().__init__(message)
        if next_step is not None:
            self.next_step = next_step

    @property
    def user_message(self) -> str:
        # Messages often embed a wrapped exception's English (“[Errno 2] No such file…”).
        return in_chinese(str(self.args[0])) if self.args else type(self).__name__


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


class FontMissingError(CadreError):
    """No CJK font that can be embedded in a PDF is installed."""

    next_step = (
        "请安装中文 TrueType 字体（Debian/Ubuntu：sudo apt-get install fonts-wqy-zenhei），"
        "或把 .ttf/.ttc 字体放到 resources/fonts/ 文件夹，或改为导出 XLSX。"
    )


class ExportTargetError(CadreError):
    """The export file cannot be written where the user asked (folder missing, no permission)."""

    next_step = "请换一个有写入权限的文件夹（例如“文档”或桌面）后重新导出；原文件没有被改动。"


class ExportTargetLockedError(ExportTargetError):
    """The export target exists and is held by another program (typically open in Excel/WPS)."""

    next_step = "请先在 Excel/WPS 等程序中关闭这个文件，或换一个文件名后重新导出；原文件没有被改动。"


class ReportPeriodError(CadreError):
    """A report period the user typed cannot be understood."""

    next_step = (
        "可用的写法：本周/本月/本季度/今年、2026-10（月）、2026-Q4（季度）、2026-W43（周）、"
        "2026（年）、2026-09-15..2026-10-14（自定义，含首尾两天）。"
    )


class UnknownSourceError(CadreError):
    """A source named by the user does not exist."""

    next_step = "请检查账号名称是否与“订阅源”中显示的一致（也可以使用账号 ID）。"
