"""The Train page driven as an analyst drives it: recipe form and YAML, a real run of the tiny model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.core.training.conftest import SEED_RECIPE


@pytest.fixture
def trained_ws(ws, tiny_model_dir: Path):  # noqa: ANN001, ANN201
    from atlas_desktop.core.data.pipeline import import_files
    from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
    from atlas_desktop.core.registry.model_store import import_base

    name, _ = ensure_demo_project(ws)
    import_base(ws, tiny_model_dir, "tiny")
    import_files(ws, name, [SAMPLE_CONVERSATIONS])
    return ws


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_seed_recipe_is_caught_in_the_form(make_window, trained_ws, qtbot, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    w = make_window(trained_ws, lang)
    page = w.show_page("train")
    assert page.start_btn.isEnabled()  # the Quick demo preset on the registered model is valid
    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED_RECIPE, encoding="utf-8")
    page.import_recipe(seed)
    assert page.yaml.toPlainText() == SEED_RECIPE  # kept exactly as written
    assert not page.start_btn.isEnabled()
    text = page.problems.text()
    assert ("1e-4" in text) and ("mx4-atlas-core" in text)
    if lang == "ar":  # the recipe's problems in Arabic (#13 item 7), the keys and values as written
        assert "يتباعد التدريب" in text and "ليست نموذجاً أساسياً مسجّلاً" in text and "almost certainly" not in text
    page.model.setCurrentText("tiny")  # the form edits the same recipe...
    assert "model: tiny" in page.yaml.toPlainText()  # ...and the YAML follows
    page.form.widgets["train.override_learning_rate_check"].setChecked(True)
    assert page.start_btn.isEnabled()  # now only a warning
    page.form.widgets["train.learning_rate"].setText("2e-4")
    assert "✔" in page.problems.text()


def test_a_run_from_the_page_with_live_curves(make_window, trained_ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(trained_ws, "en")
    page = w.show_page("train")
    page.model.setCurrentText("tiny")
    fields = page.form.widgets
    fields["train.max_steps"].setValue(6)
    fields["train.max_seq_length"].setValue(256)
    fields["train.eval_every_steps"].setValue(3)
    fields["train.save_every_steps"].setValue(3)
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    assert page.job is not None and page.cancel_btn.isEnabled()
    qtbot.waitUntil(lambda: page.job is None, timeout=120000)
    assert page.live.step == [1, 2, 3, 4, 5, 6] and page.live.eval_step == [3, 6]
    assert "tiny-lora-v1" in page.progress_text.text()
    assert page.table.rowCount() == 1 and "finished" in page.table.item(0, 1).text()
    log = page.log.toPlainText()
    assert "Checkpoint saved at step 3" in log and "holdout loss" in log
    # the past run's curves come back when it is selected
    page.table.clearSelection()
    page.table.selectRow(0)
    assert page._curves(page.runs[0]).step == [1, 2, 3, 4, 5, 6]


def test_an_interrupted_run_is_offered_for_resume(make_window, trained_ws, qtbot) -> None:  # noqa: ANN001
    import json

    from atlas_desktop.core.training.runner import _set_status, check_recipe_text, create_run
    from tests.core.training.conftest import tiny_recipe

    run = create_run(trained_ws, trained_ws.settings.current_project, check_recipe_text(trained_ws, tiny_recipe()))
    ck = run.run_dir / "checkpoints" / "step-000004"
    ck.mkdir(parents=True)
    (ck / "state.json").write_text(json.dumps({"step": 4}), encoding="utf-8")
    _set_status(trained_ws, run.run_id, status="running", pid=2**22 + 12345, step=4)  # its process is gone (power cut)
    w = make_window(trained_ws, "ar")
    page = w.show_page("train")
    assert page.runs[0].status == "interrupted"
    assert page.resume_btn.isEnabled()
    assert "استئناف" in page.progress_text.text()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_plot_ticks_read_in_the_ui_digits(make_window, trained_ws, lang: str) -> None:  # noqa: ANN001
    w = make_window(trained_ws, lang)
    page = w.show_page("train")
    axis = page.plots.lr.getAxis("left")
    ticks = axis.tickStrings([0.00005, 0.0001, 0.00015], 1.0, 0.00005)
    assert ticks == (["٠٫٠٠٠٠٥", "٠٫٠٠٠١", "٠٫٠٠٠١٥"] if lang == "ar" else ["0.00005", "0.0001", "0.00015"])  # no 5e-05
    assert page.plots.loss.getAxis("bottom").tickStrings([3.0], 1.0, 1.0) == (["٣"] if lang == "ar" else ["3"])


def test_small_plots_keep_their_labels_apart_and_steps_whole(make_window, trained_ws) -> None:  # noqa: ANN001
    from PySide6.QtGui import QFontMetricsF

    w = make_window(trained_ws, "ar")
    page = w.show_page("train")
    left = page.plots.loss.getAxis("left")
    digit = QFontMetricsF(left.font()).tightBoundingRect("٠٫٥").height()
    (spacing, _), = left.tickSpacing(2.1, 2.5, 60)  # a loss axis 60 pixels tall: one level of labels
    assert spacing * 60 / 0.4 >= 2.5 * digit and spacing <= 0.2  # apart, and still two in view
    assert all(sp >= 1 for sp, _ in page.plots.loss.getAxis("bottom").tickSpacing(0, 4, 600))  # no step 0.5


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_dataset_split_with_another_holdout_share_is_a_warning(make_window, trained_ws, qtbot, lang: str) -> None:  # noqa: ANN001
    """The recipe's validation.holdout_ratio against the chosen dataset version's split (#13)."""
    w = make_window(trained_ws, lang)
    page = w.show_page("train")
    assert "resplit" not in page.problems.text()
    page.yaml.setPlainText(page.yaml.toPlainText() + "validation:\n  holdout_ratio: 0.3\n")
    qtbot.waitUntil(lambda: "atlas data resplit" in page.problems.text(), timeout=5000)
    assert ("0.3" if lang == "en" else "٠٫٣") in page.problems.text()
    assert page.start_btn.isEnabled()  # a warning: the run may go ahead
