"""Quality figures measured out of sample: redaction, dialect and translated-answer detection
on the independent evaluation sets (resources/eval/independent/, written apart from the rules
by an author who never saw them; see its README).

    .venv/bin/python bench/quality.py [--split test|dev] [--details]

The rules may be improved by looking at the dev split only; the test split is only ever
scored. Definitions are in tests/helpers/independent_eval.py. Figures are printed and saved to
bench/results/quality_<split>.json (without the per-item lists unless --details).
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=("test", "dev"))
    ap.add_argument("--details", action="store_true", help="keep the lists of misses and false positives")
    args = ap.parse_args()
    from startup import machine

    from tests.helpers import independent_eval as E

    red, dia, trn = E.redaction(args.split), E.dialect(args.split), E.translated(args.split)
    if not args.details:
        for k in ("misses", "false_positives", "destroyed"):
            red[k] = len(red[k])
        dia["wrong"] = len(dia["wrong"])
        trn["missed"], trn["false_flags"] = len(trn["missed"]), len(trn["false_flags"])
    result = {"benchmark": "quality", "split": args.split, "redaction": red, "dialect": dia, "translated": trn,
              "machine": machine(), "date": time.strftime("%Y-%m-%d")}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"quality_{args.split}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"redaction ({args.split}): structured values {red['structured_recall']:.1%} redacted, names {red['name_recall']:.1%}, "
          f"precision {red['precision']:.1%}, traps destroyed {red['traps_destroyed']} of {red['traps']}")
    for kind, f in red["per_kind"].items():
        print(f"  {kind:12} values {f['values']:4}  recall {f['recall']}  detections {f['detections']:4}  precision {f['precision']}")
    print(f"  traps destroyed by kind: {red['traps_destroyed_by_kind']}")
    print(f"dialect ({args.split}): accuracy {dia['accuracy']:.1%}, commits on {dia['coverage']:.1%}, right when it commits {dia['accuracy_when_committed']:.1%}")
    for d, f in dia["per_dialect"].items():
        print(f"  {d:10} accuracy {f['accuracy']:.1%}  coverage {f['coverage']:.1%}")
    print(f"translated-sounding ({args.split}): {trn['translated_flagged']} of {trn['pairs']} translated answers flagged, "
          f"{trn['native_flagged']} of {trn['pairs']} native answers flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
