"""Counted nouns in English and Arabic: "1 answer", "16 answers"; "إجابة واحدة", "إجابتان",
"٣ إجابات", "١٦ إجابة", "١٠٠ إجابة" (Arabic plural rules, as CLDR has them: one, two, 3-10,
11-99 and the rest). Used by the core's messages (``{n:count:answer}``) and by the ui."""

from __future__ import annotations

from atlas_desktop.core.arabic import format_number

# English singular and plural; Arabic one, two, 3-10, 11-99 (accusative), and 0, 100, 1000... (genitive).
NOUNS: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "conversation": ("conversation", "conversations", "محادثة واحدة", "محادثتان", "محادثات", "محادثة", "محادثة"),
    "record": ("record", "records", "سجل واحد", "سجلان", "سجلات", "سجلًا", "سجل"),
    "answer": ("answer", "answers", "إجابة واحدة", "إجابتان", "إجابات", "إجابة", "إجابة"),
    "row": ("row", "rows", "صف واحد", "صفان", "صفوف", "صفًّا", "صف"),
    "value": ("value", "values", "قيمة واحدة", "قيمتان", "قيم", "قيمة", "قيمة"),
    "example": ("example", "examples", "مثال واحد", "مثالان", "أمثلة", "مثالًا", "مثال"),
    "file": ("file", "files", "ملف واحد", "ملفان", "ملفات", "ملفًا", "ملف"),
    "step": ("step", "steps", "خطوة واحدة", "خطوتان", "خطوات", "خطوة", "خطوة"),
    "job": ("job", "jobs", "مهمة واحدة", "مهمتان", "مهام", "مهمة", "مهمة"),
    "word": ("word", "words", "كلمة واحدة", "كلمتان", "كلمات", "كلمةً", "كلمة"),
    "rating": ("rating", "ratings", "تقييم واحد", "تقييمان", "تقييمات", "تقييمًا", "تقييم"),
    "sentence": ("sentence", "sentences", "جملة واحدة", "جملتان", "جمل", "جملةً", "جملة"),
    "cluster": ("cluster of copies", "clusters of copies", "مجموعة نسخ واحدة", "مجموعتا نسخ", "مجموعات نسخ", "مجموعةَ نسخ", "مجموعة نسخ"),
    "item": ("item", "items", "بند واحد", "بندان", "بنود", "بندًا", "بند"),
    "request": ("request", "requests", "طلب واحد", "طلبان", "طلبات", "طلبًا", "طلب"),
    "ticket": ("ticket", "tickets", "تذكرة واحدة", "تذكرتان", "تذاكر", "تذكرةً", "تذكرة"),
}


def counted(n: object, noun: str, lang: str = "en", arabic_digits: bool = True) -> str:
    """``n`` with its noun as the language counts; a value that is not a whole number is shown as it is."""
    if isinstance(n, bool) or not isinstance(n, int):
        return str(n)
    en_one, en_many, ar_one, ar_two, ar_few, ar_many, ar_other = NOUNS[noun]
    if lang != "ar":
        return f"{format_number(n)} {en_one if n == 1 else en_many}"
    if n in (1, 2):
        return ar_one if n == 1 else ar_two
    rest = n % 100
    return f"{format_number(n, arabic_digits)} {ar_few if 3 <= rest <= 10 else ar_many if 11 <= rest <= 99 else ar_other}"
