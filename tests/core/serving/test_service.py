"""The gateway as the window runs it: started as a process of its own session, found again by
the next window, still answering after the process that started it has exited, and stopped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.serving import service
from atlas_desktop.core.serving.backends import free_port
from atlas_desktop.core.serving.keys import create_key
from tests.core.serving.conftest import PROJECT

pytestmark = [pytest.mark.allow_hosts(["127.0.0.1"]), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]


def test_started_by_a_window_that_closes_then_found_and_stopped(serving_ws, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    _, key = create_key(serving_ws, PROJECT, "app")
    port = free_port()
    window = ("from atlas_desktop.core.workspace import Workspace\n"
              "from atlas_desktop.core.serving import service\n"
              f"print(service.start(Workspace.open(), {PROJECT!r}, port={port}).pid)\n")
    out = subprocess.run([sys.executable, "-c", window], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    pid = int(out.stdout.strip())  # the "window" has exited; its gateway has not
    svc = service.status(serving_ws, PROJECT)
    assert svc is not None and svc.pid == pid and svc.url == f"http://127.0.0.1:{port}/v1"
    r = httpx.get(f"{svc.url}/models", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200 and r.json()["data"][0]["id"] == "atlas"
    assert service.start(serving_ws, PROJECT, port=port).pid == pid  # already running: the same one
    assert service.stop(serving_ws, PROJECT)
    assert service.status(serving_ws, PROJECT) is None and not service.stop(serving_ws, PROJECT)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)


def test_a_gateway_that_cannot_start_says_why(serving_ws, monkeypatch) -> None:  # noqa: ANN001
    import socket

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(AtlasError, match="did not start: .*Cannot listen on 127.0.0.1"):
            service.start(serving_ws, PROJECT, port=taken.getsockname()[1], timeout=60)
    assert service.status(serving_ws, PROJECT) is None
