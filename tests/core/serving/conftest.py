"""Serving fixtures. The gateway's: a project with model version rows (no weights: fake backends
answer for them), fake OpenAI-compatible backends and gateways, each on a free port of 127.0.0.1
in a thread of the test (connections go to 127.0.0.1 only: pytest-socket's allow_hosts). The
monitor's: a data folder with five days of telemetry, built once and copied per test."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.fake_backend import FakeBackend, serve_in_thread

PROJECT = "bank"


def add_versions(ws: Any, project: str, count: int) -> None:
    """Model version rows v1..vN (with a base model and a dataset version to point at)."""
    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.storage.models import BaseModelRecord, DatasetVersionRecord, ModelVersion

    with ws.unit_of_work() as s:
        p = project_record(s, project)
        bm = BaseModelRecord(name=f"base-{p.id}", path="models/none", sha256="b" * 64)
        dv = DatasetVersionRecord(project_id=p.id, number=1, sha256="d" * 64, train_sha256="t" * 64, holdout_sha256="h" * 64,
                                  report_sha256="r" * 64, sources=[], settings={}, stats={}, created_by="tester")
        s.add_all([bm, dv])
        s.flush()
        for n in range(1, count + 1):
            s.add(ModelVersion(project_id=p.id, number=n, name=f"{project}-v{n}", run_id=f"run{n}", base_model_id=bm.id,
                               base_model_sha256=bm.sha256, dataset_version_id=dv.id, dataset_sha256=dv.sha256, recipe={},
                               recipe_sha256="c" * 64, adapter_path=f"runs/run{n}/adapter", adapter_sha256=f"{n}" * 64,
                               created_by="tester"))


def make_project(ws: Any, name: str = PROJECT, versions: int = 2) -> str:
    from atlas_desktop.core.projects import ProjectFields, create_project

    with ws.unit_of_work() as s:
        create_project(s, ProjectFields(name), ws.user.login)
    add_versions(ws, name, versions)
    return name


@dataclass
class RunningGateway:
    url: str
    gateway: Any
    server: Any
    thread: Any

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(20)

    def settle(self) -> None:
        """Wait until every request so far is in the telemetry table."""
        assert self.gateway.writer.wait_idle(10)

    def wait_routing(self, number: int, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while self.gateway.snapshot.table.number < number:
            assert time.monotonic() < deadline, "the gateway did not pick up the new routing revision"
            time.sleep(0.02)


@pytest.fixture
def serving_ws(sqlite_workspace):  # noqa: ANN001, ANN201
    make_project(sqlite_workspace)
    return sqlite_workspace


@pytest.fixture
def fakes() -> Iterator[Callable[..., FakeBackend]]:
    started: list[FakeBackend] = []

    def make(name: str, **kw: Any) -> FakeBackend:
        fb = FakeBackend(name, **kw).start()
        started.append(fb)
        return fb

    yield make
    for fb in started:
        fb.stop()


@pytest.fixture
def start_gateway() -> Iterator[Callable[..., RunningGateway]]:
    running: list[RunningGateway] = []

    def start(ws: Any, project: str = PROJECT, **config: Any) -> RunningGateway:
        from atlas_desktop.core.serving.gateway import GatewayConfig, create_app

        app = create_app(ws, project, GatewayConfig(**{"refresh_s": 0.05, **config}))
        server, thread, url = serve_in_thread(app)
        gw = RunningGateway(url, app.state.gateway, server, thread)
        running.append(gw)
        return gw

    yield start
    for gw in running:
        gw.stop()


def openai_client(url: str, key: str, **kw: Any) -> Any:
    import openai

    return openai.OpenAI(base_url=f"{url}/v1", api_key=key, **{"max_retries": 0, "timeout": 30, **kw})


@pytest.fixture(scope="session")
def monitor_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.helpers.telemetry import build_monitor_home

    return build_monitor_home(tmp_path_factory.mktemp("monitor") / "atlas-home")


@pytest.fixture
def monitor_ws(monitor_home: Path, atlas_home: Path):  # noqa: ANN201
    """A copy of ``monitor_home``: the demo project, dataset v1 and five days of telemetry."""
    from tests.helpers.telemetry import copy_workspace

    ws = copy_workspace(monitor_home, atlas_home)
    yield ws
    ws.close()
