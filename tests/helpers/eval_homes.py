"""Data folders for the evaluation tests, built once per session and copied for each test:
the tiny model trained 2 steps (model version v1) with the small suite and short decoding, and
the same evaluated once. Training and answering take ~25 s; a copy takes milliseconds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL_SUITE_ITEMS = 8
HOLDOUT_ITEMS = 3
EVAL_SETTINGS = {"holdout_items": HOLDOUT_ITEMS, "calibration_items": 2, "decoding": {"max_new_tokens": 12, "batch_size": 4}}


def small_suite_file(folder: Path) -> Path:
    """The first items of the demo suite (the tiny model answers them in a second)."""
    from atlas_desktop.core.demo import EVAL_SUITE

    path = folder / "banking_small.jsonl"
    path.write_text("".join(EVAL_SUITE.read_text(encoding="utf-8").splitlines(keepends=True)[:SMALL_SUITE_ITEMS]), encoding="utf-8")
    return path


def prepare_trained(ws, tiny_model_dir: Path, suite: Path) -> str:  # noqa: ANN001
    """The demo project with the sample data, the tiny model, a finished 2-step run (v1), the
    small suite "banking" and short decoding; returns the project's name."""
    from atlas_desktop.core.data.pipeline import import_files
    from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
    from atlas_desktop.core.evaluation.settings import set_settings
    from atlas_desktop.core.evaluation.suites import import_suite
    from atlas_desktop.core.registry.model_store import import_base
    from atlas_desktop.core.training.runner import check_recipe_text, create_run, execute_run
    from tests.core.training.conftest import tiny_recipe

    project, _ = ensure_demo_project(ws)
    import_base(ws, tiny_model_dir, "tiny")
    import_files(ws, project, [SAMPLE_CONVERSATIONS])
    run = execute_run(ws, create_run(ws, project, check_recipe_text(ws, tiny_recipe(steps=2, save=100))).run_id)
    assert run.status == "finished", run.message
    import_suite(ws, project, suite, name="banking")
    set_settings(ws, project, EVAL_SETTINGS)
    return project


def build_home(home: Path, tiny_model_dir: Path, evaluate: bool) -> Path:
    from atlas_desktop.core.workspace import Workspace

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_HOME", str(home))
        mp.setenv("ATLAS_USER", "tester")
        mp.delenv("ATLAS_DATABASE_URL", raising=False)
        mp.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))  # children import this tree
        ws = Workspace.open()
        try:
            project = prepare_trained(ws, tiny_model_dir, small_suite_file(home.parent))
            if evaluate:
                from atlas_desktop.core.evaluation.runs import run_evaluation

                run_evaluation(ws, project, "v1")
        finally:
            ws.close()
    return home
