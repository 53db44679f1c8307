"""Step 2 (CSV and Excel files only): which column holds the question, the answer and the rest."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QMessageBox, QVBoxLayout

from atlas_desktop.core.data.readers import HEADER_ALIASES, guess_mapping, peek_headers
from atlas_desktop.core.errors import AtlasError
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.bidi import display_text


class ColumnsStep(Step):
    key = "columns"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.columns_note = QLabel()
        self.columns_note.setWordWrap(True)
        self.columns_form = QFormLayout()
        self.map_combos: dict[str, QComboBox] = {}
        labels = {"question": tr("Customer question"), "answer": tr("Answer"), "intent": tr("Intent (optional)"),
                  "dialect": tr("Dialect (optional)"), "system": tr("System prompt (optional)")}
        for key in HEADER_ALIASES:
            combo = QComboBox()
            self.map_combos[key] = combo
            self.columns_form.addRow(labels[key], combo)
        lay = QVBoxLayout(self)
        lay.addWidget(self.columns_note)
        lay.addLayout(self.columns_form)
        lay.addStretch(1)

    @staticmethod
    def title() -> str:
        return tr("Map columns")

    def refresh(self) -> None:
        tabular = self.model.tabular()
        if not tabular:
            return
        try:
            headers = peek_headers(tabular[0]) or []
        except AtlasError as exc:
            QMessageBox.warning(self, tr("Cannot read the file"), localize(exc, self.ctx))
            self.navigate.emit("files")
            return
        guess = guess_mapping(headers)
        self.columns_note.setText(tr("Columns of {file}. Atlas recognized the ones it could by name; check them.").format(file=tabular[0].name))
        for key, combo in self.map_combos.items():
            combo.clear()
            combo.addItem(tr("(none)"), "")
            for h in headers:
                combo.addItem(display_text(h), h)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(key, ""))))

    def commit(self) -> None:
        self.model.mapping = {key: combo.currentData() for key, combo in self.map_combos.items() if combo.currentData()}
