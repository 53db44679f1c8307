"""The playbook's launch checklist, computed from the real state (never ticked by hand).

Each line is done or not, with what it looked at and, when not done, what to do:

- ``versioning_rollback``: "model versioning and rollback validated": the release being launched
  (the newest) has a rollback drill on record, and its candidate is a registered version.
- ``telemetry``: "telemetry dashboards configured for key metrics": the gateway has recorded
  answered requests for the project, and its request-drift thresholds have been set (stored in
  the project, not the defaults nobody looked at).
- ``evaluation_repeatable``: "evaluation suite stored and repeatable": a suite version is stored
  and a re-run of the candidate's newest evaluation (``atlas eval repeat``) gave identical answers.
- ``human_review``: the pitfall "skipping a human review loop before rollout": reviewers rated the
  candidate's answers and the release plan ends with a final review by a second person.
- ``intent_balance``: the pitfall "over-fitting to a narrow intent set": no intent holds more than
  half of the candidate's training data.
- ``native_answers``: the pitfall "using translated answers instead of native Arabic": at most 5%
  of the candidate's training conversations were flagged as translated-sounding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from atlas_desktop.core.messages import Msg, to_json
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.serving.monitor import ANSWERED_STATUSES
from atlas_desktop.core.storage.models import (
    AuditEvent, DatasetVersionRecord, EvalSuite, Evaluation, ModelVersion, Release, ReleaseEvent, ReviewPair, ReviewRating, TelemetryEvent,
)
from atlas_desktop.core.workspace import Workspace

INTENT_MAX_SHARE = 0.5
TRANSLATED_MAX_SHARE = 0.05
LINES = ("versioning_rollback", "telemetry", "evaluation_repeatable", "human_review", "intent_balance", "native_answers")


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    done: bool
    detail: Msg  # what was looked at (and, when not done, what to do)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "done": self.done, "title": to_json(Msg(f"checklist.{self.key}")), "detail": to_json(self.detail)}


def _candidate(s: Any, project_id: int) -> tuple[Release | None, ModelVersion | None]:
    r = s.execute(select(Release).where(Release.project_id == project_id).order_by(Release.number.desc()).limit(1)).scalar_one_or_none()
    q = select(ModelVersion).where(ModelVersion.project_id == project_id)
    q = q.where(ModelVersion.number == r.model_number) if r is not None else q.order_by(ModelVersion.number.desc()).limit(1)
    return r, s.execute(q).scalar_one_or_none()


def checklist(ws: Workspace, project: str) -> list[ChecklistLine]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        release, mv = _candidate(s, p.id)
        name = f"v{mv.number}" if mv is not None else "—"
        out: list[ChecklistLine] = []

        # model versioning and rollback
        if release is None:
            out.append(ChecklistLine("versioning_rollback", False, Msg("checklist.no_release")))
        else:
            drill = s.execute(select(ReleaseEvent.at).where(ReleaseEvent.release_id == release.id, ReleaseEvent.kind == "drill")
                              .limit(1)).scalar_one_or_none()
            out.append(ChecklistLine("versioning_rollback", drill is not None,
                                     Msg("checklist.drill_done", number=release.number) if drill is not None
                                     else Msg("checklist.drill_missing", number=release.number)))

        # telemetry
        answered = s.execute(select(func.count(TelemetryEvent.id)).where(TelemetryEvent.project_id == p.id,
                                                                         TelemetryEvent.status.in_(ANSWERED_STATUSES))).scalar_one()
        thresholds = bool((((p.settings or {}).get("serving") or {}).get("drift")))
        out.append(ChecklistLine("telemetry", answered > 0 and thresholds, Msg("checklist.telemetry_state", requests=answered,
                                 thresholds=Msg("checklist.thresholds_set" if thresholds else "checklist.thresholds_default"))))

        # evaluation stored and repeatable
        suites = s.execute(select(func.count(EvalSuite.id)).where(EvalSuite.project_id == p.id)).scalar_one()
        ev = None if mv is None else s.execute(select(Evaluation).where(Evaluation.model_version_id == mv.id)
                                                 .order_by(Evaluation.id.desc()).limit(1)).scalar_one_or_none()
        repeated = None
        if ev is not None:
            for rec in s.execute(select(AuditEvent.details).where(AuditEvent.action == "eval.repeated", AuditEvent.entity_id == str(ev.id))
                                 .order_by(AuditEvent.seq.desc()).limit(1)).scalars():
                repeated = bool(json.loads(rec or "{}").get("identical"))
        if not suites:
            detail = Msg("checklist.no_suite")
        elif ev is None:
            detail = Msg("checklist.not_evaluated", model=name)
        elif repeated is None:
            detail = Msg("checklist.not_repeated", evaluation=ev.id, model=name)
        else:
            detail = Msg("checklist.repeated_same" if repeated else "checklist.repeated_differs", evaluation=ev.id)
        out.append(ChecklistLine("evaluation_repeatable", bool(suites) and repeated is True, detail))

        # a human review before rollout
        ratings = 0 if ev is None else s.execute(select(func.count(ReviewRating.id)).join(ReviewPair, ReviewPair.id == ReviewRating.pair_id)
                                                 .where(ReviewPair.evaluation_id == ev.id, ReviewRating.state == "saved")).scalar_one()
        final = release is not None and any("final_review" in st.get("checks", ()) for st in (release.plan or {}).get("stages", ()))
        out.append(ChecklistLine("human_review", ratings > 0 and final, Msg("checklist.review_state", ratings=ratings, model=name,
                                 final=Msg("checklist.final_in_plan" if final else "checklist.final_missing"))))

        # the training data
        stats = {}
        if mv is not None:
            dv = s.get(DatasetVersionRecord, mv.dataset_version_id)
            stats = dict(dv.stats or {}) if dv is not None else {}
        intents = {k: int(v) for k, v in (stats.get("intents") or {}).items()}
        total = sum(intents.values())
        if total:
            top, n = max(intents.items(), key=lambda kv: kv[1])
            share = n / total
            out.append(ChecklistLine("intent_balance", share <= INTENT_MAX_SHARE and len(intents) > 1,
                                     Msg("checklist.intent_state", intent=top, share=round(100 * share), intents=len(intents))))
        else:
            out.append(ChecklistLine("intent_balance", False, Msg("checklist.no_data", model=name)))
        kept = int(stats.get("kept") or stats.get("train") or 0)
        if kept:
            flagged = int(stats.get("translated_sounding") or 0)
            share = flagged / kept
            out.append(ChecklistLine("native_answers", share <= TRANSLATED_MAX_SHARE,
                                     Msg("checklist.translated_state", flagged=flagged, kept=kept, share=round(100 * share, 1))))
        else:
            out.append(ChecklistLine("native_answers", False, Msg("checklist.no_data", model=name)))
        return out
