"""The inference servers behind the gateway: one per target ("v3", "base"), each OpenAI-compatible.

- :class:`LocalBackend`: a ``transformers serve`` child process on a free loopback port, serving
  a model folder: the base model's, or for a model version its adapter merged once into a full
  folder (merge.py). Measured with transformers 5.23 on the tiny test model: it serves a folder
  offline and answers in well under a second on a CPU; it refuses an adapter folder; it answers
  only requests whose ``model`` is the folder it was started with ("Server is pinned to ...",
  400 otherwise), so the gateway sends that; its ``/v1/models`` fails offline (500), so the
  gateway answers ``/v1/models`` itself; its stream is ``data: {json}`` events without a final
  ``[DONE]``, the last chunk carrying ``usage``; and it stops generating when the client closes
  the stream (its CPU time stops growing), which is how the gateway stops a backend's work when
  its own client goes away. Started on first use, health-checked (``GET /health``) before the
  first request, restarted once if it crashes, stopped with the gateway.
- :class:`UpstreamBackend`: an OpenAI-compatible server elsewhere, configured per target in the
  project's serving settings (``upstreams``): vLLM serving the base model with the LoRA adapters
  on a GPU server is the documented path (README, "Serving").
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.offline import OFFLINE_ENV
from atlas_desktop.core.private import private_opener

log = logging.getLogger(__name__)
START_TIMEOUT_S = 180.0
RETRY_AFTER_S = 30.0  # a backend that failed to start is not tried again before this


class BackendDown(AtlasError):
    """A backend cannot answer now (not started, crashed, unreachable); the gateway fails over."""

    exit_code = 1


@dataclass(frozen=True)
class Endpoint:
    url: str  # the OpenAI base URL, ending in /v1
    model: str  # what to send as the request's "model"
    headers: dict[str, str] = field(default_factory=dict)


class Backend:
    target: str
    kind: str

    async def endpoint(self, wait_restart: bool = True) -> Endpoint:
        raise NotImplementedError

    def failed(self, reason: str) -> None:
        """The gateway could not reach the endpoint: look again before the next request."""

    async def stop(self) -> None:
        pass

    def describe(self) -> dict[str, Any]:
        return {"target": self.target, "kind": self.kind}


class UpstreamBackend(Backend):
    """A server elsewhere. After a failed connection it is left alone for ``pause`` seconds: a
    version's requests fail over at once instead of each waiting for the connect timeout
    (production's are still tried: there is nowhere else for them to go)."""

    kind = "upstream"

    def __init__(self, target: str, url: str, model: str, api_key_env: str = "", pause: float = 5.0) -> None:
        self.target = target
        key = os.environ.get(api_key_env, "") if api_key_env else ""
        self._endpoint = Endpoint(url.rstrip("/"), model, {"Authorization": f"Bearer {key}"} if key else {})
        self.pause = pause
        self._down_until = 0.0
        self._why = ""

    async def endpoint(self, wait_restart: bool = True) -> Endpoint:
        if not wait_restart and time.monotonic() < self._down_until:
            raise BackendDown(Msg("serve.api.backend_down", target=self.target, reason=self._why))
        return self._endpoint

    def failed(self, reason: str) -> None:
        self._down_until, self._why = time.monotonic() + self.pause, reason

    def describe(self) -> dict[str, Any]:
        return {"target": self.target, "kind": self.kind, "url": self._endpoint.url, "model": self._endpoint.model,
                "paused": time.monotonic() < self._down_until}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def backend_env() -> dict[str, str]:
    """The child's environment: ours, with the offline variables forced."""
    env = {**os.environ, **OFFLINE_ENV, "PYTHONUNBUFFERED": "1"}
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def serve_command(folder: Path, port: int, device: str = "auto", dtype: str = "auto", continuous_batching: bool = False) -> list[str]:
    return [sys.executable, "-m", "atlas_desktop.core.serving.backend_main", str(folder), "--host", "127.0.0.1", "--port", str(port),
            "--device", device, "--dtype", dtype, "--log-level", "warning", "--no-enable-cors",
            "--continuous-batching" if continuous_batching else "--no-continuous-batching"]


class LocalBackend(Backend):
    """A child process serving one model folder. ``folder`` is called (in a thread) at the first
    start: it may merge an adapter first. ``command(folder, port)`` builds the command line."""

    kind = "local"

    def __init__(self, target: str, folder: Callable[[], Path], log_path: Path, *,
                 command: Callable[[Path, int], list[str]] = serve_command, start_timeout: float = START_TIMEOUT_S) -> None:
        self.target = target
        self._folder = folder
        self.log_path = log_path
        self._command = command
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.folder: Path | None = None
        self.restarts = 0
        self.starts = 0
        self._lock = asyncio.Lock()
        self._ready: Endpoint | None = None
        self._down: tuple[float, Msg] | None = None  # (since, why) after a failed start or a second crash
        self._restarting: asyncio.Task[Any] | None = None

    # ---------------------------------------------------------------- asking for it
    async def endpoint(self, wait_restart: bool = True) -> Endpoint:
        """The running server's endpoint, starting it first if need be. A server that has died
        is restarted once (in the background); ``wait_restart=False`` (a version, which can fail
        over to production) raises BackendDown instead of waiting for that restart."""
        if self._alive():
            return self._ready  # type: ignore[return-value] - the common case: no lock, no await
        if self._ready is not None:
            self._crashed()
        if self._restarting is not None and not self._restarting.done():
            if not wait_restart:
                raise BackendDown(Msg("serve.backend.start_failed", target=self.target, reason=self._why_down()))
            await asyncio.shield(self._restarting)
        async with self._lock:
            if self._alive():
                return self._ready  # type: ignore[return-value]
            if self._down is not None and time.monotonic() - self._down[0] < RETRY_AFTER_S:
                raise BackendDown(Msg("serve.backend.start_failed", target=self.target, reason=self._down[1]))
            return await self._start()

    def _alive(self) -> bool:
        return self._ready is not None and self.proc is not None and self.proc.poll() is None

    def _why_down(self) -> Msg:
        return self._down[1] if self._down else Msg("serve.backend.exited", code=self.proc.returncode if self.proc else "?", log=str(self.log_path))

    def _crashed(self) -> None:
        """The child has died: restart it once in the background; a second death keeps it down."""
        if self._ready is None:
            return
        code = self.proc.returncode if self.proc else None
        self._ready = None
        log.warning("backend %s exited with status %s", self.target, code)
        if self.restarts >= 1:
            self._down = (time.monotonic() + 1e9, Msg("serve.backend.crashed_twice", log=str(self.log_path)))  # for good
            return
        self.restarts += 1
        self._down = (time.monotonic(), Msg("serve.backend.exited", code=code, log=str(self.log_path)))
        self._restarting = asyncio.ensure_future(self._restart())

    async def _restart(self) -> None:
        async with self._lock:
            self._down = None
            try:
                await self._start()
            except BackendDown:
                pass

    def failed(self, reason: str) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            self._crashed()

    # ---------------------------------------------------------------- starting and stopping
    async def _start(self) -> Endpoint:
        try:
            if self.folder is None:
                self.folder = await asyncio.to_thread(self._folder)
            self.port = free_port()
            self.starts += 1
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            logf = open(self.log_path, "ab", opener=private_opener)
            try:
                self.proc = subprocess.Popen(self._command(self.folder, self.port), stdin=subprocess.PIPE, stdout=logf, stderr=subprocess.STDOUT,
                                             env=backend_env(), start_new_session=os.name == "posix")
            finally:
                logf.close()
            url = f"http://127.0.0.1:{self.port}"
            await self._wait_healthy(url)
        except AtlasError as exc:
            await self._kill()
            self._down = (time.monotonic(), exc.full())
            raise BackendDown(Msg("serve.backend.start_failed", target=self.target, reason=exc.full())) from None
        self._down = None
        self._ready = Endpoint(f"{url}/v1", str(self.folder))
        return self._ready

    async def _wait_healthy(self, url: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        async with httpx.AsyncClient(timeout=2.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    raise AtlasError(Msg("serve.backend.exited", code=self.proc.returncode, log=str(self.log_path)))
                try:
                    r = await client.get(f"{url}/health")
                    if r.status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
        raise AtlasError(Msg("serve.backend.no_health", url=url, seconds=int(self.start_timeout), log=str(self.log_path)))

    async def stop(self) -> None:
        if self._restarting is not None and not self._restarting.done() and self._restarting is not asyncio.current_task():
            self._restarting.cancel()
        await self._kill()

    async def _kill(self) -> None:
        proc, self.proc, self._ready = self.proc, None, None
        if proc is None or proc.poll() is not None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGTERM)
            else:
                proc.terminate()
        except (ProcessLookupError, PermissionError, OSError):
            return
        for _ in range(50):
            if proc.poll() is not None:
                return
            await asyncio.sleep(0.1)
        try:
            os.killpg(proc.pid, signal.SIGKILL) if os.name == "posix" else proc.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
        proc.wait(timeout=5)

    def describe(self) -> dict[str, Any]:
        return {"target": self.target, "kind": self.kind, "pid": self.proc.pid if self.proc else None, "port": self.port,
                "folder": str(self.folder) if self.folder else None, "starts": self.starts, "restarts": self.restarts,
                "ready": self._ready is not None}


class Backends:
    """The backends of one gateway, made on first use from ``make(target)``."""

    def __init__(self, make: Callable[[str], Backend]) -> None:
        self._make = make
        self._by_target: dict[str, Backend] = {}

    def get(self, target: str) -> Backend:
        b = self._by_target.get(target)
        if b is None:
            b = self._by_target[target] = self._make(target)
        return b

    def forget(self, target: str) -> Backend | None:
        return self._by_target.pop(target, None)

    def all(self) -> list[Backend]:
        return list(self._by_target.values())

    async def stop_all(self) -> None:
        await asyncio.gather(*(b.stop() for b in self._by_target.values()), return_exceptions=True)
