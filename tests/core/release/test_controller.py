"""Whole releases on a workspace with model v1 evaluated: the playbook's plan verbatim, driven
by a clock and by traffic written into telemetry over each stage: a good candidate goes
10% -> 50% -> 100% with a second release manager's sign-off; a slow one is rolled back at 10%;
one with more thumbs down at 50%. The alias history, routing and audit trail tell the story."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.release import aliases, controller
from atlas_desktop.core.release.plan import parse_plan
from atlas_desktop.core.serving import routing
from tests.helpers.release import SEED_RELEASE, Clock, as_user, pass_gate, traffic

T0 = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)



@pytest.fixture
def ready(evaluated_ws):  # noqa: ANN001, ANN201
    ws = evaluated_ws
    project = ws.settings.current_project
    pass_gate(ws, project)
    aliases.set_alias(ws, project, "mx4-atlas-core-v2", "v1", "the team's name for the first tuned version")
    return ws, project


def _stage(ws, project, clock: Clock, minutes: int, cand_ms: float = 800, down: float = 0.1, cand_down: float | None = None,  # noqa: ANN001
           tickets: dict[str, float] | None = None, seed: int = 1, n: int = 260) -> None:
    since = clock.at
    clock.at = since + timedelta(minutes=minutes)
    traffic(ws, project, since, clock.at, {"v1": n, "base": n}, {"v1": cand_ms, "base": 800}, {"v1": down if cand_down is None else cand_down, "base": down},
            tickets=tickets, seed=seed)


def test_a_good_candidate_goes_to_100_with_a_second_managers_signoff(ready) -> None:  # noqa: ANN001
    ws, project = ready
    clock = Clock(T0)
    st = controller.start(ws, project, parse_plan(SEED_RELEASE), clock=clock)
    assert (st.model, st.previous, st.state, st.stage, st.current.traffic) == ("v1", "base", "running", 0, 10)
    assert routing.get_table(ws, project).shares() == {"base": 9000, "v1": 1000}

    # too early: waiting, with how much is missing
    clock.at = T0 + timedelta(minutes=1)
    st = controller.tick(ws, project, clock=clock)
    assert [c.state for c in st.results] == ["waiting", "waiting"] and st.stage == 0
    assert "v1: 0 of 200 answered requests" in str(st.results[0].reason)

    _stage(ws, project, clock, 40)
    st = controller.tick(ws, project, clock=clock)
    checked = [e for e in st.events if e.kind == "checked"][-1]
    assert checked.verdict["checks"] == {"quality": "pass", "latency": "pass"} and st.events[-1].kind == "promoted"
    assert st.stage == 1 and routing.get_table(ws, project).shares() == {"base": 5000, "v1": 5000}

    _stage(ws, project, clock, 40, seed=2, tickets={"v1": 0.01, "base": 0.01})
    st = controller.tick(ws, project, clock=clock)
    assert st.stage == 2 and routing.get_table(ws, project).shares() == {"v1": 10000}

    # the final review: not by the one who trained it and started the release
    clock.at += timedelta(minutes=31)
    st = controller.tick(ws, project, clock=clock)
    assert st.stage == 2 and st.results[0].state == "waiting" and "tester, who trained it" in str(st.results[0].reason)
    with pytest.raises(ValidationError, match="another release manager must sign"):
        controller.sign(ws, project, "looked at the answers")
    with pytest.raises(ValidationError, match="not a release manager"):
        controller.sign(as_user(ws, "omar", ("analyst",)), project, "fine by me")
    amal = as_user(ws, "amal")
    controller.sign(amal, project, "reviewed 40 answers in the review pane; tone and format right")
    st = controller.tick(ws, project, clock=clock, force=True)
    assert st.state == "completed" and st.finished_at == clock.at
    assert routing.get_table(ws, project).production == "v1" and routing.get_table(ws, project).shares() == {"v1": 10000}

    # the registry's history: who moved which alias, when and why; what served at any time
    moves = [(m.alias, aliases.target_name(m.from_number) if m.from_number is not None else None,
              aliases.target_name(m.to_number) if m.to_number is not None else None) for m in aliases.history(ws, project)]
    assert moves == [("mx4-atlas-core-v2", None, "v1"), ("candidate", None, "v1"), ("production", "base", "v1"), ("candidate", "v1", None)]
    assert aliases.serving_at(ws, project, T0 - timedelta(minutes=1)).production == 0
    during = aliases.serving_at(ws, project, datetime.now(timezone.utc))
    assert during.production == 1 and during.shares == {"v1": 10000}
    kinds = [e.kind for e in st.events]
    assert kinds[0] == "started" and kinds.count("promoted") == 2 and "signed" in kinds and kinds[-1] == "completed"

    # rollback in one step after completion: production back to the base model
    controller.rollback(ws, project, "complaints from the branches")
    table = routing.get_table(ws, project)
    assert table.production == "base" and table.shares() == {"base": 10000}
    with pytest.raises(NotFoundError, match="no previous production version"):
        controller.rollback(ws, project, "again")


def test_a_slow_candidate_is_rolled_back_during_the_10_percent_stage(ready) -> None:  # noqa: ANN001
    ws, project = ready
    clock = Clock(T0)
    controller.start(ws, project, parse_plan(SEED_RELEASE), clock=clock)
    _stage(ws, project, clock, 10, cand_ms=1400)
    st = controller.tick(ws, project, clock=clock)
    latency = {c.check: c for c in st.results}["latency"]
    assert latency.state == "fail" and st.state == "running" and st.failures["latency"] == 1
    assert "limit" in str(latency.reason)
    clock.at += timedelta(seconds=30)
    st = controller.tick(ws, project, clock=clock)
    assert st.state == "rolled_back" and routing.get_table(ws, project).shares() == {"base": 10000}
    assert st.events[-1].kind == "rolled_back" and "latency" in st.events[-1].note and st.events[-1].actor == "controller"
    assert aliases.history(ws, project, "candidate")[-1].to_number is None


def test_more_thumbs_down_is_rolled_back_at_50_percent(ready) -> None:  # noqa: ANN001
    ws, project = ready
    clock = Clock(T0)
    controller.start(ws, project, parse_plan(SEED_RELEASE), clock=clock)
    _stage(ws, project, clock, 40)
    assert controller.tick(ws, project, clock=clock).stage == 1
    _stage(ws, project, clock, 10, cand_down=0.45, seed=3, n=400)
    st = controller.tick(ws, project, clock=clock)
    quality = {c.check: c for c in st.results}["quality"]
    assert quality.state == "fail" and quality.figures["p_value"] < 0.05
    clock.at += timedelta(seconds=30)
    st = controller.tick(ws, project, clock=clock)
    assert st.state == "rolled_back" and st.stage == 1 and routing.get_table(ws, project).shares() == {"base": 10000}


def test_refusals_said_plainly(ready) -> None:  # noqa: ANN001
    ws, project = ready
    with pytest.raises(NotFoundError, match="no previous production version to roll back to"):
        controller.rollback(ws, project, "nothing to roll back")
    pass_gate(ws, project, passed=False)
    with pytest.raises(ValidationError, match="did not pass its evaluation gate"):
        controller.start(ws, project, parse_plan(SEED_RELEASE))
    pass_gate(ws, project, passed=True)
    with pytest.raises(ValidationError, match='release.yaml, line 2: "mx4-atlas-core-v9" is neither a model version nor an alias'):
        controller.start(ws, project, parse_plan(SEED_RELEASE.replace("v2", "v9")))
    st = controller.start(ws, project, parse_plan(SEED_RELEASE))
    with pytest.raises(ValidationError, match="finish it or roll it back"):
        controller.start(ws, project, parse_plan(SEED_RELEASE))
    with pytest.raises(ValidationError, match="Stage 1 has been watched for 0 of its 30 minutes"):
        controller.promote(ws, project)
    # two managers at once: the second, acting on what they saw, is told what changed
    seen = st.revision
    controller.pause(as_user(ws, "amal"), project, "holiday traffic", expected_revision=seen)
    with pytest.raises(controller.ReleaseConflict, match="amal paused it"):
        controller.rollback(ws, project, "latency", expected_revision=seen)
    with pytest.raises(ValidationError, match="Say why"):
        controller.rollback(ws, project, "  ")


def test_a_rollback_drill_then_the_release_resumes(ready) -> None:  # noqa: ANN001
    ws, project = ready
    clock = Clock(T0)
    controller.start(ws, project, parse_plan(SEED_RELEASE), clock=clock)
    st = controller.rollback(ws, project, "quarterly drill", drill=True, clock=clock)
    assert st.state == "drill" and routing.get_table(ws, project).shares() == {"base": 10000}
    assert controller.tick(ws, project, clock=clock) is None  # nothing promotes during a drill
    st = controller.resume(ws, project, "drill over", clock=clock)
    assert st.state == "running" and routing.get_table(ws, project).shares() == {"base": 9000, "v1": 1000}
    assert [e.kind for e in st.events][-2:] == ["drill", "drill_resumed"]


def test_routing_changed_outside_the_release_pauses_it_and_failovers_count_against_the_candidate(ready) -> None:  # noqa: ANN001
    from sqlalchemy import insert

    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.storage.models import TelemetryEvent

    ws, project = ready
    clock = Clock(T0)
    controller.start(ws, project, parse_plan(SEED_RELEASE), clock=clock)
    # the candidate's backend is down: its requests are answered by production (failover)
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        s.execute(insert(TelemetryEvent), [{"at": T0 + timedelta(seconds=10 + i), "project_id": pid, "completion_id": f"f{i}", "target": "base",
                                            "routing_number": 1, "bucket": i, "assigned_by": "user", "client": "app", "status": "failover",
                                            "stream": False, "first_token_ms": None, "total_ms": 5000.0, "tokens_in": 5, "tokens_out": 5,
                                            "features": {}, "prompt_text": None, "answer_text": None, "gateway": "t", "detail": '{"routed": "v1"}'}
                                           for i in range(30)])
    _stage(ws, project, clock, 5, n=100)
    st = controller.tick(ws, project, clock=clock)
    latency = {c.check: c for c in st.results}["latency"]
    assert latency.state == "fail" and latency.figures["candidate_failed"] == 30
    assert "production answered them instead" in str(latency.reason)

    # the kill switch pulled by hand during the release: the next evaluation pauses the release
    routing.kill_switch(ws, project, "an operator saw errors")
    clock.at += timedelta(seconds=31)
    st = controller.tick(ws, project, clock=clock)
    assert st.state == "paused" and "kill switch" in st.events[-1].note and routing.get_table(ws, project).kill_switch
    with pytest.raises(ValidationError, match="The kill switch is on"):
        controller.resume(ws, project, "go on")


def test_the_projects_latency_threshold_applies_where_the_plan_sets_none(ready) -> None:  # noqa: ANN001
    from atlas_desktop.core.release import settings as release_settings

    ws, project = ready
    assert release_settings.get_settings(ws, project) == {"latency_margin": 0.2}
    release_settings.set_settings(ws, project, {"latency_margin": 0.35})
    with pytest.raises(ValidationError, match='Unknown release setting "speed"'):
        release_settings.set_settings(ws, project, {"speed": 1})
    st = controller.start(ws, project, parse_plan(SEED_RELEASE))
    assert [s.latency_margin for s in st.plan.stages] == [0.35, 0.35, 0.35]
    controller.rollback(ws, project, "next plan")
    own = SEED_RELEASE.replace("checks: [\"quality\", \"latency\"]", "checks: [\"quality\", \"latency\"]\nlatency_margin: 0.1")
    st = controller.start(ws, project, parse_plan(own))
    assert [s.latency_margin for s in st.plan.stages] == [0.1, 0.35, 0.35]
