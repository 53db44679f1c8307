"""One suite item in a small dialog: prompt, reference, intent, dialect, system prompt and the
checks as JSON; checked by the core's reader (suites.item_from_dict) before it closes."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from atlas_desktop.core.arabic import DIALECTS
from atlas_desktop.core.data.readers import json_problem
from atlas_desktop.core.evaluation.suites import item_from_dict, item_to_dict
from atlas_desktop.core.evaluation.types import EvalItem
from atlas_desktop.core.messages import Msg
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.bidi import BidiTextEdit


class ItemDialog(QDialog):
    def __init__(self, numbers: Numbers, item: EvalItem | None, default_id: str, intents: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.n = numbers
        self.setWindowTitle(tr("Edit item") if item else tr("Add item"))
        self.original = item_to_dict(item) if item else {}
        self.default_id = default_id
        self.item: EvalItem | None = None
        self.id = QLineEdit(item.id if item else default_id)
        self.id.setObjectName("itemId")
        self.prompt = BidiTextEdit()
        self.prompt.setObjectName("itemPrompt")
        self.reference = BidiTextEdit()
        self.reference.setObjectName("itemReference")
        self.system = BidiTextEdit()
        self.system.setObjectName("itemSystem")
        for edit, text, height in ((self.prompt, item.prompt if item else "", 70), (self.reference, item.reference if item else "", 90),
                                   (self.system, item.system if item else "", 44)):
            edit.setPlainText(text)
            edit.setMinimumHeight(height)
        self.system.setMaximumHeight(70)
        self.intent = QComboBox()
        self.intent.setEditable(True)
        self.intent.setObjectName("itemIntent")
        self.intent.addItems([""] + sorted({*intents, *([item.intent] if item and item.intent else [])}))
        self.intent.setCurrentText(item.intent if item else "")
        self.dialect = QComboBox()
        self.dialect.setObjectName("itemDialect")
        self.dialect.addItem(tr("not set"), "")
        for code in DIALECTS:
            self.dialect.addItem(numbers.dialect(code), code)
        if item and item.dialect and self.dialect.findData(item.dialect) < 0:
            self.dialect.addItem(item.dialect, item.dialect)
        self.dialect.setCurrentIndex(max(0, self.dialect.findData(item.dialect if item else "")))
        self.checks = QPlainTextEdit(json.dumps(item.checks, ensure_ascii=False, indent=1) if item and item.checks else "")
        self.checks.setObjectName("itemChecks")
        self.checks.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # JSON is code
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.checks.setFont(mono)
        self.checks.setMinimumHeight(60)
        self.checks.setPlaceholderText('{"must_include": ["…"], "max_words": 120}')
        self.problem = QLabel()
        self.problem.setObjectName("itemProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b03a2e")
        self.problem.hide()

        form = QFormLayout()
        form.addRow(tr("ID"), self.id)
        form.addRow(tr("Prompt"), self.prompt)
        form.addRow(tr("Reference answer"), self.reference)
        form.addRow(tr("Intent"), self.intent)
        form.addRow(tr("Dialect"), self.dialect)
        form.addRow(tr("System prompt (optional)"), self.system)
        form.addRow(tr("Checks (JSON)"), self.checks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form, 1)
        lay.addWidget(self.problem)
        lay.addWidget(buttons)
        self.resize(700, 640)

    def data(self) -> dict[str, Any]:
        """The item as its JSON form (the earlier turns of a multi-turn item are kept as they were)."""
        d: dict[str, Any] = {k: v for k, v in self.original.items() if k in ("context", "source")}
        d.update(id=self.id.text().strip(), prompt=self.prompt.toPlainText(), reference=self.reference.toPlainText(),
                 intent=self.intent.currentText().strip(), dialect=self.dialect.currentData() or "", system=self.system.toPlainText())
        text = self.checks.toPlainText().strip()
        d["checks"] = json.loads(text) if text else None  # ValueError: not JSON
        return d

    def _show(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    @Slot()
    def _on_ok(self) -> None:
        try:
            d = self.data()
        except ValueError as exc:
            self._show(tr("The checks are not valid JSON: {problem}.").format(problem=self.n.msg(json_problem(exc))))
            return
        try:
            self.item = item_from_dict(d, self.default_id)
        except ValueError as exc:
            problem = exc.args[0] if exc.args else str(exc)
            self._show(self.n.msg(problem if isinstance(problem, Msg) else str(problem)))
            return
        self.accept()
