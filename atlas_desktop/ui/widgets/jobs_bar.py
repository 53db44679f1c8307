"""The status-bar strip of running jobs: name, progress, counts, ETA and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from atlas_desktop.core.jobs import format_duration
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.workers import Job


class _JobRow(QWidget):
    def __init__(self, job: Job, ctx: AppContext) -> None:
        super().__init__()
        self.job, self.ctx = job, ctx
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 0)
        self.name = QLabel(job.name)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(True)
        self.counts = QLabel()
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.setObjectName("jobCancel")
        self.cancel.clicked.connect(self._on_cancel)
        for w in (self.name, self.bar, self.counts, self.cancel):
            lay.addWidget(w)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.refresh()

    @Slot()
    def _on_cancel(self) -> None:
        self.job.cancel()
        self.cancel.setEnabled(False)
        self.counts.setText(tr("Cancelling…"))

    def refresh(self) -> None:
        job, p = self.job, self.job.progress
        if job.result is not None:
            self.bar.setRange(0, 1)
            self.bar.setValue(1 if job.result.ok else 0)
            self.cancel.hide()
            text = {"ok": tr("Done"), "cancelled": tr("Cancelled"), "failed": tr("Failed")}[job.result.status]
            self.counts.setText(text)
            self.bar.setFormat(text)
            return
        if p is None or not p.total:
            self.bar.setRange(0, 0)  # busy indicator until the job knows its size
            self.counts.setText(localize(p.message, self.ctx) if p else tr("Starting…"))
            return
        self.bar.setRange(0, p.total)
        self.bar.setValue(min(p.step, p.total))
        pct = self.ctx.num(int(100 * p.step / p.total))
        self.bar.setFormat(f"{pct}%")
        counts = f"{self.ctx.num(p.step)} / {self.ctx.num(p.total)}"
        if job.eta is not None:
            counts += " · " + tr("{time} left").format(time=self.ctx.digits(format_duration(job.eta)))
        self.counts.setText(counts)


class JobsBar(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("jobsBar")
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._idle = QLabel(tr("No jobs running"))
        self._lay.addWidget(self._idle)
        self._lay.addStretch(1)
        self._rows: dict[int, _JobRow] = {}
        ctx.jobs.changed.connect(self._on_jobs_changed)

    @Slot()
    def _on_jobs_changed(self) -> None:
        current = {id(j): j for j in self.ctx.jobs.jobs}
        for key in list(self._rows):
            if key not in current:
                row = self._rows.pop(key)
                row.setParent(None)
                row.deleteLater()
        for key, job in current.items():
            if key not in self._rows:
                self._rows[key] = _JobRow(job, self.ctx)
                self._lay.insertWidget(self._lay.count() - 1, self._rows[key])  # before the stretch
            self._rows[key].refresh()
        self._idle.setVisible(not self._rows)

    def row_for(self, job: Job) -> _JobRow | None:
        return self._rows.get(id(job))
