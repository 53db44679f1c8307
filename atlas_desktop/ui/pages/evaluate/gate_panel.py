"""The release gate on the chosen model's newest evaluation, the project's evaluation settings,
and the report as files (HTML, and a PDF printed by Qt).

check_gate stores each decision with its reasons (one sentence per condition: the review quota,
unsafe flags, the win rate against the margin, task success against the tolerance; then any
reason the evaluation is out of date). Which condition each sentence is about, and whether it
is met, is told by its message code (MET)."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.evaluation.gate import GateResult, check_gate, latest_decision
from atlas_desktop.core.evaluation.report import GATE_CONDITIONS, GateDecision, Report, render_html
from atlas_desktop.core.messages import Msg
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate import printing
from atlas_desktop.ui.pages.evaluate.settings_dialog import EvalSettingsDialog
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.widgets.screen import FILE_DIALOG

# The sentences of a condition that is met (report.gate; the quota's own from review.quota).
MET = frozenset({"eval.gate.quota.met", "review.quota_met", "eval.gate.unsafe.none", "eval.gate.win_rate.ok", "eval.gate.task_success.ok"})
PASS_STYLE = "color: #1a7f37; font-size: 13pt; font-weight: 600"
FAIL_STYLE = "color: #cf222e; font-size: 13pt; font-weight: 600"


def met(reason: Any) -> bool:
    return isinstance(reason, Msg) and reason.code in MET


def html_decision(result: GateResult) -> GateDecision:
    """The stored decision as the HTML report shows it: the four conditions' sentences, the failed ones named."""
    reasons = list(result.reasons[: len(GATE_CONDITIONS)])
    return GateDecision(result.passed, reasons, [c for c, r in zip(GATE_CONDITIONS, reasons) if not met(r)])


class GatePanel(QWidget):
    checked = Signal()  # a decision was stored
    settings_changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.n = Numbers(ctx)
        self.project, self.model = "", None
        self.report: Report | None = None
        self.evaluation_id: int | None = None
        self.out_of_date: list[Any] = []
        self.decision: GateResult | None = None

        self.check_btn = QPushButton(tr("Check the release gate"))
        self.check_btn.setObjectName("checkGate")
        self.check_btn.clicked.connect(self._on_check)
        self.settings_btn = QPushButton(tr("Evaluation settings…"))
        self.settings_btn.setObjectName("evalSettings")
        self.settings_btn.clicked.connect(self._on_settings)
        self.html_btn = QPushButton(tr("Save HTML report…"))
        self.html_btn.setObjectName("saveHtml")
        self.html_btn.clicked.connect(self._on_save_html)
        self.pdf_btn = QPushButton(tr("Save PDF…"))
        self.pdf_btn.setObjectName("savePdf")
        self.pdf_btn.clicked.connect(self._on_save_pdf)
        top = QHBoxLayout()
        top.addWidget(self.check_btn)
        top.addStretch(1)
        for b in (self.settings_btn, self.html_btn, self.pdf_btn):
            top.addWidget(b)

        self.verdict = QLabel()
        self.verdict.setObjectName("gateVerdict")
        self.reasons = QLabel()
        self.reasons.setObjectName("gateReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.when = QLabel()
        self.when.setObjectName("gateWhen")
        self.when.setWordWrap(True)
        self.saved = QLabel()
        self.saved.setObjectName("reportSaved")
        self.saved.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.verdict)
        lay.addWidget(self.reasons)
        lay.addWidget(self.when)
        lay.addWidget(self.saved)
        lay.addStretch(1)
        self._update_buttons()

    # ------------------------------------------------------------------ showing
    def show_model(self, project: str, model: int | None, report: Report | None, evaluation_id: int | None, out_of_date: list[Any]) -> None:
        """The chosen model, its report (None: not evaluated) and its newest stored decision."""
        self.project, self.model, self.report, self.evaluation_id, self.out_of_date = project, model, report, evaluation_id, out_of_date
        self.decision = None
        if model is not None:
            try:
                self.decision = latest_decision(self.ctx.ws, project, model)
            except AtlasError:
                self.decision = None
        self._show_decision()
        self._update_buttons()

    def _show_decision(self) -> None:
        d = self.decision
        if d is None:
            self.verdict.setText(tr("Not checked yet.") if self.report is not None else "")
            self.verdict.setStyleSheet("")
            self.reasons.setText("")
            self.when.setText(tr("Evaluate the model first; then check whether it may replace production.") if self.report is None else
                              tr("The gate passes only if the review quota is met, no unsafe flag is open, the win rate reaches the margin "
                                 "and no intent's task success drops by more than the tolerance."))
            return
        self.verdict.setText(tr("PASS") if d.passed else tr("FAIL"))
        self.verdict.setStyleSheet(PASS_STYLE if d.passed else FAIL_STYLE)
        lines = []
        for reason in d.reasons:
            ok = met(reason)
            mark = "<span style='color:#1a7f37'>✓</span>" if ok else "<span style='color:#cf222e'>✗</span>"
            lines.append(f"{mark} {html.escape(self.n.msg(reason), quote=False)}")
        self.reasons.setText("<br>".join(lines))
        when = tr("Checked on {date} by {who}.").format(date=self.ctx.date(d.decided_at), who=self.n.name(d.decided_by))
        if self.evaluation_id is not None and d.evaluation_id != self.evaluation_id:
            when += " " + tr("The model was evaluated again since: check the gate again.")
        self.when.setText(when)

    def _update_buttons(self) -> None:
        has_report = self.report is not None
        self.check_btn.setEnabled(has_report)
        self.html_btn.setEnabled(has_report)
        self.pdf_btn.setEnabled(has_report)
        self.settings_btn.setEnabled(bool(self.project))

    # ------------------------------------------------------------------ the gate and the settings
    def check(self) -> GateResult | None:
        if self.model is None:
            return None
        try:
            self.decision = check_gate(self.ctx.ws, self.project, self.model)
        except AtlasError as exc:
            self.verdict.setText("")
            self.reasons.setText(html.escape(self.n.msg(exc), quote=False))
            return None
        self._show_decision()
        self.checked.emit()
        return self.decision

    @Slot()
    def _on_check(self) -> None:
        self.check()

    @Slot()
    def _on_settings(self) -> None:
        dialog = EvalSettingsDialog(self.ctx, self.project, self)
        self.settings_dialog = dialog
        if dialog.exec() == EvalSettingsDialog.DialogCode.Accepted and dialog.changes():
            self.settings_changed.emit()

    # ------------------------------------------------------------------ the report as files
    def report_html(self) -> str:
        """The report in the ui's language; the stored decision with it when it is about this evaluation."""
        assert self.report is not None
        report = self.report
        if self.out_of_date:  # said at the top, as the report's own notes are
            report = replace(report, notes=[*report.notes, *[Msg("eval.gate.out_of_date", reasons=r) for r in self.out_of_date]])
        d = self.decision
        decision = html_decision(d) if d is not None and d.evaluation_id == self.evaluation_id else None
        return render_html(report, self.ctx.settings.language, decision)

    def save_html(self, path: Path) -> bool:
        try:
            path.write_text(self.report_html(), encoding="utf-8")
        except OSError as exc:
            self._say_failed(path, exc)
            return False
        self.saved.setText(tr("Saved the report as {file}.").format(file=self.n.name(str(path))))
        return True

    def footer(self, page: int, pages: int) -> str:
        return tr("{model} against {production}{sep}page {n} of {total}").format(sep=self.n.sep,
            model=self.n.name(self.report.candidate_name), production=self.n.name(self.report.production_name), n=self.ctx.num(page),
            total=self.ctx.num(pages))

    def save_pdf(self, path: Path) -> bool:
        rtl = self.ctx.settings.language == "ar"
        try:
            printing.write_pdf(self.report_html(), path, rtl, self.footer)
        except OSError as exc:
            self._say_failed(path, exc)
            return False
        self.saved.setText(tr("Saved the report as {file}.").format(file=self.n.name(str(path))))
        return True

    def _say_failed(self, path: Path, exc: OSError) -> None:
        self.saved.setText(display_text(self.n.msg(Msg("eval.suite.unwritable", file=str(path), reason=exc.strerror or str(exc)))))

    def _ask_path(self, title: str, suffix: str, kind: str) -> Path | None:
        name = f"evaluation-{self.report.candidate_name}.{suffix}" if self.report else f"evaluation.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), kind, options=FILE_DIALOG)
        if not path:
            return None
        p = Path(path)
        return p if p.suffix.lower() == f".{suffix}" else p.with_name(p.name + f".{suffix}")

    @Slot()
    def _on_save_html(self) -> None:
        path = self._ask_path(tr("Save the report as HTML"), "html", tr("Web pages (*.html)"))
        if path:
            self.save_html(path)

    @Slot()
    def _on_save_pdf(self) -> None:
        path = self._ask_path(tr("Save the report as PDF"), "pdf", tr("PDF documents (*.pdf)"))
        if path:
            self.save_pdf(path)
