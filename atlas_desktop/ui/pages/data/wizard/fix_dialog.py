"""Correct one unusable record by hand, turn by turn or as JSON."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from atlas_desktop.core.data.pipeline import apply_fix, check_fix
from atlas_desktop.core.data.validate import text_of
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.bidi import BidiTextEdit
from atlas_desktop.ui.widgets.screen import fit_screen


class _Turn(QWidget):
    """One turn of a conversation in the Fix dialog: who speaks, and what they say."""

    ROLES = ("user", "assistant", "system")

    def __init__(self, ctx: AppContext, role: str, text: str, on_remove) -> None:  # noqa: ANN001
        super().__init__()
        self.role = QComboBox()
        names = {"user": tr("Customer"), "assistant": tr("Assistant"), "system": tr("System")}
        for r in self.ROLES:
            self.role.addItem(names[r], r)
        if role not in self.ROLES:  # shown as the file has it, until the analyst picks one of the three
            self.role.addItem(f"{role} ?", role)
        self.role.setCurrentIndex(self.role.findData(role))
        self.text = BidiTextEdit()
        self.text.setFont(content_font(ctx.settings.font_size))
        self.text.setPlainText(text)
        self.text.setFixedHeight(64)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda _=False: on_remove(self))
        side = QVBoxLayout()
        side.addWidget(self.role)
        side.addWidget(remove)
        side.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(side)
        lay.addWidget(self.text, 1)

    def message(self) -> dict[str, str]:
        return {"role": self.role.currentData(), "content": self.text.toPlainText()}


def _turns_of(text: str) -> list[dict[str, str]] | None:
    """The turns a record's JSON holds (any role, any text), or None when it cannot be read as turns."""
    from atlas_desktop.core.data.readers import RawRecord

    try:
        rec = apply_fix(RawRecord("", 0), text)
    except Exception:  # noqa: BLE001 - a record too broken to read starts from the JSON view
        return None
    if rec.error or not isinstance(rec.messages, list):
        return None
    out = []
    for m in rec.messages:
        if not isinstance(m, dict):
            return None
        content = m.get("content")
        out.append({"role": str(m.get("role", "")), "content": content if isinstance(content, str) else text_of(content) or ""})
    return out


class FixDialog(QDialog):
    """Correct one unusable record by hand: turn by turn in a form (who speaks, what they say), or
    as JSON for an expert. It is checked before the dialog closes; the source file never changes."""

    def __init__(self, ctx: AppContext, bad: dict, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Fix {file} line {line}").format(file=bad["file"], line=ctx.num(bad["line"])))
        self.resize(fit_screen(self, 820, 520))
        self.ctx = ctx
        self.reason = QLabel(localize(bad["reason"], ctx))
        self.reason.setObjectName("fixReason")
        self.reason.setWordWrap(True)
        # the form: one row per turn
        self.turns: list[_Turn] = []
        self.turn_box = QVBoxLayout()
        self.turn_box.addStretch(1)
        inner = QWidget()
        inner.setLayout(self.turn_box)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        add = QPushButton(tr("Add a turn"))
        add.setObjectName("addTurn")
        add.clicked.connect(lambda _=False: self.add_turn("assistant" if self.turns and self.turns[-1].role.currentData() == "user" else "user", ""))
        form = QWidget()
        fl = QVBoxLayout(form)
        fl.addWidget(scroll, 1)
        fl.addWidget(add, 0, Qt.AlignmentFlag.AlignLeading)
        # the JSON, for an expert
        self.editor = BidiTextEdit()
        self.editor.setObjectName("fixEditor")
        self.editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # JSON is code
        self.editor.setFont(content_font(ctx.settings.font_size))
        self.editor.setPlainText(text)
        self.tabs = QTabWidget()
        self.tabs.addTab(form, tr("Turns"))
        self.tabs.addTab(self.editor, tr("JSON (advanced)"))
        self.tabs.currentChanged.connect(self._on_tab)
        turns = _turns_of(text)
        for m in turns or []:
            self.add_turn(m["role"], m["content"])
        if turns is None:  # not readable as turns (broken JSON): the JSON view, where it can be mended
            self.tabs.setCurrentIndex(1)
        ok = QPushButton(tr("Check and use"))
        ok.setObjectName("checkFix")
        ok.setDefault(True)
        ok.clicked.connect(self._on_ok)
        cancel = QPushButton(tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        lay = QVBoxLayout(self)
        lay.addWidget(self.reason)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(buttons)

    def add_turn(self, role: str, text: str) -> _Turn:
        turn = _Turn(self.ctx, role, text, self._remove_turn)
        self.turns.append(turn)
        self.turn_box.insertWidget(self.turn_box.count() - 1, turn)
        return turn

    def _remove_turn(self, turn: _Turn) -> None:
        self.turns.remove(turn)
        turn.deleteLater()

    def _form_json(self) -> str:
        return json.dumps({"messages": [t.message() for t in self.turns]}, ensure_ascii=False)

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        if index == 1:  # the form, as JSON
            self.editor.setPlainText(self._form_json())
            return
        turns = _turns_of(self.editor.toPlainText())
        if turns is None:
            return  # JSON still broken: the form keeps what it had
        for t in list(self.turns):
            self._remove_turn(t)
        for m in turns:
            self.add_turn(m["role"], m["content"])

    def text(self) -> str:
        return (self._form_json() if self.tabs.currentIndex() == 0 else self.editor.toPlainText()).strip()

    @Slot()
    def _on_ok(self) -> None:
        problem_text = check_fix(self.text())
        if problem_text:
            self.reason.setText(localize(problem_text, self.ctx))
            return
        self.accept()
