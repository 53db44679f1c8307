"""One import as the wizard's steps share it: the files, what the analyst chose, the open draft
and the child process that writes it.

The analysis, the changes that touch every conversation (keep N per cluster, split again) and
the save run in a child process (core.data.pipeline's jobs); while one runs the window lets go
of the draft, and takes it up again when it is done. The steps read and change the import only
here, never through one another."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from atlas_desktop.core.data.pipeline import DatasetVersionInfo, ImportSettings, base_version, list_versions
from atlas_desktop.core.data.staging import ImportDraft, new_draft_path, remove_draft
from atlas_desktop.core.jobs import JobResult
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.glossary import count
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.workers import Job

TABULAR = (".csv", ".tsv", ".xlsx")


class ImportModel(QObject):
    files_changed = Signal()
    busy_changed = Signal(bool)  # a child process started (True) or ended (False)
    progressed = Signal(object, object)  # the running child's Progress, eta seconds or None
    draft_closing = Signal()  # the draft is going for good: views over it empty themselves
    finished = Signal(str, object)  # the job that ended ("analyze_job", "rearrange_job", "commit_job"), its JobResult

    def __init__(self, ctx: AppContext, project: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.project = ctx, project
        self.files: list[Path] = []
        self.mapping: dict[str, str] = {}  # field -> column of a CSV or Excel file
        self.fixes: dict[str, dict[int, str]] = {}  # records fixed by hand: {file name: {line: messages JSON}}
        defaults = ImportSettings()
        # what the analyst chose on the duplicates and split steps (ImportSettings' names)
        self.settings: dict = {"keep_per_cluster": defaults.keep_per_cluster, "cluster_keep": {},
                               "holdout_ratio": defaults.holdout_ratio, "seed": defaults.seed}
        versions = list_versions(ctx.ws, project)
        self.latest = versions[-1].number if versions else None  # the version new files can add to
        self.extend = self.latest is not None  # add to it (a new version with both), or replace it
        self.draft: ImportDraft | None = None
        self.draft_path: Path | None = None
        self.job: Job | None = None
        self._job_name = ""
        self.version: DatasetVersionInfo | None = None  # the version saved

    # ------------------------------------------------------------------ files
    def add_file(self, path: Path) -> None:
        self.files.append(path)
        self.files_changed.emit()

    def remove_files(self, rows: list[int]) -> None:
        for row in sorted(rows, reverse=True):
            del self.files[row]
        self.files_changed.emit()

    def tabular(self) -> list[Path]:
        return [p for p in self.files if p.suffix.lower() in TABULAR]

    # ------------------------------------------------------------------ the draft
    def reopen_draft(self) -> None:
        if self.draft_path is not None and self.draft_path.is_file():
            self.draft = ImportDraft.open(self.draft_path)

    def close_draft(self, remove: bool) -> None:
        self.draft_closing.emit()
        if self.draft is not None:
            self.draft.close()
            self.draft = None
        if remove:
            remove_draft(self.draft_path)
            self.draft_path = None

    def _rearrange_settings(self) -> dict:
        """The draft's settings with what the analyst chose on the duplicates and split steps."""
        assert self.draft is not None
        d = dict(self.draft.get("settings"))
        s = self.settings
        d.update(keep_per_cluster=s["keep_per_cluster"], holdout_ratio=round(s["holdout_ratio"], 3), seed=s["seed"],
                 cluster_keep=dict(s["cluster_keep"]))
        return d

    # ------------------------------------------------------------------ child processes
    def start_analysis(self) -> None:
        files = list(self.files)
        self.close_draft(remove=True)  # the one a fix replaces
        self.draft_path = new_draft_path(self.ctx.ws.paths.tmp)
        s = self.settings
        settings = ImportSettings(mapping=self.mapping or None, fixes=self.fixes, holdout_ratio=round(s["holdout_ratio"], 3),
                                  seed=s["seed"], keep_per_cluster=s["keep_per_cluster"])
        config = {"files": [str(f) for f in files], "settings": asdict(settings), "draft": str(self.draft_path), "interactive": True,
                  "home": str(self.ctx.ws.paths.home)}
        if self.latest is not None and self.extend:
            config["base"] = base_version(self.ctx.ws, self.project, self.latest)
        self._run_child(tr("Reading and checking the files ({n})").format(n=count(self.ctx, len(files), "file")), "analyze_job", config)

    def rearrange(self) -> None:
        if self.draft is None or self.job is not None:
            return
        settings = self._rearrange_settings()
        self._run_child(tr("Applying your choices to every conversation"), "rearrange_job",
                        {"draft": str(self.draft_path), "settings": settings, "interactive": True})

    def save(self) -> None:
        ws = self.ctx.ws
        config = {"home": str(ws.paths.home), "database_url": ws.settings.database_url or "", "project": self.project,
                  "draft": str(self.draft_path), "interactive": True}
        self._run_child(tr("Saving the dataset version"), "commit_job", config)

    def cancel(self) -> bool:
        """Tell the running child to stop; False when none runs."""
        if self.job is None:
            return False
        self.job.cancel()
        return True

    def _run_child(self, name: str, job: str, config: dict) -> None:
        if self.draft is not None:  # the child writes the draft: the window lets go of it meanwhile
            self.draft.close()
            self.draft = None
        self._job_name = job
        self.job = self.ctx.jobs.run_child(name, f"atlas_desktop.core.data.pipeline:{job}", config)
        self.job.progressed.connect(self.progressed)
        self.job.finished.connect(self._on_job_finished)
        self.busy_changed.emit(True)

    @Slot(object)
    def _on_job_finished(self, result: JobResult) -> None:
        name, self.job = self._job_name, None
        self.busy_changed.emit(False)
        if name == "analyze_job" and not result.ok:
            self.close_draft(remove=True)
        elif name == "commit_job" and result.ok:
            number = result.value["number"]
            self.version = next(v for v in list_versions(self.ctx.ws, self.project) if v.number == number)
            self.close_draft(remove=True)
        else:
            self.reopen_draft()
        self.finished.emit(name, result)
