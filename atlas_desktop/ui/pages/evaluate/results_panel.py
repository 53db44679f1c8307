"""The comparison report of the chosen model's newest evaluation (gate.build): each model's
metric means with the paired difference and its 95% interval, the win rate, the intents and
dialects, a chart of task success by intent, the regressions and the reviewers' flags."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QTableWidget, QVBoxLayout, QWidget,
)

from atlas_desktop.core.errors import AtlasError, NotFoundError
from atlas_desktop.core.evaluation.gate import build
from atlas_desktop.core.evaluation.report import REGRESSION_METRIC, GroupRow, Report
from atlas_desktop.core.evaluation.runs import EvaluationInfo
from atlas_desktop.core.evaluation.types import METRIC_NAMES
from atlas_desktop.core.messages import Msg
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.evaluate.answers_dialog import AnswersDialog
from atlas_desktop.ui.pages.evaluate.chart import IntentChart
from atlas_desktop.ui.pages.evaluate.flags_panel import FlagsPanel
from atlas_desktop.ui.pages.evaluate.text import Numbers
from atlas_desktop.ui.widgets.tables import fill_table, make_table

BANNER_STYLE = "QFrame#staleBanner { background: #fff6e0; border: 1px solid #f0d9a6; border-radius: 6px; }"


def _with_note(table: QTableWidget, note: QLabel) -> QWidget:
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(4, 4, 4, 4)
    note.setWordWrap(True)
    lay.addWidget(note)
    lay.addWidget(table, 1)
    return w


def _rows_height(t: QTableWidget) -> int:
    """The height that shows every row of a short table (its header, rows, frame and scroll bar)."""
    rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
    return t.horizontalHeader().sizeHint().height() + rows + 2 * t.frameWidth() + t.horizontalScrollBar().sizeHint().height()


def _table(headers: list[str], user_columns: tuple[int, ...] = ()) -> QTableWidget:
    t = make_table(headers, user_columns)
    t.setMinimumHeight(60)
    return t


class ResultsPanel(QWidget):
    evaluate_again = Signal(str)  # the suite version's label the evaluation used
    flags_changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.n = Numbers(ctx)
        self.report: Report | None = None
        self.inputs: dict[str, Any] = {}
        self.settings: dict[str, Any] = {}
        self.info: EvaluationInfo | None = None
        m = self.n.msg

        # ---------------------------------------------------------------- out of date
        self.banner = QFrame()
        self.banner.setObjectName("staleBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.stale = QLabel()
        self.stale.setObjectName("staleReasons")
        self.stale.setWordWrap(True)
        self.again_btn = QPushButton(tr("Evaluate again"))
        self.again_btn.setObjectName("evaluateAgain")
        self.again_btn.clicked.connect(self._on_again)
        bl = QHBoxLayout(self.banner)
        bl.addWidget(self.stale, 1)
        bl.addWidget(self.again_btn)
        self.banner.hide()

        self.about = QLabel()
        self.about.setObjectName("evaluationAbout")
        self.about.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("reportNotes")
        self.notes.setWordWrap(True)

        # ---------------------------------------------------------------- metrics and the chart
        self.metrics = _table([m(Msg("eval.report.col.metric")), m(Msg("eval.report.col.candidate")), m(Msg("eval.report.col.production")),
                               tr("Difference (95% interval)"), tr("Scored")])
        self.metrics.setObjectName("metricMeans")
        self.chart = IntentChart(ctx.settings.uses_arabic_digits())
        self.statuses = QLabel()
        self.statuses.setObjectName("answerStatuses")
        self.statuses.setWordWrap(True)
        means = QWidget()
        ml = QVBoxLayout(means)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.metrics, 1)
        ml.addWidget(self.statuses)
        summary = QSplitter()
        summary.setObjectName("summary")
        summary.addWidget(means)
        summary.addWidget(self.chart)
        summary.setSizes([600, 420])

        # ---------------------------------------------------------------- groups, regressions, flags
        group_headers = [m(Msg("eval.report.col.items")), m(Msg("eval.report.col.win_rate")), *[self.n.metric(x) for x in METRIC_NAMES]]
        self.by_intent = _table([m(Msg("eval.report.col.intent")), *group_headers], user_columns=(0,))
        self.by_intent.setObjectName("byIntent")
        self.by_dialect = _table([m(Msg("eval.report.col.dialect")), *group_headers])
        self.by_dialect.setObjectName("byDialect")
        self.regressions = _table([m(Msg("eval.report.col.item")), m(Msg("eval.report.col.intent")), m(Msg("eval.report.col.dialect")),
                                   m(Msg("eval.report.col.production")), m(Msg("eval.report.col.candidate"))], user_columns=(0, 1))
        self.regressions.setObjectName("regressions")
        self.regressions.setToolTip(tr("Double-click an item to read its prompt and both answers."))
        self.regressions.cellDoubleClicked.connect(self._on_regression_opened)
        self.flags = FlagsPanel(ctx)
        self.flags.resolved.connect(self.flags_changed)
        self.regress_note = QLabel()
        self.regress_note.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultTabs")
        self.tabs.addTab(summary, tr("Summary"))
        self.tabs.addTab(_with_note(self.by_intent, QLabel(tr("Differences are the candidate's score minus production's, with their 95% intervals."))),
                         tr("By intent"))
        self.tabs.addTab(_with_note(self.by_dialect, QLabel(tr("Differences are the candidate's score minus production's, with their 95% intervals."))),
                         tr("By dialect"))
        self.tabs.addTab(_with_note(self.regressions, self.regress_note), tr("Regressions"))
        self.tabs.addTab(self.flags, tr("Flags"))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.banner)
        lay.addWidget(self.about)
        lay.addWidget(self.notes)
        lay.addWidget(self.tabs, 1)
        self.clear(tr("Choose a model version."))

    # ------------------------------------------------------------------ showing
    def clear(self, text: str) -> None:
        self.report, self.inputs, self.info = None, {}, None
        self.banner.hide()
        self.about.setText(text)
        self.notes.hide()
        self.tabs.hide()

    def show_model(self, project: str, model: int) -> bool:
        """The report of the model version's newest evaluation; False when it has none."""
        try:
            self.report, self.inputs, self.settings = build(self.ctx.ws, project, model)
        except NotFoundError:
            self.clear(tr("This model version has not been evaluated yet: choose a suite and press Evaluate."))
            return False
        except AtlasError as exc:
            self.clear(self.n.msg(exc))
            return False
        self.info = self.inputs["info"]
        self._show()
        return True

    def _names(self) -> dict[str, str]:
        r = self.report
        return {"candidate": self.n.name(r.candidate_name), "production": self.n.name(r.production_name)}

    def _show(self) -> None:
        r, info, n = self.report, self.info, self.n
        names = self._names()
        self.about.setText(tr("Newest evaluation: {model} on {suite}, {items} items, against {production}{sep}{date}, by {who}").format(sep=n.sep,
            model=n.model(info.model, info.model_number), suite=n.suite_label(info.suite), items=self.ctx.num(info.items),
            production=names["production"], date=self.ctx.date(info.created_at), who=n.name(info.created_by)))
        self.banner.setVisible(bool(info.out_of_date))
        self.stale.setText("⚠ " + tr("This evaluation is out of date: {reasons}.").format(
            reasons=tr("; ").join(n.msg(x) for x in info.out_of_date)))
        lines = []
        if r.win_rate is not None:
            w = r.win_rate
            lines.append(tr("Win rate of the candidate: {estimate} (95% interval {interval}), from {ratings} ratings of {items} prompts.").format(
                estimate=n.pct(w.estimate), interval=n.interval(w, percent=True), ratings=self.ctx.num(w.n_ratings), items=self.ctx.num(w.n_items)))
        for note in r.notes:
            text = html.escape(n.msg(note), quote=False)
            lines.append(f"<span style='color:#9a6700'>⚠ {text}</span>" if note.code == "eval.report.narrow" else text)
        self.notes.setText("<br>".join(lines))
        self.notes.show()
        self.tabs.show()

        fill_table(self.metrics, [[n.metric(m.metric), n.score(m.candidate_mean), n.score(m.production_mean), n.difference(m.difference),
                                   f"{self.ctx.num(m.candidate_scored)} / {self.ctx.num(m.production_scored)}"] for m in r.metrics])
        self.metrics.resizeColumnsToContents()
        self.metrics.setMinimumHeight(_rows_height(self.metrics))
        self.statuses.setText(self._statuses(info))
        fill_table(self.by_intent, [self._group_row(g, n.intent(g.name)) for g in r.by_intent])
        fill_table(self.by_dialect, [self._group_row(g, n.dialect(g.name)) for g in r.by_dialect])
        for t in (self.by_intent, self.by_dialect):
            t.resizeColumnsToContents()
        self.chart.draw([(n.intent(g.name), g.metric(REGRESSION_METRIC).candidate_mean, g.metric(REGRESSION_METRIC).production_mean)
                         for g in r.by_intent], names["candidate"], names["production"])

        self.regress_note.setText(n.msg(Msg("eval.report.regressions.none")) if not r.regressions else
                                  tr("Items production got right and the candidate got wrong (task success). Double-click one to read both answers."))
        unscored = n.msg(Msg("eval.report.unscored"))
        fill_table(self.regressions, [[g.item_id, n.intent(g.intent), n.dialect(g.dialect), n.score(g.production_score),
                                       n.score(g.candidate_score) if g.candidate_score is not None else unscored] for g in r.regressions])
        self.regressions.resizeColumnsToContents()
        self.tabs.setTabText(3, tr("Regressions ({n})").format(n=self.ctx.num(len(r.regressions))))
        open_flags = self.flags.show_flags(info.id)
        self.tabs.setTabText(4, tr("Flags ({n})").format(n=self.ctx.num(open_flags)) if open_flags else tr("Flags"))

    def _statuses(self, info: EvaluationInfo) -> str:
        """How many answers of each model could not be scored (empty, or cut off at the token limit)."""
        unscored = {side: sum(n for status, n in info.statuses.get(side, {}).items() if status != "ok") for side in ("candidate", "production")}
        if not any(unscored.values()):
            return tr("No answer was empty or cut off.")
        names = self._names()
        return tr("Answers not scored (empty, or cut off at the token limit): {candidate} {c} of {n}, {production} {p} of {n}.").format(
            candidate=names["candidate"], production=names["production"], c=self.ctx.num(unscored["candidate"]),
            p=self.ctx.num(unscored["production"]), n=self.ctx.num(info.items))

    def _group_row(self, g: GroupRow, label: str) -> list[str]:
        n = self.n
        win = "—" if g.win_rate is None else f"{n.pct(g.win_rate.estimate)}  ({n.interval(g.win_rate, percent=True)})"
        return [label, self.ctx.num(g.n_items), win, *[n.difference(m.difference) for m in g.metrics]]

    # ------------------------------------------------------------------ actions
    def open_regression(self, row: int) -> AnswersDialog | None:
        if self.report is None or not 0 <= row < len(self.report.regressions):
            return None
        g = self.report.regressions[row]
        item = next(i for i in self.inputs["items"] if i.id == g.item_id)
        answers = {side: self.inputs["answers"][side].get(g.item_id) for side in ("candidate", "production")}
        scores = {"candidate": g.candidate_score, "production": g.production_score}
        self.answers_dialog = AnswersDialog(self.n, item, answers, scores, self._names(), self)
        self.answers_dialog.open()
        return self.answers_dialog

    @Slot(int, int)
    def _on_regression_opened(self, row: int, _column: int) -> None:
        self.open_regression(row)

    @Slot()
    def _on_again(self) -> None:
        if self.info is not None:
            self.evaluate_again.emit(self.info.suite)
