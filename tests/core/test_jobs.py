"""In-process jobs and supervised child processes: progress, cancel, failure, crash, kill."""

import os
import signal
import threading
import time

from atlas_desktop.core.child import run_child_job
from atlas_desktop.core.diagnostics import count
from atlas_desktop.core.jobs import CancelToken, EtaEstimator, Progress, format_duration, run_job

COUNT = "atlas_desktop.core.diagnostics:count"


def test_run_job_reports_progress_and_returns_a_value() -> None:
    seen: list[Progress] = []
    result = run_job(count, {"steps": 5, "delay": 0}, seen.append, CancelToken())
    assert result.ok and result.value["counted"] == 5
    assert [p.step for p in seen] == [1, 2, 3, 4, 5] and seen[-1].fraction == 1.0


def test_errors_and_cancel_are_values() -> None:
    def boom(config, report, cancel):  # noqa: ANN001, ANN202
        raise ValueError("bad value in row 3")

    failed = run_job(boom, None, lambda p: None, CancelToken())
    assert failed.status == "failed" and "bad value in row 3" in failed.error and "Traceback" in failed.details
    token = CancelToken()
    token.cancel()
    assert run_job(count, {"steps": 5}, lambda p: None, token).status == "cancelled"


def test_eta_from_a_steady_rate() -> None:
    now = [0.0]
    eta = EtaEstimator(clock=lambda: now[0])
    assert eta.update(0, 100) is None
    for step in range(1, 11):
        now[0] += 0.5
        left = eta.update(step, 100)
    assert left is not None and abs(left - 45.0) < 1
    assert format_duration(3725) == "1:02:05" and format_duration(65) == "1:05"


def test_child_reports_progress_and_finishes() -> None:
    seen: list[Progress] = []
    events: list[dict] = []
    result = run_child_job(COUNT, {"steps": 3, "delay": 0}, seen.append, CancelToken(), on_event=events.append)
    assert result.ok and result.value["counted"] == 3 and result.value["pid"] != os.getpid()
    assert [p.step for p in seen] == [1, 2, 3]
    assert events[0]["event"] == "started" and events[-1]["event"] == "finished"


def test_child_failure_is_its_message() -> None:
    result = run_child_job("atlas_desktop.core.diagnostics:fail", {"message": "The file x.jsonl has no rows."}, lambda p: None, CancelToken())
    assert result.status == "failed" and result.error == "The file x.jsonl has no rows."


def test_child_crash_is_a_readable_error() -> None:
    result = run_child_job("atlas_desktop.core.diagnostics:crash", {"code": 7}, lambda p: None, CancelToken())
    assert result.status == "failed" and result.error == "The background process exited with code 7."


def test_child_killed_with_sigkill_is_a_readable_error() -> None:
    def kill_when_started(ev: dict) -> None:
        if ev["event"] == "started":
            os.kill(ev["pid"], signal.SIGKILL)

    result = run_child_job(COUNT, {"steps": 100, "delay": 0.05}, lambda p: None, CancelToken(), on_event=kill_when_started)
    assert result.status == "failed" and "was killed (SIGKILL)" in result.error and "out of memory" in result.error


def test_cancel_stops_a_cooperative_child_quickly() -> None:
    token = CancelToken()
    threading.Timer(0.8, token.cancel).start()
    start = time.monotonic()
    result = run_child_job(COUNT, {"steps": 1000, "delay": 0.05}, lambda p: None, token)
    assert result.status == "cancelled" and time.monotonic() - start < 0.8 + 2.0


def test_cancel_stops_a_stuck_child_within_two_seconds() -> None:
    token = CancelToken()
    started = threading.Event()
    pid: list[int] = []

    def on_event(ev: dict) -> None:
        if ev["event"] == "progress":
            pid.append(1)
            started.set()

    cancelled_at: list[float] = []

    def press_cancel() -> None:
        started.wait(30)
        cancelled_at.append(time.monotonic())
        token.cancel()

    threading.Thread(target=press_cancel, daemon=True).start()
    result = run_child_job("atlas_desktop.core.diagnostics:ignore_cancel", {"seconds": 60}, lambda p: None, token, on_event=on_event)
    assert result.status == "cancelled"
    assert time.monotonic() - cancelled_at[0] < 2.0
