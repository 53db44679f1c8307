"""The review pane's "next item" time: from PageDown to the next pair shown, read ahead or not.

    .venv/bin/python bench/review_pane.py [--items 60] [--lang ar] [--repeat 3]

A demo workspace in a temporary data folder with one evaluation of the demo suite (its
reference answers, reworded a little, stand in for the two models' answers: no model is
loaded; run_evaluation stores, scores and pairs them as it does real ones). The Review page
is built in the main window (offscreen), and every item of the queue is stepped through with
PageDown: "next_ms" is the time until the next item is laid out and painted, with the pane's read-ahead
("cold_ms": with the cache emptied before each step, i.e. what a step costs without it).
Target: next item under 50 ms. Saves bench/results/review_pane.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from startup import machine  # noqa: E402

TARGET_MS = 50.0


def synthetic_evaluation(ws, items: int | None = None) -> int:  # noqa: ANN001
    """One evaluation of the demo project's model "atlas-banking-v1" against its base model, stored by
    run_evaluation with made-up answers (no model runs). Returns its id."""
    from atlas_desktop.core.data.pipeline import import_files, list_versions
    from atlas_desktop.core.demo import EVAL_SUITE, SAMPLE_CONVERSATIONS, ensure_demo_project
    from atlas_desktop.core.evaluation import runs
    from atlas_desktop.core.evaluation.settings import set_settings
    from atlas_desktop.core.evaluation.suites import import_suite
    from atlas_desktop.core.evaluation.types import Answer
    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.storage.models import BaseModelRecord, DatasetVersionRecord, ModelVersion

    project, _ = ensure_demo_project(ws)
    import_files(ws, project, [SAMPLE_CONVERSATIONS])
    suite = Path(tempfile.mkdtemp()) / "banking.jsonl"
    lines = EVAL_SUITE.read_text(encoding="utf-8").splitlines(keepends=True)
    suite.write_text("".join(lines[:items] if items else lines), encoding="utf-8")
    import_suite(ws, project, suite, name="banking")
    set_settings(ws, project, {"holdout_items": 3, "calibration_items": 5})
    dv_number = list_versions(ws, project)[-1].number
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        dv = s.query(DatasetVersionRecord).filter_by(project_id=p.id, number=dv_number).one()
        bm = BaseModelRecord(name="atlas-base", path="models/atlas-base", sha256="0" * 64, created_by=ws.user.login)
        s.add(bm)
        s.flush()
        s.add(ModelVersion(project_id=p.id, number=1, name="atlas-banking-v1", run_id="bench", base_model_id=bm.id,
                           base_model_sha256=bm.sha256, dataset_version_id=dv.id, dataset_sha256=dv.sha256, recipe={},
                           recipe_sha256="0" * 64, adapter_path="adapters/bench", adapter_sha256="1" * 64, created_by=ws.user.login))

    def ref(key: str, name: str) -> runs.ModelRef:
        return runs.ModelRef(key, name, Path("."), None)

    def answers_for(ws_, refs, items_, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        from atlas_desktop.core.storage.models import EvalAnswers

        out = []
        for k, r in enumerate(refs):
            answers = []
            for n, it in enumerate(items_):
                text = it.reference or "لا أعرف."
                status = "ok"
                if k == 1 and n % 7 == 3:
                    text, status = text[: len(text) // 2], "truncated"
                elif k == 1 and n % 11 == 5:
                    text, status = "", "empty"
                elif k == 1:
                    text = "شكراً لتواصلك معنا. " + text
                answers.append({"item_id": it.id, "text": text, "status": status, "new_tokens": len(text.split())})
            with ws_.unit_of_work() as s:
                row = EvalAnswers(model_key=r.key, items_sha256="b" * 64, decoding_sha256=str(k) * 64, decoding={}, answers=answers,
                                  created_by=ws_.user.login)
                s.add(row)
                s.flush()
                out.append((row.id, [Answer(**a) for a in answers]))
        return out

    saved = runs.candidate_ref, runs.production_ref, runs.answers_for
    runs.candidate_ref = lambda ws_, s, mv: ref("adapter:bench", mv.name)
    runs.production_ref = lambda ws_, s, mv: ref("base:bench", "atlas-base")
    runs.answers_for = answers_for
    try:
        info = runs.run_evaluation(ws, project, "v1")
    finally:
        runs.candidate_ref, runs.production_ref, runs.answers_for = saved
    return info.id


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=60, help="suite items (the evaluation adds 3 holdout items)")
    ap.add_argument("--lang", default="ar", choices=("en", "ar"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["ATLAS_HOME"] = home
        os.environ["XDG_CONFIG_HOME"] = str(Path(home) / "config")  # QSettings of this run only
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        from atlas_desktop.core.workspace import Workspace
        from atlas_desktop.ui.app import build_window, create_app

        app = create_app()
        ws = Workspace.open()
        synthetic_evaluation(ws, args.items)
        window = build_window(app, ws, args.lang)
        window.resize(1280, 720)
        window.show()
        t0 = time.perf_counter()
        page = window.show_page("review")
        app.processEvents()
        first_ms = (time.perf_counter() - t0) * 1000
        total = len(page.entries)

        def step(cold: bool) -> list[float]:
            page.open_pair(page.entries[0].pair_id)
            app.processEvents()
            out = []
            for _ in range(total - 1):
                if cold:
                    page.cache.clear()
                target = page.pane.focusWidget() or page.pane
                t = time.perf_counter()
                QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier))
                page.pane.layout().activate()
                page.pane.repaint()  # laid out and painted (offscreen), as the reviewer sees it
                out.append((time.perf_counter() - t) * 1000)
                app.processEvents()  # the read-ahead (a zero timer) runs while the reviewer reads
            return out

        warm: list[float] = []
        cold: list[float] = []
        for _ in range(args.repeat):
            warm += step(cold=False)
            cold += step(cold=True)
        window.ctx.jobs.shutdown()
        window.close()
        ws.close()

    def pct(xs: list[float], q: float) -> float:
        return round(sorted(xs)[min(len(xs) - 1, int(q * len(xs)))], 2)

    result = {"benchmark": "review_pane", "lang": args.lang, "items": total, "steps": len(warm),
              "first_item_ms": round(first_ms, 1),
              "next_ms_median": round(statistics.median(warm), 2), "next_ms_p95": pct(warm, 0.95), "next_ms_max": round(max(warm), 2),
              "cold_ms_median": round(statistics.median(cold), 2), "cold_ms_p95": pct(cold, 0.95),
              "target_ms": TARGET_MS, "meets_target": pct(warm, 0.95) < TARGET_MS,
              "machine": machine(), "date": time.strftime("%Y-%m-%d")}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "review_pane.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"review pane ({args.lang}, {total} items): next item {result['next_ms_median']} ms median, {result['next_ms_p95']} ms p95 "
          f"(read ahead); {result['cold_ms_median']} ms median without the read-ahead; first item {result['first_item_ms']} ms "
          f"(page built); target < {TARGET_MS:.0f} ms on {result['machine']['cpus']} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
