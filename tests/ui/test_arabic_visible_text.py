"""Every page in Arabic, in the states an analyst reaches, shows no Latin digits, no Latin percent
sign and no untranslated word or code (issue #14): user data, file names, model names, run ids
and code identifiers excepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from atlas_desktop.core.data.pipeline import import_files, list_versions
from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
from atlas_desktop.core.registry.model_store import import_base
from atlas_desktop.ui.pages.catalog import PAGE_KEYS
from atlas_desktop.ui.widgets.bidi import display_text
from tests.helpers.visible_text import plain, visible_texts

ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")  # user text embedded in a sentence (bidi.embedded)
# Words the Arabic ui keeps in Latin letters: formats, products, options, precisions, the hash's name.
TECHNICAL = re.compile(r"\b(ShareGPT|Alpaca|Excel|LoRA|YAML|JSONL?|CSV|XLSX|HTML|PDF|SQLite|PostgreSQL|sha256|bf16|fp16|fp32|Luhn|IBAN|SA|AE|EG|resources/eval)\b"
                       r"|\b(messages|conversations|instruction/output|system|user|assistant)\b")  # a chat file's own field names
USER_CONTENT = ("systemPrompt", "recipeYaml", "trainLog", "redactionView", "memberView", "translatedView", "preview", "fixEditor",
                "promptText", "referenceText", "earlierText", "answerTextA", "answerTextB")  # the review pane's item and answers


def leftovers(texts: list[tuple[str, str]], user_data: list[str]) -> list[tuple[str, str]]:
    bad = []
    for where, raw in texts:
        text = ISOLATED.sub(" ", raw)
        for value in sorted(user_data, key=len, reverse=True):
            text = text.replace(value, " ")
        text = TECHNICAL.sub(" ", plain(text))
        text = re.sub(r"`[^`]*`", " ", text)  # a command to type, as written
        forced_ltr = raw.startswith("\u200e") and re.search("[\u0621-\u064a]", text)  # a sentence of the ui laid out left to right
        if re.search(r"[0-9%]|[A-Za-z]", text) or forced_ltr:
            bad.append((where, raw))
    return bad


@pytest.fixture
def arabic_window(make_window, ws, tiny_model_dir: Path, tmp_path: Path):  # noqa: ANN001, ANN201
    from atlas_desktop.core.training.recipe import preset
    from atlas_desktop.core.training.runner import create_run, execute_run

    project, _ = ensure_demo_project(ws)
    import_base(ws, tiny_model_dir, "tiny")
    import_files(ws, project, [SAMPLE_CONVERSATIONS])
    small = tmp_path / "more.jsonl"
    small.write_text('{"messages": [{"role": "user", "content": "كم رسوم التحويل؟"}, {"role": "assistant", "content": "الرسوم ٥ ريالات."}]}\n',
                     encoding="utf-8")
    import_files(ws, project, [SAMPLE_CONVERSATIONS, small])
    recipe = preset("quick", "tiny")
    recipe.train.update(max_steps=2, max_seq_length=256)
    run = create_run(ws, project, recipe, 2)
    execute_run(ws, run.run_id)
    w = make_window(ws, "ar")
    with ws.unit_of_work() as s:
        from atlas_desktop.core.projects import get_project

        p = get_project(s, project)
        intents = list(p.intents)
    user = [project, *intents, "tiny-lora-v1", "tiny", run.run_id, "q_proj, k_proj, v_proj, o_proj", "banking_conversations.jsonl", "more.jsonl", ws.user.login,
            *[v.sha256[:16] for v in list_versions(ws, project)]]
    return w, user


@pytest.fixture
def arabic_evaluation(arabic_window, tmp_path: Path):  # noqa: ANN001, ANN201
    """The trained model version evaluated on a few suite items, for the Review page."""
    from atlas_desktop.core.demo import EVAL_SUITE
    from atlas_desktop.core.evaluation.runs import run_evaluation
    from atlas_desktop.core.evaluation.settings import set_settings
    from atlas_desktop.core.evaluation.suites import import_suite

    w, user = arabic_window
    ws, project = w.ctx.ws, w.ctx.current_project
    suite = tmp_path / "banking.jsonl"
    suite.write_text("".join(EVAL_SUITE.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")
    import_suite(ws, project, suite, name="banking")
    set_settings(ws, project, {"holdout_items": 1, "calibration_items": 1, "decoding": {"max_new_tokens": 8, "batch_size": 4}})
    return run_evaluation(ws, project, "v1")


def test_every_page_in_arabic_reads_in_arabic(arabic_window, arabic_evaluation, qtbot) -> None:  # noqa: ANN001
    w, user = arabic_window
    user = [*user, "banking"]
    bad = []
    for key in PAGE_KEYS:
        page = w.show_page(key)
        bad += leftovers(visible_texts(page, USER_CONTENT), user)
    data = w.show_page("data")
    qtbot.mouseClick(data.compare_btn, Qt.MouseButton.LeftButton)
    bad += leftovers(visible_texts(data, USER_CONTENT), user)
    train = w.show_page("train")
    train.table.selectRow(0)
    bad += leftovers(visible_texts(train, USER_CONTENT), user)
    evaluate = w.show_page("evaluate")  # the demo suite imported, each tab (a real evaluation: tests/ui/test_evaluate_page.py)
    qtbot.mouseClick(evaluate.suites.demo_btn, Qt.MouseButton.LeftButton)
    user += ["banking", *[i.intent for i in evaluate.suites.items], *[display_text(i.id) for i in evaluate.suites.items]]
    for tab in range(evaluate.tabs.count()):
        evaluate.tabs.setCurrentIndex(tab)
        bad += leftovers(visible_texts(evaluate, USER_CONTENT), user)
    review = w.show_page("review")  # an item being rated, the error of an unfinished rating, a saved one and its reveal
    assert review.view is not None
    review.do("score:4")
    review.do("save_next")
    bad += leftovers(visible_texts(review, USER_CONTENT), user)
    for action in ("score:4", "score:3", "score:5", "score:2", "score:2", "score:1", "verdict:A"):
        review.do(action)
    review.save_btn.click()
    assert review.locked and review.message.property("kind") == "reveal"
    bad += leftovers(visible_texts(review, USER_CONTENT), user)
    bad += leftovers([x for x in visible_texts(w) if x[0].startswith("MainWindow")], user)
    assert not bad, "\n".join(f"{where}: {text[:300]!r}" for where, text in bad)


def test_every_step_of_the_import_wizard_in_arabic(arabic_window, qtbot) -> None:  # noqa: ANN001
    w, user = arabic_window
    data = w.show_page("data")
    data.open_wizard(sample=True)
    wiz = data.wizard
    qtbot.addWidget(wiz)
    bad = []
    while True:
        bad += [(f"{wiz.step}: {where}", text) for where, text in leftovers(visible_texts(wiz, USER_CONTENT), user)]
        if wiz.step == "save":
            break
        qtbot.mouseClick(wiz.next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wiz.job is None, timeout=60000)
    wiz.reject()
    assert not bad, "\n".join(f"{where}: {text[:300]!r}" for where, text in bad)


from tests.ui.test_monitor_page import live_monitor_home, live_monitor_ws, shown_monitor  # noqa: E402, F401 - fixtures


def test_the_monitor_page_in_arabic_reads_in_arabic(make_window, live_monitor_ws, qtbot) -> None:  # noqa: ANN001, F811
    """Telemetry, the drift alert, the drift table and the gateway's keys, each tab, in Arabic."""
    w = make_window(live_monitor_ws, "ar")
    page = shown_monitor(w, qtbot)
    assert page.banner.isVisible()
    user = [w.ctx.current_project, "v1", "tester", "helpdesk-app", "mobile-app", "old-portal"]
    bad = []
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        bad += leftovers(visible_texts(page, USER_CONTENT), user)
    assert not bad, "\n".join(f"{where}: {text[:300]!r}" for where, text in bad)
