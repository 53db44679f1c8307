"""Scoring on the independent evaluation sets (resources/eval/independent/, written apart from
the rules; see its README). Shared by tests/core/data/test_independent_eval.py, which asserts
floors on the test split, and bench/quality.py, which prints and saves the figures.

Definitions:
- redaction, per kind: a value counts as redacted when the detected spans cover at least 80% of
  its non-space characters (a half-redacted IBAN or a surname left behind is a miss); recall is
  redacted / values of that kind. Precision, per detected kind: a detection is right when it
  overlaps a value that must be redacted (of any kind), a false positive otherwise. A trap
  (invoice, order, tracking numbers, amounts, dates, entity names...) is destroyed when any
  detection overlaps it.
- dialect: the detector's label against the writer's; "uncertain" is an abstention. Accuracy
  over every turn (an abstention counts as wrong), coverage (turns it commits on), and
  accuracy where it commits.
- translated-sounding: an answer is flagged at the wizard's threshold (score >= 0.3); recall on
  the translated answers, false flags on the native ones.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from atlas_desktop.core.data.staging import TRANSLATED_FLAG  # the wizard's threshold

ROOT = Path(__file__).resolve().parents[2]
SETS = ROOT / "resources" / "eval" / "independent"
COVER = 0.8


def load(name: str, split: str) -> list[dict[str, Any]]:
    with open(SETS / f"{name}_{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _covered(span: dict[str, Any], found: list[tuple[int, int]], text: str) -> float:
    chars = [i for i in range(span["start"], span["end"]) if not text[i].isspace()]
    hit = sum(1 for i in chars if any(s <= i < e for s, e in found))
    return hit / len(chars) if chars else 1.0


def redaction(split: str, redactor: Any = None) -> dict[str, Any]:
    from atlas_desktop.core.data.redact import Redactor

    r = redactor or Redactor()
    values, caught, kind_right = Counter(), Counter(), Counter()
    detected, wrong = Counter(), Counter()
    traps, destroyed = Counter(), Counter()
    misses: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    destroyed_traps: list[dict[str, Any]] = []
    for rec in load("redaction", split):
        text = rec["text"]
        spans = r.find(text)
        found = [(s.start, s.end) for s in spans]
        for g in rec["spans"]:
            values[g["kind"]] += 1
            if _covered(g, found, text) >= COVER:
                caught[g["kind"]] += 1
                kinds = {s.kind for s in spans if s.start < g["end"] and g["start"] < s.end}
                kind_right[g["kind"]] += g["kind"] in kinds
            else:
                misses.append({"id": rec["id"], "kind": g["kind"], "value": g["value"]})
        for s in spans:
            detected[s.kind] += 1
            if not any(s.start < g["end"] and g["start"] < s.end for g in rec["spans"]):
                wrong[s.kind] += 1
                false_positives.append({"id": rec["id"], "kind": s.kind, "value": text[s.start:s.end], "detector": s.detector})
        for t in rec["traps"]:
            traps[t["kind"]] += 1
            if any(s.start < t["end"] and t["start"] < s.end for s in spans):
                destroyed[t["kind"]] += 1
                destroyed_traps.append({"id": rec["id"], "kind": t["kind"], "value": t["value"]})
    per_kind = {}
    for k in sorted(set(values) | set(detected)):
        per_kind[k] = {"values": values[k], "recall": round(caught[k] / values[k], 3) if values[k] else None,
                       "detections": detected[k], "precision": round(1 - wrong[k] / detected[k], 3) if detected[k] else None,
                       "same_kind": round(kind_right[k] / caught[k], 3) if caught[k] else None}
    structured = [k for k in values if k != "NAME"]
    return {
        "split": split, "per_kind": per_kind,
        "structured_recall": round(sum(caught[k] for k in structured) / sum(values[k] for k in structured), 3),
        "name_recall": round(caught["NAME"] / values["NAME"], 3) if values["NAME"] else None,
        "precision": round(1 - sum(wrong.values()) / sum(detected.values()), 3) if detected else None,
        "traps": sum(traps.values()), "traps_destroyed": sum(destroyed.values()),
        "traps_destroyed_by_kind": {k: f"{destroyed[k]}/{traps[k]}" for k in sorted(traps)},
        "misses": misses, "false_positives": false_positives, "destroyed": destroyed_traps,
    }


def dialect(split: str) -> dict[str, Any]:
    from atlas_desktop.core.data.quality import dialect_of

    rows = load("dialect", split)
    per = defaultdict(Counter)
    confusion = []
    for row in rows:
        got = dialect_of(row["text"]).label
        c = per[row["dialect"]]
        c["n"] += 1
        c["committed"] += got != "uncertain"
        c["right"] += got == row["dialect"]
        if got not in (row["dialect"], "uncertain"):
            confusion.append({"id": row["id"], "dialect": row["dialect"], "said": got, "text": row["text"]})
    total = Counter()
    for c in per.values():
        total.update(c)
    fig = lambda c: {"n": c["n"], "accuracy": round(c["right"] / c["n"], 3), "coverage": round(c["committed"] / c["n"], 3),  # noqa: E731
                     "accuracy_when_committed": round(c["right"] / c["committed"], 3) if c["committed"] else None}
    return {"split": split, **fig(total), "per_dialect": {k: fig(v) for k, v in sorted(per.items())}, "wrong": confusion}


def translated(split: str) -> dict[str, Any]:
    from atlas_desktop.core.data.quality import translated_sounding

    rows = load("translated", split)
    flagged = [r for r in rows if translated_sounding(r["translated"], r["question_dialect"]).score >= TRANSLATED_FLAG]
    false_flags = [r for r in rows if translated_sounding(r["native"], r["question_dialect"]).score >= TRANSLATED_FLAG]
    return {"split": split, "pairs": len(rows), "translated_flagged": len(flagged), "recall": round(len(flagged) / len(rows), 3),
            "native_flagged": len(false_flags), "false_flag_rate": round(len(false_flags) / len(rows), 3),
            "missed": [r["id"] for r in rows if r not in flagged], "false_flags": [r["id"] for r in false_flags]}
