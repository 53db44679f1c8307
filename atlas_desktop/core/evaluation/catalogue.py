"""Messages of the evaluation loop (suites, generation, metrics, review, report, gate):
code -> English and Arabic str.format templates, merged into core.catalogue.CATALOGUE.
Each part of the loop keeps its own section below (its own dict) so that they grow apart."""

from __future__ import annotations

# ------------------------------------------------------------------ suites and generation
SUITES: dict[str, dict[str, str]] = {
    "eval.suite.bad_line": {
        "en": "{file}, line {line}: {problem}.",
        "ar": "{file}، السطر {line}: {problem}.",
    },
    "eval.suite.bad_line.hint": {
        "en": "Correct that line and import the file again; nothing was stored.",
        "ar": "صحّح ذلك السطر ثم استورد الملف من جديد؛ لم يُخزَّن شيء.",
    },
    "eval.suite.not_object": {"en": "the line is not a JSON object", "ar": "السطر ليس كائن JSON"},
    "eval.suite.unknown_keys": {
        "en": "unknown keys {keys} (an item has id, prompt, reference, intent, dialect, system, context, messages and checks)",
        "ar": "مفاتيح غير معروفة {keys} (مفاتيح البند: id وprompt وreference وintent وdialect وsystem وcontext وmessages وchecks)",
    },
    "eval.suite.not_text": {"en": '"{key}" is not text', "ar": 'الحقل "{key}" ليس نصاً'},
    "eval.suite.turns_not_list": {"en": '"{key}" is not a list of turns', "ar": 'الحقل "{key}" ليس قائمة من الأدوار'},
    "eval.suite.bad_turn": {
        "en": 'turn {i} of "{key}" needs a role (system, user or assistant) and text content',
        "ar": 'الدور {i} في "{key}" يحتاج إلى role (system أو user أو assistant) ومحتوى نصي',
    },
    "eval.suite.checks_not_object": {"en": '"checks" is not an object', "ar": 'الحقل "checks" ليس كائن JSON'},
    "eval.suite.last_turn_not_user": {
        "en": "the conversation does not end with a user turn (or a user turn and its reference answer)",
        "ar": "لا تنتهي المحادثة برسالة من المستخدم (أو برسالة منه يليها الرد المرجعي)",
    },
    "eval.suite.no_user_turn": {
        "en": 'the item has no user turn: give a "prompt" or "messages" ending with a user turn',
        "ar": 'البند بلا رسالة من المستخدم: أضف "prompt" أو "messages" تنتهي برسالة من المستخدم',
    },
    "eval.suite.duplicate_id": {
        "en": '{file}, line {line}: the id "{id}" is already used on line {first}; give each item its own id.',
        "ar": '{file}، السطر {line}: المعرّف "{id}" مستخدم في السطر {first}؛ أعطِ كل بند معرّفاً خاصاً به.',
    },
    "eval.suite.empty": {"en": "{file} holds no evaluation items.", "ar": "لا يحوي {file} أي بند تقييم."},
    "eval.suite.unreadable": {"en": "Cannot read {file}: {reason}.", "ar": "تعذّرت قراءة {file}: {reason}."},
    "eval.suite.not_utf8": {
        "en": "{file} is not UTF-8 text; save it as UTF-8 and import it again.",
        "ar": "الملف {file} ليس نصاً بترميز UTF-8؛ احفظه بهذا الترميز ثم استورده من جديد.",
    },
    "eval.suite.unwritable": {"en": "Cannot write {file}: {reason}.", "ar": "تعذّرت الكتابة في {file}: {reason}."},
    "eval.suite.imported_from": {"en": "imported from {file}", "ar": "مستورد من {file}"},
    "eval.suite.edited": {"en": "edited in the window", "ar": "عُدّل في النافذة"},
    "eval.suite.not_found": {
        "en": 'Project "{project}" has no evaluation suite {name}; its suites: {names}.',
        "ar": 'لا توجد في المشروع "{project}" مجموعة تقييم باسم {name}؛ مجموعاته: {names}.',
    },
    "eval.suite.none": {"en": 'Project "{project}" has no evaluation suite yet.', "ar": 'لا توجد في المشروع "{project}" مجموعة تقييم بعد.'},
    "eval.suite.none.hint": {
        "en": "Import one: atlas eval suite import --project P FILE.jsonl (or Import suite on the Evaluate page).",
        "ar": "استورد واحدة: atlas eval suite import --project P FILE.jsonl (أو «استيراد مجموعة» في صفحة التقييم).",
    },
    "eval.decoding.unknown_key": {
        "en": 'Unknown decoding setting "{key}"; the settings are {keys}.',
        "ar": 'إعداد التوليد "{key}" غير معروف؛ الإعدادات هي {keys}.',
    },
    "eval.decoding.out_of_range": {
        "en": 'The decoding setting "{key}" is {value}; use a number from {low} to {high}.',
        "ar": 'قيمة إعداد التوليد "{key}" هي {value}؛ استخدم عدداً من {low} إلى {high}.',
    },
    "eval.decoding.bad_stop": {
        "en": 'The decoding setting "stop" must be a list of non-empty texts.',
        "ar": 'يجب أن يكون إعداد التوليد "stop" قائمة من نصوص غير فارغة.',
    },
    "eval.adapter_missing": {
        "en": "The model version's adapter folder {path} is missing or damaged; restore the data folder from a backup.",
        "ar": "مجلد المحوّل (adapter) لنسخة النموذج {path} مفقود أو تالف؛ استعد مجلد البيانات من نسخة احتياطية.",
    },
    "eval.settings.unknown_key": {
        "en": 'Unknown evaluation setting "{key}"; the settings are {keys}.',
        "ar": 'إعداد التقييم "{key}" غير معروف؛ الإعدادات هي {keys}.',
    },
    "eval.settings.out_of_range": {
        "en": 'The evaluation setting "{key}" is {value}; use a number from {low} to {high}.',
        "ar": 'قيمة إعداد التقييم "{key}" هي {value}؛ استخدم عدداً من {low} إلى {high}.',
    },
    "eval.progress.scoring": {"en": "Scoring {count} answers of each model…", "ar": "جارٍ حساب درجات {count} إجابة لكل نموذج…"},
    "eval.model_not_found": {
        "en": 'Project "{project}" has no model version {model}; its versions: {names}.',
        "ar": 'لا توجد في المشروع "{project}" نسخة نموذج {model}؛ نسخه: {names}.',
    },
    "eval.model_not_found.hint": {
        "en": "A finished training run registers a model version (atlas runs list shows them).",
        "ar": "كل تدريب يكتمل يسجّل نسخة نموذج (يعرضها الأمر atlas runs list).",
    },
    "eval.base_missing": {
        "en": "The base model {base} of {model} is missing from the model store ({path}).",
        "ar": "النموذج الأساسي {base} الذي بُنيت عليه {model} مفقود من مخزن النماذج ({path}).",
    },
    "eval.base_missing.hint": {
        "en": "Import {base} again with atlas models import, or restore the data folder from a backup.",
        "ar": "استورد {base} من جديد بالأمر atlas models import، أو استعد مجلد البيانات من نسخة احتياطية.",
    },
    "eval.stale.dataset": {
        "en": "dataset version {number} was saved after this evaluation: evaluate again",
        "ar": "حُفظت نسخة البيانات {number} بعد هذا التقييم: أعد التقييم",
    },
    "eval.stale.system_prompt": {
        "en": "the project's system prompt changed after this evaluation: evaluate again",
        "ar": "تغيّرت تعليمات النظام للمشروع بعد هذا التقييم: أعد التقييم",
    },
    "eval.not_evaluated": {"en": "{model} has not been evaluated yet.", "ar": "لم تُقيَّم {model} بعد."},
    "eval.not_evaluated.hint": {
        "en": 'Evaluate it first: atlas eval run --project "{project}" --model {model}',
        "ar": 'قيّمها أولاً: atlas eval run --project "{project}" --model {model}',
    },
    "eval.evaluation_not_found": {"en": "There is no evaluation {id}.", "ar": "لا يوجد تقييم رقمه {id}."},
    "eval.progress.loading": {"en": "Loading {model}…", "ar": "جارٍ تحميل {model}…"},
    "eval.progress.generating": {
        "en": "{model}: {done} of {total} answers",
        "ar": "{model}: {done} من {total} إجابة",
    },
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
    "eval.gate.out_of_date": {
        "en": "The evaluation is out of date: {reasons}.",
        "ar": "التقييم لم يعد حديثاً: {reasons}.",
    },
    "review.bad_score": {
        "en": "The {metric} score of answer {side} is {value}; rate from 1 to 5.",
        "ar": "درجة {metric} للإجابة {side} هي {value}؛ قيّم من ١ إلى ٥.",
    },
    "review.bad_verdict": {
        "en": "Unknown verdict {verdict}: choose A better, B better, tie or both bad.",
        "ar": "حكم غير معروف {verdict}: اختر أ أفضل، أو ب أفضل، أو تعادل، أو كلتاهما سيئة.",
    },
    "review.incomplete": {
        "en": "The rating is not finished: {missing} still to give.",
        "ar": "التقييم لم يكتمل: ما زال ينقص {missing}.",
    },
    "review.flag_needs_note": {
        "en": "Say in the note what is unsafe or inconsistent, so the release manager can act on it.",
        "ar": "اكتب في الملاحظة ما غير الآمن أو غير المتسق، ليتمكن مدير الإصدار من معالجته.",
    },
    "review.pair_not_found": {"en": "There is no review item {id}.", "ar": "لا يوجد بند مراجعة رقمه {id}."},
    "review.resolution_needed": {
        "en": "Say how the flag was resolved.",
        "ar": "اذكر كيف عولجت الملاحظة.",
    },
    "review.flag_not_found": {"en": "Rating {id} has no unsafe or inconsistent flag.", "ar": "التقييم {id} لا يحمل علامة «غير آمن» أو «غير متسق»."},
    "review.quota_short": {
        "en": "Review quota not met: {items} of {total} items still need {need} reviewer(s), and {calibration} of {calibration_total} calibration items still need {calibration_need} reviewers.",
        "ar": "حصة المراجعة لم تكتمل: {items} من {total} بنداً ما زالت تحتاج إلى {need} من المراجعين، و{calibration} من {calibration_total} من بنود المعايرة ما زالت تحتاج إلى {calibration_need} من المراجعين.",
    },
    "review.quota_met": {
        "en": "Review quota met: all {total} items rated by at least {need} reviewer(s), the {calibration_total} calibration items by {calibration_need}.",
        "ar": "اكتملت حصة المراجعة: قيّم {need} من المراجعين على الأقل كل البنود وعددها {total}، وقيّم {calibration_need} منهم بنود المعايرة وعددها {calibration_total}.",
    },
}

EVALUATION: dict[str, dict[str, str]] = {}
for _part in (SUITES, METRICS, REVIEW):
    _clash = EVALUATION.keys() & _part.keys()
    assert not _clash, f"message codes defined twice: {sorted(_clash)}"
    EVALUATION.update(_part)
