"""Jobs: progress reports, a cancel token, results carried back as values.

A job is a plain function ``run(config, report, cancel) -> value``. It calls
``report(Progress(...))`` as it goes and ``cancel.raise_if_cancelled()`` at
safe points. :func:`run_job` turns whatever happens into a :class:`JobResult`
so a worker thread never lets an exception escape. The ui wraps this in a
QThread (ui/workers.py); heavy work runs in a child process (core/child.py)
whose events arrive as JSON lines.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.messages import Msg


@dataclass(frozen=True)
class Progress:
    step: int
    total: int | None = None
    message: Any = ""  # a Msg (render it), or plain text
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return max(0.0, min(1.0, self.step / self.total))


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


class CancelToken:
    """Set from any thread (the GUI thread sets it directly); read by the job."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)


class Reporter(Protocol):
    def __call__(self, progress: Progress) -> None: ...


JobFn = Callable[[Any, Reporter, CancelToken], Any]


@dataclass(frozen=True)
class JobResult:
    status: str  # "ok" | "failed" | "cancelled"
    value: Any = None
    error: str = ""
    details: str = ""  # traceback or child stderr, shown only on request
    error_msg: Any = None  # the error as a Msg (code and parameters) where it has one; ``error`` is its English

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def failure(self) -> Any:
        """What to show people: the Msg where there is one, else the English text (render either)."""
        return self.error_msg if self.error_msg is not None else self.error


def run_job(fn: JobFn, config: Any, report: Reporter, cancel: CancelToken) -> JobResult:
    try:
        return JobResult("ok", fn(config, report, cancel))
    except Cancelled:
        return JobResult("cancelled")
    except AtlasError as exc:
        return JobResult("failed", error=str(exc), error_msg=exc.full())
    except Exception as exc:  # noqa: BLE001 - errors are values here
        error = f"{type(exc).__name__}: {exc}"  # a bug's own words: a parameter of the message people see
        return JobResult("failed", error=error, details=traceback.format_exc(), error_msg=Msg("job.unexpected_error", error=error))


class EtaEstimator:
    """Seconds left, from a smoothed rate of steps per second."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()
        self._last: tuple[float, int] | None = None
        self._rate: float | None = None

    def update(self, step: int, total: int | None) -> float | None:
        now = self._clock()
        if self._last is not None and step > self._last[1] and now > self._last[0]:
            inst = (step - self._last[1]) / (now - self._last[0])
            self._rate = inst if self._rate is None else 0.7 * self._rate + 0.3 * inst
        if self._last is None or step != self._last[1]:
            self._last = (now, step)
        if not total or not self._rate or step <= 0:
            return None
        return max(0.0, (total - step) / self._rate)

    @property
    def elapsed(self) -> float:
        return self._clock() - self._start


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
