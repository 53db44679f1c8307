"""Person names in free text, rule-based and precision-first (used by redact.Redactor).

``find_names(text)`` returns ``(start, end, confidence)`` for each person name: the name only,
without a title (Mr., Dear, السيد، الأستاذة) and without trailing punctuation.

Arabic script (words folded with ``normalize_word``):
  * a trigger word, then a name: اسمي، أنا، معك، معكم، السيد/ة، الأستاذ/ة، العميل/ة، باسم،
    مقدمه، الموظف/ة، المندوب/ة، الزميل/ة، أختي، أخوي ... (و/ف/ب/ل attached to the trigger are
    allowed: وأنا، لأخوي). After a strong trigger (اسمي، السيد، العميلة...) an ambiguous name
    (أمل، سعيد) is enough; after a weak one (أنا، معك) it needs another name beside it;
  * a name particle (بن، بنت، أبو، أم، آل) beside a name: محمد بن راشد، آل مبارك;
  * a given name followed by another name or a family name (ال...ي، آل، بن، عبد...);
  * the line after a closing (تحياتي، مع التحية، مع خالص التقدير ...) and the "من:" line of a
    forwarded mail.
  The name runs on over further names, particles, family names and, after a trigger, unknown
  words that end the clause (سامر طوني الحلبي، ...). Nothing is taken right after an entity
  word (مدينة، شارع، طريق، مستشفى، جامعة، الملك، الأمير ...).

Latin script:
  * a capitalised run (with particles: Al, El-, bin, Abu, Abdel, de, Dela, van ...) after a
    context: a title (Mr, Mrs, Ms, Dr, Eng, Sheikh ...), Dear, Hi/Hello/Thanks, "my name is",
    a label (Name:, Beneficiary:, Employee:, From:/To:/Cc: mail headers), customer/caller/
    agent/holder, the line after a closing (Regards, Best regards, Thanks ...);
  * "I am" / "I'm" / "This is" and a given name from the list;
  * with no context: a given name from the list followed by another capitalised word, or a
    line holding only a name that starts with a given name.
  A run that touches an organisation word (Bank, Hospital, University, Road, Airport,
  International ...) or follows another capitalised word (King Abdullah, Burj Khalifa) is
  not a name. Names that are also ordinary words (Grace, Will, May; أمل، سعيد) count only with
  a context or beside another name.

Lists: resources/redaction/arabic_names.txt and latin_names.txt.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from atlas_desktop.core.arabic import normalize_word

# ------------------------------------------------------------------------------------ lists


@dataclass(frozen=True)
class Lexicon:
    ar_given: frozenset[str]
    ar_family: frozenset[str]
    ar_ambiguous: frozenset[str]
    la_given: frozenset[str]  # lower case
    la_ambiguous: frozenset[str]
    ar_gate: frozenset[str]  # raw spellings whose presence makes the Arabic rules worth running


def _read(name: str) -> dict[str, set[str]]:
    from atlas_desktop.core.demo import resource_root

    sections: dict[str, set[str]] = {"given": set(), "family": set(), "ambiguous": set()}
    target = sections["given"]
    for line in (resource_root() / "redaction" / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line in ("# family", "# ambiguous"):
            target = sections[line[2:]]
        elif line and not line.startswith("#"):
            target.add(line)
    return sections


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = _read("arabic_names.txt")
    ar = {k: {normalize_word(w) for w in v} for k, v in raw.items()}
    la = {k: {w.lower() for w in v} for k, v in _read("latin_names.txt").items()}
    amb = frozenset(ar["ambiguous"])
    given = frozenset(ar["given"] - amb)
    gate: set[str] = set()
    for w in raw["given"] | raw["ambiguous"] | set(AR_NAMING_RAW.split()) | set(AR_PARTICLES_RAW.split()) | set(AR_CLOSING_WORDS.split()) \
            | set(AR_GATE_TRIGGERS.split()) | (set(AR_STRONG_RAW.split()) - set(_FREQUENT_ROLES.split())):
        if normalize_word(w) in _NOT_IN_GATE:
            continue  # everyday words (منى = from me): a name there is found only with another gate word
        gate |= {w, normalize_word(w), w.translate(_ALEF_ONLY), w.translate(_ENDINGS_ONLY)}
    gate |= {p + v for v in gate for p in (*_PREFIXES, *_DOUBLE_PREFIXES)}
    return Lexicon(given, frozenset(ar["family"] - amb), amb,
                   frozenset(la["given"] - la["ambiguous"]), frozenset(la["ambiguous"]), frozenset(gate))


_NOT_IN_GATE = frozenset({"مني", "ايه", "اية", "صالح", "سعيد", "رمضان", "حياه", "نور", "سلام", "ملك", "يحيي", "بشري", "يسري",
                          "جني", "هيا", "مي", "جميل", "كريم", "امين", "عادل", "وعد", "امل", "شام", "لطيف", "عزيز", "حسن"})
_ALEF_ONLY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
_ENDINGS_ONLY = str.maketrans({"ة": "ه", "ى": "ي"})


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_word(w) for w in words.split())


# ----------------------------------------------------------------------------- Arabic rules

# A trigger after which a name is expected; a strong one makes an ambiguous name enough.
AR_STRONG_RAW = """اسمي إسمي سميتي اسمى السيد السيدة الأستاذ الاستاذ الأستاذة الاستاذة أستاذ استاذ أستاذة استاذة
    الأخ الاخ الأخت الاخت المدعو المدعوة العميل العميلة باسم مقدمه مقدمة المرسل المستفيد المستفيدة الموظف الموظفة
    المندوب المندوبة الزميل الزميلة زميلي زميلتي الدكتور الدكتورة المهندس المهندسة أختي اختي أخوي اخوي أخويا اخويا
    أخي اخي زوجي زوجتي ابني بنتي والدي والدتي أمي ابوي أبوي الحاج الحاجة خالي خالتي عمي عمتي صاحبي صاحبتي
    عزيزي عزيزتي حضرة سعادة المكرم المكرمة الفاضل الفاضلة المستشار المستشارة"""
AR_STRONG = _n(AR_STRONG_RAW)
_FREQUENT_ROLES = "العميل المستفيد الموظف المرسل"  # too frequent in support text to open the gate alone
# adjectives that may stand between a trigger and the name (الأخ الكريم محمد)
AR_HONORIFICS = _n("الكريم الكريمة الفاضل الفاضلة العزيز العزيزة المحترم المحترمة المكرم المكرمة السيد السيدة الأستاذ الأستاذة الاستاذ الاستاذة الدكتور الدكتورة المهندس المهندسة")
# triggers that introduce a name and nothing else: an unknown word after them is taken as a name
AR_NAMING_RAW = """اسمي إسمي سميتي اسمى باسم المدعو المدعوة مقدمه مقدمة السيد السيدة الأستاذ الاستاذ الأستاذة الاستاذة أستاذ
    استاذ أستاذة استاذة الأخ الاخ الأخت الاخت عزيزي عزيزتي الدكتور الدكتورة المهندس المهندسة"""
AR_NAMING = _n(AR_NAMING_RAW)
AR_WEAK = _n("أنا انا معك معاك معكم معاكم أخوك أختك اخوك اختك مع كلمت تواصلت اتصلت")
AR_TRIGGERS = AR_STRONG | AR_WEAK
AR_PARTICLES_RAW = "بن بنت ابن أبو ابو أم ام آل"
AR_PARTICLES = _n(AR_PARTICLES_RAW)
AR_GATE_TRIGGERS = "أنا انا معك معاك معكم معاكم أخوك أختك اخوك اختك"  # weak triggers frequent enough to look for
AR_CLOSING_WORDS = "تحياتي وتحياتي التحية التحيه التحيات التقدير الاحترام شاكرين المخلص المخلصة"
_ABD = "عبد"
# words right before a name that make it part of an entity (city, street, hospital ...)
AR_BLOCK_BEFORE = _n("""مدينة شارع طريق مستشفى مستشفي جامعة جامع مسجد مدرسة مدارس حي ميدان مطار برج مركز مجمع أسواق اسواق سوق
    مؤسسة شركة شركات مصرف بنك جسر دوار كلية معهد قاعة فندق منتزه حديقة ملعب مستوصف صيدلية صيدليات مطعم محل محلات مكتبة
    مجموعة مصنع ميناء قرية مخطط ضاحية مبنى عمارة أبراج كورنيش نادي مول هايبر بقالة عيادة عيادات مجمعات مختبر مختبرات
    الملك الأمير الامير الأميرة الاميرة الشيخ الشيخة الإمام الامام الخليفة السلطان جائزة منطقة محافظة مدرسه قصر مؤسسات
    خدمة خدمات قسم أقسام إدارة ادارة فريق دائرة وحدة مكتب فرع شؤون مديرية مصلحة عمادة
    وقف جمعية هيئة وزارة بلدية أمانة امانة مجلس صندوق بوابة مستودع معرض مسرح مركزي شارعي تقاطع""")
# words that never continue a name (and end it): function words, frequent verbs and nouns
AR_STOP = _n("""من في عن إلى الى مع او أو ما لا لم لن هل قد كان كانت يكون هو هي هم انا أنا انت أنت احنا نحن
    اللي الي الذي التي الذين هذا هذه ذلك تلك هنا هناك هون عند عندي عندنا لدي لدي لي لك له لها الله والله
    بدي بده بدها ابي أبي ابغى أبغى ابغي ابا أبا عايز عاوز عايزة حاب حابب حابة ودي أريد اريد أرغب ارغب نبغي نحب بغيت
    ليش ليه وش شو ايش إيش كيف متى وين فين قديش كم اذا إذا لو بس لكن يعني حق حقي حقك تبعي تبعك متاعي ديالي ديال
    رقم رقمي جوالي موبايلي حسابي بطاقتي الحساب البطاقة الفرع البنك المصرف الهوية الجوال الرقم الآن الان اليوم أمس امس
    الحين دلوقتي هلق هلأ توا المحترم المحترمة الكريم الكريمة العزيز العزيزة الفاضل الفاضلة المكرم المكرمة حفظه حفظها
    الأول الاول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الأكبر الاكبر الأصغر الاصغر الجديد القديم
    المذكور المذكورة المعني المطلوب المبلغ التحويل الفاتورة الطلب الشكوى الخدمة الدعم الإدارة الادارة القسم
    العميل العميلة الموظف الموظفة المدير المديرة المسؤول المسؤولة عميل عميلة موظف موظفة مدير مديرة مسؤول
    السلام عليكم مرحبا مرحباً اهلا أهلا هلا شكرا شكراً شكرًا يا لو_سمحت سمحت فضلك الخير صباح مساء النور
    جدا جداً كثير شوية شوي تمام طيب اوكي نعم لا ايوه اه والسلام تحياتي التحية خالص التقدير
    مش مو ماني مانيش عندكم عنده عندها لديكم لديه لديها كامل الكامل غلط خطأ خطا صحيح مسجل مكتوب نفسه نفسي
    حسابي بطاقتي كرتي رقمي جوالي موبايلي ايميلي إيميلي عنواني راتبي فلوسي فاتورتي طلبي هويتي اقامتي إقامتي
    تبعي تبعه تبعها متاعي ديالي حقي حقه حقها لي ليا بيا عليا عليه عليها فيه فيها منه منها معه معها اللهم ان إن أن
    امبارح امبارحة البارح البارحة بكرة بكره بكرا الصبح العصر المغرب الليلة حتى حتي لحد لين الين لغاية لغايه
    عمره عمرها عمري سنة سنه سنوات سنين شهر شهور يوم ايام أيام اسبوع أسبوع ساعة ساعه دقيقة دقايق
    واحد اثنين ثلاث ثلاثة أربع اربع أربعة خمس خمسة ست ستة سبع سبعة ثمان ثمانية تسع تسعة عشر عشرة مية مائة ألف الف
    لدينا ولدينا فلدينا بدينا لديك لديكم
    صغير صغيرة كبير كبيرة جديد جديدة قديم قديمة مريض مريضة محتاج محتاجة عايش ساكن ساكنة يدرس تدرس طالب طالبة
    بخصوص بشأن حول حسب بعد قبل خلال بين ضد غير كل بعض نفس أيضا ايضا كمان برضو برضه""")
AR_CLOSINGS = re.compile(r"^\s*(?:و?تحياتي|مع\s+(?:خالص\s+|أطيب\s+|اطيب\s+|فائق\s+)?(?:التحية|التحيه|التحيات|التقدير|الشكر|الاحترام|تحياتي)(?:\s+والتقدير|\s+والاحترام)?|"
                         r"و?شكر[اًًا]*(?:\s+لكم|\s+جزيلا[ًً]?)?|شاكرين\s+(?:لكم|تعاونكم|لتعاونكم)(?:\s+\S+)?|وتفضلوا\s+بقبول\s+\S+\s+\S+|تقبلوا\s+تحياتي|"
                         r"مع\s+خالص\s+الشكر(?:\s+والتقدير)?|المخلص|المخلصة|تحياتي\s+لكم)\s*[،,.:!]?\s*$")
_AR_LABELS = r"(?:من|إلى|الى|نسخة|المرسل|الاسم|الاسم\s+الكامل|اسم\s+العميل|اسم\s+المستفيد|المستفيد|مقدمه|مقدمة|مقدم\s+الطلب)"
AR_HEADER = re.compile(r"(?m)^[ \t]*" + _AR_LABELS + r"[ \t]*:")
# every place where a name may follow a label: labels at a line start, inline labels, Latin titles
AR_CTX_ANY = re.compile(r"(?m)(?:^[ \t]*" + _AR_LABELS + r"[ \t]*:[ \t]*"
                        r"|(?:صاحب|صاحبة|اسم|باسم)\s+(?:الحساب|البطاقة|البطاقه|المستفيد|العميل|العميلة|الموظف|الموظفة|المرسل)\s*:?\s*"
                        r"|\b(?:Dear|Hi|Hello|Mr|Mrs|Ms|Miss|Dr|Eng|Sheikh|Name|name)\.?[ \t]*:?[ \t]*(?=[\u0621-\u064A])|(?:^|\s)د\.\s*)")
RE_AR_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u0640\u064B-\u065F]+")
_PREFIXES = "وفبل"
_ALA = "<على>"
_BIN = _n("بن بنت آل")
_DOUBLE_PREFIXES = frozenset({"ول", "وب", "فل", "فب"})
_ALA_RAW = frozenset({"على", "علی", "عَلَى", "عَلى"})
AR_STOP = AR_STOP | {_ALA}
_SPACES = {" ", "  "}


def _nisba(w: str) -> bool:
    """A family name by its shape: القحطاني، بلحاج، بوشارب، نصرالله."""
    if len(w) >= 5 and w.startswith("ال") and w.endswith("ي") and w not in AR_STOP:
        return True
    if len(w) >= 5 and (w.startswith("بو") or w.startswith("بل") or w.startswith("بن")) and w not in AR_STOP:
        return True
    return len(w) >= 6 and w.endswith("الله") and not w.startswith("ال")


def _bare_nisba(w: str) -> bool:
    """حجازي، قباني: a family name ending in ي without ال (only where the clause ends after it)."""
    return len(w) >= 5 and w.endswith("ي") and not w.startswith("ال") and w[0] != "و" and w not in AR_STOP


class _Arabic:
    def __init__(self, text: str, lex: Lexicon) -> None:
        self.t = text
        self.lex = lex
        # the preposition على folds to the name علي: keep it apart
        self.words = [(m.start(), m.end(), _ALA if m.group(0) in _ALA_RAW else normalize_word(m.group(0)))
                      for m in RE_AR_WORD.finditer(text)]

    # ---- word classes
    def name_word(self, w: str) -> bool:
        lx = self.lex
        return w in lx.ar_given or w in lx.ar_family or w in lx.ar_ambiguous or (w.startswith(_ABD) and len(w) > 4)

    def firm(self, w: str) -> bool:
        """A name word that is not also an ordinary word."""
        lx = self.lex
        return w in lx.ar_given or w in lx.ar_family or (w.startswith(_ABD) and len(w) > 4 and w not in AR_STOP)

    def gap(self, i: int) -> str:
        """Text between word i and word i+1."""
        return self.t[self.words[i][1]:self.words[i + 1][0]]

    def adjacent(self, i: int) -> bool:
        return i + 1 < len(self.words) and self.gap(i) in _SPACES

    def boundary_after(self, k: int) -> bool:
        """Word k ends a clause: punctuation, a line end, a number, the end, or a stop word / و-word next."""
        if not self.adjacent(k):
            return True
        nxt = self.words[k + 1][2]
        return nxt in AR_STOP or (nxt[0] == "و" and not self.name_word(nxt)) or nxt in AR_TRIGGERS

    def blocked(self, i: int) -> bool:
        """The word before i makes this an entity (مدينة محمد بن راشد، شارع الملك فهد)."""
        if i == 0:
            return False
        gap = self.t[self.words[i - 1][1]:self.words[i][0]]
        if gap.strip() not in ("", "/"):
            return False
        prev = self.words[i - 1][2]
        return prev in AR_BLOCK_BEFORE or (len(prev) > 3 and prev[0] in _PREFIXES and prev[1:] in AR_BLOCK_BEFORE)

    def trigger_at(self, i: int) -> str | None:
        w = self.words[i][2]
        if w in AR_STRONG:
            return "strong"
        if w in AR_WEAK:
            return "weak"
        if len(w) > 2 and w[0] in _PREFIXES:
            if w[1:] in AR_STRONG:
                return "strong"
            if w[1:] in AR_WEAK and w[1:] != "مع":
                return "weak"
        return None

    def naming_trigger(self, i: int) -> bool:
        w = self.words[i][2]
        return w in AR_NAMING or (len(w) > 2 and w[0] in _PREFIXES and w[1:] in AR_NAMING)

    def trigger_gap_ok(self, i: int) -> bool:
        if i + 1 >= len(self.words):
            return False
        g = self.gap(i)
        return "\n" not in g and len(g) <= 3 and g.strip() in ("", ":", "/", ".", "-", "ـ")

    # ---- the name itself
    def extend(self, start: int, free: bool) -> int:
        """Last word index of a name starting at ``start``. ``free``: unknown words may join."""
        words, n = self.words, len(self.words)
        end = start
        count = 1
        while end + 1 < n and self.adjacent(end) and count < 6:
            cur, nxt = words[end][2], words[end + 1][2]
            if nxt in AR_STOP or nxt in AR_TRIGGERS and nxt not in self.lex.ar_given:
                break
            if cur in AR_PARTICLES or cur == _ABD:
                ok = True  # after بن، آل، أبو، عبد the next word belongs to the name
            elif nxt in AR_PARTICLES or nxt == _ABD:
                ok = end + 2 < n and self.adjacent(end + 1) and words[end + 2][2] not in AR_STOP
            elif self.name_word(nxt) or _nisba(nxt):
                ok = True
            elif _bare_nisba(nxt) and self.boundary_after(end + 1):
                ok = True
            elif nxt[0] == "و" and free and end + 2 < n and self.adjacent(end + 1) and (
                    self.firm(words[end + 2][2]) or _nisba(words[end + 2][2]) or words[end + 2][2] == _ABD):
                ok = True  # لارا وسيم عبد الهادي: a name that starts with و before another name
            elif nxt.startswith("ال") and len(nxt) >= 4:
                ok = free or any(words[k][2] in _BIN for k in range(start, end + 1))  # بن نبيل البوعينين
            elif free and nxt[0] != "و" and len(nxt) >= 2:
                ok = self.unknown_continues(end + 1, 2)
            else:
                ok = False
            if not ok:
                break
            end += 1
            count += 1
        while end > start and (words[end][2] in AR_PARTICLES or words[end][2] == _ABD):
            end -= 1
        return end

    def unknown_continues(self, k: int, depth: int) -> bool:
        """Unknown word k belongs to a name that runs on: the clause ends after it, or a name
        word follows (looking ``depth`` unknown words ahead)."""
        if self.boundary_after(k):
            return True
        nxt = self.words[k + 1][2]
        if self.strongly_namey(nxt) or _bare_nisba(nxt) and self.boundary_after(k + 1):
            return True
        return depth > 1 and nxt[0] != "و" and not nxt.startswith("ال") and len(nxt) >= 2 and self.unknown_continues(k + 1, depth - 1)

    def second_is_name(self, j: int) -> bool:
        """Word j+1 is a name, a family name or a particle followed by a word."""
        if not self.adjacent(j):
            return False
        nxt = self.words[j + 1][2]
        if nxt in AR_STOP:
            return False
        if nxt in AR_PARTICLES or nxt == _ABD:
            return self.adjacent(j + 1) and self.words[j + 2][2] not in AR_STOP
        return self.firm(nxt) or _nisba(nxt)

    def strongly_namey(self, w: str) -> bool:
        return self.firm(w) or _nisba(w) or w in AR_PARTICLES or w == _ABD

    def unknown_ok(self, j: int, kind: str, naming: bool = True) -> bool:
        """An unknown word j after a trigger starts a name: it runs on into a family name or a
        particle (أنا سفيان بن صالح), or, after a strong trigger, into more words that end the
        clause (اسمي رحاب فؤاد)."""
        w = self.words[j][2]
        if w in AR_STOP or w in AR_TRIGGERS or w in AR_BLOCK_BEFORE or w.startswith("ال") or len(w) < 3:
            return False
        if w[0] == "و" and not (self.adjacent(j) and self.strongly_namey(self.words[j + 1][2])):
            return False
        end = self.extend(j, True)
        chain = [x[2] for x in self.words[j + 1:end + 1]]
        if any(self.strongly_namey(x) for x in chain):
            return True
        if kind != "strong" or not naming:
            return False
        if chain:
            return self.boundary_after(end)
        return w[0] not in "يتن" and self.boundary_after(j)

    def context_indices(self) -> set[int]:
        """Words that start a name by their place: after a label (الاسم:، من:، صاحب الحساب، Dear),
        or at the start of the line after a closing (تحياتي،)."""
        t, words = self.t, self.words
        starts = [w[0] for w in words]
        out: set[int] = set()

        def word_at(pos: int) -> None:
            k = bisect_left(starts, pos)
            if k < len(words) and not t[pos:starts[k]].strip():
                out.add(k)

        for m in AR_CTX_ANY.finditer(t):
            word_at(m.end())
        if "\n" in t:
            pos = 0
            lines = t.split("\n")
            for a, line in enumerate(lines[:-1]):
                pos += len(line) + 1
                if len(line) < 60 and AR_CLOSINGS.match(line):
                    word_at(pos)
        return out

    def find(self) -> list[tuple[int, int, float]]:
        words, n, lx = self.words, len(self.words), self.lex
        out: list[tuple[int, int, float]] = []
        ctx = self.context_indices()
        i = 0
        while i < n:
            w = words[i][2]
            start = None
            conf = 0.0
            free = False
            offset = 0
            kind = self.trigger_at(i)
            if kind and self.trigger_gap_ok(i):
                j = i + 1
                first = words[j][2]
                if first in AR_PARTICLES and self.adjacent(j) and words[j + 1][2] not in AR_STOP:
                    start, conf, free = j, 0.8, True
                elif self.firm(first) or (first in lx.ar_ambiguous and (kind == "strong" or self.second_is_name(j))):
                    start, conf, free = j, 0.85, True
                elif first == _ABD and self.adjacent(j):
                    start, conf, free = j, 0.8, True
                elif self.unknown_ok(j, kind, self.naming_trigger(i)):
                    start, conf, free = j, 0.75, True
                if start is not None and kind == "weak" and words[i][2] in ("مع", "كلمت", "تواصلت", "اتصلت") and not self.firm(first):
                    start = None
            if start is None and kind and i + 2 < n and words[i + 1][2] in AR_HONORIFICS and self.adjacent(i) and self.trigger_gap_ok(i + 1) \
                    and (self.name_word(words[i + 2][2]) or self.unknown_ok(i + 2, "strong")):
                start, conf, free = i + 2, 0.85, True  # الأخ الكريم محمد، عزيزي السيد خالد
            if start is None and i in ctx and (self.name_word(w) or self.unknown_ok(i, "strong")):
                start, conf, free = i, 0.8, True
            if start is None and w in AR_PARTICLES and i + 1 < n and self.adjacent(i):
                nxt = words[i + 1][2]
                prev_word = i > 0 and self.adjacent(i - 1) and words[i - 1][2] not in AR_STOP and words[i - 1][2] not in AR_TRIGGERS \
                    and words[i - 1][2] not in AR_BLOCK_BEFORE
                if self.name_word(nxt) or (w in _BIN and prev_word and nxt not in AR_STOP and nxt not in AR_TRIGGERS and len(nxt) >= 3):
                    # "أبو فهد", "آل مبارك"; "محمد بن عبدالله", "X بن Y": start at the word before the particle
                    start, conf = (i - 1 if prev_word and (self.name_word(words[i - 1][2]) or w in _BIN) else i), 0.8
            if start is None and self.firm(w) and self.second_is_name(i):
                start, conf = i, 0.75
            if start is None and w in lx.ar_ambiguous and self.adjacent(i) and (words[i + 1][2] in lx.ar_given or words[i + 1][2] in lx.ar_family):
                start, conf = i, 0.7
            if start is None and len(w) > 3 and w[0] in _PREFIXES and w not in AR_STOP and self.second_is_name(i):
                cut = 1 if w[1:] in lx.ar_given else 2 if w[:2] in _DOUBLE_PREFIXES and w[2:] in lx.ar_given else 0
                if cut:
                    start, conf, offset = i, 0.7, cut  # لمحمد العتيبي، ولمحمد العتيبي: the prefix stays outside
            if start is None or self.blocked(start):
                i += 1
                continue
            end = self.extend(start, free)
            out.append((words[start][0] + offset, words[end][1], conf))
            i = end + 1
        return out


# ------------------------------------------------------------------------------ Latin rules

RE_LA_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019]*(?:-[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019]*)*")
LA_PARTICLES = frozenset("al el bin bint ibn ben abu abou abdel abdul abd de del dela della der den van von da dos das du la le ould bou ait mac st".split())
# capitalised words that are never part of a person's name (and end a run)
LA_STOP = frozenset("""i a an the this that these those my your our their his her its we you he she they it me us them
    mr mrs ms miss mx dr eng engr prof sheikh shaikh sheikha shaikha madame mme mlle monsieur sayed sayyid haj hajj haji
    capt captain king prince princess queen emir amir
    request requests details detail summary update notice confirmation statement complaint form application status
    information info issue problem feedback reminder alert urgent important attention action required approval
    beneficiary employee applicant holder cardholder caller agent staff owner sender recipient payee
    please kindly thanks thank regards best kind warm warmest sincerely cheers yours dear hi hello hey hiya good morning
    afternoon evening night day team all sir sirs madam madame customer customers client clients valued colleague
    colleagues everyone everybody anyone support service services care department manager officer director executive
    assistant head lead supervisor relationship project account accounts card cards credit debit branch id iqama
    ref reference invoice order policy ticket transfer payment payments subject sent date from to cc bcc re fw fwd
    mob mobile tel phone email e-mail fax notes note call contact address name yes no ok okay sorry also and or but
    if when then so as at in on for with by of after before today yesterday tomorrow however unfortunately
    further moreover meanwhile regarding attached attachment find kindly noted confirmed done dear concerned whom
    hiring there again guys folks friend friends partner member members applicant user users admin administrator
    visa mastercard amex american express western union paypal apple pay google samsung stc etisalat mobily zain
    vodafone orange inwi maroc telecom du careem uber talabat noon amazon netflix whatsapp iphone android app
    january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    riyadh jeddah jedda mecca makkah madinah medina dammam khobar dhahran taif tabuk abha jubail yanbu dubai sharjah
    ajman fujairah ras khaimah dhabi ain doha kuwait manama muscat salalah cairo alexandria giza luxor aswan mansoura
    tanta amman irbid zarqa aqaba beirut tripoli damascus aleppo baghdad basra erbil jerusalem gaza ramallah nablus
    rabat casablanca marrakech marrakesh fes fez tangier agadir tunis sfax sousse algiers oran khartoum london paris
    manila karachi lahore islamabad mumbai delhi kerala chennai dhaka colombo kathmandu nairobi lagos addis ababa cebu
    saudi arabia emirates emirati uae ksa egypt egyptian lebanon syria iraq qatar bahrain oman yemen morocco tunisia
    algeria libya sudan palestine india pakistan philippines bangladesh nepal kenya ethiopia nigeria ghana uk usa us
    america britain england germany france italy spain gcc middle east arab
    rajhi alrajhi inma alinma bilad albilad mashreq fransi ahli alahli jazira aljazira nbd adcb fab enbd snb sabb anb
    qnb kfh nbk attijariwafa cih bmce cib misr hsbc citibank citi barclays lloyds natwest aramco sabic adnoc lulu
    carrefour panda othaim danube jarir extra ikea emaar damac nakheel
    noreply no-reply donotreply do-not-reply info admin notifications notification alerts mailer system bot
    iban swift bic otp pin atm pos sms eid emirates-id cvv kyc vat trn cr po""".split())
# words that make a capitalised run an organisation, a place or a product
LA_ORG = frozenset("""bank banque banco hospital hospitals clinic clinics university college school schools academy institute
    airport road street st avenue ave boulevard blvd highway district city tower towers center centre mall hypermarket
    supermarket market company co corp corporation group holding holdings llc ltd limited inc plc foundation authority
    ministry municipality council court airways airlines air hotel resort mosque church port station financial
    international islamic insurance takaful exchange finance capital fund funds investment investments telecom medical
    specialist park plaza souq souk stadium club palace library museum bridge square complex compound hall trust
    properties motors logistics electronics pharmacy pharmaceuticals restaurant cafe store stores shop services
    solutions systems ventures partners industries trading contracting est establishment national commercial general
    royal petroleum energy gas oil steel foods textiles marine freight development real estate metro expo island
    beach marina gardens village gate bay hills tech technologies consulting media network networks cooperative
    society association federation agency office embassy consulate chamber centres centers""".split())
LA_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Eng|Engr|Prof|Sheikh|Shaikh|Sheikha|Shaikha|Sir|Madam|Madame|Mme|Mlle|Monsieur|Sayed|Sayyid|Haj|Hajj|Haji|Ustadh|Capt|Captain)"
_CTX_STRONG = re.compile(
    r"(?:\b" + LA_TITLES + r"\.?\s+"
    r"|\b(?:Dear|DEAR|dear)\s+"
    r"|\b(?:[Mm]y (?:full )?name is|[Mm]y name's|[Nn]ame is|[Ii]n the name of|[Uu]nder the name(?: of)?|[Ss]igned by|[Rr]equested by|[Ss]ubmitted by|"
    r"[Pp]repared by|[Aa]pproved by|[Aa]uthori[sz]ed by|[Hh]andled by|[Aa]ssigned to|[Ee]scalated to|[Rr]eferred by|[Bb]elongs to|[Rr]egistered to|"
    r"[Rr]egistered under|[Hh]eld by|[Oo]wned by|[Ii]ssued to)\s+"
    r"|\b(?:customer|client|caller|cust|holder|cardholder|card holder|agent|officer|colleague|beneficiary|employee|"
    r"applicant|sender|recipient|payee|remitter|guarantor|representative|rep|advisor|adviser|teller|supervisor|manager|"
    r"Customer|Client|Caller|Cust|Holder|Cardholder|Agent|Officer|Colleague|Beneficiary|Employee|Applicant|Sender|Recipient|Payee)\s+"
    r"|(?:^|[\s\-\u2022*>(\[]|\d[.)])(?:[Nn]ame|NAME|[Ff]ull [Nn]ame|[Cc]ustomer [Nn]ame|[Cc]lient [Nn]ame|[Aa]ccount [Hh]older|[Aa]ccount [Nn]ame|"
    r"[Aa]ccount [Hh]older [Nn]ame|[Cc]ard ?[Hh]older|[Hh]older|[Bb]eneficiary|[Bb]eneficiary [Nn]ame|[Ee]mployee|[Ee]mployee [Nn]ame|[Aa]pplicant|"
    r"[Ss]ender|[Rr]ecipient|[Pp]ayee|[Pp]ayer|[Rr]emitter|[Cc]ustomer|[Cc]lient|[Cc]aller|[Aa]ttn|[Aa]ttention|[Ss]igned|[Aa]gent|[Ss]taff|"
    r"[Gg]uarantor|[Nn]ominee|[Ss]pouse|[Pp]assenger|[Pp]atient|[Tt]enant|[Ll]andlord|[Oo]wner|[Cc]ontact [Pp]erson|[Rr]equester|[Rr]equestor|"
    r"[Aa]ssignee|[Rr]eported by|[Cc]reated by|From|FROM|To|TO|Cc|CC|Bcc|Reply-To|Sender name)\s?:\s*)$")
_CTX_GREETING = re.compile(r"(?:^|[\s,.!?;:(\-])(?:Hi|Hello|Hey|Hiya|Thanks|Thank you|Thx|Cheers|Welcome|Congratulations|Congrats|Good (?:morning|afternoon|evening)|"
                           r"hi|hello|hey|thanks|thank you|Regards|Best regards|Kind regards|Best|Sincerely|Cheers)(,?)\s+$")
_CTX_WEAK = re.compile(r"(?:\b(?:(?P<self>I am|I'm|I\u2019m|This is|this is|It is|it is|It's|it's|It\u2019s|[Ss]peaking with|[Ss]poke (?:to|with)|[Ss]poken (?:to|with)|"
                       r"[Tt]alked (?:to|with))|Im|[Cc]ontacted|[Cc]all(?:ed)?|[Aa]sk(?:ed)? for|[Mm]et|[Tt]ransfer(?:red)? to|[Ss]en[dt] to|[Pp]ay(?:ment)? to|[Pp]aid to|"
                       r"[Cc]redit(?:ed)? to|[Rr]efund(?:ed)? to|[Oo]n behalf of|[Ff]or|[Ww]ith|[Tt]o|[Ff]rom|[Bb]y|[Aa]nd|&|[Mm]y (?:brother|sister|wife|husband|son|daughter|"
                       r"father|mother|friend|colleague|cousin|uncle|aunt|manager|boss|sponsor|driver|maid))\s+)$")
_AFTER_BENEFICIARY = re.compile(r"\s*[,;(]?\s*(?:IBAN|iban|Iban|A/C|a/c|acc(?:ount)?\.? (?:no|number)|account (?:no|number)|SWIFT|Emirates ID|EID|Iqama|ID no)\b")
_AFTER_MAIL = re.compile(r"\s*(?:<[^<>\s@]+@|\[mailto:|\(\s*[^()\s@]+@[^()\s]+\)|wrote:|a écrit|schrieb)")
_NAME_IN_PARENS = re.compile(r"\b(?:[Nn]ame|[Bb]eneficiary|[Hh]older|[Cc]ustomer|[Cc]aller|[Cc]lient)\b[^.\n()]{0,40}\(\s*$")
LA_CLOSINGS = re.compile(r"^\s*(?:(?:Best|Kind|Warm|Warmest|With kind|With best|Many|Yours)?\s*(?:regards|Regards|REGARDS|wishes|Wishes)|Regards|Thanks|Thank you|Thanks again|"
                         r"Thanks and regards|Thanks & regards|Thanks & Regards|Thanks and Regards|Many thanks|Sincerely|Yours sincerely|Yours faithfully|Yours truly|"
                         r"Cheers|Respectfully|Best|All the best|Take care|Thx|BR|Rgds|Sent from my iPhone)\s*[,.!:\-]?\s*$")
LA_JOB = re.compile(r"\b(?:Manager|Officer|Director|Executive|Specialist|Advisor|Adviser|Representative|Supervisor|Lead|Head|Engineer|Analyst|Consultant|"
                    r"Coordinator|Assistant|Accountant|Agent|Teller|Associate|Administrator|Controller|Clerk|Team|Department|Dept|Operations|HR|"
                    r"Human Resources|Customer Service|Customer Care|Relationship|Branch|Sales|Treasury|Compliance|Finance|Payroll|CEO|CFO|COO|VP)\b")


def _cap(tok: str) -> bool:
    """Capitalised, not an acronym (IBAN, SAR) nor the pronoun I."""
    return tok[0].isupper() and not tok.isupper()


class _Latin:
    def __init__(self, text: str, lex: Lexicon) -> None:
        self.t = text
        self.lex = lex
        toks = []
        for m in RE_LA_TOKEN.finditer(text):
            s, e = m.start(), m.end()
            if (s > 0 and text[s - 1] in "@._/\\0123456789") or (e < len(text) and text[e] in "@_/0123456789"):
                continue  # part of an address, a handle or a code
            if e < len(text) - 1 and text[e] == "." and text[e + 1].isalnum():
                continue  # part of an address or a domain: firstname.lastname
            toks.append((s, e, m.group(0), m.group(0).lower()))
        self.toks = toks

    def same_run(self, i: int) -> bool:
        """Token i+1 follows token i after one space (a run of a name)."""
        return i + 1 < len(self.toks) and self.t[self.toks[i][1]:self.toks[i + 1][0]] == " "

    def given(self, low: str) -> bool:
        base = low.split("-")[0]
        return low in self.lex.la_given or base in self.lex.la_given

    def any_given(self, low: str) -> bool:
        return self.given(low) or low in self.lex.la_ambiguous

    def namey(self, i: int) -> bool:
        tok, low = self.toks[i][2], self.toks[i][3]
        if low in LA_PARTICLES:
            return False
        head = low.split("-")[0]
        if low in LA_STOP or low in LA_ORG or head in LA_ORG or (head in LA_STOP and head not in LA_PARTICLES):
            return False
        return _cap(tok) and len(tok) >= 2

    def extend(self, i: int) -> tuple[int, bool]:
        """(last token of the run from i, whether the run touches an organisation word)."""
        toks = self.toks
        end = i
        count = 1
        while self.same_run(end) and count < 6:
            nxt = toks[end + 1][3]
            if nxt in LA_PARTICLES:
                if self.same_run(end + 1) and self.namey(end + 2):
                    end += 2
                    count += 2
                    continue
                break
            if self.namey(end + 1):
                end += 1
                count += 1
                continue
            head = nxt.split("-")[0]
            if (nxt in LA_ORG or head in LA_ORG) and _cap(toks[end + 1][2]):
                return end, True
            break
        # a run that goes on into an organisation word further on ("Sulaiman Al Habib Medical Group")
        k = end
        while self.same_run(k) and _cap(toks[k + 1][2]):
            k += 1
            if toks[k][3] in LA_ORG:
                return end, True
            if k - end > 3:
                break
        return end, False

    def line_bounds(self, s: int, e: int) -> tuple[str, str]:
        """(text before s on its line, text after e on its line)."""
        ls = self.t.rfind("\n", 0, s) + 1
        le = self.t.find("\n", e)
        le = len(self.t) if le < 0 else le
        return self.t[ls:s], self.t[e:le]

    def prev_line(self, s: int) -> str:
        ls = self.t.rfind("\n", 0, s)
        if ls < 0:
            return ""
        ps = self.t.rfind("\n", 0, ls) + 1
        return self.t[ps:ls]

    def next_line(self, e: int) -> str:
        le = self.t.find("\n", e)
        if le < 0:
            return ""
        ne = self.t.find("\n", le + 1)
        return self.t[le + 1:len(self.t) if ne < 0 else ne]

    def find(self) -> list[tuple[int, int, float]]:
        found = self.find_runs()
        if not found:
            return found
        # a first name seen in a name above, alone again further on ("From: Tamer Al-Ghamdi ... Tamer")
        firsts = {self.t[s:e].split()[0] for s, e, _ in found}
        taken = [(s, e) for s, e, _ in found]
        for s, e, tok, low in self.toks:
            if tok in firsts and not any(a <= s < b for a, b in taken) and low not in LA_STOP:
                found.append((s, e, 0.7))
        found.sort()
        return found

    def find_runs(self) -> list[tuple[int, int, float]]:
        toks, lx = self.toks, self.lex
        out: list[tuple[int, int, float]] = []
        i, n = 0, len(toks)
        while i < n:
            s, e, tok, low = toks[i]
            particle_start = low in LA_PARTICLES and _cap(tok)
            if not (self.namey(i) or particle_start):
                i += 1
                continue
            before = self.t[max(0, s - 60):s]
            strong = bool(_CTX_STRONG.search(before))
            if particle_start and not (strong and re.search(r"\b" + LA_TITLES + r"\.?\s+$", before)):
                i += 1
                continue
            # a capitalised word just before (same run) that is not a context word: part of something else
            if i > 0 and self.same_run(i - 1) and _cap(toks[i - 1][2]) and toks[i - 1][3] not in LA_STOP and toks[i - 1][3] not in LA_PARTICLES \
                    and not re.fullmatch(LA_TITLES, toks[i - 1][2]):
                i += 1
                continue
            if particle_start:
                end, org = (i + 1, False) if not (self.same_run(i) and self.namey(i + 1)) else self.extend(i + 1)
                if end == i + 1 and not (self.same_run(i) and self.namey(i + 1)):
                    i += 1
                    continue
            else:
                end, org = self.extend(i)
            if org:
                i = end + 1
                continue
            words = [k for k in range(i, end + 1) if toks[k][3] not in LA_PARTICLES]
            multi = len(words) >= 2
            first_given = self.given(low)
            first_any = self.any_given(low)
            second_given = multi and self.given(toks[words[1]][3])
            line_before, line_after = self.line_bounds(s, toks[end][1])
            whole_line = not line_before.strip(" \t-•*>") and not line_after.strip(" \t,.;")
            conf = 0.0
            if strong:
                conf = 0.9 if first_any else 0.8
            else:
                g = _CTX_GREETING.search(before)
                if g:
                    # "Hi Ronaldo", "Thanks Mostafa."; after a comma ("Thanks, Deepak Verma") only a run that ends the line
                    tail = line_after[:1]
                    if first_any or (not g.group(1) and tail in ("", ",", ".", "!", ";", ":")) or (g.group(1) and not line_after.strip(" .!")):
                        conf = 0.85
                if not conf and whole_line and _is_closing(self.prev_line(s)):
                    conf = 0.85  # the line after "Regards,"
                weak = _CTX_WEAK.search(before)
                if not conf and weak and first_any and (first_given or multi):
                    conf = 0.85
                if not conf and weak and multi and len(words) <= 4 and weak.group("self"):
                    conf = 0.8  # "I am John Miller", "This is Hessa Soliman"
                if not conf and len(words) <= 4 and _AFTER_MAIL.match(line_after):
                    conf = 0.85  # "Tamer Al-Ghamdi <t@x.com>", "Ahmed Ali wrote:"
                if not conf and multi and len(words) <= 4 and _AFTER_BENEFICIARY.match(line_after):
                    conf = 0.8  # "... to Olena Kovalenko, IBAN GB.."
                if not conf and multi and len(words) <= 4 and _NAME_IN_PARENS.search(before) and line_after.startswith(")"):
                    conf = 0.8  # "the name didn't match (Lama Al Rashidi)"
                if not conf and whole_line and multi and len(words) <= 4 and not self.t[toks[end][1]:].strip() \
                        and not before.rstrip(" \t").endswith(":") and "\n" in self.t[:s]:
                    conf = 0.7  # the last line of a message: a signature
                if not conf and first_given and multi:
                    conf = 0.75
                if not conf and low in lx.la_ambiguous and second_given:
                    conf = 0.7
                if not conf and whole_line and (first_given or (first_any and multi)) and not before.rstrip(" \t").endswith(":"):
                    conf = 0.7  # a line holding only a name: a signature
                if not conf and whole_line and multi and len(words) <= 4 and LA_JOB.search(self.next_line(toks[end][1])) \
                        and not LA_JOB.search(self.t[s:toks[end][1]]):
                    conf = 0.75  # a name line above a job title
            if conf:
                out.append((s, toks[end][1], conf))
                i = end + 1
            else:
                i += 1
        return out


def _is_closing(line: str) -> bool:
    """A closing line (Regards, / Best regards, / Thanks, ...)."""
    return bool(LA_CLOSINGS.match(line))


# ---------------------------------------------------------------------------------- entry

_PLAIN_AR_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")
_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670\uFB50-\uFDFF\uFE70-\uFEFF]")
_FORMS = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")
_AR_CTX_INLINE = re.compile(r"(?:صاحب|صاحبة|اسم|باسم)\s+(?:الحساب|البطاقة|البطاقه|المستفيد|العميل|العميلة|الموظف|الموظفة|المرسل)")
_AR_CTX_DR = re.compile(r"(?:^|\s)د\.\s*[\u0621-\u064A]")
_LATIN_TITLE_HINT = re.compile(r"Dear|Hi|Hello|Mr|Mrs|Ms|Miss|Dr|Eng|Sheikh|[Nn]ame")
_AR_CTX_LATIN = re.compile(r"\b(?:Dear|Hi|Hello|Mr|Mrs|Ms|Miss|Dr|Eng|Sheikh|Name|name)\.?[ \t]*:?[ \t]*[\u0621-\u064A]")


def _arabic_needed(text: str, lex: Lexicon) -> bool:
    """Cheap test (the redactor sees every message): can any Arabic rule fire in this text?
    A given name, a particle, a naming trigger (اسمي، السيد...), عبد, a closing or a label must be there."""
    if "عبد" in text:
        return True
    if _MARKS.search(text):
        if _FORMS.search(text):
            return True  # presentation forms: spellings the word test would miss
        text = _MARKS.sub("", text)  # diacritics and tatweel (شكراً، محمّد)
    if not lex.ar_gate.isdisjoint(_PLAIN_AR_WORD.findall(text)):
        return True
    if (":" in text and AR_HEADER.search(text)) or (("صاحب" in text or "اسم" in text) and _AR_CTX_INLINE.search(text)) \
            or ("د." in text and _AR_CTX_DR.search(text)) or (_LATIN_TITLE_HINT.search(text) and _AR_CTX_LATIN.search(text)):
        return True
    return "\n" in text and any(len(line) < 60 and AR_CLOSINGS.match(line) for line in text.split("\n"))


_HAS_ARABIC = re.compile(r"[\u0621-\u064A]")
_HAS_CAP = re.compile(r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF]")


def find_names(text: str) -> list[tuple[int, int, float]]:
    """Person names in ``text``: (start, end, confidence), in order, without overlaps."""
    lex = lexicon()
    out: list[tuple[int, int, float]] = []
    if _HAS_ARABIC.search(text) and _arabic_needed(text, lex):
        out += _Arabic(text, lex).find()
    if _HAS_CAP.search(text):
        out += _Latin(text, lex).find()
    out.sort()
    return out
