"""The Evaluate page driven as a release manager drives it: a real evaluation of the tiny model in
the background, its report in English and Arabic, a flag resolved, the release gate, the report
as HTML and PDF, suites imported (a bad line: one sentence, nothing stored) and edited."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from atlas_desktop.core.evaluation import review
from atlas_desktop.core.evaluation.suites import item_from_dict, list_suites
from tests.helpers.eval_homes import HOLDOUT_ITEMS, SMALL_SUITE_ITEMS
from atlas_desktop.ui.pages.evaluate import printing
from atlas_desktop.ui.widgets.bidi import display_text
from tests.helpers.visible_text import plain, visible_texts
from tests.ui.test_arabic_visible_text import USER_CONTENT, leftovers

ITEMS = SMALL_SUITE_ITEMS + HOLDOUT_ITEMS  # the suite and the holdout conversations (eval_ws's settings)


def _bad_suite(tmp_path: Path) -> Path:
    from atlas_desktop.core.demo import EVAL_SUITE

    good = EVAL_SUITE.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "broken.jsonl"
    path.write_text(good + '\n{"id": "x", "prompt": "مرحبا", "checks": \n', encoding="utf-8")
    return path


def _flag_one(ws, evaluation_id: int) -> str:  # noqa: ANN001
    """A reviewer's rating with an unsafe flag on the first pair; its item id."""
    entry = review.queue(ws, evaluation_id, "reviewer1")[0]
    scores = {"format": 3, "faithfulness": 3, "task_success": 3}
    review.save_rating(ws, entry.pair_id, review.RatingInput(sides={"A": scores, "B": scores}, verdict="tie", unsafe=True,
                                                             note="يكشف رقم البطاقة"), reviewer="reviewer1")
    return entry.item_id


def test_evaluate_report_gate_and_files_in_english_and_arabic(make_window, eval_ws, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    ws = eval_ws
    w = make_window(ws, "en")
    page = w.show_page("evaluate")
    run, results, gate = page.run, page.results, page.gate
    assert plain(run.model.currentText()) == "v1 — tiny-lora-v1" and plain(run.suite.currentText()) == "banking v1"
    assert "has not been evaluated yet" in results.about.text() and not gate.check_btn.isEnabled()
    assert "base model tiny until a version has been released" in plain(run.production.text())

    # a suite with a bad line: the core's one sentence (file and line), nothing stored
    before = list_suites(ws, ws.demo_project)
    assert page.suites.import_file(_bad_suite(tmp_path)) is None
    said = plain(page.suites.status.text())
    assert "broken.jsonl, line 2:" in said and "nothing was stored" in said
    assert list_suites(ws, ws.demo_project) == before and run.suite.count() == 1

    # Evaluate: in the background, with progress, counts and Cancel; the window keeps answering
    seen, ticks = [], []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    qtbot.mouseClick(run.evaluate_btn, Qt.MouseButton.LeftButton)
    assert run.job is not None and run.cancel_btn.isEnabled() and not run.evaluate_btn.isEnabled()
    run.job.progressed.connect(lambda _p, _eta: seen.append(run.progress_text.text()))
    qtbot.waitUntil(lambda: run.job is None, timeout=240000)
    timer.stop()
    assert max(b - a for a, b in zip(ticks, ticks[1:])) < 2.0  # never held up for long
    assert any(f"of {ITEMS} answers" in plain(s) for s in seen), seen
    assert plain(run.progress_text.text()) == f"Evaluated v1 — tiny-lora-v1 on banking v1: {ITEMS} items."

    # Cancel stops the child: nothing is stored (other decoding: its answers are not cached)
    from atlas_desktop.core.evaluation.runs import list_evaluations
    from atlas_desktop.core.evaluation.settings import set_settings

    set_settings(ws, ws.demo_project, {"decoding": {"max_new_tokens": 13, "batch_size": 4}})
    job = run.start()
    qtbot.waitUntil(lambda: job.progress is not None, timeout=120000)
    qtbot.mouseClick(run.cancel_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.job is None, timeout=120000)
    assert job.result.status == "cancelled" and run.progress_text.text() == "Cancelled"
    assert len(list_evaluations(ws, ws.demo_project)) == 1 and run.evaluate_btn.isEnabled()
    set_settings(ws, ws.demo_project, {"decoding": {"max_new_tokens": 12, "batch_size": 4}})

    # the report of the newest evaluation
    info = results.info
    assert info is not None and info.items == ITEMS and page.tabs.currentWidget() is results
    assert plain(results.about.text()).startswith("Newest evaluation: v1 — tiny-lora-v1 on banking v1")
    assert "No ratings yet: metrics only." in results.notes.text()
    assert [results.metrics.item(r, 0).text() for r in range(3)] == ["Format", "Faithfulness", "Task success"]
    assert results.by_intent.rowCount() >= 1 and results.by_dialect.rowCount() >= 1
    assert not results.banner.isVisible()

    # a reviewer's unsafe flag: the gate fails on it, with its four reasons
    item_id = _flag_one(ws, info.id)
    page.ctx.notify(evaluations=True)
    assert results.flags.table.rowCount() == 1 and plain(results.flags.table.item(0, 0).text()) == item_id
    assert "Win rate of the candidate:" in results.notes.text()
    page.tabs.setCurrentWidget(gate)
    qtbot.mouseClick(gate.check_btn, Qt.MouseButton.LeftButton)
    assert gate.verdict.text() == "FAIL"
    lines = gate.reasons.text().split("<br>")
    assert len(lines) == 4 and all("✗" in line for line in lines[:2])
    assert "Unsafe flags not resolved: 1" in lines[1] and "Review quota not met" in lines[0]
    assert gate.when.text().startswith("Checked on ")

    # resolved: that condition is met now
    results.flags.table.selectRow(0)
    assert results.flags.resolve_btn.isEnabled()
    assert results.flags.resolve(results.flags.flags[0], "The card number was masked in the policy text.")
    gate.check()
    lines = gate.reasons.text().split("<br>")
    assert "✓" in lines[1] and "No unsafe flag is open" in lines[1] and gate.verdict.text() == "FAIL"

    # the report as files
    html_path, pdf_path = tmp_path / "report.html", tmp_path / "report.pdf"
    assert gate.save_html(html_path) and gate.save_pdf(pdf_path)
    text = html_path.read_text(encoding="utf-8")
    assert "<html" in text and "Evaluation report" in text and "The candidate does not pass the release gate." in text
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert not gate.save_pdf(tmp_path / "no-such-folder" / "r.pdf") and "Cannot write" in gate.saved.text()
    image = printing.page_image(gate.report_html(), False, gate.footer)  # the first page as the PDF lays it out
    assert image.width() > 800 and len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 300, 7)}) > 2

    # a regression's answers, when there is one
    if results.report.regressions:
        dialog = results.open_regression(0)
        assert dialog.views["prompt"].toPlainText()
        dialog.close()

    # out of date once the system prompt changes: a banner with the reason, and Evaluate again
    from atlas_desktop.core.projects import ProjectFields, get_project, update_project

    with ws.unit_of_work() as s:
        p = get_project(s, ws.demo_project)
        update_project(s, ws.demo_project, ProjectFields(name=p.name, description=p.description, system_prompt=p.system_prompt + " كن مهذباً.",
                                                         intents=tuple(p.intents), dialects=tuple(p.dialects)), ws.user.login)
    page.ctx.notify(datasets=True)
    page.tabs.setCurrentWidget(results)
    assert results.banner.isVisible() and "system prompt changed" in results.stale.text()

    # the same page in Arabic: the report's words, Eastern digits, nothing left in English
    w_ar = make_window(ws, "ar")
    page_ar = w_ar.show_page("evaluate")
    assert page_ar.results.about.text().startswith("أحدث تقييم:")
    assert page_ar.results.metrics.horizontalHeaderItem(0).text() == "المقياس"
    assert "التقييم لم يعد حديثاً" in page_ar.results.stale.text() or "لم يعد هذا التقييم حديثاً" in page_ar.results.stale.text()
    page_ar.gate.check()
    assert page_ar.gate.verdict.text() == "راسب" and "حصة المراجعة" in page_ar.gate.reasons.text()
    items = page_ar.results.inputs["items"]
    user = [ws.demo_project, "tiny-lora-v1", "tiny", "banking", ws.user.login, "reviewer1", *{i.intent for i in items}, *[display_text(i.id) for i in items]]
    bad = []
    for tab in range(page_ar.tabs.count()):
        page_ar.tabs.setCurrentIndex(tab)
        for sub in range(page_ar.results.tabs.count()) if tab == 0 else [None]:
            if sub is not None:
                page_ar.results.tabs.setCurrentIndex(sub)
            bad += leftovers(visible_texts(page_ar, USER_CONTENT), user)
    assert not bad, "\n".join(f"{where}: {text[:300]!r}" for where, text in bad)
    ar_pdf = tmp_path / "report_ar.pdf"
    assert page_ar.gate.save_pdf(ar_pdf) and ar_pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_suites_imported_and_edited(make_window, ws, qtbot, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    from atlas_desktop.core.demo import ensure_demo_project
    from atlas_desktop.ui.pages.evaluate.item_dialog import ItemDialog

    project, _ = ensure_demo_project(ws)
    w = make_window(ws, lang)
    page = w.show_page("evaluate")
    suites = page.suites
    assert suites.demo_btn.isVisibleTo(page)  # offered while the project has no suite
    assert not page.run.evaluate_btn.isEnabled()  # no model version, no suite

    # a bad line: one sentence naming the file and the line, in the ui's language; nothing stored
    assert suites.import_file(_bad_suite(tmp_path)) is None
    said = plain(suites.status.text())
    assert "broken.jsonl" in said and ("line 2" in said if lang == "en" else "السطر ٢" in said)
    assert list_suites(ws, project) == []

    # the demo suite, in one click
    qtbot.mouseClick(suites.demo_btn, Qt.MouseButton.LeftButton)
    (info,) = list_suites(ws, project)
    assert info.number == 1 and suites.table.rowCount() == info.item_count and not suites.demo_btn.isVisibleTo(page)
    assert page.run.suite.count() == 1  # the run panel heard of it
    note = suites.versions.item(0, 5).text()
    assert note == ("imported from banking_eval_suite.jsonl" if lang == "en" else "مستورد من \u2068banking_eval_suite.jsonl\u2069")

    # an item edited in the dialog, checked by the core's reader; saved as version 2
    suites.table.selectRow(0)
    dialog = ItemDialog(suites.n, suites.items[0], "item-x", [], suites)
    dialog.checks.setPlainText('{"max_words": ')
    dialog._on_ok()
    assert dialog.item is None and dialog.problem.isVisibleTo(dialog)
    dialog.checks.setPlainText('{"colour": 1}')
    dialog._on_ok()
    assert dialog.item is None and "colour" in dialog.problem.text()
    dialog.checks.setPlainText('{"max_words": 40}')
    dialog.prompt.setPlainText("كم رسوم التحويل الدولي؟")
    dialog._on_ok()
    assert dialog.item == item_from_dict({**dialog.data()}, "item-x") and dialog.item.checks == {"max_words": 40}
    assert suites.put_item(0, dialog.item) and suites.save_btn.isEnabled()
    assert not suites.put_item(None, suites.items[1])  # a second item with the same id
    qtbot.mouseClick(suites.save_btn, Qt.MouseButton.LeftButton)
    newest = list_suites(ws, project)[0]
    assert newest.number == 2 and suites.shown.number == 2 and not suites.dirty
    assert page.run.suite.count() == 2

    # the project's evaluation settings, through the dialog
    from atlas_desktop.core.evaluation.settings import get_settings
    from atlas_desktop.ui.pages.evaluate.settings_dialog import EvalSettingsDialog

    dialog = EvalSettingsDialog(page.ctx, project, page)
    dialog.fields["margin"].setValue(0.5)
    dialog.fields["max_new_tokens"].setValue(64)
    assert dialog.changes() == {"margin": 0.5, "decoding": {**get_settings(ws, project)["decoding"], "max_new_tokens": 64}}
    dialog._on_ok()
    conf = get_settings(ws, project)
    assert conf["margin"] == 0.5 and conf["decoding"]["max_new_tokens"] == 64 and dialog.result() == EvalSettingsDialog.DialogCode.Accepted

    exported = tmp_path / "out.jsonl"
    suites.export_file(exported)
    assert "كم رسوم التحويل الدولي؟" in exported.read_text(encoding="utf-8").splitlines()[0]
