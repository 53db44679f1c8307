"""Two `atlas serve` processes on one PostgreSQL database: the same user gets the same version
from either, a routing change reaches both within a second, and every request is a telemetry
row once both have been stopped (SIGTERM flushes what is queued)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from atlas_desktop.core.serving import routing
from atlas_desktop.core.serving.backends import free_port
from atlas_desktop.core.serving.keys import create_key
from atlas_desktop.core.serving.settings import set_settings
from atlas_desktop.core.storage.models import TelemetryEvent
from tests.core.serving.conftest import PROJECT, make_project

pytestmark = [pytest.mark.allow_hosts(["127.0.0.1"]), pytest.mark.postgres, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]


def _start(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "atlas_desktop.cli", "serve", "--project", PROJECT, "--port", str(port)],
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT, env=env, cwd=ROOT)


def _ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, log.read_text()
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)


def test_two_gateway_processes_route_alike_and_lose_no_telemetry(postgres_url, fakes, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from atlas_desktop.core.workspace import Workspace

    monkeypatch.setenv("ATLAS_DATABASE_URL", postgres_url)
    ws = Workspace.open(database_url=postgres_url)
    make_project(ws)
    base, v1 = fakes("base"), fakes("v1")
    set_settings(ws, PROJECT, {"upstreams": {"base": f"{base.url}/v1", "v1": f"{v1.url}/v1"}})
    first = routing.set_shares(ws, PROJECT, {"v1": 3000})
    _, key = create_key(ws, PROJECT, "app")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    ports = [free_port(), free_port()]
    procs = [_start(p, env, tmp_path / f"gw{i}.log") for i, p in enumerate(ports)]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        for url, proc, i in zip(urls, procs, range(2)):
            _ready(url, proc, tmp_path / f"gw{i}.log")
        auth = {"Authorization": f"Bearer {key}"}

        http = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=16))

        def version(url: str, user: str) -> str:
            r = http.post(f"{url}/v1/chat/completions", headers=auth,
                           json={"model": "atlas", "messages": [{"role": "user", "content": "مرحبا"}], "user": user})
            assert r.status_code == 200, r.text
            return r.headers["x-atlas-version"]

        users = [f"user-{i}" for i in range(80)]
        with ThreadPoolExecutor(8) as pool:
            a = list(pool.map(lambda u: version(urls[0], u), users))
            b = list(pool.map(lambda u: version(urls[1], u), users))
        assert a == b and 10 <= a.count("v1") <= 40  # the same user, the same version, from either gateway

        grown = routing.set_shares(ws, PROJECT, {"v1": 7000})
        assert grown.number == first.number + 1
        time.sleep(1.0)  # both re-read the table within a second
        with ThreadPoolExecutor(8) as pool:
            a2 = list(pool.map(lambda u: version(urls[0], u), users))
            b2 = list(pool.map(lambda u: version(urls[1], u), users))
        assert a2 == b2 and all(x == "v1" for x, y in zip(a2, a) if y == "v1") and a2.count("v1") > a.count("v1")
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(30)
    assert [p.returncode for p in procs] == [-signal.SIGTERM] * 2  # uvicorn shuts down (lifespan: flush), then re-raises the signal
    with ws.unit_of_work() as s:
        count = s.execute(select(func.count()).select_from(TelemetryEvent)).scalar_one()
        gateways = s.execute(select(func.count(func.distinct(TelemetryEvent.gateway)))).scalar_one()
        numbers = set(s.execute(select(TelemetryEvent.routing_number)).scalars())
    assert count == 4 * len(users) and gateways == 2 and numbers == {first.number, grown.number}
    ws.close()
