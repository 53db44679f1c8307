"""Bad moments in a release: two release managers pressing Promote and Rollback at the same
moment on PostgreSQL (one wins, the other is told what happened); the gateway killed in the
middle of a stage (the next one carries on with the stage, routing unchanged)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from atlas_desktop.core.release import controller
from atlas_desktop.core.release.plan import parse_plan
from atlas_desktop.core.serving import routing
from tests.helpers.release import SEED_RELEASE, as_user, pass_gate, traffic

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
ROOT = Path(__file__).resolve().parents[3]

MANUAL = """release:
  model: v1
  stages:
    - traffic: 10%
      checks: []
      watch: 0
      promote: manual
    - traffic: 100%
      checks: [final_review]
"""


def _minimal_gate(ws, project: str) -> None:  # noqa: ANN001
    """A suite, answers, an evaluation and a passed gate decision for v1 (rows only: the gate's
    own logic is tested in tests/core/evaluation)."""
    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.storage.models import EvalAnswers, EvalSuite, Evaluation, GateDecision, ModelVersion

    with ws.unit_of_work() as s:
        p = project_record(s, project)
        mv = s.query(ModelVersion).filter_by(project_id=p.id, number=1).one()
        suite = EvalSuite(project_id=p.id, name="s", number=1, sha256="s" * 64, items=[], item_count=0, created_by="tester")
        a = EvalAnswers(model_key="k1", items_sha256="i" * 64, decoding_sha256="d" * 64, decoding={}, answers=[], created_by="tester")
        b = EvalAnswers(model_key="k2", items_sha256="i" * 64, decoding_sha256="d" * 64, decoding={}, answers=[], created_by="tester")
        s.add_all([suite, a, b])
        s.flush()
        ev = Evaluation(project_id=p.id, model_version_id=mv.id, suite_id=suite.id, items=[], items_sha256="i" * 64, candidate_answers_id=a.id,
                        production_answers_id=b.id, production_key="k2", production_name="base", scores={}, basis={}, created_by="tester")
        s.add(ev)
        s.flush()
        s.add(GateDecision(model_version_id=mv.id, evaluation_id=ev.id, passed=True, reasons=[], figures={}, created_by="tester"))


def test_promote_and_rollback_at_the_same_moment_on_postgresql(postgres_url: str) -> None:
    from atlas_desktop.core.workspace import Workspace
    from tests.core.serving.conftest import make_project

    ws = Workspace.open(database_url=postgres_url)
    project = make_project(ws, "bank-release", versions=1)
    _minimal_gate(ws, project)
    st = controller.start(ws, project, parse_plan(MANUAL))
    seen = st.revision
    amal = as_user(Workspace.open(database_url=postgres_url), "amal")  # a second manager, her own connections
    outcomes: dict[str, object] = {}
    gate = threading.Barrier(2)

    def press(name: str, fn) -> None:  # noqa: ANN001
        gate.wait()
        try:
            outcomes[name] = fn()
        except Exception as exc:  # noqa: BLE001 - what the loser is told
            outcomes[name] = exc

    threads = [threading.Thread(target=press, args=("promote", lambda: controller.promote(ws, project, expected_revision=seen))),
               threading.Thread(target=press, args=("rollback", lambda: controller.rollback(amal, project, "latency", expected_revision=seen)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    lost = [k for k, v in outcomes.items() if isinstance(v, controller.ReleaseConflict)]
    won = [k for k, v in outcomes.items() if isinstance(v, controller.ReleaseStatus)]
    assert len(lost) == 1 and len(won) == 1, outcomes
    told = str(outcomes[lost[0]])
    assert told.startswith("The release changed while you were deciding: ") and ("promoted it" in told or "rolled it back" in told)
    final = controller.status(ws, project)
    if won == ["promote"]:
        assert final.state == "running" and final.stage == 1 and routing.get_table(ws, project).shares() == {"v1": 10000}
    else:
        assert final.state == "rolled_back" and routing.get_table(ws, project).shares() == {"base": 10000}
    ws.close()
    amal.close()


def test_a_gateway_killed_mid_stage_is_followed_by_the_next(evaluated_ws, tmp_path: Path) -> None:  # noqa: ANN001
    ws = evaluated_ws
    project = ws.settings.current_project
    pass_gate(ws, project)
    plan = parse_plan(SEED_RELEASE.replace("model: mx4-atlas-core-v2", "model: v1\ninterval: 2s"))
    assert plan.interval == 2
    controller.start(ws, project, plan)
    before = routing.get_table(ws, project)

    def gateway(port: int) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen([sys.executable, "-m", "atlas_desktop.cli", "serve", "--project", project, "--port", str(port)],
                                stdout=open(tmp_path / f"gw{port}.log", "wb"), stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / f"gw{port}.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.1)

    def checked() -> datetime | None:
        return controller.status(ws, project).checked_at

    import socket

    ports = []
    for _ in range(1):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
    first = gateway(ports[0])
    deadline = time.monotonic() + 30
    while checked() is None and time.monotonic() < deadline:  # the controller in the gateway evaluated the stage
        time.sleep(0.2)
    assert checked() is not None
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    after = controller.status(ws, project)
    assert (after.state, after.stage) == ("running", 0) and routing.get_table(ws, project).number == before.number

    # the next gateway carries on with the stage: with traffic in, its controller evaluates again
    now = datetime.now(timezone.utc)
    traffic(ws, project, after.stage_started_at, now, {"v1": 30, "base": 30}, {"v1": 500, "base": 500}, {"v1": 0.1, "base": 0.1})
    from atlas_desktop.core.serving.gateway import GatewayConfig, create_app
    from tests.helpers.fake_backend import serve_in_thread

    server, thread, _url = serve_in_thread(create_app(ws, project, GatewayConfig(release_poll_s=0.3)))
    try:
        was = checked()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and controller.status(ws, project).results[0].figures.get("candidate_answered", 0) < 30:
            time.sleep(0.3)
        st = controller.status(ws, project)
        assert st.results[0].figures["candidate_answered"] == 30 and st.stage == 0 and st.checked_at != was
        assert routing.get_table(ws, project).number == before.number  # routing unchanged by the restart
    finally:
        server.should_exit = True
        thread.join(30)
