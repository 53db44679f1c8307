"""Messages of the evaluation loop (suites, generation, metrics, review, report, gate):
code -> English and Arabic str.format templates, merged into core.catalogue.CATALOGUE.
Each part of the loop keeps its own section below (its own dict) so that they grow apart."""

from __future__ import annotations

# ------------------------------------------------------------------ suites and generation
SUITES: dict[str, dict[str, str]] = {
}

# ------------------------------------------------------------------ metrics (format, faithfulness, task_success)
METRICS: dict[str, dict[str, str]] = {
}

# ------------------------------------------------------------------ review, report and gate
REVIEW: dict[str, dict[str, str]] = {
    # reviewers' agreement on the calibration set (stats.agreement_or_reason)
    "eval.report.agreement.none": {
        "en": "No calibration item has been rated by two reviewers yet, so their agreement is not measured.",
        "ar": "لم يُقيّم أي عنصر من عناصر المعايرة من قِبل مراجعَين اثنين بعد، لذا لا يُقاس اتفاقهم.",
    },
    "eval.report.agreement.few": {
        "en": "Calibration items rated by two or more reviewers: {n}; agreement is measured from {minimum}.",
        "ar": "عناصر المعايرة التي قيّمها مراجعان أو أكثر: {n}؛ ويُقاس الاتفاق ابتداءً من {minimum}.",
    },
    "eval.report.agreement.no_variation": {
        "en": "Every calibration rating is the same, so agreement cannot be measured.",
        "ar": "جميع تقييمات المعايرة متطابقة، لذا لا يمكن قياس الاتفاق.",
    },
}

EVALUATION: dict[str, dict[str, str]] = {}
for _part in (SUITES, METRICS, REVIEW):
    _clash = EVALUATION.keys() & _part.keys()
    assert not _clash, f"message codes defined twice: {sorted(_clash)}"
    EVALUATION.update(_part)
