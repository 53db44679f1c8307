"""The Release page driven as a release manager drives it: start the playbook's plan from a file,
watch the checks wait and pass, the stage promoted, a rollback drill and its resumption, a sign-off
refused to the one who trained the candidate, a rollback that first asks why; the history and the
launch checklist; then the same workspace in the Arabic window, mirrored."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from atlas_desktop.core.release import aliases, controller
from atlas_desktop.core.serving import routing
from tests.helpers.release import SEED_RELEASE, Clock, pass_gate, traffic
from tests.helpers.visible_text import plain



def test_a_release_from_the_window_in_english_then_arabic(make_window, evaluated_ws, qtbot, tmp_path: Path,  # noqa: ANN001
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ws = evaluated_ws
    project = ws.settings.current_project
    pass_gate(ws, project)
    aliases.set_alias(ws, project, "mx4-atlas-core-v2", "v1", "the team's name")
    plan = tmp_path / "release.yaml"
    plan.write_text(SEED_RELEASE, encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(plan), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)

    w = make_window(ws, "en")
    page = w.show_page("release")
    assert page.summary.text().startswith("No release yet.") and not page.promote_btn.isEnabled()
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    assert "Release mx4-atlas-core-v2 in stages 10% → 50% → 100%?" in plain(asked[-1])
    assert plain(page.summary.text()).startswith("Release 1: v1 replacing base model · running · stage 1 of 3 · traffic now: base model 90%, v1 10%")
    assert [state for _t, state in page.timeline.shown] == ["current", "pending", "pending"]
    assert set(page.check_rows) == {"quality", "latency"} and "not evaluated yet" in page.check_rows["quality"][1].text()
    assert not page.promote_btn.isEnabled() and page.drill_btn.isEnabled() and not page.sign_btn.isEnabled()

    # traffic over the stage, the controller's evaluation: waiting with how much is missing, then passed and promoted
    start = controller.status(ws, project).stage_started_at
    clock = Clock(start + timedelta(minutes=5))
    traffic(ws, project, start, clock.at, {"v1": 50, "base": 300}, {"v1": 800, "base": 800}, {"v1": 0.1, "base": 0.1})
    controller.tick(ws, project, clock=clock)
    page.refresh()
    assert "waiting for v1: 50 of 200 answered requests" in page.check_rows["latency"][1].text()
    bars = page.check_rows["latency"][2].bars
    assert [b.text for b in bars] == ["300/200", "50/200"] and [b.value for b in bars] == [200, 50]  # full at the line
    clock.at = start + timedelta(minutes=40)
    traffic(ws, project, start + timedelta(minutes=5), clock.at, {"v1": 250, "base": 300}, {"v1": 800, "base": 800},
            {"v1": 0.1, "base": 0.1}, seed=2)
    controller.tick(ws, project, clock=clock, force=True)
    page.refresh()
    assert [state for _t, state in page.timeline.shown] == ["done", "current", "pending"]
    assert "stage 2 of 3" in plain(page.summary.text()) and set(page.check_rows) == {"quality", "support_tickets"}

    # a rollback drill, then resume
    qtbot.mouseClick(page.drill_btn, Qt.MouseButton.LeftButton)
    assert asked[-1].startswith("Run a rollback drill? All traffic goes back to base model in one step")
    assert routing.get_table(ws, project).shares() == {"base": 10000} and page.pause_btn.text() == "Resume…"
    assert [state for _t, state in page.timeline.shown] == ["done", "stopped", "pending"]
    qtbot.mouseClick(page.pause_btn, Qt.MouseButton.LeftButton)
    assert asked[-1].startswith("End the drill and resume?") and routing.get_table(ws, project).shares() == {"base": 5000, "v1": 5000}

    # the one who trained the candidate cannot sign; said on the page
    controller.status(ws, project)  # (stage 2 has no final review: the button is off)
    assert not page.sign_btn.isEnabled()
    assert page.sign("looks fine") is False and "Stage 2 has no final review" in page.note.text()

    # history and checklist
    page.tabs.setCurrentIndex(2)
    whats = [page.events.item(r, 2).text() for r in range(page.events.rowCount())]
    assert whats[:3] == ["drill over, resumed", "rollback drill", "promoted"]
    page.tabs.setCurrentIndex(3)
    assert "a rollback drill is recorded for release 1" in page.checklist.text()

    # the Arabic window on the same workspace: the rollback asks why, then everything is on the base model
    ar = make_window(ws, "ar")
    page_ar = ar.show_page("release")
    assert page_ar.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page_ar.timeline.lay.itemAt(1).widget().text() == "←"
    assert plain(page_ar.summary.text()).startswith("الإصدار ١: v1 بدلاً من النموذج الأساسي · قيد التشغيل · المرحلة ٢ من ٣ · حركة الطلبات الآن: النموذج الأساسي ٥٠٪، v1 ٥٠٪")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("شكاوى من الفروع", True))
    qtbot.mouseClick(page_ar.rollback_btn, Qt.MouseButton.LeftButton)
    assert routing.get_table(ws, project).shares() == {"base": 10000}
    st = controller.status(ws, project)
    assert st.state == "rolled_back" and st.events[-1].note == "شكاوى من الفروع"
    assert "تم التراجع" in page_ar.note.text() and not page_ar.rollback_btn.isEnabled()
    assert page_ar.start_btn.isEnabled()
    page_ar.tabs.setCurrentIndex(2)  # the history: the release's own reasons in the ui's language, a person's as typed
    reasons = [plain(page_ar.moves.item(r, 5).text()) for r in range(page_ar.moves.rowCount())]
    assert reasons[0] == "تُراجع عن الإصدار ١: شكاوى من الفروع" and "بدأ الإصدار ١" in reasons and "the team's name" in reasons
