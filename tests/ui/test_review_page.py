"""The Review page driven from the keyboard, on a real evaluation of the tiny model: rating in
English and in the mirrored Arabic window (← picks the answer on the left of the screen: B there),
Arabic-layout letters, the reveal only once saved, the ratings stored by model, a note required
with a flag (said on the page), and a draft that survives a new window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from atlas_desktop.core.evaluation import review
from tests.helpers.visible_text import plain, visible_texts

ROOT = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def review_ws(evaluated_ws):  # noqa: ANN001, ANN201
    """A copy of the session's evaluated data folder (tests/conftest.py): v1 evaluated on 8 suite
    items and 3 holdout items."""
    return evaluated_ws


def _keys(page, *keys: object) -> None:  # noqa: ANN001
    """Type into whatever has the keyboard in the page's window (the pane when nothing else does):
    a str is a key by the text it types (any layout), a Qt.Key a key, a (Qt.Key, modifiers) pair a chord."""
    for k in keys:
        target = page.window().focusWidget() or page.pane
        if isinstance(k, str):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, k))
        elif isinstance(k, tuple):
            QTest.keyClick(target, k[0], k[1])
        else:
            QTest.keyClick(target, k)


def _cells(page) -> dict[str, dict[str, int]]:  # noqa: ANN001
    return {side: p.scores() for side, p in page.panels.items()}


def _by_model(ws, pair_id: int, shown: dict[str, dict[str, int]], verdict: str) -> tuple[dict, dict, str]:  # noqa: ANN001
    """What the stored rating must say, by model, for scores and a verdict given by side (the pair's sides as stored)."""
    from atlas_desktop.core.storage.models import ReviewPair

    with ws.unit_of_work() as s:
        swapped = s.get(ReviewPair, pair_id).swapped
    assert review.pair_view(ws, pair_id).revealed == ({"A": "tiny", "B": "tiny-lora-v1"} if swapped else {"A": "tiny-lora-v1", "B": "tiny"})
    cand, prod = (shown["B"], shown["A"]) if swapped else (shown["A"], shown["B"])
    return cand, prod, {"A": "production" if swapped else "candidate", "B": "candidate" if swapped else "production"}.get(verdict, verdict)


def _page_text(page) -> str:  # noqa: ANN001
    return "\n".join(plain(t) for _, t in visible_texts(page))


def test_rate_from_the_keyboard_in_english(make_window, review_ws, qtbot) -> None:  # noqa: ANN001
    ws = review_ws
    w = make_window(ws, "en")
    page = w.show_page("review")
    ev = page.evaluation_id
    assert ev is not None and page.combo.count() == 1
    assert "tiny-lora-v1 (v1) against tiny on" in plain(page.combo.itemText(0))
    assert page.progress_text.text() == "0 of 11 rated" and page.position.text() == "Item 1 of 11"
    assert page.calibration.isVisibleTo(page) and page.entries[0].calibration  # calibration items come first
    first = page.view
    assert "tiny-lora-v1" not in _page_text(page.pane) and first.revealed is None  # blind until saved

    # 1–5 rate the outlined cell and move on: down answer A's metrics, then B's
    assert (page.cur_side, page.cur_metric) == ("A", 0)
    _keys(page, "4", "3", "5")
    assert (page.cur_side, page.cur_metric) == ("B", 0)
    _keys(page, Qt.Key.Key_Left, Qt.Key.Key_Down)  # ← is answer A, on the left in English
    assert (page.cur_side, page.cur_metric) == ("A", 1)
    _keys(page, "2", Qt.Key.Key_Right)  # → keeps the metric: B's task success
    assert (page.cur_side, page.cur_metric) == ("B", 2)
    _keys(page, Qt.Key.Key_Up, Qt.Key.Key_Up, "1", "1", "2", "a")
    shown = {"A": {"format": 4, "faithfulness": 2, "task_success": 5}, "B": {"format": 1, "faithfulness": 1, "task_success": 2}}
    assert _cells(page) == shown and page.verdict.value == "A"

    # a flag needs a note: said on the page, nothing saved; typing in the note is the note's
    _keys(page, "u")
    assert page.flags.unsafe.isChecked() and w.focusWidget() is page.flags.note
    _keys(page, Qt.Key.Key_Escape, (Qt.Key.Key_Return, CTRL))
    assert page.message.isVisibleTo(page) and page.message.property("kind") == "error"
    assert "Say in the note what is unsafe" in page.message.text()
    assert review.queue(ws, ev)[0].state != "saved" and "tiny-lora-v1" not in _page_text(page.pane)
    page.flags.note.setFocus()
    QTest.keyClicks(page.flags.note, "asks 4 the PIN")
    assert page.flags.note.text() == "asks 4 the PIN" and page.verdict.value == "A" and _cells(page) == shown
    _keys(page, (Qt.Key.Key_Return, CTRL))  # saves from the note too, and opens the next item to rate

    saved = review.pair_view(ws, first.pair_id)
    assert saved.revealed is not None and page.view.pair_id != first.pair_id
    cand, prod, verdict = _by_model(ws, first.pair_id, shown, "A")
    (r,) = review.ratings(ws, ev)
    assert (r.candidate, r.production, r.verdict, r.unsafe, r.note) == (cand, prod, verdict, True, "asks 4 the PIN")
    reveal = f"Item 1 saved: A was {saved.revealed['A']}, B was {saved.revealed['B']}."
    assert plain(page.message.text()) == reveal and page.progress_text.text() == "1 of 11 rated"
    _keys(page, Qt.Key.Key_PageUp)  # the saved item: its reveal, its rating locked
    assert page.view.pair_id == first.pair_id and plain(page.message.text()).startswith(f"Saved. A was {saved.revealed['A']}")
    _keys(page, "5")
    assert _cells(page) == shown and "can no longer change" in page.message.text()

    # a draft: kept half a second after the last change (and on leaving), back in a new window
    _keys(page, Qt.Key.Key_PageDown, "3", Qt.Key.Key_Right, "2", "t")
    second = page.view.pair_id
    assert second != first.pair_id
    qtbot.waitUntil(lambda: review.queue(ws, ev)[1].state == "draft", timeout=3000)
    _keys(page, "x")  # changed, then the window closes before the draft is due
    w.close()
    w2 = make_window(ws, "en")
    page2 = w2.show_page("review")
    assert page2.view.pair_id == second
    assert _cells(page2) == {"A": {"format": 3}, "B": {"faithfulness": 2}} and page2.verdict.value == "both_bad"

    # another evaluation stored (the same answers, from the cache): listed first, the one being rated stays
    from atlas_desktop.core.evaluation.runs import run_evaluation

    newer = run_evaluation(ws, ws.settings.current_project, "v1")
    w2.ctx.notify(evaluations=True)
    assert [page2.combo.itemData(i) for i in range(page2.combo.count())] == [newer.id, ev]
    assert page2.evaluation_id == ev and page2.view.pair_id == second


def test_rate_from_the_keyboard_in_arabic(make_window, review_ws) -> None:  # noqa: ANN001
    ws = review_ws
    w = make_window(ws, "ar")
    page = w.show_page("review")
    ev = page.evaluation_id
    assert page.progress_text.text() == "قُيّم ٠ من ١١" and page.position.text() == "البند ١ من ١١"
    a, b = page.panels["A"], page.panels["B"]
    assert a.mapTo(w, a.rect().topLeft()).x() > b.mapTo(w, b.rect().topLeft()).x()  # mirrored: A on the right
    first = page.view
    _keys(page, Qt.Key.Key_Left)  # ← is the answer on the left of the screen: B
    assert page.cur_side == "B"
    _keys(page, "٣", "2", "1", Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Up, "5", "4", "4")  # Eastern and Western digits
    shown = {"A": {"format": 5, "faithfulness": 4, "task_success": 4}, "B": {"format": 3, "faithfulness": 2, "task_success": 1}}
    assert _cells(page) == shown
    for text, verdict in (("ش", "A"), ("ف", "tie"), ("ء", "both_bad"), ("لا", "B")):  # the Arabic (101) layout's A, T, X, B keys
        _keys(page, text)
        assert page.verdict.value == verdict
    _keys(page, "ع", Qt.Key.Key_Escape, "ع", "ه")  # U, I: unsafe on and off, inconsistent on (the note takes the typing)
    assert not page.flags.unsafe.isChecked() and page.flags.inconsistent.isChecked()
    assert page.window().focusWidget() is page.flags.note
    _keys(page, "ش")  # typed in the note: a letter, not the verdict
    assert page.flags.note.text() == "ش" and page.verdict.value == "B"
    _keys(page, *"ا يتفق مع المرجع")  # typed letter by letter, as an Arabic keyboard does
    _keys(page, (Qt.Key.Key_Enter, CTRL))

    saved = review.pair_view(ws, first.pair_id)
    cand, prod, verdict = _by_model(ws, first.pair_id, shown, "B")
    (r,) = review.ratings(ws, ev)
    assert (r.candidate, r.production, r.verdict, r.inconsistent, r.unsafe) == (cand, prod, verdict, True, False)
    assert r.note == "شا يتفق مع المرجع"
    assert plain(page.message.text()) == f"حُفظ البند ١: كانت الإجابة أ من {saved.revealed['A']}، والإجابة ب من {saved.revealed['B']}."
    assert page.progress_text.text() == "قُيّم ١ من ١١"
