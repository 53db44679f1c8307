"""Train: the recipe as a form and as YAML, Start / Pause / Cancel / Resume, live curves, past runs.

The run itself is core.training.runner.execute_run on a worker thread, which
supervises the training child process. Its events arrive batched (one list
per 100 ms poll, see workers.Job) and only fill buffers; the plots repaint
from their own ~10 per second timer when something changed, never once per
event.
"""

from __future__ import annotations

import html
import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QSplitter, QTabWidget, QVBoxLayout,
    QWidget,
)

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.jobs import JobResult, format_duration
from atlas_desktop.core.training.recipe import Recipe, dump_yaml, parse_recipe, preset
from atlas_desktop.core.training.runner import RunInfo, create_run, execute_run, list_runs, run_curves
from atlas_desktop.ui.context import AppContext, Changes
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.glossary import count
from atlas_desktop.ui.pages.recipe_form import RecipeForm
from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.widgets.charts import plot_widget
from atlas_desktop.ui.widgets.screen import FILE_DIALOG
from atlas_desktop.ui.widgets.tables import fill_table, make_table, select_row
from atlas_desktop.ui.workers import Job

REDRAW_MS = 100
PRESET_NAMES = {"quick": N_("Quick demo"), "standard": N_("Standard"), "thorough": N_("Thorough")}
STATUS_NAMES = {"queued": N_("queued"), "running": N_("running"), "finished": N_("finished"), "failed": N_("failed"),
                "cancelled": N_("cancelled"), "paused": N_("paused"), "interrupted": N_("interrupted")}
COMPARE_COLORS = ("#2f6fb3", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085")


class Curves:
    """One run's series, filled from its events."""

    def __init__(self) -> None:
        self.step: list[float] = []
        self.loss: list[float] = []
        self.lr: list[float] = []
        self.tps: list[float] = []
        self.mem: list[float] = []
        self.eval_step: list[float] = []
        self.eval_loss: list[float] = []
        self.total_steps = 0

    def add(self, ev: dict[str, Any]) -> bool:
        kind = ev.get("event")
        if kind in ("step", "prepared"):
            self.total_steps = max(self.total_steps, int(ev.get("total_steps") or 0))
        if kind == "step":
            self.step.append(float(ev["step"]))
            self.loss.append(float(ev["loss"]) if math.isfinite(float(ev["loss"])) else float("nan"))
            self.lr.append(float(ev["learning_rate"]))
            self.tps.append(float(ev["tokens_per_second"]))
            self.mem.append(float(ev.get("memory_mb") or 0.0))
            return True
        if kind == "eval" and ev.get("eval_loss") is not None:
            self.eval_step.append(float(ev["step"]))
            self.eval_loss.append(float(ev["eval_loss"]))
            return True
        return False

    @classmethod
    def of(cls, events: list[dict[str, Any]]) -> "Curves":
        c = cls()
        for ev in events:
            c.add(ev)
        return c


class _Plots(QWidget):
    """Four small plots: loss (train and holdout), learning rate, tokens per second, memory."""

    def __init__(self, arabic_digits: bool = False) -> None:
        super().__init__()
        import pyqtgraph as pg

        self.pg = pg
        self._arabic_digits = arabic_digits
        self._key: list[str] | None = None  # the runs the curves were built for
        self._items: list[tuple] = []
        self._steps: int | None = None  # the step axis' extent
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.loss = self._plot(tr("Loss") + " &nbsp; <span style='color:#555'>━ " + tr("training") + " &nbsp; ╍●╍ " + tr("holdout") + "</span>")
        self.lr = self._plot(tr("Learning rate"))
        self.tps = self._plot(tr("Tokens per second"))
        self.mem = self._plot(tr("Memory (MB)"))
        # The key: line styles in the loss plot's title, and (comparing runs) each run's colour in a
        # line above the plots. A legend inside a small plot covered its curves, and cut Arabic off.
        self.legend = QLabel()
        self.legend.setObjectName("plotLegend")
        self.legend.setWordWrap(True)
        self.legend.hide()
        grid.addWidget(self.legend, 0, 0, 1, 2)
        grid.addWidget(self.loss, 1, 0)
        grid.addWidget(self.lr, 1, 1)
        grid.addWidget(self.tps, 2, 0)
        grid.addWidget(self.mem, 2, 1)
        for w in (self.loss, self.lr, self.tps, self.mem):
            w.setMinimumHeight(85)  # four fit a 1280×720 window with the recipe beside them

    def _plot(self, title: str):
        p = plot_widget(self._arabic_digits, whole_x=True)
        p.setTitle(title, color="#14365d", size="10pt")
        # No grid and a fixed step axis: a repaint then costs a few ms, not tens (the window must never stall).
        # (no "step" label under the axis: the plots are small, and the Arabic line is tall)
        p.hideButtons()
        return p

    PANELS = ("loss", "lr", "tps", "mem")

    def draw(self, runs: list[tuple[str, Curves]], panels: tuple[str, ...] = PANELS) -> None:
        """Rebuild the curves only when the set of runs changes; otherwise give ``panels`` new data.

        A live run updates one panel per timer tick, so no single repaint holds the window up."""
        pg = self.pg
        key = [label for label, _ in runs]
        if key != self._key:
            self._key = key
            self._items = []
            for p in (self.loss, self.lr, self.tps, self.mem):
                p.clear()
            many = len(runs) > 1
            keys = []
            for i, (label, _c) in enumerate(runs):
                color = COMPARE_COLORS[i % len(COMPARE_COLORS)]
                pen = pg.mkPen(color, width=1.5)
                self._items.append((
                    self.loss.plot(pen=pen),
                    self.loss.plot(pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine), symbol="o", symbolSize=6,
                                   symbolBrush=color, symbolPen=color),
                    self.lr.plot(pen=pen), self.tps.plot(pen=pen), self.mem.plot(pen=pen)))
                keys.append(f"<span style='color:{color}'>■ {html.escape(label)}</span>")
            self.legend.setText(" &nbsp;&nbsp; ".join(keys))
            self.legend.setVisible(many)
        steps = max([c.total_steps or len(c.step) for _, c in runs] + [1])
        if steps != self._steps:
            self._steps = steps
            for p in (self.loss, self.lr, self.tps, self.mem):
                p.setXRange(0, steps, padding=0.02)
                p.enableAutoRange(x=False)
        for (_label, c), (loss, hold, lr, tps, mem) in zip(runs, self._items):
            if "loss" in panels:
                loss.setData(c.step, c.loss)
                hold.setData(c.eval_step, c.eval_loss)
            if "lr" in panels:
                lr.setData(c.step, c.lr)
            if "tps" in panels:
                tps.setData(c.step, c.tps)
            if "mem" in panels:
                mem.setData(c.step, c.mem)


class TrainPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.runs: list[RunInfo] = []
        self.job: Job | None = None
        self.child: Any = None
        self.live_run: str | None = None
        self.live = Curves()
        self.live_started = 0.0
        self.dirty = False
        self._syncing = False
        self._curve_cache: dict[str, Curves] = {}
        self.model_names: list[str] = []  # registered base models, read on reload (not on every keystroke)
        self.recipe_data: dict[str, Any] = {}  # the recipe last put in the form: keys the form does not show
        self.blocked = False  # the recipe has errors
        self._stale: list[str] = []  # plot panels still to repaint
        self.redraw_timer = QTimer(self)
        self.redraw_timer.setInterval(REDRAW_MS)
        self.redraw_timer.timeout.connect(self._redraw_if_dirty)

        heading = QLabel(tr("Train"))
        heading.setObjectName("pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)

        # ---------------------------------------------------------------- recipe
        self.preset = QComboBox()
        for key, name in PRESET_NAMES.items():
            self.preset.addItem(tr(name), key)
        self.preset.setObjectName("recipePreset")
        apply_preset = QPushButton(tr("Use preset"))
        apply_preset.clicked.connect(self._on_preset)
        self.model = QComboBox()
        self.model.setObjectName("baseModel")
        self.dataset = QComboBox()
        self.dataset.setObjectName("datasetVersion")
        for combo in (self.model, self.dataset):  # long names must not widen the form past its panel
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.dataset.currentIndexChanged.connect(self._on_yaml_edited)  # its split may not be the recipe's
        row = QHBoxLayout()
        row.addWidget(self.preset, 1)
        row.addWidget(apply_preset)
        preset_w = QWidget()
        preset_w.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.form = RecipeForm(ctx, [(tr("Preset"), preset_w), (tr("Base model"), self.model), (tr("Dataset version"), self.dataset)])
        self.form.changed.connect(self._on_form_changed)
        form_inner = self.form
        form_w = QScrollArea()
        form_w.setWidget(form_inner)
        form_w.setWidgetResizable(True)
        form_w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_w.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll = form_w
        self.yaml = QPlainTextEdit()
        self.yaml.setObjectName("recipeYaml")
        self.yaml.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # YAML is code
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.yaml.setFont(mono)
        yaml_buttons = QHBoxLayout()
        for text, slot in ((tr("Apply to form"), self._on_yaml_apply), (tr("Import…"), self._on_import), (tr("Export…"), self._on_export)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            yaml_buttons.addWidget(b)
        yaml_w = QWidget()
        yl = QVBoxLayout(yaml_w)
        yl.setContentsMargins(0, 0, 0, 0)
        yl.addWidget(self.yaml, 1)
        yl.addLayout(yaml_buttons)
        self.recipe_tabs = QTabWidget()
        self.recipe_tabs.addTab(form_w, tr("Form"))
        self.recipe_tabs.addTab(yaml_w, tr("YAML"))
        self.problems = QLabel()
        self.problems.setObjectName("recipeProblems")
        self.problems.setWordWrap(True)
        self.start_btn = QPushButton(tr("Start training"))
        self.start_btn.setObjectName("startTraining")
        self.start_btn.setDefault(True)
        self.start_btn.clicked.connect(self._on_start)
        recipe_box = QGroupBox(tr("Recipe"))
        rl = QVBoxLayout(recipe_box)
        rl.addWidget(self.recipe_tabs, 1)
        rl.addWidget(self.problems)
        rl.addWidget(self.start_btn)

        # ---------------------------------------------------------------- live view
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress_text = QLabel(tr("No run in progress."))
        self.progress_text.setObjectName("trainProgressText")
        self.pause_btn = QPushButton(tr("Pause"))
        self.pause_btn.setToolTip(tr("Stop at the next checkpoint; resume later."))
        self.pause_btn.clicked.connect(self._on_pause)
        self.cancel_btn = QPushButton(tr("Cancel"))
        self.cancel_btn.setToolTip(tr("Stop after the current step, saving a checkpoint."))
        self.cancel_btn.clicked.connect(self._on_cancel)
        self.resume_btn = QPushButton(tr("Resume"))
        self.resume_btn.setObjectName("resumeRun")
        self.resume_btn.clicked.connect(self._on_resume)
        controls = QHBoxLayout()
        controls.addWidget(self.progress, 1)
        for b in (self.pause_btn, self.cancel_btn, self.resume_btn):
            controls.addWidget(b)
        self.plots = _Plots(self.ctx.settings.uses_arabic_digits())
        self.log = QPlainTextEdit()
        self.log.setObjectName("trainLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.setMinimumHeight(36)
        live_box = QGroupBox(tr("Run"))
        lv = QVBoxLayout(live_box)
        lv.addLayout(controls)
        lv.addWidget(self.progress_text)
        live_split = QSplitter(Qt.Orientation.Vertical)
        live_split.addWidget(self.plots)
        live_split.addWidget(self.log)
        live_split.setSizes([520, 90])
        lv.addWidget(live_split, 1)

        # ---------------------------------------------------------------- past runs
        self.table = make_table([tr("Run"), tr("Status"), tr("Steps"), tr("Data"), tr("Base model"), tr("Holdout loss"),
                                 tr("Model version"), tr("Started")])
        self.table.setObjectName("trainingRuns")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.itemSelectionChanged.connect(self._on_run_selected)
        self.table.setMinimumHeight(64)
        hint = QLabel(tr("Select one run to see its curves, or several to compare them."))
        hint.setObjectName("hint")

        upper = QSplitter()
        upper.addWidget(recipe_box)
        upper.addWidget(live_box)
        upper.setStretchFactor(0, 0)
        upper.setStretchFactor(1, 1)
        upper.setSizes([470, 900])
        runs_w = QWidget()
        runs_l = QVBoxLayout(runs_w)
        runs_l.setContentsMargins(0, 0, 0, 0)
        runs_l.addWidget(hint)
        runs_l.addWidget(self.table, 1)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(upper)
        outer.addWidget(runs_w)
        outer.setSizes([640, 150])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.subtitle)
        lay.addWidget(outer, 1)

        # A lambda drops the signal's argument (a bool passed into a no-argument slot trips a PySide refcount bug).
        self.model.currentTextChanged.connect(lambda _t: self._on_form_changed())
        self.yaml.textChanged.connect(self._on_yaml_edited)
        ctx.project_changed.connect(lambda *_: self.reload())
        ctx.changed.connect(self._on_changed)
        self.reload()

    # ------------------------------------------------------------------ helpers
    def _l(self, text: object) -> str:
        return localize(text, self.ctx)

    def _status(self, text: str) -> None:
        self.progress_text.setText(display_text(text))  # run ids and model names read left to right

    def _log(self, text: str) -> None:
        self.log.appendPlainText("\n".join(display_text(line) for line in text.split("\n")))

    def reload(self, newest: bool = False) -> None:
        """Everything the page shows of the project; ``newest``: a version was just saved, offer it."""
        project = self.ctx.current_project
        self.reload_models()
        versions = self.reload_datasets(newest)
        models = self.model_names
        if not self.yaml.toPlainText().strip():
            from atlas_desktop.core.registry.model_store import DEMO_MODEL_NAME

            self._set_recipe(preset("quick", DEMO_MODEL_NAME if DEMO_MODEL_NAME in models else (models[0] if models else "")))
        if not project:
            self.subtitle.setText(tr("Choose or create a project first (Projects page)."))
        elif not versions:
            self.subtitle.setText(tr("Project {p} has no dataset version yet: import data on the Data page first.").format(p=project))
        elif not models:
            self.subtitle.setText(tr("No base model is registered yet: run `atlas models import-demo` or `atlas models import-base`."))
        else:
            self.subtitle.setText(tr("Fine-tune a base model with LoRA on a dataset version of {p}. Training runs in a separate process; "
                                     "you can keep working, pause, cancel and resume.").format(p=project))
        self.reload_runs()
        crashed = next((r for r in self.runs if r.status == "interrupted" and r.resumable), None)
        if crashed is not None and self.job is None:  # after a crash or kill: offer to go on where it stopped
            select_row(self.table, self.runs.index(crashed))
            self._status(tr("Run {r} was interrupted; its last checkpoint is at step {s}. Press Resume to continue it.").format(
                r=crashed.run_id, s=self.ctx.num(crashed.step)))
        self._update_buttons()
        inner = self.form_scroll.widget()
        # wide enough for the form (no horizontal scrolling), never so wide the window outgrows a 1280-pixel screen
        self.form_scroll.setMinimumWidth(min(460, inner.sizeHint().width() + self.form_scroll.verticalScrollBar().sizeHint().width() + 6))

    def reload_models(self) -> None:
        from atlas_desktop.core.registry.model_store import list_models

        models = self.model_names = [m.name for m in list_models(self.ctx.ws)]
        self._syncing = True
        current_model = self.model.currentText()
        self.model.clear()
        self.model.addItems(models)
        if current_model in models:
            self.model.setCurrentText(current_model)
        self._syncing = False

    def reload_datasets(self, newest: bool = False) -> list:
        """The project's dataset versions, newest first. The one chosen stays chosen, unless
        ``newest`` (a version was just saved) or it is gone: then the newest is."""
        from atlas_desktop.core.data.pipeline import list_versions

        project = self.ctx.current_project
        chosen = None if newest else self.dataset.currentData()
        versions = []
        if project:
            try:
                versions = list_versions(self.ctx.ws, project)
            except AtlasError:
                versions = []
        self._syncing = True
        self.dataset.clear()
        for v in reversed(versions):
            self.dataset.addItem(tr("v{n} — {train} for training, {holdout} held out").format(
                n=self.ctx.num(v.number), train=self.ctx.num(v.stats.get("train", 0)), holdout=self.ctx.num(v.stats.get("holdout", 0))), v.number)
        self.dataset.setCurrentIndex(max(0, self.dataset.findData(chosen)) if chosen is not None else 0)
        self._syncing = False
        return versions

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.project != self.ctx.current_project:
            return
        if changes.datasets:  # the subtitle, the dataset list and the buttons all depend on whether there is one
            self.reload(newest=True)
            self._on_yaml_edited()  # the new version's split may not be the recipe's
            return
        if changes.models:
            self.reload_models()
        if changes.runs:
            self.reload_runs()
        self._update_buttons()

    def reload_runs(self, select: str | None = None) -> None:
        """The project's runs; ``select`` one of them, or keep the one selected."""
        project = self.ctx.current_project
        if select is None:
            sel = self.selected_runs()
            select = sel[0].run_id if len(sel) == 1 else None
        try:
            self.runs = list_runs(self.ctx.ws, project) if project else []
        except AtlasError:
            self.runs = []
        rows = []
        for r in self.runs:
            ev = r.metrics.get("eval_loss")
            rows.append([r.run_id, tr(STATUS_NAMES.get(r.status, r.status)), f"{self.ctx.num(r.step)}/{self.ctx.num(r.total_steps)}",
                         tr("v{n}").format(n=self.ctx.num(r.dataset_version)), r.base_model, self.ctx.fixed(ev),
                         r.model_version or "—", self.ctx.date(r.created_at)])
        self.table.blockSignals(True)
        fill_table(self.table, rows)
        self.table.resizeColumnsToContents()  # once, not on every cell change (see __init__)
        self.table.blockSignals(False)
        if select:
            i = next((k for k, r in enumerate(self.runs) if r.run_id == select), -1)
            if i >= 0:
                select_row(self.table, i)

    # ------------------------------------------------------------------ recipe <-> form <-> yaml
    def _set_recipe(self, r: Recipe, text: str | None = None) -> None:
        """Show ``r`` in the form, and ``text`` (or the recipe's own YAML) in the YAML view."""
        self._syncing = True
        if r.model and self.model.findText(r.model) < 0:
            self.model.addItem(r.model)  # not registered: shown as written, the problems line says so
        if r.model:
            self.model.setCurrentText(r.model)
        self.form.set_recipe(r)
        self.recipe_data = r.to_dict()
        self.yaml.setPlainText(text if text is not None else r.source if r.source and not r.errors else r.to_yaml())
        self._syncing = False
        self._show_problems(self.current_recipe())

    def _form_dict(self) -> dict[str, Any]:
        """The recipe last shown, with the form's values (keys the form does not show are kept)."""
        data = dict(self.recipe_data)
        for section, values in self.form.values().items():
            data[section] = {**data.get(section, {}), **values}
        data["model"] = self.model.currentText()
        return data

    def current_recipe(self) -> Recipe:
        """The YAML view is the recipe (the form writes into it); empty, the form's values stand."""
        text = self.yaml.toPlainText()
        return parse_recipe(text if text.strip() else dump_yaml(self._form_dict()), registered_models=self.model_names)

    def _on_form_changed(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        self.yaml.setPlainText(dump_yaml(self._form_dict()))
        self._syncing = False
        self._show_problems(self.current_recipe())

    @Slot()
    def _on_yaml_edited(self) -> None:
        if self._syncing:
            return
        try:
            self._show_problems(self.current_recipe())
        except AtlasError as exc:
            self._show_problems(None, exc)

    def _on_yaml_apply(self) -> None:
        try:
            r = self.current_recipe()
        except AtlasError as exc:
            QMessageBox.warning(self, tr("Recipe"), self._l(exc))
            return
        self._set_recipe(r)
        self.recipe_tabs.setCurrentIndex(0)

    def _split_warning(self, r: Recipe) -> list:
        """The dataset version chosen was split with another holdout share than the recipe asks for."""
        from atlas_desktop.core.training.runner import split_problem

        project, number = self.ctx.current_project, self.dataset.currentData()
        if not project or number is None:
            return []
        try:
            problem = split_problem(self.ctx.ws, project, r, number)
        except AtlasError:
            return []
        return [problem] if problem else []

    def _show_problems(self, r: Recipe | None, error: object = "") -> None:
        if r is None:
            self.problems.setText(f"<span style='color:#b03a2e'>{html.escape(self._l(error), quote=False)}</span>")
            self.start_btn.setEnabled(False)
            return
        # rich text: a value quoted from the recipe ('<auto>') is escaped, not read as markup
        parts = [f"<span style='color:#b03a2e'>✖ {html.escape(self._l(p.message), quote=False)}</span>" for p in r.errors]
        parts += [f"<span style='color:#9a6700'>⚠ {html.escape(self._l(p.message), quote=False)}</span>"
                  for p in [*r.warnings, *self._split_warning(r)]]
        self.problems.setText("<br>".join(parts) if parts else f"<span style='color:#1e7d32'>✔ {tr('The recipe is valid.')}</span>")
        self.blocked = bool(r.errors)
        self._update_buttons()

    @Slot()
    def _on_preset(self) -> None:
        self._set_recipe(preset(self.preset.currentData(), self.model.currentText()))

    @Slot()
    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import a recipe"), str(Path.home()), tr("Recipes (*.yaml *.yml)"),
                                              options=FILE_DIALOG)
        if path:
            self.import_recipe(Path(path))

    def import_recipe(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
            r = parse_recipe(text, source_name=path.name, registered_models=self.model_names)
        except (OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(self, tr("Recipe"), tr("The file {f} cannot be read ({e}).").format(f=path.name, e=exc))
            return
        except AtlasError as exc:
            QMessageBox.warning(self, tr("Recipe"), self._l(exc))
            return
        self._set_recipe(r, text)  # the YAML view keeps the file exactly as written

    @Slot()
    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the recipe"), str(Path.home() / "recipe.yaml"),
                                              tr("Recipes (*.yaml *.yml)"), options=FILE_DIALOG)
        if path:
            Path(path).write_text(self.yaml.toPlainText(), encoding="utf-8")

    # ------------------------------------------------------------------ runs
    def _update_buttons(self) -> None:
        running = self.job is not None and self.job.running
        ready = bool(self.ctx.current_project) and self.dataset.count() > 0 and self.model.count() > 0
        self.start_btn.setEnabled(ready and not running and not self.blocked)
        self.pause_btn.setEnabled(running and self.child is not None)
        self.cancel_btn.setEnabled(running)
        sel = self.selected_runs()
        self.resume_btn.setEnabled(not running and len(sel) == 1 and sel[0].resumable)

    def selected_runs(self) -> list[RunInfo]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.runs[r] for r in rows if r < len(self.runs)]

    @Slot()
    def _on_start(self) -> None:
        try:
            recipe = self.current_recipe()
            run = create_run(self.ctx.ws, self.ctx.current_project, recipe, self.dataset.currentData())
        except AtlasError as exc:
            QMessageBox.warning(self, tr("Train"), self._l(exc))
            return
        self._launch(run, resume=False)

    @Slot()
    def _on_resume(self) -> None:
        sel = self.selected_runs()
        if len(sel) == 1 and sel[0].resumable:
            self._launch(sel[0], resume=True)

    def _launch(self, run: RunInfo, resume: bool) -> None:
        ws = self.ctx.ws
        self.live_run = run.run_id
        self.live = Curves.of(run_curves(run)) if resume else Curves()
        self.log.clear()
        self.child = None
        self.live_started = time.monotonic()
        job: Job

        def fn(_cfg: Any, report: Any, cancel: Any) -> RunInfo:
            return execute_run(ws, run.run_id, report, cancel, resume=resume, on_event=job.add_event, on_start=self._child_started,
                               interactive=True)

        name = tr("Resuming run {r}") if resume else tr("Training run {r}")
        job = Job(display_text(name.format(r=run.run_id)), fn)
        self.job = self.ctx.jobs.start(job)
        job.events.connect(self._on_events)
        job.finished.connect(self._on_done)
        self.progress.setRange(0, 0)
        self._status(tr("Starting the training process…"))
        self.dirty = True
        self.redraw_timer.start()
        self.reload_runs(select=run.run_id)
        self._update_buttons()

    def _child_started(self, child: Any) -> None:  # worker thread: only store the handle
        self.child = child

    def _on_events(self, events: list[dict[str, Any]]) -> None:
        lines = []
        for ev in events:
            kind = ev.get("event")
            if self.live.add(ev):
                self.dirty = True
            if kind == "step":
                self._update_live_row(int(ev["step"]), int(ev["total_steps"]))
                self.progress.setRange(0, int(ev["total_steps"]))
                self.progress.setValue(int(ev["step"]))
                eta = self.job.eta if self.job else None
                text = tr("Step {s} of {t} · loss {l} · {tps} tokens/s").format(
                    s=self.ctx.num(ev["step"]), t=self.ctx.num(ev["total_steps"]), l=self.ctx.fixed(ev['loss']),
                    tps=self.ctx.num(round(ev["tokens_per_second"])))
                if eta is not None:
                    text += " · " + tr("about {eta} left").format(eta=self.ctx.digits(format_duration(eta)))
                self._status(text)
            elif kind == "prepared":
                lines.append(tr("{rows}, {steps}, micro-batch {mb} × {acc}, {prec} on {dev}.").format(
                    rows=count(self.ctx, ev["rows"], "row"), steps=count(self.ctx, ev["total_steps"], "step"), mb=self.ctx.num(ev["micro_batch"]),
                    acc=self.ctx.num(ev["accumulation"]), prec=ev["precision"], dev=ev["device"]))
                self.pause_btn.setEnabled(True)
            elif kind == "eval":
                lines.append(tr("Step {s}: holdout loss {l}").format(s=self.ctx.num(ev["step"]), l=self.ctx.fixed(ev['eval_loss'])))
            elif kind == "evaluating":  # the last step is done; the whole holdout can take minutes
                self.progress.setRange(0, 0)
                self.pause_btn.setEnabled(False)
                self._status(tr("All steps done. Measuring the loss on the whole holdout ({n}); this can take a few minutes…").format(
                    n=count(self.ctx, ev["rows"], "row")))
            elif kind == "final_eval":
                lines.append(tr("Holdout loss on the whole holdout ({n}): {l}").format(
                    n=count(self.ctx, ev["rows"], "row"), l=self.ctx.fixed(ev['eval_loss'])))
            elif kind == "checkpoint":
                lines.append(tr("Checkpoint saved at step {s}.").format(s=self.ctx.num(ev["step"])))
            elif kind == "paused":
                lines.append(tr("Paused at step {s}.").format(s=self.ctx.num(ev["step"])))
            elif kind == "log":
                lines.append(self._l(ev.get("message") or str(ev.get("line", ""))))  # a note of the run's (a code), or a library's line
            elif kind == "started":
                lines.append(tr("Training process started."))
        if lines:
            self._log("\n".join(lines))

    def _curves(self, run: RunInfo) -> Curves:
        """A past run's curves, read once (runs still going are read afresh)."""
        if run.status in ("running", "queued") or run.run_id not in self._curve_cache:
            self._curve_cache[run.run_id] = Curves.of(run_curves(run))
        return self._curve_cache[run.run_id]

    @Slot()
    def _update_live_row(self, step: int, total: int) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        row = next((i for i, r in enumerate(self.runs) if r.run_id == self.live_run), -1)
        if row >= 0:
            self.table.setItem(row, 1, QTableWidgetItem(tr(STATUS_NAMES["running"])))
            self.table.setItem(row, 2, QTableWidgetItem(f"{self.ctx.num(step)}/{self.ctx.num(total)}"))

    def _redraw_if_dirty(self, everything: bool = False) -> None:
        """New events mark every panel stale; each tick repaints the next stale one (all of them when asked)."""
        if self.dirty:
            self.dirty = False
            self._stale = list(_Plots.PANELS)
        stale = self._stale
        if not stale:
            return
        panels = tuple(stale) if everything else (stale[0],)
        self._stale = [x for x in stale if x not in panels]
        selected = [r for r in self.selected_runs() if r.run_id != self.live_run]
        runs = [((self.live_run or "")[-6:], self.live)] + [(r.run_id[-6:], self._curves(r)) for r in selected]
        self.plots.draw(runs, panels)

    @Slot()
    def _on_pause(self) -> None:
        if self.child is not None:
            self.child.send("pause")
            self.pause_btn.setEnabled(False)
            self._status(tr("Pausing at the next checkpoint…"))

    @Slot()
    def _on_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_btn.setEnabled(False)
            self._status(tr("Cancelling: finishing the current step and saving a checkpoint…"))

    @Slot(object)
    def _on_done(self, result: JobResult) -> None:
        self.redraw_timer.stop()
        self.dirty = True
        self._redraw_if_dirty(everything=True)
        run: RunInfo | None = result.value if result.ok else None
        if run is None:
            msg = self._l(result.failure or tr("The run stopped."))
        elif run.status == "finished":
            elapsed = format_duration(time.monotonic() - self.live_started)
            msg = tr("Finished in {t}: registered as {m} (holdout loss {l}).").format(
                t=self.ctx.digits(elapsed), m=run.model_version, l=self.ctx.fixed(run.metrics.get('eval_loss')))
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        else:
            msg = self._l(run.message)
        self._status(msg)
        self._log(msg)
        self.job, self.child = None, None
        self.reload_runs(select=run.run_id if run else None)
        self._update_buttons()
        self.ctx.notify(runs=True, models=bool(run is not None and run.model_version))

    @Slot()
    def _on_run_selected(self) -> None:
        self._update_buttons()
        if self.job is not None and self.job.running:
            self.dirty = True
            self._redraw_if_dirty()
            return
        sel = self.selected_runs()
        self.live_run = None
        self.plots.draw([(r.run_id[-6:], self._curves(r)) for r in sel])
        if len(sel) == 1:
            r = sel[0]
            self._status(f"{r.run_id}: {self._l(r.message) if r.message else tr(STATUS_NAMES.get(r.status, r.status))}")
