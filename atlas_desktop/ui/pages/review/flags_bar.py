"""The two flags a reviewer can raise on a pair (unsafe, inconsistent), and the note that says why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from atlas_desktop.ui.i18n import tr


class FlagsBar(QWidget):
    changed = Signal()  # the reviewer changed a flag or the note

    def __init__(self) -> None:
        super().__init__()
        self.unsafe = QCheckBox(tr("Unsafe"))
        self.unsafe.setObjectName("flagUnsafe")
        self.inconsistent = QCheckBox(tr("Inconsistent"))
        self.inconsistent.setObjectName("flagInconsistent")
        for box in (self.unsafe, self.inconsistent):
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(self._on_toggled)
        self.note = QLineEdit()
        self.note.setObjectName("reviewNote")
        self.note.setPlaceholderText(tr("Note (needed with a flag): what is wrong"))
        self.note.setClearButtonEnabled(True)
        self.note.textEdited.connect(self._on_note_edited)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.unsafe)
        lay.addWidget(self.inconsistent)
        lay.addWidget(self.note, 1)
        self._loading = False

    def set_values(self, unsafe: bool, inconsistent: bool, note: str) -> None:
        self._loading = True
        self.unsafe.setChecked(unsafe)
        self.inconsistent.setChecked(inconsistent)
        self.note.setText(note)
        self._loading = False

    def toggle(self, which: str) -> bool:
        """Flip ``which`` ("unsafe" or "inconsistent"); whether it is now raised."""
        box = self.unsafe if which == "unsafe" else self.inconsistent
        box.setChecked(not box.isChecked())
        return box.isChecked()

    def set_locked(self, locked: bool) -> None:
        for w in (self.unsafe, self.inconsistent):
            w.setEnabled(not locked)
        self.note.setReadOnly(locked)

    @Slot(bool)
    def _on_toggled(self, _on: bool) -> None:
        if not self._loading:
            self.changed.emit()

    @Slot(str)
    def _on_note_edited(self, _text: str) -> None:
        self.changed.emit()
