"""Data import at scale, in the shapes users bring, through the window's own path: the import
wizard's child process (read, validate, redact, deduplicate, split, write the draft) started
from a Qt event loop; and redaction side by side with Presidio's pattern recognizers.

    .venv/bin/python bench/data_import.py [--sizes 50000,100000,200000] [--shapes distinct,exact5,templates40,giant]
                                          [--skip-presidio]

Shapes (the synthetic corpus recombines the demo data's sentences, with a sensitive value in
about 10% of user turns):
  distinct     every conversation different
  exact5       5% exact copies of earlier conversations
  templates40  half the file is 40 help-desk templates filled with different ticket numbers
  giant        half the file (100,000 at 200k) is one canned exchange differing by a number
  same         one conversation repeated (bad input: the issue's "one conversation 200,000 times")
Per shape and size: wall time from the click to the finished draft, peak memory of the
analysis (its largest process) and of the window's process, and the window's longest
event-loop stall. Targets (issue #12): 200,000 conversations of any shape in at most 60 s and
1.5 GB, time growing at most 2.2x from 100k to 200k, the window's longest stall under 50 ms,
its memory under 500 MB. Redaction at least 3x Presidio's analyzer (pattern recognizers only,
same messages). Each measurement runs in a fresh process so peak memory (ru_maxrss) is its own.
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


def _sentences(seed: int):  # noqa: ANN202
    import make_samples as ms  # the demo data generator: its sentences and fake sensitive values

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
    return sorted(clauses["user"]), sorted(clauses["assistant"]), ms


def build_corpus(path: Path, n: int, shape: str = "exact5", seed: int = 7) -> int:
    rng = random.Random(seed)
    users, answers, ms = _sentences(seed)
    kinds = list(ms.SENSITIVE)
    templates = [("، ".join(rng.sample(users, 2)) + " رقم التذكرة {n}", "، ".join(rng.sample(answers, 2)) + ".") for _ in range(40)]
    canned = ("التذكرة رقم {n} لم تحل بعد، متى يتم الرد؟", "نعتذر عن التأخير، تم تحويل طلبك إلى الفريق المختص وسيتم التواصل معك خلال يومي عمل.")
    written = []

    def line_of(user: str, answer: str) -> str:
        return json.dumps({"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": answer}],
                           "intent": rng.choice(["support", "policy", "product", "operations"])}, ensure_ascii=False)

    with open(path, "w", encoding="utf-8") as fh:
        if shape == "same":
            fh.write((line_of(*canned) + "\n") * n)
            return path.stat().st_size
        for i in range(n):
            if shape in ("templates40", "giant") and i % 2 == 0:
                user, answer = rng.choice(templates) if shape == "templates40" else canned
                fh.write(line_of(user.format(n=rng.randint(100000, 999999)), answer) + "\n")
                continue
            if shape == "exact5" and written and rng.random() < 0.05:
                fh.write(rng.choice(written) + "\n")
                continue
            user = "، ".join(rng.sample(users, rng.randint(1, 2))) + "؟"
            if rng.random() < 0.10:
                make, tmpl = ms.SENSITIVE[kinds[i % len(kinds)]]
                user += " " + rng.choice(tmpl).format(v=make())
            line = line_of(user, "، ".join(rng.sample(answers, rng.randint(1, 2))) + ".")
            fh.write(line + "\n")
            if len(written) < 5000:
                written.append(line)
    return path.stat().st_size


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
    """The wizard's path: the analysis child started from a Qt event loop (Job.child, as the
    wizard does); the loop's longest stall, the window process's peak memory and the child's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from atlas_desktop.core.data.staging import ImportDraft, remove_draft
    from atlas_desktop.ui.workers import Job

    app = QApplication([])
    draft = Path(path).with_suffix(".draft.sqlite")
    remove_draft(draft)
    job = Job.child("import", "atlas_desktop.core.data.pipeline:analyze_job", {"files": [path], "draft": str(draft), "interactive": True})
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
    start = time.perf_counter()
    clock.start()
    timer.start()
    job.start()
    app.exec()
    secs = time.perf_counter() - start
    worst = max(gaps[1:]) if len(gaps) > 1 else 0
    if not (job.result and job.result.ok):
        raise SystemExit(f"the import failed: {job.result.error if job.result else 'no result'}")
    d = ImportDraft.open(draft)
    st = d.summary()
    d.close()
    remove_draft(draft)
    return {"seconds": round(secs, 2), "conversations": st["conversations"], "kept": st["kept"], "duplicates": st["duplicates"],
            "redactions": sum(st["redactions"].values()), "holdout": st["holdout"],
            "analysis_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "window_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "longest_stall_ms": max(0, worst - 10), "p99_gap_ms": sorted(gaps)[int(0.99 * len(gaps))] if gaps else 0}


def run_worker(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50000,100000,200000")
    ap.add_argument("--shapes", default="distinct,exact5,templates40,giant")
    ap.add_argument("--redaction-messages", type=int, default=50_000)
    ap.add_argument("--skip-presidio", action="store_true")
    ap.add_argument("--worker", nargs="+")
    args = ap.parse_args()
    if args.worker:
        kind, path, *rest = args.worker
        fn = {"ours": worker_ours, "presidio": worker_presidio, "gui": worker_gui}[kind]
        print(json.dumps(fn(path, *map(int, rest))), flush=True)
        os._exit(0)  # the figures are out; skip interpreter teardown
    from startup import machine

    sizes = [int(x) for x in args.sizes.split(",")]
    result: dict = {"benchmark": "data_import", "shapes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for n in sizes:
                corpus = Path(tmp) / f"{shape}-{n}.jsonl"
                size = build_corpus(corpus, n, shape)
                r = run_worker("gui", str(corpus))
                r["corpus_mb"] = round(size / 1e6, 1)
                result["shapes"].setdefault(shape, {})[str(n)] = r
                print(f"{shape:12} {n:>7,}: {r['seconds']:6.1f} s, analysis {r['analysis_peak_rss_mb']:,} MB, window {r['window_peak_rss_mb']} MB, "
                      f"stall {r['longest_stall_ms']} ms; kept {r['kept']:,}, duplicates {r['duplicates']}", flush=True)
                corpus.unlink()
            runs = result["shapes"][shape]
            if "100000" in runs and "200000" in runs:
                runs["growth_100k_to_200k"] = round(runs["200000"]["seconds"] / runs["100000"]["seconds"], 2)
        corpus = Path(tmp) / "redaction.jsonl"
        build_corpus(corpus, max(20000, args.redaction_messages // 2), "distinct")
        result["redaction_ours"] = run_worker("ours", str(corpus), str(args.redaction_messages))
        if not args.skip_presidio:
            try:
                result["redaction_presidio"] = run_worker("presidio", str(corpus), str(args.redaction_messages))
                result["redaction_speedup"] = round(result["redaction_ours"]["messages_per_s"] / result["redaction_presidio"]["messages_per_s"], 1)
            except SystemExit as exc:
                result["redaction_presidio"] = {"error": str(exc)[:300], "hint": "pip install presidio-analyzer"}
    result["targets"] = {"import_seconds": 60, "analysis_peak_rss_mb": 1536, "growth_100k_to_200k": 2.2, "window_stall_ms": 50, "window_rss_mb": 500,
                         "redaction_speedup": 3}
    result["machine"], result["date"] = machine(), time.strftime("%Y-%m-%d")
    (HERE / "results").mkdir(exist_ok=True)
    name = "data_import.json" if args.sizes == "50000,100000,200000" else "data_import_partial.json"
    (HERE / "results" / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    ours = result["redaction_ours"]
    print(f"redaction, ours: {ours['messages_per_s']:,} messages/s")
    if "redaction_speedup" in result:
        print(f"redaction, Presidio pattern recognizers: {result['redaction_presidio']['messages_per_s']:,} messages/s -> ours is {result['redaction_speedup']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
