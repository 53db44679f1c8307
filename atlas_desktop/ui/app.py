"""Start the desktop app (or render it to a PNG with --screenshot)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.messages import Msg


def _prepare_env(screenshot: bool) -> None:
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")


def load_stylesheet() -> str:
    from atlas_desktop.core.demo import resource_root

    path = resource_root() / "styles" / "app.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def create_app(argv: list[str] | None = None):  # noqa: ANN201 - QApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Atlas Desktop")
    app.setOrganizationName("Atlas")
    from atlas_desktop.ui.fonts import load_bundled_fonts

    load_bundled_fonts()
    from PySide6.QtGui import QIcon

    from atlas_desktop.core.demo import resource_root

    icon = resource_root() / "icons" / "atlas-desktop.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(app, ws, language: str | None = None):  # noqa: ANN001, ANN201
    """Apply language, fonts and style, and return a new MainWindow on ``ws``."""
    from atlas_desktop.ui.context import AppContext
    from atlas_desktop.ui.fonts import ui_font
    from atlas_desktop.ui.i18n import apply_language
    from atlas_desktop.ui.main_window import MainWindow

    if language:
        ws.settings.language = language
    apply_language(app, ws.settings.language)
    app.setFont(ui_font(ws.settings.font_size))
    app.setStyleSheet(load_stylesheet())
    ctx = AppContext(ws)
    window = MainWindow(ctx)
    ctx.setParent(window)
    return window


class _Controller:
    """Rebuilds the window when the language or font changes (all state is in the database)."""

    def __init__(self, app, ws) -> None:  # noqa: ANN001
        self.app, self.ws = app, ws
        self.window = None

    def open(self) -> None:
        self.window = build_window(self.app, self.ws)
        self.window.settings_changed.connect(self.on_settings_changed)
        self.window.show()

    def on_settings_changed(self, new) -> None:  # noqa: ANN001
        old = self.ws.settings
        self.ws.apply_settings(new)
        if (new.language, new.font_size, new.digits) != (old.language, old.font_size, old.digits):
            jobs = self.window.ctx.jobs
            if jobs.running:
                # a training run or an import goes on: the window is rebuilt in the new language
                # when the last running job has finished, never by stopping one
                from atlas_desktop.ui.i18n import tr

                self.window.statusBar().showMessage(tr("The new language and text size apply when the running jobs have finished."))
                jobs.changed.connect(self._rebuild_when_idle)
                return
            self._rebuild()

    def _rebuild_when_idle(self) -> None:
        if not self.window.ctx.jobs.running:
            self.window.ctx.jobs.changed.disconnect(self._rebuild_when_idle)
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._rebuild)  # after the pages have taken the job's result

    def _rebuild(self) -> None:
        page = self.window.current_page
        geometry = self.window.saveGeometry()
        self.window.ctx.jobs.shutdown()
        self.window.hide()
        self.window.deleteLater()
        self.open()
        self.window.restoreGeometry(geometry)
        self.window.show_page(page)


def _startup_language(lang: str | None) -> tuple[str, bool]:
    """The language (and Arabic digits) to say that Atlas cannot start in: ``--lang``, else the
    settings file's, else English (the settings file itself may be what is wrong)."""
    from atlas_desktop.core.settings import Settings, load_settings

    try:
        from atlas_desktop.core.paths import data_paths

        settings = load_settings(data_paths().settings)
    except Exception:  # noqa: BLE001 - whatever else is wrong, the error itself is what must be shown
        settings = Settings()
    if lang:
        settings.language = lang
    return settings.language, settings.uses_arabic_digits()


def _fatal(message: str, gui: bool) -> int:
    print(f"atlas: {message}", file=sys.stderr)
    if gui:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Atlas Desktop", message)
    return 2


def run_gui(screenshot: Path | None = None, page: str | None = None, lang: str | None = None, size: str = "1280x800",
            check_glyphs: bool = False) -> int:
    _prepare_env(screenshot is not None)
    app = create_app()
    from atlas_desktop.core.workspace import Workspace

    try:
        ws = Workspace.open()
    except AtlasError as exc:  # a damaged database, a server down...: said in the user's language
        language, digits = _startup_language(lang)
        if screenshot is None:
            from atlas_desktop.ui.i18n import apply_language

            apply_language(app, language)
        return _fatal(exc.render(language, digits), gui=screenshot is None)
    if screenshot is not None:
        return _screenshot(app, ws, screenshot, page or "projects", lang, size, check_glyphs)
    if lang:
        ws.settings.language = lang
    controller = _Controller(app, ws)
    controller.open()
    if page:
        controller.window.show_page(page)
    # Everything built so far lives as long as the window: keep it out of the collector's
    # full passes, which otherwise pause the event loop for tens of milliseconds.
    import gc

    gc.collect()
    gc.freeze()
    code = app.exec()
    ws.close()
    return code


def _screenshot(app, ws, target: Path, page: str, lang: str | None, size: str, check_glyphs: bool = False) -> int:  # noqa: ANN001
    try:
        w, h = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise AtlasError(Msg("gui.bad_size", size=size)) from None
    window = build_window(app, ws, lang)
    window.resize(w, h)
    shown = window.show_page(page)
    window.show()
    for _ in range(5):
        app.processEvents()
    if hasattr(shown, "wait_ready"):  # a page that loads off the GUI thread (Monitor) is pictured loaded
        shown.wait_ready()
        for _ in range(5):
            app.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target), "PNG")
    missing = ""
    if check_glyphs:
        from atlas_desktop.ui.fonts import missing_glyphs

        missing = missing_glyphs(window)
    window.ctx.jobs.shutdown()
    window.close()
    ws.close()
    if not ok:
        raise AtlasError(Msg("gui.screenshot_not_written", path=str(target)))
    print(f"Wrote {target}")
    if missing:
        codes = " ".join(f"{ch} U+{ord(ch):04X}" for ch in missing)
        print(f"No font here can draw {len(missing)} character(s) the window shows: {codes}", file=sys.stderr)
        return 1
    return 0
