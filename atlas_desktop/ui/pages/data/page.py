"""Data: the project's dataset versions, their statistics and differences, and the import wizard."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from atlas_desktop.core.data.pipeline import DatasetVersionInfo, diff_versions, list_versions
from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS
from atlas_desktop.core.errors import AtlasError
from atlas_desktop.ui.context import AppContext, Changes
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.tables import fill_table, make_table, select_row
from atlas_desktop.ui.glossary import count, dialect_name, intent_name, kind_name, listing
from atlas_desktop.ui.widgets.bidi import BidiTextEdit, embedded


class DataPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.versions: list[DatasetVersionInfo] = []
        heading = QLabel(tr("Data"))
        heading.setObjectName("pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.import_btn = QPushButton(tr("Import data…"))
        self.import_btn.setObjectName("importData")
        self.import_btn.setDefault(True)
        self.import_btn.clicked.connect(self.open_wizard)
        self.sample_btn = QPushButton(tr("Try it with the sample data"))
        self.sample_btn.clicked.connect(lambda: self.open_wizard(sample=True))
        self.compare_btn = QPushButton(tr("Compare with the previous version"))
        self.compare_btn.clicked.connect(self._on_compare)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for b in (self.compare_btn, self.sample_btn, self.import_btn):
            top.addWidget(b)
        self.table = make_table([tr("Version"), tr("Created"), tr("By"), tr("Kept"), tr("Train"), tr("Holdout"), tr("Redactions"), tr("Sources")])
        self.table.setObjectName("datasetVersions")
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.details = BidiTextEdit(read_only=True, ui_lines=True)
        self.details.setObjectName("datasetDetails")
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([700, 400])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.subtitle)
        self.saved_note = QLabel()  # what the last save made, until the project changes
        self.saved_note.setObjectName("savedNote")
        self.saved_note.setWordWrap(True)
        self.saved_note.hide()
        lay.addWidget(self.saved_note)
        lay.addWidget(split, 1)
        ctx.project_changed.connect(self._on_project_changed)
        ctx.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        project = self.ctx.current_project
        self.versions = []
        if project:
            try:
                self.versions = list_versions(self.ctx.ws, project)
            except AtlasError:
                self.versions = []
        self.import_btn.setEnabled(bool(project))
        self.sample_btn.setEnabled(bool(project) and SAMPLE_CONVERSATIONS.is_file())
        if not project:
            self.subtitle.setText(tr("Create or choose a project first (Projects page)."))
        elif not self.versions:
            self.subtitle.setText(tr("No dataset versions yet. Import a chat export: it is checked, redacted, deduplicated and split, then saved as an immutable version."))
        else:
            self.subtitle.setText(tr("Dataset versions of {project}. Each is immutable and traceable to its source files.").format(project=project))
        rows = []
        for v in reversed(self.versions):
            st = v.stats
            rows.append([tr("v{n}").format(n=self.ctx.num(v.number)), self.ctx.date(v.created_at), v.created_by,
                         self.ctx.num(st.get("kept", 0)), self.ctx.num(st.get("train", 0)), self.ctx.num(st.get("holdout", 0)),
                         self.ctx.num(sum(st.get("redactions", {}).values())), listing(self.ctx, [s["name"] for s in v.sources])])
        fill_table(self.table, rows)
        if rows:
            select_row(self.table, 0)
            self._on_selected()  # row 0 may already have been selected: no change signal then
        else:
            self.details.setPlainText("")
        self.compare_btn.setEnabled(len(self.versions) >= 2)

    def _selected(self) -> DatasetVersionInfo | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.versions[len(self.versions) - 1 - row] if 0 <= row < len(self.versions) else None

    def _pairs(self, counts: dict[str, int], name=embedded) -> str:  # noqa: ANN001
        """"name n, name n" in the ui's order and commas; — when there is none."""
        return listing(self.ctx, [f"{name(k)} {self.ctx.num(c)}" for k, c in sorted(counts.items())]) or "—"

    def _intent(self, intent: str) -> str:
        return embedded(intent_name(intent))

    def _dialect(self, code: str) -> str:
        return dialect_name(code, self.ctx.settings.language)

    @Slot()
    def _on_selected(self) -> None:
        v = self._selected()
        if v is None:
            return
        st, n = v.stats, self.ctx.num
        lines = [
            tr("Version {v} · sha256 {sha}").format(v=n(v.number), sha=embedded(v.sha256[:16])),
            tr("Read: {a}; kept {b}; skipped {c}").format(a=count(self.ctx, st["conversations"], "conversation"), b=n(st["kept"]),
                                                         c=n(st["invalid"])),
            tr("Duplicates removed: {e} exact, {m} near").format(e=n(st["duplicates"]["exact"]), m=n(st["duplicates"]["near"])),
            tr("Split: {t} train, {h} holdout (share {r})").format(t=n(st["train"]), h=n(st["holdout"]), r=n(v.settings.get("holdout_ratio", 0))),
            tr("Redactions: {r}").format(r=self._pairs(st["redactions"], kind_name)),
            tr("Intents: {i}").format(i=self._pairs(st["intents"], self._intent)),
            tr("Dialects: {d}").format(d=self._pairs(st["dialects"], self._dialect)),
            tr("Translated-sounding answers flagged: {t}").format(t=n(st.get("translated_sounding", 0))),
            tr("Sources: {s}").format(s=listing(self.ctx, [embedded(f"{s['name']} ({s['sha256'][:12]})") for s in v.sources])),
        ]
        self.details.setPlainText("\n".join(lines))

    @Slot()
    def _on_compare(self) -> None:
        v = self._selected()
        if v is None or v.number == 1:
            v = self.versions[-1] if self.versions else None
        prev = next((x for x in self.versions if x.number == v.number - 1), None) if v else None
        if v is None or prev is None:
            return
        d = diff_versions(prev, v)
        labels = {"conversations": tr("Conversations read"), "kept": tr("Kept"), "invalid": tr("Skipped"), "holdout": tr("Holdout"),
                  "train": tr("Train"), "intents": tr("Intents"), "dialects": tr("Dialects"), "redactions": tr("Redactions"),
                  "sources_added": tr("Sources added"), "sources_removed": tr("Sources removed")}
        names = {"intents": self._intent, "dialects": self._dialect, "redactions": kind_name}

        def change(c: dict) -> str:
            return tr("from {a} to {b}").format(a=self.ctx.num(c["from"] or 0), b=self.ctx.num(c["to"] or 0))

        lines = [tr("From version {a} to version {b}:").format(a=self.ctx.num(prev.number), b=self.ctx.num(v.number))]
        for key, ch in d.items():
            if not ch:
                continue
            if key.startswith("sources_"):
                items = listing(self.ctx, [embedded(x) for x in ch])
            elif "from" in ch:
                items = change(ch)
            else:
                items = listing(self.ctx, [f"{names[key](k)} {change(c)}" for k, c in ch.items()])
            lines.append(tr("{what}: {items}").format(what=labels[key], items=items))
        if len(lines) == 1:
            lines.append(tr("No difference in content or statistics."))
        self.details.setPlainText("\n".join(lines))

    def open_wizard(self, sample: bool = False) -> None:
        from atlas_desktop.ui.pages.data.wizard import ImportWizard

        if not self.ctx.current_project:
            QMessageBox.information(self, tr("Data"), tr("Create or choose a project first (Projects page)."))
            return
        self.wizard = ImportWizard(self.ctx, self.ctx.current_project, [SAMPLE_CONVERSATIONS] if sample else None, self)
        self.wizard.saved.connect(self._on_saved)
        self.wizard.open()

    @Slot(object)
    def _on_saved(self, v: DatasetVersionInfo) -> None:
        n, st = self.ctx.num, v.stats
        text = tr("Saved as version {v}: {kept} kept, {train} for training and {hold} held out.").format(
            v=n(v.number), kept=n(st["kept"]), train=n(st["train"]), hold=n(st["holdout"]))
        if v.settings.get("extends"):
            text += " " + tr("It adds the new files to version {n}.").format(n=n(v.settings["extends"]))
        self.saved_note.setText("✔ " + text)
        self.saved_note.show()
        self.ctx.notify(datasets=True)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.datasets and changes.project == self.ctx.current_project:
            self.reload()

    @Slot(str)
    def _on_project_changed(self, _name: str) -> None:
        self.saved_note.hide()
        self.reload()
