"""The import wizard's window (for now every step is built and shown here)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QMessageBox, QProgressBar, QPushButton, QRadioButton, QSpinBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from atlas_desktop.ui.widgets.screen import FILE_DIALOG, fit_screen
from atlas_desktop.ui.glossary import count, detector_name, dialect_name, intent_name, kind_name, listing
from atlas_desktop.core.data.pipeline import ImportSettings, base_version, list_versions, source_text
from atlas_desktop.core.data.staging import ImportDraft, new_draft_path, remove_draft
from atlas_desktop.core.data.readers import HEADER_ALIASES, guess_mapping, peek_headers
from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.jobs import JobResult, format_duration
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.data.wizard.common import ConversationView
from atlas_desktop.ui.pages.data.wizard.fix_dialog import FixDialog
from atlas_desktop.ui.widgets.bidi import BidiTextEdit, display_text, embedded
from atlas_desktop.ui.widgets.tables import PagedRows, fill_table, make_record_table, make_table, select_row, selected_row

STEPS = ("files", "columns", "validation", "redaction", "duplicates", "quality", "split", "save")


def step_title(key: str) -> str:
    return {"files": tr("Choose files"), "columns": tr("Map columns"), "validation": tr("Validation report"),
            "redaction": tr("Redaction review"), "duplicates": tr("Duplicates"), "quality": tr("Quality report"),
            "split": tr("Holdout split"), "save": tr("Save the dataset version")}[key]


class ImportWizard(QDialog):
    saved = Signal(object)  # DatasetVersionInfo

    def __init__(self, ctx: AppContext, project: str, files: list[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.project = ctx, project
        self.draft: ImportDraft | None = None
        self.draft_path: Path | None = None
        self.mapping: dict[str, str] = {}
        self.fixes: dict[str, dict[int, str]] = {}
        self.job = None
        self.setWindowTitle(tr("Import data into {project}").format(project=project))
        self.resize(fit_screen(self, 1100, 720))
        self.title = QLabel()
        self.title.setObjectName("pageHeading")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for key, build in (("files", self._build_files), ("columns", self._build_columns), ("validation", self._build_validation),
                           ("redaction", self._build_redaction), ("duplicates", self._build_duplicates), ("quality", self._build_quality),
                           ("split", self._build_split), ("save", self._build_save)):
            page = build()
            page.setObjectName(f"step_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        # background-job strip
        self.progress = QProgressBar()
        self.progress_text = QLabel()
        self.cancel_job = QPushButton(tr("Cancel"))
        self.cancel_job.clicked.connect(self._on_cancel_job)
        strip = QHBoxLayout()
        for w in (self.progress, self.progress_text, self.cancel_job):
            strip.addWidget(w)
        self.job_strip = QWidget()
        self.job_strip.setLayout(strip)
        self.job_strip.hide()
        self.back = QPushButton(tr("Back"))
        self.next = QPushButton(tr("Next"))
        self.next.setDefault(True)
        close = QPushButton(tr("Close"))
        self.back.clicked.connect(self._on_back)
        self.next.clicked.connect(self._on_next)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(close)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.job_strip)
        lay.addLayout(buttons)
        for f in files or []:
            self.add_file(Path(f))
        self.go("files")

    # ------------------------------------------------------------------ navigation
    @property
    def step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def go(self, key: str) -> None:
        self.stack.setCurrentWidget(self.pages[key])
        n = STEPS.index(key)
        self.title.setText(tr("Step {n} of {total}: {title}").format(n=self.ctx.num(n + 1), total=self.ctx.num(len(STEPS)), title=step_title(key)))
        self.back.setEnabled(n > 0 and self.job is None)
        self.next.setVisible(key != "save")
        self.next.setEnabled(self.job is None and (key != "files" or self.files.count() > 0))
        refresh = getattr(self, f"_show_{key}", None)
        if refresh:
            refresh()

    @Slot()
    def _on_back(self) -> None:
        n = STEPS.index(self.step)
        target = STEPS[n - 1]
        if target == "columns" and not self._tabular():
            target = "files"
        self.go(target)

    @Slot()
    def _on_next(self) -> None:
        if self.step == "files":
            if self._tabular():
                self.go("columns")
            else:
                self.start_analysis()
        elif self.step == "columns":
            self.mapping = {key: combo.currentData() for key, combo in self.map_combos.items() if combo.currentData()}
            self.start_analysis()
        else:
            self.go(STEPS[STEPS.index(self.step) + 1])

    # ------------------------------------------------------------------ 1 files
    def _build_files(self) -> QWidget:
        w = QWidget()
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
        versions = list_versions(self.ctx.ws, self.project)
        self.latest = versions[-1].number if versions else None
        self.add_to = QRadioButton()
        self.add_to.setObjectName("addToVersion")
        self.replace = QRadioButton()
        self.replace.setObjectName("replaceVersion")
        if self.latest is not None:
            n = self.ctx.num(self.latest)
            self.add_to.setText(tr("Add these files to version {n}: the new version keeps its conversations and sources").format(n=n))
            self.replace.setText(tr("Use only these files: the new version does not keep version {n}'s conversations").format(n=n))
            self.add_to.setChecked(True)
        lay = QVBoxLayout(w)
        lay.addWidget(hint)
        lay.addWidget(self.files, 1)
        lay.addLayout(row)
        for b in (self.add_to, self.replace):
            b.setVisible(self.latest is not None)
            lay.addWidget(b)
        return w

    @Slot()
    def _on_remove_files(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.go("files")

    def add_file(self, path: Path) -> None:
        item = QListWidgetItem(embedded(str(path)))  # a path reads left to right inside the Arabic ui
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.files.addItem(item)

    @Slot()
    def _on_add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Choose chat exports"), str(Path.home()),
                                                tr("Chat exports (*.jsonl *.json *.csv *.tsv *.xlsx)"), options=FILE_DIALOG)
        for p in paths:
            self.add_file(Path(p))
        self.go("files")

    def file_paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def _tabular(self) -> list[Path]:
        return [p for p in self.file_paths() if p.suffix.lower() in (".csv", ".tsv", ".xlsx")]

    # ------------------------------------------------------------------ 2 columns
    def _build_columns(self) -> QWidget:
        w = QWidget()
        self.columns_note = QLabel()
        self.columns_note.setWordWrap(True)
        self.columns_form = QFormLayout()
        self.map_combos: dict[str, QComboBox] = {}
        labels = {"question": tr("Customer question"), "answer": tr("Answer"), "intent": tr("Intent (optional)"),
                  "dialect": tr("Dialect (optional)"), "system": tr("System prompt (optional)")}
        for key in HEADER_ALIASES:
            combo = QComboBox()
            self.map_combos[key] = combo
            self.columns_form.addRow(labels[key], combo)
        lay = QVBoxLayout(w)
        lay.addWidget(self.columns_note)
        lay.addLayout(self.columns_form)
        lay.addStretch(1)
        return w

    def _show_columns(self) -> None:
        tabular = self._tabular()
        if not tabular:
            return
        try:
            headers = peek_headers(tabular[0]) or []
        except AtlasError as exc:
            QMessageBox.warning(self, tr("Cannot read the file"), localize(exc, self.ctx))
            self.go("files")
            return
        guess = guess_mapping(headers)
        self.columns_note.setText(tr("Columns of {file}. Atlas recognized the ones it could by name; check them.").format(file=tabular[0].name))
        for key, combo in self.map_combos.items():
            combo.clear()
            combo.addItem(tr("(none)"), "")
            for h in headers:
                combo.addItem(display_text(h), h)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(key, ""))))

    def _where(self, file: str, line: int) -> str:
        """file:line, kept left to right as one unit inside a right-to-left table."""
        return "\u2066" + f"{file}:{self.ctx.num(line)}" + "\u2069"

    # ------------------------------------------------------------------ background jobs (child processes)
    def start_analysis(self) -> None:
        files = self.file_paths()
        self._close_draft(remove=True)  # the one a fix replaces
        self.draft_path = new_draft_path(self.ctx.ws.paths.tmp)
        settings = ImportSettings(mapping=self.mapping or None, fixes=self.fixes, holdout_ratio=round(self.ratio.value(), 3),
                                  seed=self.seed.value(), keep_per_cluster=self.keep_all.value())
        config = {"files": [str(f) for f in files], "settings": asdict(settings), "draft": str(self.draft_path), "interactive": True,
                  "home": str(self.ctx.ws.paths.home)}
        if self.latest is not None and self.add_to.isChecked():
            config["base"] = base_version(self.ctx.ws, self.project, self.latest)
        self._run_child(tr("Reading and checking the files ({n})").format(n=count(self.ctx, len(files), "file")), "analyze_job", config, self._on_analysis_done)

    def _run_child(self, name: str, job: str, config: dict, on_done) -> None:  # noqa: ANN001
        if self.draft is not None:  # the child writes the draft: the window lets go of it meanwhile
            self.draft.close()
            self.draft = None
        self.job = self.ctx.jobs.run_child(name, f"atlas_desktop.core.data.pipeline:{job}", config)
        self.job.progressed.connect(self._on_job_progress)
        self.job.finished.connect(on_done)
        self.job_strip.show()
        self.progress.setRange(0, 0)
        self.progress_text.setText(tr("Starting…"))
        self.cancel_job.setEnabled(True)
        self.back.setEnabled(False)
        self.next.setEnabled(False)

    @Slot(object, object)
    def _on_job_progress(self, p, eta) -> None:  # noqa: ANN001
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.step)
        text = localize(p.message, self.ctx)
        if eta is not None:
            text += " · " + tr("{time} left").format(time=self.ctx.digits(format_duration(eta)))
        self.progress_text.setText(display_text(text))

    @Slot()
    def _on_cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_job.setEnabled(False)
            self.progress_text.setText(tr("Cancelling…"))

    def _job_finished(self) -> JobResult:
        result = self.job.result
        self.job = None
        self.job_strip.hide()
        return result

    def _reopen_draft(self) -> None:
        if self.draft_path is not None and self.draft_path.is_file():
            self.draft = ImportDraft.open(self.draft_path)

    @Slot(object)
    def _on_analysis_done(self, _result: JobResult) -> None:
        result = self._job_finished()
        if not result.ok:
            self._close_draft(remove=True)
            if result.status != "cancelled":
                QMessageBox.warning(self, tr("Cannot import these files"), localize(result.failure, self.ctx))
            self.go("files")
            return
        self._reopen_draft()
        self.go("validation")

    def _close_draft(self, remove: bool) -> None:
        for t in (self.invalid_table, self.redaction_table, self.dup_table, self.member_table, self.translated_table):
            fill_table(t, [])
        if self.draft is not None:
            self.draft.close()
            self.draft = None
        if remove:
            remove_draft(self.draft_path)
            self.draft_path = None

    def _settings(self) -> dict:
        """The draft's settings with what the analyst chose on the duplicates and split steps."""
        d = dict(self.draft.get("settings"))
        d.update(keep_per_cluster=self.keep_all.value(), holdout_ratio=round(self.ratio.value(), 3), seed=self.seed.value(),
                 cluster_keep=dict(self.cluster_keep))
        return d

    def _rearrange(self) -> None:
        if self.draft is None or self.job is not None:
            return
        settings = self._settings()
        self._run_child(tr("Applying your choices to every conversation"), "rearrange_job",
                        {"draft": str(self.draft_path), "settings": settings, "interactive": True}, self._on_rearranged)

    @Slot(object)
    def _on_rearranged(self, _result: JobResult) -> None:
        result = self._job_finished()
        self._reopen_draft()
        if not result.ok and result.status != "cancelled":
            QMessageBox.warning(self, tr("Cannot apply the change"), localize(result.failure, self.ctx))
        self.go(self.step)

    # ------------------------------------------------------------------ 3 validation
    def _build_validation(self) -> QWidget:
        w = QWidget()
        self.validation_summary = QLabel()
        self.validation_summary.setWordWrap(True)
        self.invalid_table = make_record_table([tr("File"), tr("Line"), tr("Reason")], user_columns=(0,))
        self.fix_button = QPushButton(tr("Fix this record…"))
        self.fix_button.setObjectName("fixRecord")
        self.fix_button.clicked.connect(self._on_fix)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Skip the records below, or fix one in place (your file is not changed).")), 1)
        row.addWidget(self.fix_button)
        lay = QVBoxLayout(w)
        lay.addWidget(self.validation_summary)
        lay.addWidget(self.invalid_table, 1)
        lay.addLayout(row)
        return w

    def _show_validation(self) -> None:
        d = self.draft
        if d is None:
            return
        st = d.summary()
        self.validation_summary.setText(tr("Usable conversations: {read}. Records that cannot be used and will be skipped: {bad} (nothing is dropped silently: each is listed here).")
                                        .format(read=self.ctx.num(st["conversations"]), bad=self.ctx.num(st["invalid"])))
        self._invalid = PagedRows(st["invalid"], d.invalid_page, lambda r: [r[0], self.ctx.num(r[1]), localize(r[2], self.ctx)])
        fill_table(self.invalid_table, self._invalid)
        if st["invalid"]:
            select_row(self.invalid_table, 0)
        self.fix_button.setEnabled(bool(st["invalid"]))

    @Slot()
    def _on_fix(self) -> None:
        row = selected_row(self.invalid_table)
        if self.draft is None or not 0 <= row < len(self._invalid):
            return
        file, line, reason = self._invalid.raw(row)
        bad = {"file": file, "line": line, "reason": reason}
        path = next((p for p in self.file_paths() if p.name == file), None)
        start = source_text(path, line) if path is not None and path.suffix.lower() in (".jsonl", ".json") else ""
        if not start.startswith("{"):
            start = json.dumps({"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": ""}]}, ensure_ascii=False)
        dlg = FixDialog(self.ctx, bad, start, self)
        if dlg.exec():
            self.fixes.setdefault(file, {})[line] = dlg.text()
            self.start_analysis()

    # ------------------------------------------------------------------ 4 redaction review
    def _build_redaction(self) -> QWidget:
        w = QWidget()
        self.redaction_summary = QLabel()
        self.redaction_summary.setWordWrap(True)
        self.redaction_table = make_record_table([tr("Line"), tr("Kind"), tr("Value"), tr("Detector"), tr("Confidence"), tr("Review")], user_columns=(0, 2))
        self.redaction_table.itemSelectionChanged.connect(self._on_redaction_selected)
        self.redaction_view = ConversationView(self.ctx)
        self.redaction_view.setObjectName("redactionView")
        self.undo_button = QPushButton(tr("Undo this redaction (false positive)"))
        self.undo_button.setObjectName("undoRedaction")
        self.undo_button.clicked.connect(self._on_undo_redaction)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.redaction_view, 1)
        rl.addWidget(self.undo_button)
        split = QSplitter()
        split.addWidget(self.redaction_table)
        split.addWidget(right)
        split.setSizes([520, 520])
        lay = QVBoxLayout(w)
        lay.addWidget(self.redaction_summary)
        lay.addWidget(split, 1)
        self._rows = PagedRows(0, lambda _o, _n: [])
        return w

    def _update_redaction_summary(self) -> None:
        counts = listing(self.ctx, [f"{kind_name(k)} {self.ctx.num(v)}" for k, v in sorted(self.draft.summary()["redactions"].items())])
        self.redaction_summary.setText(tr("Sensitive values found: {counts}. Names are the hard case and are listed first; undo any that are not sensitive.")
                                       .format(counts=counts or "—"))

    def _show_redaction(self) -> None:
        if self.draft is None:
            return
        self._update_redaction_summary()
        self._fill_redactions()
        if len(self._rows):
            select_row(self.redaction_table, 0)

    def _fill_redactions(self) -> None:
        def row(r: dict) -> list[str]:
            return [self._where(r["file"], r["line"]), kind_name(r["kind"]), r["value"], detector_name(r["detector"]),
                    self.ctx.percent(r["confidence"]), "✋" if r["needs_review"] else ""]

        self._rows = PagedRows(self.draft.review_count(), self.draft.review_page, row)
        fill_table(self.redaction_table, self._rows)
        self.undo_button.setEnabled(bool(len(self._rows)))

    @Slot()
    def _on_redaction_selected(self) -> None:
        row = selected_row(self.redaction_table)
        if self.draft is None or not 0 <= row < len(self._rows):
            return
        r = self._rows.raw(row)
        self.redaction_view.show_messages(self.draft.original_messages(r["conv"]), [r["value"]])

    @Slot()
    def _on_undo_redaction(self) -> None:
        row = selected_row(self.redaction_table)
        if self.draft is not None and 0 <= row < len(self._rows):
            r = self._rows.raw(row)
            self.draft.undo_redaction(r["conv"], r["placeholder"])  # takes it out of the queue
            self._update_redaction_summary()
            self._fill_redactions()
            select_row(self.redaction_table, min(row, len(self._rows) - 1))

    # ------------------------------------------------------------------ 5 duplicates
    def _build_duplicates(self) -> QWidget:
        w = QWidget()
        self.dup_summary = QLabel()
        self.dup_summary.setWordWrap(True)
        self.dup_warning = QLabel()
        self.dup_warning.setObjectName("warning")
        self.dup_warning.setWordWrap(True)
        self.keep_all = QSpinBox()
        self.keep_all.setRange(1, 1000)
        self.keep_all.setValue(1)
        self.keep_one = QSpinBox()
        self.keep_one.setRange(1, 1000)
        self.cluster_keep: dict[str, int] = {}
        apply = QPushButton(tr("Apply"))
        apply.setObjectName("applyKeep")
        apply.clicked.connect(self._on_apply_keep)
        form = QHBoxLayout()
        for label, box in ((tr("Keep of every cluster"), self.keep_all), (tr("Keep of the selected cluster"), self.keep_one)):
            form.addWidget(QLabel(label))
            form.addWidget(box)
            form.addSpacing(16)
        form.addWidget(apply)
        form.addStretch(1)
        self.dup_table = make_record_table([tr("Copies"), tr("Kept"), tr("Representative (kept)"), tr("Text")], user_columns=(2, 3))
        self.dup_table.itemSelectionChanged.connect(self._on_dup_selected)
        self.member_table = make_record_table([tr("Member"), tr("Kind"), tr("Similarity"), tr("Kept"), tr("Text")], user_columns=(0, 4))
        self.cluster_title = QLabel()
        self.cluster_title.setWordWrap(True)
        members = QWidget()
        ml = QVBoxLayout(members)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.cluster_title)
        ml.addWidget(self.member_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.dup_table)
        split.addWidget(members)
        lay = QVBoxLayout(w)
        lay.addWidget(self.dup_summary)
        lay.addWidget(self.dup_warning)
        lay.addLayout(form)
        lay.addWidget(split, 1)
        self._clusters = PagedRows(0, lambda _o, _n: [])
        return w

    def _show_duplicates(self) -> None:
        d = self.draft
        if d is None:
            return
        dup = d.summary()["duplicates"]
        n = self.ctx.num
        self.dup_summary.setText(tr("{clusters} clusters of copies: {exact} exact and {near} near copies are left out; the earliest conversation of each cluster represents it. Keep more of a cluster when its copies differ in ways worth learning.")
                                 .format(clusters=n(dup["clusters"]), exact=n(dup["exact"]), near=n(dup["near"])))
        dominant = d.get("dominant_cluster")
        self.dup_warning.setVisible(bool(dominant))
        if dominant:
            self.dup_warning.setText(tr("One exchange makes up {share} of the data ({size} near-copies of: {text}). A model trained on it learns that exchange above all; keep 1 of it, or check the export.")
                                     .format(share=self.ctx.percent(dominant["share"]), size=n(dominant["size"] - 1), text=embedded(dominant["preview"][:80])))
        self.keep_all.setValue(int(d.get("settings", {}).get("keep_per_cluster", 1)))

        def row(c: dict) -> list[str]:
            kept = n(c["kept"]) + (" ✎" if c["own_keep"] else "")
            return [n(c["size"] - 1), kept, self._where(c["file"], c["line"]), c["preview"][:120]]

        self._clusters = PagedRows(d.cluster_count(), d.cluster_page, row)
        fill_table(self.dup_table, self._clusters)
        fill_table(self.member_table, [])
        self.cluster_title.clear()
        if len(self._clusters):
            select_row(self.dup_table, 0)

    @Slot()
    def _on_dup_selected(self) -> None:
        row = selected_row(self.dup_table)
        if self.draft is None or not 0 <= row < len(self._clusters):
            return
        c = self._clusters.raw(row)
        self.keep_one.setValue(c["keep"])
        self.cluster_title.setText(tr("Near-copies ({n}) of: {text}").format(n=self.ctx.num(c["size"] - 1), text=embedded(c["preview"][:160])))
        kinds = {"representative": tr("representative"), "exact": tr("exact"), "near": tr("near")}
        members = self.draft.cluster_members(c["leader"], limit=50)
        fill_table(self.member_table, [[self._where(m["file"], m["line"]), kinds[m["kind"]], self.ctx.percent(m["similarity"]),
                                        "✓" if m["kept"] else "", m["preview"][:120]] for m in members])

    @Slot()
    def _on_apply_keep(self) -> None:
        row = selected_row(self.dup_table)
        if self.draft is None:
            return
        if 0 <= row < len(self._clusters):
            c = self._clusters.raw(row)
            if self.keep_one.value() != c["keep"] or c["own_keep"]:
                key = f"{c['file']}:{c['line']}"
                if self.keep_one.value() == self.keep_all.value():
                    self.cluster_keep.pop(key, None)
                else:
                    self.cluster_keep[key] = self.keep_one.value()
        self._rearrange()

    # ------------------------------------------------------------------ 6 quality
    def _build_quality(self) -> QWidget:
        w = QWidget()
        self.quality_grid = QGridLayout()
        self.quality_warnings = QLabel()
        self.quality_warnings.setWordWrap(True)
        self.translated_table = make_record_table([tr("Line"), tr("Score"), tr("Why it sounds translated")], user_columns=(0,))
        lay = QVBoxLayout(w)
        lay.addLayout(self.quality_grid)
        lay.addWidget(self.quality_warnings)
        lay.addWidget(self.translated_table, 1)
        return w

    def _show_quality(self) -> None:
        from atlas_desktop.ui.widgets.charts import bar_chart, histogram

        d = self.draft
        if d is None:
            return
        while self.quality_grid.count():
            item = self.quality_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        st = d.summary()
        arabic = self.ctx.settings.language == "ar"
        dialects = {dialect_name(k, self.ctx.settings.language): v for k, v in st["dialects"].items()}
        digits = self.ctx.settings.uses_arabic_digits()
        intents = {intent_name(k): v for k, v in st["intents"].items()}
        charts = (bar_chart(tr("Intents"), intents, arabic_digits=digits), bar_chart(tr("Dialects"), dialects, arabic_digits=digits),
                  histogram(tr("Answer length (characters)"), d.get("answer_lengths", []), arabic_digits=digits))
        for column, chart in enumerate(charts):
            chart.setMaximumHeight(260)  # leave the flagged answers' table room to show a screenful
            self.quality_grid.addWidget(chart, 0, column)
        self.quality_warnings.setText("\n".join("• " + localize(w, self.ctx) for w in d.get("warnings", [])) or tr("No warnings."))

        def row(r: tuple) -> list[str]:
            return [self._where(r[0], r[1]), self.ctx.percent(r[2]), ("؛ " if arabic else "; ").join(localize(x, self.ctx) for x in r[3])]

        fill_table(self.translated_table, PagedRows(d.translated_count(), d.translated_page, row))

    # ------------------------------------------------------------------ 7 split
    def _build_split(self) -> QWidget:
        w = QWidget()
        self.ratio = QDoubleSpinBox()
        self.ratio.setRange(0.05, 0.5)
        self.ratio.setSingleStep(0.05)
        self.ratio.setValue(0.15)
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setValue(13)
        apply = QPushButton(tr("Split again"))
        apply.setObjectName("resplit")
        apply.clicked.connect(self._rearrange)
        form = QFormLayout()
        form.addRow(tr("Holdout share"), self.ratio)
        form.addRow(tr("Seed (same seed, same split)"), self.seed)
        form.addRow("", apply)
        self.split_table = make_table([tr("Intent"), tr("Train"), tr("Holdout")], user_columns=(0,))
        note = QLabel(tr("Stratified by intent (and dialect where there are enough conversations); look-alike conversations always land on the same side."))
        note.setWordWrap(True)
        lay = QVBoxLayout(w)
        lay.addLayout(form)
        lay.addWidget(note)
        self.split_status = QLabel()
        self.split_status.setObjectName("splitStatus")
        self.split_status.setWordWrap(True)
        lay.addWidget(self.split_status)
        lay.addWidget(self.split_table, 1)
        return w

    def _holdout_warning(self) -> str:
        """What the analyst must know about the holdout before saving: none, or too few to measure by."""
        st = self.draft.summary()
        if st["kept"] and st["holdout"] == 0:
            return tr("No conversation is held out: {kept} are too few for a holdout share of {share}. Training could not "
                      "measure its holdout loss; import more conversations or raise the share.").format(
                kept=count(self.ctx, st["kept"], "conversation"), share=self.ctx.percent(self.ratio.value()))
        if 0 < st["holdout"] < 20:
            return tr("Only {n} held out: the holdout loss will be a rough figure.").format(n=count(self.ctx, st["holdout"], "conversation"))
        return ""

    def _show_split(self) -> None:
        if self.draft is None:
            return
        rows = self.draft.split_by_intent()
        fill_table(self.split_table, [[intent_name(k), self.ctx.num(train), self.ctx.num(hold)] for k, train, hold in rows])
        st = self.draft.summary()
        line = tr("Share {share}: {train} for training, {hold} held out.").format(
            share=self.ctx.percent(self.ratio.value()), train=self.ctx.num(st["train"]), hold=self.ctx.num(st["holdout"]))
        warning = self._holdout_warning()
        self.split_status.setText(line + (f" <span style='color:#9a6700'>⚠ {warning}</span>" if warning else ""))

    # ------------------------------------------------------------------ 8 save
    def _build_save(self) -> QWidget:
        w = QWidget()
        self.save_summary = BidiTextEdit(read_only=True)
        self.save_button = QPushButton(tr("Save dataset version"))
        self.save_button.setObjectName("saveDataset")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save)
        lay = QVBoxLayout(w)
        lay.addWidget(self.save_summary, 1)
        lay.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        return w

    def _show_save(self) -> None:
        if self.draft is None:
            return
        st = self.draft.summary()
        n = self.ctx.num
        lines = [tr("Project: {p}").format(p=self.project),
                 tr("Conversations kept: {n} ({train} for training, {hold} held out)").format(n=n(st["kept"]), train=n(st["train"]), hold=n(st["holdout"])),
                 tr("Skipped records: {n}").format(n=n(st["invalid"])),
                 tr("Duplicates removed: {n}").format(n=n(st["duplicates"]["exact"] + st["duplicates"]["near"])),
                 tr("Redactions: {n} (undone by review: {u})").format(n=n(sum(st["redactions"].values())), u=n(len(self.draft.undone()))),
                 tr("The dataset version is immutable: a later import makes a new version and never changes this one.")]
        extends = (self.draft.get("settings") or {}).get("extends")
        if extends:
            lines.insert(1, tr("Adds to version {n}: its conversations and sources are kept beside the new files'.").format(n=n(extends)))
        warning = self._holdout_warning()
        if warning:
            lines.insert(1, "⚠ " + warning)
        self.save_summary.setPlainText("\n".join(lines))

    @Slot()
    def _on_save(self) -> None:
        if self.draft is None:
            return
        self.save_button.setEnabled(False)
        ws = self.ctx.ws
        config = {"home": str(ws.paths.home), "database_url": ws.settings.database_url or "", "project": self.project,
                  "draft": str(self.draft_path), "interactive": True}
        self._run_child(tr("Saving the dataset version"), "commit_job", config, self._on_saved)

    @Slot(object)
    def _on_saved(self, _result: JobResult) -> None:
        result = self._job_finished()
        if not result.ok:
            self._reopen_draft()
            self.save_button.setEnabled(True)
            if result.status != "cancelled":
                QMessageBox.warning(self, tr("Cannot save the dataset version"), localize(result.failure, self.ctx))
            self.go("save")
            return
        number = result.value["number"]
        self.version = next(v for v in list_versions(self.ctx.ws, self.project) if v.number == number)
        self._close_draft(remove=True)
        self.saved.emit(self.version)
        self.accept()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
        super().reject()

    def done(self, r: int) -> None:
        # The draft holds the values redaction removed: it goes with the wizard. A child still
        # writing it has been told to stop; removing the file under it is safe on every OS we
        # support for a process that is being stopped (POSIX unlink; Windows retries on the next sweep).
        try:
            self._close_draft(remove=True)
        except OSError:
            pass
        super().done(r)
