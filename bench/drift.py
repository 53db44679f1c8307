"""Request drift and the Monitor page's snapshot over a large telemetry table.

    .venv/bin/python bench/drift.py [--rows 100000]

A fresh data folder (SQLite) with the demo project and its sample data (dataset v1, the drift
reference), ``--rows`` synthetic requests over 5 days (tests/helpers/telemetry.py: two targets,
the last 1.5 days drifted: English, code-switched and Maghrebi prompts). Times compute_drift over
all of them (the window widened to hold every row) and monitor.snapshot of the week, best of 3,
and saves bench/results/drift.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from startup import machine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ["ATLAS_HOME"] = tempfile.mkdtemp(prefix="atlas-bench-drift-")
    os.environ.setdefault("ATLAS_USER", "bench")

    from atlas_desktop.core.serving import drift, drift_settings, monitor
    from atlas_desktop.core.workspace import Workspace
    from tests.helpers.telemetry import NOW, generate_telemetry, project_with_data

    ws = Workspace.open()
    project = project_with_data(ws)
    start = time.perf_counter()
    generate_telemetry(ws, project, days=5, per_day=args.rows // 5, now=NOW)
    insert_s = time.perf_counter() - start
    settings = {**drift_settings.get_settings(ws, project), "window_requests": args.rows, "window_hours": 24 * 7}
    drift.production_model(ws, project)  # fit and cache the intent model once, as the first look does
    runs, snaps = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        report = drift.compute_drift(ws, project, now=NOW + timedelta(minutes=1), settings=settings)
        runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        monitor.snapshot(ws, project, hours=24 * 7, now=NOW + timedelta(minutes=1))
        snaps.append(time.perf_counter() - t0)
    crossed = [f.feature for f in report.features if getattr(f, "crossed", False)]
    out = {"bench": "drift", "date": time.strftime("%Y-%m-%d"), "machine": machine(), "rows": args.rows,
           "insert_seconds": round(insert_s, 1), "drift_seconds_best": round(min(runs), 3), "drift_seconds_all": [round(x, 3) for x in runs],
           "snapshot_seconds_best": round(min(snaps), 3), "snapshot_seconds_all": [round(x, 3) for x in snaps],
           "live_requests": report.requests, "features_crossed": crossed,
           "psi": {f.feature: f.psi for f in report.features}}
    print(f"{args.rows} telemetry rows: drift {min(runs):.2f} s, Monitor snapshot {min(snaps):.2f} s (best of {args.repeat}); "
          f"crossed: {', '.join(crossed) or 'none'}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "drift.json").write_text(json.dumps(out, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    ws.close()


if __name__ == "__main__":
    main()
