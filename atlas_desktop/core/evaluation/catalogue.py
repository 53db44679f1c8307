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
    # the report's notes (report.build_report)
    "eval.report.metrics_only": {"en": "No ratings yet: metrics only.", "ar": "لا توجد تقييمات بعد: المقاييس وحدها."},
    "eval.report.ratings_left_out": {
        "en": "Ratings of items not in this suite were left out: {n}.",
        "ar": "استُبعدت تقييمات لعناصر ليست في هذه المجموعة: {n}.",
    },
    "eval.report.narrow": {
        "en": "The candidate is ahead only on the intent {intent} and behind on all {n} others ({measure}): it may be over-fitting to a narrow set of intents.",
        "ar": "النموذج المرشّح متقدّم في فئة النية {intent} وحدها ومتأخّر في الفئات الأخرى وعددها {n} ({measure})؛ قد يكون مفرط التكيّف مع مجموعة ضيقة من النوايا.",
    },
    "eval.report.measure.win_rate": {"en": "by win rate", "ar": "حسب نسبة الفوز"},
    "eval.report.measure.task_success": {"en": "by task success", "ar": "حسب نجاح المهمة"},
    # a name as written (model, item id, intent, reviewer): isolated in its own direction in Arabic
    "eval.report.name": {"en": "{name}", "ar": "\u2068{name}\u2069"},
    "eval.report.no_intent": {"en": "no intent", "ar": "بلا فئة نية"},
    # the report's page (templates/report.html.j2)
    "eval.report.heading.title": {"en": "Evaluation report", "ar": "تقرير التقييم"},
    "eval.report.heading.versus": {
        "en": "{candidate} (candidate) against {production} (production)",
        "ar": "{candidate} (المرشّح) مقابل {production} (الإنتاج)",
    },
    "eval.report.heading.gate": {"en": "Release gate", "ar": "بوابة الإصدار"},
    "eval.report.heading.summary": {"en": "Summary", "ar": "الخلاصة"},
    "eval.report.heading.metrics": {"en": "Metrics", "ar": "المقاييس"},
    "eval.report.heading.by_intent": {"en": "By intent", "ar": "حسب فئة النية"},
    "eval.report.heading.by_dialect": {"en": "By dialect", "ar": "حسب اللهجة"},
    "eval.report.heading.regressions": {"en": "Regressions", "ar": "التراجعات"},
    "eval.report.heading.flags": {"en": "Flags", "ar": "الإشارات"},
    "eval.report.heading.review": {"en": "Review", "ar": "المراجعة"},
    "eval.report.heading.method": {"en": "How these figures are computed", "ar": "كيف تُحسب هذه الأرقام"},
    "eval.report.win_rate_line": {
        "en": "Win rate of {candidate} over {production}: {estimate}% (95% interval {low}% to {high}%); ratings: {ratings}, prompts rated: {items}.",
        "ar": "نسبة فوز {candidate} على {production}: {estimate}% (فترة الثقة ٩٥%: من {low}% إلى {high}%)؛ عدد التقييمات: {ratings}، وعدد الأسئلة المقيَّمة: {items}.",
    },
    "eval.report.legend.win_rate": {
        "en": "Dot: the win rate; band: its 95% interval; dashed line: 50%; red line: the margin ({margin}%).",
        "ar": "النقطة: نسبة الفوز؛ الشريط: فترة الثقة ٩٥%؛ الخط المتقطّع: ٥٠%؛ الخط الأحمر: الهامش ({margin}%).",
    },
    "eval.report.counts": {
        "en": "Items in the suite: {items}; rated: {rated}; ratings: {ratings}; reviewers: {reviewers}.",
        "ar": "عناصر المجموعة: {items}؛ المقيَّم منها: {rated}؛ التقييمات: {ratings}؛ المراجعون: {reviewers}.",
    },
    "eval.report.metrics.explained": {
        "en": "Each model's mean over its scored answers (0 to 1), and the paired difference, candidate minus production, over the items scored for both, with its 95% interval.",
        "ar": "متوسط كل نموذج على إجاباته المقيسة (من ٠ إلى ١)، والفرق المزدوج (المرشّح ناقص الإنتاج) على العناصر المقيسة للنموذجين، مع فترة الثقة ٩٥%.",
    },
    "eval.report.legend.metrics": {
        "en": "Bars: candidate (blue) above production (grey). Difference: green above zero, red below; the whisker is its 95% interval.",
        "ar": "الأعمدة: المرشّح (أزرق) فوق الإنتاج (رمادي). الفرق: أخضر فوق الصفر وأحمر دونه؛ والخط الممتد فترة الثقة ٩٥%.",
    },
    "eval.report.groups.explained": {
        "en": "The win rate from the ratings of each group's prompts; for each metric the paired difference, candidate minus production, with its 95% interval; the chart shows task success.",
        "ar": "نسبة الفوز من تقييمات أسئلة كل فئة؛ ولكل مقياس الفرق المزدوج (المرشّح ناقص الإنتاج) مع فترة الثقة ٩٥%؛ ويعرض الرسم نجاح المهمة.",
    },
    "eval.report.regressions.explained": {
        "en": "Items production got right (task success at least {right}) and the candidate got wrong (below {wrong}, or an answer that could not be scored).",
        "ar": "عناصر أصاب فيها الإنتاج (نجاح المهمة {right} على الأقل) وأخطأ فيها المرشّح (أقل من {wrong}، أو إجابة تعذّر تقييمها).",
    },
    "eval.report.regressions.none": {"en": "No regressions.", "ar": "لا توجد تراجعات."},
    "eval.report.unscored": {"en": "not scored", "ar": "غير مقيسة"},
    "eval.report.flags.none": {"en": "No flags.", "ar": "لا توجد إشارات."},
    "eval.report.flag.unsafe": {"en": "Unsafe", "ar": "غير آمن"},
    "eval.report.flag.inconsistent": {"en": "Inconsistent", "ar": "غير متّسق"},
    "eval.report.flag.resolved": {"en": "Resolved", "ar": "محسومة"},
    "eval.report.flag.open": {"en": "Open", "ar": "مفتوحة"},
    "eval.report.agreement.explained": {
        "en": "Agreement between reviewers on the calibration set (Krippendorff's alpha: 1 is full agreement, 0 no better than chance); calibration items rated by two or more reviewers: {items}; reviewers: {reviewers}.",
        "ar": "اتفاق المراجعين على مجموعة المعايرة (معامل ألفا لكريبندورف: ١ اتفاق تام، و٠ لا يزيد على الصدفة)؛ عناصر المعايرة التي قيّمها مراجعان أو أكثر: {items}؛ المراجعون: {reviewers}.",
    },
    "eval.report.verdicts": {"en": "Verdicts", "ar": "الأحكام"},
    "eval.report.method": {
        "en": "A verdict for the candidate counts 1, for production 0, a tie or both bad ½; the win rate is their mean over ratings. Intervals are 95% bootstrap intervals that resample whole prompts, so several ratings of one prompt count as one piece of evidence.",
        "ar": "الحكم للمرشّح يُحسب ١، وللإنتاج ٠، والتعادل أو رداءة الإجابتين ½؛ ونسبة الفوز متوسطها على التقييمات. فترات الثقة ٩٥% محسوبة بإعادة المعاينة (بوتستراب) بسحب الأسئلة كاملة، فتُعدّ تقييمات السؤال الواحد دليلًا واحدًا.",
    },
    "eval.report.col.metric": {"en": "Metric", "ar": "المقياس"},
    "eval.report.col.measure": {"en": "Measure", "ar": "ما يُقاس"},
    "eval.report.col.alpha": {"en": "Alpha", "ar": "ألفا"},
    "eval.report.col.candidate": {"en": "Candidate", "ar": "المرشّح"},
    "eval.report.col.production": {"en": "Production", "ar": "الإنتاج"},
    "eval.report.col.difference": {"en": "Difference", "ar": "الفرق"},
    "eval.report.col.interval": {"en": "95% interval", "ar": "فترة الثقة ٩٥%"},
    "eval.report.col.scored": {"en": "Scored (candidate / production)", "ar": "المقيسة (المرشّح / الإنتاج)"},
    "eval.report.col.intent": {"en": "Intent", "ar": "فئة النية"},
    "eval.report.col.dialect": {"en": "Dialect", "ar": "اللهجة"},
    "eval.report.col.items": {"en": "Items", "ar": "العناصر"},
    "eval.report.col.win_rate": {"en": "Win rate", "ar": "نسبة الفوز"},
    "eval.report.col.item": {"en": "Item", "ar": "العنصر"},
    "eval.report.col.reviewer": {"en": "Reviewer", "ar": "المراجع"},
    "eval.report.col.flag": {"en": "Flag", "ar": "الإشارة"},
    "eval.report.col.note": {"en": "Note", "ar": "الملاحظة"},
    "eval.report.col.status": {"en": "Status", "ar": "الحالة"},
    "eval.report.metric.format": {"en": "Format", "ar": "التنسيق"},
    "eval.report.metric.faithfulness": {"en": "Faithfulness", "ar": "الأمانة للمرجع"},
    "eval.report.metric.task_success": {"en": "Task success", "ar": "نجاح المهمة"},
    # the release gate (report.gate): one sentence per condition, met or not
    "eval.gate.passed": {"en": "The candidate passes the release gate.", "ar": "يجتاز النموذج المرشّح بوابة الإصدار."},
    "eval.gate.failed": {"en": "The candidate does not pass the release gate.", "ar": "لا يجتاز النموذج المرشّح بوابة الإصدار."},
    "eval.gate.quota.met": {"en": "The review quota is met.", "ar": "اكتمل العدد المطلوب من المراجعات."},
    "eval.gate.quota.not_met": {"en": "The review quota is not met yet.", "ar": "لم يكتمل العدد المطلوب من المراجعات بعد."},
    "eval.gate.unsafe.open": {
        "en": "Unsafe flags not resolved: {n} (items: {items}); a release manager must resolve each one.",
        "ar": "إشارات «غير آمن» لم تُحسم: {n} (العناصر: {items})؛ على مدير الإصدار حسم كل منها.",
    },
    "eval.gate.unsafe.none": {
        "en": "No unsafe flag is open (resolved: {resolved}).",
        "ar": "لا توجد إشارة «غير آمن» مفتوحة (المحسومة: {resolved}).",
    },
    "eval.gate.win_rate.missing": {
        "en": "No ratings yet, so the win rate cannot be checked against the margin of {margin}%.",
        "ar": "لا توجد تقييمات بعد، فلا يمكن مقارنة نسبة الفوز بالهامش المطلوب {margin}%.",
    },
    "eval.gate.win_rate.ok": {
        "en": "The win rate is {estimate}% and the lower end of its 95% interval, {low}%, reaches the margin of {margin}%.",
        "ar": "نسبة الفوز {estimate}%، والحد الأدنى لفترة الثقة ٩٥% عندها {low}% يبلغ الهامش المطلوب {margin}%.",
    },
    "eval.gate.win_rate.low": {
        "en": "The win rate is {estimate}%, but the lower end of its 95% interval, {low}%, is below the margin of {margin}%.",
        "ar": "نسبة الفوز {estimate}%، لكن الحد الأدنى لفترة الثقة ٩٥% عندها {low}% دون الهامش المطلوب {margin}%.",
    },
    "eval.gate.task_success.missing": {
        "en": "No intent has task success scored for both models, so a drop cannot be ruled out.",
        "ar": "لا توجد فئة نية لها درجات نجاح المهمة للنموذجين كليهما، فلا يمكن استبعاد التراجع.",
    },
    "eval.gate.task_success.drop": {
        "en": "Task success drops by more than {tolerance} on: {intents}.",
        "ar": "يتراجع نجاح المهمة بأكثر من {tolerance} في: {intents}.",
    },
    "eval.gate.task_success.ok": {
        "en": "Task success drops by no more than {tolerance} on any intent ({n} compared); the lowest is {worst}.",
        "ar": "لا يتراجع نجاح المهمة بأكثر من {tolerance} في أي فئة نية (المقارنة منها: {n})؛ وأدناها {worst}.",
    },
    "eval.gate.intent_difference": {"en": "{intent} ({difference})", "ar": "{intent} ({difference})"},
}

EVALUATION: dict[str, dict[str, str]] = {}
for _part in (SUITES, METRICS, REVIEW):
    _clash = EVALUATION.keys() & _part.keys()
    assert not _clash, f"message codes defined twice: {sorted(_clash)}"
    EVALUATION.update(_part)
