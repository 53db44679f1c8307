"""Messages of monitoring (request drift, the telemetry export, help-desk tickets, the Monitor
page's alerts): code -> English and Arabic str.format templates, merged into
core.catalogue.CATALOGUE. The gateway keeps its own (core/serving/catalogue.py)."""

from __future__ import annotations

# ------------------------------------------------------------------ drift
DRIFT: dict[str, dict[str, str]] = {
    "monitor.settings.unknown_key": {
        "en": 'Unknown drift setting "{key}"; the settings are {keys}.',
        "ar": 'إعداد الانجراف "{key}" غير معروف؛ الإعدادات هي {keys}.',
    },
    "monitor.settings.out_of_range": {
        "en": 'The drift setting "{key}" is {value}; use a number from {low} to {high}.',
        "ar": 'قيمة إعداد الانجراف "{key}" هي {value}؛ استخدم عدداً من {low} إلى {high}.',
    },
    "monitor.settings.thresholds_not_map": {
        "en": 'The drift setting "thresholds" must map features ({features}) to numbers.',
        "ar": 'يجب أن يربط إعداد الانجراف `thresholds` كل خاصية ({features}) بعدد.',
    },
    "monitor.settings.unknown_feature": {
        "en": 'Unknown drift feature "{feature}"; the features are {features}.',
        "ar": 'خاصية الانجراف "{feature}" غير معروفة؛ الخصائص هي {features}.',
    },
    "monitor.settings.bad_assignment": {
        "en": 'Write each setting as key=value (for example psi=0.25 or thresholds.dialect=0.3), not "{text}".',
        "ar": 'اكتب كل إعداد على هيئة key=value (مثل `psi=0.25` أو `thresholds.dialect=0.3`)، لا "{text}".',
    },
    "monitor.reference.production": {
        "en": "the training data of {model}, the version in production (dataset v{dataset})",
        "ar": "بيانات تدريب {model}، الإصدار المعتمد في الإنتاج (نسخة البيانات {dataset})",
    },
    "monitor.reference.newest_model": {
        "en": "the training data of {model}, the newest version (none is in production yet; dataset v{dataset})",
        "ar": "بيانات تدريب {model}، أحدث إصدار (لا إصدار في الإنتاج بعد؛ نسخة البيانات {dataset})",
    },
    "monitor.reference.newest_dataset": {
        "en": "dataset v{dataset}, the newest (no model version yet)",
        "ar": "نسخة البيانات {dataset}، الأحدث (لا إصدار نموذج بعد)",
    },
    "monitor.reference.none": {
        "en": "Nothing to compare with: the project has no dataset version yet.",
        "ar": "لا شيء للمقارنة به: ليس في المشروع نسخة بيانات بعد.",
    },
    "monitor.feature.length": {"en": "length", "ar": "الطول"},
    "monitor.feature.dialect": {"en": "dialect mix", "ar": "مزيج اللهجات"},
    "monitor.feature.intent": {"en": "intent mix", "ar": "مزيج فئات النية"},
    "monitor.feature.latin_share": {"en": "Latin share", "ar": "نسبة الحروف اللاتينية"},
    "monitor.feature.oov_share": {"en": "words never seen in training", "ar": "كلمات لم ترد في التدريب"},
    "monitor.drift.alert": {
        "en": "Request drift in {feature}: PSI {value} is above the threshold {threshold}.",
        "ar": "انجراف في الطلبات في {feature}: مؤشر استقرار التوزيع يساوي {value} وهو فوق الحد {threshold}.",
    },
    "monitor.drift.state.ok": {"en": "within the threshold", "ar": "ضمن الحد"},
    "monitor.drift.state.drift": {"en": "drifted", "ar": "منجرف"},
    "monitor.drift.state.too_few": {"en": "too few requests", "ar": "الطلبات أقل من اللازم"},
    "monitor.drift.state.not_measured": {"en": "not measured", "ar": "غير مقيس"},
    "monitor.drift.summary": {
        "en": "{requests:count:request} compared with {reference}.",
        "ar": "قورنت {requests:count:request} ب{reference}.",
    },
}

# ------------------------------------------------------------------ the telemetry export
EXPORT: dict[str, dict[str, str]] = {
    "monitor.export.bad_policy": {
        "en": "{file}, line {line}: {problem}.",
        "ar": "{file}، السطر {line}: {problem}.",
    },
    "monitor.export.bad_policy.hint": {
        "en": "Correct the policy and export again; nothing was written.",
        "ar": "صحّح السياسة ثم صدّر من جديد؛ لم يُكتب شيء.",
    },
    "monitor.export.policy_unreadable": {
        "en": "The policy file {file} cannot be read: {detail}.",
        "ar": "تعذّرت قراءة ملف السياسة {file}: {detail}.",
    },
    "monitor.export.policy_not_map": {
        "en": "the policy is not a YAML mapping (level, fields, since, until)",
        "ar": "السياسة ليست قاموس YAML (`level` و`fields` و`since` و`until`)",
    },
    "monitor.export.unknown_key": {
        "en": 'unknown key "{key}" (a policy has {keys})',
        "ar": 'المفتاح "{key}" غير معروف (مفاتيح السياسة: {keys})',
    },
    "monitor.export.bad_level": {
        "en": 'the level "{value}" is neither "aggregates" nor "rows"',
        "ar": 'المستوى "{value}" ليس `aggregates` ولا `rows`',
    },
    "monitor.export.fields_not_list": {
        "en": '"fields" is not a list of field names',
        "ar": 'الحقل `fields` ليس قائمة بأسماء حقول',
    },
    "monitor.export.unknown_field": {
        "en": 'unknown field "{field}" (the fields at this level are {fields})',
        "ar": 'الحقل "{field}" غير معروف (حقول هذا المستوى: {fields})',
    },
    "monitor.export.field_needs_rows": {
        "en": '"{field}" is a field of single requests: the policy must say level: rows to export it',
        "ar": 'الحقل "{field}" من حقول الطلبات المفردة: يجب أن تنص السياسة على `level: rows` لتصديره',
    },
    "monitor.export.duplicate_key": {
        "en": '"{key}" is given twice',
        "ar": 'المفتاح "{key}" مذكور مرتين',
    },
    "monitor.export.bad_time": {
        "en": '"{value}" is not a date or time (write 2026-11-30 or 2026-11-30T08:00)',
        "ar": '"{value}" ليس تاريخاً أو وقتاً (اكتب `2026-11-30` أو `2026-11-30T08:00`)',
    },
    "monitor.export.not_written": {
        "en": "The export could not be written to {path}: {reason}.",
        "ar": "تعذّرت كتابة التصدير في {path}: {reason}.",
    },
    "monitor.export.done": {
        "en": "Wrote {rows:count:row} ({level}) to {path}; the export is in the audit trail.",
        "ar": "كُتب {rows:count:row} ({level}) في {path}؛ والتصدير مسجّل في سجل التدقيق.",
    },
}

# ------------------------------------------------------------------ help-desk tickets
TICKETS: dict[str, dict[str, str]] = {
    "monitor.tickets.bad_row": {
        "en": "{file}, line {line}: {problem}.",
        "ar": "{file}، السطر {line}: {problem}.",
    },
    "monitor.tickets.bad_row.hint": {
        "en": "Correct that line and import the file again; nothing was stored.",
        "ar": "صحّح ذلك السطر ثم استورد الملف من جديد؛ لم يُخزَّن شيء.",
    },
    "monitor.tickets.unreadable": {
        "en": "The tickets file {file} cannot be read: {detail}.",
        "ar": "تعذّرت قراءة ملف التذاكر {file}: {detail}.",
    },
    "monitor.tickets.missing_columns": {
        "en": "{file} needs a ticket_id column and a completion_id or conversation_id column; its columns are {columns}.",
        "ar": "يحتاج الملف {file} إلى عمود `ticket_id` وعمود `completion_id` أو `conversation_id`؛ وأعمدته هي {columns}.",
    },
    "monitor.tickets.empty": {
        "en": "{file} has no ticket rows.",
        "ar": "لا صفوف تذاكر في الملف {file}.",
    },
    "monitor.tickets.no_ticket": {"en": "the ticket id is empty", "ar": "رقم التذكرة فارغ"},
    "monitor.tickets.no_completion": {"en": "the completion or conversation id is empty", "ar": "معرّف الإجابة أو المحادثة فارغ"},
    "monitor.tickets.unknown_completion": {
        "en": 'no request of this project has the id "{id}"',
        "ar": 'لا طلب في هذا المشروع يحمل المعرّف "{id}"',
    },
    "monitor.tickets.bad_time": {
        "en": 'the created_at value "{value}" is not a date or time (write 2026-11-30 or 2026-11-30T08:00)',
        "ar": 'قيمة `created_at` وهي "{value}" ليست تاريخاً أو وقتاً (اكتب `2026-11-30` أو `2026-11-30T08:00`)',
    },
    "monitor.tickets.too_long": {
        "en": "the id is longer than {maximum} characters",
        "ar": "المعرّف أطول من {maximum} حرفاً",
    },
    "monitor.tickets.imported": {
        "en": "Linked {linked:count:ticket} to their requests; {known:count:ticket} were already linked.",
        "ar": "رُبطت {linked:count:ticket} بطلباتها؛ وكانت {known:count:ticket} مربوطة من قبل.",
    },
}

MONITOR: dict[str, dict[str, str]] = {}
for _part in (DRIFT, EXPORT, TICKETS):
    _clash = MONITOR.keys() & _part.keys()
    assert not _clash, f"message codes defined twice: {sorted(_clash)}"
    MONITOR.update(_part)
