"""Arabic-correct text widgets: direction per paragraph from the dominant script.

Qt picks a paragraph's direction from its first strong character; an Arabic
answer that begins with "IBAN" would then be laid out left-to-right. These
helpers set each paragraph's direction and alignment from the dominant
script instead (core.arabic.dominant_direction). Only what is displayed is
touched: marks are added for display, never stored.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from atlas_desktop.core.arabic import dominant_direction, isolate_ltr_runs

RLM, LRM = "\u200f", "\u200e"


def _first_strong(text: str) -> str:
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls in ("R", "AL"):
            return "rtl"
        if cls == "L":
            return "ltr"
    return "neutral"


def display_text(text: str) -> str:
    """Prefix a direction mark where the first strong character would mislead Qt, and keep
    phone, IBAN and card numbers reading left to right inside Arabic text."""
    text = isolate_ltr_runs(text)
    dom = dominant_direction(text)
    if dom == "rtl" and _first_strong(text) == "ltr":
        return RLM + text
    if dom == "ltr" and _first_strong(text) == "rtl":
        return LRM + text
    if dom == "neutral" and any(ch.isdigit() for ch in text) and any(not ch.isdigit() for ch in text):
        return LRM + text  # an ID or phone number alone: read it left to right, groups in order
    return text


def embedded(text: str) -> str:
    """User text quoted inside a sentence of the ui: isolated in its own direction (RLI or LRI ...
    PDI), so neither the sentence nor the quote is reordered by the other."""
    dom = dominant_direction(text)
    return ("\u2067" if dom == "rtl" else "\u2066") + isolate_ltr_runs(text) + "\u2069"


def qt_direction(text: str, fallback: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight) -> Qt.LayoutDirection:
    dom = dominant_direction(text)
    if dom == "rtl":
        return Qt.LayoutDirection.RightToLeft
    if dom == "ltr":
        return Qt.LayoutDirection.LeftToRight
    return fallback


def apply_paragraph_directions(doc: QTextDocument, fallback: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight,
                               fixed: bool = False) -> None:
    """Set every block's direction and alignment from its dominant script (or to ``fallback`` when ``fixed``)."""
    block = doc.begin()
    cursor = QTextCursor(doc)
    while block.isValid():
        direction = fallback if fixed else qt_direction(block.text(), fallback)
        fmt = block.blockFormat()
        align = Qt.AlignmentFlag.AlignAbsolute | (Qt.AlignmentFlag.AlignRight if direction == Qt.LayoutDirection.RightToLeft else Qt.AlignmentFlag.AlignLeft)
        if fmt.layoutDirection() != direction or fmt.alignment() != align:
            fmt = QTextBlockFormat(fmt)
            fmt.setLayoutDirection(direction)
            fmt.setAlignment(align)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()


class BidiTextEdit(QTextEdit):
    """Plain-text editor whose paragraphs each take the direction of their dominant script."""

    def __init__(self, parent: QWidget | None = None, read_only: bool = False, ui_lines: bool = False) -> None:
        """``ui_lines``: every paragraph is a sentence of the ui (user values embedded in it), laid out
        in the ui's direction whatever script dominates it."""
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setReadOnly(read_only)
        self.ui_lines = ui_lines
        self._busy = False
        self.document().contentsChanged.connect(self._on_contents_changed)

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt naming
        # A read-only view may add invisible isolates; an editor never changes what the user typed.
        super().setPlainText("\n".join(isolate_ltr_runs(p) for p in text.split("\n")) if self.isReadOnly() else text)
        self._on_contents_changed()

    def _on_contents_changed(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            apply_paragraph_directions(self.document(), self.layoutDirection(), fixed=self.ui_lines)
        finally:
            self._busy = False
