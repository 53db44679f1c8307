"""The playbook's release plan, verbatim, through the release simulator on the demo workspace.

    .venv/bin/python bench/release_simulator.py [--home DIR] [--scenario good|slow|thumbs_down] [--speed 600]

On the data folder given (default: the demo workspace, ~/.local/share/AtlasDesktop, made by the
README's first command) it names model v1 ``mx4-atlas-core-v2`` (the playbook's alias), records a
gate decision for the rehearsal if v1 has no passed one (``created_by: release-simulator``, its
reason saying so: the demo's evaluation has no reviewers' ratings, so the real gate cannot pass),
and runs tests/helpers/release_sim.py: the real gateway with the release controller inside it,
fake backends for v1 and the base model (processes of their own), 12 client threads as 2,000 users with thumbs and tickets.
Watch periods and the interval pass ``--speed`` times faster; everything else is a real release.
After a good release reaches 100% it rolls back on demand. Prints the figures and saves
bench/results/release_simulator_<scenario>.json. It writes synthetic telemetry into that data
folder (client "simulator"): run it on the demo workspace or a copy, not on a real project.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from startup import machine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", help="the data folder (default: the demo workspace)")
    ap.add_argument("--scenario", default="good", choices=("good", "slow", "thumbs_down"))
    ap.add_argument("--speed", type=float, default=600.0)
    args = ap.parse_args()
    if args.home:
        os.environ["ATLAS_HOME"] = args.home
    os.environ.setdefault("ATLAS_USER", "release-simulator")

    from sqlalchemy import select

    from atlas_desktop.core.evaluation.gate import latest_decision
    from atlas_desktop.core.messages import Msg, to_json
    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.release import aliases
    from atlas_desktop.core.release.plan import parse_plan
    from atlas_desktop.core.storage.models import Evaluation, GateDecision, ModelVersion
    from atlas_desktop.core.workspace import Workspace
    from tests.helpers.release import SEED_RELEASE
    from tests.helpers.release_sim import simulate

    ws = Workspace.open()
    project = ws.settings.current_project
    decision = latest_decision(ws, project, 1)
    if decision is None or not decision.passed:
        with ws.unit_of_work() as s:
            p = project_record(s, project)
            mv = s.execute(select(ModelVersion).where(ModelVersion.project_id == p.id, ModelVersion.number == 1)).scalar_one()
            ev = s.execute(select(Evaluation.id).where(Evaluation.model_version_id == mv.id).order_by(Evaluation.id.desc())).scalars().first()
            s.add(GateDecision(model_version_id=mv.id, evaluation_id=ev, passed=True, reasons=[to_json(Msg("release.sim.gate"))], figures={},
                               created_by="release-simulator"))
        print("Recorded a gate decision for the rehearsal (v1 had no passed one).")
    with ws.unit_of_work() as s:
        named = aliases.aliases_of(s, project_record(s, project).id).get("mx4-atlas-core-v2")
    if named != 1:
        aliases.set_alias(ws, project, "mx4-atlas-core-v2", "v1", "the playbook's name, for the release rehearsal")
    result = simulate(ws, project, parse_plan(SEED_RELEASE), args.scenario, speed=args.speed, rollback_after=args.scenario == "good")
    st = result.status
    out = {"bench": "release_simulator", "scenario": args.scenario, "date": time.strftime("%Y-%m-%d"), "machine": machine(),
           "home": str(ws.paths.home), "release": st.number, "final_state": result.state, "stage_reached": result.stage_reached,
           "requests": result.requests, "failed_requests": result.failed, "seconds": round(result.seconds, 1),
           "seconds_per_stage": result.per_stage_seconds, "speed": args.speed,
           "events": [f"{e.kind}@{e.stage + 1} by {e.actor}: {e.note}" for e in st.events if e.kind != "checked"]}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"release_simulator_{args.scenario}.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n",
                                                                               encoding="utf-8")


if __name__ == "__main__":
    main()
