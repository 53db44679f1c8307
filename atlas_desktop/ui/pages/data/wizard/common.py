"""What the import wizard's steps have in common: the step widget they derive from, a record's
place in its file, the holdout warning and a conversation shown with chosen values highlighted."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QWidget

from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.glossary import count
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.bidi import BidiTextEdit

HIGHLIGHT = QColor("#ffe08a")


class Step(QWidget):
    """One step of the wizard, built once over the import's model and refreshed each time it is shown.
    A step reads and changes the import only through the model, never through another step."""

    key = ""
    navigate = Signal(str)  # asks the wizard to show another step (the columns step, when a file cannot be read)

    def __init__(self, model: ImportModel) -> None:
        super().__init__()
        self.model, self.ctx = model, model.ctx
        self.setObjectName(f"step_{self.key}")

    @staticmethod
    def title() -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Show the import as it is now (called each time the step is shown)."""

    def can_go_next(self) -> bool:
        return True

    def commit(self) -> None:
        """Hand what the analyst chose here to the model (called on Next)."""

    def where(self, file: str, line: int) -> str:
        """file:line, kept left to right as one unit inside a right-to-left table."""
        return "\u2066" + f"{file}:{self.ctx.num(line)}" + "\u2069"


def holdout_warning(model: ImportModel) -> str:
    """What the analyst must know about the holdout before saving: none, or too few to measure by."""
    assert model.draft is not None
    ctx, st = model.ctx, model.draft.summary()
    if st["kept"] and st["holdout"] == 0:
        return tr("No conversation is held out: {kept} are too few for a holdout share of {share}. Training could not "
                  "measure its holdout loss; import more conversations or raise the share.").format(
            kept=count(ctx, st["kept"], "conversation"), share=ctx.percent(model.settings["holdout_ratio"]))
    if 0 < st["holdout"] < 20:
        return tr("Only {n} held out: the holdout loss will be a rough figure.").format(n=count(ctx, st["holdout"], "conversation"))
    return ""


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
