"""A bounded release simulator on 127.0.0.1: the real gateway (with the release controller in it,
as `atlas serve` runs it), fake OpenAI-compatible backends for production and the candidate (as
upstream URLs, the way a GPU server is wired), and client threads sending chat completions as
2,000 users (12 threads) with thumbs (and help-desk tickets) at each version's rates; the backends run as processes of their own. The plan runs with its
watch periods and interval ``speed`` times faster; everything else (routing, telemetry, checks,
statistics, sign-off, rollback) is what a real release does. Used by the tests and by
``bench/release_simulator.py`` (on the demo workspace)."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from atlas_desktop.core.release import controller
from atlas_desktop.core.release.plan import ReleasePlan
from atlas_desktop.core.serving import settings as serving_settings
from atlas_desktop.core.serving.gateway import GatewayConfig, create_app
from atlas_desktop.core.serving.keys import create_key
from tests.helpers.fake_backend import serve_in_thread
from tests.helpers.release import as_user


@dataclass
class Behaviour:
    """How a version answers: its delay, and the chance of a thumbs down (per stage, 1-based; 0: every stage)."""

    delay_s: float = 0.05
    thumbs_down: dict[int, float] = field(default_factory=lambda: {0: 0.08})
    tickets: float = 0.004

    def down(self, stage: int) -> float:
        return self.thumbs_down.get(stage, self.thumbs_down.get(0, 0.08))


SCENARIOS: dict[str, dict[str, Behaviour]] = {
    "good": {"production": Behaviour(), "candidate": Behaviour()},
    "slow": {"production": Behaviour(), "candidate": Behaviour(delay_s=0.15)},
    "thumbs_down": {"production": Behaviour(), "candidate": Behaviour(thumbs_down={0: 0.08, 2: 0.5})},
}


class ChildBackend:
    """A fake backend in a process of its own (python -m tests.helpers.fake_backend)."""

    def __init__(self, name: str, delay: float) -> None:
        import socket
        import subprocess
        import sys
        from pathlib import Path

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        root = Path(__file__).resolve().parents[2]
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.fake_backend", "--port", str(port), "--name", name,
                                      "--delay", str(delay)], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(self.url + "/health", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("the fake backend did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@dataclass
class SimResult:
    state: str
    stage_reached: int  # 1-based
    requests: int
    failed: int
    seconds: float
    per_stage_seconds: list[float]
    status: Any
    failures_seen: list[str]


def simulate(ws: Any, project: str, plan: ReleasePlan, scenario: str | dict[str, Behaviour] = "good", speed: float = 600.0,
             clients: int = 12, users: int = 2000, thumbs_share: float = 0.35, limit_s: float = 120.0, signer: str = "amal",
             rollback_after: bool = False, seed: int = 7) -> SimResult:
    behaviours = SCENARIOS[scenario] if isinstance(scenario, str) else scenario
    before = serving_settings.get_settings(ws, project)
    status = controller.status(ws, project)
    backends: dict[str, ChildBackend] = {}
    server = None
    stop = threading.Event()
    counts = {"requests": 0, "failed": 0}
    failures: list[str] = []
    lock = threading.Lock()
    stage_now = [1]
    try:
        from atlas_desktop.core.release.aliases import resolve
        from atlas_desktop.core.serving.routing import production_target
        from atlas_desktop.core.projects import project_record

        with ws.unit_of_work() as s:
            candidate = f"v{resolve(s, project, plan.model).number}"
            production = production_target(s, project_record(s, project).id)
        for role, target in (("production", production), ("candidate", candidate)):
            backends[target] = ChildBackend(target, behaviours[role].delay_s)  # own processes: the gateway and clients keep this one
        role_of = {production: "production", candidate: "candidate"}
        serving_settings.set_settings(ws, project, {"upstreams": {**before.get("upstreams", {}),
                                                                  **{t: b.url + "/v1" for t, b in backends.items()}}})
        _, secret = create_key(ws, project, f"simulator-{int(time.time() * 1000)}")
        app = create_app(ws, project, GatewayConfig(refresh_s=0.1, release_poll_s=0.15, release_time_scale=speed, name="simulator"))
        server, thread, url = serve_in_thread(app)
        status = controller.start(ws, project, plan)
        started = time.monotonic()
        marks = [started]

        def client(k: int) -> None:
            rng = random.Random(seed * 1000 + k)
            with httpx.Client(base_url=url + "/v1", headers={"Authorization": f"Bearer {secret}"}, timeout=30.0, trust_env=False) as http:
                while not stop.is_set():
                    user = f"user-{rng.randrange(users)}"
                    try:
                        r = http.post("/chat/completions", json={"model": "atlas", "user": user,
                                                                 "messages": [{"role": "user", "content": "كيف أفعّل بطاقتي؟"}]})
                        ok = r.status_code == 200
                    except httpx.HTTPError as exc:
                        ok, r = False, None
                        failures.append(f"{type(exc).__name__}: {exc}")
                    with lock:
                        counts["requests"] += 1
                        counts["failed"] += 0 if ok else 1
                    if not ok:
                        if r is not None:
                            failures.append(f"{r.status_code} {r.text[:200]}")
                        continue
                    version = r.headers.get("x-atlas-version", "")
                    b = behaviours[role_of.get(version, "production")]
                    if rng.random() < thumbs_share:
                        body: dict[str, Any] = {"completion_id": r.json()["id"], "thumbs": "down" if rng.random() < b.down(stage_now[0]) else "up"}
                        if rng.random() < b.tickets / thumbs_share:
                            body["ticket_id"] = f"HD-{k}-{rng.randrange(10**9)}"
                        http.post("/feedback", json=body)

        threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
        for t in threads:
            t.start()
        signed = set()
        deadline = started + limit_s
        while time.monotonic() < deadline:
            time.sleep(0.1)
            status = controller.status(ws, project)
            if status.stage + 1 != stage_now[0]:
                stage_now[0] = status.stage + 1
                marks.append(time.monotonic())
            if not status.active:
                break
            if "final_review" in status.current.checks and status.stage not in signed and status.state == "running":
                controller.sign(as_user(ws, signer), project, f"reviewed the candidate's answers before {status.current.traffic}%")
                signed.add(status.stage)
        stop.set()
        for t in threads:
            t.join(30)
        marks.append(time.monotonic())
        if rollback_after and status.state == "completed":
            controller.rollback(ws, project, "rollback on demand after the simulated release")
            status = controller.status(ws, project)
        return SimResult(status.state, stage_now[0], counts["requests"], counts["failed"], marks[-1] - started,
                         [round(b - a, 2) for a, b in zip(marks, marks[1:])], status, failures[:10])
    finally:
        stop.set()
        if server is not None:
            server.should_exit = True
            time.sleep(0.5)
        for b in backends.values():
            b.stop()
        serving_settings.set_settings(ws, project, {"upstreams": before.get("upstreams", {})})
