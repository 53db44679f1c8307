"""Step 4: the sensitive values redaction replaced, names first, each one undone if it is not sensitive."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from atlas_desktop.ui.glossary import detector_name, kind_name, listing
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import ConversationView, Step
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.tables import PagedRows, fill_table, make_record_table, select_row, selected_row


class RedactionStep(Step):
    key = "redaction"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.redaction_summary = QLabel()
        self.redaction_summary.setWordWrap(True)
        self.redaction_table = make_record_table([tr("Line"), tr("Kind"), tr("Value"), tr("Detector"), tr("Confidence"), tr("Review")], user_columns=(0, 2))
        self.redaction_table.itemSelectionChanged.connect(self._on_redaction_selected)
        self.redaction_view = ConversationView(self.ctx)
        self.redaction_view.setObjectName("redactionView")
        self.undo_button = QPushButton(tr("Undo this redaction (false positive)"))
        self.undo_button.setObjectName("undoRedaction")
        self.undo_button.clicked.connect(self._on_undo_redaction)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.redaction_view, 1)
        rl.addWidget(self.undo_button)
        self.split = QSplitter()
        self.split.addWidget(self.redaction_table)
        self.split.addWidget(right)
        self.split.setSizes([520, 520])
        lay = QVBoxLayout(self)
        lay.addWidget(self.redaction_summary)
        lay.addWidget(self.split, 1)
        self.none_found = QLabel()
        self.none_found.setObjectName("emptyState")
        self.none_found.setWordWrap(True)
        self.none_found.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.none_found, 1)
        self.rows = PagedRows(0, lambda _o, _n: [])
        model.draft_closing.connect(self._on_draft_closing)

    @staticmethod
    def title() -> str:
        return tr("Redaction review")

    def refresh(self) -> None:
        if self.model.draft is None:
            return
        self._update_summary()
        self._fill()
        if len(self.rows):
            select_row(self.redaction_table, 0)

    def _update_summary(self) -> None:
        assert self.model.draft is not None
        redactions = {k: v for k, v in self.model.draft.summary()["redactions"].items() if v}
        counts = listing(self.ctx, [f"{kind_name(k)} {self.ctx.num(v)}" for k, v in sorted(redactions.items())])
        found = bool(redactions) or self.model.draft.review_count() > 0
        self.split.setVisible(found)
        self.none_found.setVisible(not found)
        if found:
            self.redaction_summary.setText(tr("Sensitive values found: {counts}. Names are the hard case and are listed first; undo any that are not sensitive.")
                                           .format(counts=counts))
        else:
            self.redaction_summary.setText(tr("No sensitive values were found in the kept conversations: nothing was redacted."))
            self.none_found.setText(tr("Redaction looks for names, phone numbers, e-mail addresses, card, account (IBAN) and national ID numbers. "
                                       "If you expected some here, check that the right files were chosen in step 1."))

    def _fill(self) -> None:
        def row(r: dict) -> list[str]:
            return [self.where(r["file"], r["line"]), kind_name(r["kind"]), r["value"], detector_name(r["detector"]),
                    self.ctx.percent(r["confidence"]), "✋" if r["needs_review"] else ""]

        assert self.model.draft is not None
        self.rows = PagedRows(self.model.draft.review_count(), self.model.draft.review_page, row)
        fill_table(self.redaction_table, self.rows)
        self.undo_button.setEnabled(bool(len(self.rows)))

    @Slot()
    def _on_draft_closing(self) -> None:
        fill_table(self.redaction_table, [])

    @Slot()
    def _on_redaction_selected(self) -> None:
        row = selected_row(self.redaction_table)
        if self.model.draft is None or not 0 <= row < len(self.rows):
            return
        r = self.rows.raw(row)
        self.redaction_view.show_messages(self.model.draft.original_messages(r["conv"]), [r["value"]])

    @Slot()
    def _on_undo_redaction(self) -> None:
        row = selected_row(self.redaction_table)
        if self.model.draft is not None and 0 <= row < len(self.rows):
            r = self.rows.raw(row)
            self.model.draft.undo_redaction(r["conv"], r["placeholder"])  # takes it out of the queue
            self._update_summary()
            self._fill()
            select_row(self.redaction_table, min(row, len(self.rows) - 1))
