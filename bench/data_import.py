"""Data import at scale: 200,000 conversations (about 60 MB of JSONL) through read, validate,
redact, deduplicate and split; and redaction side by side with Presidio's pattern recognizers.

    .venv/bin/python bench/data_import.py [--conversations 200000] [--skip-presidio] [--skip-gui]

Targets (issue #3): at most 60 s wall and 1.5 GB peak memory for the import; redaction at
least 3x Presidio's analyzer with pattern recognizers only, on the same messages; the GUI
event loop never stalls for more than 50 ms while an import runs.

The corpus is synthetic but realistic: sentences of the demo data recombined at random, a
sensitive value in about 10% of user turns, about 5% exact and near duplicates. Each
measurement runs in a fresh child process so peak memory (ru_maxrss) is its own.
Presidio is a benchmark-only dependency: pip install presidio-analyzer.
Figures are printed and saved to bench/results/data_import.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "build"))
sys.path.insert(0, str(HERE))


def build_corpus(path: Path, n: int, seed: int = 7) -> int:
    import make_samples as ms  # the demo data generator: its sentences and fake sensitive values

    rng = random.Random(seed)
    ms.rng.seed(seed)
    lines = []
    for x in ms.OUT.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(x)
        except ValueError:
            continue
        if isinstance(rec, dict) and isinstance(rec.get("messages"), list):
            lines.append(rec)
    clauses = {"user": set(), "assistant": set()}
    for rec in lines:
        for m in rec["messages"]:
            if not isinstance(m, dict):
                continue
            if m.get("role") in clauses and isinstance(m.get("content"), str):
                clauses[m["role"]].update(c.strip() for c in re.split(r"[،.؟!]", m["content"]) if len(c.strip()) > 8)
    users, answers = sorted(clauses["user"]), sorted(clauses["assistant"])
    kinds = list(ms.SENSITIVE)
    written = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if written and rng.random() < 0.05:  # an exact or near duplicate of an earlier line
                dup = rng.choice(written)
                fh.write((dup if rng.random() < 0.5 else dup.replace("؟", " ؟ لو سمحت", 1)) + "\n")
                continue
            user = "، ".join(rng.sample(users, rng.randint(1, 2))) + "؟"
            if rng.random() < 0.10:
                make, templates = ms.SENSITIVE[kinds[i % len(kinds)]]
                user += " " + rng.choice(templates).format(v=make())
            answer = "، ".join(rng.sample(answers, rng.randint(1, 2))) + "."
            line = json.dumps({"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": answer}],
                               "intent": rng.choice(["support", "policy", "product", "operations"])}, ensure_ascii=False)
            fh.write(line + "\n")
            if len(written) < 5000:
                written.append(line)
    return path.stat().st_size


def worker_import(path: str) -> dict:
    from atlas_desktop.core.data.pipeline import analyze

    start = time.perf_counter()
    a = analyze([Path(path)])
    secs = time.perf_counter() - start
    st = a.stats()
    return {"seconds": round(secs, 2), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "conversations": st["conversations"], "kept": st["kept"], "duplicates": st["duplicates"],
            "redactions": sum(st["redactions"].values()), "holdout": st["holdout"]}


def _messages(path: str, limit: int) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out += [m["content"] for m in json.loads(line)["messages"]]
            if len(out) >= limit:
                break
    return out


def worker_ours(path: str, limit: int) -> dict:
    from atlas_desktop.core.data.redact import Redactor

    texts = _messages(path, limit)
    r = Redactor()
    for t in texts[:200]:  # warm up: phonenumbers loads its region metadata on first use
        r.find(t)
    start = time.perf_counter()
    found = sum(len(r.find(t)) for t in texts)
    secs = time.perf_counter() - start
    return {"messages": len(texts), "seconds": round(secs, 2), "messages_per_s": round(len(texts) / secs), "found": found}


def worker_presidio(path: str, limit: int) -> dict:
    import tldextract

    # keep Presidio's email check on tldextract's bundled suffix list: no network attempt
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, EmailRecognizer, IbanRecognizer, PhoneRecognizer

    recognizers = [EmailRecognizer(), IbanRecognizer(), CreditCardRecognizer(), PhoneRecognizer(supported_regions=("SA", "AE", "EG"))]
    texts = _messages(path, limit)
    for t in texts[:200]:  # warm up, as for ours
        for rec in recognizers:
            rec.analyze(t, rec.supported_entities, None)
    start = time.perf_counter()
    found = sum(len(rec.analyze(t, rec.supported_entities, None)) for t in texts for rec in recognizers)
    secs = time.perf_counter() - start
    return {"messages": len(texts), "seconds": round(secs, 2), "messages_per_s": round(len(texts) / secs), "found": found,
            "recognizers": [type(r).__name__ for r in recognizers]}


def worker_gui(path: str) -> dict:
    """Run the import in the ui's background job and measure the event loop's longest stall."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from atlas_desktop.core.data.pipeline import analyze
    from atlas_desktop.ui.workers import Job

    app = QApplication([])
    job = Job("import", lambda _c, report, cancel: analyze([Path(path)], report=report, cancel=cancel, interactive=True))  # as the wizard
    import gc

    gc.collect()
    gc.freeze()  # as atlas_desktop.ui.app.run_gui does before app.exec()
    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
        if job.result is not None:
            app.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    job.start()
    app.exec()
    worst = max(gaps[1:]) if len(gaps) > 1 else 0
    return {"ticks": len(gaps), "timer_interval_ms": 10, "longest_gap_ms": worst, "longest_stall_ms": max(0, worst - 10),
            "p99_gap_ms": sorted(gaps)[int(0.99 * len(gaps))] if gaps else 0, "import_ok": bool(job.result and job.result.ok)}


def run_worker(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=200_000)
    ap.add_argument("--redaction-messages", type=int, default=50_000)
    ap.add_argument("--skip-presidio", action="store_true")
    ap.add_argument("--skip-gui", action="store_true")
    ap.add_argument("--worker", nargs="+")
    args = ap.parse_args()
    if args.worker:
        kind, path, *rest = args.worker
        fn = {"import": worker_import, "ours": worker_ours, "presidio": worker_presidio, "gui": worker_gui}[kind]
        print(json.dumps(fn(path, *map(int, rest))), flush=True)
        os._exit(0)  # the figures are out; skip interpreter teardown (see the note on the GUI worker)
    from startup import machine

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        size = build_corpus(corpus, args.conversations)
        result: dict = {"benchmark": "data_import", "corpus_conversations": args.conversations, "corpus_mb": round(size / 1e6, 1)}
        result["import"] = run_worker("import", str(corpus))
        result["redaction_ours"] = run_worker("ours", str(corpus), str(args.redaction_messages))
        if not args.skip_presidio:
            try:
                result["redaction_presidio"] = run_worker("presidio", str(corpus), str(args.redaction_messages))
                result["redaction_speedup"] = round(result["redaction_ours"]["messages_per_s"] / result["redaction_presidio"]["messages_per_s"], 1)
            except SystemExit as exc:
                result["redaction_presidio"] = {"error": str(exc)[:300], "hint": "pip install presidio-analyzer"}
        if not args.skip_gui:
            try:
                result["gui_event_loop"] = run_worker("gui", str(corpus))
            except SystemExit as exc:
                result["gui_event_loop"] = {"error": str(exc)[:500]}
    result["targets"] = {"import_seconds": 60, "peak_rss_mb": 1536, "redaction_speedup": 3, "gui_stall_ms": 50}
    result["machine"], result["date"] = machine(), time.strftime("%Y-%m-%d")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "data_import.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    imp = result["import"]
    print(f"import: {imp['conversations']:,} conversations ({result['corpus_mb']} MB) in {imp['seconds']} s, peak {imp['peak_rss_mb']} MB "
          f"(kept {imp['kept']:,}, duplicates {imp['duplicates']}, redactions {imp['redactions']:,})")
    ours = result["redaction_ours"]
    print(f"redaction, ours: {ours['messages_per_s']:,} messages/s")
    if "redaction_speedup" in result:
        print(f"redaction, Presidio pattern recognizers: {result['redaction_presidio']['messages_per_s']:,} messages/s -> ours is {result['redaction_speedup']}x")
    if "gui_event_loop" in result:
        print(f"GUI event loop during the import: longest stall {result['gui_event_loop']['longest_stall_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
