"""Failures made on purpose, for tests only: Python imports this file at start-up in every process
whose PYTHONPATH names this folder (tests/core/training/conftest.py does, for the training child
and the processes accelerate starts), and it patches the training modules only when asked:

  ATLAS_DIAG_OOM_ABOVE_ROWS=N   micro-batches above N rows do not fit in memory
  ATLAS_DIAG_OOM_RANK=R         ... on process R only (default: every process)
  ATLAS_DIAG_DISK_FULL_AT_STEP=N the disk fills while the step-N checkpoint is written
  ATLAS_DIAG_STEP_DELAY=S       each training step takes S seconds longer (to stop a run mid-way)

The engine itself carries no test hooks.
"""

from __future__ import annotations

import errno
import functools
import os
import time


def _patch() -> None:
    # Patch each name in the module its caller looks it up in: the engine calls
    # checkpoints.save_checkpoint, which calls checkpoints._rng_state.
    from atlas_desktop.core.training import checkpoints, engine

    oom = os.environ.get("ATLAS_DIAG_OOM_ABOVE_ROWS")
    rank = os.environ.get("ATLAS_DIAG_OOM_RANK")
    if oom is not None and (rank is None or os.environ.get("RANK", "0") == rank):
        real_fits = engine._fits

        @functools.wraps(real_fits)
        def fits(model, head, rows, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
            return False if len(rows) > int(oom) else real_fits(model, head, rows, *args, **kw)

        engine._fits = fits

    full_at = os.environ.get("ATLAS_DIAG_DISK_FULL_AT_STEP")
    if full_at is not None:
        real_save, real_rng = checkpoints.save_checkpoint, checkpoints._rng_state
        writing: list[int] = []

        @functools.wraps(real_save)
        def save_checkpoint(run_dir, step, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
            writing.append(step)
            try:
                return real_save(run_dir, step, *args, **kw)
            finally:
                writing.pop()

        def rng_state():  # noqa: ANN202 - the first file a checkpoint writes
            if writing and str(writing[-1]) == full_at:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_rng()

        checkpoints.save_checkpoint, checkpoints._rng_state = save_checkpoint, rng_state

    delay = float(os.environ.get("ATLAS_DIAG_STEP_DELAY", "0") or 0)
    if delay:
        real_emit = engine._emit

        @functools.wraps(real_emit)
        def emit(main, run_dir, event, **fields):  # noqa: ANN001, ANN003, ANN202
            if event == "step":
                time.sleep(delay)
            return real_emit(main, run_dir, event, **fields)

        engine._emit = emit


if any(k.startswith("ATLAS_DIAG_") for k in os.environ):
    _patch()
