"""The checks of a release stage: each is pass, fail or waiting (with how much data is missing).

All of them compare the candidate with production over the same window (the stage so far),
from the gateway's telemetry (core/serving/monitor.py defines answered, errors, thumbs and
tickets the same way for the Monitor page):

- ``quality``: the thumbs-down rate, candidate against production, by Fisher's exact test,
  one-sided (is the candidate's rate higher?), at the stage's ``alpha``; it waits until each
  side has ``min_requests`` answered requests and ``min_thumbs`` thumbs. Where the project keeps
  answer text, the evaluation's automatic format score of the live answers is compared too
  (Welch's t-test, one-sided, and a drop of more than 0.05): either one failing fails quality.
- ``latency``: the candidate's p95 at most ``latency_margin`` (20%) above production's, once
  each side has ``min_requests`` answered requests.
- ``support_tickets``: tickets per 1,000 conversations. Given k tickets in all, the candidate's
  share of them is binomial with its share of the conversations if both rates are the same; the
  check fails when the candidate has significantly more (one-sided, ``alpha``).
- ``final_review``: a release manager's sign-off with a note, by someone who neither trained the
  candidate nor started the release (four eyes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import select

from atlas_desktop.core.messages import Msg, from_json, to_json
from atlas_desktop.core.release.plan import Stage
from atlas_desktop.core.serving import monitor
from atlas_desktop.core.storage.models import ReleaseEvent, TelemetryEvent
from atlas_desktop.core.workspace import Workspace

PASS, FAIL, WAITING = "pass", "fail", "waiting"
FORMAT_DROP = 0.05  # a format score this much lower (and significantly so) fails quality
FORMAT_MIN_ANSWERS = 20
FAILING_MIN = 20  # requests tried by the candidate before its failures are judged


@dataclass(frozen=True)
class CheckResult:
    check: str
    state: str  # pass | fail | waiting
    reason: Msg
    figures: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "state": self.state, "reason": to_json(self.reason), "figures": self.figures}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CheckResult:
        return cls(d["check"], d["state"], from_json(d["reason"]), dict(d.get("figures") or {}))


@dataclass(frozen=True)
class Window:
    """What the checks read: both sides' figures over the stage so far, and who may sign."""

    candidate: str  # "v2"
    production: str  # "v1" or "base"
    cand: monitor.Figures
    prod: monitor.Figures
    format_scores: dict[str, list[float]]  # target -> format scores of its live answers (when text is kept)
    failovers: int  # the candidate's requests that production answered because the candidate failed
    cand_ms: np.ndarray = field(default_factory=lambda: np.zeros(0))  # total time of each answered request
    prod_ms: np.ndarray = field(default_factory=lambda: np.zeros(0))
    signoffs: list[tuple[str, str]] = field(default_factory=list)  # (who, note) signed this stage
    trained_by: str = ""
    started_by: str = ""


def _t(target: str) -> Msg | str:
    """A target in a message: the base model in words, a version ("v2") as it is."""
    return Msg("release.target.base") if target == "base" else target


def _waiting_for_requests(check: str, w: Window, need: int) -> CheckResult | None:
    missing = {t: need - f.answered for t, f in ((w.candidate, w.cand), (w.production, w.prod)) if f.answered < need}
    if not missing:
        return None
    parts = [Msg("release.check.missing_requests", target=_t(t), have=need - m, need=need) for t, m in missing.items()]
    return CheckResult(check, WAITING, Msg("release.check.waiting", parts=parts),
                       {"candidate_answered": w.cand.answered, "production_answered": w.prod.answered, "need": need})


def _failing(check: str, w: Window, alpha: float) -> CheckResult | None:
    """The candidate failing requests (errors, or production answering for it) significantly more
    often than production errs: a failure of the check at once, before enough answers arrive."""
    from scipy.stats import fisher_exact

    bad = w.cand.errors + w.failovers
    tried = w.cand.answered + bad
    if tried < FAILING_MIN or bad == 0:
        return None
    _, p = fisher_exact([[bad, tried - bad], [w.prod.errors, w.prod.answered]], alternative="greater")
    if p >= alpha:
        return None
    return CheckResult(check, FAIL, Msg("release.check.failing", candidate=_t(w.candidate), bad=bad, tried=tried,
                                        production=_t(w.production), errors=w.prod.errors, judged=w.prod.answered + w.prod.errors,
                                        p=round(float(p), 4)), {"candidate_failed": bad, "candidate_tried": tried, "p_value": round(float(p), 6)})


def quality(w: Window, stage: Stage, alpha: float | None = None) -> CheckResult:
    from scipy.stats import fisher_exact, ttest_ind

    alpha = stage.alpha if alpha is None else alpha
    if (failing := _failing("quality", w, alpha)) is not None:
        return failing
    if (waiting := _waiting_for_requests("quality", w, stage.min_requests)) is not None:
        return waiting
    c_rated, p_rated = w.cand.thumbs_up + w.cand.thumbs_down, w.prod.thumbs_up + w.prod.thumbs_down
    figures: dict[str, Any] = {"candidate_thumbs_down": w.cand.thumbs_down, "candidate_thumbs": c_rated,
                               "production_thumbs_down": w.prod.thumbs_down, "production_thumbs": p_rated,
                               "candidate_rate": w.cand.thumbs_down_rate, "production_rate": w.prod.thumbs_down_rate}
    if c_rated < stage.min_thumbs or p_rated < stage.min_thumbs:
        parts = [Msg("release.check.missing_thumbs", target=_t(t), have=n, need=stage.min_thumbs)
                 for t, n in ((w.candidate, c_rated), (w.production, p_rated)) if n < stage.min_thumbs]
        return CheckResult("quality", WAITING, Msg("release.check.waiting", parts=parts), figures)
    _, p_value = fisher_exact([[w.cand.thumbs_down, w.cand.thumbs_up], [w.prod.thumbs_down, w.prod.thumbs_up]], alternative="greater")
    figures["p_value"] = round(float(p_value), 5)
    thumbs_ok = p_value >= alpha
    cand_fmt, prod_fmt = w.format_scores.get(w.candidate, []), w.format_scores.get(w.production, [])
    fmt_ok, fmt_msg = True, Msg("release.check.format_not_kept")
    if len(cand_fmt) >= FORMAT_MIN_ANSWERS and len(prod_fmt) >= FORMAT_MIN_ANSWERS:
        c_mean, p_mean = float(np.mean(cand_fmt)), float(np.mean(prod_fmt))
        if np.ptp(cand_fmt) == 0 and np.ptp(prod_fmt) == 0:  # no spread: the t-test is undefined, the means say it all
            f_p = 0.0 if c_mean < p_mean else 1.0
        else:
            f_p = float(ttest_ind(cand_fmt, prod_fmt, equal_var=False, alternative="less").pvalue)
            f_p = 1.0 if f_p != f_p else f_p  # NaN
        fmt_ok = not (f_p < alpha and p_mean - c_mean > FORMAT_DROP)
        figures.update(candidate_format=round(c_mean, 4), production_format=round(p_mean, 4), format_p_value=round(f_p, 5),
                       format_answers=[len(cand_fmt), len(prod_fmt)])
        fmt_msg = Msg("release.check.format", candidate=round(c_mean, 3), production=round(p_mean, 3), n=len(cand_fmt))
    rates = Msg("release.check.thumbs", candidate=_t(w.candidate), production=_t(w.production), c_down=w.cand.thumbs_down, c_n=c_rated,
                p_down=w.prod.thumbs_down, p_n=p_rated, p=round(float(p_value), 4), alpha=round(alpha, 5))
    if thumbs_ok and fmt_ok:
        return CheckResult("quality", PASS, Msg("release.check.quality_pass", thumbs=rates, format=fmt_msg), figures)
    return CheckResult("quality", FAIL, Msg("release.check.quality_fail_thumbs" if not thumbs_ok else "release.check.quality_fail_format",
                                            thumbs=rates, format=fmt_msg), figures)


def latency(w: Window, stage: Stage, alpha: float | None = None) -> CheckResult:
    if (failing := _failing("latency", w, stage.alpha if alpha is None else alpha)) is not None:
        return failing
    if (waiting := _waiting_for_requests("latency", w, stage.min_requests)) is not None:
        return waiting
    alpha = stage.alpha if alpha is None else alpha
    c95, p95 = w.cand.p95_ms or 0.0, w.prod.p95_ms or 0.0
    limit = p95 * (1 + stage.latency_margin)
    figures = {"candidate_p95_ms": round(c95, 1), "production_p95_ms": round(p95, 1), "limit_ms": round(limit, 1),
               "margin": stage.latency_margin}
    msg = Msg("release.check.latency", candidate=_t(w.candidate), production=_t(w.production), c95=round(c95), p95=round(p95),
              limit=round(limit), margin=round(100 * stage.latency_margin))
    if c95 <= limit:
        return CheckResult("latency", PASS, msg, figures)
    # Above the limit: a failure only when it is beyond the noise of two 95th percentiles of a few
    # hundred requests each. Distribution-free bounds from order statistics (the rank of the
    # quantile is binomial): the candidate's lower bound above production's upper bound plus the margin.
    c_low = quantile_bound(w.cand_ms, 0.95, alpha / 2, lower=True)
    p_high = quantile_bound(w.prod_ms, 0.95, alpha / 2, lower=False)
    figures.update(candidate_p95_low_ms=None if c_low is None else round(c_low, 1), production_p95_high_ms=None if p_high is None else round(p_high, 1))
    if c_low is not None and p_high is not None and c_low > p_high * (1 + stage.latency_margin):
        return CheckResult("latency", FAIL, msg, figures)
    return CheckResult("latency", WAITING, Msg("release.check.latency_unclear", detail=msg), figures)


def quantile_bound(values: np.ndarray, q: float, alpha: float, lower: bool) -> float | None:
    """A one-sided (1 - alpha) confidence bound for the ``q`` quantile of the values' distribution,
    from their order statistics; None when there are too few values for one."""
    from scipy.stats import binom

    n = len(values)
    if n == 0:
        return None
    ordered = np.sort(values)
    if lower:
        k = int(binom.ppf(alpha, n, q))  # P(X < k) <= alpha: the k-th smallest (0-based k-1) is below the quantile with 1 - alpha
        return float(ordered[k - 1]) if k >= 1 else None
    k = int(binom.ppf(1 - alpha, n, q)) + 1
    return float(ordered[k - 1]) if k <= n else None


def support_tickets(w: Window, stage: Stage, alpha: float | None = None) -> CheckResult:
    from scipy.stats import binomtest

    alpha = stage.alpha if alpha is None else alpha
    if (waiting := _waiting_for_requests("support_tickets", w, stage.min_requests)) is not None:
        return waiting
    kc, kp, nc, np_ = w.cand.tickets, w.prod.tickets, w.cand.conversations, w.prod.conversations
    k = kc + kp
    p_value = 1.0 if k == 0 else float(binomtest(kc, k, nc / (nc + np_), alternative="greater").pvalue)
    figures = {"candidate_tickets": kc, "production_tickets": kp, "candidate_conversations": nc, "production_conversations": np_,
               "candidate_per_1000": round(1000 * kc / nc, 2), "production_per_1000": round(1000 * kp / np_, 2),
               "p_value": round(p_value, 5)}
    msg = Msg("release.check.tickets", candidate=_t(w.candidate), production=_t(w.production), c=round(1000 * kc / nc, 2),
              p=round(1000 * kp / np_, 2), p_value=round(p_value, 4), alpha=round(alpha, 5))
    return CheckResult("support_tickets", PASS if p_value >= alpha else FAIL, msg, figures)


def final_review(w: Window, stage: Stage, alpha: float | None = None) -> CheckResult:
    valid = [(who, note) for who, note in w.signoffs if who not in (w.trained_by, w.started_by)]
    if valid:
        who, note = valid[-1]
        return CheckResult("final_review", PASS, Msg("release.check.signed", who=who, note=note), {"signed_by": who})
    return CheckResult("final_review", WAITING, Msg("release.check.waiting_signoff", trained_by=w.trained_by, started_by=w.started_by), {})


CHECKS = {"quality": quality, "latency": latency, "support_tickets": support_tickets, "final_review": final_review}


def _format_scores(ws: Workspace, project_id: int, since: datetime, until: datetime, targets: tuple[str, str]) -> dict[str, list[float]]:
    """The automatic format score of each live answer kept as text (the project's policy decides)."""
    from atlas_desktop.core.evaluation.metrics import format_score
    from atlas_desktop.core.evaluation.types import Answer, EvalItem

    out: dict[str, list[float]] = {t: [] for t in targets}
    with ws.unit_of_work() as s:
        rows = s.execute(select(TelemetryEvent.completion_id, TelemetryEvent.target, TelemetryEvent.prompt_text, TelemetryEvent.answer_text)
                         .where(TelemetryEvent.project_id == project_id, TelemetryEvent.at >= since, TelemetryEvent.at < until,
                                TelemetryEvent.target.in_(targets), TelemetryEvent.status == "ok", TelemetryEvent.answer_text.is_not(None))
                         .order_by(TelemetryEvent.at.desc()).limit(20_000)).all()  # the newest answers
    for cid, target, prompt, answer in rows:
        score = format_score(EvalItem(cid, prompt or ""), Answer(cid, answer)).score
        if score is not None:
            out[target].append(float(score))
    return out


def window(ws: Workspace, project: str, project_id: int, release_id: int, stage_index: int, candidate: str, production: str,
           since: datetime, until: datetime, trained_by: str, started_by: str, need_format: bool) -> Window:
    t = monitor.load_telemetry(ws, project, since, until)
    cand = monitor.figures_of(t, t.target == candidate)
    # A failover is the candidate's request answered by production: it counts against the
    # candidate (failing) and not for production (its latency includes the failed attempt).
    failover = (t.target == production) & (t.status == "failover")
    prod = monitor.figures_of(t, (t.target == production) & ~failover)
    failovers = int(failover.sum())
    fmt = _format_scores(ws, project_id, since, until, (candidate, production)) if need_format else {}
    with ws.unit_of_work() as s:
        signoffs = [(who, note) for who, note in s.execute(select(ReleaseEvent.actor, ReleaseEvent.note).where(
            ReleaseEvent.release_id == release_id, ReleaseEvent.kind == "signed", ReleaseEvent.stage == stage_index).order_by(ReleaseEvent.id))]
    answered = np.isin(t.status, list(monitor.ANSWERED_STATUSES))
    return Window(candidate, production, cand, prod, fmt, failovers, signoffs=signoffs, trained_by=trained_by, started_by=started_by,
                  cand_ms=t.total_ms[(t.target == candidate) & answered], prod_ms=t.total_ms[(t.target == production) & ~failover & answered])


def alpha_per_look(stage: Stage, interval: float) -> float:
    """The significance of each evaluation. The checks look at the growing stage every interval,
    about watch / interval times before it can be promoted; testing each look at ``alpha`` would
    roll back a good candidate far more often than ``alpha`` says. Bonferroni over the planned
    looks keeps the chance of any false failure during the watch at most ``alpha`` (conservative:
    the looks share most of their data)."""
    looks = max(1, math.ceil(stage.watch / max(interval, 1e-9)))
    return stage.alpha / looks


def evaluate(w: Window, stage: Stage, interval: float = 30.0) -> list[CheckResult]:
    alpha = alpha_per_look(stage, interval)
    return [CHECKS[name](w, stage, alpha) for name in stage.checks]
