"""A workspace with the tiny model registered and the sample data imported."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_RECIPE = """model: mx4-atlas-core
train:
  epochs: 3
  learning_rate: 1.0
  batch_size: auto
validation:
  holdout_ratio: 0.15
  metrics: ["format", "faithfulness", "task_success"]
"""

TINY_RECIPE = """model: tiny
train:
  epochs: 1
  learning_rate: 5e-3
  batch_size: 2
  max_seq_length: 256
  max_steps: {steps}
  eval_every_steps: 4
  save_every_steps: {save}
lora:
  rank: 4
  alpha: 8
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


def tiny_recipe(steps: int = 8, save: int = 4, **train: object) -> str:
    text = TINY_RECIPE.format(steps=steps, save=save)
    for k, v in train.items():
        text = text.replace("train:\n", f"train:\n  {k}: {v}\n", 1)
    return text


@pytest.fixture(autouse=True)
def failure_injection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Child processes of these tests load tests/helpers/inject/sitecustomize.py, which makes the
    failures an ATLAS_DIAG_* variable asks for (out of memory, a full disk, slow steps); the
    engine carries no test hooks."""
    import os

    inject = str(Path(__file__).resolve().parents[2] / "helpers" / "inject")
    root = str(Path(__file__).resolve().parents[3])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [inject, root, os.environ.get("PYTHONPATH", "")])))
