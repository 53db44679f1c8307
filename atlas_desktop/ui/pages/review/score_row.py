"""One cell of the rating grid: a metric of one answer, rated 1–5 with the rubric's word beside each number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.review.rubric import METRIC_LABELS, RUBRIC, SCORES


class ScoreRow(QFrame):
    """The metric's name and its five score buttons (the rubric's sentence is each button's tooltip,
    and the page's rubric line). The cell the keyboard rates is outlined (``current``)."""

    scored = Signal(int)  # the reviewer clicked a score
    picked = Signal()  # the reviewer clicked the cell: it becomes the current one

    def __init__(self, ctx: AppContext, metric: str) -> None:
        super().__init__()
        self.key = metric
        self.value: int | None = None
        self.setObjectName("scoreRow")
        self.setProperty("current", False)
        self.name = QLabel(tr(METRIC_LABELS[metric]))
        self.name.setObjectName("metricName")
        self.name.setMinimumWidth(max(self.name.fontMetrics().horizontalAdvance(tr(t)) for t in METRIC_LABELS.values()) + 8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # exclusivity by hand: a score can also be unset (a draft)
        self.buttons: dict[int, QPushButton] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(3)
        lay.addWidget(self.name)
        for n in SCORES:
            word, sentence = RUBRIC[metric][n]
            b = QPushButton(f"{ctx.num(n)} {tr(word)}")
            b.setObjectName(f"score_{metric}_{n}")
            b.setCheckable(True)
            b.setToolTip(tr(sentence))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard rates through the pane, never by a focused button
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # as wide as its words (the style's font), or wider
            self.group.addButton(b, n)
            self.buttons[n] = b
            lay.addWidget(b, 1)
        self.group.idClicked.connect(self._on_clicked)

    def set_value(self, value: int | None) -> None:
        self.value = value
        for n, b in self.buttons.items():
            b.setChecked(n == value)

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def set_locked(self, locked: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(not locked)

    @Slot(int)
    def _on_clicked(self, n: int) -> None:
        self.set_value(n)
        self.picked.emit()
        self.scored.emit(n)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt naming
        self.picked.emit()
        super().mousePressEvent(event)
