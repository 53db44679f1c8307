"""The release simulator on 127.0.0.1 drives the real gateway (its release controller inside it)
and fake backends through whole releases of the playbook's plan, verbatim: a good candidate goes
10% -> 50% -> 100% with a second user's final review; a slow one is rolled back automatically
during the 10% stage; one with more thumbs down is rolled back at 50%. No request fails in any of
them, and the audit trail and alias history tell the whole story."""

from __future__ import annotations

import pytest

from atlas_desktop.core.release import aliases
from atlas_desktop.core.release.plan import parse_plan
from atlas_desktop.core.serving import routing
from atlas_desktop.core.storage import audit
from tests.helpers.release import SEED_RELEASE, pass_gate
from tests.helpers.release_sim import simulate

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


@pytest.fixture
def ready(evaluated_ws):  # noqa: ANN001, ANN201
    ws = evaluated_ws
    project = ws.settings.current_project
    pass_gate(ws, project)
    aliases.set_alias(ws, project, "mx4-atlas-core-v2", "v1", "the team's name")
    return ws, project


def test_a_good_candidate_goes_to_100_then_rolls_back_on_demand(ready) -> None:  # noqa: ANN001
    ws, project = ready
    result = simulate(ws, project, parse_plan(SEED_RELEASE), "good", rollback_after=True)
    print(f"good: {result.requests} requests, {result.failed} failed, {result.seconds:.1f} s, stages {result.per_stage_seconds}")
    assert result.failed == 0, result.failures_seen
    kinds = [e.kind for e in result.status.events]
    assert kinds[0] == "started" and kinds.count("promoted") == 2 and "signed" in kinds and "completed" in kinds
    assert kinds[-1] == "rolled_back_after" and result.state == "rolled_back"
    signed = [e for e in result.status.events if e.kind == "signed"][0]
    assert signed.actor == "amal" and signed.stage == 2
    assert routing.get_table(ws, project).production == "base"
    moves = [(m.alias, m.to_number) for m in aliases.history(ws, project)]
    assert moves[-3:] == [("production", 1), ("candidate", None), ("production", 0)]
    with ws.unit_of_work() as s:
        actions = [e.action for e in audit.recent(s, 400)]
    assert {"release.started", "release.promoted", "release.signed", "release.completed", "release.rolled_back_after",
            "models.alias_moved", "serve.routing_changed"} <= set(actions)


@pytest.mark.parametrize(("scenario", "stage", "check"), [("slow", 1, "latency"), ("thumbs_down", 2, "quality")])
def test_a_bad_candidate_is_rolled_back_automatically(ready, scenario: str, stage: int, check: str) -> None:  # noqa: ANN001
    ws, project = ready
    result = simulate(ws, project, parse_plan(SEED_RELEASE), scenario)
    print(f"{scenario}: {result.requests} requests, {result.failed} failed, {result.seconds:.1f} s")
    assert result.failed == 0, result.failures_seen
    assert result.state == "rolled_back" and result.stage_reached == stage
    last = result.status.events[-1]
    assert last.kind == "rolled_back" and last.actor == "controller" and check in last.note
    assert routing.get_table(ws, project).shares() == {"base": 10000}
