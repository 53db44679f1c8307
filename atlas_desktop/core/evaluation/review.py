"""Blind review of an evaluation's answer pairs.

Each item's two answers are shown as A and B, the sides swapped at random per item when the
evaluation was stored (``review_pair.swapped``); which model wrote which is told only once the
rating is saved. A rating is kept as the reviewer left it (a draft) until it is saved; each
reviewer has one rating per pair, so two reviewers saving the same item at the same moment both
keep theirs. A reviewer sees only their own ratings until they have finished the queue.
A release manager resolves unsafe and inconsistent flags; the gate counts unresolved ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.evaluation.suites import item_from_dict
from atlas_desktop.core.evaluation.types import METRIC_NAMES, Answer, EvalItem, Rating
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import EvalAnswers, Evaluation, ModelVersion, ReviewPair, ReviewRating
from atlas_desktop.core.training.checkpoints import atomic_write_text
from atlas_desktop.core.workspace import Workspace

SIDE_VERDICTS = ("A", "B", "tie", "both_bad")


@dataclass(frozen=True)
class QueueEntry:
    pair_id: int
    item_id: str
    position: int
    calibration: bool
    state: str  # "" (not started), "draft" or "saved": this reviewer's own


@dataclass(frozen=True)
class PairView:
    """What the review pane shows for one pair: never which model wrote which, until saved."""

    pair_id: int
    evaluation_id: int
    position: int
    total: int
    item: EvalItem
    a: Answer
    b: Answer
    calibration: bool
    rating: dict[str, Any] | None  # this reviewer's draft or saved rating, as shown (sides A/B)
    revealed: dict[str, str] | None  # {"A": model name, "B": model name} once saved


@dataclass(frozen=True)
class RatingInput:
    sides: dict[str, dict[str, int]]  # {"A": {metric: 1..5}, "B": {...}}
    verdict: str  # one of SIDE_VERDICTS, or "" in a draft
    unsafe: bool = False
    inconsistent: bool = False
    note: str = ""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _check(r: RatingInput, final: bool) -> None:
    for side in ("A", "B"):
        for m, v in (r.sides.get(side) or {}).items():
            if m not in METRIC_NAMES or isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
                raise ValidationError(Msg("review.bad_score", side=side, metric=m, value=v))
    if r.verdict and r.verdict not in SIDE_VERDICTS:
        raise ValidationError(Msg("review.bad_verdict", verdict=r.verdict))
    if not final:
        return
    missing = [f"{side} {m}" for side in ("A", "B") for m in METRIC_NAMES if m not in (r.sides.get(side) or {})]
    if missing or not r.verdict:
        raise ValidationError(Msg("review.incomplete", missing=", ".join(missing + ([] if r.verdict else ["verdict"]))))
    if (r.unsafe or r.inconsistent) and not r.note.strip():
        raise ValidationError(Msg("review.flag_needs_note"))


def _evaluation(s: Any, evaluation_id: int) -> Evaluation:
    ev = s.get(Evaluation, evaluation_id)
    if ev is None:
        raise NotFoundError(Msg("eval.evaluation_not_found", id=evaluation_id))
    return ev


def queue(ws: Workspace, evaluation_id: int, reviewer: str | None = None) -> list[QueueEntry]:
    reviewer = reviewer or ws.user.login
    with ws.unit_of_work() as s:
        _evaluation(s, evaluation_id)
        states = dict(s.execute(select(ReviewRating.pair_id, ReviewRating.state).join(ReviewPair, ReviewPair.id == ReviewRating.pair_id)
                                .where(ReviewPair.evaluation_id == evaluation_id, ReviewRating.reviewer == reviewer)).all())
        pairs = s.execute(select(ReviewPair).where(ReviewPair.evaluation_id == evaluation_id)
                          .order_by(ReviewPair.calibration.desc(), ReviewPair.position)).scalars()
        return [QueueEntry(p.id, p.item_id, p.position, p.calibration, states.get(p.id, "")) for p in pairs]


def next_pair(entries: list[QueueEntry], after: int | None = None) -> QueueEntry | None:
    """The first pair not yet saved after ``after`` (wrapping round), or None when all are saved."""
    start = next((i + 1 for i, e in enumerate(entries) if e.pair_id == after), 0)
    for e in entries[start:] + entries[:start]:
        if e.state != "saved":
            return e
    return None


def _rating_dict(r: ReviewRating) -> dict[str, Any]:
    return {"sides": dict(r.sides), "verdict": r.verdict, "unsafe": r.unsafe, "inconsistent": r.inconsistent, "note": r.note,
            "state": r.state, "resolved": r.resolved_by is not None}


def _names(s: Any, ev: Evaluation, swapped: bool) -> dict[str, str]:
    cand = s.get(ModelVersion, ev.model_version_id).name
    return {"A": ev.production_name, "B": cand} if swapped else {"A": cand, "B": ev.production_name}


def pair_view(ws: Workspace, pair_id: int, reviewer: str | None = None) -> PairView:
    reviewer = reviewer or ws.user.login
    with ws.unit_of_work() as s:
        p = s.get(ReviewPair, pair_id)
        if p is None:
            raise NotFoundError(Msg("review.pair_not_found", id=pair_id))
        ev = s.get(Evaluation, p.evaluation_id)
        item = next(item_from_dict(d, d.get("id", "")) for d in ev.items if d.get("id") == p.item_id)
        answers = {}
        for side, aid in (("candidate", ev.candidate_answers_id), ("production", ev.production_answers_id)):
            answers[side] = next(Answer(**a) for a in s.get(EvalAnswers, aid).answers if a["item_id"] == p.item_id)
        a, b = (answers["production"], answers["candidate"]) if p.swapped else (answers["candidate"], answers["production"])
        r = s.execute(select(ReviewRating).where(ReviewRating.pair_id == pair_id, ReviewRating.reviewer == reviewer)).scalar_one_or_none()
        total = s.execute(select(func.count()).select_from(ReviewPair).where(ReviewPair.evaluation_id == ev.id)).scalar() or 0
        saved = r is not None and r.state == "saved"
        return PairView(p.id, ev.id, p.position, int(total), item, a, b, p.calibration, _rating_dict(r) if r else None,
                        _names(s, ev, p.swapped) if saved else None)


def _upsert(ws: Workspace, pair_id: int, reviewer: str, r: RatingInput, state: str) -> dict[str, str] | None:
    for attempt in (1, 2):  # a first save racing another of the same reviewer's windows: the loser updates
        try:
            with ws.unit_of_work() as s:
                p = s.get(ReviewPair, pair_id)
                if p is None:
                    raise NotFoundError(Msg("review.pair_not_found", id=pair_id))
                row = s.execute(select(ReviewRating).where(ReviewRating.pair_id == pair_id, ReviewRating.reviewer == reviewer)
                                .with_for_update()).scalar_one_or_none()
                if row is not None and row.state == "saved" and state == "draft":
                    return None  # a saved rating is not turned back into a draft
                if row is None:
                    row = ReviewRating(pair_id=pair_id, reviewer=reviewer, resolution="", created_at=_now())
                    s.add(row)
                row.state, row.sides, row.verdict = state, {k: dict(v) for k, v in r.sides.items()}, r.verdict
                row.unsafe, row.inconsistent, row.note, row.updated_at = bool(r.unsafe), bool(r.inconsistent), r.note, _now()
                if state != "saved":
                    return None
                s.flush()
                ev = s.get(Evaluation, p.evaluation_id)
                audit.append(s, reviewer, "review.rated", "review_rating", row.id,
                             {"evaluation": ev.id, "item": p.item_id, "verdict": _by_model(r.verdict, p.swapped),
                              "unsafe": r.unsafe, "inconsistent": r.inconsistent})
                return _names(s, ev, p.swapped)
        except IntegrityError:
            if attempt == 2:
                raise
    return None


def save_draft(ws: Workspace, pair_id: int, rating: RatingInput, reviewer: str | None = None) -> None:
    _check(rating, final=False)
    _upsert(ws, pair_id, reviewer or ws.user.login, rating, "draft")


def save_rating(ws: Workspace, pair_id: int, rating: RatingInput, reviewer: str | None = None) -> dict[str, str]:
    """Save a finished rating; returns which model was A and which B (the reveal)."""
    _check(rating, final=True)
    names = _upsert(ws, pair_id, reviewer or ws.user.login, rating, "saved")
    assert names is not None
    return names


def _by_model(verdict: str, swapped: bool) -> str:
    if verdict == "A":
        return "production" if swapped else "candidate"
    if verdict == "B":
        return "candidate" if swapped else "production"
    return verdict


def ratings(ws: Workspace, evaluation_id: int, reviewer: str | None = None) -> list[Rating]:
    """Saved ratings by model (sides undone). ``reviewer``: only theirs, unless they have finished
    the queue (a reviewer sees others' ratings only then)."""
    with ws.unit_of_work() as s:
        _evaluation(s, evaluation_id)
        q = (select(ReviewRating, ReviewPair).join(ReviewPair, ReviewPair.id == ReviewRating.pair_id)
             .where(ReviewPair.evaluation_id == evaluation_id, ReviewRating.state == "saved"))
        rows = s.execute(q.order_by(ReviewRating.id)).all()
    if reviewer is not None:
        total = len(queue(ws, evaluation_id, reviewer))
        mine = sum(1 for r, _ in rows if r.reviewer == reviewer)
        if mine < total:
            rows = [(r, p) for r, p in rows if r.reviewer == reviewer]
    out = []
    for r, p in rows:
        a, b = r.sides.get("A", {}), r.sides.get("B", {})
        cand, prod = (b, a) if p.swapped else (a, b)
        out.append(Rating(p.item_id, r.reviewer, dict(cand), dict(prod), _by_model(r.verdict, p.swapped), r.unsafe, r.inconsistent,
                          r.note, r.resolved_by is not None, p.calibration))
    return out


@dataclass(frozen=True)
class Flag:
    rating_id: int
    item_id: str
    reviewer: str
    unsafe: bool
    inconsistent: bool
    note: str
    resolved_by: str | None
    resolution: str


def flags(ws: Workspace, evaluation_id: int) -> list[Flag]:
    with ws.unit_of_work() as s:
        rows = s.execute(select(ReviewRating, ReviewPair.item_id).join(ReviewPair, ReviewPair.id == ReviewRating.pair_id)
                         .where(ReviewPair.evaluation_id == evaluation_id, ReviewRating.state == "saved",
                                (ReviewRating.unsafe.is_(True)) | (ReviewRating.inconsistent.is_(True)))
                         .order_by(ReviewRating.id)).all()
        return [Flag(r.id, item, r.reviewer, r.unsafe, r.inconsistent, r.note, r.resolved_by, r.resolution) for r, item in rows]


def resolve_flag(ws: Workspace, rating_id: int, resolution: str) -> None:
    """A release manager's answer to an unsafe or inconsistent flag (the rating itself stays)."""
    if not resolution.strip():
        raise ValidationError(Msg("review.resolution_needed"))
    with ws.unit_of_work() as s:
        r = s.get(ReviewRating, rating_id, with_for_update=True)
        if r is None or not (r.unsafe or r.inconsistent):
            raise NotFoundError(Msg("review.flag_not_found", id=rating_id))
        r.resolved_by, r.resolved_at, r.resolution = ws.user.login, _now(), resolution.strip()
        audit.append(s, ws.user.login, "review.flag_resolved", "review_rating", r.id, {"resolution": resolution.strip()[:300]})


def quota(ws: Workspace, evaluation_id: int, min_reviewers: int, calibration_reviewers: int) -> tuple[bool, Any]:
    """Whether the review quota is met: every item rated by ``min_reviewers``, the calibration
    set by ``calibration_reviewers``; the reason as a Msg either way."""
    with ws.unit_of_work() as s:
        counts = dict(s.execute(select(ReviewPair.id, func.count(ReviewRating.id))
                                .outerjoin(ReviewRating, (ReviewRating.pair_id == ReviewPair.id) & (ReviewRating.state == "saved"))
                                .where(ReviewPair.evaluation_id == evaluation_id).group_by(ReviewPair.id)).all())
        calib = {pid for (pid,) in s.execute(select(ReviewPair.id).where(ReviewPair.evaluation_id == evaluation_id,
                                                                         ReviewPair.calibration.is_(True)))}
    short = sum(1 for pid, n in counts.items() if n < min_reviewers)
    short_cal = sum(1 for pid in calib if counts.get(pid, 0) < calibration_reviewers)
    if short or short_cal:
        return False, Msg("review.quota_short", items=short, total=len(counts), need=min_reviewers, calibration=short_cal,
                          calibration_total=len(calib), calibration_need=calibration_reviewers)
    return True, Msg("review.quota_met", total=len(counts), need=min_reviewers, calibration_total=len(calib),
                     calibration_need=calibration_reviewers)


def export_ratings(ws: Workspace, project: str, out: Path) -> int:
    """Every saved rating of the project's evaluations as JSONL (by model, with the shown sides)."""
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        rows = s.execute(select(ReviewRating, ReviewPair, Evaluation).join(ReviewPair, ReviewPair.id == ReviewRating.pair_id)
                         .join(Evaluation, Evaluation.id == ReviewPair.evaluation_id)
                         .where(Evaluation.project_id == p.id, ReviewRating.state == "saved").order_by(ReviewRating.id)).all()
        lines = []
        for r, pair, ev in rows:
            mv = s.get(ModelVersion, ev.model_version_id)
            a, b = r.sides.get("A", {}), r.sides.get("B", {})
            cand, prod = (b, a) if pair.swapped else (a, b)
            lines.append({"evaluation": ev.id, "candidate": mv.name, "production": ev.production_name, "item": pair.item_id,
                          "reviewer": r.reviewer, "calibration": pair.calibration, "swapped": pair.swapped,
                          "scores": {"candidate": cand, "production": prod}, "verdict": _by_model(r.verdict, pair.swapped),
                          "unsafe": r.unsafe, "inconsistent": r.inconsistent, "note": r.note, "resolved_by": r.resolved_by,
                          "resolution": r.resolution, "saved_at": r.updated_at.isoformat() if r.updated_at else None})
    try:
        atomic_write_text(out, "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    except OSError as exc:
        raise ValidationError(Msg("eval.suite.unwritable", file=str(out), reason=exc.strerror or str(exc))) from None
    return len(lines)
