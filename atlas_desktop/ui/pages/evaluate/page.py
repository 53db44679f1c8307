"""Evaluate: a candidate model version against production on a suite, the report of its newest
evaluation, the release gate, the report as files, and the project's suites.

The page composes its panels and keeps them in step: the candidate chosen in the run panel is
the one the results and the gate show; an evaluation, a suite version, a resolved flag or a
settings change is announced to every page (ctx.notify(evaluations=True)) and shown again here."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from atlas_desktop.ui.context import AppContext, Changes
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate.gate_panel import GatePanel
from atlas_desktop.ui.pages.evaluate.results_panel import ResultsPanel
from atlas_desktop.ui.pages.evaluate.run_panel import RunPanel
from atlas_desktop.ui.pages.evaluate.suite_panel import SuitePanel


class EvaluatePage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        heading = QLabel(tr("Evaluate"))
        heading.setObjectName("pageHeading")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)

        self.run = RunPanel(ctx)
        self.results = ResultsPanel(ctx)
        self.gate = GatePanel(ctx)
        self.suites = SuitePanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluateTabs")
        self.tabs.addTab(self.results, tr("Results"))
        self.tabs.addTab(self.gate, tr("Release gate and report"))
        self.tabs.addTab(self.suites, tr("Suites"))

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.run)
        lay.addWidget(self.tabs, 1)

        self.run.model_changed.connect(self._on_model_changed)
        self.run.evaluated.connect(self._on_evaluated)
        self.results.evaluate_again.connect(self._on_evaluate_again)
        self.results.flags_changed.connect(self._on_records_changed)
        self.gate.checked.connect(self._on_records_changed)
        self.gate.settings_changed.connect(self._on_records_changed)
        self.suites.saved.connect(self._on_records_changed)
        ctx.project_changed.connect(lambda *_: self.reload())
        ctx.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        project = self.ctx.current_project
        self.suites.reload()
        self.run.reload_suites()
        self.run.reload_models()
        self.show_results()
        if project and not self.suites.suites:  # the first thing to do: import a suite (or the demo suite)
            self.tabs.setCurrentWidget(self.suites)

    def show_results(self) -> None:
        """The chosen candidate's newest evaluation, and its gate."""
        m, project = self.run.chosen, self.ctx.current_project
        if m is None:
            self.results.clear(tr("No model version yet: train one on the Train page, then evaluate it here.") if project else "")
            self.gate.show_model(project, None, None, None, [])
            return
        self.results.show_model(project, m.number)
        info = self.results.info
        self.gate.show_model(project, m.number, self.results.report, info.id if info else None, info.out_of_date if info else [])

    @Slot()
    def _on_model_changed(self) -> None:
        self.show_results()

    @Slot(object)
    def _on_evaluated(self, _info: object) -> None:
        self.tabs.setCurrentWidget(self.results)
        self.ctx.notify(evaluations=True)

    @Slot(str)
    def _on_evaluate_again(self, suite_label: str) -> None:
        self.run.start(suite_label)

    @Slot()
    def _on_records_changed(self) -> None:
        self.ctx.notify(evaluations=True)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.project != self.ctx.current_project:
            return
        if changes.models:
            self.run.reload_models()
        if changes.evaluations:
            self.suites.reload()
            self.run.reload_suites()
        if changes.models or changes.evaluations or changes.datasets:  # a new dataset version makes an evaluation out of date
            self.show_results()
