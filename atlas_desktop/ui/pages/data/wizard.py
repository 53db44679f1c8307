"""The import wizard: files -> columns -> validation -> redaction review -> duplicates ->
quality -> split -> save. Reading and saving run in the background with progress, counts
and Cancel; every other step works on the analysis in memory, so it is instant."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
    QListWidget, QMessageBox, QProgressBar, QPushButton, QSpinBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from atlas_desktop.core.arabic import DIALECT_LABELS
from atlas_desktop.core.data.pipeline import (
    Analysis, ImportSettings, analyze, check_fix, commit, original_text, release_in_background, resplit, source_text, undo_redaction,
)
from atlas_desktop.core.data.readers import HEADER_ALIASES, guess_mapping, peek_headers
from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.jobs import JobResult, format_duration
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.bidi import BidiTextEdit, display_text
from atlas_desktop.ui.widgets.tables import LazyRows, fill_table, make_record_table, make_table, select_row, selected_row

STEPS = ("files", "columns", "validation", "redaction", "duplicates", "quality", "split", "save")
HIGHLIGHT = QColor("#ffe08a")


def step_title(key: str) -> str:
    return {"files": tr("Choose files"), "columns": tr("Map columns"), "validation": tr("Validation report"),
            "redaction": tr("Redaction review"), "duplicates": tr("Duplicates"), "quality": tr("Quality report"),
            "split": tr("Holdout split"), "save": tr("Save the dataset version")}[key]


class ConversationView(BidiTextEdit):
    """A conversation, one paragraph per turn, with chosen values highlighted."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(read_only=True)
        self.ctx = ctx
        self.setFont(content_font(ctx.settings.font_size))

    def show_messages(self, messages: list[dict[str, str]], highlight: list[str] = ()) -> None:  # type: ignore[assignment]
        speaker = {"user": tr("Customer:"), "assistant": tr("Assistant:"), "system": tr("System:")}
        self.setPlainText("\n".join(f"{speaker.get(m['role'], m['role'])} {m['content']}" for m in messages))
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        doc = self.document()
        for value in highlight:
            if not value:
                continue
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find(value, cursor)
                if cursor.isNull():
                    break
                cursor.mergeCharFormat(fmt)


class FixDialog(QDialog):
    """Correct one unusable record by hand; it is checked before the dialog closes."""

    def __init__(self, ctx: AppContext, bad: dict, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Fix {file} line {line}").format(file=bad["file"], line=ctx.num(bad["line"])))
        self.resize(760, 420)
        self.ctx = ctx
        self.reason = QLabel(localize(bad["reason"], ctx))
        self.reason.setWordWrap(True)
        self.editor = BidiTextEdit()
        self.editor.setObjectName("fixEditor")
        self.editor.setFont(content_font(ctx.settings.font_size))
        self.editor.setPlainText(text)
        ok = QPushButton(tr("Check and use"))
        ok.setObjectName("checkFix")
        ok.setDefault(True)
        ok.clicked.connect(self._on_ok)
        cancel = QPushButton(tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        lay = QVBoxLayout(self)
        lay.addWidget(self.reason)
        lay.addWidget(QLabel(tr('The record as JSON, e.g. {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}]}')))
        lay.addWidget(self.editor, 1)
        lay.addLayout(buttons)

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    @Slot()
    def _on_ok(self) -> None:
        problem_text = check_fix(self.text())
        if problem_text:
            self.reason.setText(localize(problem_text, self.ctx))
            return
        self.accept()


class ImportWizard(QDialog):
    saved = Signal(object)  # DatasetVersionInfo

    def __init__(self, ctx: AppContext, project: str, files: list[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.project = ctx, project
        self.analysis: Analysis | None = None
        self.mapping: dict[str, str] = {}
        self.fixes: dict[str, dict[int, str]] = {}
        self.job = None
        self.setWindowTitle(tr("Import data into {project}").format(project=project))
        self.resize(1100, 720)
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
        lay = QVBoxLayout(w)
        lay.addWidget(hint)
        lay.addWidget(self.files, 1)
        lay.addLayout(row)
        return w

    @Slot()
    def _on_remove_files(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.go("files")

    def add_file(self, path: Path) -> None:
        self.files.addItem(str(path))

    @Slot()
    def _on_add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Choose chat exports"), str(Path.home()),
                                                tr("Chat exports (*.jsonl *.json *.csv *.tsv *.xlsx)"))
        for p in paths:
            self.add_file(Path(p))
        self.go("files")

    def file_paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

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
            QMessageBox.warning(self, tr("Cannot read the file"), str(exc))
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

    # ------------------------------------------------------------------ analysis job
    def start_analysis(self) -> None:
        files = self.file_paths()
        settings = ImportSettings(mapping=self.mapping or None, fixes=self.fixes)
        self._run_job(tr("Reading and checking {n} files").format(n=self.ctx.num(len(files))),
                      lambda _c, report, cancel: analyze(files, settings, report, cancel, interactive=True), self._on_analysis_done)

    def _run_job(self, name: str, fn, on_done) -> None:  # noqa: ANN001
        self.job = self.ctx.jobs.run(name, fn)
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
        text = p.message
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

    @Slot(object)
    def _on_analysis_done(self, _result: JobResult) -> None:
        result = self._job_finished()
        if result.status == "cancelled":
            self.go(self.step)
            return
        if not result.ok:
            QMessageBox.warning(self, tr("Cannot import these files"), result.error)
            self.go("files")
            return
        self._release_analysis()  # the one a fix replaced
        self.analysis = result.value
        self.go("validation")

    def _release_analysis(self) -> None:
        """Empty the tables that read the analysis, then hand it to a background thread (see done())."""
        for t in (self.invalid_table, self.redaction_table, self.dup_table, self.translated_table):
            fill_table(t, [])
        self._rows = []
        release_in_background(self.analysis)
        self.analysis = None

    # ------------------------------------------------------------------ 3 validation
    def _build_validation(self) -> QWidget:
        w = QWidget()
        self.validation_summary = QLabel()
        self.validation_summary.setWordWrap(True)
        self.invalid_table = make_record_table([tr("File"), tr("Line"), tr("Reason")])
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
        a = self.analysis
        if a is None:
            return
        self.validation_summary.setText(tr("{read} conversations are usable; {bad} records cannot be used and will be skipped (nothing is dropped silently: each is listed here).")
                                        .format(read=self.ctx.num(a.read), bad=self.ctx.num(len(a.invalid))))
        fill_table(self.invalid_table, LazyRows(len(a.invalid), lambda i: [a.invalid[i]["file"], self.ctx.num(a.invalid[i]["line"]), localize(a.invalid[i]["reason"], self.ctx)]))
        if a.invalid:
            select_row(self.invalid_table, 0)
        self.fix_button.setEnabled(bool(a.invalid))

    @Slot()
    def _on_fix(self) -> None:
        row = selected_row(self.invalid_table)
        if self.analysis is None or not 0 <= row < len(self.analysis.invalid):
            return
        bad = self.analysis.invalid[row]
        path = next((p for p in self.file_paths() if p.name == bad["file"]), None)
        start = source_text(path, bad["line"]) if path is not None and path.suffix.lower() in (".jsonl", ".json") else ""
        if not start.startswith("{"):
            start = json.dumps({"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": ""}]}, ensure_ascii=False)
        dlg = FixDialog(self.ctx, bad, start, self)
        if dlg.exec():
            self.fixes.setdefault(bad["file"], {})[bad["line"]] = dlg.text()
            self.start_analysis()

    # ------------------------------------------------------------------ 4 redaction review
    def _build_redaction(self) -> QWidget:
        w = QWidget()
        self.redaction_summary = QLabel()
        self.redaction_summary.setWordWrap(True)
        self.redaction_table = make_record_table([tr("Line"), tr("Kind"), tr("Value"), tr("Detector"), tr("Confidence"), tr("Review")])
        self.redaction_table.itemSelectionChanged.connect(self._on_redaction_selected)
        self.redaction_view = ConversationView(self.ctx)
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
        return w

    def _value(self, r: dict) -> str:
        return self.analysis.originals_at(r["file"], r["line"]).get(r["placeholder"], "")

    def _update_redaction_summary(self) -> None:
        counts = ", ".join(f"{k} {self.ctx.num(v)}" for k, v in sorted(self.analysis.redaction_counts().items()))
        self.redaction_summary.setText(tr("Sensitive values found: {counts}. Names are the hard case and are listed first; undo any that are not sensitive.")
                                       .format(counts=counts or "—"))

    def _show_redaction(self) -> None:
        a = self.analysis
        if a is None:
            return
        self._update_redaction_summary()
        self._rows = a.review_queue()
        self._fill_redactions()
        if self._rows:
            select_row(self.redaction_table, 0)

    def _fill_redactions(self) -> None:
        def row(i: int) -> list[str]:
            r = self._rows[i]
            return [f"{r['file']}:{self.ctx.num(r['line'])}", r["kind"], self._value(r), r["detector"],
                    self.ctx.num(round(r["confidence"] * 100)) + "%", "✋" if r["needs_review"] else ""]

        fill_table(self.redaction_table, LazyRows(len(self._rows), row))
        self.undo_button.setEnabled(bool(self._rows))

    @Slot()
    def _on_redaction_selected(self) -> None:
        row = selected_row(self.redaction_table)
        if not 0 <= row < len(getattr(self, "_rows", [])):
            return
        r = self._rows[row]
        self.redaction_view.show_messages(original_text(self.analysis, r["file"], r["line"]), [self._value(r)])

    @Slot()
    def _on_undo_redaction(self) -> None:
        row = selected_row(self.redaction_table)
        if 0 <= row < len(self._rows):
            r = self._rows[row]
            undo_redaction(self.analysis, r["file"], r["line"], r["placeholder"])  # takes it out of the queue
            self._update_redaction_summary()
            self._fill_redactions()
            select_row(self.redaction_table, min(row, len(self._rows) - 1))

    # ------------------------------------------------------------------ 5 duplicates
    def _build_duplicates(self) -> QWidget:
        w = QWidget()
        self.dup_summary = QLabel()
        self.dup_table = make_record_table([tr("Kind"), tr("Removed"), tr("Kept (representative)"), tr("Similarity")])
        self.dup_table.itemSelectionChanged.connect(self._on_dup_selected)
        self.dup_copy = QLabel()
        self.dup_copy.setWordWrap(True)
        lay = QVBoxLayout(w)
        lay.addWidget(self.dup_summary)
        lay.addWidget(self.dup_table, 1)
        lay.addWidget(self.dup_copy)
        return w

    def _show_duplicates(self) -> None:
        a = self.analysis
        if a is None:
            return
        self.dup_summary.setText(tr("{exact} exact and {near} near duplicates will be removed; the earliest conversation of each cluster is kept.")
                                 .format(exact=self.ctx.num(a.exact), near=self.ctx.num(a.near)))
        kinds = {"exact": tr("exact"), "near": tr("near")}
        def row(i: int) -> list[str]:
            c = a.clusters[i]
            return [kinds[c["kind"]], f"{c['file']}:{self.ctx.num(c['line'])}", f"{c['representative']['file']}:{self.ctx.num(c['representative']['line'])}",
                    self.ctx.num(round(c["similarity"] * 100)) + "%"]

        fill_table(self.dup_table, LazyRows(len(a.clusters), row))

    @Slot()
    def _on_dup_selected(self) -> None:
        row = selected_row(self.dup_table)
        if self.analysis and 0 <= row < len(self.analysis.clusters):
            c = self.analysis.clusters[row]
            rep = self.analysis.index_of(c["representative"]["file"], c["representative"]["line"])  # always a kept one
            first_user = next(m["content"] for m in json.loads(self.analysis.lines[rep])["messages"] if m["role"] == "user")
            self.dup_copy.setText(display_text(tr("Kept: {text}").format(text=first_user[:200])))

    # ------------------------------------------------------------------ 6 quality
    def _build_quality(self) -> QWidget:
        w = QWidget()
        self.quality_grid = QGridLayout()
        self.quality_warnings = QLabel()
        self.quality_warnings.setWordWrap(True)
        self.translated_table = make_record_table([tr("Line"), tr("Score"), tr("Why it sounds translated")])
        lay = QVBoxLayout(w)
        lay.addLayout(self.quality_grid)
        lay.addWidget(self.quality_warnings)
        lay.addWidget(self.translated_table, 1)
        return w

    def _show_quality(self) -> None:
        from atlas_desktop.ui.widgets.charts import bar_chart, histogram

        a = self.analysis
        if a is None:
            return
        while self.quality_grid.count():
            item = self.quality_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        st = a.stats()
        arabic = self.ctx.settings.language == "ar"
        dialects = {DIALECT_LABELS.get(k, (k, k))[arabic]: n for k, n in st["dialects"].items()}
        digits = self.ctx.settings.uses_arabic_digits()
        charts = (bar_chart(tr("Intents"), st["intents"], arabic_digits=digits), bar_chart(tr("Dialects"), dialects, arabic_digits=digits),
                  histogram(tr("Answer length (characters)"), [m.answer_chars for m in a.meta], arabic_digits=digits))
        for column, chart in enumerate(charts):
            chart.setMaximumHeight(260)  # leave the flagged answers' table room to show a screenful
            self.quality_grid.addWidget(chart, 0, column)
        self.quality_warnings.setText("\n".join("• " + localize(w, self.ctx) for w in a.warnings) or tr("No warnings."))
        flagged = sorted((m for m in a.meta if m.translated_score >= 0.3), key=lambda m: -m.translated_score)
        def row(i: int) -> list[str]:
            m = flagged[i]
            return [f"{m.file}:{self.ctx.num(m.line)}", self.ctx.num(round(m.translated_score * 100)) + "%", "; ".join(localize(r, self.ctx) for r in m.translated_reasons)]

        fill_table(self.translated_table, LazyRows(len(flagged), row))

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
        apply.clicked.connect(self._on_resplit)
        form = QFormLayout()
        form.addRow(tr("Holdout share"), self.ratio)
        form.addRow(tr("Seed (same seed, same split)"), self.seed)
        form.addRow("", apply)
        self.split_table = make_table([tr("Intent"), tr("Train"), tr("Holdout")])
        note = QLabel(tr("Stratified by intent (and dialect where there are enough conversations); look-alike conversations always land on the same side."))
        note.setWordWrap(True)
        lay = QVBoxLayout(w)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.split_table, 1)
        return w

    @Slot()
    def _on_resplit(self) -> None:
        if self.analysis:
            resplit(self.analysis, round(self.ratio.value(), 3), self.seed.value())
            self._show_split()

    def _show_split(self) -> None:
        a = self.analysis
        if a is None:
            return
        held = Counter(a.meta[i].intent for i in a.holdout)
        fill_table(self.split_table, [[k, self.ctx.num(n - held[k]), self.ctx.num(held[k])] for k, n in sorted(a.conversation_stats()["intents"].items())])

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
        a = self.analysis
        if a is None:
            return
        st = a.stats()
        lines = [tr("Project: {p}").format(p=self.project),
                 tr("Conversations kept: {n} ({train} for training, {hold} held out)").format(n=self.ctx.num(st["kept"]), train=self.ctx.num(st["train"]), hold=self.ctx.num(st["holdout"])),
                 tr("Skipped records: {n}").format(n=self.ctx.num(st["invalid"])),
                 tr("Duplicates removed: {n}").format(n=self.ctx.num(st["duplicates"]["exact"] + st["duplicates"]["near"])),
                 tr("Redactions: {n} (undone by review: {u})").format(n=self.ctx.num(sum(st["redactions"].values())), u=self.ctx.num(len(a.undone))),
                 tr("The dataset version is immutable: a later import makes a new version and never changes this one.")]
        self.save_summary.setPlainText("\n".join(lines))

    @Slot()
    def _on_save(self) -> None:
        a = self.analysis
        self.save_button.setEnabled(False)
        self._run_job(tr("Saving the dataset version"), lambda _c, _r, _x: commit(self.ctx.ws, self.project, a), self._on_saved)

    @Slot(object)
    def _on_saved(self, _result: JobResult) -> None:
        result = self._job_finished()
        if not result.ok:
            self.save_button.setEnabled(True)
            QMessageBox.warning(self, tr("Cannot save the dataset version"), result.error)
            self.go("save")
            return
        self.version = result.value
        self.saved.emit(result.value)
        self.accept()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
        super().reject()

    def done(self, r: int) -> None:
        # A 200,000-conversation analysis is a million objects: freed here, at once, they would
        # hold the window for a quarter of a second. A job still running (a cancelled save) may
        # be reading it, so it is then left to ordinary reference counting.
        if self.job is None:
            self._release_analysis()
        super().done(r)
