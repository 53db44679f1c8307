<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_SA" sourcelanguage="en_US">
  <context>
    <name>Atlas</name>
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
      <source>{n} jobs are still running. Stop them and quit?</source>
      <translation>ما زالت {n} مهام قيد التشغيل. هل تريد إيقافها والخروج؟</translation>
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
      <source>Sample conversations (resources/samples)</source>
      <translation>محادثات نموذجية (resources/samples)</translation>
    </message>
    <message>
      <source>Evaluation prompts (resources/eval)</source>
      <translation>أسئلة التقييم (resources/eval)</translation>
    </message>
    <message>
      <source>Import chat exports (JSONL, JSON, ShareGPT, Alpaca, CSV, Excel), check every record, redact sensitive values (IDs, IBANs, cards, phones, emails, names), remove duplicates, and keep a clean holdout set.</source>
      <translation>استورد تصديرات المحادثات (JSONL وJSON وShareGPT وAlpaca وCSV وExcel)، وافحص كل سجل، وأخفِ القيم الحساسة (الهويات وأرقام الآيبان والبطاقات والهواتف والبريد الإلكتروني والأسماء)، واحذف المكرر، واحتفظ بمجموعة اختبار نظيفة.</translation>
    </message>
    <message>
      <source>Each import becomes an immutable, content-hashed dataset version you can trace to its source files.</source>
      <translation>يصبح كل استيراد نسخة بيانات ثابتة لا تتغير، معرّفة ببصمة محتواها، يمكن تتبعها إلى ملفاتها الأصلية.</translation>
    </message>
    <message>
      <source>Fine-tune a base model with LoRA on a dataset version, in a separate process, with live loss curves, Pause, Cancel and Resume after a crash.</source>
      <translation>درّب نموذجاً أساسياً بطريقة LoRA على نسخة بيانات، في عملية مستقلة، مع منحنيات خسارة مباشرة وإمكانية الإيقاف المؤقت والإلغاء والاستئناف بعد أي عطل.</translation>
    </message>
    <message>
      <source>Run targeted test prompts against a candidate and the production model, and measure task success, format and faithfulness.</source>
      <translation>شغّل أسئلة اختبار موجّهة على النموذج المرشح ونموذج الإنتاج، وقِس نجاح المهمة والالتزام بالتنسيق ودقة المعلومات.</translation>
    </message>
    <message>
      <source>Rate the candidate's Arabic answers side by side with the production model's, in a right-to-left review pane.</source>
      <translation>قيّم إجابات النموذج المرشح العربية جنباً إلى جنب مع إجابات نموذج الإنتاج، في لوحة مراجعة من اليمين إلى اليسار.</translation>
    </message>
    <message>
      <source>Register model versions, roll one out in stages (10%, 50%, 100% of traffic) with checks at each stage, and roll back in one click.</source>
      <translation>سجّل إصدارات النماذج، وانشر الإصدار على مراحل (10% ثم 50% ثم 100% من الطلبات) مع فحوص عند كل مرحلة، وتراجع بنقرة واحدة.</translation>
    </message>
    <message>
      <source>Watch quality, latency and request drift of the deployed model, with telemetry kept on this machine.</source>
      <translation>راقب جودة النموذج المنشور وزمن استجابته وتغيّر طبيعة الطلبات، مع بقاء بيانات القياس على هذا الجهاز.</translation>
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
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>جارٍ الإلغاء…</translation>
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
      <source>Cancelled</source>
      <translation>أُلغيت</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>فشلت</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>جارٍ البدء…</translation>
    </message>
    <message>
      <source>{time} left</source>
      <translation>متبقٍ {time}</translation>
    </message>
  </context>
</TS>
