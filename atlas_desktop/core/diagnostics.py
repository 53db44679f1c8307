"""Small jobs that exercise the job machinery (used by `atlas doctor --jobs` and the tests)."""

from __future__ import annotations

import os
import time
from typing import Any

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg


def count(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> dict[str, Any]:
    """Count to ``steps`` with ``delay`` seconds per step."""
    steps = int(config.get("steps", 10))
    delay = float(config.get("delay", 0.01))
    for i in range(1, steps + 1):
        cancel.raise_if_cancelled()
        time.sleep(delay)
        report(Progress(i, steps, Msg("job.progress.step", step=i, total=steps), {"value": float(i)}))
    return {"counted": steps, "pid": os.getpid()}


def fail(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> None:
    report(Progress(1, 2, "about to fail"))
    raise AtlasError(config.get("message", "The diagnostic job failed on purpose."))


def crash(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> None:
    """Die without a word, like a segfault or an out-of-memory kill."""
    report(Progress(1, 2, "about to crash"))
    os._exit(int(config.get("code", 3)))


def ignore_cancel(config: dict[str, Any], report: Reporter, cancel: CancelToken) -> None:
    """A stuck child: ignores the cancel token, so only SIGKILL stops it."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    report(Progress(0, None, "stuck"))
    time.sleep(float(config.get("seconds", 60)))
