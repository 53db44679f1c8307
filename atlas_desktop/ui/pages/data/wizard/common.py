"""What the import wizard's steps have in common: a conversation shown with chosen values highlighted."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.bidi import BidiTextEdit

HIGHLIGHT = QColor("#ffe08a")


class ConversationView(BidiTextEdit):
    """A conversation, one paragraph per turn, with chosen values highlighted."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(read_only=True)
        self.ctx = ctx
        self.setFont(content_font(ctx.settings.font_size))

    def show_messages(self, messages: list[dict[str, str]], highlight: list[str] = ()) -> None:  # type: ignore[assignment]
        speaker = {"user": tr("Customer:"), "assistant": tr("Assistant:"), "system": tr("System:")}
        self.setPlainText("\n".join(f"{speaker.get(m['role'], m['role'])} {m['content']}" for m in messages))
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        doc = self.document()
        for value in highlight:
            if not value:
                continue
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find(value, cursor)
                if cursor.isNull():
                    break
                cursor.mergeCharFormat(fmt)
