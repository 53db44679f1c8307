"""A workspace with a trained tiny model version and the demo suite, ready to evaluate."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.training.conftest import failure_injection, tiny_recipe, training_ws  # noqa: F401 - fixtures shared with training

SMALL_SUITE_ITEMS = 8


@pytest.fixture
def small_suite(tmp_path: Path) -> Path:
    """The first items of the demo suite (the tiny model answers in a second)."""
    from atlas_desktop.core.demo import EVAL_SUITE

    path = tmp_path / "banking_small.jsonl"
    path.write_text("".join(EVAL_SUITE.read_text(encoding="utf-8").splitlines(keepends=True)[:SMALL_SUITE_ITEMS]), encoding="utf-8")
    return path


@pytest.fixture
def eval_ws(training_ws, small_suite: Path):  # noqa: ANN001, ANN201, F811
    """A finished 2-step run (model version v1), the small suite, short decoding, 3 holdout items."""
    from atlas_desktop.core.evaluation.settings import set_settings
    from atlas_desktop.core.evaluation.suites import import_suite
    from atlas_desktop.core.training.runner import check_recipe_text, create_run, execute_run

    ws = training_ws
    run = create_run(ws, ws.demo_project, check_recipe_text(ws, tiny_recipe(steps=2, save=100)))
    done = execute_run(ws, run.run_id)
    assert done.status == "finished", done.message
    import_suite(ws, ws.demo_project, small_suite, name="banking")
    set_settings(ws, ws.demo_project, {"holdout_items": 3, "calibration_items": 2,
                                       "decoding": {"max_new_tokens": 12, "batch_size": 4}})
    return ws
