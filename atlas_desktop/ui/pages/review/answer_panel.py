"""One of the two answers, as A or B (never which model wrote it), and its three ratings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from atlas_desktop.core.evaluation.types import METRIC_NAMES, Answer
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.pages.review.rubric import STATUS_LABELS
from atlas_desktop.ui.pages.review.score_row import ScoreRow
from atlas_desktop.ui.widgets.bidi import BidiTextEdit

TITLES = {"A": N_("Answer A"), "B": N_("Answer B")}


class AnswerPanel(QFrame):
    scored = Signal(str, int)  # metric, score
    picked = Signal(str)  # metric: the reviewer clicked that cell

    def __init__(self, ctx: AppContext, side: str) -> None:
        super().__init__()
        self.side = side
        self.setObjectName("reviewBox")
        self.setAccessibleName(tr(TITLES[side]))
        title = QLabel(tr(TITLES[side]))
        title.setObjectName("boxTitle")
        self.status = QLabel()  # truncated or empty: said beside the title
        self.status.setObjectName("answerStatus")
        self.status.hide()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(title)
        head.addWidget(self.status)
        head.addStretch(1)
        self.text = BidiTextEdit(read_only=True)
        self.text.setObjectName(f"answerText{side}")
        self.text.setMinimumHeight(56)
        self.text.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # text can be selected and copied; the keyboard rates
        self.rows: dict[str, ScoreRow] = {}
        lay = QVBoxLayout(self)
        lay.setSpacing(2)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(head)
        lay.addWidget(self.text, 1)
        for m in METRIC_NAMES:
            row = ScoreRow(ctx, m)
            row.scored.connect(lambda n, m=m: self.scored.emit(m, n))
            row.picked.connect(lambda m=m: self.picked.emit(m))
            self.rows[m] = row
            lay.addWidget(row)

    def show_answer(self, answer: Answer) -> None:
        self.text.setPlainText(answer.text)
        label = STATUS_LABELS.get(answer.status)
        self.status.setText(tr(label) if label else "")
        self.status.setVisible(bool(label))

    def set_scores(self, scores: dict[str, int]) -> None:
        for m, row in self.rows.items():
            row.set_value(scores.get(m))

    def scores(self) -> dict[str, int]:
        return {m: row.value for m, row in self.rows.items() if row.value is not None}

    def set_text_font(self, font: QFont) -> None:
        self.text.setFont(font)

    def set_locked(self, locked: bool) -> None:
        for row in self.rows.values():
            row.set_locked(locked)
