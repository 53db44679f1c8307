"""Step 1: the chat exports to import, and whether they add to the project's current version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QRadioButton, QVBoxLayout

from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import Step
from atlas_desktop.ui.pages.data.wizard.model import ImportModel
from atlas_desktop.ui.widgets.bidi import embedded
from atlas_desktop.ui.widgets.screen import FILE_DIALOG


class FilesStep(Step):
    key = "files"

    def __init__(self, model: ImportModel) -> None:
        super().__init__(model)
        self.files = QListWidget()
        add = QPushButton(tr("Add files…"))
        add.clicked.connect(self._on_add_files)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(self._on_remove_files)
        hint = QLabel(tr("Chat exports: messages JSONL, JSON arrays, ShareGPT, Alpaca, CSV or Excel. Your files are only read, never changed."))
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        # a project that has a version: the new files add to it (a new version with both), or replace it
        self.add_to = QRadioButton()
        self.add_to.setObjectName("addToVersion")
        self.replace = QRadioButton()
        self.replace.setObjectName("replaceVersion")
        if model.latest is not None:
            n = self.ctx.num(model.latest)
            self.add_to.setText(tr("Add these files to version {n}: the new version keeps its conversations and sources").format(n=n))
            self.replace.setText(tr("Use only these files: the new version does not keep version {n}'s conversations").format(n=n))
            self.add_to.setChecked(model.extend)
        self.add_to.toggled.connect(self._on_extend_toggled)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addWidget(self.files, 1)
        lay.addLayout(row)
        for b in (self.add_to, self.replace):
            b.setVisible(model.latest is not None)
            lay.addWidget(b)
        model.files_changed.connect(self._on_files_changed)

    @staticmethod
    def title() -> str:
        return tr("Choose files")

    def can_go_next(self) -> bool:
        return bool(self.model.files)

    @Slot()
    def _on_files_changed(self) -> None:
        self.files.clear()
        for path in self.model.files:
            item = QListWidgetItem(embedded(str(path)))  # a path reads left to right inside the Arabic ui
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.addItem(item)

    @Slot(bool)
    def _on_extend_toggled(self, checked: bool) -> None:
        self.model.extend = checked

    @Slot()
    def _on_add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Choose chat exports"), str(Path.home()),
                                                tr("Chat exports (*.jsonl *.json *.csv *.tsv *.xlsx)"), options=FILE_DIALOG)
        for p in paths:
            self.model.add_file(Path(p))

    @Slot()
    def _on_remove_files(self) -> None:
        self.model.remove_files([self.files.row(item) for item in self.files.selectedItems()])
