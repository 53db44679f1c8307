"""Projects: list, create, edit and switch the assistant being built."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from atlas_desktop.core.arabic import DIALECT_NAMES, DIALECTS
from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.projects import DEFAULT_INTENTS, ProjectFields, ProjectInfo, create_project, list_projects, update_project
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.glossary import listing
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.bidi import BidiTextEdit, display_text


class ProjectsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._projects: list[ProjectInfo] = []
        self._editing: str | None = None  # None: a new project

        self.list = QListWidget()
        self.list.setObjectName("projectList")
        self.list.setWordWrap(True)  # long Arabic/Latin names wrap instead of scrolling sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._on_select)
        self.count = QLabel()
        new_btn = QPushButton(tr("New project"))
        new_btn.setObjectName("newProject")
        new_btn.clicked.connect(self._on_new)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(self.count)
        ll.addWidget(self.list, 1)
        ll.addWidget(new_btn)

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.name = QLineEdit()
        self.name.setObjectName("projectName")
        self.description = BidiTextEdit()
        self.description.setMaximumHeight(90)
        self.prompt = BidiTextEdit()
        self.prompt.setObjectName("systemPrompt")
        self.prompt.setFont(content_font(ctx.settings.font_size))
        self.intents = QLineEdit()
        self.intents.setPlaceholderText(listing(ctx, list(DEFAULT_INTENTS)))
        dial_row = QHBoxLayout()
        self.dialect_boxes: dict[str, QCheckBox] = {}
        for code in DIALECTS:
            en, ar = DIALECT_NAMES[code]
            box = QCheckBox(ar if ctx.settings.language == "ar" else en)
            self.dialect_boxes[code] = box
            dial_row.addWidget(box)
        dial_row.addStretch(1)
        self.meta = QLabel()
        self.meta.setObjectName("projectMeta")
        self.save_btn = QPushButton(tr("Save"))
        self.save_btn.setObjectName("saveProject")
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self._on_save)
        self.use_btn = QPushButton(tr("Make current"))
        self.use_btn.setObjectName("useProject")
        self.use_btn.clicked.connect(self._on_use)

        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Description"), self.description)
        form.addRow(tr("System prompt"), self.prompt)
        form.addRow(tr("Intent categories"), self.intents)
        form.addRow(tr("Target dialects"), dial_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.meta, 1)
        buttons.addWidget(self.use_btn)
        buttons.addWidget(self.save_btn)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.heading)
        rl.addLayout(form, 1)
        rl.addLayout(buttons)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([280, 800])
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        ctx.project_changed.connect(self._on_project_changed)
        self.reload()

    # ------------------------------------------------------------------ data
    def reload(self, select: str | None = None) -> None:
        with self.ctx.ws.unit_of_work() as s:
            self._projects = list_projects(s)
        select = select or self._editing or self.ctx.current_project
        self.list.blockSignals(True)
        self.list.clear()
        row = 0
        for i, p in enumerate(self._projects):
            mark = "★ " if p.name == self.ctx.current_project else ""
            item = QListWidgetItem(display_text(mark + p.name))
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            self.list.addItem(item)
            if p.name == select:
                row = i
        self.list.blockSignals(False)
        n = len(self._projects)
        self.count.setText(tr("Projects: {n}").format(n=self.ctx.num(n)))
        if self._projects:
            self.list.setCurrentRow(row)
            self._on_select(row)
        else:
            self._on_new()

    def _show(self, p: ProjectInfo | None) -> None:
        self._editing = p.name if p else None
        self.heading.setText(tr("Edit project") if p else tr("New project"))
        self.name.setText(p.name if p else "")
        self.description.setPlainText(p.description if p else "")
        self.prompt.setPlainText(p.system_prompt if p else "")
        self.intents.setText(listing(self.ctx, list(p.intents if p else DEFAULT_INTENTS)))  # Arabic commas in the Arabic ui
        chosen = set(p.dialects) if p else {"msa"}
        for code, box in self.dialect_boxes.items():
            box.setChecked(code in chosen)
        if p:
            self.meta.setText(tr("Created by {user} on {date}").format(user=p.created_by or "—", date=self.ctx.date(p.created_at)))
        else:
            self.meta.setText("")
        self.use_btn.setEnabled(bool(p) and p.name != self.ctx.current_project)

    def fields(self) -> ProjectFields:
        intents = tuple(i for i in self.intents.text().replace("،", ",").split(","))
        dialects = tuple(c for c, b in self.dialect_boxes.items() if b.isChecked())
        return ProjectFields(self.name.text(), self.description.toPlainText(), self.prompt.toPlainText(), intents, dialects)

    # ------------------------------------------------------------------ slots
    @Slot(int)
    def _on_select(self, row: int) -> None:
        if 0 <= row < len(self._projects):
            self._show(self._projects[row])

    @Slot()
    def _on_new(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name.setFocus()

    @Slot()
    def _on_save(self) -> None:
        try:
            with self.ctx.ws.unit_of_work() as s:
                if self._editing is None:
                    p = create_project(s, self.fields(), self.ctx.ws.user.login)
                else:
                    p = update_project(s, self._editing, self.fields(), self.ctx.ws.user.login)
        except AtlasError as exc:
            QMessageBox.warning(self, tr("Cannot save the project"), localize(exc, self.ctx))
            return
        was_current = self._editing == self.ctx.current_project
        self._editing = p.name
        if was_current or not self.ctx.current_project:
            self.ctx.set_current_project(p.name)
        self.ctx.projects_changed.emit()
        self.reload(select=p.name)

    @Slot()
    def _on_use(self) -> None:
        if self._editing:
            self.ctx.set_current_project(self._editing)

    @Slot(str)
    def _on_project_changed(self, _name: str) -> None:
        self.reload()
