"""The project's evaluation suites: their versions, one version's items, and changes to them.

A suite version never changes: the items shown are a working copy, and "Save as new version"
stores them as the suite's next version (suites.save_items). An import is read and checked
whole before anything is stored; a bad line is the core's one sentence naming file and line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from atlas_desktop.core.arabic import dominant_direction
from atlas_desktop.core.demo import DEMO_SUITE, EVAL_SUITE
from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.evaluation.suites import SuiteInfo, export_suite, get_suite, import_suite, list_suites, save_items
from atlas_desktop.core.evaluation.types import EvalItem
from atlas_desktop.core.messages import Msg, dumps, loads
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate.item_dialog import ItemDialog
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.bidi import display_text
from atlas_desktop.ui.widgets.screen import FILE_DIALOG
from atlas_desktop.ui.widgets.tables import fill_table, make_table, select_row, selected_row

OK_STYLE, ERROR_STYLE = "color: #1e7d32", "color: #b03a2e"


class SuitePanel(QWidget):
    saved = Signal()  # a suite version was stored (imported or edited)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.n = Numbers(ctx)
        self.suites: list[SuiteInfo] = []
        self.shown: SuiteInfo | None = None  # the version the items came from
        self.items: list[EvalItem] = []  # the working copy
        self.dirty = False

        self.versions = make_table([tr("Suite"), tr("Version"), tr("Items"), tr("Created"), tr("By"), tr("Note")], user_columns=(0, 4))
        self.versions.setObjectName("suiteVersions")
        self.versions.itemSelectionChanged.connect(self._on_version_selected)
        self.import_btn = QPushButton(tr("Import suite…"))
        self.import_btn.setObjectName("importSuite")
        self.import_btn.clicked.connect(self._on_import)
        self.demo_btn = QPushButton(tr("Import the demo suite"))
        self.demo_btn.setObjectName("importDemoSuite")
        self.demo_btn.clicked.connect(self._on_import_demo)
        self.export_btn = QPushButton(tr("Export…"))
        self.export_btn.clicked.connect(self._on_export)
        self.status = QLabel()
        self.status.setObjectName("suiteStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(tr("Suite versions")))
        ll.addWidget(self.versions, 1)
        row = QHBoxLayout()
        for b in (self.import_btn, self.export_btn):
            row.addWidget(b)
        row.addStretch(1)
        ll.addLayout(row)
        ll.addWidget(self.demo_btn)

        self.table = make_table([tr("ID"), tr("Intent"), tr("Dialect"), tr("Prompt")], user_columns=(0, 1, 3))
        self.table.setObjectName("suiteItems")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_: self._on_edit())
        self.items_label = QLabel()
        self.add_btn = QPushButton(tr("Add item…"))
        self.add_btn.clicked.connect(self._on_add)
        self.edit_btn = QPushButton(tr("Edit item…"))
        self.edit_btn.clicked.connect(self._on_edit)
        self.remove_btn = QPushButton(tr("Remove item"))
        self.remove_btn.clicked.connect(self._on_remove)
        self.save_btn = QPushButton(tr("Save as new version"))
        self.save_btn.setObjectName("saveSuite")
        self.save_btn.clicked.connect(self._on_save)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.items_label)
        rl.addWidget(self.table, 1)
        row = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.remove_btn):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.save_btn)
        rl.addLayout(row)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([440, 580])
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(split, 1)

    # ------------------------------------------------------------------ showing
    def _note(self, note: str) -> str:
        return self.n.msg(loads(note)) if note else ""

    def reload(self, select: SuiteInfo | None = None) -> None:
        """The project's suite versions, newest first; ``select`` one, or keep the one shown."""
        project = self.ctx.current_project
        keep = select or self.shown
        try:
            self.suites = list_suites(self.ctx.ws, project) if project else []
        except AtlasError:
            self.suites = []
        rows = [[s.name, tr("v{n}").format(n=self.ctx.num(s.number)), self.ctx.num(s.item_count), self.ctx.date(s.created_at), s.created_by,
                 self._note(s.note)] for s in self.suites]
        self.versions.blockSignals(True)
        fill_table(self.versions, rows)
        self.versions.blockSignals(False)
        self.demo_btn.setVisible(not self.suites)
        self.import_btn.setEnabled(bool(project))
        self.demo_btn.setEnabled(bool(project) and EVAL_SUITE.is_file())
        i = next((k for k, s in enumerate(self.suites) if keep and (s.name, s.number) == (keep.name, keep.number)), 0)
        if self.suites:
            select_row(self.versions, i)
            self._show_version(self.suites[i])
        else:
            self.shown, self.items, self.dirty = None, [], False
            self._fill_items()

    def _show_version(self, info: SuiteInfo) -> None:
        try:
            info, items = get_suite(self.ctx.ws, info.project, info.name, info.number)
        except AtlasError as exc:
            self._say(self.n.msg(exc), ok=False)
            return
        self.shown, self.items, self.dirty = info, list(items), False
        self._fill_items()

    def _fill_items(self) -> None:
        rows = [[i.id, self.n.intent(i.intent) if i.intent else "—", self.n.dialect(i.dialect) if i.dialect else "—",
                 " ".join(i.prompt.split())] for i in self.items]
        self.table.blockSignals(True)
        fill_table(self.table, rows)
        for r, item in enumerate(self.items):  # an Arabic prompt starts at the right, in either ui language
            cell = self.table.item(r, 3)
            if dominant_direction(item.prompt) == "rtl":
                cell.setTextAlignment(Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        if self.shown is None:
            self.items_label.setText(tr("No suite yet: import one, or start with the demo suite."))
        elif self.dirty:
            self.items_label.setText(tr("Items of {suite}, changed: {n} items. Save them as a new version to use them.").format(
                suite=self.n.suite(self.shown.name, self.shown.number), n=self.ctx.num(len(self.items))))
        else:
            self.items_label.setText(tr("Items of {suite}: {n}").format(suite=self.n.suite(self.shown.name, self.shown.number), n=self.ctx.num(len(self.items))))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_row(self.table) >= 0
        has = self.shown is not None
        self.export_btn.setEnabled(has)
        self.add_btn.setEnabled(has)
        self.edit_btn.setEnabled(has and chosen)
        self.remove_btn.setEnabled(has and chosen and len(self.items) > 1)
        self.save_btn.setEnabled(has and self.dirty)
        self.save_btn.setDefault(self.dirty)

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(display_text(text))
        self.status.show()

    @Slot()
    def _on_version_selected(self) -> None:
        row = selected_row(self.versions)
        if not 0 <= row < len(self.suites):
            return
        info = self.suites[row]
        if self.shown and (info.name, info.number) == (self.shown.name, self.shown.number):
            return
        if self.dirty and QMessageBox.question(self, tr("Evaluate"), tr("Discard the changes to the items?")) != QMessageBox.StandardButton.Yes:
            self.versions.blockSignals(True)
            select_row(self.versions, next((k for k, s in enumerate(self.suites) if s == self.shown), 0))
            self.versions.blockSignals(False)
            return
        self._show_version(info)

    # ------------------------------------------------------------------ importing and exporting
    def import_file(self, path: Path, name: str | None = None) -> SuiteInfo | None:
        """Import a JSONL suite (named ``name``, else after the file): stored as a new version, or a
        sentence saying what is wrong."""
        try:
            info, created = import_suite(self.ctx.ws, self.ctx.current_project, path, name)
        except AtlasError as exc:
            self._say(self.n.msg(exc), ok=False)
            return None
        if created:
            self._say(tr("Stored as {suite}: {n} items.").format(suite=self.n.suite(info.name, info.number), n=self.ctx.num(info.item_count)))
            self.saved.emit()
        else:
            self._say(tr("{suite} already has these items: nothing new was stored.").format(suite=self.n.suite(info.name, info.number)))
        self.reload(select=info)
        return info

    @Slot()
    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import an evaluation suite"), str(Path.home()),
                                              tr("Evaluation suites (*.jsonl)"), options=FILE_DIALOG)
        if path:
            self.import_file(Path(path))

    @Slot()
    def _on_import_demo(self) -> None:
        self.import_file(EVAL_SUITE, DEMO_SUITE)  # the name `atlas demo init` gives it

    @Slot()
    def _on_export(self) -> None:
        if self.shown is None:
            return
        default = Path.home() / f"{self.shown.name}-v{self.shown.number}.jsonl"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the suite"), str(default), tr("Evaluation suites (*.jsonl)"),
                                              options=FILE_DIALOG)
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        try:
            export_suite(self.ctx.ws, self.ctx.current_project, path, self.shown.name, self.shown.number)
        except AtlasError as exc:
            self._say(self.n.msg(exc), ok=False)
            return
        self._say(tr("Exported {suite} to {file}.").format(suite=self.n.suite(self.shown.name, self.shown.number), file=display_text(path.name)))

    # ------------------------------------------------------------------ editing
    def _intents(self) -> list[str]:
        return sorted({i.intent for i in self.items if i.intent})

    def _free_id(self) -> str:
        ids, k = {i.id for i in self.items}, len(self.items) + 1
        while f"item-{k}" in ids:
            k += 1
        return f"item-{k}"

    def _edit(self, index: int | None) -> None:
        item = self.items[index] if index is not None else None
        dialog = ItemDialog(self.n, item, self._free_id(), self._intents(), self)
        self.dialog = dialog
        if dialog.exec() != ItemDialog.DialogCode.Accepted or dialog.item is None:
            return
        self.put_item(index, dialog.item)

    def put_item(self, index: int | None, new: EvalItem) -> bool:
        """Put ``new`` in the working copy at ``index`` (None: at the end); False if its id is taken."""
        if any(i.id == new.id for k, i in enumerate(self.items) if k != index):
            self._say(tr("Another item already has the ID {id}; give each item its own.").format(id=self.n.name(new.id)), ok=False)
            return False
        if index is None:
            self.items.append(new)
            index = len(self.items) - 1
        else:
            self.items[index] = new
        self.dirty = True
        self._fill_items()
        select_row(self.table, index)
        return True

    @Slot()
    def _on_add(self) -> None:
        self._edit(None)

    @Slot()
    def _on_edit(self) -> None:
        row = selected_row(self.table)
        if 0 <= row < len(self.items):
            self._edit(row)

    @Slot()
    def _on_remove(self) -> None:
        row = selected_row(self.table)
        if 0 <= row < len(self.items) and len(self.items) > 1:
            del self.items[row]
            self.dirty = True
            self._fill_items()
            select_row(self.table, min(row, len(self.items) - 1))

    @Slot()
    def _on_save(self) -> None:
        if self.shown is None or not self.dirty:
            return
        try:
            info, created = save_items(self.ctx.ws, self.ctx.current_project, self.shown.name, self.items,
                                       note=dumps(Msg("eval.suite.edited")))
        except AtlasError as exc:
            self._say(self.n.msg(exc), ok=False)
            return
        if created:
            self._say(tr("Stored as {suite}: {n} items.").format(suite=self.n.suite(info.name, info.number), n=self.ctx.num(info.item_count)))
            self.saved.emit()
        else:
            self._say(tr("{suite} already has these items: nothing new was stored.").format(suite=self.n.suite(info.name, info.number)))
        self.dirty = False
        self.reload(select=info)
