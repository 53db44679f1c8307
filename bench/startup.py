"""Time from launching the app to a painted main window (median of 5 cold process starts).

    .venv/bin/python bench/startup.py [--runs 5] [--lang en|ar] [--bundle build/dist/atlas-desktop]

--bundle times the packaged app instead: its own executable runs the same probe (the bundle
answers `-c CODE` as Python would), so the bootloader and the bundle's imports are counted.

Each run is a new Python process (imports included), on a demo workspace in a temporary
data folder, with QT_QPA_PLATFORM=offscreen unless a display is set. Target: under 2.5 s
on a 2-core machine. Prints the figures and saves them to bench/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_S = 2.5


def machine() -> dict:
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
        with open("/proc/meminfo", encoding="utf-8") as fh:
            info["memory_gb"] = round(int(fh.readline().split()[1]) / 2**20, 1)
    except OSError:
        pass
    return info


def one_run(env: dict, lang: str, bundle: Path | None = None) -> float:
    probe = HERE / "_startup_probe.py"
    cmd = [str(bundle / "atlas-desktop"), "-c", probe.read_text(encoding="utf-8"), lang] if bundle else [sys.executable, str(probe), lang]
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("painted ")), None)
    if line is None:
        raise SystemExit(f"the probe did not paint: {out.stderr[-2000:]}")
    return float(line.split()[1]) - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lang", default="en", choices=("en", "ar"))
    ap.add_argument("--bundle", type=Path, help="time the packaged app in this folder (installer/build.sh makes it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, ATLAS_HOME=home)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "demo", "init", "--skip-model"], env=env, check=True, capture_output=True)
        one_run(env, args.lang, args.bundle)  # warm the page cache once, as a second launch would be
        times = [one_run(env, args.lang, args.bundle) for _ in range(args.runs)]
    result = {
        "benchmark": "time_to_painted_window",
        "app": "frozen bundle" if args.bundle else "source tree",
        "language": args.lang,
        "runs_s": [round(t, 3) for t in times],
        "median_s": round(statistics.median(times), 3),
        "target_s": TARGET_S,
        "meets_target": statistics.median(times) < TARGET_S,
        "qt_platform": env.get("QT_QPA_PLATFORM", "native"),
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
    }
    out = HERE / "results" / f"startup_{'frozen_' if args.bundle else ''}{args.lang}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"time to painted window ({result['app']}, {args.lang}): median {result['median_s']:.2f} s over {args.runs} runs "
          f"{result['runs_s']} (target < {TARGET_S} s) on {result['machine'].get('cpus')} CPUs; saved {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
