"""The evaluation report of a candidate model against production, the release gate on it, and
the report as a self-contained HTML page.

The report is plain data (dataclasses, JSON through ``Report.to_json``/``Report.from_json``);
every sentence in it for people is a :class:`Msg`. Definitions (the statistics' own are in
stats.py):

* **Regression**: an item production got right and the candidate got wrong, on ``task_success``:
  production scored at least ``REGRESSION_RIGHT`` (0.99) and the candidate below
  ``REGRESSION_WRONG`` (0.5), or the candidate's answer could not be scored (an empty or
  truncated answer, score ``None``). An item with no candidate entry at all (not generated) is
  not a regression; it shows as unscored in the metric rows.
* **Narrow**: with three or more intents compared, the candidate is ahead on exactly one and
  behind on every other (the playbook's "over-fitting to a narrow intent set"). Ahead and behind
  are by the intent's win-rate estimate against ½ when there are ratings (intents without
  ratings are left out), else by its task_success paired difference against 0.
* **Gate** (``gate``): four conditions, each one sentence whether met or not: the review quota
  (the caller's verdict), no unresolved unsafe flag, the win rate's lower bound at least the
  margin, and no intent whose task_success paired difference (its estimate) is below
  −tolerance. With no ratings the win rate condition fails; with no intent scored on both sides
  the task-success condition fails (nothing shows the candidate keeps up).
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any

from atlas_desktop.core.arabic import DIALECTS, format_number, to_eastern_number
from atlas_desktop.core.catalogue import CATALOGUE
from atlas_desktop.core.evaluation import stats
from atlas_desktop.core.evaluation.stats import NO_INTENT, Agreement, Interval
from atlas_desktop.core.evaluation.types import METRIC_NAMES, EvalItem, MetricScore, Rating
from atlas_desktop.core.messages import Msg, from_json, render, to_json

MARGIN = 0.45  # the win rate's lower bound must reach this
TOLERANCE = 0.10  # no intent's task_success may drop by more than this
REGRESSION_METRIC = "task_success"
REGRESSION_RIGHT = 0.99  # production's score at least this: it got the item right
REGRESSION_WRONG = 0.5  # the candidate's score below this: it got the item wrong
NARROW_MIN_INTENTS = 3
EPS = 1e-9  # a bound exactly at the margin or a drop exactly at the tolerance passes, whatever the rounding of means
GATE_CONDITIONS = ("quota", "unsafe", "win_rate", "task_success")
FLAG_KINDS = ("unsafe", "inconsistent")


@dataclass(frozen=True)
class MetricRow:
    """One metric over a set of items: each model's mean over its scored answers, and the paired
    difference candidate − production over the items scored on both."""

    metric: str
    candidate_mean: float | None
    production_mean: float | None
    candidate_scored: int
    production_scored: int
    difference: Interval | None


@dataclass(frozen=True)
class GroupRow:
    """An intent or a dialect: its items, its win rate and its metrics."""

    name: str  # the intent as the project named it ("unlabelled": none), or a dialect code ("uncertain": none)
    n_items: int
    win_rate: Interval | None
    metrics: list[MetricRow]

    def metric(self, name: str) -> MetricRow | None:
        return next((m for m in self.metrics if m.metric == name), None)


@dataclass(frozen=True)
class Regression:
    item_id: str
    intent: str
    dialect: str
    production_score: float
    candidate_score: float | None  # None: the candidate's answer could not be scored


@dataclass(frozen=True)
class Flag:
    """A reviewer's unsafe or inconsistent flag on an item's pair."""

    item_id: str
    reviewer: str
    kind: str  # one of FLAG_KINDS
    note: str
    resolved: bool


@dataclass(frozen=True)
class ReviewCounts:
    items: int  # in the suite
    items_rated: int
    ratings: int
    reviewers: int
    calibration_items: int


@dataclass(frozen=True)
class Report:
    candidate_name: str
    production_name: str
    margin: float
    tolerance: float
    counts: ReviewCounts
    win_rate: Interval | None  # None: no ratings yet, metrics only
    metrics: list[MetricRow]
    by_intent: list[GroupRow]
    by_dialect: list[GroupRow]
    regressions: list[Regression]
    flags: list[Flag]
    agreement: Agreement
    narrow_intent: str | None  # the one intent the candidate is ahead on, when it is behind on all others
    notes: list[Msg] = field(default_factory=list)  # plain sentences for the top of the report

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (messages as {"code", "params"})."""
        return _jsonable(asdict(self))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Report:
        return _decode(cls, data)

    def intent(self, name: str) -> GroupRow | None:
        return next((g for g in self.by_intent if g.name == name), None)

    def dialect(self, name: str) -> GroupRow | None:
        return next((g for g in self.by_dialect if g.name == name), None)

    @property
    def unresolved_unsafe(self) -> list[Flag]:
        return [f for f in self.flags if f.kind == "unsafe" and not f.resolved]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Msg):
        return to_json(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _decode(tp: Any, value: Any) -> Any:
    """``value`` (from to_json) as type ``tp``: dataclasses, lists, dicts, optionals and messages."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _decode(next(a for a in typing.get_args(tp) if a is not type(None)), value)
    if origin is list:
        return [_decode(typing.get_args(tp)[0], v) for v in value]
    if origin is dict:
        return {k: _decode(typing.get_args(tp)[1], v) for k, v in value.items()}
    if tp is Msg:
        return from_json(value)
    if is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return tp(**{f.name: _decode(hints[f.name], value[f.name]) for f in fields(tp) if f.name in value})
    return value


# ------------------------------------------------------------------ building the report
def _scores(side: Mapping[str, Mapping[str, MetricScore]], metric: str, ids: list[str]) -> dict[str, float | None]:
    """item id -> the metric's score (None: not scorable), for the items that have the metric."""
    out: dict[str, float | None] = {}
    for i in ids:
        ms = side.get(i, {}).get(metric)
        if ms is not None:
            out[i] = ms.score
    return out


def _mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _metric_rows(ids: list[str], cand: dict[str, dict[str, float | None]], prod: dict[str, dict[str, float | None]],
                 seed: int, n_boot: int) -> list[MetricRow]:
    rows = []
    for m in METRIC_NAMES:
        c = [cand[m][i] for i in ids if cand[m].get(i) is not None]
        p = [prod[m][i] for i in ids if prod[m].get(i) is not None]
        diff = stats.paired_difference({i: cand[m][i] for i in ids if i in cand[m]}, prod[m], seed, n_boot)
        rows.append(MetricRow(m, _mean(c), _mean(p), len(c), len(p), diff))
    return rows


def _group_order(by: str, name: str) -> tuple[int, str]:
    if by == "dialect":
        return (DIALECTS.index(name) if name in DIALECTS else len(DIALECTS) + (name == stats.NO_DIALECT), name)
    return (int(name == NO_INTENT), name)


def _narrow(by_intent: list[GroupRow], have_ratings: bool) -> tuple[str | None, int]:
    """The one intent the candidate is ahead on while behind on every other, and how many others."""
    if have_ratings:
        leads = {g.name: g.win_rate.estimate - 0.5 for g in by_intent if g.win_rate is not None}
    else:
        leads = {g.name: d.estimate for g in by_intent
                 if (d := g.metric(REGRESSION_METRIC).difference) is not None}
    ahead = [n for n, lead in leads.items() if lead > 0]
    if len(leads) >= NARROW_MIN_INTENTS and len(ahead) == 1 and all(lead < 0 for n, lead in leads.items() if n != ahead[0]):
        return ahead[0], len(leads) - 1
    return None, 0


def build_report(items: list[EvalItem], candidate: Mapping[str, Mapping[str, MetricScore]],
                 production: Mapping[str, Mapping[str, MetricScore]], ratings: list[Rating], *,
                 candidate_name: str, production_name: str, margin: float = MARGIN, tolerance: float = TOLERANCE,
                 rng_seed: int = 0, n_boot: int = stats.N_BOOT) -> Report:
    """The report of ``candidate`` against ``production`` on ``items``: metrics (item id -> metric
    name -> MetricScore, per model) and the reviewers' ratings. Ratings of items not in ``items``
    are left out (a note says how many)."""
    ids = [i.id for i in items]
    known = set(ids)
    cand = {m: _scores(candidate, m, ids) for m in METRIC_NAMES}
    prod = {m: _scores(production, m, ids) for m in METRIC_NAMES}
    rated = [r for r in ratings if r.item_id in known]
    notes: list[Msg] = []

    win = stats.win_rate(rated, rng_seed, n_boot)
    if win is None:
        notes.append(Msg("eval.report.metrics_only"))
    if len(rated) < len(ratings):
        notes.append(Msg("eval.report.ratings_left_out", n=len(ratings) - len(rated)))

    def group_rows(by: str) -> list[GroupRow]:
        members = stats.groups(items, by)
        rows = []
        for name in sorted(members, key=lambda n: _group_order(by, n)):
            group_ids = [i for i in ids if i in members[name]]
            rows.append(GroupRow(name, len(group_ids), stats.win_rate([r for r in rated if r.item_id in members[name]], rng_seed, n_boot),
                                 _metric_rows(group_ids, cand, prod, rng_seed, n_boot)))
        return rows

    by_intent = group_rows("intent")
    by_dialect = group_rows("dialect")

    regressions = []
    for item in items:
        p, c = prod[REGRESSION_METRIC].get(item.id), cand[REGRESSION_METRIC]
        if p is not None and p >= REGRESSION_RIGHT and item.id in c and (c[item.id] is None or c[item.id] < REGRESSION_WRONG):
            regressions.append(Regression(item.id, item.intent or NO_INTENT, item.dialect or stats.NO_DIALECT, p, c[item.id]))

    flags = [Flag(r.item_id, r.reviewer, kind, r.note, r.resolved)
             for r in rated for kind in FLAG_KINDS if getattr(r, kind)]
    flags.sort(key=lambda f: (f.resolved, FLAG_KINDS.index(f.kind)))

    agreement = stats.calibration_agreement(rated)
    counts = ReviewCounts(len(items), len({r.item_id for r in rated}), len(rated), len({r.reviewer for r in rated}),
                          len({r.item_id for r in rated if r.calibration}))
    narrow, others = _narrow(by_intent, win is not None)
    if narrow is not None:
        notes.append(Msg("eval.report.narrow", intent=intent_label(narrow), n=others,
                         measure=Msg("eval.report.measure.win_rate" if win is not None else "eval.report.measure.task_success")))
    return Report(candidate_name, production_name, margin, tolerance, counts, win, _metric_rows(ids, cand, prod, rng_seed, n_boot),
                  by_intent, by_dialect, regressions, flags, agreement, narrow, notes)


# ------------------------------------------------------------------ names in messages
def name(text: str) -> Msg:
    """A name as written (a model, an item id, an intent, a reviewer), isolated in Arabic text."""
    return Msg("eval.report.name", name=text)


def intent_label(intent: str) -> Msg:
    return Msg("eval.report.no_intent") if intent == NO_INTENT else name(intent)


def dialect_label(dialect: str) -> Msg:
    return Msg(f"dialect.{dialect}") if f"dialect.{dialect}" in CATALOGUE else name(dialect)


def _pct_text(x: float, down: bool = False) -> int | float:
    """A share as a percentage for people: one decimal, whole when it is; rounded down when
    ``down`` (an interval's lower end, so that it never reads as reaching a margin it misses)."""
    p = math.floor(x * 1000 + 1e-6) / 10 if down else round(x * 100, 1)
    return int(p) if p == int(p) else p


# ------------------------------------------------------------------ the gate
@dataclass(frozen=True)
class GateDecision:
    """Whether the candidate may replace production: ``reasons`` has one sentence per condition
    (GATE_CONDITIONS, in that order), met or not; ``failed`` names the conditions not met."""

    passed: bool
    reasons: list[Msg]
    failed: list[str] = field(default_factory=list)


def gate(report: Report, *, quota_ok: bool, quota_reason: Msg | None = None,
         margin: float | None = None, tolerance: float | None = None) -> GateDecision:
    """The release gate on ``report``. ``quota_ok`` is the caller's verdict on the review quota
    and ``quota_reason`` its sentence (a plain one of ours when None); ``margin`` and
    ``tolerance`` default to the report's."""
    margin = report.margin if margin is None else margin
    tolerance = report.tolerance if tolerance is None else tolerance
    lines: dict[str, tuple[bool, Msg]] = {}

    lines["quota"] = (quota_ok, quota_reason or Msg("eval.gate.quota.met" if quota_ok else "eval.gate.quota.not_met"))

    open_unsafe = report.unresolved_unsafe
    if open_unsafe:
        ids = list(dict.fromkeys(f.item_id for f in open_unsafe))
        lines["unsafe"] = (False, Msg("eval.gate.unsafe.open", n=len(open_unsafe), items=[name(i) for i in ids]))
    else:
        lines["unsafe"] = (True, Msg("eval.gate.unsafe.none", resolved=sum(1 for f in report.flags if f.kind == "unsafe")))

    win = report.win_rate
    if win is None:
        lines["win_rate"] = (False, Msg("eval.gate.win_rate.missing", margin=_pct_text(margin)))
    else:
        params = dict(estimate=_pct_text(win.estimate), low=_pct_text(win.low, down=True), margin=_pct_text(margin))
        ok = win.low + EPS >= margin
        lines["win_rate"] = (ok, Msg("eval.gate.win_rate.ok" if ok else "eval.gate.win_rate.low", **params))

    diffs = [(g, d) for g in report.by_intent if (d := g.metric(REGRESSION_METRIC).difference) is not None]
    drops = sorted(((g, d) for g, d in diffs if d.estimate < -tolerance - EPS), key=lambda gd: gd[1].estimate)
    if not diffs:
        lines["task_success"] = (False, Msg("eval.gate.task_success.missing"))
    elif drops:
        lines["task_success"] = (False, Msg("eval.gate.task_success.drop", tolerance=round(tolerance, 2), intents=[
            Msg("eval.gate.intent_difference", intent=intent_label(g.name), difference=round(d.estimate, 2)) for g, d in drops]))
    else:
        worst_group, worst = min(diffs, key=lambda gd: gd[1].estimate)
        lines["task_success"] = (True, Msg("eval.gate.task_success.ok", tolerance=round(tolerance, 2), n=len(diffs),
                                           worst=Msg("eval.gate.intent_difference", intent=intent_label(worst_group.name),
                                                     difference=round(worst.estimate, 2))))

    failed = [c for c in GATE_CONDITIONS if not lines[c][0]]
    return GateDecision(not failed, [lines[c][1] for c in GATE_CONDITIONS], failed)


# ------------------------------------------------------------------ HTML
_ISOLATE = re.compile("\u2068([^\u2068\u2069]*)\u2069")
_DOUBLE_ISOLATE = re.compile("\u2068\u2068([^\u2068\u2069]*)\u2069\u2069")  # a name isolated by its message and by render
CHART_WIDTH, CHART_HEIGHT = 160, 14


def _html_text(text: str) -> Any:
    """Text for the page: escaped, its isolated runs (FSI ... PDI, how messages isolate names in
    Arabic) as <bdi> elements."""
    from markupsafe import Markup, escape

    html = _DOUBLE_ISOLATE.sub("\u2068\\1\u2069", str(escape(text)))
    while True:
        html, n = _ISOLATE.subn(r"<bdi>\1</bdi>", html)
        if not n:
            return Markup(html.replace("\u2068", "").replace("\u2069", ""))


class _Page:
    """Formatting for one language: numbers in its digits, messages rendered, charts laid out."""

    def __init__(self, lang: str) -> None:
        self.lang = "ar" if lang == "ar" else "en"
        self.ar = self.lang == "ar"

    def _signed(self, text: str, negative: bool) -> str:
        # CLDR's Arabic minus is preceded by an Arabic letter mark so it stays to the number's right
        return ("\u061c" + text) if self.ar and (negative or text.startswith("+")) else text

    def num(self, x: float | int | None, places: int = 2) -> str:
        if x is None:
            return "—"
        if isinstance(x, int):
            return format_number(x, self.ar)
        return self._signed(format_number(x, self.ar, places), x < 0)

    def signed(self, x: float | None, places: int = 2) -> str:
        if x is None:
            return "—"
        x = round(x, places) + 0.0  # no "-0.00"
        text = f"{x:+,.{places}f}" if x else f"{x:,.{places}f}"
        return self._signed(to_eastern_number(text) if self.ar else text, x < 0)

    def pct(self, x: float | None, down: bool = False) -> str:
        if x is None:
            return "—"
        p = _pct_text(x, down)
        return (format_number(p, self.ar, 1 if isinstance(p, float) else None)) + ("٪" if self.ar else "%")

    def interval(self, i: Interval | None, percent: bool = False) -> str:
        """"low – high": percentages (the low end rounded down) or signed differences."""
        if i is None:
            return "—"
        return f"{self.pct(i.low, down=True)} – {self.pct(i.high)}" if percent else f"{self.signed(i.low)} – {self.signed(i.high)}"

    def msg(self, message: Any) -> Any:
        return _html_text(render(message, self.lang))

    def t(self, code: str, **params: Any) -> Any:
        return self.msg(Msg(code, **params))

    def x(self, value: float, lo: float, hi: float) -> float:
        """A value's horizontal position in a chart; mirrored in Arabic (the axis runs right to left)."""
        frac = 0.0 if hi == lo else (min(max(value, lo), hi) - lo) / (hi - lo)
        pos = 2 + frac * (CHART_WIDTH - 4)
        return round(CHART_WIDTH - pos if self.ar else pos, 1)

    def span(self, a: float, b: float, lo: float, hi: float) -> tuple[float, float]:
        """Left edge and width of the stretch between two values."""
        xa, xb = self.x(a, lo, hi), self.x(b, lo, hi)
        return min(xa, xb), round(abs(xb - xa), 1)


@lru_cache(maxsize=1)
def _template() -> Any:
    from importlib.resources import files

    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    source = files("atlas_desktop.core.evaluation").joinpath("templates", "report.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


def diff_axis(report: Report) -> float:
    """The half-width of the difference charts' axis: the widest interval, at least 0.25, at most 1."""
    ends = [abs(v) for row in [report.metrics, *[g.metrics for g in report.by_intent + report.by_dialect]]
            for m in row if m.difference for v in (m.difference.low, m.difference.high)]
    return min(1.0, max([0.25, *ends]))


def render_html(report: Report, lang: str, decision: GateDecision | None = None) -> str:
    """The report as a self-contained HTML page in ``lang`` ("ar": right to left, Eastern Arabic
    digits): no script, no network resources, charts as inline SVG. With ``decision``, the gate's
    sentences too."""
    page = _Page(lang)
    return _template().render(
        r=report, p=page, lang=page.lang, rtl=page.ar, decision=decision, metrics=METRIC_NAMES,
        intent_label=intent_label, dialect_label=dialect_label, name=name, axis=diff_axis(report),
        pct_text=_pct_text, gate_conditions=GATE_CONDITIONS, W=CHART_WIDTH, H=CHART_HEIGHT, right=REGRESSION_RIGHT,
        wrong=REGRESSION_WRONG)
