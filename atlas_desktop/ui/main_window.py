"""The main window: navigation, pages, current project, jobs in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget,
    QVBoxLayout, QWidget,
)

from atlas_desktop import __version__
from atlas_desktop.core.jobs import JobResult
from atlas_desktop.core.projects import list_projects
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.catalog import PAGE_KEYS, build_page, page_title
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.widgets.jobs_bar import JobsBar
from atlas_desktop.ui.widgets.screen import fit_screen


class MainWindow(QMainWindow):
    settings_changed = Signal(object)  # new Settings; the app rebuilds the window when the language changes

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(tr("Atlas Desktop"))
        self._pages: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        for i, key in enumerate(PAGE_KEYS):
            item = QListWidgetItem(page_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._on_nav)

        self.project_combo = QComboBox()
        self.project_combo.setObjectName("projectCombo")
        self.project_combo.setMinimumWidth(320)
        self.project_combo.activated.connect(self._on_project_chosen)
        title = QLabel(tr("Atlas Desktop"))
        title.setObjectName("appTitle")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(QLabel(tr("Project:")))
        header.addWidget(self.project_combo)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addLayout(header)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.jobs_bar = JobsBar(ctx)
        self.statusBar().addWidget(self.jobs_bar, 1)
        db_kind = "PostgreSQL" if ctx.ws.db.dialect == "postgresql" else "SQLite"
        self.statusBar().addPermanentWidget(QLabel(tr("Database: {kind}").format(kind=db_kind)))
        self.statusBar().addPermanentWidget(QLabel(tr("User: {login}").format(login=ctx.ws.user.login)))

        self._build_menus()
        ctx.project_changed.connect(self._on_projects_changed)
        ctx.projects_changed.connect(self._on_projects_changed)
        self._on_projects_changed()
        self.show_page("projects")
        geometry = QSettings("Atlas", "AtlasDesktop").value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(fit_screen(self, 1280, 800))

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&File"))
        settings = QAction(tr("Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self._on_settings)
        file_menu.addAction(settings)
        quit_action = QAction(tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go = self.menuBar().addMenu(tr("&Go"))
        for i, key in enumerate(PAGE_KEYS):
            act = QAction(page_title(key), self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, k=key: self.show_page(k))
            go.addAction(act)

        tools = self.menuBar().addMenu(tr("&Tools"))
        doctor = QAction(tr("Check this machine"), self)
        doctor.triggered.connect(self._on_doctor)
        tools.addAction(doctor)
        selftest = QAction(tr("Test background jobs"), self)
        selftest.triggered.connect(self._on_selftest)
        tools.addAction(selftest)

        help_menu = self.menuBar().addMenu(tr("&Help"))
        about = QAction(tr("About Atlas Desktop"), self)
        about.triggered.connect(self._on_about)
        help_menu.addAction(about)

    # ------------------------------------------------------------------ pages
    def show_page(self, key: str) -> QWidget:
        if key not in self._pages:
            page = build_page(key, self.ctx)
            page.setObjectName(f"page_{key}")
            self._pages[key] = page
            self.stack.addWidget(page)
        row = PAGE_KEYS.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        self.stack.setCurrentWidget(self._pages[key])
        return self._pages[key]

    @Slot(int)
    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.show_page(PAGE_KEYS[row])

    @property
    def current_page(self) -> str:
        return PAGE_KEYS[self.nav.currentRow()]

    # ------------------------------------------------------------------ projects
    @Slot()
    def _on_projects_changed(self, *_: object) -> None:
        with self.ctx.ws.unit_of_work() as s:
            names = [p.name for p in list_projects(s)]
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        for n in names:
            self.project_combo.addItem(display_text(n), n)
        if not names:
            self.project_combo.addItem(tr("No project yet"), "")
        idx = self.project_combo.findData(self.ctx.current_project)
        self.project_combo.setCurrentIndex(max(0, idx))
        self.project_combo.blockSignals(False)

    @Slot(int)
    def _on_project_chosen(self, index: int) -> None:
        name = self.project_combo.itemData(index)
        if name:
            self.ctx.set_current_project(name)

    # ------------------------------------------------------------------ actions
    @Slot()
    def _on_settings(self) -> None:
        from atlas_desktop.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.ctx.settings, self.ctx.ws.db.url, self)
        if dlg.exec():
            self.settings_changed.emit(dlg.result_settings())

    @Slot()
    def _on_doctor(self) -> None:
        from atlas_desktop.core.doctor import run_doctor

        job = self.ctx.jobs.run(tr("Checking this machine"), lambda _c, _r, _x: run_doctor(self.ctx.ws.paths.home))
        job.finished.connect(self._on_doctor_done)

    @Slot(object)
    def _on_doctor_done(self, result: JobResult) -> None:
        from atlas_desktop.core.doctor import format_doctor

        if result.ok:
            settings = self.ctx.ws.settings
            QMessageBox.information(self, tr("Check this machine"), format_doctor(result.value, settings.language, settings.uses_arabic_digits()))
        else:
            QMessageBox.warning(self, tr("Check this machine"), localize(result.failure, self.ctx))

    @Slot()
    def _on_selftest(self) -> None:
        self.ctx.jobs.run_child(tr("Background job test"), "atlas_desktop.core.diagnostics:count", {"steps": 50, "delay": 0.1})

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(self, tr("About Atlas Desktop"), tr("Atlas Desktop {version}: fine-tune your own Arabic language model without your data leaving the building.").format(version=__version__))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        running = self.ctx.jobs.running
        if running and self.isVisible():
            answer = QMessageBox.question(self, tr("Jobs are running"), tr("Jobs still running: {n}. Stop them and quit?").format(n=self.ctx.num(len(running))))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.ctx.jobs.shutdown()
        QSettings("Atlas", "AtlasDesktop").setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
