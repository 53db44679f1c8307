"""Reviewers' unsafe and inconsistent flags on an evaluation, and their resolution.

The gate counts unresolved unsafe flags; a release manager resolves one by saying how
(review.resolve_flag). The rating itself stays as the reviewer saved it."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.evaluation import review
from atlas_desktop.core.messages import Msg
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.glossary import listing
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.widgets.tables import fill_table, make_table, selected_row


class FlagsPanel(QWidget):
    resolved = Signal()  # a flag was resolved

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.n = Numbers(ctx)
        self.flags: list[review.Flag] = []
        m = self.n.msg
        self.table = make_table([m(Msg("eval.report.col.item")), m(Msg("eval.report.col.flag")), m(Msg("eval.report.col.reviewer")),
                                 m(Msg("eval.report.col.note")), m(Msg("eval.report.col.status"))], user_columns=(0, 2, 3))
        self.table.setObjectName("evalFlags")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resolve_btn = QPushButton(tr("Resolve…"))
        self.resolve_btn.setObjectName("resolveFlag")
        self.resolve_btn.clicked.connect(self._on_resolve)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.resolve_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)

    def show_flags(self, evaluation_id: int | None) -> int:
        """The evaluation's flags; how many are open."""
        self.flags = review.flags(self.ctx.ws, evaluation_id) if evaluation_id is not None else []
        m = self.n.msg
        rows = []
        for f in self.flags:
            kinds = [m(Msg(f"eval.report.flag.{k}")) for k in ("unsafe", "inconsistent") if getattr(f, k)]
            state = m(Msg("eval.report.flag.resolved" if f.resolved_by else "eval.report.flag.open"))
            if f.resolved_by:
                state = tr("{state} by {who}: {how}").format(state=state, who=self.n.name(f.resolved_by), how=self.n.name(f.resolution))
            rows.append([f.item_id, listing(self.ctx, kinds), f.reviewer, " ".join(f.note.split()), state])
        fill_table(self.table, rows)
        open_ = sum(1 for f in self.flags if not f.resolved_by)
        self.status.setText(m(Msg("eval.report.flags.none")) if not self.flags else tr("Open flags: {n}").format(n=self.ctx.num(open_)))
        self._update_buttons()
        return open_

    def _selected(self) -> review.Flag | None:
        row = selected_row(self.table)
        return self.flags[row] if 0 <= row < len(self.flags) else None

    def _update_buttons(self) -> None:
        f = self._selected()
        self.resolve_btn.setEnabled(f is not None and not f.resolved_by)

    def resolve(self, flag: review.Flag, resolution: str) -> bool:
        try:
            review.resolve_flag(self.ctx.ws, flag.rating_id, resolution)
        except AtlasError as exc:
            self.status.setText(display_text(self.n.msg(exc)))
            return False
        self.resolved.emit()
        return True

    @Slot()
    def _on_resolve(self) -> None:
        f = self._selected()
        if f is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, tr("Resolve the flag"), tr("How was the flag on item {id} resolved?").format(
            id=self.n.name(f.item_id)))
        if ok:
            self.resolve(f, text)
