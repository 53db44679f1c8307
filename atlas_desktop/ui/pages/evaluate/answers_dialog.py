"""One item of an evaluation: its prompt and reference, and both models' answers with their scores."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from atlas_desktop.core.evaluation.types import Answer, EvalItem
from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.bidi import BidiTextEdit

STATUS_NAMES = {"ok": "", "empty": N_("no answer"), "truncated": N_("cut off at the token limit")}


class AnswersDialog(QDialog):
    def __init__(self, numbers: Numbers, item: EvalItem, answers: dict[str, Answer], scores: dict[str, float | None],
                 names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Item {id}").format(id=numbers.name(item.id)))
        grid = QGridLayout()
        self.views: dict[str, BidiTextEdit] = {}

        def view(key: str, text: str, height: int) -> BidiTextEdit:
            edit = BidiTextEdit(read_only=True)
            edit.setObjectName(f"answer_{key}")
            edit.setPlainText(text)
            edit.setMinimumHeight(height)
            self.views[key] = edit
            return edit

        grid.addWidget(QLabel(tr("Prompt")), 0, 0)
        grid.addWidget(view("prompt", item.prompt, 60), 1, 0)
        grid.addWidget(QLabel(tr("Reference answer")), 0, 1)
        grid.addWidget(view("reference", item.reference or "—", 60), 1, 1)
        for column, side in enumerate(("candidate", "production")):
            a = answers.get(side)
            status = tr(STATUS_NAMES[a.status]) if a is not None and STATUS_NAMES.get(a.status) else ""
            head = tr("{model}: task success {score}").format(model=names[side], score=numbers.score(scores.get(side)))
            grid.addWidget(QLabel(head + (f" · {status}" if status else "")), 2, column)
            grid.addWidget(view(side, a.text if a is not None else "", 160), 3, column)
        grid.setRowStretch(3, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(grid, 1)
        lay.addWidget(buttons)
        self.resize(860, 520)
