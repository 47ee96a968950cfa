"""Finding a CJK font with TrueType outlines, which PDF export must embed.

reportlab embeds only TrueType-outline fonts (a ``glyf`` table). The Noto CJK fonts Debian
ships are CFF-based OTF/TTC, which reportlab refuses, so we look for a TrueType CJK font in
this order: an explicit override (``CADRE_DESK_CJK_FONT``), a copy bundled with the app under
``resources/fonts/`` (the frozen Windows build ships one), then the usual system locations
(Debian ``fonts-wqy-zenhei``/``fonts-wqy-microhei``/``fonts-droid-fallback``, Windows SimHei,
SimSun and YaHei, macOS STHeiti).
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from cadre_desk.domain.errors import FontMissingError
from cadre_desk.platform.resources import resource_path

ENV_OVERRIDE = "CADRE_DESK_CJK_FONT"

# (path, index of the face inside a .ttc collection)
SYSTEM_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont_index: int = 0


def bundled_font_dirs() -> list[Path]:
    """Where a font shipped with the app may live: the frozen bundle, the installed package
    data, or the ``resources/`` folder of a source checkout."""
    dirs: list[Path] = [resource_path("fonts")]  # the bundle's own layout (platform.resources)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        dirs.append(Path(frozen_root) / "resources" / "fonts")
    package_root = Path(__file__).resolve().parent.parent
    dirs.append(package_root / "resources" / "fonts")  # installed: cadre_desk/resources/fonts
    dirs.append(package_root.parent / "resources" / "fonts")  # source checkout
    return dirs


def has_truetype_outlines(path: Path, subfont_index: int = 0) -> bool:
    """True when the face has a ``glyf`` table (TrueType outlines), which reportlab can embed."""
    try:
        with path.open("rb") as handle:
            header = handle.read(12)
            offset = 0
            if header[:4] == b"ttcf":
                count = struct.unpack(">I", header[8:12])[0]
                if subfont_index >= count:
                    return False
                handle.seek(12 + 4 * subfont_index)
                offset = struct.unpack(">I", handle.read(4))[0]
                handle.seek(offset)
                header = handle.read(12)
            if header[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False  # "OTTO" = CFF outlines
            num_tables = struct.unpack(">H", header[4:6])[0]
            directory = handle.read(16 * num_tables)
    except OSError:
        return False
    tags = {directory[i : i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags


def _candidates() -> list[FontFile]:
    found: list[FontFile] = []
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        path_text, _, index = override.partition("#")
        found.append(FontFile(Path(path_text), int(index or 0)))
    for folder in bundled_font_dirs():
        if folder.is_dir():
            found.extend(
                FontFile(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in (".ttf", ".ttc")
            )
    found.extend(FontFile(Path(path), index) for path, index in SYSTEM_CANDIDATES)
    return found


def find_cjk_truetype_font() -> FontFile:
    """The first usable CJK TrueType font, or ``FontMissingError`` with how to install one."""
    for candidate in _candidates():
        if candidate.path.is_file() and has_truetype_outlines(candidate.path, candidate.subfont_index):
            return candidate
    raise FontMissingError("没有找到可嵌入 PDF 的中文字体（需要 TrueType 轮廓的字体，例如文泉驿正黑）。")
