"""Step 8: what the new dataset version will hold, and the button that saves it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from atlas_desktop.core.jobs import JobResult
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step, holdout_warning
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.bidi import BidiTextEdit


class SaveStep(Step):
    key = "save"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.save_summary = BidiTextEdit(read_only=True)
        self.save_button = QPushButton(tr("Save dataset version"))
        self.save_button.setObjectName("saveDataset")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save)
        lay = QVBoxLayout(self)
        lay.addWidget(self.save_summary, 1)
        lay.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        model.finished.connect(self._on_job_finished)

    @staticmethod
    def title() -> str:
        return tr("Save the dataset version")

    def refresh(self) -> None:
        draft = self.model.draft
        if draft is None:
            return
        st = draft.summary()
        n = self.ctx.num
        lines = [tr("Project: {p}").format(p=self.model.project),
                 tr("Conversations kept: {n} ({train} for training, {hold} held out)").format(n=n(st["kept"]), train=n(st["train"]), hold=n(st["holdout"])),
                 tr("Skipped records: {n}").format(n=n(st["invalid"])),
                 tr("Duplicates removed: {n}").format(n=n(st["duplicates"]["exact"] + st["duplicates"]["near"])),
                 tr("Redactions: {n} (undone by review: {u})").format(n=n(sum(st["redactions"].values())), u=n(len(draft.undone()))),
                 tr("The dataset version is immutable: a later import makes a new version and never changes this one.")]
        extends = (draft.get("settings") or {}).get("extends")
        if extends:
            lines.insert(1, tr("Adds to version {n}: its conversations and sources are kept beside the new files'.").format(n=n(extends)))
        warning = holdout_warning(self.model)
        if warning:
            lines.insert(1, "⚠ " + warning)
        self.save_summary.setPlainText("\n".join(lines))

    @Slot()
    def _on_save(self) -> None:
        if self.model.draft is None:
            return
        self.save_button.setEnabled(False)
        self.model.save()

    @Slot(str, object)
    def _on_job_finished(self, job: str, result: JobResult) -> None:
        if job == "commit_job" and not result.ok:
            self.save_button.setEnabled(True)  # the wizard says why; the analyst can try again
