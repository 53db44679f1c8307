"""The comparison report of a model version's newest evaluation, and the release gate on it.

The report joins the stored metrics with the reviewers' saved ratings (task success counts the
ratings where there are any); the gate passes only if the review quota is met, no unsafe flag is
unresolved, the win rate's lower bound reaches the project's margin, no intent regresses by more
than the project's tolerance, and the evaluation is not out of date. Each decision is stored with
its reasons (``gate_decision``) and an audit event, for the release step to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from atlas_desktop.core.evaluation import review
from atlas_desktop.core.evaluation import settings as eval_settings
from atlas_desktop.core.evaluation.runs import evaluation_data, latest_evaluation_row, model_version_row
from atlas_desktop.core.evaluation.types import Check, MetricScore
from atlas_desktop.core.messages import Msg, from_json, to_json
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import GateDecision
from atlas_desktop.core.workspace import Workspace


@dataclass(frozen=True)
class GateResult:
    model: str
    evaluation_id: int
    passed: bool
    reasons: list[Any]  # Msg, one per condition
    figures: dict[str, Any]
    decided_by: str
    decided_at: datetime


def _metric(d: dict[str, Any]) -> MetricScore:
    return MetricScore(d["name"], d["score"], tuple(Check(**c) for c in d.get("checks") or ()))


def report_inputs(ws: Workspace, evaluation_id: int) -> dict[str, Any]:
    """Items, both sides' metrics (task success with the reviewers' ratings) and the ratings."""
    from atlas_desktop.core.evaluation.metrics import task_success_score

    data = evaluation_data(ws, evaluation_id)
    ratings = review.ratings(ws, evaluation_id)
    by_item: dict[str, dict[str, list[int]]] = {}
    for r in ratings:
        for side, scores in (("candidate", r.candidate), ("production", r.production)):
            if "task_success" in scores:
                by_item.setdefault(r.item_id, {}).setdefault(side, []).append(int(scores["task_success"]))
    sides: dict[str, dict[str, dict[str, MetricScore]]] = {}
    for side in ("candidate", "production"):
        per = {}
        for item in data["items"]:
            metrics = {name: _metric(m) for name, m in data["scores"][side][item.id].items()}
            rated = by_item.get(item.id, {}).get(side)
            if rated:
                metrics["task_success"] = task_success_score(item, data["answers"][side][item.id], rated)
            per[item.id] = metrics
        sides[side] = per
    return {"info": data["info"], "items": data["items"], "candidate": sides["candidate"], "production": sides["production"],
            "ratings": ratings, "answers": data["answers"]}


def build(ws: Workspace, project: str, model: str | int) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """(report, its inputs, the project's evaluation settings) for the model's newest evaluation."""
    from atlas_desktop.core.evaluation.report import build_report

    with ws.unit_of_work() as s:
        ev_id = latest_evaluation_row(s, project, model).id
    conf = eval_settings.get_settings(ws, project)
    inputs = report_inputs(ws, ev_id)
    info = inputs["info"]
    rep = build_report(inputs["items"], inputs["candidate"], inputs["production"], inputs["ratings"], candidate_name=info.model,
                       production_name=info.production, margin=conf["margin"], tolerance=conf["tolerance"])
    return rep, inputs, conf


def check_gate(ws: Workspace, project: str, model: str | int) -> GateResult:
    from atlas_desktop.core.evaluation.report import gate

    rep, inputs, conf = build(ws, project, model)
    info = inputs["info"]
    quota_ok, quota_reason = review.quota(ws, info.id, conf["min_reviewers_per_item"], conf["calibration_reviewers"])
    decision = gate(rep, quota_ok=quota_ok, quota_reason=quota_reason, margin=conf["margin"], tolerance=conf["tolerance"])
    reasons = list(decision.reasons)
    passed = bool(decision.passed)
    if info.out_of_date:
        passed = False
        reasons += [Msg("eval.gate.out_of_date", reasons=r) for r in info.out_of_date]
    figures = {"quota_met": quota_ok, "margin": conf["margin"], "tolerance": conf["tolerance"], "items": info.items,
               "win_rate": _interval(getattr(rep, "win_rate", None))}
    with ws.unit_of_work() as s:
        mv = model_version_row(s, project, model)
        row = GateDecision(model_version_id=mv.id, evaluation_id=info.id, passed=passed, reasons=[to_json(r) for r in reasons],
                           figures=figures, created_by=ws.user.login)
        s.add(row)
        s.flush()
        audit.append(s, ws.user.login, "eval.gate_checked", "model_version", mv.id,
                     {"model": mv.name, "evaluation": info.id, "passed": passed, "reasons": [str(r) for r in reasons]})
        return GateResult(mv.name, info.id, passed, reasons, figures, row.created_by, row.created_at)


def _interval(iv: Any) -> dict[str, Any] | None:
    if iv is None:
        return None
    return {k: getattr(iv, k) for k in ("estimate", "low", "high", "n_items", "n_ratings") if hasattr(iv, k)}


def latest_decision(ws: Workspace, project: str, model: str | int) -> GateResult | None:
    """The newest stored gate decision of a model version (what the release step reads)."""
    with ws.unit_of_work() as s:
        mv = model_version_row(s, project, model)
        row = s.execute(select(GateDecision).where(GateDecision.model_version_id == mv.id).order_by(GateDecision.id.desc())
                        .limit(1)).scalar_one_or_none()
        if row is None:
            return None
        return GateResult(mv.name, row.evaluation_id, row.passed, [from_json(r) for r in row.reasons], dict(row.figures), row.created_by,
                          row.created_at)
