"""Step 3: the records that cannot be used, each listed with why, and fixed in place if the analyst wants."""

from __future__ import annotations

import json

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from atlas_desktop.core.data.pipeline import source_text
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step
from atlas_desktop.ui.pages.data.wizard.fix_dialog import FixDialog
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.tables import PagedRows, fill_table, make_record_table, select_row, selected_row


class ValidationStep(Step):
    key = "validation"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.validation_summary = QLabel()
        self.validation_summary.setWordWrap(True)
        self.invalid_table = make_record_table([tr("File"), tr("Line"), tr("Reason")], user_columns=(0,))
        self.fix_button = QPushButton(tr("Fix this record…"))
        self.fix_button.setObjectName("fixRecord")
        self.fix_button.clicked.connect(self._on_fix)
        self.bad_part = QWidget()
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Skip the records below, or fix one in place (your file is not changed).")), 1)
        row.addWidget(self.fix_button)
        bad = QVBoxLayout(self.bad_part)
        bad.setContentsMargins(0, 0, 0, 0)
        bad.addWidget(self.invalid_table, 1)
        bad.addLayout(row)
        lay = QVBoxLayout(self)
        lay.addWidget(self.validation_summary)
        lay.addWidget(self.bad_part, 1)
        self.all_usable = QLabel(tr("Every record is usable: there is nothing to skip or fix."))
        self.all_usable.setObjectName("emptyState")
        lay.addWidget(self.all_usable)
        lay.addStretch(0)
        self.invalid = PagedRows(0, lambda _o, _n: [])
        model.draft_closing.connect(self._on_draft_closing)

    @staticmethod
    def title() -> str:
        return tr("Validation report")

    def refresh(self) -> None:
        d = self.model.draft
        if d is None:
            return
        st = d.summary()
        self.validation_summary.setText(tr("Usable conversations: {read}. Records that cannot be used and will be skipped: {bad} (nothing is dropped silently: each is listed here).")
                                        .format(read=self.ctx.num(st["conversations"]), bad=self.ctx.num(st["invalid"])))
        self.invalid = PagedRows(st["invalid"], d.invalid_page, lambda r: [r[0], self.ctx.num(r[1]), localize(r[2], self.ctx)])
        fill_table(self.invalid_table, self.invalid)
        if st["invalid"]:
            select_row(self.invalid_table, 0)
        self.fix_button.setEnabled(bool(st["invalid"]))
        self.bad_part.setVisible(bool(st["invalid"]))
        self.all_usable.setVisible(not st["invalid"])

    @Slot()
    def _on_draft_closing(self) -> None:
        fill_table(self.invalid_table, [])

    @Slot()
    def _on_fix(self) -> None:
        row = selected_row(self.invalid_table)
        if self.model.draft is None or not 0 <= row < len(self.invalid):
            return
        file, line, reason = self.invalid.raw(row)
        bad = {"file": file, "line": line, "reason": reason}
        path = next((p for p in self.model.files if p.name == file), None)
        start = source_text(path, line) if path is not None and path.suffix.lower() in (".jsonl", ".json") else ""
        if not start.startswith("{"):
            start = json.dumps({"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": ""}]}, ensure_ascii=False)
        dlg = FixDialog(self.ctx, bad, start, self)
        if dlg.exec():
            self.model.fixes.setdefault(file, {})[line] = dlg.text()
            self.model.start_analysis()
