"""Review: rate an evaluation's answer pairs blind, keyboard first, right to left done right.

The reviewer (``ctx.ws.user.login``) works through the evaluation's queue, calibration items
first. Each item shows the customer's turn and the reference answer, then the two answers as
A and B (which model wrote which is told only once the rating is saved). Every change is kept
as a draft (half a second after the last one, and on leaving the item or the page); the next
items are read ahead, so moving on shows at once.

Keys (shown in the legend line): 1–5 rate the outlined cell and move to the next one; ← →
the answer on that side of the screen (the window is mirrored in Arabic: A is on the right);
↑ ↓ the metric; A B T X the verdict; U I the flags (the note then takes the typing; Esc gives
the keys back); Ctrl+Enter saves and opens the next item to rate; PageUp / PageDown the
previous / next item; Ctrl+= / Ctrl+- the text size. The letters also work with the Arabic
keyboard layout (rubric.LETTER_ACTIONS). Keys typed in the note are the note's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.evaluation import review
from atlas_desktop.core.evaluation.runs import EvaluationInfo, list_evaluations
from atlas_desktop.core.evaluation.types import METRIC_NAMES
from atlas_desktop.ui.context import AppContext, Changes
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.fonts import content_font
from atlas_desktop.ui.glossary import listing
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.review.answer_panel import AnswerPanel
from atlas_desktop.ui.pages.review.flags_bar import FlagsBar
from atlas_desktop.ui.pages.review.item_view import ItemView
from atlas_desktop.ui.pages.review.rubric import METRIC_LABELS, RUBRIC, SIDE_LETTERS, SIDES, key_action
from atlas_desktop.ui.pages.review.verdict_bar import VerdictBar
from atlas_desktop.ui.widgets.bidi import embedded

DRAFT_MS = 500  # a draft is saved this long after the reviewer's last change
FONT_KEY = "review/font_size"  # QSettings: the workspace settings have no field for the review text alone
SPLIT_KEY = "review/split"  # QSettings: the room given to the question and to the answers
FONT_MIN, FONT_MAX = 8, 28
CACHE_SIZE = 64  # pair views kept (read ahead, or seen)


def keys(text: str) -> str:
    """Key names, left to right inside a sentence of either direction."""
    return f"\u2066{text}\u2069"


class ReviewPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.evaluations: list[EvaluationInfo] = []
        self.evaluation_id: int | None = None
        self.entries: list[review.QueueEntry] = []
        self.view: review.PairView | None = None
        self.cache: dict[int, review.PairView] = {}
        self.cur_side, self.cur_metric = "A", 0  # the cell the keyboard rates
        self.dirty = False  # changes not yet kept as a draft
        self._own_change = False
        self._loading = False
        self.font_size = self._stored_font_size()

        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_MS)
        self.draft_timer.timeout.connect(self._on_draft_due)

        # ---------------------------------------------------------------- top: which evaluation, where in its queue
        heading = QLabel(tr("Review"))
        heading.setObjectName("pageHeading")
        self.combo = QComboBox()
        self.combo.setObjectName("evaluationCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        self.combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.combo.activated.connect(self._on_evaluation_chosen)
        self.smaller = QPushButton(tr("A−"))
        self.smaller.setObjectName("textSmaller")
        self.smaller.setToolTip(tr("Smaller text ({k})").format(k=keys("Ctrl+-")))
        self.smaller.clicked.connect(self._on_smaller)
        self.larger = QPushButton(tr("A+"))
        self.larger.setObjectName("textLarger")
        self.larger.setToolTip(tr("Larger text ({k})").format(k=keys("Ctrl+=")))
        self.larger.clicked.connect(self._on_larger)
        for b in (self.smaller, self.larger):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prev_btn = QPushButton(tr("Previous"))
        self.prev_btn.setObjectName("previousItem")
        self.prev_btn.setToolTip(keys("PageUp"))
        self.prev_btn.clicked.connect(self._on_previous)
        self.next_btn = QPushButton(tr("Next"))
        self.next_btn.setObjectName("nextItem")
        self.next_btn.setToolTip(keys("PageDown"))
        self.next_btn.clicked.connect(self._on_next)
        for b in (self.prev_btn, self.next_btn):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(QLabel(tr("Evaluation:")))
        top.addWidget(self.combo, 1)
        top.addWidget(self.prev_btn)
        top.addWidget(self.next_btn)
        top.addSpacing(8)
        top.addWidget(self.smaller)
        top.addWidget(self.larger)

        self.progress = QProgressBar()
        self.progress.setObjectName("reviewProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(160, 10)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("reviewProgressText")
        self.position = QLabel()
        self.position.setObjectName("itemPosition")
        self.calibration = QLabel(tr("Calibration item: every reviewer rates it"))
        self.calibration.setObjectName("calibration")
        self.calibration.hide()
        self.stale = QLabel()
        self.stale.setObjectName("staleNote")
        self.stale.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stale.hide()
        self.item_view = ItemView(ctx)
        where = QHBoxLayout()
        where.addWidget(self.progress)
        where.addWidget(self.progress_text)
        where.addSpacing(12)
        where.addWidget(self.position)
        where.addWidget(self.calibration)
        where.addWidget(self.item_view.meta, 1)
        where.addWidget(self.stale, 1)

        # ---------------------------------------------------------------- the item and its two answers
        self.panels = {side: AnswerPanel(ctx, side) for side in SIDES}
        answers_w = QWidget()
        answers = QHBoxLayout(answers_w)  # A first: on the left in English, on the right in the mirrored Arabic window
        answers.setContentsMargins(0, 0, 0, 0)
        for side, panel in self.panels.items():
            panel.scored.connect(lambda m, n, side=side: self._on_scored(side, m, n))
            panel.picked.connect(lambda m, side=side: self._on_cell_picked(side, m))
            answers.addWidget(panel, 1)
        self.verdict = VerdictBar()
        self.verdict.chosen.connect(self._on_verdict_chosen)
        self.flags = FlagsBar()
        self.flags.changed.connect(self._on_flags_changed)
        self.save_btn = QPushButton(tr("Save"))
        self.save_btn.setObjectName("saveRating")
        self.save_btn.clicked.connect(self._on_save)
        self.save_next_btn = QPushButton(tr("Save and next"))
        self.save_next_btn.setObjectName("saveAndNext")
        self.save_next_btn.setToolTip(keys("Ctrl+Enter"))
        self.save_next_btn.setDefault(True)
        self.save_next_btn.clicked.connect(self._on_save_next)
        for b in (self.save_btn, self.save_next_btn):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        decide = QHBoxLayout()
        decide.setContentsMargins(0, 0, 0, 0)
        decide.addWidget(self.verdict)
        decide.addSpacing(12)
        decide.addWidget(self.flags, 1)
        decide.addWidget(self.save_btn)
        decide.addWidget(self.save_next_btn)
        self.message = QLabel()  # an error, or which model was A and which B: in the rubric line's place
        self.message.setObjectName("reviewMessage")
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.hide()
        self.legend = QLabel(self._legend())
        self.legend.setObjectName("reviewLegend")
        self.legend.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rubric_line = QLabel()
        self.rubric_line.setObjectName("rubricLine")
        self.rubric_line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.pane = QWidget()
        self.pane.setObjectName("reviewPane")
        self.pane.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        pl = QVBoxLayout(self.pane)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(4)
        self.split = QSplitter(Qt.Orientation.Vertical)  # the reviewer gives the question or the answers more room
        self.split.setObjectName("reviewSplit")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.item_view)
        self.split.addWidget(answers_w)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 5)
        state = QSettings("Atlas", "AtlasDesktop").value(SPLIT_KEY)
        if state is not None:
            self.split.restoreState(state)
        self.split.splitterMoved.connect(self._on_split_moved)
        pl.addWidget(self.split, 1)
        said = QHBoxLayout()
        said.setContentsMargins(0, 0, 0, 0)
        said.addWidget(self.rubric_line, 1)
        said.addWidget(self.message, 1)
        pl.addLayout(said)
        pl.addLayout(decide)
        pl.addWidget(self.legend)

        self.empty = QLabel()
        self.empty.setObjectName("reviewEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.pane)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(where)
        lay.addWidget(self.stack, 1)

        self._watch_keys()
        self._apply_font()
        ctx.project_changed.connect(lambda *_: self.reload())
        ctx.changed.connect(self._on_changed)
        self.reload()

    # ------------------------------------------------------------------ keys
    def _watch_keys(self) -> None:
        """The pane's keys reach the page whatever has the focus inside it (a key goes to the widget with the
        focus first, so only those that can take it are watched); the note keeps what is typed, and the
        evaluation list its arrows."""
        skip = {self.combo, *self.combo.findChildren(QWidget)}
        for w in [self, *self.findChildren(QWidget)]:
            if w not in skip and (w.focusPolicy() != Qt.FocusPolicy.NoFocus or w is self):
                w.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(event, QKeyEvent):
            return super().eventFilter(obj, event)
        action = key_action(event)
        if obj is self.flags.note and action not in ("save_next", "zoom:+1", "zoom:-1", "escape", "previous", "next"):
            return False  # typing in the note: letters, digits and arrows are the note's
        if not action:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # ours, not a window shortcut's
            return True
        return self.do(action)

    def do(self, action: str) -> bool:
        """Carry out a key's action; whether it meant something here."""
        if action.startswith("zoom:"):
            self.set_font_size(self.font_size + int(action[5:]))
            return True
        if action == "previous":
            self._on_previous()
            return True
        if action == "next":
            self._on_next()
            return True
        if self.view is None or self.stack.currentWidget() is not self.pane:
            return False
        if action == "escape":
            self.pane.setFocus()
            return True
        if action == "save_next":
            self._on_save_next()
            return True
        if action in ("left", "right"):
            self._set_cell(self._side_on_screen(action), self.cur_metric)
            return True
        if action in ("up", "down"):
            self._set_cell(self.cur_side, max(0, min(len(METRIC_NAMES) - 1, self.cur_metric + (1 if action == "down" else -1))))
            return True
        if self.locked:
            self._say(tr("This item's rating is saved; it can no longer change."), "error")
            return True
        if action.startswith("score:"):
            n = int(action[6:])
            panel = self.panels[self.cur_side]
            panel.rows[METRIC_NAMES[self.cur_metric]].set_value(n)
            self._edited()
            self._advance()
            return True
        if action.startswith("verdict:"):
            self.verdict.set_value(action[8:])
            self._edited()
            return True
        if action.startswith("flag:"):
            if self.flags.toggle(action[5:]):
                self.flags.note.setFocus()
            return True  # the flag's own signal keeps the draft
        return False

    def _side_on_screen(self, where: str) -> str:
        """The answer on the ``where`` ("left" or "right") of the screen: A is on the right in the mirrored Arabic window."""
        a_first = self.layoutDirection() == Qt.LayoutDirection.LeftToRight
        return ("A" if a_first else "B") if where == "left" else ("B" if a_first else "A")

    def _advance(self) -> None:
        """After a score, the next cell: down the answer's metrics, then the other answer's."""
        order = [(s, m) for s in SIDES for m in range(len(METRIC_NAMES))]
        i = order.index((self.cur_side, self.cur_metric))
        if i + 1 < len(order):
            self._set_cell(*order[i + 1])

    def _set_cell(self, side: str, metric: int) -> None:
        self.cur_side, self.cur_metric = side, metric
        for s, panel in self.panels.items():
            for k, m in enumerate(METRIC_NAMES):
                panel.rows[m].set_current(s == side and k == metric)
        self._show_rubric()

    def _show_rubric(self) -> None:
        """The rubric line: what the outlined cell's score means, or (not rated yet) what 1 and 5 mean."""
        m = METRIC_NAMES[self.cur_metric]
        value = self.panels[self.cur_side].rows[m].value
        n = self.ctx.num
        if value:
            text = tr("{metric} of answer {side}: {n} {word}, {meaning}").format(
                metric=tr(METRIC_LABELS[m]), side=tr(SIDE_LETTERS[self.cur_side]), n=n(value), word=tr(RUBRIC[m][value][0]),
                meaning=tr(RUBRIC[m][value][1]))
        else:
            text = tr("{metric} of answer {side}: {n1} = {low} … {n5} = {high}").format(
                metric=tr(METRIC_LABELS[m]), side=tr(SIDE_LETTERS[self.cur_side]), n1=n(1), low=tr(RUBRIC[m][1][1]), n5=n(5),
                high=tr(RUBRIC[m][5][1]))
        self.rubric_line.setText(text)

    def _legend(self) -> str:
        n = self.ctx.num
        parts = [
            tr("{k} rate").format(k=keys(f"{n(1)}–{n(5)}")),
            tr("{k} move").format(k=keys("← → ↑ ↓")),
            tr("{k} verdict").format(k=keys("A B T X")),
            tr("{k} flag").format(k=keys("U I")),
            tr("{k} save and next").format(k=keys("Ctrl+Enter")),
            tr("{k} item").format(k=keys("PgUp PgDn")),
            tr("{k} text size").format(k=keys("Ctrl+= Ctrl+-")),
        ]
        return " · ".join(parts)

    # ------------------------------------------------------------------ text size
    def _stored_font_size(self) -> int:
        value = QSettings("Atlas", "AtlasDesktop").value(FONT_KEY, self.ctx.settings.font_size)
        try:
            return max(FONT_MIN, min(FONT_MAX, int(value)))
        except (TypeError, ValueError):
            return self.ctx.settings.font_size

    def set_font_size(self, size: int) -> None:
        size = max(FONT_MIN, min(FONT_MAX, size))
        if size != self.font_size:
            self.font_size = size
            QSettings("Atlas", "AtlasDesktop").setValue(FONT_KEY, size)
            self._apply_font()

    def _apply_font(self) -> None:
        font = content_font(self.font_size)
        self.item_view.set_text_font(font)
        for panel in self.panels.values():
            panel.set_text_font(font)
        self.smaller.setEnabled(self.font_size > FONT_MIN)
        self.larger.setEnabled(self.font_size < FONT_MAX)

    @Slot(int, int)
    def _on_split_moved(self, _pos: int, _index: int) -> None:
        QSettings("Atlas", "AtlasDesktop").setValue(SPLIT_KEY, self.split.saveState())

    @Slot()
    def _on_smaller(self) -> None:
        self.set_font_size(self.font_size - 1)

    @Slot()
    def _on_larger(self) -> None:
        self.set_font_size(self.font_size + 1)

    # ------------------------------------------------------------------ evaluations
    def reload(self) -> None:
        """The project's evaluations (newest first); the one chosen stays chosen."""
        self.flush_draft()
        project = self.ctx.current_project
        try:
            self.evaluations = list_evaluations(self.ctx.ws, project) if project else []
        except AtlasError:
            self.evaluations = []
        keep = self.evaluation_id if any(e.id == self.evaluation_id for e in self.evaluations) else None
        self.combo.blockSignals(True)
        self.combo.clear()
        for e in self.evaluations:
            self.combo.addItem(self._evaluation_label(e), e.id)
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(self.evaluations))
        if not project:
            self._empty(tr("Choose or create a project first (Projects page)."))
        elif not self.evaluations:
            self._empty(tr("No evaluation yet. Evaluate a model version on the Evaluate page first."))
        else:
            chosen = keep if keep is not None else self.evaluations[0].id
            self.combo.setCurrentIndex(self.combo.findData(chosen))
            self.open_evaluation(chosen, keep_item=keep is not None)

    def _evaluation_label(self, e: EvaluationInfo) -> str:
        name, _, number = e.suite.rpartition(" v")
        suite = f"{embedded(name)} {tr('v{n}').format(n=self.ctx.num(int(number)))}" if number.isdigit() else embedded(e.suite)
        return tr("{model} ({version}) against {production} on {suite} · {date}").format(
            model=embedded(e.model), version=tr("v{n}").format(n=self.ctx.num(e.model_number)), production=embedded(e.production),
            suite=suite, date=self.ctx.date(e.created_at))

    @Slot(int)
    def _on_evaluation_chosen(self, index: int) -> None:
        ev = self.combo.itemData(index)
        if ev is not None and ev != self.evaluation_id:
            self.flush_draft()
            self.open_evaluation(ev)
        self.pane.setFocus()

    def open_evaluation(self, evaluation_id: int, keep_item: bool = False) -> None:
        """The evaluation's queue; its first item still to rate (the one shown, when ``keep_item``)."""
        changed = evaluation_id != self.evaluation_id
        self.evaluation_id = evaluation_id
        if changed:
            self.cache.clear()
        info = next(e for e in self.evaluations if e.id == evaluation_id)
        reasons = [localize(m, self.ctx) for m in info.out_of_date]
        self.stale.setText(tr("Out of date: {reasons}").format(reasons=listing(self.ctx, reasons)) if reasons else "")
        self.stale.setToolTip(self.stale.text())
        self.stale.setVisible(bool(reasons))
        self.entries = review.queue(self.ctx.ws, evaluation_id)
        self._show_progress()
        if keep_item and self.view is not None and any(e.pair_id == self.view.pair_id for e in self.entries):
            return
        entry = review.next_pair(self.entries)
        if entry is None:
            self._all_rated()
        else:
            self.open_pair(entry.pair_id)

    def _show_progress(self) -> None:
        done = sum(1 for e in self.entries if e.state == "saved")
        total = len(self.entries)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress_text.setText(tr("{done} of {total} rated").format(done=self.ctx.num(done), total=self.ctx.num(total)))
        for w in (self.progress, self.progress_text):
            w.setVisible(total > 0)
        self.prev_btn.setEnabled(total > 0)
        self.next_btn.setEnabled(total > 0)

    def _empty(self, text: str) -> None:
        self.view = None
        if not self.evaluations:
            self.evaluation_id = None
            self.entries = []
            self.stale.hide()
            self._show_progress()
        self.position.setText("")
        self.item_view.meta.setText("")
        self.calibration.hide()
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _all_rated(self, saved: str = "") -> None:
        self._empty("\n\n".join(x for x in (saved, tr("You have rated every item of this evaluation."),
                                             tr("Previous and Next ({k}) show your saved ratings.").format(k=keys("PageUp, PageDown"))) if x))

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.project != self.ctx.current_project or not changes.evaluations or self._own_change:
            return
        self.cache.clear()  # another window or page may have rated, or evaluated again
        self.reload()

    # ------------------------------------------------------------------ one item
    @property
    def locked(self) -> bool:
        return self.view is not None and self.view.revealed is not None

    def _index(self, pair_id: int | None) -> int:
        return next((i for i, e in enumerate(self.entries) if e.pair_id == pair_id), -1)

    def pair(self, pair_id: int) -> review.PairView:
        """A pair's view: read ahead or seen before, else read now."""
        view = self.cache.pop(pair_id, None)
        if view is None:
            view = review.pair_view(self.ctx.ws, pair_id)
        self.cache[pair_id] = view  # the newest last: the oldest goes first when the cache is full
        while len(self.cache) > CACHE_SIZE:
            del self.cache[next(iter(self.cache))]
        return view

    def open_pair(self, pair_id: int) -> None:
        self.flush_draft()
        view = self.pair(pair_id)
        self.view = view
        self._loading = True
        self.item_view.show_item(view.item)
        for side, answer in (("A", view.a), ("B", view.b)):
            self.panels[side].show_answer(answer)
        r = view.rating or {}
        sides = r.get("sides") or {}
        for side in SIDES:
            self.panels[side].set_scores(sides.get(side) or {})
        self.verdict.set_value(r.get("verdict") or "")
        self.flags.set_values(bool(r.get("unsafe")), bool(r.get("inconsistent")), r.get("note") or "")
        self._loading = False
        locked = self.locked
        for w in (*self.panels.values(), self.verdict, self.flags):
            w.set_locked(locked)
        self.save_btn.setEnabled(not locked)
        i = self._index(pair_id)
        self.position.setText(tr("Item {n} of {total}").format(n=self.ctx.num(i + 1), total=self.ctx.num(len(self.entries))))
        self.calibration.setVisible(view.calibration)
        self._set_cell(*self._first_open_cell())
        if view.revealed:
            self._say(self._reveal(tr("Saved. A was {a}, B was {b}."), view.revealed), "reveal")
        else:
            self._say("", "")
        self.stack.setCurrentWidget(self.pane)
        if not self.flags.note.hasFocus():
            self.pane.setFocus()
        QTimer.singleShot(0, self, self._read_ahead)  # not after the page is gone

    def _first_open_cell(self) -> tuple[str, int]:
        for side in SIDES:
            for k, m in enumerate(METRIC_NAMES):
                if self.panels[side].rows[m].value is None:
                    return side, k
        return "A", 0

    @Slot()
    def _read_ahead(self) -> None:
        """Read the next item in the queue and the next one to rate, so moving on shows at once."""
        if self.view is None:
            return
        i = self._index(self.view.pair_id)
        wanted = []
        if 0 <= i + 1 < len(self.entries):
            wanted.append(self.entries[i + 1].pair_id)
        nxt = review.next_pair(self.entries, self.view.pair_id)
        if nxt is not None:
            wanted.append(nxt.pair_id)
        for pid in wanted:
            if pid not in self.cache and pid != self.view.pair_id:
                try:
                    self.cache[pid] = review.pair_view(self.ctx.ws, pid)
                except AtlasError:
                    pass

    def _reveal(self, template: str, names: dict[str, str], **more: Any) -> str:
        return template.format(a=embedded(names["A"]), b=embedded(names["B"]), **more)

    def _say(self, text: str, kind: str) -> None:
        """Show ``text`` in the rubric line's place (none: the rubric line again). ``kind``: "error", "reveal"
        (the saved item shown: stays), or "saved" (the item saved before this one: until the reviewer rates this one)."""
        self.message.setText(text)
        self.message.setToolTip(text if kind == "error" else "")  # a long error is whole in its tooltip
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))
        self.rubric_line.setVisible(not text)

    # ------------------------------------------------------------------ moving
    @Slot()
    def _on_previous(self) -> None:
        self._step(-1)

    @Slot()
    def _on_next(self) -> None:
        self._step(+1)

    def _step(self, by: int) -> None:
        if not self.entries:
            return
        i = self._index(self.view.pair_id if self.view else None)
        if i < 0:  # from the "all rated" state: the first or the last item
            i = 0 if by > 0 else len(self.entries) - 1
        else:
            i = max(0, min(len(self.entries) - 1, i + by))
            if self.view is not None and self.entries[i].pair_id == self.view.pair_id:
                return
        self.open_pair(self.entries[i].pair_id)

    # ------------------------------------------------------------------ the rating
    def rating(self) -> review.RatingInput:
        f = self.flags
        return review.RatingInput(sides={side: p.scores() for side, p in self.panels.items()}, verdict=self.verdict.value,
                                  unsafe=f.unsafe.isChecked(), inconsistent=f.inconsistent.isChecked(), note=f.note.text())

    def _edited(self) -> None:
        if self._loading or self.locked:
            return
        self.dirty = True
        self.draft_timer.start()
        if self.message.property("kind") in ("error", "saved"):
            self._say("", "")

    def _on_scored(self, side: str, metric: str, _n: int) -> None:
        self._edited()
        self._show_rubric()

    def _on_cell_picked(self, side: str, metric: str) -> None:
        self._set_cell(side, METRIC_NAMES.index(metric))
        self.pane.setFocus()

    @Slot(str)
    def _on_verdict_chosen(self, _verdict: str) -> None:
        self._edited()
        self.pane.setFocus()

    @Slot()
    def _on_flags_changed(self) -> None:
        self._edited()

    @Slot()
    def _on_draft_due(self) -> None:
        self.flush_draft()

    def flush_draft(self) -> None:
        """Keep the reviewer's changes to the item shown as a draft (now, not in half a second)."""
        self.draft_timer.stop()
        if not self.dirty or self.view is None or self.locked:
            self.dirty = False
            return
        self.dirty = False
        r = self.rating()
        try:
            review.save_draft(self.ctx.ws, self.view.pair_id, r)
        except AtlasError as exc:
            self._say(localize(exc, self.ctx), "error")
            return
        shown = {"sides": r.sides, "verdict": r.verdict, "unsafe": r.unsafe, "inconsistent": r.inconsistent, "note": r.note,
                 "state": "draft", "resolved": False}
        self.view = dataclasses.replace(self.view, rating=shown)
        self.cache[self.view.pair_id] = self.view
        i = self._index(self.view.pair_id)
        if i >= 0 and self.entries[i].state == "":
            self.entries[i] = dataclasses.replace(self.entries[i], state="draft")

    def _missing(self) -> int:
        return sum(1 for p in self.panels.values() for row in p.rows.values() if row.value is None) + (0 if self.verdict.value else 1)

    def save(self) -> dict[str, str] | None:
        """Save the finished rating; the reveal ({"A": model, "B": model}), or None (said on the page) when it cannot be saved."""
        if self.view is None or self.locked:
            return None
        missing = self._missing()
        if missing:
            self._say(tr("Rate every metric of both answers and choose a verdict first ({n} still to give).").format(
                n=self.ctx.num(missing)), "error")
            self._set_cell(*self._first_open_cell())
            return None
        self.draft_timer.stop()
        try:
            names = review.save_rating(self.ctx.ws, self.view.pair_id, self.rating())
        except AtlasError as exc:
            self._say(localize(exc, self.ctx), "error")
            if self.flags.unsafe.isChecked() or self.flags.inconsistent.isChecked():
                self.flags.note.setFocus()
            return None
        self.dirty = False
        self.entries = review.queue(self.ctx.ws, self.view.evaluation_id)
        self.cache.pop(self.view.pair_id, None)
        self.view = self.pair(self.view.pair_id)  # now with its reveal
        self._show_progress()
        self._own_change = True
        try:
            self.ctx.notify(evaluations=True)
        finally:
            self._own_change = False
        return names

    @Slot()
    def _on_save(self) -> None:
        """Save and stay: the item shows which model was A and which B until the reviewer moves on."""
        if self.save() is not None:
            self.open_pair(self.view.pair_id)

    @Slot()
    def _on_save_next(self) -> None:
        """Save (when not saved yet) and open the next item to rate; the saved item's reveal shows there until moving on."""
        if self.view is None:
            return
        saved = ""  # the item just saved: which model was A and which B, said on the next item until moving on
        if not self.locked:
            names = self.save()
            if names is None:
                return
            n = self.ctx.num(self._index(self.view.pair_id) + 1)
            saved = self._reveal(tr("Item {n} saved: A was {a}, B was {b}."), names, n=n)
        entry = review.next_pair(self.entries, self.view.pair_id)
        if entry is None:
            self._all_rated(saved)
        else:
            self.open_pair(entry.pair_id)
            if saved:
                self._say(saved, "saved")

    # ------------------------------------------------------------------ leaving
    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt naming: another page shown, or the window closed
        self.flush_draft()
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if self.stack.currentWidget() is self.pane:
            self.pane.setFocus()
