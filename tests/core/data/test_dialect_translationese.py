"""The dialect detector and the translated-sounding signal on hand-written sentences (written for
these tests, not taken from the demo data or the evaluation sets)."""

import pytest

from atlas_desktop.core.data.quality import dialect_of, translated_sounding

CLEAR = {
    "gulf": [
        "وش السالفة؟ ابغى اعرف ليش انخصم مني مبلغ زيادة",
        "الحين ابي اسوي تحويل لأخوي بس التطبيق مب راضي",
        "عطني رقم خدمة العملاء حقكم لو سمحت",
        "هذي البطاقة حقتي توني استلمتها وللحين ما تشتغل",
        "شلون اقدر اغير الرقم السري؟ جربت وايد",
        "تكفى شيك لي على طلبي، صار له اسبوع",
    ],
    "egyptian": [
        "انا عايز اعرف الفلوس راحت فين",
        "ازاي اغير الباسورد بتاع الحساب؟",
        "الكارت مش شغال من امبارح ومحدش بيرد",
        "هو ينفع اطلب قرض دلوقتي ولا لازم استنى؟",
        "بقالي ساعة مستني على الخط ومفيش حد رد",
        "التحويل هيوصل امتى؟ انا بعته من يومين",
    ],
    "levantine": [
        "بدي افتح حساب جديد، شو الأوراق المطلوبة؟",
        "هلق جربت ادفع الفاتورة وما زبطت معي",
        "قديش بياخد التحويل لعمان؟",
        "البطاقة تبعي ضايعة، فيكن توقفوها؟",
        "ما عم بقدر فوت عالتطبيق من مبارح",
        "منيح، بس لسا ما وصلتني الرسالة",
    ],
    "maghrebi": [
        "بغيت نعرف علاش تقطعو ليا الفلوس من الكونت",
        "واش ممكن نبدل الكود ديال الكارط؟",
        "كيفاش نصيفط الفلوس لخويا فالخارج؟",
        "دابا شحال خاصني نخلص باش نحل الحساب؟",
        "الأبليكاسيون ما بغاتش تحل عندي، عافاك عاوني",
        "راني نستنى الكارطة تاعي من شهر وما وصلتش",
    ],
    "msa": [
        "أرغب في معرفة الرسوم المترتبة على التحويل الدولي.",
        "هل يمكنني إغلاق الحساب عبر الموقع الإلكتروني؟",
        "لماذا لم يُضف المبلغ إلى رصيدي حتى الآن؟",
        "أود الاستفسار عن شروط الحصول على بطاقة ائتمانية.",
        "ما هي المستندات المطلوبة لتحديث بيانات الحساب؟",
        "لقد قمت بسداد الفاتورة لكن الخدمة ما زالت موقوفة.",
    ],
}


@pytest.mark.parametrize(("dialect", "text"), [(d, t) for d, texts in CLEAR.items() for t in texts])
def test_clear_messages_get_their_dialect(dialect: str, text: str) -> None:
    assert dialect_of(text).label == dialect


@pytest.mark.parametrize("text", [
    "شكرا",  # too short to tell
    "ليش؟",  # Gulf and Levantine alike
    "مرحبا، البطاقة",  # no marker
    "مشكور",  # Gulf or Levantine
    "وين الفرع؟",  # Gulf or Levantine
])
def test_thin_or_shared_evidence_abstains(text: str) -> None:
    assert dialect_of(text).label == "uncertain"


def test_spelling_habits_do_not_hide_markers() -> None:
    assert dialect_of("كتيييير عم تتأخروا بالرد عليّ").label == "levantine"  # elongation, shadda
    assert dialect_of("ابغا اعرف كم الرسوم حقت البطاقه").label == "gulf"  # ا for ى, ه for ة, no hamza
    assert dialect_of("عايزه اعرف ليه الفلوس اتخصمت مرتين").label == "egyptian"
    assert dialect_of("هل بتبيعوا البيانات بتاعتي؟").label == "egyptian"  # هل does not make it MSA
    assert dialect_of("فين وصل الطلب ديالي؟").label == "maghrebi"  # فين: Egyptian and Moroccan; ديالي decides


def test_verb_shapes_count_without_a_listed_word() -> None:
    assert dialect_of("الطلب اتلغى وهيرجعولي المبلغ").label == "egyptian"  # t- passive, ha- future
    assert dialect_of("الفاتورة ما تخلصاتش فالوقت").label == "maghrebi"  # ما ...ش, فال
    assert dialect_of("شو رح يصير بالحوالة، فيكن تشوفولي؟").label == "levantine"  # -kon


TRANSLATED = [
    ("نحن سعداء بإبلاغك أن طلبك تمت الموافقة عليه. سوف يتم إرسال البطاقة الخاصة بك خلال 2 أيام عمل.", "msa"),
    ("شكرا لتواصلك معنا! يرجى عدم التردد في الاتصال بنا إذا كان لديك أي استفسار آخر.", "msa"),
    ("لتغيير الـ password, اذهب إلى Settings ثم Security.", "msa"),
    ("حسابك تم تجميده من قبل فريق الامتثال. ببساطة قم بتحديث هويتك وسوف يتم رفع التجميد.", "msa"),
    ("الرسوم السنوية هي مجانية للسنة الأولى. هل هناك أي شيء آخر يمكنني مساعدتك به؟", "msa"),
    ("نحن نعتذر عن التأخير. سوف يقوم أحد موظفينا بالاتصال بك في أقرب وقت ممكن.", "gulf"),
    ("في نهاية اليوم، القرار يعتمد على سجلك الائتماني الخاص بك.", "egyptian"),
    ("يرجى ملاحظة أن التحويل سوف يستغرق من 1-3 أيام عمل اعتمادا على البنك المستلم.", "levantine"),
]

NATIVE = [
    ("وصلت البطاقة إلى الفرع، ويمكنك استلامها بإبراز هويتك.", "msa"),
    ("تم تحويل المبلغ إلى حسابك، وسيظهر في الرصيد خلال دقائق.", "msa"),
    ("الرسوم السنوية مجانية في السنة الأولى، ثم مئة ريال سنويا.", "msa"),
    ("أبشر، حولنا طلبك للقسم المختص وبيتواصلون معك بكرة.", "gulf"),
    ("ولا يهمك، الكارت الجديد هيوصلك خلال يومين.", "egyptian"),
    ("أهلين، الحوالة بتوصل خلال يومين شغل حسب البنك.", "levantine"),
    ("مرحبا بيك، الكارطة الجديدة غادي توصل للوكالة فهاد السيمانة.", "maghrebi"),
    ("يمكنك فتح الحساب من أي فرع بإحضار الهوية وإثبات العنوان.", "gulf"),  # plain MSA to a dialect question is not enough alone
    ("أضف بطاقتك إلى Apple Pay من التطبيق، ثم اختر البطاقة الافتراضية.", "msa"),
]


@pytest.mark.parametrize(("answer", "dialect"), TRANSLATED)
def test_translated_answers_are_flagged(answer: str, dialect: str) -> None:
    sig = translated_sounding(answer, dialect)
    assert sig.score >= 0.3 and sig.reasons


@pytest.mark.parametrize(("answer", "dialect"), NATIVE)
def test_native_answers_are_not_flagged(answer: str, dialect: str) -> None:
    assert translated_sounding(answer, dialect).score < 0.3


def test_stiff_msa_to_a_dialect_question_is_flagged_alone() -> None:
    stiff = "لدينا عدة خيارات يمكنك من خلالها سداد الفاتورة، ولكن يجب أن يتم ذلك قبل تاريخ الاستحقاق الذي حددته الشركة."
    assert translated_sounding(stiff, "levantine").score >= 0.3
    assert translated_sounding(stiff, "msa").score < 0.3
