<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_SA" sourcelanguage="en_US">
  <context>
    <name>Atlas</name>
    <message>
      <source>The new language and text size apply when the running jobs have finished.</source>
      <translation>تُطبَّق اللغة الجديدة وحجم الخط حين تنتهي المهام الجارية.</translation>
    </message>
    <message>
      <source>person's name</source>
      <translation>اسم شخص</translation>
    </message>
    <message>
      <source>national ID</source>
      <translation>رقم الهوية الوطنية</translation>
    </message>
    <message>
      <source>Emirates ID</source>
      <translation>رقم الهوية الإماراتية</translation>
    </message>
    <message>
      <source>IBAN</source>
      <translation>رقم الحساب الدولي (آيبان)</translation>
    </message>
    <message>
      <source>card number</source>
      <translation>رقم البطاقة</translation>
    </message>
    <message>
      <source>phone number</source>
      <translation>رقم الهاتف</translation>
    </message>
    <message>
      <source>email address</source>
      <translation>البريد الإلكتروني</translation>
    </message>
    <message>
      <source>email pattern</source>
      <translation>نمط البريد الإلكتروني</translation>
    </message>
    <message>
      <source>IBAN check digits</source>
      <translation>أرقام التحقق في الآيبان</translation>
    </message>
    <message>
      <source>Emirates ID check digit</source>
      <translation>رقم التحقق في الهوية الإماراتية</translation>
    </message>
    <message>
      <source>Emirates ID format</source>
      <translation>شكل الهوية الإماراتية</translation>
    </message>
    <message>
      <source>card check digit (Luhn)</source>
      <translation>رقم التحقق في البطاقة (لون)</translation>
    </message>
    <message>
      <source>Saudi ID check digit</source>
      <translation>رقم التحقق في الهوية السعودية</translation>
    </message>
    <message>
      <source>ID number, from the words around it</source>
      <translation>رقم هوية، من الكلمات المحيطة به</translation>
    </message>
    <message>
      <source>possible phone number</source>
      <translation>رقم هاتف محتمل</translation>
    </message>
    <message>
      <source>phone number of a known region</source>
      <translation>رقم هاتف من منطقة معروفة</translation>
    </message>
    <message>
      <source>name rules</source>
      <translation>قواعد الأسماء</translation>
    </message>
    <message>
      <source>no intent</source>
      <translation>بلا فئة نية</translation>
    </message>
    <message>
      <source>Atlas Desktop</source>
      <translation>أطلس سطح المكتب</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;ملف</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>الإعدادات…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>خروج</translation>
    </message>
    <message>
      <source>&amp;Go</source>
      <translation>&amp;انتقال</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>&amp;أدوات</translation>
    </message>
    <message>
      <source>Check this machine</source>
      <translation>فحص هذا الجهاز</translation>
    </message>
    <message>
      <source>Test background jobs</source>
      <translation>اختبار المهام في الخلفية</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;مساعدة</translation>
    </message>
    <message>
      <source>About Atlas Desktop</source>
      <translation>حول أطلس سطح المكتب</translation>
    </message>
    <message>
      <source>Checking this machine</source>
      <translation>جارٍ فحص الجهاز</translation>
    </message>
    <message>
      <source>Background job test</source>
      <translation>اختبار مهمة في الخلفية</translation>
    </message>
    <message>
      <source>Project:</source>
      <translation>المشروع:</translation>
    </message>
    <message>
      <source>No project yet</source>
      <translation>لا يوجد مشروع بعد</translation>
    </message>
    <message>
      <source>Jobs are running</source>
      <translation>توجد مهام قيد التشغيل</translation>
    </message>
    <message>
      <source>Atlas Desktop {version}: fine-tune your own Arabic language model without your data leaving the building.</source>
      <translation>أطلس سطح المكتب {version}: درّب نموذجك اللغوي العربي الخاص دون أن تغادر بياناتك مقر مؤسستك.</translation>
    </message>
    <message>
      <source>Database: {kind}</source>
      <translation>قاعدة البيانات: {kind}</translation>
    </message>
    <message>
      <source>User: {login}</source>
      <translation>المستخدم: {login}</translation>
    </message>
    <message>
      <source>Jobs still running: {n}. Stop them and quit?</source>
      <translation>مهام ما زالت قيد التشغيل: {n}. هل تريد إيقافها والخروج؟</translation>
    </message>
    <message>
      <source>Projects</source>
      <translation>المشاريع</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>البيانات</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>التدريب</translation>
    </message>
    <message>
      <source>Evaluate</source>
      <translation>التقييم</translation>
    </message>
    <message>
      <source>Review</source>
      <translation>المراجعة</translation>
    </message>
    <message>
      <source>Release</source>
      <translation>الإصدار</translation>
    </message>
    <message>
      <source>Monitor</source>
      <translation>المراقبة</translation>
    </message>
    <message>
      <source>Import data…</source>
      <translation>استيراد بيانات…</translation>
    </message>
    <message>
      <source>Try it with the sample data</source>
      <translation>جرّب البيانات النموذجية</translation>
    </message>
    <message>
      <source>Compare with the previous version</source>
      <translation>قارن بالنسخة السابقة</translation>
    </message>
    <message>
      <source>Conversations read</source>
      <translation>المحادثات المقروءة</translation>
    </message>
    <message>
      <source>Kept</source>
      <translation>المحتفَظ بها</translation>
    </message>
    <message>
      <source>Skipped</source>
      <translation>المتروكة</translation>
    </message>
    <message>
      <source>Holdout</source>
      <translation>مجموعة الاختبار</translation>
    </message>
    <message>
      <source>Intents</source>
      <translation>فئات النية</translation>
    </message>
    <message>
      <source>Dialects</source>
      <translation>اللهجات</translation>
    </message>
    <message>
      <source>Redactions</source>
      <translation>الإخفاءات</translation>
    </message>
    <message>
      <source>Sources added</source>
      <translation>المصادر المضافة</translation>
    </message>
    <message>
      <source>Sources removed</source>
      <translation>المصادر المحذوفة</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>النسخة</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
      <source>By</source>
      <translation>بواسطة</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>المصادر</translation>
    </message>
    <message>
      <source>Create or choose a project first (Projects page).</source>
      <translation>أنشئ مشروعاً أو اختر مشروعاً أولاً (صفحة المشاريع).</translation>
    </message>
    <message>
      <source>No difference in content or statistics.</source>
      <translation>لا فرق في المحتوى أو الإحصاءات.</translation>
    </message>
    <message>
      <source>Saved as version {v}: {kept} kept, {train} for training and {hold} held out.</source>
      <translation>حُفظت النسخة {v}: عدد المحادثات المحتفَظ بها {kept}، منها {train} للتدريب و{hold} للاختبار.</translation>
    </message>
    <message>
      <source>No dataset versions yet. Import a chat export: it is checked, redacted, deduplicated and split, then saved as an immutable version.</source>
      <translation>لا توجد نسخ بيانات بعد. استورد تصدير محادثات: يُفحص وتُخفى قيمه الحساسة ويُزال المكرر ويُقسَّم، ثم يُحفظ نسخةً ثابتة لا تتغير.</translation>
    </message>
    <message>
      <source>Version {v} · sha256 {sha}</source>
      <translation>النسخة {v} · البصمة sha256 {sha}</translation>
    </message>
    <message>
      <source>Read: {a}; kept {b}; skipped {c}</source>
      <translation>المقروء: {a}؛ المحتفَظ بها {b}؛ المتروكة {c}</translation>
    </message>
    <message>
      <source>Duplicates removed: {e} exact, {m} near</source>
      <translation>المكرر المحذوف: {e} مطابق، {m} شبه مطابق</translation>
    </message>
    <message>
      <source>Split: {t} train, {h} holdout (share {r})</source>
      <translation>التقسيم: {t} للتدريب، {h} للاختبار (النسبة {r})</translation>
    </message>
    <message>
      <source>Redactions: {r}</source>
      <translation>الإخفاءات: {r}</translation>
    </message>
    <message>
      <source>Intents: {i}</source>
      <translation>فئات النية: {i}</translation>
    </message>
    <message>
      <source>Dialects: {d}</source>
      <translation>اللهجات: {d}</translation>
    </message>
    <message>
      <source>Translated-sounding answers flagged: {t}</source>
      <translation>إجابات تبدو مترجمة: {t}</translation>
    </message>
    <message>
      <source>Sources: {s}</source>
      <translation>المصادر: {s}</translation>
    </message>
    <message>
      <source>from {a} to {b}</source>
      <translation>من {a} إلى {b}</translation>
    </message>
    <message>
      <source>From version {a} to version {b}:</source>
      <translation>من النسخة {a} إلى النسخة {b}:</translation>
    </message>
    <message>
      <source>{what}: {items}</source>
      <translation>{what}: {items}</translation>
    </message>
    <message>
      <source>It adds the new files to version {n}.</source>
      <translation>وهي تضيف الملفات الجديدة إلى النسخة {n}.</translation>
    </message>
    <message>
      <source>Dataset versions of {project}. Each is immutable and traceable to its source files.</source>
      <translation>نسخ بيانات المشروع {project}. كل نسخة ثابتة لا تتغير ويمكن تتبعها إلى ملفاتها الأصلية.</translation>
    </message>
    <message>
      <source>v{n}</source>
      <translation>النسخة {n}</translation>
    </message>
    <message>
      <source>Map columns</source>
      <translation>مطابقة الأعمدة</translation>
    </message>
    <message>
      <source>Customer question</source>
      <translation>سؤال العميل</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>الإجابة</translation>
    </message>
    <message>
      <source>Intent (optional)</source>
      <translation>فئة النية (اختياري)</translation>
    </message>
    <message>
      <source>Dialect (optional)</source>
      <translation>اللهجة (اختياري)</translation>
    </message>
    <message>
      <source>System prompt (optional)</source>
      <translation>تعليمات النظام (اختياري)</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(لا شيء)</translation>
    </message>
    <message>
      <source>Cannot read the file</source>
      <translation>تعذّرت قراءة الملف</translation>
    </message>
    <message>
      <source>Columns of {file}. Atlas recognized the ones it could by name; check them.</source>
      <translation>أعمدة الملف {file}. تعرّف أطلس على ما استطاع منها بأسمائها؛ تحقق منها.</translation>
    </message>
    <message>
      <source>Customer:</source>
      <translation>العميل:</translation>
    </message>
    <message>
      <source>Assistant:</source>
      <translation>المساعد:</translation>
    </message>
    <message>
      <source>System:</source>
      <translation>النظام:</translation>
    </message>
    <message>
      <source>No conversation is held out: {kept} are too few for a holdout share of {share}. Training could not measure its holdout loss; import more conversations or raise the share.</source>
      <translation>لم تُحجز أي محادثة للاختبار: {kept} قليلة جدًا على نسبة اختبار قدرها {share}. لن يستطيع التدريب قياس خسارة مجموعة الاختبار؛ استورد محادثات أكثر أو ارفع النسبة.</translation>
    </message>
    <message>
      <source>Only {n} held out: the holdout loss will be a rough figure.</source>
      <translation>لم يُحجز للاختبار إلا {n}: ستكون خسارة مجموعة الاختبار رقمًا تقريبيًا.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>السابق</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>التالي</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>إغلاق</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>جارٍ البدء…</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
      <source>Import data into {project}</source>
      <translation>استيراد بيانات إلى {project}</translation>
    </message>
    <message>
      <source>Step {n} of {total}: {title}</source>
      <translation>الخطوة {n} من {total}: {title}</translation>
    </message>
    <message>
      <source>Cannot import these files</source>
      <translation>تعذّر استيراد هذه الملفات</translation>
    </message>
    <message>
      <source>Cannot apply the change</source>
      <translation>تعذّر تطبيق التغيير</translation>
    </message>
    <message>
      <source>Cannot save the dataset version</source>
      <translation>تعذّر حفظ نسخة البيانات</translation>
    </message>
    <message>
      <source>{time} left</source>
      <translation>متبقٍ {time}</translation>
    </message>
    <message>
      <source>Duplicates</source>
      <translation>المكرر</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>تطبيق</translation>
    </message>
    <message>
      <source>representative</source>
      <translation>الممثِّلة</translation>
    </message>
    <message>
      <source>exact</source>
      <translation>مطابق</translation>
    </message>
    <message>
      <source>near</source>
      <translation>شبه مطابق</translation>
    </message>
    <message>
      <source>Keep of every cluster</source>
      <translation>الاحتفاظ من كل مجموعة بـ</translation>
    </message>
    <message>
      <source>Keep of the selected cluster</source>
      <translation>الاحتفاظ من المجموعة المحددة بـ</translation>
    </message>
    <message>
      <source>Copies</source>
      <translation>النسخ</translation>
    </message>
    <message>
      <source>Representative (kept)</source>
      <translation>الممثِّلة (محتفَظ بها)</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>النص</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>العضو</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Similarity</source>
      <translation>التشابه</translation>
    </message>
    <message>
      <source>{clusters}: {exact} exact and {near} near copies are left out; the earliest conversation of each cluster represents it. Keep more of a cluster when its copies differ in ways worth learning.</source>
      <translation>{clusters}؛ استُبعد منها {exact} من النسخ المطابقة و{near} من النسخ شبه المطابقة، وتمثّل كلَّ مجموعة أقدمُ محادثة فيها. احتفظ بالمزيد من مجموعة إذا اختلفت نسخها بما يستحق التعلّم.</translation>
    </message>
    <message>
      <source>Near-copies ({n}) of: {text}</source>
      <translation>نسخ شبه مطابقة ({n}) من: {text}</translation>
    </message>
    <message>
      <source>One exchange makes up {share} of the data ({size} near-copies of: {text}). A model trained on it learns that exchange above all; keep 1 of it, or check the export.</source>
      <translation>محادثة واحدة تشكّل {share} من البيانات ({size} نسخة شبه مطابقة من: {text}). والنموذج المدرَّب عليها سيتعلّمها قبل أي شيء آخر؛ احتفظ بنسخة واحدة منها، أو راجع ملف التصدير.</translation>
    </message>
    <message>
      <source>Choose files</source>
      <translation>اختيار الملفات</translation>
    </message>
    <message>
      <source>Add files…</source>
      <translation>إضافة ملفات…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>إزالة</translation>
    </message>
    <message>
      <source>Chat exports: messages JSONL, JSON arrays, ShareGPT, Alpaca, CSV or Excel. Your files are only read, never changed.</source>
      <translation>تصديرات المحادثات: JSONL بصيغة الرسائل، أو مصفوفات JSON، أو ShareGPT، أو Alpaca، أو CSV، أو Excel. تُقرأ ملفاتك فقط ولا تُعدَّل أبداً.</translation>
    </message>
    <message>
      <source>Choose chat exports</source>
      <translation>اختر تصديرات المحادثات</translation>
    </message>
    <message>
      <source>Chat exports (*.jsonl *.json *.csv *.tsv *.xlsx)</source>
      <translation>تصديرات المحادثات (*.jsonl *.json *.csv *.tsv *.xlsx)</translation>
    </message>
    <message>
      <source>Add these files to version {n}: the new version keeps its conversations and sources</source>
      <translation>أضف هذه الملفات إلى النسخة {n}: تحتفظ النسخة الجديدة بمحادثاتها ومصادرها</translation>
    </message>
    <message>
      <source>Use only these files: the new version does not keep version {n}'s conversations</source>
      <translation>استخدم هذه الملفات وحدها: لا تحتفظ النسخة الجديدة بمحادثات النسخة {n}</translation>
    </message>
    <message>
      <source>Customer</source>
      <translation>العميل</translation>
    </message>
    <message>
      <source>Assistant</source>
      <translation>المساعد</translation>
    </message>
    <message>
      <source>System</source>
      <translation>النظام</translation>
    </message>
    <message>
      <source>Add a turn</source>
      <translation>أضف دورًا</translation>
    </message>
    <message>
      <source>Turns</source>
      <translation>أدوار المحادثة</translation>
    </message>
    <message>
      <source>JSON (advanced)</source>
      <translation>JSON (متقدم)</translation>
    </message>
    <message>
      <source>Check and use</source>
      <translation>افحصه واستخدمه</translation>
    </message>
    <message>
      <source>Fix {file} line {line}</source>
      <translation>إصلاح {file} السطر {line}</translation>
    </message>
    <message>
      <source>Applying your choices to every conversation</source>
      <translation>تطبيق اختياراتك على كل المحادثات</translation>
    </message>
    <message>
      <source>Saving the dataset version</source>
      <translation>جارٍ حفظ نسخة البيانات</translation>
    </message>
    <message>
      <source>Reading and checking the files ({n})</source>
      <translation>جارٍ قراءة الملفات وفحصها ({n})</translation>
    </message>
    <message>
      <source>Quality report</source>
      <translation>تقرير الجودة</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>السطر</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>الدرجة</translation>
    </message>
    <message>
      <source>Why it sounds translated</source>
      <translation>سبب بدوّها مترجمة</translation>
    </message>
    <message>
      <source>Answer length (characters)</source>
      <translation>طول الإجابة (بالأحرف)</translation>
    </message>
    <message>
      <source>No warnings.</source>
      <translation>لا توجد تحذيرات.</translation>
    </message>
    <message>
      <source>Redaction review</source>
      <translation>مراجعة الإخفاء</translation>
    </message>
    <message>
      <source>Undo this redaction (false positive)</source>
      <translation>التراجع عن هذا الإخفاء (ليست قيمة حساسة)</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>القيمة</translation>
    </message>
    <message>
      <source>Detector</source>
      <translation>الكاشف</translation>
    </message>
    <message>
      <source>Confidence</source>
      <translation>الثقة</translation>
    </message>
    <message>
      <source>No sensitive values were found in the kept conversations: nothing was redacted.</source>
      <translation>لم تُعثر على قيم حساسة في المحادثات المحتفَظ بها: لم يُخفَ شيء.</translation>
    </message>
    <message>
      <source>Redaction looks for names, phone numbers, e-mail addresses, card, account (IBAN) and national ID numbers. If you expected some here, check that the right files were chosen in step 1.</source>
      <translation>يبحث الإخفاء عن الأسماء وأرقام الهواتف وعناوين البريد الإلكتروني وأرقام البطاقات والحسابات (آيبان) والهويات الوطنية. إن كنت تتوقع وجود شيء منها هنا، فتحقق من اختيار الملفات الصحيحة في الخطوة الأولى.</translation>
    </message>
    <message>
      <source>Sensitive values found: {counts}. Names are the hard case and are listed first; undo any that are not sensitive.</source>
      <translation>القيم الحساسة التي وُجدت: {counts}. الأسماء أصعب الحالات لذا تظهر أولاً؛ تراجع عن إخفاء أي قيمة ليست حساسة.</translation>
    </message>
    <message>
      <source>Save the dataset version</source>
      <translation>حفظ نسخة البيانات</translation>
    </message>
    <message>
      <source>Save dataset version</source>
      <translation>حفظ نسخة البيانات</translation>
    </message>
    <message>
      <source>The dataset version is immutable: a later import makes a new version and never changes this one.</source>
      <translation>نسخة البيانات ثابتة لا تتغير: أي استيراد لاحق ينشئ نسخة جديدة ولا يعدّل هذه النسخة.</translation>
    </message>
    <message>
      <source>Project: {p}</source>
      <translation>المشروع: {p}</translation>
    </message>
    <message>
      <source>Conversations kept: {n} ({train} for training, {hold} held out)</source>
      <translation>المحادثات المحتفَظ بها: {n} ({train} للتدريب، {hold} للاختبار)</translation>
    </message>
    <message>
      <source>Skipped records: {n}</source>
      <translation>السجلات المتروكة: {n}</translation>
    </message>
    <message>
      <source>Duplicates removed: {n}</source>
      <translation>المكرر المحذوف: {n}</translation>
    </message>
    <message>
      <source>Redactions: {n} (undone by review: {u})</source>
      <translation>الإخفاءات: {n} (أُلغي بالمراجعة: {u})</translation>
    </message>
    <message>
      <source>Adds to version {n}: its conversations and sources are kept beside the new files'.</source>
      <translation>تُضاف إلى النسخة {n}: تبقى محادثاتها ومصادرها إلى جانب محادثات الملفات الجديدة ومصادرها.</translation>
    </message>
    <message>
      <source>Holdout split</source>
      <translation>تقسيم مجموعة الاختبار</translation>
    </message>
    <message>
      <source>Split again</source>
      <translation>أعد التقسيم</translation>
    </message>
    <message>
      <source>Holdout share</source>
      <translation>نسبة مجموعة الاختبار</translation>
    </message>
    <message>
      <source>Seed (same seed, same split)</source>
      <translation>البذرة (البذرة نفسها تعطي التقسيم نفسه)</translation>
    </message>
    <message>
      <source>Stratified by intent (and dialect where there are enough conversations); look-alike conversations always land on the same side.</source>
      <translation>التقسيم طبقي حسب فئة النية (وحسب اللهجة حين يكفي عدد المحادثات)، والمحادثات المتشابهة تقع دائماً في الجهة نفسها.</translation>
    </message>
    <message>
      <source>Intent</source>
      <translation>فئة النية</translation>
    </message>
    <message>
      <source>Share {share}: {train} for training, {hold} held out.</source>
      <translation>النسبة {share}: {train} للتدريب، {hold} للاختبار.</translation>
    </message>
    <message>
      <source>Validation report</source>
      <translation>تقرير الفحص</translation>
    </message>
    <message>
      <source>Fix this record…</source>
      <translation>أصلح هذا السجل…</translation>
    </message>
    <message>
      <source>Every record is usable: there is nothing to skip or fix.</source>
      <translation>كل السجلات صالحة للاستخدام: لا شيء يُتخطّى أو يُصلَح.</translation>
    </message>
    <message>
      <source>File</source>
      <translation>الملف</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>السبب</translation>
    </message>
    <message>
      <source>Skip the records below, or fix one in place (your file is not changed).</source>
      <translation>اترك السجلات أدناه، أو أصلح أحدها هنا (لن يتغير ملفك).</translation>
    </message>
    <message>
      <source>Usable conversations: {read}. Records that cannot be used and will be skipped: {bad} (nothing is dropped silently: each is listed here).</source>
      <translation>المحادثات الصالحة: {read}. السجلات غير الصالحة التي ستُترك: {bad} (لا يُحذف شيء دون إعلام: كل سجل مذكور هنا).</translation>
    </message>
    <message>
      <source>no answer</source>
      <translation>لا إجابة</translation>
    </message>
    <message>
      <source>cut off at the token limit</source>
      <translation>مقطوعة عند حد الرموز</translation>
    </message>
    <message>
      <source>Prompt</source>
      <translation>السؤال</translation>
    </message>
    <message>
      <source>Reference answer</source>
      <translation>الإجابة المرجعية</translation>
    </message>
    <message>
      <source>Item {id}</source>
      <translation>العنصر {id}</translation>
    </message>
    <message>
      <source>{model}: task success {score}</source>
      <translation>{model}: نجاح المهمة {score}</translation>
    </message>
    <message>
      <source>Task success by intent</source>
      <translation>نجاح المهمة حسب فئة النية</translation>
    </message>
    <message>
      <source>Nothing to chart yet: no answer has a task-success score, and no reviewer has rated one.</source>
      <translation>لا شيء يُرسم بعد: لا توجد إجابة لها درجة في نجاح المهمة، ولم يقيّم أي مراجع أي إجابة.</translation>
    </message>
    <message>
      <source>Resolve…</source>
      <translation>حسم…</translation>
    </message>
    <message>
      <source>Resolve the flag</source>
      <translation>حسم الإشارة</translation>
    </message>
    <message>
      <source>How was the flag on item {id} resolved?</source>
      <translation>كيف حُسمت الإشارة على العنصر {id}؟</translation>
    </message>
    <message>
      <source>{state} by {who}: {how}</source>
      <translation>{state} — حسمها {who}: {how}</translation>
    </message>
    <message>
      <source>Open flags: {n}</source>
      <translation>الإشارات المفتوحة: {n}</translation>
    </message>
    <message>
      <source>Check the release gate</source>
      <translation>افحص بوابة الإصدار</translation>
    </message>
    <message>
      <source>Evaluation settings…</source>
      <translation>إعدادات التقييم…</translation>
    </message>
    <message>
      <source>Save HTML report…</source>
      <translation>حفظ التقرير بصيغة HTML…</translation>
    </message>
    <message>
      <source>Save PDF…</source>
      <translation>حفظ بصيغة PDF…</translation>
    </message>
    <message>
      <source>Save the report as HTML</source>
      <translation>حفظ التقرير بصيغة HTML</translation>
    </message>
    <message>
      <source>Web pages (*.html)</source>
      <translation>صفحات ويب (*.html)</translation>
    </message>
    <message>
      <source>Save the report as PDF</source>
      <translation>حفظ التقرير بصيغة PDF</translation>
    </message>
    <message>
      <source>PDF documents (*.pdf)</source>
      <translation>مستندات PDF (*.pdf)</translation>
    </message>
    <message>
      <source>PASS</source>
      <translation>ناجح</translation>
    </message>
    <message>
      <source>FAIL</source>
      <translation>راسب</translation>
    </message>
    <message>
      <source>Checked on {date} by {who}.</source>
      <translation>فحصها {who} في {date}.</translation>
    </message>
    <message>
      <source>The model was evaluated again since: check the gate again.</source>
      <translation>أُعيد تقييم النموذج بعد ذلك: افحص البوابة من جديد.</translation>
    </message>
    <message>
      <source>{model} against {production}{sep}page {n} of {total}</source>
      <translation>{model} مقابل {production}{sep}الصفحة {n} من {total}</translation>
    </message>
    <message>
      <source>Not checked yet.</source>
      <translation>لم تُفحص بعد.</translation>
    </message>
    <message>
      <source>Evaluate the model first; then check whether it may replace production.</source>
      <translation>قيّم النموذج أولاً، ثم افحص إن كان يصلح ليحلّ محل نموذج الإنتاج.</translation>
    </message>
    <message>
      <source>The gate passes only if the review quota is met, no unsafe flag is open, the win rate reaches the margin and no intent's task success drops by more than the tolerance.</source>
      <translation>لا يجتاز النموذج البوابة إلا إذا اكتملت حصة المراجعة، ولم تبقَ إشارة «غير آمن» مفتوحة، وبلغت نسبة الفوز الهامش المطلوب، ولم يتراجع نجاح المهمة في أي فئة نية بأكثر من الحد المسموح.</translation>
    </message>
    <message>
      <source>Saved the report as {file}.</source>
      <translation>حُفظ التقرير في {file}.</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>غير محددة</translation>
    </message>
    <message>
      <source>ID</source>
      <translation>المعرّف</translation>
    </message>
    <message>
      <source>Dialect</source>
      <translation>اللهجة</translation>
    </message>
    <message>
      <source>Checks (JSON)</source>
      <translation>الفحوص (JSON)</translation>
    </message>
    <message>
      <source>Edit item</source>
      <translation>تعديل العنصر</translation>
    </message>
    <message>
      <source>Add item</source>
      <translation>إضافة عنصر</translation>
    </message>
    <message>
      <source>The checks are not valid JSON: {problem}.</source>
      <translation>الفحوص ليست JSON صالحاً: {problem}.</translation>
    </message>
    <message>
      <source>Results</source>
      <translation>النتائج</translation>
    </message>
    <message>
      <source>Release gate and report</source>
      <translation>بوابة الإصدار والتقرير</translation>
    </message>
    <message>
      <source>Suites</source>
      <translation>مجموعات التقييم</translation>
    </message>
    <message>
      <source>No model version yet: train one on the Train page, then evaluate it here.</source>
      <translation>لا يوجد إصدار للنموذج بعد: درّب واحداً في صفحة التدريب، ثم قيّمه هنا.</translation>
    </message>
    <message>
      <source>Evaluate again</source>
      <translation>أعد التقييم</translation>
    </message>
    <message>
      <source>Double-click an item to read its prompt and both answers.</source>
      <translation>انقر نقراً مزدوجاً على عنصر لقراءة سؤاله والإجابتين.</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>الخلاصة</translation>
    </message>
    <message>
      <source>By intent</source>
      <translation>حسب فئة النية</translation>
    </message>
    <message>
      <source>By dialect</source>
      <translation>حسب اللهجة</translation>
    </message>
    <message>
      <source>Regressions</source>
      <translation>التراجعات</translation>
    </message>
    <message>
      <source>Flags</source>
      <translation>الإشارات</translation>
    </message>
    <message>
      <source>Choose a model version.</source>
      <translation>اختر إصداراً للنموذج.</translation>
    </message>
    <message>
      <source>No answer was empty or cut off.</source>
      <translation>لم تكن أي إجابة فارغة أو مقطوعة.</translation>
    </message>
    <message>
      <source>Difference (95% interval)</source>
      <translation>الفرق (فترة الثقة ٩٥٪)</translation>
    </message>
    <message>
      <source>Scored</source>
      <translation>المقيسة</translation>
    </message>
    <message>
      <source>Items production got right and the candidate got wrong (task success). Double-click one to read both answers.</source>
      <translation>عناصر أصاب فيها نموذج الإنتاج وأخطأ فيها المرشّح (نجاح المهمة). انقر نقراً مزدوجاً على أحدها لقراءة الإجابتين.</translation>
    </message>
    <message>
      <source>Answers not scored (empty, or cut off at the token limit): {candidate} {c} of {n}, {production} {p} of {n}.</source>
      <translation>إجابات لم تُحتسب لها درجات (فارغة أو مقطوعة عند حد الرموز): {candidate} {c} من {n}، و{production} {p} من {n}.</translation>
    </message>
    <message>
      <source>Differences are the candidate's score minus production's, with their 95% intervals.</source>
      <translation>الفروق هي درجة المرشّح ناقص درجة الإنتاج، مع فترة الثقة ٩٥٪ لكل منها.</translation>
    </message>
    <message>
      <source>This model version has not been evaluated yet: choose a suite and press Evaluate.</source>
      <translation>لم يُقيَّم هذا الإصدار من النموذج بعد: اختر مجموعة تقييم واضغط «التقييم».</translation>
    </message>
    <message>
      <source>Newest evaluation: {model} on {suite}, {items} items, against {production}{sep}{date}, by {who}</source>
      <translation>أحدث تقييم: {model} على {suite}، عدد العناصر {items}، مقابل {production}{sep}{date}، أجراه {who}</translation>
    </message>
    <message>
      <source>Regressions ({n})</source>
      <translation>التراجعات ({n})</translation>
    </message>
    <message>
      <source>This evaluation is out of date: {reasons}.</source>
      <translation>لم يعد هذا التقييم حديثاً: {reasons}.</translation>
    </message>
    <message>
      <source>Win rate of the candidate: {estimate} (95% interval {interval}), from {ratings} ratings of {items} prompts.</source>
      <translation>نسبة فوز المرشّح: {estimate} (فترة الثقة ٩٥٪: {interval})، من تقييمات عددها {ratings} لأسئلة عددها {items}.</translation>
    </message>
    <message>
      <source>Flags ({n})</source>
      <translation>الإشارات ({n})</translation>
    </message>
    <message>
      <source>; </source>
      <translation>؛ </translation>
    </message>
    <message>
      <source>Starting the evaluation process…</source>
      <translation>جارٍ تشغيل عملية التقييم…</translation>
    </message>
    <message>
      <source>Candidate</source>
      <translation>المرشّح</translation>
    </message>
    <message>
      <source>Suite</source>
      <translation>مجموعة التقييم</translation>
    </message>
    <message>
      <source>Evaluating {model}</source>
      <translation>تقييم {model}</translation>
    </message>
    <message>
      <source>Choose or create a project first (Projects page).</source>
      <translation>اختر مشروعاً أو أنشئ واحداً أولاً (صفحة المشاريع).</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>أُلغيت</translation>
    </message>
    <message>
      <source>Production is {model}: the candidate is compared with it.</source>
      <translation>نموذج الإنتاج هو {model}، ويُقارَن المرشّح به.</translation>
    </message>
    <message>
      <source>Production is the base model {base} until a version has been released: the candidate is compared with it.</source>
      <translation>نموذج الإنتاج هو النموذج الأساسي {base} إلى أن يُصدَر أحد الإصدارات، ويُقارَن المرشّح به.</translation>
    </message>
    <message>
      <source>about {eta} left</source>
      <translation>بقي نحو {eta}</translation>
    </message>
    <message>
      <source>Evaluated {model} on {suite}: {n} items.</source>
      <translation>اكتمل تقييم {model} على {suite}: عدد العناصر {n}.</translation>
    </message>
    <message>
      <source>Reviewers per item</source>
      <translation>المراجعون لكل عنصر</translation>
    </message>
    <message>
      <source>The review quota: every item rated by at least this many reviewers.</source>
      <translation>حصة المراجعة: يقيّم كل عنصر هذا العدد من المراجعين على الأقل.</translation>
    </message>
    <message>
      <source>Calibration items</source>
      <translation>عناصر المعايرة</translation>
    </message>
    <message>
      <source>Items every reviewer rates, to measure how well they agree.</source>
      <translation>عناصر يقيّمها كل المراجعين لقياس مدى اتفاقهم.</translation>
    </message>
    <message>
      <source>Reviewers per calibration item</source>
      <translation>المراجعون لكل عنصر معايرة</translation>
    </message>
    <message>
      <source>The quota on the calibration items.</source>
      <translation>حصة المراجعة على عناصر المعايرة.</translation>
    </message>
    <message>
      <source>Win-rate margin</source>
      <translation>هامش نسبة الفوز</translation>
    </message>
    <message>
      <source>The lower end of the win rate's 95% interval must reach this share.</source>
      <translation>يجب أن يبلغ الحد الأدنى لفترة الثقة ٩٥٪ لنسبة الفوز هذه النسبة.</translation>
    </message>
    <message>
      <source>Tolerated drop</source>
      <translation>التراجع المسموح</translation>
    </message>
    <message>
      <source>No intent's task success may fall by more than this.</source>
      <translation>لا يجوز أن يتراجع نجاح المهمة في أي فئة نية بأكثر من هذا.</translation>
    </message>
    <message>
      <source>Holdout items</source>
      <translation>عناصر من مجموعة الاختبار</translation>
    </message>
    <message>
      <source>Conversations from the dataset version's holdout added to the suite's items (0: none).</source>
      <translation>محادثات من مجموعة الاختبار في نسخة البيانات تُضاف إلى عناصر مجموعة التقييم (صفر: لا شيء).</translation>
    </message>
    <message>
      <source>Answer length (tokens)</source>
      <translation>طول الإجابة (بالرموز)</translation>
    </message>
    <message>
      <source>The longest answer each model may give; a longer one is cut off and not scored.</source>
      <translation>أطول إجابة يُسمح بها لكل نموذج؛ وما زاد عليها يُقطع ولا تُحتسب له درجة.</translation>
    </message>
    <message>
      <source>Evaluation settings</source>
      <translation>إعدادات التقييم</translation>
    </message>
    <message>
      <source>These settings apply to every evaluation of the project from now on.</source>
      <translation>تسري هذه الإعدادات على كل تقييم للمشروع من الآن فصاعداً.</translation>
    </message>
    <message>
      <source>Import suite…</source>
      <translation>استيراد مجموعة…</translation>
    </message>
    <message>
      <source>Import the demo suite</source>
      <translation>استيراد مجموعة التقييم التجريبية</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>تصدير…</translation>
    </message>
    <message>
      <source>Add item…</source>
      <translation>إضافة عنصر…</translation>
    </message>
    <message>
      <source>Edit item…</source>
      <translation>تعديل العنصر…</translation>
    </message>
    <message>
      <source>Remove item</source>
      <translation>إزالة العنصر</translation>
    </message>
    <message>
      <source>Save as new version</source>
      <translation>حفظ كنسخة جديدة</translation>
    </message>
    <message>
      <source>Import an evaluation suite</source>
      <translation>استيراد مجموعة تقييم</translation>
    </message>
    <message>
      <source>Evaluation suites (*.jsonl)</source>
      <translation>مجموعات التقييم (*.jsonl)</translation>
    </message>
    <message>
      <source>Export the suite</source>
      <translation>تصدير مجموعة التقييم</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>العناصر</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>ملاحظة</translation>
    </message>
    <message>
      <source>Suite versions</source>
      <translation>نسخ مجموعات التقييم</translation>
    </message>
    <message>
      <source>No suite yet: import one, or start with the demo suite.</source>
      <translation>لا توجد مجموعة تقييم بعد: استورد واحدة، أو ابدأ بالمجموعة التجريبية.</translation>
    </message>
    <message>
      <source>Discard the changes to the items?</source>
      <translation>هل تتجاهل التعديلات على العناصر؟</translation>
    </message>
    <message>
      <source>Exported {suite} to {file}.</source>
      <translation>صُدِّرت {suite} إلى {file}.</translation>
    </message>
    <message>
      <source>Stored as {suite}: {n} items.</source>
      <translation>خُزّنت باسم {suite}: عدد العناصر {n}.</translation>
    </message>
    <message>
      <source>{suite} already has these items: nothing new was stored.</source>
      <translation>في {suite} هذه العناصر نفسها: لم يُخزَّن شيء جديد.</translation>
    </message>
    <message>
      <source>Another item already has the ID {id}; give each item its own.</source>
      <translation>المعرّف {id} لعنصر آخر؛ أعطِ كل عنصر معرّفاً خاصاً به.</translation>
    </message>
    <message>
      <source>Items of {suite}, changed: {n} items. Save them as a new version to use them.</source>
      <translation>عناصر {suite} بعد التعديل: عددها {n}. احفظها كنسخة جديدة لاستخدامها.</translation>
    </message>
    <message>
      <source>Items of {suite}: {n}</source>
      <translation>عناصر {suite}: {n}</translation>
    </message>
    <message>
      <source>{name} v{n}</source>
      <translation>{name} (النسخة {n})</translation>
    </message>
    <message>
      <source>v{n} — {name}</source>
      <translation>الإصدار {n} — {name}</translation>
    </message>
    <message>
      <source>Show in the drift table</source>
      <translation>اعرضها في جدول الانجراف</translation>
    </message>
    <message>
      <source>Request drift</source>
      <translation>انجراف الطلبات</translation>
    </message>
    <message>
      <source>Also past their thresholds: {features}.</source>
      <translation>وتجاوزت حدودها أيضاً: {features}.</translation>
    </message>
    <message>
      <source>training data</source>
      <translation>بيانات التدريب</translation>
    </message>
    <message>
      <source>live requests</source>
      <translation>الطلبات الحية</translation>
    </message>
    <message>
      <source>{feature} (% of requests)</source>
      <translation>{feature} (٪ من الطلبات)</translation>
    </message>
    <message>
      <source>PSI per bucket, and the threshold</source>
      <translation>مؤشر استقرار التوزيع في كل فترة، والحد</translation>
    </message>
    <message>
      <source>Feature</source>
      <translation>الخاصية</translation>
    </message>
    <message>
      <source>PSI</source>
      <translation>مؤشر الاستقرار</translation>
    </message>
    <message>
      <source>JS distance</source>
      <translation>مسافة جنسن-شانون</translation>
    </message>
    <message>
      <source>Threshold</source>
      <translation>الحد</translation>
    </message>
    <message>
      <source>State</source>
      <translation>الحالة</translation>
    </message>
    <message>
      <source>Start the gateway</source>
      <translation>شغّل البوابة</translation>
    </message>
    <message>
      <source>Stop the gateway</source>
      <translation>أوقف البوابة</translation>
    </message>
    <message>
      <source>New key…</source>
      <translation>مفتاح جديد…</translation>
    </message>
    <message>
      <source>A key for one client application; it is shown once, to copy into that application.</source>
      <translation>مفتاح لتطبيق عميل واحد؛ يُعرض مرة واحدة لتنسخه إلى ذلك التطبيق.</translation>
    </message>
    <message>
      <source>Revoke…</source>
      <translation>إبطال المفتاح…</translation>
    </message>
    <message>
      <source>New client key</source>
      <translation>مفتاح عميل جديد</translation>
    </message>
    <message>
      <source>Which client application is the key for (its name, as people know it)?</source>
      <translation>لأي تطبيق عميل هذا المفتاح (اسمه كما يعرفه الناس)؟</translation>
    </message>
    <message>
      <source>Revoke the key</source>
      <translation>إبطال المفتاح</translation>
    </message>
    <message>
      <source>Starting the gateway…</source>
      <translation>جارٍ تشغيل البوابة…</translation>
    </message>
    <message>
      <source>Starting the gateway</source>
      <translation>تشغيل البوابة</translation>
    </message>
    <message>
      <source>Stopping the gateway</source>
      <translation>إيقاف البوابة</translation>
    </message>
    <message>
      <source>Stopping the gateway…</source>
      <translation>جارٍ إيقاف البوابة…</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>نسخ</translation>
    </message>
    <message>
      <source>Client application</source>
      <translation>التطبيق العميل</translation>
    </message>
    <message>
      <source>Key begins</source>
      <translation>بداية المفتاح</translation>
    </message>
    <message>
      <source>Created by</source>
      <translation>أنشأه</translation>
    </message>
    <message>
      <source>The gateway is not running.</source>
      <translation>البوابة لا تعمل.</translation>
    </message>
    <message>
      <source>The gateway is not in this build yet: it comes with `atlas serve`.</source>
      <translation>البوابة ليست في هذا الإصدار بعد: تأتي مع الأمر `atlas serve`.</translation>
    </message>
    <message>
      <source>Applications send their requests to {address}; the gateway listens on this machine only unless told otherwise.</source>
      <translation>ترسل التطبيقات طلباتها إلى {address}؛ ولا تستمع البوابة إلا على هذا الجهاز ما لم يُطلب غير ذلك.</translation>
    </message>
    <message>
      <source>Client keys: {n} in use, {r} revoked. Only each key's hash is kept; a key is shown once, when it is made.</source>
      <translation>مفاتيح العملاء: {n} قيد الاستخدام، و{r} ملغاة. لا تُحفظ إلا بصمة كل مفتاح؛ ويُعرض المفتاح مرة واحدة عند إنشائه.</translation>
    </message>
    <message>
      <source>Key made for {name}: it works from the gateway's next request.</source>
      <translation>أُنشئ مفتاح {name}: يعمل من طلب البوابة التالي.</translation>
    </message>
    <message>
      <source>Revoke the key of {name} (⁦{prefix}…⁩)? Within a second the gateway refuses it (401): that application stops getting answers until it has a new key. This cannot be undone.</source>
      <translation>أتُبطل مفتاح {name} (⁦{prefix}…⁩)؟ خلال ثانية ترفضه البوابة (401)، فيتوقف ذلك التطبيق عن تلقي الإجابات حتى يحصل على مفتاح جديد. لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
      <source>Key of {name} revoked.</source>
      <translation>أُبطل مفتاح {name}.</translation>
    </message>
    <message>
      <source>The key for {name}. Copy it into that application now: it is not shown again (only its hash is kept).</source>
      <translation>مفتاح {name}. انسخه إلى ذلك التطبيق الآن: لن يُعرض مرة أخرى (لا يُحفظ إلا بصمته).</translation>
    </message>
    <message>
      <source>in use</source>
      <translation>قيد الاستخدام</translation>
    </message>
    <message>
      <source>The gateway is running at {url} (process {pid}); it keeps serving when this window closes.</source>
      <translation>البوابة تعمل على {url} (العملية {pid})، وتواصل الخدمة عند إغلاق هذه النافذة.</translation>
    </message>
    <message>
      <source>revoked {date}</source>
      <translation>أُلغي في {date}</translation>
    </message>
    <message>
      <source>unknown model</source>
      <translation>نموذج غير معروف</translation>
    </message>
    <message>
      <source>malformed request</source>
      <translation>طلب غير سليم</translation>
    </message>
    <message>
      <source>too large</source>
      <translation>أكبر من الحد</translation>
    </message>
    <message>
      <source>no valid key</source>
      <translation>بلا مفتاح صالح</translation>
    </message>
    <message>
      <source>Last 24 hours</source>
      <translation>آخر ٢٤ ساعة</translation>
    </message>
    <message>
      <source>Last 7 days</source>
      <translation>آخر ٧ أيام</translation>
    </message>
    <message>
      <source>Last 30 days</source>
      <translation>آخر ٣٠ يوماً</translation>
    </message>
    <message>
      <source>Traffic</source>
      <translation>حركة الطلبات</translation>
    </message>
    <message>
      <source>Gateway</source>
      <translation>البوابة</translation>
    </message>
    <message>
      <source>Reading the telemetry…</source>
      <translation>جارٍ قراءة القياسات…</translation>
    </message>
    <message>
      <source>No requests in this period. Telemetry appears here as the gateway answers requests.</source>
      <translation>لا طلبات في هذه الفترة. تظهر القياسات هنا كلما أجابت البوابة عن الطلبات.</translation>
    </message>
    <message>
      <source>Choose or create a project on the Projects page.</source>
      <translation>اختر مشروعاً أو أنشئه في صفحة المشاريع.</translation>
    </message>
    <message>
      <source>Updated {time}</source>
      <translation>حُدّث في {time}</translation>
    </message>
    <message>
      <source>Refused before routing: {requests} ({reasons})</source>
      <translation>رُفضت قبل التوجيه: {requests} ({reasons})</translation>
    </message>
    <message>
      <source>{target}: {share} of {requests}, p95 {p95} ms</source>
      <translation>{target}: {share} من {requests}، والمئين ٩٥ للزمن {p95} ملّي ثانية</translation>
    </message>
    <message>
      <source>Could not read the telemetry: {error}</source>
      <translation>تعذّرت قراءة القياسات: {error}</translation>
    </message>
    <message>
      <source>Length (words)</source>
      <translation>الطول (بالكلمات)</translation>
    </message>
    <message>
      <source>Dialect mix</source>
      <translation>مزيج اللهجات</translation>
    </message>
    <message>
      <source>Intent mix</source>
      <translation>مزيج فئات النية</translation>
    </message>
    <message>
      <source>Latin share of letters</source>
      <translation>نسبة الحروف اللاتينية</translation>
    </message>
    <message>
      <source>Words never seen in training</source>
      <translation>كلمات لم ترد في التدريب</translation>
    </message>
    <message>
      <source>within the threshold</source>
      <translation>ضمن الحد</translation>
    </message>
    <message>
      <source>drifted</source>
      <translation>منجرف</translation>
    </message>
    <message>
      <source>too few requests</source>
      <translation>الطلبات أقل من اللازم</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>غير مقيس</translation>
    </message>
    <message>
      <source>base model</source>
      <translation>النموذج الأساسي</translation>
    </message>
    <message>
      <source>other</source>
      <translation>أخرى</translation>
    </message>
    <message>
      <source>none</source>
      <translation>لا شيء</translation>
    </message>
    <message>
      <source>under {share}</source>
      <translation>أقل من {share}</translation>
    </message>
    <message>
      <source>Traffic share (%)</source>
      <translation>حصة حركة الطلبات (٪)</translation>
    </message>
    <message>
      <source>Requests</source>
      <translation>الطلبات</translation>
    </message>
    <message>
      <source>Error rate (%)</source>
      <translation>نسبة الأخطاء (٪)</translation>
    </message>
    <message>
      <source>Thumbs-down rate (%)</source>
      <translation>نسبة التقييمات السلبية (٪)</translation>
    </message>
    <message>
      <source>Tickets per 1,000 conversations</source>
      <translation>التذاكر لكل ١٬٠٠٠ محادثة</translation>
    </message>
    <message>
      <source>No requests in this period.</source>
      <translation>لا طلبات في هذه الفترة.</translation>
    </message>
    <message>
      <source>━ median ╍ 95th percentile</source>
      <translation>━ الوسيط ╍ المئين ٩٥</translation>
    </message>
    <message>
      <source>Latency (ms)</source>
      <translation>زمن الاستجابة (ملّي ثانية)</translation>
    </message>
    <message>
      <source>This page is being built; until then, the steps above are not available here.</source>
      <translation>هذه الصفحة قيد الإنشاء، ولن تتوفر الخطوات أعلاه هنا حتى اكتمالها.</translation>
    </message>
    <message>
      <source>New project</source>
      <translation>مشروع جديد</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>حفظ</translation>
    </message>
    <message>
      <source>Make current</source>
      <translation>اجعله المشروع الحالي</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>الوصف</translation>
    </message>
    <message>
      <source>System prompt</source>
      <translation>تعليمات النظام</translation>
    </message>
    <message>
      <source>Intent categories</source>
      <translation>فئات النية</translation>
    </message>
    <message>
      <source>Target dialects</source>
      <translation>اللهجات المستهدفة</translation>
    </message>
    <message>
      <source>Edit project</source>
      <translation>تعديل المشروع</translation>
    </message>
    <message>
      <source>Projects: {n}</source>
      <translation>عدد المشاريع: {n}</translation>
    </message>
    <message>
      <source>Cannot save the project</source>
      <translation>تعذّر حفظ المشروع</translation>
    </message>
    <message>
      <source>Created by {user} on {date}</source>
      <translation>أنشأه {user} في {date}</translation>
    </message>
    <message>
      <source>Start a release…</source>
      <translation>ابدأ إصداراً…</translation>
    </message>
    <message>
      <source>Promote…</source>
      <translation>ترقية…</translation>
    </message>
    <message>
      <source>Pause…</source>
      <translation>إيقاف مؤقت…</translation>
    </message>
    <message>
      <source>Sign the final review…</source>
      <translation>وقّع المراجعة النهائية…</translation>
    </message>
    <message>
      <source>Rollback drill…</source>
      <translation>تمرين تراجع…</translation>
    </message>
    <message>
      <source>Roll back…</source>
      <translation>تراجع…</translation>
    </message>
    <message>
      <source>Versions</source>
      <translation>الإصدارات</translation>
    </message>
    <message>
      <source>History</source>
      <translation>السجل</translation>
    </message>
    <message>
      <source>Launch checklist</source>
      <translation>قائمة التحقق قبل الإطلاق</translation>
    </message>
    <message>
      <source>{ms} ms</source>
      <translation>{ms} ملّي ثانية</translation>
    </message>
    <message>
      <source>Release started: the first stage's share of the traffic goes to the candidate now.</source>
      <translation>بدأ الإصدار: تذهب حصة المرحلة الأولى من حركة الطلبات إلى المرشح الآن.</translation>
    </message>
    <message>
      <source>Promoted.</source>
      <translation>رُقّي.</translation>
    </message>
    <message>
      <source>Resumed.</source>
      <translation>استُؤنف.</translation>
    </message>
    <message>
      <source>Final review signed.</source>
      <translation>وُقّعت المراجعة النهائية.</translation>
    </message>
    <message>
      <source>Choose a release plan</source>
      <translation>اختر خطة إصدار</translation>
    </message>
    <message>
      <source>Release plans (*.yaml *.yml)</source>
      <translation>خطط الإصدار (*.yaml *.yml)</translation>
    </message>
    <message>
      <source>Start a release</source>
      <translation>بدء إصدار</translation>
    </message>
    <message>
      <source>Promote</source>
      <translation>ترقية</translation>
    </message>
    <message>
      <source>Pause the release? The traffic stays as it is; nothing is promoted or rolled back until you resume.</source>
      <translation>أتوقف الإصدار مؤقتاً؟ تبقى حركة الطلبات كما هي، ولا يُرقّى شيء ولا يُتراجع عنه حتى تستأنف.</translation>
    </message>
    <message>
      <source>Sign the final review</source>
      <translation>توقيع المراجعة النهائية</translation>
    </message>
    <message>
      <source>What did you review? Your sign-off is recorded with your name; it counts only if you neither trained the candidate nor started the release.</source>
      <translation>ما الذي راجعته؟ يُسجَّل توقيعك باسمك، ولا يُحتسب إلا إذا لم تكن مَن درّب المرشح ولا مَن بدأ الإصدار.</translation>
    </message>
    <message>
      <source>Rollback drill</source>
      <translation>تمرين تراجع</translation>
    </message>
    <message>
      <source>Roll back</source>
      <translation>تراجع</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>المرحلة</translation>
    </message>
    <message>
      <source>Aliases</source>
      <translation>الأسماء المستعارة</translation>
    </message>
    <message>
      <source>Base model</source>
      <translation>النموذج الأساسي</translation>
    </message>
    <message>
      <source>Dataset</source>
      <translation>البيانات</translation>
    </message>
    <message>
      <source>Evaluation</source>
      <translation>التقييم</translation>
    </message>
    <message>
      <source>Gate</source>
      <translation>البوابة</translation>
    </message>
    <message>
      <source>When</source>
      <translation>متى</translation>
    </message>
    <message>
      <source>Alias</source>
      <translation>الاسم المستعار</translation>
    </message>
    <message>
      <source>From</source>
      <translation>من</translation>
    </message>
    <message>
      <source>To</source>
      <translation>إلى</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>السبب</translation>
    </message>
    <message>
      <source>What</source>
      <translation>ماذا</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>مَن</translation>
    </message>
    <message>
      <source>Where each alias pointed, and why it moved</source>
      <translation>إلامَ أشار كل اسم مستعار، ولماذا تحرّك</translation>
    </message>
    <message>
      <source>What happened in this release</source>
      <translation>ما جرى في هذا الإصدار</translation>
    </message>
    <message>
      <source>No release yet. Start one from a release plan: the playbook's YAML works as written (the model to release, and stages with their traffic and checks).</source>
      <translation>لا إصدار بعد. ابدأ واحداً من خطة إصدار: يعمل ملف YAML الخاص بالدليل كما هو (النموذج المراد إطلاقه، ومراحل بحصصها وفحوصها).</translation>
    </message>
    <message>
      <source>no checks</source>
      <translation>بلا فحوص</translation>
    </message>
    <message>
      <source>{done} of {total} done. Computed from the project's state; nothing here is ticked by hand.</source>
      <translation>أُنجز {done} من {total}. تُحسب من حالة المشروع؛ لا شيء هنا يُعلَّم يدوياً.</translation>
    </message>
    <message>
      <source>Every check of the stage must pass first.</source>
      <translation>يجب أن تنجح كل فحوص المرحلة أولاً.</translation>
    </message>
    <message>
      <source>Resume…</source>
      <translation>استئناف…</translation>
    </message>
    <message>
      <source>Paused.</source>
      <translation>أُوقف مؤقتاً.</translation>
    </message>
    <message>
      <source>Rollback drill under way: all traffic is on the previous version until you resume.</source>
      <translation>تمرين التراجع جارٍ: كل حركة الطلبات على الإصدار السابق حتى تستأنف.</translation>
    </message>
    <message>
      <source>Rolled back: all traffic is on the previous version.</source>
      <translation>تم التراجع: كل حركة الطلبات على الإصدار السابق.</translation>
    </message>
    <message>
      <source>Resume the release? The checks are acted on again.</source>
      <translation>أتستأنف الإصدار؟ يُعمل بنتائج الفحوص من جديد.</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>إيقاف مؤقت</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>استئناف</translation>
    </message>
    <message>
      <source>rollback drill</source>
      <translation>تمرين تراجع</translation>
    </message>
    <message>
      <source>Release {number}: {model} replacing {previous} · {state} · stage {stage} of {stages} · traffic now: {shares}</source>
      <translation>الإصدار {number}: {model} بدلاً من {previous} · {state} · المرحلة {stage} من {stages} · حركة الطلبات الآن: {shares}</translation>
    </message>
    <message>
      <source>not evaluated yet: the gateway evaluates the checks while it runs (or: atlas release tick)</source>
      <translation>لم يُقيَّم بعد: تقيّم البوابة الفحوص وهي تعمل (أو: atlas release tick)</translation>
    </message>
    <message>
      <source>Release {model} in stages {stages}? The first stage sends {first} of the traffic to it at once; each stage is promoted when its checks pass, and rolled back if one keeps failing.</source>
      <translation>أتطلق {model} على مراحل {stages}؟ ترسل المرحلة الأولى {first} من حركة الطلبات إليه فوراً؛ وتُرقّى كل مرحلة حين تنجح فحوصها، ويُتراجع عنها إن ظل أحدها يفشل.</translation>
    </message>
    <message>
      <source>Promote to stage {n}: {traffic} of the traffic to {model}? Users already on it stay on it.</source>
      <translation>أترقّي إلى المرحلة {n}: {traffic} من حركة الطلبات إلى {model}؟ يبقى عليه المستخدمون الذين وصلوا إليه.</translation>
    </message>
    <message>
      <source>Finish the release: {model} becomes production for all traffic, and {previous} stays ready to roll back to?</source>
      <translation>أتُنهي الإصدار: يصبح {model} الإنتاج لكل حركة الطلبات، ويبقى {previous} جاهزاً للتراجع إليه؟</translation>
    </message>
    <message>
      <source>Run a rollback drill? All traffic goes back to {previous} in one step, as a real rollback would, until you resume the release. The drill is recorded for the launch checklist.</source>
      <translation>أتُجري تمرين تراجع؟ تعود كل حركة الطلبات إلى {previous} في خطوة واحدة، كما في تراجع حقيقي، حتى تستأنف الإصدار. يُسجَّل التمرين لقائمة التحقق قبل الإطلاق.</translation>
    </message>
    <message>
      <source>Roll back now? All traffic goes to {previous} in one step; requests already running finish. Why (for the audit trail)?</source>
      <translation>أتتراجع الآن؟ تذهب كل حركة الطلبات إلى {previous} في خطوة واحدة، وتكتمل الطلبات الجارية. ما السبب (لسجل التدقيق)؟</translation>
    </message>
    <message>
      <source>limit {ms} ms</source>
      <translation>الحد {ms} ملّي ثانية</translation>
    </message>
    <message>
      <source>(removed)</source>
      <translation>(أُزيل)</translation>
    </message>
    <message>
      <source>End the drill and resume? {model} gets its stage's share of the traffic again, and the stage is watched afresh.</source>
      <translation>أتُنهي التمرين وتستأنف؟ يعود إلى {model} نصيب مرحلته من حركة الطلبات، وتُراقَب المرحلة من جديد.</translation>
    </message>
    <message>
      <source>Stage {n}: {traffic}
{checks}</source>
      <translation>المرحلة {n}: {traffic}
{checks}</translation>
    </message>
    <message>
      <source>passed</source>
      <translation>نجح</translation>
    </message>
    <message>
      <source>failed</source>
      <translation>فشل</translation>
    </message>
    <message>
      <source>{what} by {who} at {when}: {note}</source>
      <translation>{what} بواسطة {who} في {when}: {note}</translation>
    </message>
    <message>
      <source>{share} thumbs down</source>
      <translation>{share} تقييمات سلبية</translation>
    </message>
    <message>
      <source>needed: {n}</source>
      <translation>المطلوب: {n}</translation>
    </message>
    <message>
      <source>{n} per 1,000</source>
      <translation>{n} لكل ١٠٠٠</translation>
    </message>
    <message>
      <source>Quality</source>
      <translation>الجودة</translation>
    </message>
    <message>
      <source>Latency</source>
      <translation>زمن الاستجابة</translation>
    </message>
    <message>
      <source>Support tickets</source>
      <translation>تذاكر الدعم</translation>
    </message>
    <message>
      <source>Final review</source>
      <translation>المراجعة النهائية</translation>
    </message>
    <message>
      <source>waiting</source>
      <translation>بالانتظار</translation>
    </message>
    <message>
      <source>running</source>
      <translation>قيد التشغيل</translation>
    </message>
    <message>
      <source>paused</source>
      <translation>متوقف مؤقتاً</translation>
    </message>
    <message>
      <source>in a rollback drill</source>
      <translation>في تمرين تراجع</translation>
    </message>
    <message>
      <source>completed</source>
      <translation>مكتمل</translation>
    </message>
    <message>
      <source>rolled back</source>
      <translation>متراجَع عنه</translation>
    </message>
    <message>
      <source>started</source>
      <translation>بدأ</translation>
    </message>
    <message>
      <source>promoted</source>
      <translation>رُقّي</translation>
    </message>
    <message>
      <source>completed: the candidate is production</source>
      <translation>اكتمل: المرشح هو الإنتاج</translation>
    </message>
    <message>
      <source>checks evaluated</source>
      <translation>قُيّمت الفحوص</translation>
    </message>
    <message>
      <source>ready to promote</source>
      <translation>جاهز للترقية</translation>
    </message>
    <message>
      <source>resumed</source>
      <translation>استُؤنف</translation>
    </message>
    <message>
      <source>drill over, resumed</source>
      <translation>انتهى التمرين واستُؤنف</translation>
    </message>
    <message>
      <source>rolled back after completion</source>
      <translation>تُراجع عنه بعد اكتماله</translation>
    </message>
    <message>
      <source>final review signed</source>
      <translation>وُقّعت المراجعة النهائية</translation>
    </message>
    <message>
      <source>candidate</source>
      <translation>مرشح</translation>
    </message>
    <message>
      <source>production</source>
      <translation>الإنتاج</translation>
    </message>
    <message>
      <source>retired</source>
      <translation>متقاعد</translation>
    </message>
    <message>
      <source>No release plan yet.</source>
      <translation>لا خطة إصدار بعد.</translation>
    </message>
    <message>
      <source>Answer A</source>
      <translation>الإجابة أ</translation>
    </message>
    <message>
      <source>Answer B</source>
      <translation>الإجابة ب</translation>
    </message>
    <message>
      <source>Unsafe</source>
      <translation>غير آمن</translation>
    </message>
    <message>
      <source>Inconsistent</source>
      <translation>غير متسق</translation>
    </message>
    <message>
      <source>Note (needed with a flag): what is wrong</source>
      <translation>ملاحظة (لازمة مع الإشارة): ما الخطأ</translation>
    </message>
    <message>
      <source>Customer's question</source>
      <translation>سؤال العميل</translation>
    </message>
    <message>
      <source>from the holdout</source>
      <translation>من مجموعة الاختبار</translation>
    </message>
    <message>
      <source>targeted prompt</source>
      <translation>سؤال موجّه</translation>
    </message>
    <message>
      <source>(no reference answer)</source>
      <translation>(لا إجابة مرجعية)</translation>
    </message>
    <message>
      <source>Earlier turns ({n})</source>
      <translation>الأدوار السابقة ({n})</translation>
    </message>
    <message>
      <source>intent {i}</source>
      <translation>فئة النية {i}</translation>
    </message>
    <message>
      <source>dialect {d}</source>
      <translation>اللهجة {d}</translation>
    </message>
    <message>
      <source>A−</source>
      <translation>أ−</translation>
    </message>
    <message>
      <source>A+</source>
      <translation>أ+</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>السابق</translation>
    </message>
    <message>
      <source>Calibration item: every reviewer rates it</source>
      <translation>بند معايرة: يقيّمه كل المراجعين</translation>
    </message>
    <message>
      <source>Save and next</source>
      <translation>احفظ وانتقل للتالي</translation>
    </message>
    <message>
      <source>Evaluation:</source>
      <translation>التقييم:</translation>
    </message>
    <message>
      <source>This item's rating is saved; it can no longer change.</source>
      <translation>حُفظ تقييم هذا البند، فلم يعد تغييره ممكناً.</translation>
    </message>
    <message>
      <source>{model} ({version}) against {production} on {suite} · {date}</source>
      <translation>{model} ({version}) مقابل {production} على مجموعة {suite}، بتاريخ {date}</translation>
    </message>
    <message>
      <source>Item {n} saved: A was {a}, B was {b}.</source>
      <translation>حُفظ البند {n}: كانت الإجابة أ من {a}، والإجابة ب من {b}.</translation>
    </message>
    <message>
      <source>Smaller text ({k})</source>
      <translation>تصغير النص ({k})</translation>
    </message>
    <message>
      <source>Larger text ({k})</source>
      <translation>تكبير النص ({k})</translation>
    </message>
    <message>
      <source>{metric} of answer {side}: {n} {word}, {meaning}</source>
      <translation>{metric} في الإجابة {side}: {n} {word}، {meaning}</translation>
    </message>
    <message>
      <source>{metric} of answer {side}: {n1} = {low} … {n5} = {high}</source>
      <translation>{metric} في الإجابة {side}: {n1} = {low} … {n5} = {high}</translation>
    </message>
    <message>
      <source>{k} rate</source>
      <translation>{k} للتقييم</translation>
    </message>
    <message>
      <source>{k} move</source>
      <translation>{k} للتنقل</translation>
    </message>
    <message>
      <source>{k} verdict</source>
      <translation>{k} للحكم</translation>
    </message>
    <message>
      <source>{k} flag</source>
      <translation>{k} للإشارة</translation>
    </message>
    <message>
      <source>{k} save and next</source>
      <translation>{k} للحفظ والانتقال</translation>
    </message>
    <message>
      <source>{k} item</source>
      <translation>{k} للبند السابق والتالي</translation>
    </message>
    <message>
      <source>{k} text size</source>
      <translation>{k} لحجم النص</translation>
    </message>
    <message>
      <source>No evaluation yet. Evaluate a model version on the Evaluate page first.</source>
      <translation>لا يوجد تقييم بعد. قيّم إصداراً من النموذج في صفحة التقييم أولاً.</translation>
    </message>
    <message>
      <source>{done} of {total} rated</source>
      <translation>قُيّم {done} من {total}</translation>
    </message>
    <message>
      <source>Item {n} of {total}</source>
      <translation>البند {n} من {total}</translation>
    </message>
    <message>
      <source>Saved. A was {a}, B was {b}.</source>
      <translation>حُفظ التقييم. كانت الإجابة أ من {a}، والإجابة ب من {b}.</translation>
    </message>
    <message>
      <source>Out of date: {reasons}</source>
      <translation>لم يعد حديثاً: {reasons}</translation>
    </message>
    <message>
      <source>Rate every metric of both answers and choose a verdict first ({n} still to give).</source>
      <translation>قيّم كل المعايير في الإجابتين واختر الحكم أولاً (ما زال ينقص {n}).</translation>
    </message>
    <message>
      <source>You have rated every item of this evaluation.</source>
      <translation>قيّمت كل بنود هذا التقييم.</translation>
    </message>
    <message>
      <source>Previous and Next ({k}) show your saved ratings.</source>
      <translation>يعرض «السابق» و«التالي» ({k}) تقييماتك المحفوظة.</translation>
    </message>
    <message>
      <source>A</source>
      <translation>أ</translation>
    </message>
    <message>
      <source>B</source>
      <translation>ب</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>التنسيق</translation>
    </message>
    <message>
      <source>Faithfulness</source>
      <translation>الأمانة للمرجع</translation>
    </message>
    <message>
      <source>Task success</source>
      <translation>نجاح المهمة</translation>
    </message>
    <message>
      <source>A better</source>
      <translation>أ أفضل</translation>
    </message>
    <message>
      <source>B better</source>
      <translation>ب أفضل</translation>
    </message>
    <message>
      <source>Tie</source>
      <translation>تعادل</translation>
    </message>
    <message>
      <source>Both bad</source>
      <translation>كلتاهما سيئة</translation>
    </message>
    <message>
      <source>Truncated: the answer reached the length limit</source>
      <translation>مقطوعة: بلغت الإجابة حد الطول</translation>
    </message>
    <message>
      <source>Empty answer</source>
      <translation>إجابة فارغة</translation>
    </message>
    <message>
      <source>broken</source>
      <translation>ركيكة</translation>
    </message>
    <message>
      <source>Not Arabic, or broken text</source>
      <translation>ليست بالعربية، أو نص مفكك</translation>
    </message>
    <message>
      <source>poor</source>
      <translation>ضعيفة</translation>
    </message>
    <message>
      <source>Arabic with many slips: mixed scripts, garbled or cut short</source>
      <translation>عربية بأخطاء كثيرة: حروف مختلطة أو كلام مشوّش أو مبتور</translation>
    </message>
    <message>
      <source>usable</source>
      <translation>مقبولة</translation>
    </message>
    <message>
      <source>Readable Arabic with some slips of form</source>
      <translation>عربية مفهومة فيها بعض أخطاء الشكل</translation>
    </message>
    <message>
      <source>good</source>
      <translation>جيدة</translation>
    </message>
    <message>
      <source>Good Arabic; a small slip of length or punctuation</source>
      <translation>عربية جيدة؛ هفوة صغيرة في الطول أو الترقيم</translation>
    </message>
    <message>
      <source>clean</source>
      <translation>سليمة</translation>
    </message>
    <message>
      <source>Clean Arabic, the right length and punctuation</source>
      <translation>عربية سليمة، بالطول المناسب والترقيم الصحيح</translation>
    </message>
    <message>
      <source>invented</source>
      <translation>مختلَقة</translation>
    </message>
    <message>
      <source>Contradicts the reference or makes facts up</source>
      <translation>تخالف المرجع أو تختلق معلومات</translation>
    </message>
    <message>
      <source>wrong</source>
      <translation>خاطئة</translation>
    </message>
    <message>
      <source>Several facts wrong or missing</source>
      <translation>عدة معلومات خاطئة أو ناقصة</translation>
    </message>
    <message>
      <source>partial</source>
      <translation>جزئية</translation>
    </message>
    <message>
      <source>Right in the main; a detail wrong or missing</source>
      <translation>صحيحة في جوهرها؛ تفصيل خاطئ أو ناقص</translation>
    </message>
    <message>
      <source>faithful</source>
      <translation>أمينة</translation>
    </message>
    <message>
      <source>Faithful; one minor omission</source>
      <translation>أمينة للمرجع؛ ينقصها تفصيل صغير</translation>
    </message>
    <message>
      <source>accurate</source>
      <translation>دقيقة</translation>
    </message>
    <message>
      <source>Every fact agrees with the reference and the bank's policy</source>
      <translation>كل معلومة توافق المرجع وسياسة البنك</translation>
    </message>
    <message>
      <source>fails</source>
      <translation>فاشلة</translation>
    </message>
    <message>
      <source>Does not help: off the subject, or refuses wrongly</source>
      <translation>لا تساعد: خارج الموضوع، أو ترفض في غير محله</translation>
    </message>
    <message>
      <source>barely</source>
      <translation>بالكاد</translation>
    </message>
    <message>
      <source>Touches the request but leaves the customer stuck</source>
      <translation>تلامس الطلب لكنها تترك العميل عالقاً</translation>
    </message>
    <message>
      <source>partly</source>
      <translation>جزئياً</translation>
    </message>
    <message>
      <source>Helps in part; the customer has to ask again</source>
      <translation>تساعد جزئياً؛ سيضطر العميل إلى السؤال مجدداً</translation>
    </message>
    <message>
      <source>mostly</source>
      <translation>غالباً</translation>
    </message>
    <message>
      <source>Solves the request, with a small gap</source>
      <translation>تحل الطلب مع نقص صغير</translation>
    </message>
    <message>
      <source>solved</source>
      <translation>ناجحة</translation>
    </message>
    <message>
      <source>Solves the request completely</source>
      <translation>تحل الطلب بالكامل</translation>
    </message>
    <message>
      <source>Verdict:</source>
      <translation>الحكم:</translation>
    </message>
    <message>
      <source>Quick demo</source>
      <translation>عرض سريع</translation>
    </message>
    <message>
      <source>Standard</source>
      <translation>قياسي</translation>
    </message>
    <message>
      <source>Thorough</source>
      <translation>شامل</translation>
    </message>
    <message>
      <source>queued</source>
      <translation>في الانتظار</translation>
    </message>
    <message>
      <source>finished</source>
      <translation>مكتمل</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>أُلغي</translation>
    </message>
    <message>
      <source>interrupted</source>
      <translation>انقطع</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>معدل التعلم</translation>
    </message>
    <message>
      <source>Tokens per second</source>
      <translation>رموز في الثانية</translation>
    </message>
    <message>
      <source>Memory (MB)</source>
      <translation>الذاكرة (ميغابايت)</translation>
    </message>
    <message>
      <source>Use preset</source>
      <translation>استخدم الإعداد</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>نموذج</translation>
    </message>
    <message>
      <source>YAML</source>
      <translation>YAML</translation>
    </message>
    <message>
      <source>Start training</source>
      <translation>ابدأ التدريب</translation>
    </message>
    <message>
      <source>Recipe</source>
      <translation>الوصفة</translation>
    </message>
    <message>
      <source>No run in progress.</source>
      <translation>لا يوجد تدريب جارٍ.</translation>
    </message>
    <message>
      <source>Stop at the next checkpoint; resume later.</source>
      <translation>توقّف عند نقطة الحفظ التالية؛ استأنف لاحقاً.</translation>
    </message>
    <message>
      <source>Stop after the current step, saving a checkpoint.</source>
      <translation>توقّف بعد الخطوة الحالية مع حفظ نقطة استئناف.</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>التشغيل</translation>
    </message>
    <message>
      <source>Select one run to see its curves, or several to compare them.</source>
      <translation>اختر تشغيلاً واحداً لترى منحنياته، أو عدة تشغيلات لتقارن بينها.</translation>
    </message>
    <message>
      <source>Import a recipe</source>
      <translation>استيراد وصفة</translation>
    </message>
    <message>
      <source>Recipes (*.yaml *.yml)</source>
      <translation>الوصفات (*.yaml *.yml)</translation>
    </message>
    <message>
      <source>Export the recipe</source>
      <translation>تصدير الوصفة</translation>
    </message>
    <message>
      <source>Resuming run {r}</source>
      <translation>استئناف التشغيل {r}</translation>
    </message>
    <message>
      <source>Training run {r}</source>
      <translation>تشغيل التدريب {r}</translation>
    </message>
    <message>
      <source>Starting the training process…</source>
      <translation>جارٍ بدء عملية التدريب…</translation>
    </message>
    <message>
      <source>Apply to form</source>
      <translation>طبّق على النموذج</translation>
    </message>
    <message>
      <source>Import…</source>
      <translation>استيراد…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
    <message>
      <source>Steps</source>
      <translation>الخطوات</translation>
    </message>
    <message>
      <source>Holdout loss</source>
      <translation>خسارة مجموعة الاختبار</translation>
    </message>
    <message>
      <source>Model version</source>
      <translation>إصدار النموذج</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>البدء</translation>
    </message>
    <message>
      <source>Pausing at the next checkpoint…</source>
      <translation>جارٍ الإيقاف المؤقت عند نقطة الحفظ التالية…</translation>
    </message>
    <message>
      <source>Cancelling: finishing the current step and saving a checkpoint…</source>
      <translation>جارٍ الإلغاء: إنهاء الخطوة الحالية وحفظ نقطة استئناف…</translation>
    </message>
    <message>
      <source>holdout</source>
      <translation>مجموعة الاختبار</translation>
    </message>
    <message>
      <source>Preset</source>
      <translation>إعداد جاهز</translation>
    </message>
    <message>
      <source>Dataset version</source>
      <translation>إصدار البيانات</translation>
    </message>
    <message>
      <source>The run stopped.</source>
      <translation>توقف التشغيل.</translation>
    </message>
    <message>
      <source>No base model is registered yet: run `atlas models import-demo` or `atlas models import-base`.</source>
      <translation>لا يوجد نموذج أساسي مسجّل بعد: شغّل ‎`atlas models import-demo`‎ أو ‎`atlas models import-base`‎.</translation>
    </message>
    <message>
      <source>Run {r} was interrupted; its last checkpoint is at step {s}. Press Resume to continue it.</source>
      <translation>انقطع التشغيل {r}؛ آخر نقطة حفظ له عند الخطوة {s}. اضغط «استئناف» لمتابعته.</translation>
    </message>
    <message>
      <source>v{n} — {train} for training, {holdout} held out</source>
      <translation>النسخة {n} — {train} للتدريب، {holdout} للاختبار</translation>
    </message>
    <message>
      <source>The recipe is valid.</source>
      <translation>الوصفة صالحة.</translation>
    </message>
    <message>
      <source>Step {s} of {t} · loss {l} · {tps} tokens/s</source>
      <translation>الخطوة {s} من {t} · الخسارة {l} · {tps} رمزاً/ث</translation>
    </message>
    <message>
      <source>Finished in {t}: registered as {m} (holdout loss {l}).</source>
      <translation>اكتمل في {t}: سُجّل باسم {m} (خسارة مجموعة الاختبار {l}).</translation>
    </message>
    <message>
      <source>training</source>
      <translation>التدريب</translation>
    </message>
    <message>
      <source>Project {p} has no dataset version yet: import data on the Data page first.</source>
      <translation>لا يوجد إصدار بيانات في المشروع {p} بعد: استورد البيانات من صفحة البيانات أولاً.</translation>
    </message>
    <message>
      <source>The file {f} cannot be read ({e}).</source>
      <translation>تعذّرت قراءة الملف {f} ({e}).</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>الخسارة</translation>
    </message>
    <message>
      <source>Fine-tune a base model with LoRA on a dataset version of {p}. Training runs in a separate process; you can keep working, pause, cancel and resume.</source>
      <translation>درّب نموذجاً أساسياً بطريقة LoRA على إصدار بيانات من {p}. يعمل التدريب في عملية منفصلة؛ يمكنك مواصلة العمل والإيقاف المؤقت والإلغاء والاستئناف.</translation>
    </message>
    <message>
      <source>{rows}, {steps}, micro-batch {mb} × {acc}, {prec} on {dev}.</source>
      <translation>{rows}، {steps}، دفعة صغرى {mb} × {acc}، بدقة {prec} على {dev}.</translation>
    </message>
    <message>
      <source>Step {s}: holdout loss {l}</source>
      <translation>الخطوة {s}: خسارة مجموعة الاختبار {l}</translation>
    </message>
    <message>
      <source>All steps done. Measuring the loss on the whole holdout ({n}); this can take a few minutes…</source>
      <translation>اكتملت كل الخطوات. تُقاس الآن الخسارة على مجموعة الاختبار كلها ({n})، وقد يستغرق ذلك بضع دقائق…</translation>
    </message>
    <message>
      <source>Holdout loss on the whole holdout ({n}): {l}</source>
      <translation>خسارة مجموعة الاختبار كلها ({n}): {l}</translation>
    </message>
    <message>
      <source>Checkpoint saved at step {s}.</source>
      <translation>حُفظت نقطة استئناف عند الخطوة {s}.</translation>
    </message>
    <message>
      <source>Paused at step {s}.</source>
      <translation>أُوقف مؤقتاً عند الخطوة {s}.</translation>
    </message>
    <message>
      <source>Training process started.</source>
      <translation>بدأت عملية التدريب.</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>الإعدادات</translation>
    </message>
    <message>
      <source>Automatic (Arabic digits in the Arabic interface)</source>
      <translation>تلقائي (أرقام عربية في الواجهة العربية)</translation>
    </message>
    <message>
      <source>Latin digits 0123456789</source>
      <translation>أرقام لاتينية 0123456789</translation>
    </message>
    <message>
      <source>Arabic digits ٠١٢٣٤٥٦٧٨٩</source>
      <translation>أرقام عربية ٠١٢٣٤٥٦٧٨٩</translation>
    </message>
    <message>
      <source>Built-in SQLite file (leave empty)</source>
      <translation>ملف SQLite المدمج (اتركه فارغاً)</translation>
    </message>
    <message>
      <source>A PostgreSQL URL (postgresql://user@host/db) lets a team share one registry and review queue. Database changes take effect when Atlas restarts.</source>
      <translation>يتيح عنوان PostgreSQL ‏(postgresql://user@host/db) لفريق كامل مشاركة سجل واحد وقائمة مراجعة واحدة. يسري تغيير قاعدة البيانات عند إعادة تشغيل أطلس.</translation>
    </message>
    <message>
      <source>Interface language</source>
      <translation>لغة الواجهة</translation>
    </message>
    <message>
      <source>Font size</source>
      <translation>حجم الخط</translation>
    </message>
    <message>
      <source>Digits</source>
      <translation>الأرقام</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>قاعدة البيانات</translation>
    </message>
    <message>
      <source>Now using: {url}</source>
      <translation>المستخدمة الآن: {url}</translation>
    </message>
    <message>
      <source>No jobs running</source>
      <translation>لا توجد مهام قيد التشغيل</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>اكتملت</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>فشلت</translation>
    </message>
  </context>
</TS>
