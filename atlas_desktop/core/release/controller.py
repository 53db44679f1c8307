"""The release controller: start a release, evaluate its stage, promote, pause, roll back.

A release starts only if the candidate's evaluation gate passed. Each stage routes its share of
the traffic to the candidate (core/serving/routing.py: sticky buckets, so a user who met the
candidate at 10% keeps it at 50%). :func:`tick` evaluates the stage's checks over the stage so
far; when every check passes and the stage has been watched long enough it promotes (or, with
``promote: manual``, waits for a click); a check that fails ``max_failures`` evaluations in a row
rolls the release back. The gateway runs :func:`tick` every ``interval`` seconds (two gateways on
one database take turns: a tick younger than half the interval is not repeated), and since all
state is in the database a restarted gateway carries on with the stage where it was.

Every action is one transaction that first locks the project row, so two release managers on
PostgreSQL pressing Promote and Rollback at once are served one after the other; an action that
names the revision it was decided on (the window does) is refused, saying what happened, when the
release changed meanwhile. Finishing the last stage moves ``production`` to the candidate; a
rollback sends all traffic back to production (the previous version) in one revision, and after a
completed release moves ``production`` back. Requests already running finish where they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.messages import Msg, from_json, render, to_json
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.release import aliases, checks
from atlas_desktop.core.release.aliases import CANDIDATE, PRODUCTION, target_name
from atlas_desktop.core.release.plan import ReleasePlan, Stage
from atlas_desktop.core.serving import routing
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import Release, ReleaseEvent
from atlas_desktop.core.workspace import Workspace

ACTIVE = ("running", "paused", "drill")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ReleaseConflict(ValidationError):
    """The release changed between what the user saw and what they pressed."""


@dataclass(frozen=True)
class Event:
    kind: str
    stage: int
    at: datetime
    actor: str
    note: str
    verdict: dict[str, Any]


@dataclass(frozen=True)
class ReleaseStatus:
    project: str
    number: int
    model: str  # "v2"
    model_name: str
    previous: str  # production when it started ("v1", "base")
    plan: ReleasePlan
    state: str  # running, paused, drill, completed, rolled_back
    stage: int
    stage_started_at: datetime
    results: list[checks.CheckResult]
    failures: dict[str, int]
    checked_at: datetime | None
    revision: int
    started_by: str
    started_at: datetime
    finished_at: datetime | None
    events: list[Event]
    shares: dict[str, int]

    @property
    def current(self) -> Stage:
        return self.plan.stages[self.stage]

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    def to_json(self) -> dict[str, Any]:
        return {"project": self.project, "release": self.number, "model": self.model, "model_name": self.model_name,
                "previous": self.previous, "state": self.state, "stage": self.stage + 1, "stages": len(self.plan.stages),
                "traffic": self.current.traffic, "stage_started_at": self.stage_started_at.isoformat(),
                "checks": [r.to_json() for r in self.results], "failures": self.failures, "revision": self.revision,
                "checked_at": self.checked_at.isoformat() if self.checked_at else None, "started_by": self.started_by,
                "started_at": self.started_at.isoformat(), "finished_at": self.finished_at.isoformat() if self.finished_at else None,
                "plan": self.plan.to_dict(), "routing": {t: v / 100 for t, v in self.shares.items()},
                "events": [{"kind": e.kind, "stage": e.stage + 1, "at": e.at.isoformat(), "actor": e.actor, "note": e.note} for e in self.events]}


def _utc(when: datetime | None) -> datetime | None:
    return None if when is None else when if when.tzinfo else when.replace(tzinfo=timezone.utc)


# ------------------------------------------------------------------ reading
def _newest(s: Session, project_id: int, active_only: bool = False) -> Release | None:
    q = select(Release).where(Release.project_id == project_id)
    if active_only:
        q = q.where(Release.state.in_(ACTIVE))
    return s.execute(q.order_by(Release.number.desc()).limit(1)).scalar_one_or_none()


def _status(s: Session, project: str, r: Release) -> ReleaseStatus:
    mv = aliases.version_row(s, r.project_id, r.model_number)
    events = [Event(e.kind, e.stage, _utc(e.at), e.actor, e.note, dict(e.verdict or {})) for e in s.execute(
        select(ReleaseEvent).where(ReleaseEvent.release_id == r.id).order_by(ReleaseEvent.id)).scalars()]
    table = routing.current_table(s, r.project_id)
    return ReleaseStatus(project, r.number, target_name(r.model_number), mv.name, target_name(r.previous_number),
                         ReleasePlan.from_dict(r.plan, r.plan_text), r.state, r.stage, _utc(r.stage_started_at),
                         [checks.CheckResult.from_json(d) for d in (r.verdict or {}).get("checks", [])], dict(r.failures or {}),
                         _utc(r.checked_at), r.revision, r.started_by, _utc(r.started_at), _utc(r.finished_at), events, table.shares())


def status(ws: Workspace, project: str, number: int | None = None) -> ReleaseStatus | None:
    """The newest release of the project (or release ``number``); None before the first."""
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        if number is None:
            r = _newest(s, p.id)
        else:
            r = s.execute(select(Release).where(Release.project_id == p.id, Release.number == number)).scalar_one_or_none()
            if r is None:
                raise NotFoundError(Msg("release.not_found", number=number, project=project))
        return None if r is None else _status(s, project, r)


def releases(ws: Workspace, project: str) -> list[ReleaseStatus]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        return [_status(s, project, r) for r in s.execute(select(Release).where(Release.project_id == p.id).order_by(Release.number.desc())).scalars()]


# ------------------------------------------------------------------ changing
def _event(ws: Workspace, s: Session, r: Release, kind: str, note: str = "", verdict: dict[str, Any] | None = None,
           at: datetime | None = None, actor: str | None = None) -> None:
    s.add(ReleaseEvent(release_id=r.id, at=at or utc_now(), kind=kind, stage=r.stage, verdict=verdict or {}, actor=actor or ws.user.login,
                       note=note))
    audit.append(s, actor or ws.user.login, f"release.{kind}", "release", r.id,
                 {"release": r.number, "model": target_name(r.model_number), "stage": r.stage + 1, "note": note, **(verdict or {})})


def _locked_active(ws: Workspace, s: Session, project: str, expected_revision: int | None) -> tuple[Any, Release]:
    p = lock_project(s, name=project)
    assert p is not None
    r = _newest(s, p.id)
    if r is None or (r.state not in ACTIVE and expected_revision is None):
        raise NotFoundError(Msg("release.none_active", project=project))
    if expected_revision is not None and r.revision != expected_revision:
        last = s.execute(select(ReleaseEvent).where(ReleaseEvent.release_id == r.id, ReleaseEvent.kind.not_in(("checked", "ready")))
                         .order_by(ReleaseEvent.id.desc()).limit(1)).scalar_one()
        raise ReleaseConflict(Msg("release.changed_meanwhile", who=last.actor, what=Msg(f"release.event.{last.kind}"),
                                  when=_utc(last.at).astimezone().strftime("%H:%M:%S")))
    if r.state not in ACTIVE:
        raise NotFoundError(Msg("release.none_active", project=project))
    return p, r


def _route(ws: Workspace, s: Session, project: str, r: Release, percent: int, reason: str, rollback: bool = False) -> None:
    """A routing revision giving the candidate ``percent`` (0: everything to production); the
    release remembers its number, so a change made outside it (the kill switch, `atlas serve
    route`) is noticed and the release paused rather than carried on over traffic it did not set."""
    shares = {target_name(r.model_number): percent * 100} if percent else {}
    table = routing.set_shares_in(ws, s, project, shares, reason, {"release": r.number, **({"rollback": True} if rollback else {})})
    r.routing_number = table.number


def _no_kill_switch(s: Session, project_id: int) -> None:
    if routing.current_table(s, project_id).kill_switch:
        raise ValidationError(Msg("release.kill_switch_on"))


def with_project_defaults(ws: Workspace, project: str, plan: ReleasePlan) -> ReleasePlan:
    """The plan with the project's release settings where the plan set nothing (the latency threshold)."""
    import dataclasses

    from atlas_desktop.core.release import settings as release_settings

    conf = release_settings.get_settings(ws, project)
    stages = tuple(st if "latency_margin" in st.given else dataclasses.replace(st, latency_margin=conf["latency_margin"]) for st in plan.stages)
    return dataclasses.replace(plan, stages=stages)


def check_plan(ws: Workspace, project: str, plan: ReleasePlan) -> tuple[int, str, int]:
    """The plan's model version (number, name) and its passed gate's evaluation, or a refusal that
    names the plan's file and line: an unknown model or alias, no gate decision, a failed gate
    (with the gate's reasons)."""
    from atlas_desktop.core.evaluation.gate import latest_decision

    try:
        with ws.unit_of_work() as s:
            mv = aliases.resolve(s, project, plan.model)
            number, name = mv.number, mv.name
    except NotFoundError as exc:
        raise ValidationError(Msg("release.plan.model_problem", **plan.where(), detail=exc.msg)) from None
    decision = latest_decision(ws, project, number)
    if decision is None:
        raise ValidationError(Msg("release.plan.model_problem", **plan.where(), detail=Msg("release.no_gate", model=name, number=number)))
    if not decision.passed:
        raise ValidationError(Msg("release.plan.model_problem", **plan.where(),
                                  detail=Msg("release.gate_failed", model=name, reasons=decision.reasons)))
    return number, name, decision.evaluation_id


def start(ws: Workspace, project: str, plan: ReleasePlan, clock: Clock = utc_now) -> ReleaseStatus:
    """Start ``plan``: its first stage's share goes to the candidate. Refused unless the
    candidate's newest gate decision passed, or while another release is under way."""
    number, name, gate_evaluation = check_plan(ws, project, plan)
    plan = with_project_defaults(ws, project, plan)
    now = clock()
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        _no_kill_switch(s, p.id)
        active = _newest(s, p.id, active_only=True)
        if active is not None:
            raise ValidationError(Msg("release.already_active", number=active.number, model=target_name(active.model_number),
                                      state=Msg(f"release.state.{active.state}")))
        production = aliases.current(s, p.id, PRODUCTION) or 0
        if production == number:
            raise ValidationError(Msg("release.already_production", model=name))
        n = (s.execute(select(func.max(Release.number)).where(Release.project_id == p.id)).scalar() or 0) + 1
        r = Release(project_id=p.id, number=n, model_number=number, previous_number=production, plan=plan.to_dict(), plan_text=plan.text,
                    plan_sha256=plan.sha256, state="running", stage=0, stage_started_at=now, failures={}, verdict={}, revision=1,
                    started_by=ws.user.login, started_at=now, routing_number=0)
        s.add(r)
        s.flush()
        aliases.move_in(ws, s, p.id, project, CANDIDATE, number, Msg("release.reason.started", number=n), r.id)
        _route(ws, s, project, r, plan.stages[0].traffic, f"release {n}: stage 1 ({plan.stages[0].traffic}%)")
        _event(ws, s, r, "started", plan.model, {"plan_sha256": plan.sha256, "gate_evaluation": gate_evaluation}, at=now)
        s.flush()
        return _status(s, project, r)


def _promote_in(ws: Workspace, s: Session, project: str, r: Release, now: datetime, actor: str | None, note: str) -> None:
    plan = ReleasePlan.from_dict(r.plan)
    if r.stage + 1 < len(plan.stages):
        r.stage += 1
        r.stage_started_at, r.failures, r.verdict, r.checked_at = now, {}, {}, None
        r.revision += 1
        nxt = plan.stages[r.stage]
        _route(ws, s, project, r, nxt.traffic, f"release {r.number}: stage {r.stage + 1} ({nxt.traffic}%)")
        _event(ws, s, r, "promoted", note, {"traffic": nxt.traffic}, at=now, actor=actor)
        return
    # the last stage passed: the candidate becomes production
    aliases.move_in(ws, s, r.project_id, project, PRODUCTION, r.model_number, Msg("release.reason.completed", number=r.number), r.id)
    aliases.move_in(ws, s, r.project_id, project, CANDIDATE, None, Msg("release.reason.completed", number=r.number), r.id)
    _route(ws, s, project, r, 0, f"release {r.number}: {target_name(r.model_number)} is production")
    r.state, r.finished_at = "completed", now
    r.revision += 1
    _event(ws, s, r, "completed", note, {}, at=now, actor=actor)


def _rollback_in(ws: Workspace, s: Session, project: str, r: Release, now: datetime, reason: str, actor: str | None,
                 verdict: dict[str, Any] | None = None, drill: bool = False) -> None:
    _route(ws, s, project, r, 0, f"release {r.number}: {'drill: ' if drill else ''}rolled back to {target_name(r.previous_number)}: {reason}",
           rollback=True)
    r.revision += 1
    if drill:
        r.state = "drill"
        _event(ws, s, r, "drill", reason, verdict, at=now, actor=actor)
        return
    aliases.move_in(ws, s, r.project_id, project, CANDIDATE, None, Msg("release.reason.rolled_back", number=r.number, reason=reason), r.id)
    r.state, r.finished_at = "rolled_back", now
    _event(ws, s, r, "rolled_back", reason, verdict, at=now, actor=actor)


def tick(ws: Workspace, project: str, clock: Clock = utc_now, force: bool = False, time_scale: float = 1.0) -> ReleaseStatus | None:
    """Evaluate the running release's stage; promote or roll back as its plan says. None when no
    release is running, when it was evaluated less than an interval ago (by this gateway or
    another), or when someone acted on it meanwhile. ``time_scale`` (the simulator's) makes watch
    periods and the interval pass that many times faster."""
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        r = _newest(s, p.id, active_only=True)
        if r is None or r.state != "running":
            return None
        plan = ReleasePlan.from_dict(r.plan)
        now = clock()
        if not force and r.checked_at is not None and (now - _utc(r.checked_at)).total_seconds() * time_scale < plan.interval - 0.5:
            return None
        stage = plan.stages[r.stage]
        mv = aliases.version_row(s, p.id, r.model_number)
        seen = (r.id, r.revision, r.checked_at)
        args = (p.id, r.id, r.stage, target_name(r.model_number), target_name(r.previous_number), _utc(r.stage_started_at))
        trained_by, started_by = mv.created_by, r.started_by
    w = checks.window(ws, project, args[0], args[1], args[2], args[3], args[4], args[5], now + timedelta(microseconds=1), trained_by,
                      started_by, "quality" in stage.checks)
    results = checks.evaluate(w, stage, plan.interval)
    with ws.unit_of_work() as s:
        lock_project(s, name=project)
        r = s.get(Release, seen[0])
        if r is None or r.revision != seen[1] or r.checked_at != seen[2] or r.state != "running":
            return None  # someone acted (or another gateway evaluated) meanwhile: the next tick looks again
        table = routing.current_table(s, r.project_id)
        if table.kill_switch or table.number != r.routing_number:
            r.state = "paused"
            r.revision += 1
            why = f"routing revision {table.number} by {table.created_by}" + (" (kill switch)" if table.kill_switch else "") + \
                  (f": {table.reason}" if table.reason else "")
            _event(ws, s, r, "paused", f"routing changed outside the release ({why}); resume to route the stage again", {},
                   at=now, actor="controller")
            s.flush()
            return _status(s, project, r)
        failures = {c.check: (int((r.failures or {}).get(c.check, 0)) + 1 if c.state == checks.FAIL else 0) for c in results}
        before = [(d["check"], d["state"]) for d in (r.verdict or {}).get("checks", [])]
        verdict = {"checks": [c.to_json() for c in results], "at": now.isoformat()}
        r.failures, r.verdict, r.checked_at = failures, verdict, now
        if before != [(c.check, c.state) for c in results]:
            _event(ws, s, r, "checked", "", {"checks": {c.check: c.state for c in results}}, at=now, actor="controller")
        failed = [c for c in results if failures[c.check] >= stage.max_failures]
        watched = (now - _utc(r.stage_started_at)).total_seconds() * time_scale >= stage.watch
        if failed:
            reason = "; ".join(f"{c.check}: {render(c.reason, 'en')}" for c in failed)
            _rollback_in(ws, s, project, r, now, reason, "controller", {"failed": [c.check for c in failed]})
        elif all(c.state == checks.PASS for c in results) and watched:
            if stage.promote == "auto":
                _promote_in(ws, s, project, r, now, "controller", "every check passed")
            elif not any(e for e in s.execute(select(ReleaseEvent.id).where(ReleaseEvent.release_id == r.id, ReleaseEvent.kind == "ready",
                                                                             ReleaseEvent.stage == r.stage))):
                _event(ws, s, r, "ready", "", {}, at=now, actor="controller")
        s.flush()
        return _status(s, project, r)


def promote(ws: Workspace, project: str, expected_revision: int | None = None, note: str = "", clock: Clock = utc_now) -> ReleaseStatus:
    """Promote on a click: only when every check of the stage passes as last evaluated."""
    with ws.unit_of_work() as s:
        _p, r = _locked_active(ws, s, project, expected_revision)
        if r.state != "running":
            raise ValidationError(Msg("release.not_running", state=Msg(f"release.state.{r.state}")))
        _no_kill_switch(s, r.project_id)
        plan = ReleasePlan.from_dict(r.plan)
        now = clock()
        watched = (now - _utc(r.stage_started_at)).total_seconds()
        if watched < plan.stages[r.stage].watch:
            raise ValidationError(Msg("release.not_watched", stage=r.stage + 1, minutes=int(watched // 60),
                                      watch=round(plan.stages[r.stage].watch / 60)))
        results = [checks.CheckResult.from_json(d) for d in (r.verdict or {}).get("checks", [])]
        pending = [c for c in results if c.state != checks.PASS] or ([] if results or not plan.stages[r.stage].checks else [None])
        if pending:
            raise ValidationError(Msg("release.not_ready", stage=r.stage + 1, checks=[
                Msg("release.check.named", check=c.check, state=Msg(f"release.check.state.{c.state}")) for c in pending if c is not None]
                or [Msg("release.check.not_evaluated")]))
        _promote_in(ws, s, project, r, now, None, note)
        s.flush()
        return _status(s, project, r)


def pause(ws: Workspace, project: str, reason: str = "", expected_revision: int | None = None) -> ReleaseStatus:
    """Hold the stage where it is (routing unchanged; no automatic promotion or rollback)."""
    with ws.unit_of_work() as s:
        _p, r = _locked_active(ws, s, project, expected_revision)
        if r.state != "running":
            raise ValidationError(Msg("release.not_running", state=Msg(f"release.state.{r.state}")))
        r.state = "paused"
        r.revision += 1
        _event(ws, s, r, "paused", reason)
        s.flush()
        return _status(s, project, r)


def resume(ws: Workspace, project: str, reason: str = "", expected_revision: int | None = None, clock: Clock = utc_now) -> ReleaseStatus:
    """Carry on after a pause, or after a rollback drill (the stage's share goes back to the candidate)."""
    with ws.unit_of_work() as s:
        _p, r = _locked_active(ws, s, project, expected_revision)
        if r.state == "running":
            raise ValidationError(Msg("release.already_running"))
        _no_kill_switch(s, r.project_id)
        stage = ReleasePlan.from_dict(r.plan).stages[r.stage]
        if r.state == "drill":
            _route(ws, s, project, r, stage.traffic, f"release {r.number}: drill over, stage {r.stage + 1} ({stage.traffic}%) again")
            r.stage_started_at = clock()  # the stage is watched afresh
        elif routing.current_table(s, r.project_id).number != r.routing_number:
            _route(ws, s, project, r, stage.traffic, f"release {r.number}: resumed, stage {r.stage + 1} ({stage.traffic}%) again")
        r.failures, r.verdict, r.checked_at = {}, {}, None  # a verdict from before the pause is not acted on
        kind = "drill_resumed" if r.state == "drill" else "resumed"
        r.state = "running"
        r.revision += 1
        _event(ws, s, r, kind, reason)
        s.flush()
        return _status(s, project, r)


def rollback(ws: Workspace, project: str, reason: str, expected_revision: int | None = None, drill: bool = False,
             clock: Clock = utc_now) -> ReleaseStatus | aliases.Move:
    """All traffic back to the previous production version in one transaction. During a release
    it ends the release (or, as a drill, holds it until :func:`resume`); after a completed one it
    moves ``production`` back to the version before it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(Msg("release.reason_needed"))
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        r = _newest(s, p.id)
        if expected_revision is not None and r is not None and r.revision != expected_revision:
            _locked_active(ws, s, project, expected_revision)  # raises the conflict, saying what happened
        if r is not None and r.state in ACTIVE:
            if drill and r.state == "drill":
                raise ValidationError(Msg("release.drill_already"))
            _rollback_in(ws, s, project, r, clock(), reason, None, drill=drill)
            s.flush()
            return _status(s, project, r)
        if drill:
            raise NotFoundError(Msg("release.none_active", project=project))
        production = aliases.current(s, p.id, PRODUCTION) or 0
        done = s.execute(select(Release).where(Release.project_id == p.id, Release.state == "completed",
                                               Release.model_number == production).order_by(Release.number.desc()).limit(1)).scalar_one_or_none()
        if done is None:
            raise NotFoundError(Msg("release.no_previous", project=project, production=target_name(production)))
        aliases.move_in(ws, s, p.id, project, PRODUCTION, done.previous_number, Msg("release.reason.rollback_of", number=done.number, reason=reason), done.id)
        _route(ws, s, project, done, 0, f"rollback of release {done.number} to {target_name(done.previous_number)}: {reason}", rollback=True)
        done.revision += 1
        done.state = "rolled_back"  # the release's outcome: its version no longer serves
        _event(ws, s, done, "rolled_back_after", reason, {"to": target_name(done.previous_number)})
        s.flush()
        return _status(s, project, done)


def sign(ws: Workspace, project: str, note: str, expected_revision: int | None = None) -> ReleaseStatus:
    """The final review's sign-off: a release manager who neither trained the candidate nor
    started the release, with a note."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(Msg("release.signoff_note_needed"))
    if "release_manager" not in ws.user.roles:
        raise ValidationError(Msg("release.signoff_role", user=ws.user.login))
    with ws.unit_of_work() as s:
        p, r = _locked_active(ws, s, project, expected_revision)
        stage = ReleasePlan.from_dict(r.plan).stages[r.stage]
        if "final_review" not in stage.checks:
            later = [i + 1 for i, st in enumerate(ReleasePlan.from_dict(r.plan).stages) if "final_review" in st.checks]
            raise ValidationError(Msg("release.signoff_not_now", stage=r.stage + 1, stages=later or ["—"]))
        mv = aliases.version_row(s, p.id, r.model_number)
        if ws.user.login in (mv.created_by, r.started_by):
            raise ValidationError(Msg("release.four_eyes", user=ws.user.login,
                                      role=Msg("release.four_eyes.trained" if ws.user.login == mv.created_by else "release.four_eyes.started")))
        r.revision += 1
        _event(ws, s, r, "signed", note)
        s.flush()
        return _status(s, project, r)


def messages_of(results: list[checks.CheckResult]) -> list[Msg]:
    return [Msg("release.check.named", check=c.check, state=Msg(f"release.check.state.{c.state}")) for c in results]


__all__ = ["ReleaseConflict", "ReleaseStatus", "pause", "promote", "releases", "resume", "rollback", "sign", "start", "status", "tick",
           "from_json", "to_json"]
