"""A workspace with the tiny model registered and the sample data imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.tiny_model import TINY_RECIPE, tiny_recipe  # noqa: F401 - imported from here by the tests

SEED_RECIPE = """model: mx4-atlas-core
train:
  epochs: 3
  learning_rate: 1.0
  batch_size: auto
validation:
  holdout_ratio: 0.15
  metrics: ["format", "faithfulness", "task_success"]
"""


@pytest.fixture
def training_ws(workspace, tiny_model_dir: Path):  # noqa: ANN001, ANN201
    """On SQLite and on PostgreSQL (the runner, the child and the CLI share the database)."""
    from atlas_desktop.core.data.pipeline import import_files
    from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
    from atlas_desktop.core.registry.model_store import import_base

    name, _ = ensure_demo_project(workspace)
    import_base(workspace, tiny_model_dir, "tiny")
    import_files(workspace, name, [SAMPLE_CONVERSATIONS])
    workspace.demo_project = name
    return workspace


@pytest.fixture(autouse=True)
def failure_injection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Child processes of these tests load tests/helpers/inject/sitecustomize.py, which makes the
    failures an ATLAS_DIAG_* variable asks for (out of memory, a full disk, slow steps); the
    engine carries no test hooks."""
    import os

    inject = str(Path(__file__).resolve().parents[2] / "helpers" / "inject")
    root = str(Path(__file__).resolve().parents[3])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [inject, root, os.environ.get("PYTHONPATH", "")])))
