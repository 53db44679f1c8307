"""The analyst's path in one window, as a non-programmer walks it (issue #14): import through the
wizard, then train from the Train page, without restarting or touching anything in between."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from atlas_desktop.core.data.pipeline import import_files, list_versions
from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
from atlas_desktop.core.registry.model_store import import_base
from atlas_desktop.core.training.runner import run_curves

SMALL = "\n".join(
    '{"messages": [{"role": "user", "content": "سؤال رقم %d عن الحساب"}, {"role": "assistant", "content": "إجابة رقم %d بالتفصيل"}]}' % (i, i)
    for i in range(8)) + "\n"


def walk_to_save(wiz, qtbot) -> None:  # noqa: ANN001
    """Next through every step of the wizard, each background step waited for."""
    for _ in range(10):
        if wiz.step == "save":
            return
        qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wiz.job is None, timeout=60000)
    raise AssertionError(f"the wizard stopped at {wiz.step}")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_dataset_saved_in_the_wizard_is_trained_from_the_train_page(make_window, ws, qtbot, tiny_model_dir: Path, tmp_path: Path,
                                                                       lang: str) -> None:  # noqa: ANN001
    project, _ = ensure_demo_project(ws)
    import_base(ws, tiny_model_dir, "tiny")
    small = tmp_path / "small.jsonl"
    small.write_text(SMALL, encoding="utf-8")
    import_files(ws, project, [small])  # an older, smaller version: v1
    w = make_window(ws, lang)
    train = w.show_page("train")  # built before the new version exists
    assert train.dataset.count() == 1
    data = w.show_page("data")
    data.open_wizard(sample=True)
    wiz = data.wizard
    qtbot.addWidget(wiz)
    walk_to_save(wiz, qtbot)
    qtbot.mouseClick(wiz.steps["save"].save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: data.table.rowCount() == 2, timeout=60000)
    newest = max(v.number for v in list_versions(ws, project))
    w.show_page("train")
    assert train.dataset.count() == 2 and train.dataset.currentData() == newest  # the version just saved, not the oldest
    assert train.start_btn.isEnabled()
    train.model.setCurrentText("tiny")
    train.form.widgets["train.max_steps"].setValue(2)
    train.form.widgets["train.max_seq_length"].setValue(256)
    qtbot.mouseClick(train.start_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: train.job is None, timeout=120000)
    assert train.runs[0].status == "finished" and train.runs[0].dataset_version == newest
    events = [e["event"] for e in run_curves(train.runs[0])]
    assert events.index("evaluating") < events.index("final_eval")  # the end's long measurement is announced
    train.pause_btn.setEnabled(True)
    train._on_events([{"event": "evaluating", "step": 2, "rows": 58}])
    assert train.progress.maximum() == 0 and not train.pause_btn.isEnabled()  # busy, and nothing left to pause
    assert ("58" if lang == "en" else "٥٨") in train.progress_text.text()


def test_a_second_import_adds_to_the_current_version_and_says_what_was_saved(make_window, ws, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    project, _ = ensure_demo_project(ws)
    small = tmp_path / "small.jsonl"
    small.write_text(SMALL, encoding="utf-8")
    v1, _ = import_files(ws, project, [small])
    w = make_window(ws, "ar")
    data = w.show_page("data")
    data.open_wizard(sample=True)
    wiz = data.wizard
    qtbot.addWidget(wiz)
    add_to = wiz.steps["files"].add_to
    assert add_to.isVisible() and add_to.isChecked()  # the choice is offered, adding is the default
    walk_to_save(wiz, qtbot)
    assert "١" in wiz.steps["save"].save_summary.toPlainText()
    qtbot.mouseClick(wiz.steps["save"].save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: data.table.rowCount() == 2, timeout=60000)
    v2 = list_versions(ws, project)[-1]
    assert [s["name"] for s in v2.sources] == ["small.jsonl", SAMPLE_CONVERSATIONS.name]
    assert v2.stats["kept"] > v1.stats["kept"] and v2.settings["extends"] == 1
    assert data.saved_note.isVisible() and "٢" in data.saved_note.text()  # the window says what was saved


def test_the_walk_goes_on_in_arabic_after_the_language_changes(ws, qtbot, qapp, tiny_model_dir: Path) -> None:  # noqa: ANN001
    """Import in English, switch the window to Arabic in Settings (the window is rebuilt, the app
    keeps running), and train the version just saved from the Arabic Train page."""
    from dataclasses import replace

    from atlas_desktop.ui.app import _Controller
    from atlas_desktop.ui.i18n import apply_language

    project, _ = ensure_demo_project(ws)
    import_base(ws, tiny_model_dir, "tiny")
    controller = _Controller(qapp, ws)
    controller.open()
    first = controller.window
    qtbot.addWidget(first)
    data = first.show_page("data")
    data.open_wizard(sample=True)
    wiz = data.wizard
    walk_to_save(wiz, qtbot)
    qtbot.mouseClick(wiz.steps["save"].save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: data.table.rowCount() == 1, timeout=60000)
    first.settings_changed.emit(replace(ws.settings, language="ar"))
    second = controller.window
    qtbot.addWidget(second)
    try:
        assert second.isRightToLeft() and second.current_page == "data"
        train = second.show_page("train")
        assert train.dataset.count() == 1 and train.start_btn.isEnabled()
        train.model.setCurrentText("tiny")
        train.form.widgets["train.max_steps"].setValue(2)
        train.form.widgets["train.max_seq_length"].setValue(256)
        qtbot.mouseClick(train.start_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: train.job is None, timeout=120000)
        assert train.runs[0].status == "finished" and "٢/٢" in train.table.item(0, 2).text()
    finally:
        second.ctx.jobs.shutdown()
        apply_language(qapp, "en")
