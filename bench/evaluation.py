"""Answers per second for the 62-prompt demo suite on the demo model (SmolLM2-135M-Instruct),
batched (the evaluation's way) against one prompt at a time, with the answers compared.

    .venv/bin/python bench/evaluation.py [--max-new-tokens 96] [--batch 16] [--items 62] [--threads N]

Both passes use the same greedy decoding, the same chat template and the demo project's system
prompt; the model is loaded once (load time reported apart). Prints the figures and saves
bench/results/evaluation.json. The review pane's next item is timed by bench/review_pane.py and the
report by bench/evaluation_report.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from startup import machine  # noqa: E402


def demo_model_path() -> Path:
    from atlas_desktop.core.registry.model_store import DEMO_MODEL_NAME, get_model
    from atlas_desktop.core.workspace import Workspace

    ws = Workspace.open()
    try:
        return get_model(ws, DEMO_MODEL_NAME).path
    finally:
        ws.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-new-tokens", type=int, default=96)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--items", type=int, default=62)
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()

    import torch

    from atlas_desktop.core.demo import DEMO_PROJECT, EVAL_SUITE
    from atlas_desktop.core.evaluation.generation import decoding_settings, generate, load_for_generation
    from atlas_desktop.core.evaluation.suites import parse_suite

    if args.threads:
        torch.set_num_threads(args.threads)
    items = parse_suite(EVAL_SUITE.read_text(encoding="utf-8"), EVAL_SUITE.name)[: args.items]
    conversations = [i.messages(DEMO_PROJECT.system_prompt) for i in items]
    device = torch.device("cpu")
    t0 = time.perf_counter()
    model, tokenizer = load_for_generation(demo_model_path(), None, device)
    load_s = time.perf_counter() - t0
    out = {}
    answers = {}
    for name, batch in (("batched", args.batch), ("one_at_a_time", 1)):
        decoding = decoding_settings({"max_new_tokens": args.max_new_tokens, "batch_size": batch})
        start = time.perf_counter()
        answers[name] = generate(model, tokenizer, conversations, decoding, device)
        seconds = time.perf_counter() - start
        statuses: dict[str, int] = {}
        for a in answers[name]:
            statuses[a["status"]] = statuses.get(a["status"], 0) + 1
        out[name] = {"batch": batch, "seconds": round(seconds, 2), "answers_per_second": round(len(items) / seconds, 3),
                     "new_tokens": sum(a["new_tokens"] for a in answers[name]), "statuses": statuses}
        print(f"{name:14s} batch {batch:2d}: {len(items)} answers in {seconds:6.1f} s = {len(items) / seconds:.2f} answers/s; {statuses}")
    same = sum(a == b for a, b in zip(answers["batched"], answers["one_at_a_time"]))
    from atlas_desktop.core.evaluation.metrics import score_answer
    from atlas_desktop.core.evaluation.types import Answer

    pairs = [(i, Answer(i.id, x["text"], x["status"], x["new_tokens"])) for i, x in zip(items, answers["batched"])]
    pairs += [(i, Answer(i.id, i.reference)) for i in items]  # the references as a second model's answers
    score_answer(*pairs[0])
    start = time.perf_counter()
    for item, answer in pairs:
        score_answer(item, answer, DEMO_PROJECT.system_prompt)
    out["scoring"] = {"answers": len(pairs), "seconds": round(time.perf_counter() - start, 3)}
    print(f"scoring {len(pairs)} answers (both models): {out['scoring']['seconds']:.2f} s")
    speedup = out["one_at_a_time"]["seconds"] / out["batched"]["seconds"]
    print(f"speed-up {speedup:.2f}x; identical answers {same} of {len(items)}; model load {load_s:.1f} s")
    result = {"bench": "evaluation", "date": time.strftime("%Y-%m-%d"), "machine": machine(), "items": len(items),
              "max_new_tokens": args.max_new_tokens, "threads": torch.get_num_threads(), "load_seconds": round(load_s, 2),
              **out, "speedup": round(speedup, 2), "identical_answers": same,
              "sample": [{"id": i.id, "answer": a["text"][:200], "status": a["status"]} for i, a in zip(items[:3], answers["batched"])]}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "evaluation.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
