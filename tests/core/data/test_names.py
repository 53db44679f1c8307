"""Person names (atlas_desktop/core/data/names.py): names that must be found, look-alikes that must not.

Hand-written examples, Arabic and English; none comes from the independent evaluation sets.
"""

import pytest

from atlas_desktop.core.data.names import find_names
from atlas_desktop.core.data.redact import Redactor


def names_in(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in find_names(text)]


FOUND = [
    # Arabic: triggers, particles, family names, closings, headers
    ("اسمي خالد بن سعود الشهراني وعندي استفسار", ["خالد بن سعود الشهراني"]),
    ("السلام عليكم، أنا منيرة القرني", ["منيرة القرني"]),
    ("معكم طلال الخطيب من خدمة العملاء", ["طلال الخطيب"]),
    ("السيدة/ هيفاء بنت فهد المطيري المحترمة", ["هيفاء بنت فهد المطيري"]),
    ("تم فتح الحساب باسم بسام يوسف النجار وسيصلكم إشعار", ["بسام يوسف النجار"]),
    ("ممكن تحولون لأختي رنا الخياط المبلغ؟", ["رنا الخياط"]),
    ("كلمت الموظفة سوسن أمس وما رد أحد", ["سوسن"]),
    ("مع خالص التقدير،\nمنصور الحمادي\nإدارة العمليات", ["منصور الحمادي"]),
    ("من: طارق عبد الجليل\nالموضوع: تحديث البيانات", ["طارق عبد الجليل"]),
    ("أبي أعرف هل وصلت الحوالة من يعقوب بن حمد؟", ["يعقوب بن حمد"]),
    ("أنا سعيد بن ناصر وعندي مشكلة في البطاقة", ["سعيد بن ناصر"]),  # ambiguous name beside a particle
    ("الأخ الكريم عمار الزعبي، نرجو مراجعة الفرع", ["عمار الزعبي"]),
    # English: titles, greetings, labels, mail headers, signatures, given names
    ("Dear Mr. Haddad, your card has been dispatched.", ["Haddad"]),
    ("Hi Priya, the refund was processed today.", ["Priya"]),
    ("My name is Chinedu Okafor and I need a new PIN.", ["Chinedu Okafor"]),
    ("Beneficiary: Svetlana Morozova\nBank: some bank", ["Svetlana Morozova"]),
    ("From: Waleed Al-Otaibi <waleed.o@example.com>\nSubject: statement", ["Waleed Al-Otaibi"]),
    ("Kind regards,\nMaricel Santiago\nCustomer Care", ["Maricel Santiago"]),
    ("Please call Yousef Haddad back about the dispute.", ["Yousef Haddad"]),
    ("I spoke with your agent Rosa yesterday.", ["Rosa"]),
    ("Account holder: Faisal bin Khalid Al Saud", ["Faisal bin Khalid Al Saud"]),
    ("Thanks, Vikram Patel", ["Vikram Patel"]),
    ("I am Amina Yusuf, account ending 1182.", ["Amina Yusuf"]),
]

NOT_FOUND = [
    # Arabic entities, places, everyday words that are also names
    "يرجى زيارة فرعنا في شارع الملك فهد",
    "الموعد في مستشفى الملك خالد الجامعي",
    "سحبت من الصراف عند مدينة الملك عبدالعزيز للعلوم",
    "حولت المبلغ إلى مصرف أبوظبي الإسلامي",
    "التوصيل إلى طريق عمر بن الخطاب",
    "أنا سعيد لمساعدتك اليوم",
    "أنا محتاج كشف حساب لو سمحت",
    "انخصم مني مبلغ وما أعرف ليش",
    "المبلغ وصل إلى المستفيد حتى الآن",
    "أريد فتح حساب لابني عمره عشر سنوات",
    "تحياتي،\nفريق خدمة العملاء",
    "مع التحية\nقسم البطاقات",
    "من: إدارة المخاطر",
    # English entities, greetings, months, sentence starts
    "Please confirm with Al Rajhi Bank before Monday.",
    "The ATM at King Abdullah Financial District ate my card.",
    "Hello Team, any update on my complaint?",
    "Dear Customer, your statement is ready.",
    "Dear Sir/Madam, please find the form attached.",
    "I paid with Apple Pay at Dubai Mall in March.",
    "Will you please reverse the fee? May I also ask about June?",
    "Grace period ends on 5 August.",
    "We flew Emirates NBD to Abu Dhabi, then Etihad Airways to Amman.",
    "The transfer to Jordan Islamic Bank failed.",
    "Dr. Sulaiman Al Habib Hospital sent the invoice.",
    "From: Noreply <no-reply@example.com>",
    "Regards,\nCustomer Service Team",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_names_are_found(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected, text


@pytest.mark.parametrize("text", NOT_FOUND)
def test_look_alikes_are_not_names(text: str) -> None:
    assert names_in(text) == [], text


def test_spans_exclude_titles_and_punctuation() -> None:
    text = "Dear Ms. Laila Haddad,\nالسيد/ فهد العنزي المحترم"
    assert names_in(text) == ["Laila Haddad", "فهد العنزي"]


def test_a_first_name_seen_above_is_found_again_alone() -> None:
    text = "From: Hamdan Al Kaabi <h.kaabi@example.ae>\nPlease block my card.\nHamdan"
    assert names_in(text) == ["Hamdan Al Kaabi", "Hamdan"]


def test_attached_prefix_stays_outside_the_name() -> None:
    text = "ولمحمد العتيبي حوالة معلقة"
    assert names_in(text) == ["محمد العتيبي"]


def test_redactor_marks_every_name_for_review() -> None:
    spans = Redactor().find("Regards,\nOmar Farouk\n\nمعك نورة الدوسري")
    names = [s for s in spans if s.kind == "NAME"]
    assert len(names) == 2 and all(s.needs_review and s.detector == "name-rules" for s in names)
