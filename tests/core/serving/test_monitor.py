"""The Monitor page's queries: per target and bucket (hours over two days, days beyond), shares
that add up, latency percentiles, drift per bucket and the alerts; and the commands, run as a
user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from atlas_desktop.core.serving import monitor
from tests.helpers.telemetry import NOW


def test_a_week_in_days_and_a_day_in_hours(monitor_ws) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    week = monitor.snapshot(ws, project, hours=24 * 7, now=NOW)
    assert not week.hourly and len(week.starts) == 8 and week.requests == 1200
    assert [t.target for t in week.targets] == ["base", "v1"]
    for b in range(len(week.starts)):
        shares = [t.share[b] for t in week.targets if t.share[b] is not None]
        assert not shares or sum(shares) == pytest.approx(1.0)
    v1 = week.targets[1]
    assert v1.share[-1] > v1.share[3]  # its share grows (10% to 50% over the five days)
    assert all(f.p50_ms <= f.p95_ms for t in week.targets for f in t.figures if f.p50_ms is not None)
    assert sum(t.total.requests for t in week.targets) == 1200 and sum(t.total_share for t in week.targets) == pytest.approx(1.0)
    assert week.alerts and {f.feature for f in week.drift.alerts} >= {"latin_share", "oov_share"}
    series = week.drift_series["latin_share"]
    assert len(series) == len(week.starts) and series[-1] > 0.2 and series[3] < 0.2  # the last day drifted, the middle one not

    day = monitor.snapshot(ws, project, hours=24, now=NOW - timedelta(days=2))
    assert day.hourly and len(day.starts) == 24 and day.requests == 240 and not day.alerts
    assert day.marker == monitor.change_marker(ws, project)


def test_the_commands(monitor_ws, tmp_path: Path) -> None:  # noqa: ANN001
    project = monitor_ws.settings.current_project

    def atlas(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "atlas_desktop.cli", *args], capture_output=True, text=True, timeout=180)

    policy = tmp_path / "policy.yaml"
    policy.write_text("level: aggregates\nfields: [target, requests, errors]\n", encoding="utf-8")
    done = atlas("telemetry", "export", "--project", project, "--policy", str(policy), "--out", str(tmp_path / "t.csv"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote 2 rows (aggregates) to ") and (tmp_path / "t.csv").read_text().startswith("target,requests,errors\n")
    policy.write_text("fields:\n  - target\n  - user_id\n", encoding="utf-8")
    bad = atlas("telemetry", "export", "--project", project, "--policy", str(policy), "--out", str(tmp_path / "u.csv"))
    assert bad.returncode == 2 and bad.stderr.startswith('atlas: policy.yaml, line 3: unknown field "user_id"') and bad.stderr.count("\n") == 1

    drift = atlas("drift", "--project", project, "--json")  # now: the synthetic telemetry ended before today, so the window is empty
    assert drift.returncode == 0, drift.stderr
    report = json.loads(drift.stdout)
    assert [f["feature"] for f in report["features"]] == ["length", "dialect", "intent", "latin_share", "oov_share"]
    assert report["reference"]["kind"] == "newest_dataset" and report["settings"]["psi"] == 0.2
    changed = atlas("drift", "--project", project, "--set", "window_hours=0", "--set", "thresholds.dialect=0.5", "--fail-on-drift")
    assert changed.returncode == 1 and "dialect mix: PSI" in changed.stdout and "Request drift in" in changed.stderr

    tickets = tmp_path / "tickets.csv"
    tickets.write_text("ticket_id,completion_id\nHD-1,chatcmpl-nope\n", encoding="utf-8")
    bad = atlas("tickets", "import", "--project", project, str(tickets))
    assert bad.returncode == 2 and "tickets.csv, line 2:" in bad.stderr
    summary = atlas("tickets", "summary", "--project", project, "--json")
    assert set(json.loads(summary.stdout)) == {"base", "v1"}


@pytest.mark.postgres
def test_drift_monitor_export_and_tickets_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """The same queries on PostgreSQL (the database takes the features out of the JSON itself)."""
    from atlas_desktop.core.serving import drift
    from atlas_desktop.core.serving.export import export
    from atlas_desktop.core.serving.tickets import import_tickets
    from atlas_desktop.core.workspace import Workspace
    from tests.helpers.telemetry import generate_telemetry, project_with_data, write_tickets_csv

    ws = Workspace.open(database_url=postgres_url)
    try:
        project = project_with_data(ws)
        made = generate_telemetry(ws, project, days=3, per_day=200, now=NOW, store_tickets=False)
        late = drift.compute_drift(ws, project, now=NOW)
        assert late.requests == 200 and {"latin_share", "oov_share"} <= {f.feature for f in late.alerts}
        assert not drift.compute_drift(ws, project, now=NOW - timedelta(days=2)).alerts
        snap = monitor.snapshot(ws, project, hours=24 * 7, now=NOW)
        assert snap.requests == 600 and [t.target for t in snap.targets] == ["base", "v1"]
        policy = tmp_path / "policy.yaml"
        policy.write_text("level: rows\nfields: [at, target, dialect, intent, oov_share]\n", encoding="utf-8")
        assert export(ws, project, policy, tmp_path / "rows.jsonl").rows == 600
        result = import_tickets(ws, project, write_tickets_csv(tmp_path / "tickets.csv", made.tickets))
        assert result.linked == len(made.tickets) > 0
        assert sum(f.tickets for f in monitor.per_target(ws, project).values()) == len(made.tickets)
    finally:
        ws.close()


def test_requests_refused_before_routing_are_counted_apart_not_as_a_target(sqlite_workspace) -> None:  # noqa: ANN001
    """A request with an unknown model or a malformed body is recorded with no target: the page
    shows it as refused, and the versions' shares are of the routed requests only."""
    from sqlalchemy import insert

    from atlas_desktop.core.demo import ensure_demo_project
    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.storage.models import TelemetryEvent

    ws = sqlite_workspace
    project, _ = ensure_demo_project(ws)
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        rows = [{"at": NOW - timedelta(minutes=i + 1), "project_id": pid, "completion_id": f"c{i}", "target": target, "routing_number": 1,
                 "bucket": i, "assigned_by": "user" if target else "", "client": "app", "status": status, "stream": False,
                 "first_token_ms": None, "total_ms": 100.0, "tokens_in": 5, "tokens_out": 5 if target else 0, "features": {},
                 "prompt_text": None, "answer_text": None, "gateway": "test:1", "detail": ""}
                for i, (target, status) in enumerate([("base", "ok")] * 3 + [("v1", "ok")] + [("", "unknown_model")] * 4 + [("", "bad_request")])]
        s.execute(insert(TelemetryEvent), rows)
    snap = monitor.snapshot(ws, project, hours=24, now=NOW)
    assert [t.target for t in snap.targets] == ["base", "v1"]
    assert [t.total_share for t in snap.targets] == [0.75, 0.25]
    assert snap.refused == {"unknown_model": 4, "bad_request": 1} and snap.requests == 9
