"""The import wizard driven as an analyst drives it, in both languages."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from atlas_desktop.core.data.pipeline import list_versions
from atlas_desktop.core.demo import DEMO_PROJECT, SAMPLE_CONVERSATIONS, ensure_demo_project

MANIFEST = json.loads((SAMPLE_CONVERSATIONS.parent / "MANIFEST.json").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """Visible text without the invisible direction marks that keep it in order."""
    return "".join(ch for ch in text if not ("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" or ch in "\u200e\u200f"))


def assert_no_english(texts: list[str]) -> None:
    """No English sentence from the core: only what LATIN_OK allows and words quoted from the data remain."""
    from tests.core.test_messages import english_words

    for text in texts:
        assert text and not english_words(text), text


def wait_for_job(qtbot, wiz) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: wiz.job is None, timeout=60000)


def test_each_step_is_its_own_widget_over_the_import_model(make_window, ws, qtbot) -> None:  # noqa: ANN001
    """One widget class per step, stacked in STEPS order; a step holds the import's model, never
    another step or the window (pyproject's import-linter contract keeps their modules apart)."""
    from atlas_desktop.ui.pages.data.wizard import STEPS, ImportModel, ImportWizard, Step

    ensure_demo_project(ws)
    w = make_window(ws)
    wiz = ImportWizard(w.ctx, DEMO_PROJECT.name, None, w)
    qtbot.addWidget(wiz)
    stacked = [wiz.stack.widget(i) for i in range(wiz.stack.count())]
    assert [s.key for s in stacked] == list(STEPS) == list(wiz.steps) and len({type(s) for s in stacked}) == len(STEPS)
    for step in stacked:
        assert isinstance(step, Step) and type(step).__module__ == f"atlas_desktop.ui.pages.data.wizard.{step.key}"
        assert isinstance(wiz.model, ImportModel) and step.model is wiz.model
        assert not [name for name, value in vars(step).items() if isinstance(value, (Step, ImportWizard))], step.key
        wiz.go(step.key)
        assert wiz.stack.currentWidget() is step and wiz.heading.text().endswith(step.title())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_sample_data_through_every_step(make_window, ws, qtbot, lang: str) -> None:  # noqa: ANN001
    ensure_demo_project(ws)
    w = make_window(ws, lang)
    page = w.show_page("data")
    assert page.table.rowCount() == 0 and page.import_btn.isEnabled()
    page.open_wizard(sample=True)
    wiz = page.wizard
    qtbot.addWidget(wiz)
    assert wiz.step == "files" and wiz.steps["files"].files.count() == 1
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)  # JSONL: no column step, the analysis starts
    assert wiz.job_strip.isVisible() or wiz.job is None
    wait_for_job(qtbot, wiz)
    validation, redaction, duplicates = wiz.steps["validation"], wiz.steps["redaction"], wiz.steps["duplicates"]
    assert wiz.step == "validation" and validation.invalid_table.rowCount() == len(MANIFEST["malformed_lines"])
    if lang == "ar":  # why each record is unusable, in Arabic (the role 'bot' is the file's own word)
        assert_no_english([validation.invalid_table.cell_text(r, 2) for r in range(validation.invalid_table.rowCount())])
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    assert wiz.step == "redaction" and redaction.redaction_table.rowCount() >= MANIFEST["sensitive_values"] - 1
    assert redaction.rows.raw(0)["kind"] == "NAME"  # names, the hard case, come first
    assert redaction.redaction_view.toPlainText()  # the selected conversation is shown
    before = redaction.redaction_table.rowCount()
    qtbot.mouseClick(redaction.undo_button, Qt.MouseButton.LeftButton)  # the reviewer undoes one
    assert redaction.redaction_table.rowCount() == before - 1 and len(wiz.draft.undone()) == 1
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    # every planted copy has its own cluster of two: the representative and the copy
    assert wiz.step == "duplicates" and duplicates.dup_table.rowCount() == MANIFEST["exact_duplicates"] + MANIFEST["near_duplicates"]
    assert duplicates.member_table.rowCount() == 2 and duplicates.dup_warning.isHidden()
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    quality = wiz.steps["quality"]
    assert wiz.step == "quality" and quality.translated_table.rowCount() >= 8 and quality.quality_grid.count() == 3
    if lang == "ar":  # why an answer sounds translated, in Arabic; English words quoted from an answer are the answer's own
        assert_no_english([quality.translated_table.cell_text(r, 2) for r in range(quality.translated_table.rowCount())])
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    assert wiz.step == "split" and wiz.steps["split"].split_table.rowCount() == 4
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    assert wiz.step == "save"
    qtbot.mouseClick(wiz.steps["save"].save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=60000)
    assert wiz.draft is None and wiz.model.draft_path is None and redaction.redaction_table.rowCount() == 0  # the draft is gone with the wizard
    [v] = list_versions(ws, DEMO_PROJECT.name)
    assert v.stats["kept"] == MANIFEST["unique_conversations"] and v.stats["redactions"]
    report = json.loads(ws.artifacts.path_for(v.report_sha256).read_text(encoding="utf-8"))
    assert len(report["redactions_undone"]) == 1
    assert "383" in page.details.toPlainText() or "٣٨٣" in page.details.toPlainText()


def test_csv_goes_through_the_column_step(make_window, ws, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    ensure_demo_project(ws)
    csv = tmp_path / "export.csv"
    csv.write_text("رقم التذكرة,نص العميل,رد الموظف,الفئة\n1,كيف أفتح حساباً؟,من التطبيق خلال دقائق.,product\n2,كم رسوم التحويل؟,خمسون ريالاً.,policy\n", encoding="utf-8")
    w = make_window(ws)
    page = w.show_page("data")
    from atlas_desktop.ui.pages.data.wizard import ImportWizard

    wiz = ImportWizard(w.ctx, DEMO_PROJECT.name, [csv], page)
    qtbot.addWidget(wiz)
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    assert wiz.step == "columns"
    combos = wiz.steps["columns"].map_combos
    assert combos["intent"].currentData() == "الفئة" and combos["answer"].currentData() == "رد الموظف"
    assert combos["question"].currentData() == ""  # not recognized: the analyst maps it
    combos["question"].setCurrentIndex(combos["question"].findData("نص العميل"))
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    wait_for_job(qtbot, wiz)
    assert wiz.step == "validation" and wiz.draft.summary()["conversations"] == 2


def test_cancel_stops_the_analysis(make_window, ws, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    ensure_demo_project(ws)
    big = tmp_path / "big.jsonl"
    line = SAMPLE_CONVERSATIONS.read_text(encoding="utf-8").splitlines()[1]
    big.write_text("\n".join([line] * 40000), encoding="utf-8")
    w = make_window(ws)
    from atlas_desktop.ui.pages.data.wizard import ImportWizard

    wiz = ImportWizard(w.ctx, DEMO_PROJECT.name, [big], w)
    qtbot.addWidget(wiz)
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wiz.job is not None and wiz.job.progress is not None, timeout=20000)
    qtbot.mouseClick(wiz.cancel_job, Qt.MouseButton.LeftButton)
    wait_for_job(qtbot, wiz)
    assert wiz.draft is None and wiz.step == "files"
    assert not list((ws.paths.tmp / "imports").glob("*.sqlite"))  # nothing half-written is left


def test_fix_a_record_in_place(make_window, ws, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from atlas_desktop.ui.pages.data import wizard as wizard_module
    from atlas_desktop.ui.pages.data.wizard import FixDialog, ImportWizard

    ensure_demo_project(ws)
    src = tmp_path / "chats.jsonl"
    src.write_text('{"messages": [{"role": "user", "content": "كيف أفتح حساباً؟"}, {"role": "assistant", "content": "من التطبيق."}]}\n'
                   '{"messages": [{"role": "user", "content": "متى يفتح الفرع؟"}, {"role": "bot", "content": "من التاسعة."}]}\n', encoding="utf-8")
    w = make_window(ws)
    wiz = ImportWizard(w.ctx, DEMO_PROJECT.name, [src], w)
    qtbot.addWidget(wiz)
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    wait_for_job(qtbot, wiz)
    validation = wiz.steps["validation"]
    assert validation.invalid_table.rowCount() == 1 and validation.fix_button.isEnabled()

    def fake_exec(dlg: FixDialog) -> int:  # the analyst corrects the turns in the form and presses "Check and use"
        assert dlg.tabs.currentIndex() == 0 and len(dlg.turns) == 2 and dlg.turns[1].text.toPlainText() == "من التاسعة."
        assert dlg.turns[1].role.currentData() == "bot" and "bot" in dlg.reason.text()  # the file's role, named, until one is picked
        dlg.turns[1].role.setCurrentIndex(dlg.turns[1].role.findData("user"))
        dlg._on_ok()
        assert dlg.result() == 0 and "no user turn is followed" in dlg.reason.text()  # still wrong: told, not closed
        dlg.turns[1].role.setCurrentIndex(dlg.turns[1].role.findData("assistant"))
        dlg.tabs.setCurrentIndex(1)  # the JSON view shows the form's record
        assert '"assistant"' in dlg.editor.toPlainText() and "من التاسعة" in dlg.editor.toPlainText()
        dlg.tabs.setCurrentIndex(0)
        dlg._on_ok()
        return dlg.result()

    monkeypatch.setattr(wizard_module.FixDialog, "exec", fake_exec)
    qtbot.mouseClick(validation.fix_button, Qt.MouseButton.LeftButton)
    wait_for_job(qtbot, wiz)
    assert wiz.draft.invalid_count() == 0 and wiz.draft.summary()["conversations"] == 2 and validation.invalid_table.rowCount() == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_canned_exchange_is_one_cluster_and_the_analyst_keeps_more_of_it(make_window, ws, qtbot, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    """A help desk's export: one auto-reply with different ticket numbers, beside real questions.
    The analysis runs in a child process; the window only reads the draft it leaves."""
    import os

    from atlas_desktop.ui.pages.data.wizard import ImportWizard

    ensure_demo_project(ws)
    canned = [json.dumps({"messages": [{"role": "user", "content": f"التذكرة {500000 + i} لم تحل بعد"},
                                       {"role": "assistant", "content": "نعتذر عن التأخير، فريقنا يعمل على طلبك وسنبلغك قريبا."}]}, ensure_ascii=False)
              for i in range(300)]
    src = tmp_path / "helpdesk.jsonl"
    src.write_text("\n".join(canned + SAMPLE_CONVERSATIONS.read_text(encoding="utf-8").splitlines()[:60]) + "\n", encoding="utf-8")
    w = make_window(ws, lang)
    wiz = ImportWizard(w.ctx, DEMO_PROJECT.name, [src], w)
    qtbot.addWidget(wiz)
    pids = []
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    wiz.job.events.connect(lambda evs: pids.extend(e["pid"] for e in evs if e["event"] == "started"))
    wait_for_job(qtbot, wiz)
    assert pids and pids[0] != os.getpid()  # the analysis ran in a child process
    wiz.go("duplicates")
    duplicates = wiz.steps["duplicates"]
    assert plain(duplicates.dup_table.cell_text(0, 0)) in ("299", "٢٩٩") and not duplicates.dup_warning.isHidden()
    assert plain(duplicates.cluster_title.text()).startswith(("Near-copies (299) of: التذكرة", "نسخ شبه مطابقة (٢٩٩)"))
    assert wiz.draft.summary()["duplicates"]["largest_cluster"] == 300
    duplicates.keep_one.setValue(5)  # keep 5 of the canned cluster (selected: the largest comes first)
    qtbot.mouseClick(wiz.findChild(type(wiz.next), "applyKeep"), Qt.MouseButton.LeftButton)
    wait_for_job(qtbot, wiz)
    assert wiz.step == "duplicates" and plain(duplicates.dup_table.cell_text(0, 1)).startswith(("5", "٥"))
    assert sum(1 for r in range(duplicates.member_table.rowCount()) if duplicates.member_table.cell_text(r, 3)) == 5
    path = wiz.model.draft_path
    wiz.reject()
    assert not path.exists()  # the draft holds raw values: it goes with the wizard


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_holdout_of_none_is_said_at_split_and_save(make_window, ws, qtbot, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    ensure_demo_project(ws)
    src = tmp_path / "two.jsonl"
    src.write_text("".join(json.dumps({"messages": [{"role": "user", "content": f"سؤال {i} عن البطاقة"},
                                                     {"role": "assistant", "content": f"جواب {i} مفصل"}]}, ensure_ascii=False) + "\n"
                           for i in range(2)), encoding="utf-8")
    w = make_window(ws, lang)
    page = w.show_page("data")
    page.open_wizard()
    wiz = page.wizard
    qtbot.addWidget(wiz)
    wiz.add_file(src)
    wiz.go("files")  # as the Add files button does
    seen = set()
    for _ in range(8):
        if wiz.step == "split":
            break
        qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
        wait_for_job(qtbot, wiz)
        step = wiz.steps[wiz.step]
        if wiz.step == "validation":  # empty states in words, not a heading above an empty table
            assert step.all_usable.isVisibleTo(wiz) and not step.bad_part.isVisibleTo(wiz)
            seen.add(wiz.step)
        if wiz.step == "redaction":
            assert step.none_found.isVisibleTo(wiz) and not step.split.isVisibleTo(wiz)
            assert "—" not in step.redaction_summary.text()
            seen.add(wiz.step)
    assert wiz.step == "split" and seen == {"validation", "redaction"}, wiz.step
    status = wiz.steps["split"].split_status.text()
    assert "⚠" in status and ("15%" in plain(status) or "١٥٪" in plain(status))
    qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
    assert "⚠" in wiz.steps["save"].save_summary.toPlainText()
    wiz.reject()
