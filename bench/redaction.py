"""Redaction throughput on the sample conversations, repeated to a realistic size.

    .venv/bin/python bench/redaction.py [--conversations 200000]

Prints messages per second and MB per second of text, and saves bench/results/redaction.json.
(The side-by-side comparison with Presidio's pattern recognizers that issue #3 asks for
is not in this script yet.)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from startup import machine  # noqa: E402


def sample_messages() -> list[list[dict]]:
    convs = []
    for line in (HERE.parent / "resources" / "samples" / "banking_conversations.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            msgs = json.loads(line)["messages"]
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(msgs, list) and all(isinstance(m, dict) for m in msgs):
            convs.append(msgs)
    return convs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=200_000)
    args = ap.parse_args()
    from atlas_desktop.core.data.redact import Redactor

    base = sample_messages()
    redactor = Redactor()
    n_conv = n_msg = n_chars = n_red = 0
    start = time.perf_counter()
    while n_conv < args.conversations:
        for msgs in base:
            out, records, _ = redactor.redact_conversation(msgs)
            n_conv += 1
            n_msg += len(msgs)
            n_chars += sum(len(m["content"]) if isinstance(m.get("content"), str) else 0 for m in msgs)
            n_red += len(records)
            if n_conv >= args.conversations:
                break
    secs = time.perf_counter() - start
    result = {"benchmark": "redaction_throughput", "conversations": n_conv, "messages": n_msg, "redactions": n_red,
              "seconds": round(secs, 2), "messages_per_s": round(n_msg / secs), "conversations_per_s": round(n_conv / secs),
              "text_mb_per_s": round(n_chars * 2 / secs / 1e6, 2), "machine": machine(), "date": time.strftime("%Y-%m-%d")}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "redaction.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"redaction: {n_conv} conversations ({n_msg} messages, {n_red} redactions) in {secs:.1f} s = "
          f"{result['messages_per_s']} messages/s, {result['conversations_per_s']} conversations/s on {result['machine']['cpus']} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
