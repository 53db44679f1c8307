"""Evaluating a candidate model version against production, from the suite to stored scores.

``run_evaluation`` builds the items (a suite version and the model's dataset holdout), gets both
models' answers (from the cache when the same model, items and decoding were answered before,
else from a child process), scores them with the recipe's metrics, and stores the evaluation and
its blind review pairs in one transaction with its audit event.

Production is the project's model version in production (the release step sets it), or the
candidate's base model until one has been released.
"""

from __future__ import annotations

import hashlib
import os
import random
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from atlas_desktop.core.child import run_child
from atlas_desktop.core.errors import NotFoundError
from atlas_desktop.core.evaluation import settings as eval_settings
from atlas_desktop.core.evaluation.generation import decoding_sha256
from atlas_desktop.core.evaluation.suites import get_suite, holdout_items, item_from_dict, item_to_dict, items_sha256, suite_id
from atlas_desktop.core.evaluation.types import METRIC_NAMES, Answer, EvalItem
from atlas_desktop.core.jobs import CancelToken, Progress, Reporter
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import (
    BaseModelRecord, DatasetVersionRecord, EvalAnswers, EvalSuite, Evaluation, ModelVersion, Project, ReviewPair,
)
from atlas_desktop.core.workspace import Workspace

GENERATE = "atlas_desktop.core.evaluation.generation:generate_job"


@dataclass(frozen=True)
class ModelRef:
    """A model that answers: a base model alone, or a base model and an adapter."""

    key: str  # the cache key: "base:<sha>" or "adapter:<adapter sha>:<base sha>"
    name: str
    base_path: Path
    adapter_path: Path | None


@dataclass(frozen=True)
class EvaluationInfo:
    id: int
    project: str
    model: str
    model_number: int
    suite: str
    items: int
    production: str
    summary: dict[str, dict[str, float | None]]  # side -> metric -> mean score
    statuses: dict[str, dict[str, int]]  # side -> answer status -> count
    out_of_date: list[Any]  # Msg: why it no longer reflects the project (empty: current)
    created_by: str
    created_at: datetime


# ------------------------------------------------------------------ which models
def model_version_row(s: Any, project: str, model: str | int) -> ModelVersion:
    """A model version of the project by number ("3", "v3", 3) or name."""
    p = project_record(s, project)
    text = str(model).strip()
    number = int(text[1:]) if text[:1] in "vV" and text[1:].isdigit() else int(text) if text.isdigit() else None
    q = select(ModelVersion).where(ModelVersion.project_id == p.id)
    q = q.where(ModelVersion.number == number) if number is not None else q.where(ModelVersion.name == text)
    mv = s.execute(q).scalar_one_or_none()
    if mv is None:
        names = [f"v{n} {name}" for n, name in s.execute(select(ModelVersion.number, ModelVersion.name)
                                                          .where(ModelVersion.project_id == p.id).order_by(ModelVersion.number))]
        raise NotFoundError(Msg("eval.model_not_found", model=text, project=project, names=", ".join(names) or "—"),
                            hint=Msg("eval.model_not_found.hint"))
    return mv


def _base(ws: Workspace, s: Any, mv: ModelVersion) -> BaseModelRecord:
    bm = s.get(BaseModelRecord, mv.base_model_id)
    path = ws.paths.home / bm.path
    if not (path / "config.json").is_file():
        raise NotFoundError(Msg("eval.base_missing", base=bm.name, model=mv.name, path=str(path)), hint=Msg("eval.base_missing.hint", base=bm.name))
    return bm


def candidate_ref(ws: Workspace, s: Any, mv: ModelVersion) -> ModelRef:
    bm = _base(ws, s, mv)
    adapter = ws.paths.home / mv.adapter_path
    if not (adapter / "adapter_config.json").is_file():
        raise NotFoundError(Msg("eval.adapter_missing", path=str(adapter)))
    return ModelRef(f"adapter:{mv.adapter_sha256}:{bm.sha256}", mv.name, ws.paths.home / bm.path, adapter)


def production_ref(ws: Workspace, s: Any, mv: ModelVersion) -> ModelRef:
    """The model in production for the candidate's project, or the candidate's base model."""
    live = s.execute(select(ModelVersion).where(ModelVersion.project_id == mv.project_id, ModelVersion.stage == "production",
                                                ModelVersion.id != mv.id).order_by(ModelVersion.number.desc()).limit(1)).scalar_one_or_none()
    if live is not None:
        return candidate_ref(ws, s, live)
    bm = _base(ws, s, mv)
    return ModelRef(f"base:{bm.sha256}", bm.name, ws.paths.home / bm.path, None)


# ------------------------------------------------------------------ answers, cached
def _cached(ws: Workspace, key: str, items_sha: str, dec_sha: str) -> EvalAnswers | None:
    with ws.unit_of_work() as s:
        row = s.execute(select(EvalAnswers).where(EvalAnswers.model_key == key, EvalAnswers.items_sha256 == items_sha,
                                                  EvalAnswers.decoding_sha256 == dec_sha)).scalar_one_or_none()
        if row is not None:
            s.expunge(row)
        return row


def answers_for(ws: Workspace, refs: list[ModelRef], items: list[EvalItem], system_prompt: str, decoding: dict[str, Any],
                report: Reporter, cancel: CancelToken, interactive: bool = False) -> list[tuple[int, list[Answer]]]:
    """Each model's (answers row id, answers in item order): from the cache where the same model,
    items and decoding were answered before, the others from one child process."""
    items_sha, dec_sha = items_sha256(items), decoding_sha256(decoding)
    missing = [r for r in refs if _cached(ws, r.key, items_sha, dec_sha) is None]
    if missing:
        config: dict[str, Any] = {
            "models": [{"model_path": str(r.base_path), "adapter_path": str(r.adapter_path) if r.adapter_path else None, "label": r.name}
                       for r in missing],
            "conversations": [i.messages(system_prompt) for i in items], "decoding": decoding}
        if interactive:  # leave the window a core (see training.runner.execute_run)
            config["cpu_threads"] = max(1, (os.cpu_count() or 2) - 1)
        done = len(refs) - len(missing)

        def relay(p: Progress) -> None:
            report(Progress(done * len(items) + p.step, len(refs) * len(items), p.message, p.metrics))

        value = run_child(GENERATE, config, relay, cancel, log_path=ws.paths.logs / "generation.log")
        for ref, result in zip(missing, value["models"]):
            answers = [{"item_id": i.id, **a} for i, a in zip(items, result["answers"])]
            with ws.unit_of_work() as s:
                again = s.execute(select(EvalAnswers.id).where(EvalAnswers.model_key == ref.key, EvalAnswers.items_sha256 == items_sha,
                                                               EvalAnswers.decoding_sha256 == dec_sha)).scalar_one_or_none()
                if again is None:  # another window may have stored the same answers meanwhile: keep the first
                    s.add(EvalAnswers(model_key=ref.key, items_sha256=items_sha, decoding_sha256=dec_sha, decoding=decoding,
                                      answers=answers, seconds=float(result.get("seconds") or 0.0), created_by=ws.user.login))
    out = []
    for ref in refs:
        row = _cached(ws, ref.key, items_sha, dec_sha)
        assert row is not None
        out.append((row.id, [Answer(**a) for a in row.answers]))
    return out


# ------------------------------------------------------------------ the evaluation
def _basis(s: Any, project_id: int, system_prompt: str) -> dict[str, Any]:
    newest = s.execute(select(func.max(DatasetVersionRecord.number)).where(DatasetVersionRecord.project_id == project_id)).scalar() or 0
    return {"dataset_version": int(newest), "system_prompt_sha256": hashlib.sha256(system_prompt.encode("utf-8")).hexdigest()}


def out_of_date(s: Any, ev: Evaluation) -> list[Any]:
    """Why an evaluation no longer reflects the project (the playbook: evaluate again after
    significant data or product changes): a newer dataset version, a changed system prompt."""
    p = s.get(Project, ev.project_id)
    now = _basis(s, ev.project_id, p.system_prompt or "")
    then = ev.basis or {}
    reasons: list[Any] = []
    if now["dataset_version"] > int(then.get("dataset_version") or 0):
        reasons.append(Msg("eval.stale.dataset", number=now["dataset_version"]))
    if now["system_prompt_sha256"] != then.get("system_prompt_sha256"):
        reasons.append(Msg("eval.stale.system_prompt"))
    return reasons


def score_all(items: list[EvalItem], answers: list[Answer], policy_text: str) -> dict[str, dict[str, Any]]:
    from atlas_desktop.core.evaluation.metrics import score_answer

    out = {}
    for item, answer in zip(items, answers):
        out[item.id] = {name: asdict(m) for name, m in score_answer(item, answer, policy_text).items()}
    return out


def _mean(values: list[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return round(sum(vs) / len(vs), 4) if vs else None


def _info(s: Any, ev: Evaluation) -> EvaluationInfo:
    p = s.get(Project, ev.project_id)
    mv = s.get(ModelVersion, ev.model_version_id)
    suite = s.get(EvalSuite, ev.suite_id)
    summary: dict[str, dict[str, float | None]] = {}
    statuses: dict[str, dict[str, int]] = {}
    for side, answers_id in (("candidate", ev.candidate_answers_id), ("production", ev.production_answers_id)):
        per_item = ev.scores.get(side, {})
        summary[side] = {m: _mean([per_item[i][m]["score"] for i in per_item]) for m in METRIC_NAMES}
        counts: dict[str, int] = {}
        for a in s.get(EvalAnswers, answers_id).answers:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        statuses[side] = counts
    return EvaluationInfo(ev.id, p.name, mv.name, mv.number, f"{suite.name} v{suite.number}", len(ev.items), ev.production_name, summary,
                          statuses, out_of_date(s, ev), ev.created_by, ev.created_at)


def _pairs(ev_id: int, items: list[EvalItem], calibration: int) -> list[ReviewPair]:
    """Blind pairs in a random order, each with its sides swapped at random; the calibration set
    (rated by every reviewer) is a random sample of the suite's items."""
    rng = random.SystemRandom()
    order = list(items)
    rng.shuffle(order)
    targeted = [i.id for i in order if i.source == "suite"] or [i.id for i in order]
    chosen = set(targeted[:calibration])
    return [ReviewPair(evaluation_id=ev_id, item_id=i.id, position=n, swapped=rng.random() < 0.5, calibration=i.id in chosen)
            for n, i in enumerate(order)]


def run_evaluation(ws: Workspace, project: str, model: str | int, suite: str | None = None, suite_number: int | None = None,
                   report: Reporter = lambda p: None, cancel: CancelToken | None = None, interactive: bool = False) -> EvaluationInfo:
    cancel = cancel or CancelToken()
    conf = eval_settings.get_settings(ws, project)
    info, suite_items = get_suite(ws, project, suite, suite_number)
    with ws.unit_of_work() as s:
        mv = model_version_row(s, project, model)
        cand, prod = candidate_ref(ws, s, mv), production_ref(ws, s, mv)
        dv = s.get(DatasetVersionRecord, mv.dataset_version_id)
        p = project_record(s, project)
        system_prompt, policy = p.system_prompt or "", "\n".join([p.system_prompt or "", p.description or ""])
        mv_id, holdout_sha = mv.id, dv.holdout_sha256
    items = suite_items + holdout_items(ws, holdout_sha, conf["holdout_items"])
    n = len(items)

    (cand_id, cand_answers), (prod_id, prod_answers) = answers_for(ws, [cand, prod], items, system_prompt, conf["decoding"], report,
                                                                   cancel, interactive)
    report(Progress(2 * n, 2 * n, Msg("eval.progress.scoring", count=n)))
    scores = {"candidate": score_all(items, cand_answers, policy), "production": score_all(items, prod_answers, policy)}
    sid = suite_id(ws, project, info)
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        ev = Evaluation(project_id=p.id, model_version_id=mv_id, suite_id=sid, items=[item_to_dict(i) for i in items],
                        items_sha256=items_sha256(items), candidate_answers_id=cand_id, production_answers_id=prod_id,
                        production_key=prod.key, production_name=prod.name, scores=scores, basis=_basis(s, p.id, system_prompt),
                        created_by=ws.user.login)
        s.add(ev)
        s.flush()
        s.add_all(_pairs(ev.id, items, conf["calibration_items"]))
        audit.append(s, ws.user.login, "eval.evaluated", "evaluation", ev.id,
                     {"project": project, "model": cand.name, "production": prod.name, "suite": info.label, "items": n,
                      "items_sha256": ev.items_sha256})
        s.flush()
        return _info(s, ev)


# ------------------------------------------------------------------ reading evaluations
def list_evaluations(ws: Workspace, project: str, model: str | int | None = None) -> list[EvaluationInfo]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        q = select(Evaluation).where(Evaluation.project_id == p.id)
        if model is not None:
            q = q.where(Evaluation.model_version_id == model_version_row(s, project, model).id)
        return [_info(s, ev) for ev in s.execute(q.order_by(Evaluation.id.desc())).scalars()]


def latest_evaluation_row(s: Any, project: str, model: str | int) -> Evaluation:
    mv = model_version_row(s, project, model)
    ev = s.execute(select(Evaluation).where(Evaluation.model_version_id == mv.id).order_by(Evaluation.id.desc()).limit(1)).scalar_one_or_none()
    if ev is None:
        raise NotFoundError(Msg("eval.not_evaluated", model=mv.name), hint=Msg("eval.not_evaluated.hint", project=project, model=f"v{mv.number}"))
    return ev


def evaluation_data(ws: Workspace, evaluation_id: int) -> dict[str, Any]:
    """Everything one evaluation holds, as plain values: items, both sides' answers and scores."""
    with ws.unit_of_work() as s:
        ev = s.get(Evaluation, evaluation_id)
        if ev is None:
            raise NotFoundError(Msg("eval.evaluation_not_found", id=evaluation_id))
        items = [item_from_dict(d, d.get("id", "")) for d in ev.items]
        cand = {a["item_id"]: Answer(**a) for a in s.get(EvalAnswers, ev.candidate_answers_id).answers}
        prod = {a["item_id"]: Answer(**a) for a in s.get(EvalAnswers, ev.production_answers_id).answers}
        return {"info": _info(s, ev), "items": items, "answers": {"candidate": cand, "production": prod}, "scores": dict(ev.scores)}
