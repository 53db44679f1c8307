"""Messages of the serving side (the gateway, its keys, routing and backends): code -> English and
Arabic str.format templates, merged into core.catalogue.CATALOGUE. The API's error bodies are
rendered from these too (in Arabic when the client sends ``Accept-Language: ar``)."""

from __future__ import annotations

# ------------------------------------------------------------------ what a client of the API is told
API: dict[str, dict[str, str]] = {
    "serve.api.missing_key": {
        "en": "No API key: send one as 'Authorization: Bearer atlas-...' (create one with `atlas serve keys create`).",
        "ar": "لا يوجد مفتاح واجهة: أرسله في الترويسة `Authorization: Bearer atlas-...` (أنشئ واحداً بالأمر `atlas serve keys create`).",
    },
    "serve.api.bad_key": {
        "en": "The API key {prefix} is not valid for this gateway, or it was revoked.",
        "ar": "مفتاح الواجهة {prefix} غير صالح لهذه البوابة، أو أنه أُلغي.",
    },
    "serve.api.bad_json": {
        "en": "The request body is not valid JSON: {reason}.",
        "ar": "جسم الطلب ليس JSON صالحاً: {reason}.",
    },
    "serve.api.not_object": {"en": "The request body must be a JSON object.", "ar": "يجب أن يكون جسم الطلب كائن JSON."},
    "serve.api.bad_messages": {
        "en": "'messages' must be a non-empty list of objects, each with a role and content.",
        "ar": "يجب أن يكون الحقل `messages` قائمة غير فارغة من كائنات لكل منها `role` و`content`.",
    },
    "serve.api.bad_field": {
        "en": "The field {field!r} has the wrong type: {expected} expected.",
        "ar": "نوع الحقل {field!r} غير صحيح: المتوقع {expected}.",
    },
    "serve.api.unknown_model": {
        "en": "The model {model!r} does not exist here; this gateway serves {models}.",
        "ar": "النموذج {model!r} غير موجود هنا؛ تخدم هذه البوابة {models}.",
    },
    "serve.api.too_large": {
        "en": "The request is {size} bytes, more than this gateway's limit of {limit} bytes.",
        "ar": "حجم الطلب {size} بايت، أكبر من حد هذه البوابة وهو {limit} بايت.",
    },
    "serve.api.too_large_unknown": {
        "en": "The request is larger than this gateway's limit of {limit} bytes.",
        "ar": "الطلب أكبر من حد هذه البوابة وهو {limit} بايت.",
    },
    "serve.api.no_route": {"en": "There is nothing at {path}.", "ar": "لا يوجد شيء على المسار {path}."},
    "serve.api.method": {"en": "{method} is not allowed on {path}.", "ar": "الطريقة {method} غير مسموح بها على المسار {path}."},
    "serve.api.backend_down": {
        "en": "The model server for {target} is not answering ({reason}); try again shortly.",
        "ar": "خادم النموذج {target} لا يجيب ({reason})؛ أعد المحاولة بعد قليل.",
    },
    "serve.api.backend_error": {
        "en": "The model server for {target} answered with status {status}: {detail}",
        "ar": "أجاب خادم النموذج {target} بالحالة {status}: {detail}",
    },
    "serve.api.internal": {
        "en": "The gateway failed on this request ({error}); it is in the gateway's log.",
        "ar": "تعطّلت البوابة في هذا الطلب ({error})؛ التفاصيل في سجل البوابة.",
    },
    "serve.api.feedback_thumbs": {
        "en": "'thumbs' must be \"up\" or \"down\" (or left out when a ticket_id is given).",
        "ar": "يجب أن تكون قيمة `thumbs` إما `up` أو `down` (أو تُترك عند إرسال `ticket_id`).",
    },
    "serve.api.feedback_completion": {
        "en": "'completion_id' must be the id of a completion this gateway answered (chatcmpl-...).",
        "ar": "يجب أن يكون `completion_id` معرّف إجابة أجابتها هذه البوابة (`chatcmpl-...`).",
    },
    "serve.api.unknown_completion": {
        "en": "No completion {completion_id} was answered for this project.",
        "ar": "لم تُجب أي إجابة بالمعرّف {completion_id} في هذا المشروع.",
    },
    "serve.api.bad_ticket": {
        "en": "'ticket_id' must be text of at most 120 characters.",
        "ar": "يجب أن يكون `ticket_id` نصاً لا يتجاوز مئة وعشرين حرفاً.",
    },
}

# ------------------------------------------------------------------ keys, routing, settings, the gateway process
SERVING: dict[str, dict[str, str]] = {
    "serve.key.name_empty": {"en": "Give the key a name (the client application it is for).", "ar": "أعطِ المفتاح اسماً (التطبيق الذي سيستخدمه)."},
    "serve.key.name_too_long": {"en": "The key's name is {length} characters long; keep it to {maximum}.",
                                "ar": "اسم المفتاح طوله {length} حرفاً؛ اجعله {maximum} حرفاً على الأكثر."},
    "serve.key.not_found": {
        "en": "Project {project!r} has no key {key}; its keys: {keys}.",
        "ar": "لا يوجد في المشروع {project!r} مفتاح {key}؛ مفاتيحه: {keys}.",
    },
    "serve.key.already_revoked": {"en": "The key {key} was already revoked on {when}.", "ar": "أُلغي المفتاح {key} من قبل في {when}."},
    "serve.route.unknown_target": {
        "en": "Project {project!r} has no model version {target}; route to one of {targets}.",
        "ar": "لا توجد في المشروع {project!r} نسخة نموذج {target}؛ وجّه الطلبات إلى إحدى هذه: {targets}.",
    },
    "serve.route.bad_share": {
        "en": "The share of {target} is {share}; a share is a whole number of basis points from 0 to 10000 (1000 = 10%).",
        "ar": "حصة {target} هي {share}؛ الحصة عدد صحيح من أجزاء العشرة آلاف بين `0` و`10000` (`1000` تعني عشرة بالمئة).",
    },
    "serve.route.bad_spec": {
        "en": "{spec!r} is not TARGET=SHARE (e.g. v2=1000 for 10%).",
        "ar": "{spec!r} ليست بالصيغة `TARGET=SHARE` (مثل `v2=1000` لعشرة بالمئة).",
    },
    "serve.route.too_much": {
        "en": "The shares add up to {total}, more than 10000 (100%).",
        "ar": "مجموع الحصص {total}، أكثر من `10000` (أي مئة بالمئة).",
    },
    "serve.route.default_reason": {"en": "set by hand", "ar": "ضُبط يدوياً"},
    "serve.settings.unknown_key": {
        "en": "Unknown serving setting {key!r}; the settings are {keys}.",
        "ar": "إعداد الخدمة {key!r} غير معروف؛ الإعدادات هي {keys}.",
    },
    "serve.settings.bad_value": {
        "en": "The serving setting {key!r} cannot be {value!r}: {expected}.",
        "ar": "لا يمكن أن يكون إعداد الخدمة {key!r} بالقيمة {value!r}: {expected}.",
    },
    "serve.settings.expect_bool": {"en": "true or false", "ar": "`true` أو `false`"},
    "serve.settings.expect_bytes": {"en": "a number of bytes from {low} to {high}", "ar": "عدد من البايتات بين {low} و{high}"},
    "serve.settings.expect_name": {"en": "a model name of letters, digits, '.', '_' or '-'", "ar": "اسم نموذج من حروف وأرقام و`.` و`_` و`-`"},
    "serve.settings.expect_upstreams": {
        "en": "a mapping of targets (v3, base) to an http(s) URL ending in /v1, or to {{\"url\": ..., \"model\": ...}}",
        "ar": "قاموس من الأهداف (`v3` و`base`) إلى عنوان `http(s)` ينتهي بـ`/v1`، أو إلى `{{\"url\": ..., \"model\": ...}}`",
    },
    "serve.settings.expect_text": {"en": "text", "ar": "نص"},
    "serve.cli.needs_project": {
        "en": "Say which project to serve: atlas serve --project NAME.",
        "ar": "حدّد المشروع الذي تريد خدمته: `atlas serve --project NAME`.",
    },
    "serve.cli.no_keys": {
        "en": "Project {project!r} has no client key yet, so every request will be refused: create one with `atlas serve keys create`.",
        "ar": "لا يوجد في المشروع {project!r} مفتاح عميل بعد، لذا ستُرفض كل الطلبات: أنشئ واحداً بالأمر `atlas serve keys create`.",
    },
    "serve.host_not_loopback": {
        "en": "{host} is not a loopback address: the gateway would be reachable from other machines.",
        "ar": "{host} ليس عنوان حلقة محلية: ستصبح البوابة متاحة من أجهزة أخرى.",
    },
    "serve.host_not_loopback.hint": {
        "en": "Add --allow-remote if that is what you want (and put TLS in front of it), or use 127.0.0.1.",
        "ar": "أضف `--allow-remote` إن كان هذا ما تريده (وضع أمامها طبقة `TLS`)، أو استخدم `127.0.0.1`.",
    },
    "serve.port_in_use": {
        "en": "Cannot listen on {host}:{port}: {reason}.",
        "ar": "تعذّر الاستماع على {host}:{port}: {reason}.",
    },
    "serve.no_model": {
        "en": "Project {project!r} has no model to serve yet: train a model version first (`atlas train`).",
        "ar": "لا يوجد في المشروع {project!r} نموذج للخدمة بعد: درّب نسخة نموذج أولاً (`atlas train`).",
    },
    "serve.backend.start_failed": {
        "en": "The model server for {target} did not start: {reason}",
        "ar": "لم يبدأ خادم النموذج {target}: {reason}",
    },
    "serve.backend.exited": {"en": "it exited with status {code} (its log: {log})", "ar": "انتهى بالحالة {code} (سجله: {log})"},
    "serve.backend.no_health": {"en": "no answer on {url} after {seconds} s (its log: {log})",
                                "ar": "لا إجابة على {url} بعد {seconds} ثانية (سجله: {log})"},
    "serve.backend.crashed_twice": {
        "en": "it stopped again after being restarted once (its log: {log})",
        "ar": "توقف مجدداً بعد إعادة تشغيله مرة واحدة (سجله: {log})",
    },
    "serve.backend.unreachable": {"en": "no connection", "ar": "لا اتصال"},
    "serve.backend.timeout": {"en": "no answer in time", "ar": "لم يجب في الوقت المحدد"},
    "serve.service.failed": {
        "en": "The gateway did not start: {detail} (its log: {log})",
        "ar": "لم تبدأ البوابة: {detail} (سجلها: {log})",
    },
    "serve.merge.progress": {"en": "Merging the adapter of {target} into a full model folder", "ar": "دمج محوّل {target} في مجلد نموذج كامل"},
}

SERVING_ALL: dict[str, dict[str, str]] = {**API, **SERVING}
