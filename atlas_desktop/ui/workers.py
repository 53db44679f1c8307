"""Run core jobs off the GUI thread.

A :class:`Job` lives on the GUI thread and owns a QThread (parented, so it is
never left running unowned) with a worker object moved onto it. The worker
runs ``core.jobs.run_job``; progress is stored under a lock and *polled* by a
100 ms timer on the GUI thread, so a fast job can never flood the event
loop. Cancel sets the core token directly from the GUI thread. The worker's
``done`` signal is connected to a bound slot of the GUI-thread Job, so the
result is delivered on the GUI thread.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from atlas_desktop.core.child import run_child
from atlas_desktop.core.jobs import CancelToken, EtaEstimator, JobFn, JobResult, Progress, run_job

POLL_MS = 100
FINISHED_ROW_MS = 4000


class _Worker(QObject):
    done = Signal(object)

    def __init__(self, fn: JobFn, config: Any, cancel: CancelToken) -> None:
        super().__init__()
        self._fn, self._config, self._cancel = fn, config, cancel
        self._lock = threading.Lock()
        self._latest: Progress | None = None
        self._events: list[dict[str, Any]] = []

    @Slot()
    def run(self) -> None:
        self.done.emit(run_job(self._fn, self._config, self._report, self._cancel))

    def _report(self, progress: Progress) -> None:
        with self._lock:
            self._latest = progress

    def add_event(self, event: dict[str, Any]) -> None:
        with self._lock:
            self._events.append(event)

    def take(self) -> tuple[Progress | None, list[dict[str, Any]]]:
        with self._lock:
            latest, events = self._latest, self._events
            self._events = []
            return latest, events


class Job(QObject):
    """One background job as the GUI sees it."""

    progressed = Signal(object, object)  # Progress, eta seconds or None
    events = Signal(object)  # child-process events, batched per poll (a list; object keeps PySide from converting it)
    finished = Signal(object)  # JobResult

    def __init__(self, name: str, fn: JobFn, config: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel_token = CancelToken()
        self.progress: Progress | None = None
        self.eta: float | None = None
        self.result: JobResult | None = None
        self._eta = EtaEstimator()
        self._thread = QThread(self)
        self._worker = _Worker(fn, config, self.cancel_token)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)

    @classmethod
    def child(cls, name: str, target: str, config: dict[str, Any], parent: QObject | None = None, **child_kwargs: Any) -> "Job":
        """A job whose work runs in a supervised child process."""
        job: Job

        def fn(cfg: dict[str, Any], report: Any, cancel: CancelToken) -> Any:
            return run_child(target, cfg, report, cancel, on_event=job.add_event, **child_kwargs)

        job = cls(name, fn, config, parent)
        return job

    @property
    def running(self) -> bool:
        return self.result is None

    def add_event(self, event: dict[str, Any]) -> None:
        """From the job's own thread: queue an event for the next poll (delivered batched on the GUI thread)."""
        self._worker.add_event(event)

    def start(self) -> "Job":
        self._thread.start()
        self._timer.start()
        return self

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @Slot()
    def _on_poll(self) -> None:
        latest, events = self._worker.take()
        if events:
            self.events.emit(events)
        if latest is not None and latest != self.progress:
            self.progress = latest
            self.eta = self._eta.update(latest.step, latest.total)
            self.progressed.emit(latest, self.eta)

    @Slot(object)
    def _on_done(self, result: JobResult) -> None:
        self._on_poll()
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()
        self.result = result
        self.finished.emit(result)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel, then stop the thread; called when the window closes."""
        self.cancel_token.cancel()
        self._timer.stop()
        self._thread.quit()
        self._thread.wait(timeout_ms)


class JobManager(QObject):
    """Every job the window started; the status bar watches it."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []

    def start(self, job: Job) -> Job:
        job.setParent(self)
        self.jobs.append(job)
        job.progressed.connect(self._on_job_changed)
        job.finished.connect(self._on_job_finished)
        job.start()
        self.changed.emit()
        return job

    def run(self, name: str, fn: JobFn, config: Any = None) -> Job:
        return self.start(Job(name, fn, config))

    def run_child(self, name: str, target: str, config: dict[str, Any], **kw: Any) -> Job:
        return self.start(Job.child(name, target, config, **kw))

    @property
    def running(self) -> list[Job]:
        return [j for j in self.jobs if j.running]

    @Slot()
    def _on_job_changed(self, *_: Any) -> None:
        self.changed.emit()

    @Slot(object)
    def _on_job_finished(self, _result: JobResult) -> None:
        job = self.sender()
        self.changed.emit()
        # Keep the finished row visible a moment ("Done", "Failed"), then drop it.
        # The manager is the timer's context, so the timer dies with it.
        QTimer.singleShot(FINISHED_ROW_MS, self, functools.partial(self._forget, job))

    def _forget(self, job: Job) -> None:
        if job in self.jobs and shiboken6.isValid(job) and not job.running:
            self.jobs.remove(job)
            job.deleteLater()
            self.changed.emit()

    def shutdown(self) -> None:
        for job in list(self.jobs):
            job.shutdown()
