"""The verdict on the pair: A better, B better, tie, or both bad."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.review.rubric import VERDICT_LABELS


class VerdictBar(QWidget):
    chosen = Signal(str)  # the reviewer clicked a verdict

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("verdictBar")
        self.value = ""
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # exclusivity by hand: a draft may have no verdict yet
        self.buttons: dict[str, QPushButton] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(QLabel(tr("Verdict:")))
        for i, (key, label) in enumerate(VERDICT_LABELS.items()):
            b = QPushButton(tr(label))
            b.setObjectName(f"verdict_{key}")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(b, i)
            self.buttons[key] = b
            lay.addWidget(b)
        self.group.idClicked.connect(self._on_clicked)

    def set_value(self, verdict: str) -> None:
        self.value = verdict if verdict in self.buttons else ""
        for key, b in self.buttons.items():
            b.setChecked(key == self.value)

    def set_locked(self, locked: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(not locked)

    @Slot(int)
    def _on_clicked(self, i: int) -> None:
        self.set_value(list(self.buttons)[i])
        self.chosen.emit(self.value)
