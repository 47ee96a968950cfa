"""Look native: the app icon, HiDPI scaling, and the system's light or dark colour scheme."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from cadre_desk.platform.resources import resource_path

log = logging.getLogger(__name__)

_DARK_APPLIED = "_cadre_dark_palette"


def configure_high_dpi() -> None:
    """Call before the QApplication exists: fractional scales (125 %, 150 %) stay exact.

    Qt 6 scales by the screen's device pixel ratio on its own; rounding it would make text
    blurry or too small on the 1.25× laptops common in offices.
    """
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource_path("icons", "hicolor", f"{size}x{size}", "cadre-desk.png")
        if png.exists():
            icon.addFile(str(png))
    svg = resource_path("icons", "cadre_desk.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(0x2B, 0x2B, 0x2E), QColor(0x1F, 0x1F, 0x22), QColor(0xE8, 0xE8, 0xEA)
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor(0x35, 0x35, 0x39)),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(0xFF, 0x6B, 0x6B)),
        (QPalette.ColorRole.Link, QColor(0x7A, 0xB7, 0xFF)),
        (QPalette.ColorRole.Highlight, QColor(0xC6, 0x3A, 0x32)),
        (QPalette.ColorRole.HighlightedText, QColor(0xFF, 0xFF, 0xFF)),
        (QPalette.ColorRole.PlaceholderText, QColor(0x9A, 0x9A, 0xA0)),
        (QPalette.ColorRole.Mid, QColor(0x45, 0x45, 0x4A)),
    ):
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(0x80, 0x80, 0x86))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Follow the system scheme where the platform style does not do it by itself.

    Native styles that follow dark mode (GNOME/KDE platform themes, Windows 11) already
    changed the palette; only when the system says dark and the palette is still light do we
    switch to Fusion with a dark palette (e.g. UOS/Kylin without a Qt platform theme).
    """
    ours = bool(app.property(_DARK_APPLIED))
    if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        app.setProperty(_DARK_APPLIED, True)
        log.info("dark colour scheme applied")
    elif scheme == Qt.ColorScheme.Light and ours:
        app.setPalette(app.style().standardPalette())
        app.setProperty(_DARK_APPLIED, False)
        log.info("light colour scheme restored")


def follow_system_color_scheme(app: QApplication) -> None:
    hints = app.styleHints()
    apply_color_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: apply_color_scheme(app, scheme))
