"""Fonts: Noto Sans / Noto Sans Arabic for the ui, Noto Naskh Arabic for content."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

UI_FAMILIES = ("Noto Sans", "Noto Sans Arabic", "DejaVu Sans")
CONTENT_FAMILIES = ("Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans")


_LOADED: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register the fonts a packaged Atlas carries, once; the families added (none from a checkout)."""
    from atlas_desktop.core.doctor import bundled_font_files

    if not _LOADED:
        for file in bundled_font_files():
            font_id = QFontDatabase.addApplicationFont(str(file))
            if font_id >= 0:
                _LOADED.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_LOADED)


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


def missing_glyphs(root) -> str:  # noqa: ANN001 - QWidget
    """The characters shown in ``root`` that no available font can draw (they would show as
    boxes), sorted; empty when every character has a glyph. Formatting marks and spaces are
    not drawn and are not counted."""
    import unicodedata

    from PySide6.QtGui import QRawFont

    from atlas_desktop.ui.visible_text import visible_texts

    chars = {ch for _, text in visible_texts(root, user_columns=True) for ch in text
             if unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")}
    if not chars:
        return ""
    # Qt falls back from the window's fonts to any installed one: a character is drawn when some
    # family has it. The window's own families first, the rest only for what they lack.
    families = [*UI_FAMILIES, *CONTENT_FAMILIES, *QFontDatabase.families()]
    for family in dict.fromkeys(families):
        if not chars:
            break
        raw = QRawFont.fromFont(QFont(family))
        if raw.isValid():
            chars = {ch for ch in chars if not raw.supportsCharacter(ord(ch))}
    return "".join(sorted(chars))
