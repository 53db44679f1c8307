"""Heavy work in a child process that speaks JSON lines.

Child side: ``python -m atlas_desktop.core.child MODULE:FUNCTION --config-json '{...}'``
runs ``FUNCTION(config, report, cancel)`` and prints one JSON object per line
on stdout, each with an ``event`` key (``started``, ``progress``, ``log``,
``finished``, ``failed``, ``cancelled``; jobs may add their own). Anything a
library prints goes to stderr, never into the event stream. SIGTERM sets the
cancel token; the parent closing our stdin (it died) ends the child at once;
a ``pause`` line on stdin sets :func:`pause_requested` (a job may honour it at
its next safe point). In a multi-process run (``accelerate launch``) only the
main process (RANK 0) writes events.

Parent side: :class:`ChildProcess` starts it and yields events;
:func:`run_child` is a job function (see jobs.py) that supervises one, so the
ui runs a child exactly like an in-process job. Cancel stops the child within
2 s (SIGTERM, then SIGKILL after a grace period); a crash or kill becomes a
readable error, never an exception in the window.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.jobs import Cancelled, CancelToken, JobResult, Progress, Reporter, run_job
from atlas_desktop.core.messages import Msg, from_json, to_json
from atlas_desktop.core.private import private_opener

CANCEL_GRACE_S = 1.5


class ChildFailed(AtlasError):
    """The child reported a failure or died; ``details`` holds its stderr tail."""

    exit_code = 1

    def __init__(self, message: Any, details: str = "", crashed: bool = False) -> None:
        super().__init__(message)
        self.details = details
        self.crashed = crashed  # died without saying why (killed, out of memory, segfault)


# --------------------------------------------------------------------------- child side

_event_stream: TextIO | None = None
_emit_lock = threading.Lock()
_pause = threading.Event()


def pause_requested() -> bool:
    return _pause.is_set()


def _is_main_process() -> bool:
    return os.environ.get("RANK", "0") in ("", "0")


def emit(event: str, **fields: Any) -> None:
    """Write one event line. Safe from any thread of the child."""
    if not _is_main_process():
        return
    stream = _event_stream or sys.stdout
    line = json.dumps({"event": event, **fields}, ensure_ascii=False, default=str)
    with _emit_lock:
        stream.write(line + "\n")
        stream.flush()


def _claim_stdout() -> None:
    """Keep fd 1 for events only: move the original stdout aside, point fd 1 at stderr."""
    global _event_stream
    sys.stdout.flush()
    events_fd = os.dup(1)
    os.dup2(2, 1)
    _event_stream = os.fdopen(events_fd, "w", encoding="utf-8", buffering=1)
    sys.stdout = sys.stderr


ORPHANED_EXIT = 75  # the exit status of a child whose parent died


def _watch_parent(cancel: CancelToken) -> None:
    """Our stdin is a pipe from the parent: a ``pause`` line asks for a pause, and its end (EOF)
    means the parent is gone (killed, crashed). Nobody is left to record what we do then, and a
    resume may start at once, so we stop at once: no checkpoint is half-written (checkpoints are
    written to a temporary folder and renamed), the last complete one stays the run's."""
    try:
        piped = stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        piped = False
    if not piped:
        return  # started by hand (a terminal, /dev/null): no parent to watch

    def watch() -> None:
        try:
            while line := sys.stdin.readline():
                if line.strip() == "pause":
                    _pause.set()
        except (OSError, ValueError):
            pass
        cancel.cancel()
        os._exit(ORPHANED_EXIT)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def load_target(target: str) -> Callable[..., Any]:
    module_name, _, func_name = target.partition(":")
    if not module_name or not func_name:
        raise AtlasError(Msg("child.bad_target", target=target))
    return getattr(importlib.import_module(module_name), func_name)


def child_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas-child")
    parser.add_argument("target")
    parser.add_argument("--config-json", default="{}")
    parser.add_argument("--config", type=Path)
    args = parser.parse_args(argv)
    _claim_stdout()
    cancel = CancelToken()
    signal.signal(signal.SIGTERM, lambda *_: cancel.cancel())
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    _watch_parent(cancel)
    config = json.loads(args.config.read_text(encoding="utf-8")) if args.config else json.loads(args.config_json)
    emit("started", pid=os.getpid(), target=args.target)

    def report(p: Progress) -> None:
        emit("progress", step=p.step, total=p.total, message=to_json(p.message), metrics=p.metrics)

    try:
        fn = load_target(args.target)
    except (ImportError, AttributeError, AtlasError) as exc:
        msg = Msg("child.cannot_load", target=args.target, detail=exc.full() if isinstance(exc, AtlasError) else str(exc))
        emit("failed", message=str(msg), msg=msg.to_json())
        return 1
    result = run_job(fn, config, report, cancel)
    if result.status == "ok":
        emit("finished", value=result.value)
        return 0
    if result.status == "cancelled":
        emit("cancelled")
        return 0
    emit("failed", message=result.error, msg=to_json(result.error_msg), details=result.details)
    return 1


# --------------------------------------------------------------------------- parent side


def _describe_exit(code: int) -> Msg:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if -code == getattr(signal, "SIGKILL", 9):
            return Msg("child.killed", signal=name)
        return Msg("child.signalled", signal=name)
    return Msg("child.exit_code", code=str(code))


class ChildProcess:
    """One supervised child. ``events()`` yields dicts until the child's stdout closes."""

    def __init__(self, target: str, config: dict[str, Any] | None = None, *, launcher: list[str] | None = None,
                 env: dict[str, str] | None = None, cwd: Path | None = None, log_path: Path | None = None,
                 cancel_grace: float = CANCEL_GRACE_S) -> None:
        self.target = target
        self.config = config or {}
        self.launcher = launcher  # e.g. ["accelerate", "launch", "--num_processes", "2", "-m"]
        self.env = env
        self.cwd = cwd
        self.log_path = log_path
        self.cancel_grace = cancel_grace
        self.proc: subprocess.Popen[str] | None = None
        self._stderr_tail: deque[str] = deque(maxlen=40)
        self._stderr_thread: threading.Thread | None = None
        self.terminal_event: dict[str, Any] | None = None

    def command(self) -> list[str]:
        args = ["atlas_desktop.core.child", self.target, "--config-json", json.dumps(self.config, ensure_ascii=False)]
        if self.launcher:
            return [*self.launcher, *args]
        return [sys.executable, "-u", "-m", *args]

    def start(self) -> "ChildProcess":
        env = dict(os.environ if self.env is None else self.env)
        env["PYTHONUNBUFFERED"] = "1"
        env.setdefault("PYTHONIOENCODING", "utf-8")
        kwargs: dict[str, Any] = {}
        if os.name == "posix":
            kwargs["start_new_session"] = True  # our Ctrl-C does not hit the child; we stop it ourselves
            # Children write in the data folder (a run's checkpoints, adapter and events): owner-only.
            kwargs["umask"] = 0o077
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8", errors="replace", bufsize=1, env=env, cwd=self.cwd, **kwargs)
        self._stderr_thread = threading.Thread(target=self._drain_stderr, name="child-stderr", daemon=True)
        self._stderr_thread.start()
        return self

    def _drain_stderr(self) -> None:
        assert self.proc and self.proc.stderr
        log = open(self.log_path, "a", encoding="utf-8", opener=private_opener) if self.log_path else None
        try:
            for line in self.proc.stderr:
                self._stderr_tail.append(line.rstrip("\n"))
                if log:
                    log.write(line)
                    log.flush()
        finally:
            if log:
                log.close()

    @property
    def stderr_tail(self) -> str:
        return "\n".join(self._stderr_tail)

    def events(self) -> Iterator[dict[str, Any]]:
        assert self.proc and self.proc.stdout
        for line in self.proc.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                ev = json.loads(line)
                if not isinstance(ev, dict) or "event" not in ev:
                    raise ValueError
            except ValueError:
                ev = {"event": "log", "line": line}
            if ev["event"] in ("finished", "failed", "cancelled"):
                self.terminal_event = ev
            yield ev
        self.proc.wait()
        if self._stderr_thread:
            self._stderr_thread.join(timeout=2)

    def send(self, line: str) -> None:
        """A command line on the child's stdin (``pause``); ignored once it has gone."""
        proc = self.proc
        if proc is None or proc.poll() is not None or proc.stdin is None:
            return
        try:
            proc.stdin.write(line.rstrip("\n") + "\n")
            proc.stdin.flush()
        except (OSError, ValueError):
            pass

    def terminate(self, grace: float | None = None) -> None:
        """Ask politely (SIGTERM), then kill the whole process group after ``grace`` seconds."""
        grace = self.cancel_grace if grace is None else grace
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGTERM)  # a launcher's workers too (accelerate launch)
            else:
                proc.terminate()
        except (ProcessLookupError, PermissionError):
            return
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
        except (ProcessLookupError, PermissionError):
            proc.kill()

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode if self.proc else None


def run_child(target: str, config: dict[str, Any], report: Reporter, cancel: CancelToken, *,
              on_event: Callable[[dict[str, Any]], None] | None = None,
              on_start: Callable[[ChildProcess], None] | None = None, **child_kwargs: Any) -> Any:
    """Supervise a child as a job: progress flows to ``report``, Cancel stops it.

    Returns the child's ``finished`` value; raises :class:`Cancelled` or
    :class:`ChildFailed` otherwise.
    """
    child = ChildProcess(target, config, **child_kwargs).start()
    if on_start:
        on_start(child)
    done = threading.Event()

    def watch_cancel() -> None:
        while not done.is_set():
            if cancel.wait(0.05):
                child.terminate()
                return

    watcher = threading.Thread(target=watch_cancel, name="child-cancel", daemon=True)
    watcher.start()
    try:
        for ev in child.events():
            if ev["event"] == "progress":
                report(Progress(int(ev.get("step", 0)), ev.get("total"), from_json(ev.get("message", "")), ev.get("metrics") or {}))
            if on_event:
                on_event(ev)
    finally:
        done.set()
        watcher.join(timeout=1)
    term = child.terminal_event
    if cancel.cancelled:
        raise Cancelled()
    if term and term["event"] == "finished":
        return term.get("value")
    if term and term["event"] == "failed":
        raise ChildFailed(from_json(term.get("msg")) or term.get("message") or Msg("child.failed"),
                          term.get("details") or child.stderr_tail)
    if term and term["event"] == "cancelled":
        raise Cancelled()
    code = child.returncode if child.returncode is not None else -1
    raise ChildFailed(_describe_exit(code), child.stderr_tail, crashed=True)


def run_child_job(target: str, config: dict[str, Any], report: Reporter, cancel: CancelToken, **kw: Any) -> JobResult:
    """Like :func:`run_child`, but every outcome is a value."""
    try:
        return JobResult("ok", run_child(target, config, report, cancel, **kw))
    except Cancelled:
        return JobResult("cancelled")
    except ChildFailed as exc:
        return JobResult("failed", error=str(exc), details=exc.details, error_msg=exc.full())


if __name__ == "__main__":
    # Run the importable module's child_main, not this __main__ copy: jobs call
    # atlas_desktop.core.child.emit() and must reach the same event stream.
    from atlas_desktop.core import child as _module

    sys.exit(_module.child_main())
