"""The evaluation report's cost: statistics (bootstrap intervals clustered by prompt, per intent
and per dialect, Krippendorff's alpha) and the Arabic HTML page, on a synthetic review.

    .venv/bin/python bench/evaluation_report.py [--items 300] [--ratings 2000] [--repeat 5]

300 items over 6 intents and 5 dialects, three metrics per model, 2,000 ratings by 8 reviewers
(30 calibration items rated by 4 reviewers each), a few flags. Times build_report and
render_html (Arabic), best of --repeat (the first round also compiles the template and imports
krippendorff: total_ms_all[0]), and saves bench/results/evaluation_report.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from startup import machine  # noqa: E402

INTENTS = ("support", "policy", "product", "operations", "cards", "loans")
DIALECTS = ("msa", "gulf", "egyptian", "levantine", "maghrebi")


def synthetic(n_items: int, n_ratings: int, seed: int = 1) -> tuple[list, dict, dict, list]:
    """Items, each model's metrics, and ratings: the candidate a little better on most intents."""
    from atlas_desktop.core.evaluation.types import METRIC_NAMES, EvalItem, MetricScore, Rating

    rnd = random.Random(seed)
    items = [EvalItem(id=f"item-{k}", prompt="سؤال", intent=INTENTS[k % len(INTENTS)], dialect=DIALECTS[k % len(DIALECTS)])
             for k in range(n_items)]
    cand: dict = {}
    prod: dict = {}
    for it in items:
        lift = 0.08 if it.intent != "loans" else -0.05
        cand[it.id] = {m: MetricScore(m, None if rnd.random() < 0.01 else min(1.0, max(0.0, rnd.gauss(0.7 + lift, 0.2)))) for m in METRIC_NAMES}
        prod[it.id] = {m: MetricScore(m, min(1.0, max(0.0, rnd.gauss(0.7, 0.2)))) for m in METRIC_NAMES}
    reviewers = [f"reviewer-{k}" for k in range(8)]
    calibration = items[:30]
    ratings = []

    def one(item, reviewer: str, calib: bool) -> Rating:
        p_cand = 0.55 if item.intent != "loans" else 0.35
        u = rnd.random()
        verdict = "candidate" if u < p_cand else "production" if u < p_cand + 0.3 else "tie" if u < 0.95 else "both_bad"
        scores = {m: rnd.randint(2, 5) for m in METRIC_NAMES}
        unsafe = rnd.random() < 0.002
        return Rating(item.id, reviewer, scores, {m: rnd.randint(2, 5) for m in METRIC_NAMES}, verdict, unsafe=unsafe,
                      inconsistent=rnd.random() < 0.003, note="ملاحظة المراجع" if unsafe else "", resolved=unsafe and rnd.random() < 0.5,
                      calibration=calib)

    for item in calibration:
        for reviewer in reviewers[:4]:
            ratings.append(one(item, reviewer, True))
    while len(ratings) < n_ratings:
        ratings.append(one(rnd.choice(items[30:]), rnd.choice(reviewers), False))
    return items, cand, prod, ratings


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=300)
    ap.add_argument("--ratings", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from atlas_desktop.core.evaluation import stats
    from atlas_desktop.core.evaluation.report import build_report, gate, render_html

    items, cand, prod, ratings = synthetic(args.items, args.ratings)
    build_s, html_s, total_s = [], [], []
    for _ in range(args.repeat):
        stats._random_bits.cache_clear()  # every round draws its bootstrap indices afresh
        t0 = time.perf_counter()
        report = build_report(items, cand, prod, ratings, candidate_name="atlas-banking-v2", production_name="atlas-banking-v1")
        t1 = time.perf_counter()
        page = render_html(report, "ar", gate(report, quota_ok=True))
        t2 = time.perf_counter()
        build_s.append(t1 - t0)
        html_s.append(t2 - t1)
        total_s.append(t2 - t0)
    result = {"benchmark": "evaluation_report", "items": args.items, "ratings": len(ratings), "bootstrap_draws": stats.N_BOOT,
              "intents": len(report.by_intent), "dialects": len(report.by_dialect), "html_kb": round(len(page.encode()) / 1024, 1),
              "build_report_ms": round(min(build_s) * 1000, 1), "render_html_ms": round(min(html_s) * 1000, 1),
              "total_ms_best": round(min(total_s) * 1000, 1), "total_ms_all": [round(s * 1000, 1) for s in total_s],
              "win_rate": round(report.win_rate.estimate, 3), "machine": machine(), "date": time.strftime("%Y-%m-%d")}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "evaluation_report.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"evaluation report: {len(ratings)} ratings over {args.items} items, {stats.N_BOOT} bootstrap draws: "
          f"build_report {result['build_report_ms']} ms + render_html (Arabic) {result['render_html_ms']} ms = "
          f"{result['total_ms_best']} ms (best of {args.repeat}) on {result['machine']['cpus']} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
