"""The import wizard's window: the steps one after the other, Back and Next, and the strip that
shows the running child process (progress, what it does, Cancel). The import itself is the
model's; each step is its own widget over it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from atlas_desktop.core.data.staging import ImportDraft
from atlas_desktop.core.jobs import JobResult, format_duration
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.columns import ColumnsStep
from atlas_desktop.ui.pages.data.wizard.common import Step
from atlas_desktop.ui.pages.data.wizard.duplicates import DuplicatesStep
from atlas_desktop.ui.pages.data.wizard.files import FilesStep
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.pages.data.wizard.quality import QualityStep
from atlas_desktop.ui.pages.data.wizard.redaction import RedactionStep
from atlas_desktop.ui.pages.data.wizard.save import SaveStep
from atlas_desktop.ui.pages.data.wizard.split import SplitStep
from atlas_desktop.ui.pages.data.wizard.validation import ValidationStep
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.widgets.screen import fit_screen
from atlas_desktop.ui.workers import Job

STEP_CLASSES: tuple[type[Step], ...] = (FilesStep, ColumnsStep, ValidationStep, RedactionStep, DuplicatesStep, QualityStep, SplitStep, SaveStep)
STEPS = tuple(cls.key for cls in STEP_CLASSES)


def step_title(key: str) -> str:
    return STEP_CLASSES[STEPS.index(key)].title()


class ImportWizard(QDialog):
    saved = Signal(object)  # DatasetVersionInfo

    def __init__(self, ctx: AppContext, project: str, files: list[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.project = ctx, project
        self.model = ImportModel(ctx, project, self)
        self.setWindowTitle(tr("Import data into {project}").format(project=project))
        self.resize(fit_screen(self, 1100, 720))
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.stack = QStackedWidget()
        self.steps: dict[str, Step] = {}
        for cls in STEP_CLASSES:
            step = self.steps[cls.key] = cls(self.model)
            step.navigate.connect(self.go)
            self.stack.addWidget(step)
        # background-job strip
        self.progress = QProgressBar()
        self.progress_text = QLabel()
        self.cancel_job = QPushButton(tr("Cancel"))
        self.cancel_job.clicked.connect(self._on_cancel_job)
        strip = QHBoxLayout()
        for w in (self.progress, self.progress_text, self.cancel_job):
            strip.addWidget(w)
        self.job_strip = QWidget()
        self.job_strip.setLayout(strip)
        self.job_strip.hide()
        self.back = QPushButton(tr("Back"))
        self.next = QPushButton(tr("Next"))
        self.next.setDefault(True)
        close = QPushButton(tr("Close"))
        self.back.clicked.connect(self._on_back)
        self.next.clicked.connect(self._on_next)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(close)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.job_strip)
        lay.addLayout(buttons)
        self.model.files_changed.connect(self._on_files_changed)
        self.model.busy_changed.connect(self._on_busy_changed)
        self.model.progressed.connect(self._on_job_progress)
        self.model.finished.connect(self._on_job_finished)
        for f in files or []:
            self.add_file(Path(f))
        self.go("files")

    # ------------------------------------------------------------------ what tests and the Data page reach
    @property
    def job(self) -> Job | None:
        return self.model.job

    @property
    def draft(self) -> ImportDraft | None:
        return self.model.draft

    def add_file(self, path: Path) -> None:
        self.model.add_file(path)

    # ------------------------------------------------------------------ navigation
    @property
    def step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    @property
    def current(self) -> Step:
        return self.steps[self.step]

    def go(self, key: str) -> None:
        step = self.steps[key]
        self.stack.setCurrentWidget(step)
        self.heading.setText(tr("Step {n} of {total}: {title}").format(
            n=self.ctx.num(STEPS.index(key) + 1), total=self.ctx.num(len(STEPS)), title=step.title()))
        self._update_buttons()
        step.refresh()

    def _update_buttons(self) -> None:
        n = STEPS.index(self.step)
        self.back.setEnabled(n > 0 and self.model.job is None)
        self.next.setVisible(n < len(STEPS) - 1)
        self.next.setEnabled(self.model.job is None and self.current.can_go_next())

    @Slot()
    def _on_back(self) -> None:
        target = STEPS[STEPS.index(self.step) - 1]
        if target == "columns" and not self.model.tabular():
            target = "files"
        self.go(target)

    @Slot()
    def _on_next(self) -> None:
        self.current.commit()
        if self.step == "files" and self.model.tabular():
            self.go("columns")
        elif self.step in ("files", "columns"):
            self.model.start_analysis()  # the validation step is shown when it is done
        else:
            self.go(STEPS[STEPS.index(self.step) + 1])

    @Slot()
    def _on_files_changed(self) -> None:
        self._update_buttons()

    # ------------------------------------------------------------------ the child process
    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.job_strip.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.progress_text.setText(tr("Starting…"))
            self.cancel_job.setEnabled(True)
            self.back.setEnabled(False)
            self.next.setEnabled(False)

    @Slot(object, object)
    def _on_job_progress(self, p, eta) -> None:  # noqa: ANN001
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.step)
        text = localize(p.message, self.ctx)
        if eta is not None:
            text += " · " + tr("{time} left").format(time=self.ctx.digits(format_duration(eta)))
        self.progress_text.setText(display_text(text))

    @Slot()
    def _on_cancel_job(self) -> None:
        if self.model.cancel():
            self.cancel_job.setEnabled(False)
            self.progress_text.setText(tr("Cancelling…"))

    @Slot(str, object)
    def _on_job_finished(self, job: str, result: JobResult) -> None:
        if result.ok and job == "commit_job":
            self.saved.emit(self.model.version)
            self.accept()
            return
        if not result.ok and result.status != "cancelled":
            title = {"analyze_job": tr("Cannot import these files"), "rearrange_job": tr("Cannot apply the change"),
                     "commit_job": tr("Cannot save the dataset version")}[job]
            QMessageBox.warning(self, title, localize(result.failure, self.ctx))
        if job == "analyze_job":
            self.go("validation" if result.ok else "files")
        else:
            self.go("save" if job == "commit_job" else self.step)

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        self.model.cancel()
        super().reject()

    def done(self, r: int) -> None:
        # The draft holds the values redaction removed: it goes with the wizard. A child still
        # writing it has been told to stop; removing the file under it is safe on every OS we
        # support for a process that is being stopped (POSIX unlink; Windows retries on the next sweep).
        try:
            self.model.close_draft(remove=True)
        except OSError:
            pass
        super().done(r)
