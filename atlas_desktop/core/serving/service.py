"""The gateway as the window starts and stops it: ``atlas serve`` as a process of its own session,
so it outlives the window that started it (closing the window leaves the API up), with its
address and process id in a small state file in the data folder (``run/gateway-<project id>.json``),
so the next window finds it running and can stop it. On a server, run ``atlas serve`` under
systemd instead (README, "Serving")."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.private import private_dirs, private_opener
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.workspace import Workspace

_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}  # started by this process: reaped when stopped


@dataclass(frozen=True)
class GatewayService:
    project: str
    pid: int
    host: str
    port: int
    url: str  # the OpenAI base URL clients use
    log: str
    started_at: str


def _state_path(ws: Workspace, project: str) -> Path:
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
    return ws.paths.home / "run" / f"gateway-{pid}.json"


def atlas_command() -> list[str]:
    """The `atlas` command line of this installation (a frozen bundle is its own executable)."""
    return [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "atlas_desktop.cli"]


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # the id may have been reused by another program since
        args = cmdline.read_bytes().split(b"\0")
        return b"serve" in args
    return True


def status(ws: Workspace, project: str) -> GatewayService | None:
    """The project's gateway started from a window, if it is still running."""
    path = _state_path(ws, project)
    try:
        svc = GatewayService(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if not _alive(svc.pid):
        path.unlink(missing_ok=True)
        return None
    return svc


def _healthy(host: str, port: int) -> bool:
    import httpx

    try:
        return httpx.get(f"http://{host}:{port}/health", timeout=1.0, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def start(ws: Workspace, project: str, host: str = "127.0.0.1", port: int = 8800, allow_remote: bool = False,
          timeout: float = 60.0) -> GatewayService:
    """Start the project's gateway (or return the one running) and wait until it answers."""
    from atlas_desktop.core.serving.gateway import check_host

    running = status(ws, project)
    if running is not None:
        return running
    check_host(host, allow_remote)
    path = _state_path(ws, project)
    private_dirs(path.parent)
    log = ws.paths.logs / f"{path.stem}.log"
    cmd = [*atlas_command(), "serve", "--project", project, "--host", host, "--port", str(port)] + (["--allow-remote"] if allow_remote else [])
    env = {**os.environ, "ATLAS_HOME": str(ws.paths.home)}
    with open(log, "ab", opener=private_opener) as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=os.name == "posix")  # not in the window's process group: it stays up
    _CHILDREN[proc.pid] = proc
    probe = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    deadline = time.monotonic() + timeout
    while not _healthy(probe, port):
        if proc.poll() is not None or time.monotonic() > deadline:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(10)
            _CHILDREN.pop(proc.pid, None)
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:] if log.exists() else []
            raise AtlasError(Msg("serve.service.failed", detail=" ".join(tail)[-500:] or "—", log=str(log)))
        time.sleep(0.1)
    svc = GatewayService(project, proc.pid, host, port, f"http://{probe}:{port}/v1", str(log),
                         datetime.now(timezone.utc).isoformat(timespec="seconds"))
    with open(path, "w", encoding="utf-8", opener=private_opener) as fh:
        json.dump(asdict(svc), fh)
    return svc


def stop(ws: Workspace, project: str, timeout: float = 20.0) -> bool:
    """Stop the project's gateway (SIGTERM: it stops its backends and writes its telemetry first;
    killed after ``timeout``). False if none was running."""
    svc = status(ws, project)
    if svc is None:
        return False
    try:
        os.kill(svc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    child = _CHILDREN.pop(svc.pid, None)
    while (child.poll() is None) if child is not None else _alive(svc.pid):
        if time.monotonic() > deadline:
            try:
                os.kill(svc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if child is not None:
                child.wait(10)
            break
        time.sleep(0.1)
    _state_path(ws, project).unlink(missing_ok=True)
    return True
