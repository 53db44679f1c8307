"""Messages of the evaluation loop (suites, generation, metrics, review, report, gate):
code -> English and Arabic str.format templates, merged into core.catalogue.CATALOGUE.
Each part of the loop keeps its own section below (its own dict) so that they grow apart."""

from __future__ import annotations

# ------------------------------------------------------------------ suites and generation
SUITES: dict[str, dict[str, str]] = {
}

# ------------------------------------------------------------------ metrics (format, faithfulness, task_success)
METRICS: dict[str, dict[str, str]] = {
    # why an answer has no score
    "eval.metric.answer_empty": {
        "en": "The model gave no answer: not scored.",
        "ar": "لم يُعطِ النموذج أي إجابة، فلم تُحتسب لها درجة.",
    },
    "eval.metric.answer_truncated": {
        "en": "The answer was cut off at the token limit: not scored.",
        "ar": "قُطعت الإجابة عند حد الرموز، فلم تُحتسب لها درجة.",
    },
    "eval.metric.no_reference": {
        "en": "The item has no reference answer to compare with: not scored.",
        "ar": "ليس للبند إجابة مرجعية تُقارن بها، فلم تُحتسب له درجة.",
    },
    "eval.metric.no_checks": {
        "en": "The item has no content checks and no reviewer rated it: not scored.",
        "ar": "ليس للبند فحوص للمحتوى ولم يقيّمه أي مراجع، فلم تُحتسب له درجة.",
    },
    "eval.metric.bad_rating": {
        "en": "A task-success rating must be a whole number from 1 to 5, not {value}.",
        "ar": "يجب أن يكون تقييم إنجاز المهمة عدداً صحيحاً من ١ إلى ٥، لا {value}.",
    },
    "eval.metric.ratings": {
        "en": "Reviewers' mean task-success rating: {mean} of 5 ({n:count:rating}).",
        "ar": "متوسط تقييم المراجعين لإنجاز المهمة: {mean} من ٥ ({n:count:rating}).",
    },
    # format
    "eval.check.script_arabic": {
        "en": "Only {share}% of the letters are Arabic.",
        "ar": "نسبة الحروف العربية {share}% فقط.",
    },
    "eval.check.script_latin": {
        "en": "{share}% of the letters are Arabic in an answer expected in Latin script.",
        "ar": "نسبة الحروف العربية {share}% في إجابة يُنتظر أن تكون بالحروف اللاتينية.",
    },
    "eval.check.latin_words": {
        "en": "English words that are neither in the reference nor in the question: {words}.",
        "ar": "كلمات إنجليزية ليست في الإجابة المرجعية ولا في السؤال: {words}.",
    },
    "eval.check.latin_punctuation": {
        "en": "Latin punctuation in Arabic sentences: {marks} (Arabic writes ؟ ؛ ،).",
        "ar": "علامات ترقيم لاتينية في جمل عربية: {marks} (والعربية تكتب ؟ ؛ ،).",
    },
    "eval.check.too_short": {
        "en": "{words:count:word}: shorter than {low:count:word}.",
        "ar": "{words:count:word}: أقصر من {low:count:word}.",
    },
    "eval.check.too_long": {
        "en": "{words:count:word}: longer than {high:count:word}.",
        "ar": "{words:count:word}: أطول من {high:count:word}.",
    },
    "eval.check.placeholder": {
        "en": "A redaction placeholder was left in the answer: {placeholders}.",
        "ar": "بقي في الإجابة عنصر نائب من الإخفاء: {placeholders}.",
    },
    "eval.check.sensitive_value": {
        "en": "A sensitive value that is not in the reference: {values}.",
        "ar": "قيمة حساسة ليست في الإجابة المرجعية: {values}.",
    },
    "eval.check.leak": {"en": "{parts:sentences}", "ar": "{parts:sentences}"},
    "eval.check.format": {
        "en": "Expected {expected}, found {found}.",
        "ar": "المطلوب {expected}، والموجود {found}.",
    },
    "eval.format.paragraph": {"en": "a paragraph", "ar": "فقرة"},
    "eval.format.bullets": {"en": "a bulleted list", "ar": "قائمة نقطية"},
    "eval.format.numbered": {"en": "a numbered list", "ar": "قائمة مرقمة"},
    "eval.format.steps": {"en": "numbered or ordered steps", "ar": "خطوات مرقمة أو مرتبة"},
    "eval.check.max_sentences": {
        "en": "{n:count:sentence}; at most {maximum} allowed.",
        "ar": "{n:count:sentence}، والحد الأقصى {maximum}.",
    },
    # faithfulness
    "eval.check.chrf_low": {
        "en": "Little wording in common with the reference (character F-score {score}).",
        "ar": "القليل من الصياغة مشترك مع الإجابة المرجعية (مقياس تطابق الحروف {score}).",
    },
    "eval.check.unsupported_number": {
        "en": "The number {number} is in neither the reference, the question nor the policy text.",
        "ar": "الرقم {number} ليس في الإجابة المرجعية ولا في السؤال ولا في نص السياسة.",
    },
    "eval.check.unsupported_phone": {
        "en": "The phone number {number} is in neither the reference, the question nor the policy text.",
        "ar": "رقم الهاتف {number} ليس في الإجابة المرجعية ولا في السؤال ولا في نص السياسة.",
    },
    # task success
    "eval.check.missing_groups": {
        "en": "None of these was found: {groups}.",
        "ar": "لم يُعثر على أيٍّ من: {groups}.",
    },
    "eval.check.missing_phrases": {
        "en": "Not mentioned: {phrases}.",
        "ar": "لم يُذكر: {phrases}.",
    },
    "eval.check.forbidden_phrases": {
        "en": "Mentioned although it must not be: {phrases}.",
        "ar": "ذُكر مع أنه ممنوع: {phrases}.",
    },
    "eval.check.pattern_missing": {
        "en": "Nothing in the answer matches the pattern {pattern}.",
        "ar": "لا شيء في الإجابة يطابق النمط {pattern}.",
    },
    "eval.check.pattern_found": {
        "en": "The pattern {pattern} matches “{found}”.",
        "ar": "النمط {pattern} يطابق «{found}».",
    },
    "eval.check.no_refusal": {
        "en": "The answer should decline the request but does not.",
        "ar": "كان على الإجابة أن ترفض الطلب لكنها لم ترفضه.",
    },
    "eval.check.refused": {
        "en": "The answer declines a request it should answer ({phrase}).",
        "ar": "الإجابة ترفض طلباً كان ينبغي أن تجيب عنه ({phrase}).",
    },
    "eval.check.dialect": {
        "en": "Written in {found}, expected {expected}.",
        "ar": "مكتوبة بـ{found}، والمطلوب {expected}.",
    },
    # an item's checks, as the suite importer reads them
    "eval.check.unknown_key": {
        "en": "Unknown check {key}; the checks are: {known}.",
        "ar": "فحص غير معروف {key}؛ الفحوص المعروفة: {known}.",
    },
    "eval.check.expected_bool": {
        "en": "The check {key} takes `true` or `false`, not {value}.",
        "ar": "يأخذ الفحص {key} القيمة `true` أو `false`، لا {value}.",
    },
    "eval.check.expected_count": {
        "en": "The check {key} takes a whole number above zero, not {value}.",
        "ar": "يأخذ الفحص {key} عدداً صحيحاً أكبر من الصفر، لا {value}.",
    },
    "eval.check.expected_choice": {
        "en": "The check {key} takes one of {choices}, not {value}.",
        "ar": "يأخذ الفحص {key} إحدى القيم {choices}، لا {value}.",
    },
    "eval.check.expected_phrases": {
        "en": "The check {key} takes a list of phrases (non-empty text), not {value}.",
        "ar": "يأخذ الفحص {key} قائمة عبارات (نصوص غير فارغة)، لا {value}.",
    },
    "eval.check.expected_groups": {
        "en": "The check {key} takes a list of groups, each a list of phrases of which any one will do, not {value}.",
        "ar": "يأخذ الفحص {key} قائمة مجموعات، كل منها قائمة عبارات تكفي إحداها، لا {value}.",
    },
    "eval.check.bad_regex": {
        "en": "The pattern {pattern} of the check {key} is not a valid regular expression: {error}.",
        "ar": "النمط {pattern} في الفحص {key} ليس تعبيراً نمطياً صالحاً: {error}.",
    },
}

# ------------------------------------------------------------------ review, report and gate
REVIEW: dict[str, dict[str, str]] = {
}

EVALUATION: dict[str, dict[str, str]] = {}
for _part in (SUITES, METRICS, REVIEW):
    _clash = EVALUATION.keys() & _part.keys()
    assert not _clash, f"message codes defined twice: {sorted(_clash)}"
    EVALUATION.update(_part)
