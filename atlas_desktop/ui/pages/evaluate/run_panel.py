"""Choose the candidate model version and the suite, and evaluate it in the background.

run_evaluation starts a child process that answers every item with both models; it runs on a
worker thread (workers.Job), which reports progress (step, total, a message) that a timer on
the window's thread polls, so the window stays responsive. Cancel stops the child."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.evaluation.runs import EvaluationInfo, run_evaluation
from atlas_desktop.core.evaluation.suites import list_suites
from atlas_desktop.core.jobs import JobResult, Progress, format_duration
from atlas_desktop.core.training.runner import ModelVersionInfo, list_model_versions
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.workers import Job


class RunPanel(QWidget):
    model_changed = Signal()  # the candidate chosen changed
    evaluated = Signal(object)  # EvaluationInfo: an evaluation was stored

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.n = Numbers(ctx)
        self.models: list[ModelVersionInfo] = []
        self.job: Job | None = None

        self.model = QComboBox()
        self.model.setObjectName("candidateModel")
        self.suite = QComboBox()
        self.suite.setObjectName("evalSuite")
        for combo in (self.model, self.suite):  # long names must not widen the page past the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
        self.model.currentIndexChanged.connect(self._on_model_chosen)
        self.evaluate_btn = QPushButton(tr("Evaluate"))
        self.evaluate_btn.setObjectName("evaluate")
        self.evaluate_btn.setDefault(True)
        self.evaluate_btn.clicked.connect(self._on_evaluate)
        self.cancel_btn = QPushButton(tr("Cancel"))
        self.cancel_btn.setObjectName("cancelEvaluation")
        self.cancel_btn.clicked.connect(self._on_cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("evalProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress_text = QLabel()
        self.progress_text.setObjectName("evalProgressText")
        self.production = QLabel()
        self.production.setObjectName("productionNote")
        self.production.setWordWrap(True)

        self.progress.setMaximumWidth(260)
        self.progress_text.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.production, 0, 0, 1, 5)
        grid.addWidget(QLabel(tr("Candidate")), 1, 0)
        grid.addWidget(self.model, 1, 1)
        grid.addWidget(QLabel(tr("Suite")), 1, 2)
        grid.addWidget(self.suite, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.evaluate_btn)
        buttons.addWidget(self.cancel_btn)
        grid.addLayout(buttons, 1, 4)
        status = QHBoxLayout()  # shown from the first run on
        status.addWidget(self.progress)
        status.addWidget(self.progress_text, 1)
        grid.addLayout(status, 2, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.progress.hide()
        self.progress_text.hide()
        self._update_buttons()

    # ------------------------------------------------------------------ choices
    @property
    def chosen(self) -> ModelVersionInfo | None:
        i = self.model.currentIndex()
        return self.models[i] if 0 <= i < len(self.models) else None

    def reload_models(self) -> None:
        """The project's model versions, newest first; the one chosen stays chosen."""
        project = self.ctx.current_project
        keep = self.chosen.number if self.chosen else None
        try:
            self.models = list_model_versions(self.ctx.ws, project) if project else []
        except AtlasError:
            self.models = []
        self.models.sort(key=lambda m: m.number, reverse=True)
        self.model.blockSignals(True)
        self.model.clear()
        for m in self.models:
            self.model.addItem(self.n.model(m.name, m.number), m.number)
        self.model.setCurrentIndex(max(0, self.model.findData(keep)) if keep is not None else 0)
        self.model.blockSignals(False)
        self._show_production()
        self._update_buttons()

    def reload_suites(self, prefer: str | None = None) -> None:
        """The project's suite versions, newest first; ``prefer`` a label ("banking v2"), else the one chosen stays."""
        project = self.ctx.current_project
        keep = prefer or (self.suite.currentData() or {}).get("label")
        try:
            suites = list_suites(self.ctx.ws, project) if project else []
        except AtlasError:
            suites = []
        self.suite.clear()
        for s in suites:
            self.suite.addItem(self.n.suite(s.name, s.number), {"name": s.name, "number": s.number, "label": s.label})
        labels = [s.label for s in suites]
        self.suite.setCurrentIndex(labels.index(keep) if keep in labels else 0)
        self._update_buttons()

    def _show_production(self) -> None:
        m = self.chosen
        if m is None:
            project = self.ctx.current_project
            self.production.setText(tr("No model version yet: train one on the Train page, then evaluate it here.") if project else
                                    tr("Choose or create a project first (Projects page)."))
            return
        live = next((x for x in self.models if x.stage == "production" and x.number != m.number), None)
        if live is not None:
            self.production.setText(tr("Production is {model}: the candidate is compared with it.").format(model=self.n.model(live.name, live.number)))
        else:
            self.production.setText(tr("Production is the base model {base} until a version has been released: the candidate is compared with it.")
                                    .format(base=self.n.name(m.base_model)))

    def _update_buttons(self) -> None:
        running = self.job is not None and self.job.running
        self.evaluate_btn.setEnabled(not running and self.chosen is not None and self.suite.count() > 0)
        self.cancel_btn.setEnabled(running)
        self.model.setEnabled(not running)
        self.suite.setEnabled(not running)

    @Slot()
    def _on_model_chosen(self) -> None:
        self._show_production()
        self._update_buttons()
        self.model_changed.emit()

    # ------------------------------------------------------------------ the run
    def start(self, suite_label: str | None = None) -> Job | None:
        """Evaluate the chosen model on the chosen suite (or on ``suite_label``, when the project still has it)."""
        if suite_label:
            self.reload_suites(prefer=suite_label)
        m, suite = self.chosen, self.suite.currentData()
        if m is None or not suite or (self.job is not None and self.job.running):
            return None
        ws, project = self.ctx.ws, self.ctx.current_project

        def fn(_cfg: Any, report: Any, cancel: Any) -> EvaluationInfo:
            return run_evaluation(ws, project, m.number, suite["name"], suite["number"], report, cancel, interactive=True)

        name = tr("Evaluating {model}").format(model=self.n.model(m.name, m.number))
        self.job = self.ctx.jobs.run(display_text(name), fn)
        self.job.progressed.connect(self._on_progress)
        self.job.finished.connect(self._on_done)
        self.progress.show()
        self.progress_text.show()
        self.progress.setRange(0, 0)  # busy until the child reports its first step
        self.progress.setFormat("")
        self.progress_text.setText(tr("Starting the evaluation process…"))
        self._update_buttons()
        return self.job

    @Slot()
    def _on_evaluate(self) -> None:
        self.start()

    @Slot()
    def _on_cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.cancel_btn.setEnabled(False)
            self.progress_text.setText(tr("Cancelling…"))

    @Slot(object, object)
    def _on_progress(self, p: Progress, eta: float | None) -> None:
        if self.job is None or self.job.cancel_token.cancelled:
            return
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.step, p.total))
            self.progress.setFormat(self.ctx.percent(p.step / p.total))
        text = self.n.msg(p.message) if p.message else ""
        if eta is not None and p.total and p.step < p.total:
            text += self.n.sep + tr("about {eta} left").format(eta=self.ctx.digits(format_duration(eta)))
        self.progress_text.setText(display_text(text))

    @Slot(object)
    def _on_done(self, result: JobResult) -> None:
        self.job = None
        self.progress.setRange(0, 1)
        self.progress.setFormat("")
        if result.ok:
            info: EvaluationInfo = result.value
            self.progress.setValue(1)
            self.progress_text.setText(tr("Evaluated {model} on {suite}: {n} items.").format(
                model=self.n.model(info.model, info.model_number), suite=self.n.suite_label(info.suite), n=self.ctx.num(info.items)))
            self.evaluated.emit(info)
        else:
            self.progress.setValue(0)
            self.progress_text.setText(tr("Cancelled") if result.status == "cancelled" else display_text(self.n.msg(result.failure)))
        self._update_buttons()
