"""The window as a user meets it: pages, language and mirroring, projects, jobs."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from atlas_desktop.core.demo import ensure_demo_project
from atlas_desktop.core.projects import list_projects
from atlas_desktop.ui.pages.catalog import PAGE_KEYS


def test_every_page_opens_in_english(make_window, ws) -> None:  # noqa: ANN001
    w = make_window(ws, "en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    titles = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert titles == ["Projects", "Data", "Train", "Evaluate", "Review", "Release", "Monitor"]
    for key in PAGE_KEYS:
        page = w.show_page(key)
        assert w.stack.currentWidget() is page and w.current_page == key


def test_arabic_ui_is_translated_and_mirrored(make_window, ws) -> None:  # noqa: ANN001
    w = make_window(ws, "ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert w.isRightToLeft()
    assert [w.nav.item(i).text() for i in range(3)] == ["المشاريع", "البيانات", "التدريب"]
    assert w.windowTitle() == "أطلس سطح المكتب"
    assert w.jobs_bar._idle.text() == "لا توجد مهام قيد التشغيل"


def test_create_a_project_from_the_form(make_window, ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(ws)
    page = w.show_page("projects")
    qtbot.mouseClick(page.findChild(type(page.save_btn), "newProject"), Qt.MouseButton.LeftButton)
    page.name.setText("مساعد التمويل")
    page.prompt.setPlainText("أنت مساعد تمويل شخصي.")
    page.dialect_boxes["gulf"].setChecked(True)
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    with ws.unit_of_work() as s:
        projects = list_projects(s)
    assert [p.name for p in projects] == ["مساعد التمويل"] and projects[0].dialects == ("msa", "gulf")
    assert ws.settings.current_project == "مساعد التمويل"  # the first project becomes current
    assert w.project_combo.currentData() == "مساعد التمويل"
    assert page.list.count() == 1


def test_a_bad_project_shows_a_plain_message(make_window, ws, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    w = make_window(ws)
    page = w.show_page("projects")
    page._on_new()
    page.name.setText("   ")
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    assert shown and "name is empty" in shown[0]
    with ws.unit_of_work() as s:
        assert list_projects(s) == []


def test_core_errors_are_shown_in_arabic_from_their_code(make_window, ws, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from atlas_desktop.core.messages import Msg
    from atlas_desktop.ui.core_text import localize

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    w = make_window(ws, "ar")
    page = w.show_page("projects")
    page._on_new()
    page.name.setText("   ")
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    assert shown and "اسم المشروع فارغ" in shown[0]
    # numbers in the user's digits; the stored JSON form renders the same; plain text is kept
    assert "١٢٣٤" in localize(Msg("project.name_too_long", length=1234, maximum=80), w.ctx)
    assert localize(Msg("data.settings.keep_per_cluster").to_json(), w.ctx) == localize(Msg("data.settings.keep_per_cluster"), w.ctx)
    assert localize("something else", w.ctx) == "something else"


def test_check_this_machine_reports_in_arabic(make_window, ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from atlas_desktop.core.doctor import run_doctor
    from atlas_desktop.core.jobs import JobResult

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    w = make_window(ws, "ar")
    w._on_doctor_done(JobResult("ok", run_doctor(ws.paths.home)))
    assert shown and "قاعدة البيانات:" in shown[0] and "الخطوط العربية:" in shown[0] and "Database" not in shown[0]


def test_a_database_that_cannot_be_opened_is_said_in_the_settings_language(atlas_home: Path, capsys) -> None:  # noqa: ANN001
    """Bad input (#13): the window cannot start; the one line it prints is in the user's language."""
    from atlas_desktop.core.paths import data_paths
    from atlas_desktop.core.settings import Settings, save_settings
    from atlas_desktop.core.workspace import Workspace
    from atlas_desktop.ui.app import run_gui

    Workspace.open().close()
    paths = data_paths()
    save_settings(paths.settings, Settings(language="ar"))
    paths.database.write_bytes(b"this is not a database" * 100)
    assert run_gui(screenshot=atlas_home / "x.png") == 2
    err = capsys.readouterr().err
    assert "تالف" in err and "damaged" not in err


def test_switching_project_from_the_header(make_window, ws) -> None:  # noqa: ANN001
    from atlas_desktop.core.projects import ProjectFields, create_project

    with ws.unit_of_work() as s:
        create_project(s, ProjectFields("Alpha"), "tester")
        create_project(s, ProjectFields("Beta"), "tester")
    w = make_window(ws)
    idx = w.project_combo.findData("Beta")
    w.project_combo.activated.emit(idx)
    assert ws.settings.current_project == "Beta"
    from atlas_desktop.core.settings import load_settings

    assert load_settings(ws.paths.settings).current_project == "Beta"


def test_demo_project_system_prompt_is_right_to_left_per_paragraph(make_window, ws) -> None:  # noqa: ANN001
    ensure_demo_project(ws)
    w = make_window(ws, "en")
    page = w.show_page("projects")
    doc = page.prompt.document()
    block = doc.begin()
    while block.isValid():
        if block.text().strip():
            assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
            assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight
        block = block.next()


def test_paragraph_direction_follows_the_dominant_script(qtbot) -> None:  # noqa: ANN001
    from atlas_desktop.ui.widgets.bidi import BidiTextEdit, display_text

    edit = BidiTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("IBAN الخاص بك موجود في تفاصيل الحساب داخل التطبيق\nPlease call us at 8001240000\n١٢٣٤")
    dirs = []
    block = edit.document().begin()
    while block.isValid():
        dirs.append(block.blockFormat().layoutDirection())
        block = block.next()
    rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
    assert dirs[:2] == [rtl, ltr]
    assert edit.toPlainText().startswith("IBAN")  # nothing is inserted into the text itself
    assert display_text("IBAN حسابي هنا").startswith("\u200f")


def test_screenshots_of_every_page_in_both_languages(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    from atlas_desktop.cli import main

    for lang in ("en", "ar"):
        for key in PAGE_KEYS:
            target = tmp_path / f"{lang}-{key}.png"
            assert main(["gui", "--screenshot", str(target), "--page", key, "--lang", lang, "--size", "900x600"]) == 0
            assert target.stat().st_size > 5000
    from PySide6.QtGui import QImage

    img = QImage(str(tmp_path / "ar-projects.png"))
    assert abs(img.width() - 900) <= 40 and img.height() == 600  # a page may need a few pixels more than asked


def test_changing_the_language_in_settings_rebuilds_a_mirrored_window(ws, qtbot, qapp) -> None:  # noqa: ANN001
    from dataclasses import replace

    from atlas_desktop.core.settings import load_settings
    from atlas_desktop.ui.app import _Controller
    from atlas_desktop.ui.i18n import apply_language

    controller = _Controller(qapp, ws)
    controller.open()
    first = controller.window
    first.show_page("data")
    first.settings_changed.emit(replace(ws.settings, language="ar", font_size=13))
    second = controller.window
    qtbot.addWidget(second)
    assert second is not first and second.isRightToLeft() and second.current_page == "data"
    assert second.nav.item(0).text() == "المشاريع" and qapp.font().pointSize() == 13
    assert load_settings(ws.paths.settings).language == "ar"
    second.ctx.jobs.shutdown()
    apply_language(qapp, "en")


def test_arabic_commas_typed_in_the_intents_come_back_as_typed(make_window, ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(ws, "ar")
    page = w.show_page("projects")
    qtbot.mouseClick(page.findChild(type(page.save_btn), "newProject"), Qt.MouseButton.LeftButton)
    page.name.setText("مساعد التمويل")
    page.intents.setText("دعم، سياسات")
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    with ws.unit_of_work() as s:
        assert list_projects(s)[0].intents == ("دعم", "سياسات")
    assert page.intents.text() == "دعم، سياسات"  # shown again with the Arabic comma the analyst typed


def test_a_language_change_waits_for_a_running_job_instead_of_stopping_it(ws, qtbot, qapp) -> None:  # noqa: ANN001
    from dataclasses import replace

    from atlas_desktop.ui.app import _Controller
    from atlas_desktop.ui.i18n import apply_language

    controller = _Controller(qapp, ws)
    controller.open()
    first = controller.window
    qtbot.addWidget(first)
    job = first.ctx.jobs.run_child("count", "atlas_desktop.core.diagnostics:count", {"steps": 15, "delay": 0.1})
    first.settings_changed.emit(replace(ws.settings, language="ar"))
    assert controller.window is first and job.running  # not stopped, not rebuilt under it
    assert first.statusBar().currentMessage()
    qtbot.waitUntil(lambda: controller.window is not first, timeout=20000)
    second = controller.window
    qtbot.addWidget(second)
    assert job.result is not None and job.result.ok and second.isRightToLeft()
    second.ctx.jobs.shutdown()
    apply_language(qapp, "en")
