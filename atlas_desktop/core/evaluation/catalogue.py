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
        "ar": "مفاتيح غير معروفة {keys} (مفاتيح البند: `id` و`prompt` و`reference` و`intent` و`dialect` و`system` و`context` و`messages` و`checks`)",
    },
    "eval.suite.not_text": {"en": '"{key}" is not text', "ar": 'الحقل "{key}" ليس نصاً'},
    "eval.suite.turns_not_list": {"en": '"{key}" is not a list of turns', "ar": 'الحقل "{key}" ليس قائمة من الأدوار'},
    "eval.suite.bad_turn": {
        "en": 'turn {i} of "{key}" needs a role (system, user or assistant) and text content',
        "ar": 'الدور {i} في "{key}" يحتاج إلى `role` (`system` أو `user` أو `assistant`) ومحتوى نصي',
    },
    "eval.suite.checks_not_object": {"en": '"checks" is not an object', "ar": 'الحقل `checks` ليس كائن JSON'},
    "eval.suite.last_turn_not_user": {
        "en": "the conversation does not end with a user turn (or a user turn and its reference answer)",
        "ar": "لا تنتهي المحادثة برسالة من المستخدم (أو برسالة منه يليها الرد المرجعي)",
    },
    "eval.suite.no_user_turn": {
        "en": 'the item has no user turn: give a "prompt" or "messages" ending with a user turn',
        "ar": 'البند بلا رسالة من المستخدم: أضف `prompt` أو `messages` تنتهي برسالة من المستخدم',
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
    "eval.suite.demo_quick": {"en": "demo: {n} items of each intent", "ar": "تجريبية: {n} من العناصر لكل فئة نية"},
    "eval.suite.not_found": {
        "en": 'Project "{project}" has no evaluation suite {name}; its suites: {names}.',
        "ar": 'لا توجد في المشروع "{project}" مجموعة تقييم باسم {name}؛ مجموعاته: {names}.',
    },
    "eval.suite.none": {"en": 'Project "{project}" has no evaluation suite yet.', "ar": 'لا توجد في المشروع "{project}" مجموعة تقييم بعد.'},
    "eval.suite.none.hint": {
        "en": "Import one: atlas eval suite import --project P FILE.jsonl (or Import suite on the Evaluate page).",
        "ar": "استورد واحدة: `atlas eval suite import --project P FILE.jsonl` (أو «استيراد مجموعة» في صفحة التقييم).",
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
        "ar": 'يجب أن يكون إعداد التوليد `stop` قائمة من نصوص غير فارغة.',
    },
    "eval.adapter_missing": {
        "en": "The model version's adapter folder {path} is missing or damaged; restore the data folder from a backup.",
        "ar": "مجلد المحوّل لنسخة النموذج {path} مفقود أو تالف؛ استعد مجلد البيانات من نسخة احتياطية.",
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
        "ar": "كل تدريب يكتمل يسجّل نسخة نموذج (يعرضها الأمر `atlas runs list`).",
    },
    "eval.base_missing": {
        "en": "The base model {base} of {model} is missing from the model store ({path}).",
        "ar": "النموذج الأساسي {base} الذي بُنيت عليه {model} مفقود من مخزن النماذج ({path}).",
    },
    "eval.base_missing.hint": {
        "en": "Import {base} again with atlas models import, or restore the data folder from a backup.",
        "ar": "استورد {base} من جديد بالأمر `atlas models import`، أو استعد مجلد البيانات من نسخة احتياطية.",
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
        "ar": 'قيّمها أولاً: `atlas eval run --project "{project}" --model {model}`',
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
