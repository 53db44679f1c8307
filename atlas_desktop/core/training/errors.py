"""The training child's error: the run started and cannot go on (exit code 1, one sentence)."""

from __future__ import annotations

from atlas_desktop.core.errors import AtlasError


class TrainingError(AtlasError):
    exit_code = 1
