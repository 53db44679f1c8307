"""The import wizard's review steps on a big import: how long each step takes to show.

    .venv/bin/python bench/data_wizard.py [--conversations 200000]

The draft of a synthetic corpus (the one bench/data_import.py builds, --shape giant by
default: half of it one canned exchange) is analysed as the wizard's child process would,
then handed to the wizard, which is moved through its steps offscreen as an analyst would
(validation, redaction review, duplicates, quality, split, save); each step's time includes
painting it and reading its pages from the draft. Selecting a row in the redaction and
duplicate tables is timed too. Everything here runs on the window's thread, so each figure is
a pause the analyst sees. The first quality step also
loads pyqtgraph (about 0.3 s, once per session). Figures are printed and saved to
bench/results/data_wizard.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "build"))
sys.path.insert(0, str(HERE))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=200_000)
    ap.add_argument("--shape", default="giant")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from data_import import build_corpus
    from startup import machine

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ATLAS_HOME"] = str(Path(tmp) / "home")
        corpus = Path(tmp) / "corpus.jsonl"
        build_corpus(corpus, args.conversations, args.shape)
        from PySide6.QtWidgets import QApplication

        from atlas_desktop.core.data.pipeline import analyze
        from atlas_desktop.core.data.staging import new_draft_path
        from atlas_desktop.core.demo import ensure_demo_project
        from atlas_desktop.core.workspace import Workspace
        from atlas_desktop.ui.app import build_window
        from atlas_desktop.ui.widgets.tables import select_row

        app = QApplication([])
        ws = Workspace.open()
        ensure_demo_project(ws)
        window = build_window(app, ws, "en")
        window.show()
        page = window.show_page("data")
        page.open_wizard()
        wizard = page.wizard
        t = time.perf_counter()
        model = wizard.model
        model.draft_path = new_draft_path(ws.paths.tmp)
        analyze([corpus], draft_path=model.draft_path).close()
        analysis_s = time.perf_counter() - t
        model.reopen_draft()
        st = model.draft.summary()
        redaction, duplicates = wizard.steps["redaction"].redaction_table, wizard.steps["duplicates"].dup_table
        steps: dict[str, int] = {}

        def timed(name: str, action) -> None:  # noqa: ANN001
            t = time.perf_counter()
            action()
            app.processEvents()
            steps[name] = round((time.perf_counter() - t) * 1000)

        for step in ("validation", "redaction", "duplicates", "quality", "split", "save"):
            timed(step, lambda s=step: wizard.go(s))
            if step == "redaction":
                timed("redaction: select a row", lambda: select_row(redaction, 5))
            if step == "duplicates":
                timed("duplicates: select a row", lambda: select_row(duplicates, duplicates.rowCount() - 1))
        result = {"benchmark": "data_wizard", "conversations": args.conversations, "shape": args.shape, "analysis_seconds": round(analysis_s, 1),
                  "kept": st["kept"], "redaction_rows": redaction.rowCount(), "clusters": duplicates.rowCount(),
                  "step_ms": steps, "machine": machine(), "date": time.strftime("%Y-%m-%d")}
        wizard.reject()
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "data_wizard.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    os._exit(0)  # skip interpreter teardown of a million objects


if __name__ == "__main__":
    sys.exit(main())
