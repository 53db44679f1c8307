"""The launch checklist reflects the real state: each line turns done only after its condition
is met (and `atlas checklist` says the same, in English and Arabic)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from atlas_desktop.core.evaluation import review
from atlas_desktop.core.evaluation.repeat import repeat_evaluation
from atlas_desktop.core.evaluation.runs import list_evaluations
from atlas_desktop.core.release import aliases, controller
from atlas_desktop.core.release.checklist import checklist
from atlas_desktop.core.release.plan import parse_plan
from atlas_desktop.core.serving import drift_settings
from tests.helpers.release import SEED_RELEASE, pass_gate, traffic


def _done(ws, project: str) -> dict[str, bool]:  # noqa: ANN001
    return {line.key: line.done for line in checklist(ws, project)}


def test_each_line_turns_done_only_after_its_condition(evaluated_ws) -> None:  # noqa: ANN001
    ws = evaluated_ws
    project = ws.settings.current_project
    first = _done(ws, project)
    assert first == {"versioning_rollback": False, "telemetry": False, "evaluation_repeatable": False, "human_review": False,
                     "intent_balance": True, "native_answers": True}

    # telemetry: traffic recorded, then the drift thresholds set
    now = datetime.now(timezone.utc)
    traffic(ws, project, now - timedelta(minutes=5), now, {"base": 20}, {"base": 500}, {"base": 0.1})
    assert not _done(ws, project)["telemetry"]
    drift_settings.set_settings(ws, project, {"psi": 0.2})
    assert _done(ws, project)["telemetry"]

    # the evaluation re-run from scratch gives identical answers
    assert not _done(ws, project)["evaluation_repeatable"]
    result = repeat_evaluation(ws, project, "v1")
    assert result.identical and result.items > 0
    assert _done(ws, project)["evaluation_repeatable"]

    # a human review: a reviewer's saved rating, and a plan with a final review
    ev = list_evaluations(ws, project, "v1")[0]
    entry = review.queue(ws, ev.id, "reviewer1")[0]
    scores = {"format": 4, "faithfulness": 4, "task_success": 4}
    review.save_rating(ws, entry.pair_id, review.RatingInput(sides={"A": scores, "B": scores}, verdict="tie"), reviewer="reviewer1")
    assert not _done(ws, project)["human_review"]
    pass_gate(ws, project)
    aliases.set_alias(ws, project, "mx4-atlas-core-v2", "v1")
    controller.start(ws, project, parse_plan(SEED_RELEASE))
    state = _done(ws, project)
    assert state["human_review"] and not state["versioning_rollback"]

    # rollback validated: a drill during this release
    controller.rollback(ws, project, "drill before launch", drill=True)
    controller.resume(ws, project, "drill over")
    assert all(_done(ws, project).values())


def test_the_command_in_both_languages(evaluated_ws) -> None:  # noqa: ANN001
    ws = evaluated_ws
    project = ws.settings.current_project
    base = [sys.executable, "-m", "atlas_desktop.cli", "checklist", "--project", project]
    out = subprocess.run([*base, "--json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["done"] is False and [x["key"] for x in data["lines"]][0] == "versioning_rollback"
    strict = subprocess.run([*base, "--strict"], capture_output=True, text=True)
    assert strict.returncode == 1 and strict.stdout.startswith("[ ] Model versioning and rollback validated: No release yet")
    ar = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "--lang", "ar", "checklist", "--project", project], capture_output=True, text=True)
    assert "ترقيم إصدارات النموذج" in ar.stdout and "[x]" in ar.stdout
