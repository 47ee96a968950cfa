"""Common English messages of Python and its libraries, in plain Chinese.

Error messages embed the text of the exception they wrap (“无法读取文件：[Errno 2] No such file or
directory”). A cadre should not have to read that English: ``in_chinese`` rewrites the common
phrases of the OS, lxml, ``datetime``, ``int()``, sockets and SQLite, and leaves the rest.
"""

from __future__ import annotations

import re

_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\[(?:Errno|WinError) -?\d+\]\s*", ""),
    (r",? \(<string>, line \d+\)", ""),  # lxml repeats the position
    (r"No such file or directory", "文件或文件夹不存在"),
    (r"The system cannot find the (?:file|path) specified\.?", "文件或文件夹不存在"),
    (r"Permission denied", "没有访问权限"),
    (r"Is a directory", "这是文件夹而不是文件"),
    (r"Not a directory", "路径中有一段不是文件夹"),
    (r"File exists", "文件已存在"),
    (r"No space left on device", "磁盘空间不足"),
    (r"Read-only file system", "磁盘是只读的"),
    (r"Directory not empty", "文件夹不是空的"),
    (r"Document is empty", "文件是空的"),
    (r"Premature end of data in tag (\S+)", r"文件在 <\1> 处提前结束（文件可能不完整）"),
    (r"EndTag: '</' not found", "缺少结束标签（文件可能不完整）"),
    (r"Extra content at the end of the document", "文档末尾有多余的内容"),
    (r"Start tag expected, '<' not found", "不是 XML 格式（找不到开始标签）"),
    (r"Opening and ending tag mismatch: (\S+) line \d+ and (\S+)", r"开始标签 <\1> 与结束标签 </\2> 不匹配"),
    (r"Couldn't find end of Start Tag (\S+)", r"标签 <\1> 没有写完整"),
    (r",? (?:line|Line) (\d+), column (\d+)", r"（第 \1 行第 \2 列）"),
    (r"month must be in 1\.\.12", "月份须在 1 到 12 之间"),
    (r"day is out of range for month", "这个月没有这一天"),
    (r"year (-?\d+) is out of range", r"年份 \1 超出范围"),
    (r"hour must be in 0\.\.23", "小时须在 0 到 23 之间"),
    (r"minute must be in 0\.\.59", "分钟须在 0 到 59 之间"),
    (r"Invalid week: (\d+)", r"这一年没有第 \1 周"),
    (r"Invalid isoformat string: '([^']*)'", r"“\1”不是有效的日期时间"),
    (r"invalid literal for int\(\) with base 10: '([^']*)'", r"“\1”不是整数"),
    (r"could not convert string to float: '([^']*)'", r"“\1”不是数字"),
    (r"Connection refused", "连接被拒绝（对方没有在这个端口提供服务）"),
    (r"Connection reset by peer", "连接被对方断开"),
    (r"Network is unreachable", "网络不通"),
    (r"No route to host", "网络不通（找不到通往对方的路由）"),
    (
        r"Name or service not known|nodename nor servname provided, or not known|"
        r"Temporary failure in name resolution|getaddrinfo failed",
        "找不到服务器（域名无法解析）",
    ),
    (r"(?:The read operation |Connection )?timed out", "连接超时"),
    (r"certificate verify failed", "证书校验失败"),
    (r"database is locked", "数据库正被其他程序占用"),
    (r"Expecting value", "内容不是有效的 JSON"),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in _PHRASES)


def in_chinese(text: str) -> str:
    """``text`` with the common library phrases replaced by plain Chinese."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text
