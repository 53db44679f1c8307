"""The Monitor page's queries, off the GUI thread.

A snapshot (core/serving/monitor.snapshot) reads a period's telemetry and computes drift: tens
of milliseconds for a few thousand requests, about a second for a hundred thousand. It runs on a
plain worker thread (one at a time, never queued up), and a timer on the GUI thread polls for
its result, as Anki polls its background operations: nothing from the worker thread touches a
widget, and a page closed meanwhile only leaves a short thread to finish on its own. A refresh
while nothing changed (the newest telemetry, feedback and ticket rows are the same and the
period has not moved on to a new bucket) reuses the snapshot it has."""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from atlas_desktop.core.serving import monitor
from atlas_desktop.core.workspace import Workspace

POLL_MS = 100
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="monitor")


def _load(ws: Workspace, project: str, hours: int, previous: Any) -> Any:
    """A new snapshot, or ``previous`` when nothing it shows could have changed."""
    if previous is not None and previous.project == project and previous.hours == hours:
        now = datetime.now(timezone.utc)
        same_bucket = now < previous.starts[-1] + previous.width if previous.starts else False
        fresh = (now - previous.until).total_seconds() < 60
        if same_bucket and fresh and monitor.change_marker(ws, project) == previous.marker:
            return previous
    return monitor.snapshot(ws, project, hours)


class SnapshotLoader(QObject):
    loaded = Signal(object)  # MonitorSnapshot
    failed = Signal(object)  # the exception

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.snapshot: Any = None
        self.seconds = 0.0  # how long the last query took
        self._future: Future | None = None
        self._started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)

    @property
    def busy(self) -> bool:
        return self._future is not None

    def request(self, project: str, hours: int) -> bool:
        """Start a query unless one is running; False when one was."""
        if self._future is not None:
            return False
        previous = self.snapshot if self.snapshot is not None and self.snapshot.project == project else None
        self._started = time.monotonic()
        self._future = _EXECUTOR.submit(_load, self.ws, project, hours, previous)
        self._timer.start()
        return True

    @Slot()
    def _on_poll(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._future = None
        self._timer.stop()
        self.seconds = time.monotonic() - self._started
        try:
            snap = future.result()
        except Exception as exc:  # noqa: BLE001 - shown on the page, not raised into Qt
            self.failed.emit(exc)
            return
        changed = snap is not self.snapshot
        self.snapshot = snap
        if changed:
            self.loaded.emit(snap)

    def wait(self, timeout: float = 30.0) -> None:
        """For tests and shutdown: block until the running query is done, then deliver it."""
        if self._future is not None:
            self._future.result(timeout)
            self._on_poll()
