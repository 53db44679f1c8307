"""Local backends are child processes the gateway starts on first use, restarts once when they
crash (requests fail over to production meanwhile, and that is recorded), and stops with itself.
The child here is the fake server (the real one, transformers serve, is in test_real_backend.py)."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest

from atlas_desktop.core.serving import routing
from atlas_desktop.core.serving.backends import LocalBackend, UpstreamBackend
from atlas_desktop.core.serving.keys import create_key
from atlas_desktop.core.serving.settings import set_settings
from tests.core.serving.conftest import PROJECT, openai_client

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
ROOT = Path(__file__).resolve().parents[3]


def _wait(predicate, timeout: float = 20.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_crashed_backend_fails_over_is_restarted_once_and_stops_with_the_gateway(serving_ws, fakes, start_gateway, tmp_path,
                                                                                  monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # the child gets the offline variables whatever we have
    base = fakes("base")
    set_settings(serving_ws, PROJECT, {"upstreams": {"base": f"{base.url}/v1"}})
    routing.set_shares(serving_ws, PROJECT, {"v1": 10_000})
    _, key = create_key(serving_ws, PROJECT, "app")

    def make(gateway, target):  # noqa: ANN001, ANN202
        if target == "base":
            return UpstreamBackend("base", f"{base.url}/v1", "base")
        return LocalBackend(target, lambda: tmp_path, tmp_path / f"{target}.log", start_timeout=60,
                            command=lambda folder, port: [sys.executable, "-m", "tests.helpers.fake_backend", str(folder), "--port", str(port),
                                                          "--name", target])

    gw = start_gateway(serving_ws, make_backend=make)
    client = openai_client(gw.url, key)

    def ask() -> str:
        r = client.chat.completions.with_raw_response.create(model="atlas", messages=[{"role": "user", "content": "hi"}], user="u")
        return r.headers["x-atlas-version"]

    assert ask() == "v1"  # started on first use
    backend = gw.gateway.backends.get("v1")
    port, pid = backend.port, backend.proc.pid
    assert httpx.get(f"http://127.0.0.1:{port}/health").json()["offline"] == {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}

    os.kill(pid, signal.SIGKILL)
    _wait(lambda: backend.proc.poll() is not None)
    assert ask() == "base"  # the version is down: production answers
    _wait(lambda: backend.describe()["ready"])  # restarted in the background
    assert ask() == "v1" and backend.restarts == 1 and backend.proc.pid != pid

    os.kill(backend.proc.pid, signal.SIGKILL)
    _wait(lambda: backend.proc is None or backend.proc.poll() is not None)
    assert [ask() for _ in range(3)] == ["base"] * 3  # a second crash: it stays down, production answers
    assert backend.starts == 2
    gw.settle()
    from sqlalchemy import select

    from atlas_desktop.core.storage.models import TelemetryEvent

    with serving_ws.unit_of_work() as s:
        rows = list(s.execute(select(TelemetryEvent.status, TelemetryEvent.target).order_by(TelemetryEvent.id)).all())
    assert rows == [("ok", "v1"), ("failover", "base"), ("ok", "v1")] + [("failover", "base")] * 3

    gw.stop()  # stops its children
    assert all(b.describe().get("pid") is None for b in gw.gateway.backends.all())


def test_stop_ends_the_child_and_a_start_that_fails_says_why(serving_ws, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import asyncio

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    fake = LocalBackend("v1", lambda: tmp_path, tmp_path / "v1.log", start_timeout=60,
                        command=lambda folder, port: [sys.executable, "-m", "tests.helpers.fake_backend", "--port", str(port)])
    broken = LocalBackend("v2", lambda: tmp_path, tmp_path / "v2.log", start_timeout=60,
                          command=lambda folder, port: [sys.executable, "-c", "print('no model here'); raise SystemExit(3)"])

    async def run() -> int:
        ep = await fake.endpoint()
        assert ep.model == str(tmp_path) and ep.url.endswith("/v1")
        pid = fake.proc.pid
        await fake.stop()
        with pytest.raises(Exception, match="exited with status 3"):
            await broken.endpoint()  # a server that exits at once: the start fails, and says so
        with pytest.raises(Exception, match="exited with status 3"):
            await broken.endpoint()  # not tried again at once
        return pid

    pid = asyncio.run(run())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert "no model here" in (tmp_path / "v2.log").read_text() and broken.starts == 1
