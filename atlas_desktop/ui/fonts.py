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


def _visible_texts(root) -> list[str]:  # noqa: ANN001 - QWidget
    """Every text the window shows: labels, buttons, fields, combo boxes, tabs, group titles,
    menus, and the cells and headers of the item views' first rows."""
    import html
    import re

    from PySide6.QtCore import QAbstractListModel, Qt
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit, QMenuBar,
                                   QPlainTextEdit, QTabBar, QTextEdit, QWidget)

    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel):
            texts.append(html.unescape(re.sub(r"<[^>]+>", " ", w.text())))
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            texts += [w.toPlainText(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            texts.append(w.currentText())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QMenuBar):
            texts += [a.text().replace("&", "") for a in w.actions()]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            rows = min(model.rowCount(), 200)
            cols = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for c in range(cols):
                texts.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            for r in range(rows):
                for c in range(cols):
                    value = model.data(model.index(r, c))
                    if isinstance(value, str):
                        texts.append(value)
    return texts


def missing_glyphs(root) -> str:  # noqa: ANN001 - QWidget
    """The characters shown in ``root`` that no available font can draw (they would show as
    boxes), sorted; empty when every character has a glyph. Formatting marks and spaces are
    not drawn and are not counted."""
    import unicodedata

    from PySide6.QtGui import QRawFont

    chars = {ch for text in _visible_texts(root) for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")}
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
