"""Fonts: Noto Sans / Noto Sans Arabic for the ui, Noto Naskh Arabic for content."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

UI_FAMILIES = ("Noto Sans", "Noto Sans Arabic", "DejaVu Sans")
CONTENT_FAMILIES = ("Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans")


_LOADED: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register the fonts a packaged Atlas carries, once; the families added (none from a checkout)."""
    from atlas_desktop.core.doctor import bundled_font_files

    if _LOADED:
        return list(_LOADED)
    added = _LOADED
    for file in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id >= 0:
            added += QFontDatabase.applicationFontFamilies(font_id)
    return list(added)


def _available(preferred: tuple[str, ...]) -> list[str]:
    have = set(QFontDatabase.families())
    chosen = [f for f in preferred if f in have]
    return chosen or [QFont().defaultFamily()]


def ui_font(point_size: int) -> QFont:
    font = QFont()
    font.setFamilies(_available(UI_FAMILIES))
    font.setPointSize(point_size)
    return font


def content_font(point_size: int) -> QFont:
    """Arabic body text reads better in Naskh and a little larger."""
    font = QFont()
    font.setFamilies(_available(CONTENT_FAMILIES))
    font.setPointSize(point_size + 2)
    return font
