#!/usr/bin/env python3
"""Build the independent redaction evaluation sets.

Writes resources/eval/independent/redaction_dev.jsonl and redaction_test.jsonl.

This script was written apart from the project's detection rules: the sentence
frames, name lists and entity lists below are hand-written for this evaluation
set only, and the sensitive values are generated here with valid check digits
(Saudi ID / Iqama Luhn, Emirates ID Luhn, ISO 13616 mod-97 IBAN, card Luhn).

Standard library only; deterministic (random.Random(SEED)).

    python3 build/make_independent_eval.py            # write files, print counts
    python3 build/make_independent_eval.py --check    # rebuild in memory, compare with files on disk
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20260314
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "eval" / "independent"

SENSITIVE_KINDS = ["NATIONAL_ID", "EMIRATES_ID", "IBAN", "CARD", "PHONE", "EMAIL", "NAME"]
TRAP_KINDS = ["INVOICE", "ORDER", "REFERENCE", "TRACKING", "POLICY", "TICKET", "ACCOUNT_ALIAS",
              "AMOUNT", "DATE", "TIME", "PERCENT", "BRANCH", "SWIFT", "CHECKSUM_FAIL", "ENTITY"]

# Minimum counts. The generator keeps adding records until every quota is met.
QUOTAS = {
    "test": {"sens": {**{k: 64 for k in SENSITIVE_KINDS}, "NAME": 110}, "sens_total": 560,
             "trap": {**{k: 22 for k in TRAP_KINDS}, "CHECKSUM_FAIL": 64}, "trap_total": 360},
    "dev": {"sens": {**{k: 32 for k in SENSITIVE_KINDS}, "NAME": 55}, "sens_total": 280,
            "trap": {**{k: 11 for k in TRAP_KINDS}, "CHECKSUM_FAIL": 32}, "trap_total": 180},
}
EMPTY_SHARE = 0.15   # share of records with no sensitive value (traps only)

EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def east(s: str) -> str:
    return s.translate(EASTERN)


# --------------------------------------------------------------------------- checksums

def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def saudi_id_ok(digits: str) -> bool:
    """Saudi national ID / Iqama: double digits at odd positions (1,3,5,7,9 from the left)."""
    if len(digits) != 10 or digits[0] not in "12":
        return False
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d // 10 + d % 10
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


def luhn_break(partial: str) -> str:
    good = luhn_complete(partial)[-1]
    return partial + str((int(good) + 1 + (int(partial[-1]) % 8)) % 10)


def iban_check_digits(cc: str, bban: str) -> str:
    num = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    return "%02d" % (98 - int(num) % 97)


def iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "").upper()
    if len(s) != IBAN_LEN.get(s[:2], -1):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in r)) % 97 == 1


IBAN_LEN = {"SA": 24, "AE": 23, "EG": 29, "KW": 30, "QA": 29, "BH": 22, "JO": 30, "GB": 22, "DE": 22}

# --------------------------------------------------------------------------- hand-written lists

AR_M = ("محمد أحمد عبدالله عبدالرحمن خالد فهد سلطان فيصل تركي نايف بندر سعود ماجد يوسف عمر علي حسن "
        "حسين إبراهيم سامي طارق وليد هشام رامي كريم مصطفى محمود عادل زياد باسل جاسم حمد راشد سيف منصور "
        "مشعل عبدالعزيز ياسر أنس مروان نبيل عماد حمزة عثمان هاني غسان فراس سليمان بدر متعب نواف "
        "عبدالكريم صالح ناصر سعد").split()
AR_F = ("فاطمة نورة سارة مريم عائشة هند ريم لمى دانة شهد العنود منيرة أمل هيا نوف رهف جود ليلى رنا "
        "دينا ياسمين منى هبة إيمان سلمى رشا لينا جنى نادين خديجة زينب سعاد أسماء سناء مها ندى غادة "
        "آية شيماء رغد حصة لطيفة").split()
GULF_FAM = ("الحربي العتيبي القحطاني الدوسري الشمري الغامدي الزهراني المطيري السبيعي العنزي الشهري "
            "المنصوري الكعبي الظاهري النعيمي المهيري الشامسي الفلاسي البلوشي الهاشمي العجمي الرشيدي "
            "الكندري الكواري المري السليطي البوعينين الجابري البلوي الجهني").split() + [
    "آل حمد", "آل الشيخ", "آل عثمان", "آل سالم", "آل مبارك"]
LEV_M = "سامر جورج إلياس طوني رامي فادي باسل غسان زياد وسيم مازن عمر خليل أنس نزار".split()
LEV_F = "رنا ريما لينا نادين كارلا ميرا رولا سوسن هالة دانا ميس جمانة لارا ربى".split()
LEV_FAM = ["حداد", "خوري", "نصرالله", "عيسى", "الشامي", "قباني", "الطويل", "حجازي", "عودة", "المعايطة",
           "الزعبي", "العبادي", "الرفاعي", "أبو غزالة", "أبو زيد", "البرغوثي", "الحسيني", "سلامة",
           "الخطيب", "عبد الهادي", "الحلبي", "شحادة", "أبو عرب", "الصباغ", "قطيش"]
EGY_M = ("محمد أحمد محمود مصطفى السيد إسلام شريف كريم وائل هاني تامر عمرو أيمن حازم ممدوح سامح "
         "مينا بيشوي إبراهيم حسام عبدالرحمن").split()
EGY_F = "منى هبة شيماء إيمان مروة رحاب ياسمين نهى دعاء مريم مارينا سلمى آية أسماء نرمين".split()
EGY_FAM = ["عبد الفتاح", "الشربيني", "المنشاوي", "سليمان", "فؤاد", "رمضان", "السيد", "عبد العظيم",
           "حسنين", "عبد الرازق", "الجمال", "شحاتة", "نجيب", "فهمي", "عبد الحميد", "البحيري", "الدسوقي",
           "متولي", "عبد المنعم", "جرجس", "حنا"]
MAGH_M = ["يوسف", "أمين", "سفيان", "أيوب", "إلياس", "مهدي", "رضا", "عبد الصمد", "هشام", "نبيل", "كمال",
          "رشيد", "عبد الإله", "حمزة", "ياسين", "مراد", "عبد القادر", "نور الدين"]
MAGH_F = ["سلمى", "إيمان", "خديجة", "فاطمة الزهراء", "كوثر", "سناء", "هاجر", "وئام", "مريم", "أسماء",
          "نادية", "صفاء", "إكرام", "حياة", "سهام"]
MAGH_FAM = ["بنعلي", "العلوي", "الإدريسي", "بنشقرون", "التازي", "الفاسي", "بوزيد", "بن صالح", "الطرابلسي",
            "بلحاج", "الزياني", "بوشارب", "مزيان", "شرفي", "العمراني", "الصنهاجي", "بن عمر", "القاسمي",
            "حمداوي", "بلقاسم", "الجزيري", "الشابي", "بن يوسف", "المرابط"]

LAT_M = ("Mohammed Mohamed Muhammad Ahmed Abdullah Abdulrahman Khalid Khaled Faisal Sultan Omar Youssef "
         "Yousef Ali Hassan Tariq Waleed Hisham Rami Karim Mostafa Mahmoud Ziad Rashid Saif Hamad Mansour "
         "Nasser Fahad Bandar Turki Majed Yasser Anas Marwan Hamza Ibrahim Sami Adel Osama Amr Tamer").split()
LAT_F = ("Fatima Noura Nora Sara Sarah Maryam Mariam Aisha Hind Reem Lama Dana Huda Layla Rana Dina "
         "Yasmin Mona Heba Iman Salma Lina Nadine Khadija Zainab Amal Shaima Hessa Latifa Maha Nada "
         "Ghada Rania Asmaa").split()
LAT_LAST = ["Al-Harbi", "Al Mansouri", "Alotaibi", "Al-Qahtani", "Al Dosari", "AlShammari", "Al-Ghamdi",
            "Al Zahrani", "Al-Mutairi", "Al Kaabi", "Al Dhaheri", "Al Nuaimi", "Al Shamsi", "Al Falasi",
            "Al Mheiri", "Al Kuwari", "Al-Ajmi", "Al Rashidi", "Haddad", "Khoury", "Nasrallah",
            "Abdel Fattah", "El-Sherbiny", "Soliman", "Fouad", "Ramadan", "Hegazy", "Abdelrahman", "Benali",
            "El Alaoui", "Bennani", "Tazi", "Bouzid", "Belhaj", "Zoubi", "Odeh", "Salameh", "Abu Ghazaleh",
            "Bin Saleh", "El Idrissi", "Chraibi", "Ben Youssef", "Farouk", "Saleh", "Al Balushi"]
EXPAT_M = [("Rajesh", "Kumar"), ("Anil", "Menon"), ("Suresh", "Nair"), ("Deepak", "Verma"), ("Arjun", "Reddy"),
           ("Vikram", "Singh"), ("Mohammed", "Ashraf"), ("Joseph", "Thomas"), ("Imran", "Qureshi"),
           ("Usman", "Tariq"), ("Bilal Ahmed", "Khan"), ("Faisal", "Chaudhry"), ("Jose", "Dela Cruz"),
           ("Mark Anthony", "Villanueva"), ("Ronaldo", "Garcia"), ("John", "Miller"), ("David", "O'Brien"),
           ("James", "Whitfield"), ("Thomas", "Müller"), ("Pierre", "Lefebvre"), ("Michael", "Brennan"),
           ("Chinedu", "Okafor"), ("Tesfaye", "Bekele"), ("Nimal", "Perera"), ("Ramesh", "Adhikari"),
           ("Sanjay", "Pillai"), ("Abdul Rehman", "Shaikh"), ("Kiran", "Rao"), ("Paolo", "Rossi"),
           ("Daniel", "Fernandes"), ("Kwame", "Mensah"), ("Hasan", "Yılmaz"), ("Andrei", "Popescu")]
EXPAT_F = [("Priya", "Sharma"), ("Sneha", "Patel"), ("Lakshmi", "Iyer"), ("Anitha", "George"),
           ("Ayesha", "Siddiqui"), ("Sana", "Javed"), ("Maria", "Santos"), ("Mary Grace", "Reyes"),
           ("Angelica", "Bautista"), ("Jenny", "Mendoza"), ("Sarah", "Thompson"), ("Emma", "Clarke"),
           ("Laura", "Becker"), ("Claire", "Dubois"), ("Anna", "Kowalski"), ("Grace", "Wanjiru"),
           ("Rina", "Sari"), ("Siti", "Rahmawati"), ("Divya", "Nair"), ("Fatima", "Bibi"),
           ("Kristine Joy", "Aquino"), ("Olena", "Kovalenko"), ("Sophie", "Martin"), ("Nadia", "Hussain"),
           ("Rosalind", "Carter")]

ENTITIES = {
    "bank_en": ["Al Rajhi Bank", "Saudi National Bank", "Riyad Bank", "Banque Saudi Fransi", "Alinma Bank",
                "Bank AlJazira", "Emirates NBD", "First Abu Dhabi Bank", "Abu Dhabi Islamic Bank", "Mashreq",
                "Dubai Islamic Bank", "National Bank of Egypt", "Banque Misr", "Commercial International Bank",
                "Arab Bank", "Kuwait Finance House", "Qatar National Bank", "Attijariwafa bank", "Housing Bank"],
    "bank_ar": ["مصرف الراجحي", "البنك الأهلي السعودي", "بنك الرياض", "مصرف الإنماء", "بنك البلاد",
                "الإمارات دبي الوطني", "بنك أبوظبي الأول", "مصرف أبوظبي الإسلامي", "بنك دبي الإسلامي",
                "البنك الأهلي المصري", "بنك مصر", "البنك التجاري الدولي", "البنك العربي", "بيت التمويل الكويتي",
                "بنك قطر الوطني", "التجاري وفا بنك", "بنك الإسكان", "البنك السعودي الفرنسي"],
    "street_ar": ["شارع الملك فهد", "طريق الملك عبدالعزيز", "شارع التحلية", "شارع الأمير محمد بن عبدالعزيز",
                  "شارع عمر المختار", "شارع صلاح سالم", "شارع عباس العقاد", "شارع جامعة الدول العربية",
                  "شارع الحمرا", "شارع محمد الخامس", "شارع الحبيب بورقيبة", "شارع الشيخ زايد",
                  "طريق خالد بن الوليد", "شارع طلعت حرب", "شارع الرينبو", "شارع الأمير سلطان"],
    "street_en": ["King Fahd Road", "Sheikh Zayed Road", "Prince Sultan Street", "Khalid Bin Al Waleed Road",
                  "Olaya Street", "Tahlia Street", "Al Wasl Road", "Hamdan Bin Mohammed Street",
                  "Salah Salem Road", "Abbas El Akkad Street", "Mohammed V Avenue", "Rainbow Street",
                  "Corniche Road", "King Abdullah Road"],
    "place_ar": ["مستشفى سعد", "مستشفى الملك فيصل التخصصي", "مستشفى د. سليمان الحبيب", "مدينة الملك عبدالعزيز الطبية",
                 "جامعة الملك سعود", "مطار الملك خالد الدولي", "مستشفى المواساة", "مول العرب",
                 "مستشفى الشيخ خليفة", "مدينة محمد بن راشد", "مستشفى قصر العيني", "جامعة عين شمس",
                 "مجمع الراشد", "بوليفارد الرياض"],
    "place_en": ["Dr. Sulaiman Al Habib Hospital", "King Faisal Specialist Hospital", "Cleveland Clinic Abu Dhabi",
                 "Mohammed Bin Rashid City", "Hamad International Airport", "King Khalid International Airport",
                 "Mall of the Emirates", "Ibn Battuta Mall", "Sheikh Khalifa Medical City",
                 "Prince Sultan University", "Zayed University", "Dubai Mall", "King Abdullah Financial District",
                 "City Centre Deira"],
    "city_en": ["Riyadh", "Jeddah", "Dammam", "Khobar", "Abu Dhabi", "Dubai", "Sharjah", "Al Ain", "Cairo",
                "Alexandria", "Giza", "Amman", "Beirut", "Casablanca", "Rabat", "Tunis", "Algiers", "Doha",
                "Kuwait City", "Manama", "Makkah", "Madinah"],
    "city_ar": ["الرياض", "جدة", "الدمام", "الخبر", "أبوظبي", "دبي", "الشارقة", "العين", "القاهرة", "الإسكندرية",
                "الجيزة", "عمّان", "بيروت", "الدار البيضاء", "الرباط", "تونس", "وهران", "الدوحة", "الكويت",
                "المنامة", "مكة", "المدينة المنورة", "طنطا", "إربد", "الزرقاء", "أبها"],
    "product": ["mada", "Apple Pay", "STC Pay", "Absher", "UAE PASS", "Fawry", "InstaPay", "Vodafone Cash",
                "Tabby", "Tamara", "Visa Signature", "Mastercard World Elite", "Tawakkalna", "urpay"],
    "product_ar": ["مدى", "أبشر", "توكلنا", "فوري", "انستاباي", "فودافون كاش", "تابي", "تمارا", "سداد",
                   "ناجز", "الهوية الرقمية", "آبل باي"],
    "org_en": ["Saudi Aramco", "Etihad Airways", "Emirates", "Noon", "Amazon.ae", "Careem", "Jahez", "Talabat",
               "HungerStation", "Carrefour", "Lulu Hypermarket", "IKEA", "Jarir Bookstore", "Abdullah Al Othaim Markets",
               "Majid Al Futtaim", "Etisalat", "du", "Zain", "Mobily", "Ooredoo", "Orange", "Inwi"],
    "org_ar": ["أرامكو السعودية", "طيران الإمارات", "نون", "كريم", "جاهز", "طلبات", "هنقرستيشن", "مكتبة جرير",
               "أسواق عبدالله العثيمين", "كارفور", "لولو هايبرماركت", "ماجد الفطيم", "هيئة الزكاة والضريبة والجمارك",
               "الجوازات", "شركة المياه الوطنية", "اتصالات", "زين", "موبايلي", "أورنج"],
}
ENTITY_GROUPS = {
    "en": ["bank_en", "street_en", "place_en", "city_en", "product", "org_en"],
    "ar": ["bank_ar", "street_ar", "place_ar", "city_ar", "product_ar", "org_ar"],
}

SWIFTS = {
    "SA": ["RJHISARI", "NCBKSAJE", "RIBLSARI", "BSFRSARI", "SABBSARI", "INMASARI", "BJAZSAJE", "ALBISARI", "ARNBSARI"],
    "AE": ["NBADAEAA", "EBILAEAD", "ADCBAEAA", "BOMLAEAD", "DUIBAEAD", "ABDIAEAD"],
    "EG": ["NBEGEGCX", "BMISEGCX", "CIBEEGCX"],
    "KW": ["NBOKKWKW", "KFHOKWKW"],
    "QA": ["QNBAQAQA", "CBQAQAQA"],
    "JO": ["ARABJOAX", "HBHOJOAX"],
    "GB": ["HBUKGB4B", "BARCGB22", "NWBKGB2L"],
    "DE": ["DEUTDEFF", "COBADEFF"],
    "MA": ["BCMAMAMC"],
}

FREE_MAIL = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com", "outlook.sa", "yahoo.co.uk",
             "live.com"]
CORP_MAIL = ["nakheel-trading.com.sa", "mail.gulfstar.ae", "hq.desertrose-holding.ae", "deltanile.com.eg",
             "eng.cairo-textiles.com.eg", "riyadh.alfaris-group.sa", "finance.emiratesfoods.ae", "najd-medical.sa",
             "jordanfreight.jo", "atlas-logistique.ma", "corp.bluewave-contracting.com", "hr.tihama-steel.com.sa",
             "ops.pearlmarine.qa", "staff.oasis-schools.ae", "sales.nilepharma.com.eg"]


# --------------------------------------------------------------------------- value generator

class Person:
    def __init__(self, full: str, first: str, last: str, latin: bool):
        self.full, self.first, self.last, self.latin = full, first, last, latin


class Gen:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ar = True   # does the current frame contain Arabic script? (set by render)

    # helpers -------------------------------------------------------------
    def d(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def a(self, n: int) -> str:
        return "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))

    def an(self, n: int) -> str:
        return "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(n))

    def pick(self, seq):
        return self.rng.choice(seq)

    def wpick(self, pairs):
        items, weights = zip(*pairs)
        return self.rng.choices(items, weights=weights)[0]

    def safe_num(self, n: int, first: str = "3456789") -> str:
        """A digit string that is not a valid ID/card look-alike (used for ordinary trap numbers)."""
        while True:
            s = self.pick(first) + self.d(n - 1)
            if n == 10 and s[0] in "12":
                continue
            if n >= 12 and luhn_ok(s):
                continue
            if n == 15 and s.startswith("784"):
                continue
            return s

    @staticmethod
    def group(s: str, sizes, sep=" ") -> str:
        out, i = [], 0
        for k in sizes:
            out.append(s[i:i + k])
            i += k
        if i < len(s):
            out.append(s[i:])
        return sep.join(x for x in out if x)

    # sensitive -------------------------------------------------------------
    def national_id(self, opts):
        first = "2" if "iqama" in opts else "1" if "citizen" in opts else self.pick("12")
        body = first + self.d(8)
        full = next(body + c for c in "0123456789" if saudi_id_ok(body + c))
        fmt = next((o for o in opts if o in ("plain", "east", "spaced")), None) or \
            self.wpick([("plain", 6), ("east", 2 if self.ar else 0), ("spaced", 2)])
        if fmt == "spaced":
            s = self.group(full, self.pick([(4, 3, 3), (1, 3, 3, 3), (2, 4, 4), (3, 3, 4), (4, 4, 2)]))
            return east(s) if "east" in opts else s
        if fmt == "east":
            return east(full)
        return full

    def emirates_id(self, opts):
        year = str(self.rng.randint(1962, 2005))
        full = luhn_complete("784" + year + self.d(7))
        fmt = next((o for o in opts if o in ("dash", "compact", "spaced", "east")), None) or \
            self.wpick([("dash", 55), ("compact", 20), ("spaced", 15), ("east", 10 if self.ar else 0)])
        parts = (full[:3], full[3:7], full[7:14], full[14])
        if fmt == "dash":
            return "-".join(parts)
        if fmt == "spaced":
            return " ".join(parts)
        if fmt == "east":
            return east("-".join(parts))
        return full

    def iban(self, opts):
        cc = next((o for o in opts if o in IBAN_LEN), None) or self.wpick(
            [("SA", 35), ("AE", 25), ("EG", 20), ("KW", 4), ("QA", 4), ("BH", 3), ("JO", 4), ("GB", 3), ("DE", 2)])
        if cc == "SA":
            bban = self.pick(["80", "10", "45", "20", "55", "05", "60", "15", "30"]) + self.d(18)
        elif cc == "AE":
            bban = self.pick(["033", "026", "035", "030", "050", "020", "024"]) + self.d(16)
        elif cc == "EG":
            bban = self.pick(["0003", "0002", "0010", "0019", "0037"]) + self.d(4) + self.d(17)
        elif cc == "KW":
            bban = self.pick(["NBOK", "CBKU", "GULB", "KFHO", "BOUB"]) + self.d(22)
        elif cc == "QA":
            bban = self.pick(["QNBA", "CBQA", "DOHB", "QIIB"]) + self.d(21)
        elif cc == "BH":
            bban = self.pick(["NBOB", "BBKU", "AUBB", "KFHB"]) + self.d(14)
        elif cc == "JO":
            bban = self.pick(["ARAB", "HBHO", "CBJO", "JONB"]) + self.d(4) + self.d(18)
        elif cc == "GB":
            bban = self.pick(["NWBK", "BARC", "HBUK", "LOYD", "MIDL"]) + self.d(6) + self.d(8)
        else:  # DE
            bban = self.pick(["37040044", "50070010", "10010010", "20041133", "70150000"]) + self.d(10)
        iban = cc + iban_check_digits(cc, bban) + bban
        assert len(iban) == IBAN_LEN[cc] and iban_ok(iban), iban
        fmt = next((o for o in opts if o in ("groups", "compact", "lower")), None) or \
            self.wpick([("compact", 45), ("groups", 40), ("lower", 15)])
        if fmt == "lower":
            return self.group(iban, [4] * 8).lower() if self.rng.random() < 0.8 else iban.lower()
        if fmt == "groups":
            return self.group(iban, [4] * 8)
        return iban

    def card(self, opts):
        kind = next((o for o in opts if o in ("visa", "mc", "amex")), None) or \
            self.wpick([("visa", 45), ("mc", 40), ("amex", 15)])
        if kind == "visa":
            num = luhn_complete("4" + self.d(14))
        elif kind == "mc":
            num = luhn_complete("5" + self.pick("12345") + self.d(13))
        else:
            num = luhn_complete(self.pick(["34", "37"]) + self.d(12))
        fmt = next((o for o in opts if o in ("space", "dash", "none")), None) or \
            self.wpick([("space", 45), ("dash", 20), ("none", 35)])
        sizes = (4, 6, 5) if kind == "amex" else (4, 4, 4, 4)
        if fmt == "space":
            return self.group(num, sizes)
        if fmt == "dash":
            return self.group(num, sizes, "-")
        return num

    def phone(self, opts):
        countries = ["sa", "ae", "eg", "uk", "us", "in", "pk", "ph", "jo", "lb", "ma", "kw", "qa", "bh", "dz", "tn"]
        cc = next((o for o in opts if o in countries or o == "intl"), None)
        if cc is None:
            cc = self.wpick([("sa", 35), ("ae", 25), ("eg", 20), ("intl", 20)])
        if cc == "intl":
            cc = self.pick(countries[3:])
        fmt = next((o for o in opts if o in ("plain", "spaced", "plus", "plus_spaced", "zz")), None)
        use_east = "east" in opts
        r = self.rng
        if cc == "sa":
            n = self.pick(["50", "53", "54", "55", "56", "57", "58", "59"]) + self.d(7)
            fmt = fmt or self.wpick([("plain", 35), ("spaced", 20), ("plus", 20), ("plus_spaced", 15), ("zz", 10)])
            s = {"plain": "0" + n, "spaced": f"0{n[:2]} {n[2:5]} {n[5:]}", "plus": "+966" + n,
                 "plus_spaced": f"+966 {n[:2]} {n[2:5]} {n[5:]}", "zz": "00966" + n}[fmt]
        elif cc == "ae":
            n = self.pick(["50", "52", "54", "55", "56", "58"]) + self.d(7)
            fmt = fmt or self.wpick([("plain", 30), ("spaced", 25), ("plus", 15), ("plus_spaced", 25), ("zz", 5)])
            s = {"plain": "0" + n, "spaced": f"0{n[:2]} {n[2:5]} {n[5:]}", "plus": "+971" + n,
                 "plus_spaced": f"+971 {n[:2]} {n[2:5]} {n[5:]}", "zz": f"00971 {n[:2]} {n[2:]}"}[fmt]
        elif cc == "eg":
            n = self.pick(["10", "11", "12", "15"]) + self.d(8)
            fmt = fmt or self.wpick([("plain", 45), ("spaced", 20), ("plus", 15), ("plus_spaced", 15), ("zz", 5)])
            s = {"plain": "0" + n, "spaced": f"0{n[:2]} {n[2:6]} {n[6:]}", "plus": "+20" + n,
                 "plus_spaced": f"+20 {n[:2]} {n[2:6]} {n[6:]}", "zz": "0020" + n}[fmt]
        elif cc == "uk":
            if r.random() < 0.5:
                n = "0" + self.d(3)
                s = self.pick([f"(+44) 20 7946 {n}", f"+44 20 7946 {n}", f"(+44) 020 7946 {n}"])
            else:
                n = self.d(3)
                s = self.pick([f"+44 7700 900{n}", f"(+44) 7700 900 {n}", f"07700 900{n}"])
        elif cc == "us":
            area = self.pick(["415", "212", "646", "312", "617", "713"])
            n = "01" + self.d(2)
            s = self.pick([f"+1 ({area}) 555-{n}", f"(+1) {area} 555 {n}", f"+1 {area}-555-{n}"])
        elif cc == "in":
            n = self.pick(["98", "99", "97", "90", "70", "81", "94"]) + self.d(8)
            s = self.pick([f"(+91) {n}", f"+91 {n[:5]} {n[5:]}", f"(+91) {n[:5]}-{n[5:]}", f"+91-{n}"])
        elif cc == "pk":
            n = "3" + self.pick(["00", "01", "21", "33", "45", "11"]) + self.d(7)
            s = self.pick([f"+92 {n[:3]} {n[3:]}", f"(+92) {n[:3]}-{n[3:]}", f"0{n[:3]}-{n[3:]}"])
        elif cc == "ph":
            n = "9" + self.pick(["17", "18", "27", "05", "98", "66"]) + self.d(7)
            s = self.pick([f"+63 {n[:3]} {n[3:6]} {n[6:]}", f"(+63) {n}", f"0{n[:3]} {n[3:6]} {n[6:]}"])
        elif cc == "jo":
            n = "7" + self.pick("789") + self.d(7)
            s = self.pick([f"(+962) {n[:2]} {n[2:5]} {n[5:]}", f"+962{n}", f"0{n}", f"0{n[:2]} {n[2:5]} {n[5:]}"])
        elif cc == "lb":
            if r.random() < 0.5:
                n = "3" + self.d(6)
                s = self.pick([f"+961 3 {n[1:4]} {n[4:]}", f"03 {n[1:4]} {n[4:]}", f"(+961) 3{n[1:]}"])
            else:
                n = self.pick(["70", "71", "76", "78", "81"]) + self.d(6)
                s = self.pick([f"+961 {n[:2]} {n[2:5]} {n[5:]}", f"{n[:2]}/{n[2:]}", f"(+961) {n}"])
        elif cc == "ma":
            n = self.pick("67") + self.d(8)
            s = self.pick([f"+212 {n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"0{n}", f"0{n[:3]}-{n[3:]}",
                           f"(+212) {n}"])
        elif cc == "kw":
            n = self.pick("569") + self.d(7)
            s = self.pick([f"+965 {n[:4]} {n[4:]}", f"(+965) {n}", n, f"00965{n}"])
        elif cc == "qa":
            n = self.pick("3567") + self.d(7)
            s = self.pick([f"+974 {n[:4]} {n[4:]}", f"(+974) {n}", n])
        elif cc == "bh":
            n = "3" + self.pick(["3", "6", "9"]) + self.d(6)
            s = self.pick([f"+973 {n[:4]} {n[4:]}", f"(+973) {n}", n])
        elif cc == "dz":
            n = self.pick("567") + self.d(8)
            s = self.pick([f"0{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"+213 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}",
                           f"0{n}"])
        else:  # tn
            n = self.pick(["2", "5", "9"]) + self.d(7)
            s = self.pick([f"+216 {n[:2]} {n[2:5]} {n[5:]}", f"(+216) {n}", n])
        return east(s) if use_east else s

    # names -------------------------------------------------------------
    def _abd(self, name: str) -> str:
        if name.startswith("عبد") and not name.startswith("عبد ") and len(name) > 4 and self.rng.random() < 0.35:
            return "عبد " + name[3:]
        return name

    def person(self, typ: str) -> Person:
        r = self.rng
        if typ in ("", "any"):
            typ = self.wpick([("ar", 45), ("lat", 25), ("expat", 30)])
        if typ == "en":
            typ = self.wpick([("lat", 45), ("expat", 55)])
        if typ.startswith("ar"):
            gender = "m" if typ in ("ar_m", "ar_m1") else "f" if typ in ("ar_f", "ar_f1") else self.pick("mf")
            region = {"ar_gulf": "gulf", "ar_egy": "egy", "ar_lev": "lev", "ar_magh": "magh"}.get(typ) or \
                self.wpick([("gulf", 45), ("egy", 20), ("lev", 20), ("magh", 15)])
            if region == "gulf":
                first = self._abd(self.pick(AR_M if gender == "m" else AR_F))
                fam = self.pick(GULF_FAM)
                x = r.random()
                father = self._abd(self.pick(AR_M))
                if x < 0.45:
                    parts = [first, fam]
                elif x < 0.7:
                    parts = [first, ("بن" if gender == "m" else "بنت"), father, fam]
                else:
                    parts = [first, father, fam]
            elif region == "egy":
                first = self._abd(self.pick(EGY_M if gender == "m" else EGY_F))
                x = r.random()
                if x < 0.5:
                    parts = [first, self.pick(EGY_M), self.pick(EGY_M + EGY_FAM)]
                elif x < 0.8:
                    parts = [first, self.pick(EGY_M), self.pick(EGY_FAM)]
                else:
                    parts = [first, self.pick(EGY_FAM)]
            elif region == "lev":
                first = self.pick(LEV_M + AR_M[:30] if gender == "m" else LEV_F + AR_F[:30])
                parts = [first, self.pick(LEV_FAM)] if r.random() < 0.7 else \
                    [first, self.pick(LEV_M + AR_M[:20]), self.pick(LEV_FAM)]
            else:
                first = self.pick(MAGH_M if gender == "m" else MAGH_F)
                parts = [first, self.pick(MAGH_FAM)]
            first = parts[0]
            if typ in ("ar_m1", "ar_f1"):
                return Person(first, first, first, False)
            return Person(" ".join(parts), first, parts[-1], False)
        if typ.startswith("lat"):
            gender = "m" if typ == "lat_m" else "f" if typ == "lat_f" else self.pick("mf")
            first = self.pick(LAT_M if gender == "m" else LAT_F)
            last = self.pick(LAT_LAST)
            x = r.random()
            if x < 0.12:
                full = f"{first} {'bin' if gender == 'm' else 'bint'} {self.pick(LAT_M)} {last}"
            elif x < 0.22:
                full = f"{first} {self.pick(LAT_M)} {last}"
            else:
                full = f"{first} {last}"
            return Person(full, first, last, True)
        # expat
        gender = "m" if typ == "expat_m" else "f" if typ == "expat_f" else self.pick("mf")
        first, last = self.pick(EXPAT_M if gender == "m" else EXPAT_F)
        return Person(f"{first} {last}", first, last, True)

    @staticmethod
    def _ascii(s: str) -> str:
        for a, b in (("ü", "ue"), ("ö", "oe"), ("ı", "i"), ("é", "e"), ("'", "")):
            s = s.replace(a, b)
        return re.sub(r"[^a-z]", "", s.lower())

    def email(self, opts, person: Person | None):
        if person is None or not person.latin:
            person = self.person(self.pick(["lat", "lat", "expat"]))
        first = self._ascii(person.first.split()[0])
        last_raw = person.last
        if self.rng.random() < 0.6:
            last_raw = re.sub(r"^(Al|El|Abu|Bin|Ben|Abdel|Abdul)[- ]?", "", last_raw) or last_raw
        last = self._ascii(last_raw)
        corp = "corp" in opts or ("free" not in opts and self.rng.random() < 0.35)
        pats = [f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last[0]}", f"{first}_{last}",
                f"{first}.{last}{self.d(2)}", f"{first}{self.rng.randint(1975, 2004)}", f"{last}.{first}"]
        user = self.pick(pats[:4] if corp else pats)
        dom = self.pick(CORP_MAIL if corp else FREE_MAIL)
        return f"{user}@{dom}"

    def sensitive(self, kind: str, var: str, slot: str | None, slots: dict) -> str:
        opts = [o for o in var.split(",") if o] if var else []
        if kind == "NATIONAL_ID":
            return self.national_id(opts)
        if kind == "EMIRATES_ID":
            return self.emirates_id(opts)
        if kind == "IBAN":
            return self.iban(opts)
        if kind == "CARD":
            return self.card(opts)
        if kind == "PHONE":
            return self.phone(opts)
        if kind == "EMAIL":
            p = slots.get(slot) if slot else None
            if slot and p is None:
                p = slots[slot] = self.person(self.pick(["lat", "expat"]))
            return self.email(opts, p)
        if kind == "NAME":
            typ, _, part = (var or "").partition(".")
            part = part or "full"
            if slot and slot in slots:
                p = slots[slot]
            else:
                p = self.person(typ)
                if slot:
                    slots[slot] = p
            return {"full": p.full, "first": p.first, "last": p.last}[part]
        raise KeyError(kind)

    # traps -------------------------------------------------------------
    def date_parts(self):
        y = self.pick([2025, 2026, 2026])
        m = self.rng.randint(1, 12)
        dd = self.rng.randint(1, 28)
        return y, m, dd

    def trap(self, kind: str, var: str) -> str:
        opts = [o for o in var.split(",") if o] if var else []
        v = opts[0] if opts else None
        r, d = self.rng, self.d
        year = self.pick(["2025", "2026"])
        if kind == "INVOICE":
            v = v or self.pick(["inv", "inv2", "num8", "num10", "slash", "si"])
            return {"inv": lambda: f"INV-{year}-{d(5)}", "inv2": lambda: f"INV{d(7)}",
                    "num8": lambda: self.safe_num(8), "num10": lambda: self.safe_num(10),
                    "slash": lambda: f"{d(4)}/{year}", "si": lambda: f"SI-{d(6)}",
                    "east": lambda: east(self.safe_num(7))}[v]()
        if kind == "ORDER":
            v = v or self.pick(["ord", "hash", "aa", "so", "num10", "east"])
            return {"ord": lambda: f"ORD-{d(6)}", "hash": lambda: "#" + self.safe_num(8),
                    "aa": lambda: self.a(2) + self.safe_num(8), "so": lambda: f"SO-{d(7)}",
                    "num10": lambda: self.safe_num(10), "east": lambda: east(self.safe_num(6))}[v]()
        if kind == "REFERENCE":
            v = v or self.pick(["ref", "ft", "trx", "num10", "mt", "east", "num12"])
            return {"ref": lambda: f"REF-{d(8)}", "ft": lambda: f"FT{d(5)}{self.an(5)}",
                    "trx": lambda: "TRX" + self.safe_num(10), "num10": lambda: self.safe_num(10),
                    "num16": lambda: self.safe_num(16, "6789"), "num12": lambda: self.safe_num(12, "6789"),
                    "mt": lambda: f"MT103-{d(6)}", "east": lambda: east(self.safe_num(9))}[v]()
        if kind == "TRACKING":
            v = v or self.pick(["ups", "rr", "smsa", "aramex", "dhl", "num16"])
            return {"ups": lambda: "1Z" + self.an(6) + self.safe_num(10, "3456789"),
                    "rr": lambda: f"RR{d(9)}SA", "smsa": lambda: self.safe_num(12, "2789"),
                    "aramex": lambda: self.safe_num(11, "3456789"), "dhl": lambda: "JD" + self.safe_num(16, "0"),
                    "num16": lambda: self.safe_num(16, "789")}[v]()
        if kind == "POLICY":
            v = v or self.pick(["pol", "mtr", "p", "num10", "hlt"])
            return {"pol": lambda: f"POL-{d(7)}", "mtr": lambda: f"MTR/{d(4)}/{year}",
                    "p": lambda: f"P/{self.a(3)}/{d(6)}", "num10": lambda: self.safe_num(10),
                    "hlt": lambda: f"HLT-{d(8)}"}[v]()
        if kind == "TICKET":
            v = v or self.pick(["inc", "hash", "tkt", "cs", "sr", "east"])
            return {"inc": lambda: f"INC{d(7)}", "hash": lambda: "#" + self.safe_num(6),
                    "tkt": lambda: f"TKT-{d(5)}", "cs": lambda: f"CS-{year}-{d(5)}",
                    "sr": lambda: f"SR{d(8)}", "east": lambda: east(self.safe_num(7))}[v]()
        if kind == "ACCOUNT_ALIAS":
            v = v or self.pick(["last4", "masked", "iban_masked"])
            k = d(4)
            if v == "last4":
                return k
            if v == "east":
                return east(k)
            if v == "iban_masked":
                return self.pick([f"SA** **** **** **** **** {k}", f"AE•• •••• •••• •••• ••{k[:2]} {k[2:]}",
                                  f"SA{'X' * 18}{k}"])
            return self.pick([f"****{k}", f"XXXX-XXXX-XXXX-{k}", f"•••• {k}", f"xxxxxx{k}", f"**** **** **** {k}"])
        if kind == "AMOUNT":
            return self.amount(v)
        if kind == "DATE":
            y, m, dd = self.date_parts()
            months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
            ar_months = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                         "أكتوبر", "نوفمبر", "ديسمبر"]
            hijri = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                     "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
            v = v or self.pick(["iso", "dmy", "east", "long_ar", "dash", "slash_iso"] if self.ar else
                               ["iso", "dmy", "long_en", "us", "dash", "slash_iso"])
            return {"iso": lambda: f"{y}-{m:02d}-{dd:02d}", "dmy": lambda: f"{dd:02d}/{m:02d}/{y}",
                    "east": lambda: east(f"{dd:02d}/{m:02d}/{y}"), "long_en": lambda: f"{dd} {months[m - 1]} {y}",
                    "long_ar": lambda: self.pick([f"{dd} {ar_months[m - 1]} {y}", east(f"{dd}") + f" {ar_months[m - 1]} " + east(str(y))]),
                    "us": lambda: f"{months[m - 1][:3]} {dd}, {y}", "dash": lambda: f"{dd:02d}-{m:02d}-{y}",
                    "slash_iso": lambda: f"{y}/{m:02d}/{dd:02d}",
                    "hijri": lambda: east(str(dd)) + f" {self.pick(hijri)} " + east(str(self.pick([1446, 1447]))) + "هـ"}[v]()
        if kind == "TIME":
            h, mi = r.randint(7, 22), self.pick([0, 5, 10, 15, 20, 30, 40, 45, 50])
            v = v or self.pick(["24", "ar", "east"] if self.ar else ["24", "en"])
            h12 = h - 12 if h > 12 else h
            if v == "24":
                return f"{h:02d}:{mi:02d}"
            if v == "en":
                return f"{h12}:{mi:02d} {'PM' if h >= 12 else 'AM'}" if r.random() < 0.7 else f"{h12}:{mi:02d}{'pm' if h >= 12 else 'am'}"
            if v == "ar":
                suffix = "مساءً" if h >= 12 else "صباحاً"
                t = f"{h12}:{mi:02d}"
                return self.pick([east(t) + " " + suffix, t + " " + suffix, east(t) + (" م" if h >= 12 else " ص")])
            return east(f"{h12}:{mi:02d}")
        if kind == "PERCENT":
            v = v or (self.pick(["en", "ar", "east"]) if self.ar else "en")
            x = self.pick(["2.5", "3", "4.99", "1.75", "15", "0.5", "12", "5", "3.25", "18"])
            if v == "en":
                return self.pick([f"{x}%", f"{x} %", f"{x}% p.a."]) if "." in x else self.pick([f"{x}%", f"{x} %"])
            ex = east(x).replace(".", "٫")
            if v == "ar":
                return self.pick([f"{ex}٪", f"٪{ex}", f"{x}%", f"{ex} بالمئة"])
            return f"{ex}٪"
        if kind == "BRANCH":
            v = v or self.pick(["code4", "code3", "east", "named"] if self.ar else ["code4", "code3", "named"])
            return {"code4": lambda: "0" + d(3), "code3": lambda: str(r.randint(101, 989)),
                    "east": lambda: east(str(r.randint(101, 989))),
                    "named": lambda: f"{self.pick(['RUH', 'JED', 'DMM', 'DXB', 'AUH', 'CAI', 'AMM'])}-{d(3)}"}[v]()
        if kind == "SWIFT":
            cc = v if v in SWIFTS else self.pick(list(SWIFTS))
            code = self.pick(SWIFTS[cc])
            return code + "XXX" if r.random() < 0.2 else code
        if kind == "CHECKSUM_FAIL":
            v = v or self.pick(["id10", "card16"])
            if v == "id10" and self.ar and self.rng.random() < 0.15:
                v = "id10east"
            if v in ("id10", "id10east"):
                body = self.pick("12") + d(8)
                good = next(c for c in "0123456789" if saudi_id_ok(body + c))
                bad = self.pick([c for c in "0123456789" if c != good])
                s = body + bad
                assert not saudi_id_ok(s)
                return east(s) if v == "id10east" else s
            s = luhn_break(self.pick("45") + d(14))
            assert not luhn_ok(s)
            fmt = self.wpick([("plain", 70), ("space", 15), ("dash", 15)])
            return s if fmt == "plain" else self.group(s, (4, 4, 4, 4), " " if fmt == "space" else "-")
        if kind == "ENTITY":
            if v in ENTITY_GROUPS:
                v = self.pick(ENTITY_GROUPS[v])
            v = v or self.pick(ENTITY_GROUPS["ar" if self.ar else "en"])
            return self.pick(ENTITIES[v])
        raise KeyError(kind)

    def amount(self, v):
        r = self.rng
        x = self.pick([r.randint(15, 999), r.randint(1000, 9999), r.randint(10, 99) * 1000 + self.pick([0, 500]),
                       r.randint(100, 950) * 10])
        c = f"{x:,}"
        ec = east(c).replace(",", "٬")
        v = v or (self.pick(["en", "ar"]) if self.ar else "en")
        if v == "en":
            cents = self.d(2)
            return self.pick([f"{c}.00 SAR", f"SAR {c}", f"AED {c}", f"{c}.00 AED", f"EGP {c}", f"USD {c}.00",
                              f"${c}", f"SAR {c}.{cents}"])
        if v == "ar":
            return self.pick([f"{ec} ريال", f"{x} ريال", f"{c} ريال سعودي", f"{east(str(x))} ر.س", f"{ec} درهم",
                              f"{x} درهم", f"{ec} جنيه"])
        if v == "east":
            return self.pick([f"{ec} ريال", f"{ec} ر.س", f"{ec} درهم", f"{ec} جنيه"])
        if v == "egp":
            return self.pick([f"EGP {c}", f"EGP {c}.00", f"{c} EGP", f"LE {c}"])
        if v == "eg":
            return self.pick([f"{c.replace(',', '.')} ج.م", f"{ec} جنيه", f"EGP {c}", f"{x} جنيه"])
        if v == "ae":
            return self.pick([f"AED {c}", f"{c} درهم", f"{ec} درهم", f"{c}.00 AED"])
        if v == "jo":
            return self.pick([f"{x} دينار", f"JOD {x}.{self.pick(['000', '500', '250'])}", f"{ec} دينار"])
        if v == "kw":
            return self.pick([f"KWD {x}.{self.pick(['750', '500', '000'])}", f"{east(str(x))} د.ك", f"{x} دينار"])
        if v == "ma":
            y = f"{x:,}".replace(",", " ")
            return self.pick([f"{y},00 DH", f"{x} درهم", f"{y} DH", f"{c.replace(',', '.')} درهم"])
        if v == "usd":
            return self.pick([f"USD {c}.00", f"${c}", f"US$ {c}", f"{x} دولار"])
        raise KeyError(v)


# --------------------------------------------------------------------------- frames
# Placeholder syntax inside frames:
#   {KIND} / {KIND:opt1,opt2}      sensitive value (NAME takes type.part, e.g. {NAME:lat_m.last})
#   {NAME:type@a} {EMAIL:@a}       slot "a" links a person's name parts and e-mail in one record
#   {~KIND} / {~KIND:variant}      trap (look-alike that must NOT be redacted)
#   {~KIND=literal}                trap with a literal value
#   {?a|b|c}                       choose one of the plain-text options
# Frames are separated by lines holding only "%%".

DEV_FRAMES = r"""
Hi, my name is {NAME:expat_f} and I'm writing about invoice {~CHECKSUM_FAIL:id10}. My Iqama number is {NATIONAL_ID:iqama} and you can reach me on {PHONE:sa}.
%%
السلام عليكم معكم {NAME:ar_m} من {~ENTITY:city_ar}، أبغى أحدث بياناتي: الهوية {NATIONAL_ID:citizen} والجوال {PHONE:sa}
%%
From: {NAME:lat_m.full@a} <{EMAIL:@a}>
Sent: {~DATE:long_en} {~TIME:en}
Subject: RE: Refund for order {~ORDER}
Please process the refund of {~AMOUNT:en} to IBAN {IBAN:SA,groups}.
{NAME:.first@a}
%%
-----Original Message-----
From: {NAME:expat_m.full@a} [mailto:{EMAIL:@a}]
Subject: Card blocked
My card {CARD:visa,dash} was blocked after a payment at {~ENTITY:org_en}. Please call me on {PHONE:intl}.
%%
مساء الخير، حولت {~AMOUNT:ar} على الآيبان {IBAN:SA} يوم {~DATE:east} وللحين ما وصلت
%%
لو سمحت يا فندم أنا {NAME:ar_egy} وعايز أعرف الفلوس اتحولت ولا لأ على حساب {IBAN:EG}، رقمي {PHONE:eg}
%%
Call note {~DATE:iso} {~TIME:24}: caller {NAME:lat_f} verified with EID {EMIRATES_ID}. Complaint ticket {~TICKET} opened, callback on {PHONE:ae}.
%%
Customer details:
- Name: {NAME:expat}
- Emirates ID: {EMIRATES_ID:compact}
- Mobile: {PHONE:ae}
- Email: {EMAIL}
%%
مرحبا، أنا {NAME:ar_lev} وبدي أعرف ليش انخصم مني {~AMOUNT:jo} على البطاقة {CARD:mc}
%%
السلام، أنا {NAME:ar_magh}، عندي compte ف ألمانيا، هاهو الـ IBAN ديالو: {IBAN:DE}
%%
The invoice {~INVOICE} dated {~DATE:dmy} for {~AMOUNT:en} was settled via SWIFT {~SWIFT}; please confirm with {~ENTITY:bank_en}.
%%
تم استلام طلبكم رقم {~ORDER} وسيتم التوصيل خلال ٣ أيام عمل إلى {~ENTITY:street_ar}. رقم الشحنة {~TRACKING}
%%
Dear {NAME:lat_m.full},
Your card ending {~ACCOUNT_ALIAS:last4} has been replaced. The new card {CARD:mc,space} will reach you within 7 days.
Best regards,
{NAME:expat_f}
%%
يا إخوان الكرت {CARD:visa,none} ما يشتغل في {~ENTITY:org_ar}، وش السالفة؟ جوالي {PHONE:sa,plus}
%%
I paid the invoice {~CHECKSUM_FAIL:id10} twice by mistake. Please refund one payment to {IBAN:AE,lower}. Thanks, {NAME:expat_m}
%%
Transaction ID {~CHECKSUM_FAIL:card16} failed at {~TIME:en}. Please retry after {~DATE:long_en}.
%%
تحياتي،
{NAME:ar_f}
قسم الموارد البشرية
{EMAIL:corp}
%%
Regards,
{NAME:expat_m@a}
Project Manager
{~ENTITY:org_en} – {~ENTITY:city_en}
Mob: {PHONE:intl}
Email: {EMAIL:corp@a}
%%
عايز أعرف رصيد البطاقة {CARD:mc,dash} من غير ما أروح الفرع، وأنا اسمي {NAME:ar_egy}
%%
السلام عليكم، أبا أحدّث الهوية، رقمها الجديد {EMIRATES_ID:dash} وموبايلي {PHONE:ae}
%%
نود إعلامكم بأن نسبة الربح على التمويل الشخصي أصبحت {~PERCENT:east} اعتباراً من {~DATE:long_ar}.
%%
Hi, I spoke with your agent {NAME:lat_f.first} at the {~ENTITY:city_en} branch. She said my Iqama {NATIONAL_ID:iqama} was updated, but the app still says expired.
%%
يا جماعة صرلي أسبوع ناطر البطاقة، اسمي {NAME:ar_lev} ورقمي {PHONE:lb}، شو القصة؟
%%
عسلامة، حبيت نسأل على الكارت متاعي {CARD:visa,space}، تعطلت وما عادش تخدم. أنا {NAME:ar_magh}
%%
Please credit {~AMOUNT:en} to {NAME:expat_f}, IBAN {IBAN:GB,groups}, SWIFT {~SWIFT:GB}. Ref: {~REFERENCE}
%%
مرحبا، ابي أحول لأخوي {NAME:ar_m1} على حسابه {IBAN:KW,groups}
%%
Policy {~POLICY:num10} lapsed on {~DATE:dmy} because the premium of {~AMOUNT:en} was not received.
%%
يرجى تحديث رقم الجوال المسجل إلى {PHONE:sa,spaced} والبريد الإلكتروني إلى {EMAIL}.
%%
Good afternoon,
My name is {NAME:lat_m} and I'd like to report a lost Amex, {CARD:amex,space}.
Contact: {PHONE:uk}
%%
أنا اتكلمت مع أستاذة {NAME:ar_f1} امبارح وقالتلي الموضوع هيتحل، ولسه مفيش حاجة. رقم الشكوى {~TICKET}
%%
الفاتورة رقم {~INVOICE} طلعت {~AMOUNT:eg} وأنا العادي بدفع أقل من كده بكتير
%%
Notes: cust {NAME:expat_f} (Iqama {NATIONAL_ID:iqama,spaced}) - card {CARD:visa,space} captured by ATM at {~ENTITY:place_en}. Ticket {~TICKET}.
%%
سعادة مدير الفرع رقم {~BRANCH} المحترم،
أرجو التكرم بإصدار شهادة مديونية لحسابي {IBAN:SA,groups}.
مقدمه: {NAME:ar}
الهوية: {NATIONAL_ID:citizen}
%%
عافاكم، شكون اللي غادي يتاصل بيا؟ النمرة ديالي {PHONE:ma} وسميتي {NAME:ar_magh}
%%
أبي أعرف متى تنزل الحوالة اللي رسلها {NAME:ar_gulf}؟ الآيبان حقي {IBAN:QA}
%%
Your order {~ORDER} will arrive on {~DATE:us} between {~TIME:en} and {~TIME:en}. Track it with {~TRACKING}.
%%
Forwarded:
From: {NAME:lat_f.full@a} <{EMAIL:@a}>
Date: {~DATE:dmy}
Subject: Salary certificate
Please issue a salary certificate addressed to {~ENTITY:bank_en}. Thank you.
%%
My ID is {NATIONAL_ID:citizen} but the reference number {~CHECKSUM_FAIL:id10} was printed on the letter instead.
%%
مرحبا، أنا {NAME:ar_lev}، الإيميل تبعي {EMAIL}، صارلي يومين مش قادر أفوت عالـ app
%%
Transfer request:
1) Beneficiary: {NAME:lat}
2) Account: {IBAN:EG,groups}
3) Bank: {~ENTITY:bank_en}
4) Purpose: family support
%%
السلام عليكم، بطاقة {~ENTITY=مدى} رقمها {CARD:visa,space} انسحبت في الصراف اللي عند {~ENTITY:place_ar}، وش أسوي؟
%%
كم رسوم التحويل السريع؟ حولت أمس {~AMOUNT:ar} وخصموا علي {~AMOUNT:ar} زيادة
%%
Please reach me on {PHONE:pk} or by email at {EMAIL:free@a}. I am {NAME:expat_m@a}, account ending {~ACCOUNT_ALIAS:last4}.
%%
اسمي {NAME:ar_egy} وعندي مشكلة في {~ENTITY=انستاباي}، مش راضي يقبل الكارت {CARD:mc,space}
%%
Dear Ms. {NAME:lat_f.last},
Please find attached your e-statement for the period {~DATE:dmy} to {~DATE:dmy}.
{NAME:expat_m}
Relationship Manager
%%
الحجز رقم {~REFERENCE} مؤكد في {~ENTITY:place_ar} الساعة {~TIME:ar} بتاريخ {~DATE:east}
%%
السلام، راني نحاول نبدل الـ mot de passe بصح ما يجينيش الكود على {PHONE:dz}
%%
تم تسجيل شكواكم رقم {~TICKET} باسم {NAME:ar_f} وسيتم التواصل معكم على {PHONE:sa,plus_spaced}.
%%
Hey, this is {NAME:expat_f.first}. Got charged {~AMOUNT:usd} on my Visa {CARD:visa,dash} for something I never bought.
%%
السيد/ {NAME:ar_gulf} المحترم
رقم الهوية: {EMIRATES_ID:dash}
نفيدكم بأنه تمت الموافقة على طلب التمويل بقيمة {~AMOUNT:ae}.
%%
Reference {~REFERENCE:num16} / Invoice {~INVOICE:num10} / Branch {~BRANCH}
%%
أنا {NAME:ar_f1}، وأبي أسأل عن بطاقتي اللي فيها رصيد {~AMOUNT:ar}، ليش تسكرت؟ رقم الهوية {NATIONAL_ID:citizen,east}
%%
Please be informed that Mr. {NAME:expat_m.last} has resigned. Kindly stop salary transfers to {IBAN:SA,compact} from {~DATE:long_en}.
%%
مرحبا، أختي {NAME:ar_f} بدها تبعتلي مصاري من دبي، بتقدروا تبعتولها تفاصيل الحساب عالإيميل {EMAIL}؟
%%
sir pls check my iqama {NATIONAL_ID:iqama,plain} mobile {PHONE:sa,plain} salary not come 3 month
%%
للاستفسار عن الفاتورة {~CHECKSUM_FAIL:id10} يرجى زيارة أقرب فرع في {~ENTITY:street_ar}.
%%
هلا، أبي أسوي تحويل لحساب {IBAN:BH} باسم {NAME:ar_gulf}، كم ياخذ وقت؟
%%
Thanks {NAME:lat_m.first}. Confirmed the Amex {CARD:amex,dash} is closed. Outstanding balance {~AMOUNT:en} was settled on {~DATE:iso}.
%%
The caller gave Emirates ID {EMIRATES_ID:spaced} but the name didn't match ({NAME:lat_f}). Did not proceed.
%%
لو سمحت أنا عايز أحول لـ {NAME:ar_egy} على رقم الموبايل {PHONE:eg} عن طريق {~ENTITY=انستاباي}
%%
ID {~CHECKSUM_FAIL:id10} is the order number from {~ENTITY:org_en}, not a personal ID.
%%
مساء النور، الكارط ديالي {CARD:mc,none} تبلوكات فالخارج، أنا دابا ف{~ENTITY=باريس} وما عنديش باش نخلص
%%
Dear {NAME:expat_f.full},
Your request {~REFERENCE} is complete. The funds ({~AMOUNT:en}) were sent to {IBAN:AE,groups}.
Regards,
{NAME:lat_m}
%%
شو الفايدة عالتوفير عندكم؟ سمعت {~PERCENT:ar} بالسنة، وإذا حطيت {~AMOUNT:jo} قديش بطلعلي؟
%%
Employee: {NAME:expat_m}, EID {EMIRATES_ID}, IBAN {IBAN:AE}, phone {PHONE:ae,plus}
%%
نأمل منكم التواصل مع العميلة {NAME:ar_f} على البريد {EMAIL} لاستكمال طلبها.
%%
أحد يرد! صار لي ساعة أنتظر. الهوية {NATIONAL_ID:citizen} والطلب {~ORDER}
%%
Card {CARD:visa,space}, holder {NAME:lat_m}, disputed amount {~AMOUNT:ae} at {~ENTITY:place_en} on {~DATE:dmy} {~TIME:24}.
%%
Order ID {~CHECKSUM_FAIL:card16} shows twice on my statement, total {~AMOUNT:en}. Branch code {~BRANCH:code4}, SWIFT {~SWIFT:SA}.
%%
رقم المرجع {~CHECKSUM_FAIL:id10east} وتاريخ العملية {~DATE:east} الساعة {~TIME:east}، والمبلغ {~AMOUNT:east}
%%
Hi {NAME:expat_m.first@a}, as discussed please send the signed form back to {EMAIL:corp} before {~DATE:long_en}. Policy ref {~POLICY}.
%%
Hi, please update my Emirates ID to {EMIRATES_ID:dash}, the old one expired on {~DATE:dmy}. Tracking for the new card is {~TRACKING}.
{NAME:lat_f}
%%
مرحبا، جددت الهوية ورقمها {EMIRATES_ID} بس التطبيق للحين يطلب تحديث، شو السالفة؟
%%
EID {EMIRATES_ID:compact} | Policy {~POLICY} | loading {~PERCENT:en} applied | Branch {~BRANCH:named}
%%
يرجى إرفاق صورة الهوية الإماراتية رقم {EMIRATES_ID:dash} مع طلب وثيقة التأمين رقم {~POLICY}.
%%
Invoice {~INVOICE} and shipment {~TRACKING} relate to the same order. Payment went out via {~SWIFT:AE} with a {~PERCENT:en} FX margin.
%%
الفرع رقم {~BRANCH:east} يفتح الساعة {~TIME:ar}، ونسبة العمولة على الحوالات الدولية {~PERCENT:ar}
%%
Card {~ACCOUNT_ALIAS:masked} belongs to {NAME:expat_m}; Emirates ID on file {EMIRATES_ID}.
%%
الفاتورة {~INVOICE} اتدفعت والشحنة {~TRACKING} لسه ما وصلتش، رقمي {PHONE:eg}
"""

TEST_FRAMES = r"""
Dear Ms. {NAME:expat_f.last},
Thank you for contacting us about invoice {~CHECKSUM_FAIL:id10}. The refund of {~AMOUNT:en} will be credited to your IBAN {IBAN:AE,groups} within five working days.
Kind regards,
{NAME:en}
Customer Care Team
%%
-----Original Message-----
From: {NAME:lat_m.full@a} <{EMAIL:corp@a}>
Sent: {~DATE:long_en} {~TIME:en}
Subject: Salary account change
Kindly move my salary to {IBAN:SA,groups} starting next month. Iqama no. {NATIONAL_ID:iqama}
%%
هلا والله، معك {NAME:ar_gulf}، ودي أعرف وش صار على طلبي رقم {~ORDER}؟ رقم الهوية {NATIONAL_ID:citizen} والجوال {PHONE:sa}
%%
يا جماعة الكارت بتاعي {CARD:visa,space} اتسحب منه {~AMOUNT:eg} وأنا ما عملتش أي عملية خالص، ياريت حد يكلمني على {PHONE:eg}
%%
Call log {~DATE:iso} {~TIME:24}
Caller: {NAME:expat}
Verified with Emirates ID {EMIRATES_ID:dash}
Issue: card ending {~ACCOUNT_ALIAS:last4} declined at {~ENTITY:org_en}
Ticket {~TICKET} raised, callback on {PHONE:ae}
%%
السادة/ {~ENTITY:bank_ar} المحترمين
تحية طيبة وبعد، أرجو التكرم بتحويل مبلغ {~AMOUNT:ar} من حسابي إلى الحساب رقم {IBAN:SA} باسم {NAME:ar}.
وتفضلوا بقبول فائق الاحترام،
{NAME:ar_m}
%%
مرحبا، معك {NAME:ar_lev}، بعتلكن حوالة على الآيبان {IBAN:JO} من جمعة ولهلأ ما وصلت، رقم المرجع {~REFERENCE}
%%
السلام عليكم، أنا {NAME:ar_magh}، عندي مشكل فالكارط ديالي {CARD:mc,none}، تبلوكات من نهار {~DATE:dmy} وما قدرتش نخلص بيها فالحانوت
%%
Beneficiary details:
• Name: {NAME:expat}
• IBAN: {IBAN:GB,groups}
• SWIFT/BIC: {~SWIFT:GB}
• Amount: {~AMOUNT:usd}
%%
Hi, I paid the invoice {~CHECKSUM_FAIL:id10} on {~DATE:dmy} but the app still shows it as unpaid. Amount was {~AMOUNT:en}.
%%
تم إصدار وثيقة التأمين رقم {~POLICY} بتاريخ {~DATE:east}، وقيمة القسط {~AMOUNT:ar} شاملة ضريبة القيمة المضافة {~PERCENT:east}.
%%
السلام عليكم، الـ OTP ما يوصلني على جوالي {PHONE:sa,plus} من أمس، وكل ما أحاول أدخل الـ app يطلع لي error. الهوية {NATIONAL_ID}
%%
Hello team,
Please find my details for the KYC update:
Full name: {NAME:lat}
Emirates ID: {EMIRATES_ID}
Mobile: {PHONE:ae,plus_spaced}
Thanks
%%
عايز أعمل تحويل من حسابي لحساب أخويا {NAME:ar_egy} في {~ENTITY:bank_ar}، الآيبان بتاعه {IBAN:EG}
%%
Regards,
{NAME:expat_m@a}
Senior Network Engineer | {~ENTITY:org_en}
M: {PHONE:intl}
E: {EMAIL:corp@a}
%%
I spoke with your agent {NAME:lat_f.first} yesterday at {~TIME:en} and she promised a callback within 24 hours. Nobody called. My ticket is {~TICKET} and my number is {PHONE:sa,plus_spaced}.
%%
حجزت تذكرة وانسحب المبلغ مرتين من بطاقتي {CARD:amex}، رقم الحجز {~REFERENCE} والمبلغ {~AMOUNT:ae}، الرجاء الاسترجاع
%%
Shipment ID {~TRACKING:num16} left the {~ENTITY:city_en} hub on {~DATE:long_en}. Expected delivery before {~TIME:en}.
%%
From: {NAME:expat_f.full@a} <{EMAIL:@a}>
Sent: {~DATE:us}
To: Retail Banking
Subject: FW: Card replacement
Please send the new card to my office on {~ENTITY:street_en}. Old card: {CARD:visa,dash}
%%
مساء الخير، أنا {NAME:ar_f} موظفة في {~ENTITY:org_ar}، بدي أفتح حساب توفير، ورقم الإقامة تبعي {NATIONAL_ID:iqama,east}
%%
ملاحظات المكالمة:
- العميل: {NAME:ar_m}
- رقم الهوية: {NATIONAL_ID:east}
- الجوال: {PHONE:sa,east}
- الطلب: إيقاف البطاقة المنتهية بـ {~ACCOUNT_ALIAS:east}
- رقم البلاغ: {~TICKET}
%%
Hi {NAME:expat_f.first}, your policy {~POLICY:num10} renews on {~DATE:dmy}. To pay the premium of {~AMOUNT:en} use IBAN {IBAN:AE} and quote reference {~REFERENCE}.
%%
والله ما فهمت شو صار، انقطعلي الخط وأنا عم حوّل، رقمي {PHONE:jo} وبدي حدا يتصل فيي
%%
سلام، صيفطت الفلوس لـ {NAME:ar_magh} نهار {~DATE:dmy} وباقي ما وصلاتوش، واش كاين شي مشكل؟ هادا الإيميل ديالي {EMAIL}
%%
Please note my new contact details: {EMAIL:free} / {PHONE:uk}. The old number should be removed from the account ending {~ACCOUNT_ALIAS:last4}.
%%
Dear Mr. {NAME:lat_m.last},
We confirm receipt of {~AMOUNT:en} on {~DATE:iso} via {~SWIFT:SA}. Your request number is {~REFERENCE:num10}.
Sincerely,
{NAME:lat_f}
Operations Officer, {~ENTITY:bank_en}
%%
يا أخوي أبي أوقف البطاقة {CARD:mc,space} ضاعت مني في {~ENTITY:place_ar}، وبكرة بمر على الفرع رقم {~BRANCH} أطلع بدالها
%%
أنا مقيم في {~ENTITY=الرياض} ورقم الإقامة بتاعي {NATIONAL_ID:iqama}، عايز أحدّث العنوان لـ {~ENTITY:street_ar}
%%
my card got swallowed by the ATM at {~ENTITY:place_en} 😡 card no {CARD:none} pls help
%%
حولت {~AMOUNT:ar} يوم {~DATE:dmy} الساعة {~TIME:ar} ورقم العملية {~CHECKSUM_FAIL:id10} بس للحين ما وصلت
%%
الموضوع: طلب كشف حساب
السيد/ {NAME:ar_m} المحترم،
نفيدكم بأنه تم إرسال كشف الحساب إلى بريدكم الإلكتروني {EMAIL} بتاريخ {~DATE:east}.
مع خالص التحية،
{~ENTITY:bank_ar}
%%
لو سمحت بدي أعرف ليش انخصم مني {~AMOUNT:jo} رسوم على التحويل، بالفرع قالولي ببلاش! اسمي {NAME:ar_lev} ورقم تلفوني {PHONE:jo}
%%
Order ID {~CHECKSUM_FAIL:card16} was delivered but the charge appeared twice on my Visa {CARD:visa,space}. Can you reverse one of them?
%%
صحيت خويا، حبيت نبدل الـ numéro تاعي في الـ application، كتبتلكم بالإيميل {EMAIL} وما جاوبتونيش. الرقم الجديد {PHONE:dz}
%%
عسلامة، نحب نسأل على الـ virement اللي بعثتو لـ {NAME:ar_magh}، الـ IBAN متاعو {IBAN:DE,groups}. مازال ما وصلش؟
%%
New joiner payroll setup:
- Employee: {NAME:expat_m}
- Iqama: {NATIONAL_ID:iqama,spaced}
- Bank: {~ENTITY:bank_en}
- IBAN: {IBAN:SA,compact}
- Basic salary: {~AMOUNT:en}
%%
Your policy ID {~POLICY:num10} has been renewed. Premium {~AMOUNT:en} (incl. VAT {~PERCENT:en}) will be charged on {~DATE:long_en}.
%%
Hi, I'm {NAME:expat_f} from {~ENTITY:org_en}, our company card {CARD:amex,space} was charged {~AMOUNT:usd} in foreign fees. Please call me at {PHONE:ph}.
%%
مرحبا، بطاقتي انسحب منها {~AMOUNT:kw} من موقع ما أعرفه، رقمي {PHONE:kw} كلموني ضروري
%%
صباح الفل، أنا اتصلت امبارح وكلمت أستاذ {NAME:ar_m1} وقالي هيتحل خلال ٤٨ ساعة، ولسه مفيش حاجة. رقم الشكوى {~TICKET}
%%
السلام عليكم، أبا أغيّر رقم التلفون المربوط بالحساب إلى {PHONE:ae}، رقم الهوية الإماراتية {EMIRATES_ID}
%%
From: {NAME:lat.full@a} <{EMAIL:@a}>
Subject: Re: Ticket {~TICKET}
Hi,
The reference you gave me ({~REFERENCE:num16}) doesn't show anything on the tracking page. Please check.
{NAME:.first@a}
%%
Please transfer to my brother's account في {~ENTITY:bank_ar}: {IBAN:EG,lower}, name {NAME:lat_m}
%%
الشحنة رقم {~TRACKING} كان المفروض توصل يوم {~DATE:dmy} ولحد دلوقتي ماوصلتش، وأنا دافع {~AMOUNT:eg}
%%
بونجور، بدي غيّر الباسوورد تبع الـ app، الرقم المسجل {PHONE:lb} والإيميل {EMAIL}
%%
Note for supervisor: customer {NAME:en} (ID {NATIONAL_ID:citizen}) disputes invoice {~INVOICE} for {~AMOUNT:en}. Promised callback at {~TIME:24}.
%%
رقم الآيبان الخاص بي هو {IBAN:SA,groups}، يرجى اعتماده لإيداع المستحقات.
%%
Sir my salary not credited yet, my iqama {NATIONAL_ID:iqama} and account is with {~ENTITY:bank_en} branch {~BRANCH}. Kindly check urgent
%%
مساء الخير، حوالتي لوالدي {NAME:ar_gulf} ما وصلت، الحساب عنده في {~ENTITY:bank_ar} والآيبان {IBAN:QA}
%%
Hello, this is {NAME:lat_f} calling from {~ENTITY:city_en}. I'd like to block my Mastercard {CARD:mc,dash}, it was stolen this morning around {~TIME:en}.
%%
نحيطكم علماً بأن الفاتورة رقم {~INVOICE} بقيمة {~AMOUNT:ar} مستحقة السداد قبل {~DATE:long_ar}، ويمكن السداد عبر {~ENTITY:product_ar}.
%%
ممكن حد يفهمني إزاي أحول على {~ENTITY=انستاباي}؟ رقمي {PHONE:eg,spaced} والإيميل {EMAIL}
%%
أفيدكم بأن رقم إقامتي {NATIONAL_ID:iqama} وأرغب في ربط رقم الجوال {PHONE:sa,zz} بالحساب.
%%
Regards,
{NAME:lat_f}
HR Business Partner
{~ENTITY:org_en}, {~ENTITY:city_en}
Tel: {PHONE:ae,plus_spaced}
%%
عافاك بغيت نعرف شحال باقي فالكريدي ديالي، أنا {NAME:ar_magh} والنمرة ديالي {PHONE:ma}
%%
Please update the beneficiary name to {NAME:expat} and IBAN to {IBAN:DE,groups}. The transfer reference is {~REFERENCE} and SWIFT {~SWIFT:DE}.
%%
تكفون أبي كشف حساب للبطاقة {CARD:visa,none} من {~DATE:dmy} إلى {~DATE:dmy}، وأرسلوه على {EMAIL}
%%
مرحبا، أنا {NAME:ar_lev}، عملت تحويل لأهلي بالشام بس انرفض، وهاد الإيميل تبعي {EMAIL}، شو لازم أعمل؟
%%
Ticket {~TICKET}: customer says the ATM on {~ENTITY:street_en} dispensed {~AMOUNT:ae} less than requested. Branch {~BRANCH}. Logged {~DATE:iso} {~TIME:24}.
%%
My ID is {NATIONAL_ID:citizen}, not {~CHECKSUM_FAIL:id10}. That one is the invoice number you keep using!
%%
Good day po! I'm {NAME:expat_f}, my sponsor already transferred my salary but I didn't receive. My iqama {NATIONAL_ID:iqama} and number {PHONE:sa,plain}. Thank you po
%%
السيد / مدير فرع {~ENTITY:city_ar}
بعد التحية،
أرجو التكرم بإلغاء بطاقة الائتمان رقم {CARD:mc,space} وتحويل الرصيد المتبقي إلى حسابي {IBAN:EG,groups}.
مقدمه/ {NAME:ar_egy}
موبايل: {PHONE:eg}
%%
Hi {NAME:lat_m.first}, this is a reminder that your loan instalment of {~AMOUNT:en} is due on {~DATE:dmy}. Interest rate: {~PERCENT:en}. Reply STOP to unsubscribe.
%%
هلا، شلون أفعّل الـ {~ENTITY=Apple Pay}؟ رقمي {PHONE:kw} والبطاقة {CARD:visa,space}
%%
Hi {NAME:expat_m.first},
Please approve the vendor payment:
Vendor: {~ENTITY:org_en}
Invoice: {~INVOICE}
IBAN: {IBAN:AE,groups}
Amount: {~AMOUNT:ae}
%%
ابغى أعرف ليش انرفض طلب التمويل؟ رقم الطلب {~ORDER:num10} وهويتي {NATIONAL_ID:citizen,spaced}
%%
بدي أعرف إذا الفايدة على القرض {~PERCENT:ar} ولا أكتر، لأنو بالعقد مكتوب غير هيك. رقم العقد {~POLICY}
%%
Emirates ID: {EMIRATES_ID:compact} / Passport holder name: {NAME:expat} / Tel {PHONE:ae}
%%
شكرا بزاف للأخت {NAME:ar_f1} اللي عاونتني البارح فالتيليفون، كانت ظريفة بزاف
%%
FYI the customer {NAME:expat_m} called from the UK on {PHONE:uk}, wants to close the account ending {~ACCOUNT_ALIAS:last4}. Told him the closing fee is {~AMOUNT:en}.
%%
يمكنكم زيارة أقرب فرع لنا في {~ENTITY:street_ar} من الساعة {~TIME:ar} وحتى الساعة {~TIME:ar}، أو استخدام تطبيق {~ENTITY:product_ar}.
%%
Please reset my online banking. Username is my email {EMAIL:free@a}, registered mobile {PHONE:eg,plus}. Thanks, {NAME:lat_m@a}
%%
أنا {NAME:ar_f1}، كلمتكم أمس عن البطاقة اللي تسكرت. الرقم {CARD:visa,dash}. متى بتفتحونها؟
%%
أنا {NAME:ar_egy} وعندي حساب في فرع {~ENTITY:street_ar}، عايز أغير رقم الموبايل من {PHONE:eg} لـ {PHONE:eg,spaced}
%%
To whom it may concern,
This is to certify that {NAME:expat} (Iqama {NATIONAL_ID:iqama}) has been employed with {~ENTITY:org_en} since {~DATE:long_en}.
Monthly salary: {~AMOUNT:en}
{NAME:lat}
HR Manager
%%
hi, tracking {~TRACKING} says delivered but nothing came. order {~ORDER} paid {~AMOUNT:en}
%%
call me back on {PHONE:us} pls, I'm travelling
%%
بحول راتب العامل {NAME:expat_m} على حسابه عندكم {IBAN:SA}، كم الرسوم؟
%%
يعطيكم العافية، أنا {NAME:ar_lev}، البطاقة تبعتي {CARD:mc} علقت بالصراف عند {~ENTITY:place_ar}، كيف بقدر أرجعها؟
%%
تفاصيل البلاغ {~TICKET}:
اسم العميل: {NAME:ar_f}
الهوية: {NATIONAL_ID:citizen}
وصف المشكلة: خصم مبلغ {~AMOUNT:ar} مرتين بتاريخ {~DATE:east}
%%
Subject: Urgent - unauthorized transaction
Dear Sir/Madam,
I have noticed a transaction of {~AMOUNT:en} on my card {CARD:amex,space} at {~TIME:24} on {~DATE:dmy} which I did not make.
Best regards,
{NAME:lat_f}
%%
عندي استفسار عن العرض على البطاقات، يعني كاش باك {~PERCENT:ar} على كل المشتريات في {~ENTITY:place_en}؟
%%
Attn: {NAME:lat_m}
Re: Account opening
We still need a copy of your Emirates ID ({EMIRATES_ID:spaced}) and a proof of address. Please email them to {EMAIL:corp}.
Thanks,
{NAME:expat_f.first}
%%
رقم التتبع {~TRACKING} والشحنة حالياً في {~ENTITY:city_ar}، والتسليم المتوقع {~DATE:long_ar}
%%
Invoice ID: {~CHECKSUM_FAIL:id10}
Card used: {CARD:visa,space}
Cardholder: {NAME:en}
%%
السلام عليكم ورحمة الله، أنا المواطن {NAME:ar_gulf}، هويتي {NATIONAL_ID:citizen,east}، أبي أستفسر عن التمويل الشخصي وكم النسبة عندكم؟
%%
لو سمحت عايز اعرف فين فرع {~ENTITY:bank_ar} اللي في {~ENTITY:street_ar}؟ أنا عميل عندكم ورقمي {PHONE:eg}
%%
Thanks {NAME:expat_f.first}, received. I've paid the invoice {~INVOICE:num10} today from my account {IBAN:GB,lower}.
%%
Your one-time reference is {~REFERENCE}. Do not share it with anyone. Valid until {~TIME:24} on {~DATE:dash}.
%%
هاي، عملت transfer على {IBAN:DE} من حسابي بس رجع، البنك قال في غلط بالـ SWIFT، كان {~SWIFT:DE}. شو بعمل هلق؟
%%
المكرم/ {NAME:ar_m} حفظه الله، نود إشعاركم بأنه تم تحديث بيانات التواصل الخاصة بكم إلى الجوال {PHONE:sa} والبريد {EMAIL}.
%%
Assalam o Alaikum, I am {NAME:expat_m} working as driver in {~ENTITY:city_en}. Please tell me why remittance to Pakistan not reached. My number {PHONE:sa} and iqama {NATIONAL_ID:iqama}
%%
ليش الفرع رقم {~BRANCH} مسكر؟ رحت الساعة {~TIME:ar} وما لقيت أحد
%%
Hi team, حاولت أدفع الفاتورة {~INVOICE} بالـ card {CARD:visa,space} وطلع declined، ليش؟
%%
---------- Forwarded message ---------
From: {NAME:expat_m.full@a} <{EMAIL:@a}>
Date: {~DATE:long_en}
Subject: Policy {~POLICY}
Please see my claim details below. Contact number {PHONE:intl}.
%%
عايزة أشكر الأستاذ {NAME:ar_m1} اللي في فرع {~ENTITY:street_ar}، بجد كان محترم جدا وخلصلي الموضوع في دقايق
%%
Policy ID {~CHECKSUM_FAIL:id10} - claim status: approved. Payout {~AMOUNT:en} expected by {~DATE:long_en}.
%%
Hello, please issue a supplementary card for my wife {NAME:lat_f}. Her mobile is {PHONE:sa,plus} and her Iqama is {NATIONAL_ID:iqama}.
%%
والله شي يقهر، ثالث مرة أكلمكم وكل مرة موظف يقول شي. الموظف {NAME:ar_m1} قال بتنحل خلال يومين! رقم الشكوى {~TICKET}
%%
إلى: إدارة خدمة العملاء
من: {NAME:ar}
الموضوع: اعتراض على رسوم
أعترض على خصم مبلغ {~AMOUNT:ar} من حسابي {IBAN:SA,groups} دون إشعار مسبق.
%%
I transferred {~AMOUNT:en} to {NAME:expat} on {~DATE:dmy}, reference {~CHECKSUM_FAIL:card16}. It still hasn't arrived.
%%
بربي نحب نعرف كيفاش نسكر الكونت متاعي، أنا {NAME:ar_magh} والنومرو متاعي {PHONE:tn}
%%
مساء الخير، كنت عايز أسأل على شهادات الادخار، العائد كام دلوقتي؟ سمعت إنه بقى {~PERCENT:ar} وأنا عايز أحط {~AMOUNT:eg}
%%
مقيم ورقم إقامتي {NATIONAL_ID:iqama,spaced}، جاني إشعار إن الإقامة ما تطابق بيانات البنك، وش الحل؟
%%
From: {NAME:lat_f.full@a} [mailto:{EMAIL:corp@a}]
Sent: {~DATE:dmy} {~TIME:24}
To: {NAME:lat_m.full@b}
Subject: RE: Transfer
Hi {NAME:.first@b}, the funds were sent to {IBAN:BH,groups} this morning.
%%
رقمي الجديد {PHONE:lb}
%%
Reference: {~CHECKSUM_FAIL:card16}
Amount: {~AMOUNT:en}
Beneficiary bank: {~ENTITY:bank_en} ({~SWIFT})
Value date: {~DATE:iso}
%%
تحياتي،
{NAME:ar_gulf}
مدير المبيعات - {~ENTITY:org_ar}
جوال: {PHONE:sa,spaced}
%%
يرجى العلم بأن المدعو {NAME:ar_m} قد استخدم بطاقتي رقم {CARD:mc,space} دون علمي، وأطلب إيقافها فوراً.
%%
يا فندم أنا بعت شكوى من أسبوع ومحدش رد، الشكوى رقم {~TICKET}، ردوا عليا على الإيميل بتاعي {EMAIL}
%%
{~TIME:24} cust {NAME:expat} called re: stolen card {CARD:mc,space}. Blocked. New card via {~TRACKING}.
%%
Please note the following are NOT my ID: {~CHECKSUM_FAIL:id10} is my electricity account number and {~INVOICE:num10} is the bill number.
%%
عزيزي العميل {NAME:ar}، تم استلام طلبك رقم {~ORDER} وسيتم التواصل معك على الرقم {PHONE:sa,plus} خلال يومي عمل.
%%
مرحبا، أبا أسأل عن قرض السيارة، راتبي {~AMOUNT:ae} وأنا موظف في {~ENTITY:org_ar}، الإيميل {EMAIL}
%%
Dear team, مرفق صورة الهوية {NATIONAL_ID} والـ IBAN {IBAN:SA,groups}. Thanks, {NAME:lat_m}
%%
السلام، شحال كتاخدو فالكريدي ديال الطوموبيل؟ واش {~PERCENT:ar} ولا كثر؟ الثمن ديالها {~AMOUNT:ma}
%%
Dear {NAME:lat_f.full},
We have updated your Emirates ID to {EMIRATES_ID:dash} and your mobile to {PHONE:ae,plus}. If you did not request this change, please contact us.
Regards,
Customer Service
%%
حولت {~AMOUNT:eg} {~ENTITY=فودافون كاش} على رقم {PHONE:eg} بالغلط، ينفع أرجعهم؟
%%
Hi, {NAME:expat_f.first@a} here from {~ENTITY:org_en}. Could you please resend the statement to {EMAIL:corp@a}? The one for account ending {~ACCOUNT_ALIAS:last4}.
%%
صباح الخير، أنا {NAME:ar_lev} من {~ENTITY:city_ar}، القسط هالشهر انخصم مرتين {~AMOUNT:jo}، ورقم الحساب {IBAN:JO,groups}
%%
آخر موعد لسداد الفاتورة {~INVOICE} هو {~DATE:hijri}، وبعدها تُضاف غرامة تأخير بنسبة {~PERCENT:east}.
%%
شلونكم، أبي أحول لربيعي {NAME:ar_gulf} على حسابه {IBAN:KW}، يوصل نفس اليوم؟
%%
We paid {~AMOUNT:en} against invoice {~CHECKSUM_FAIL:card16}. Please confirm receipt to {EMAIL:corp}.
%%
ياخي للحين ما وصلني الـ OTP! رقمي {PHONE:sa,zz}
%%
Thanks & Regards,
{NAME:expat_m}
Accounts Executive
Mob: {PHONE:in}
Email: {EMAIL}
%%
لو سمحت أنا عايزة أقفل الفيزا {CARD:visa,none} عشان مش بستخدمها، ومش عايزة أدفع رسوم سنوية {~AMOUNT:eg}
%%
أهلين، فيني حوّل من حسابي هون لحساب أختي {NAME:ar_f} بألمانيا؟ الآيبان تبعها {IBAN:DE,groups}
%%
Customer {NAME:lat_m} confirmed EID {EMIRATES_ID:compact}, mobile {PHONE:ae,plain}. Requested limit increase to {~AMOUNT:ae}.
%%
Our {~ENTITY:place_en} branch on {~ENTITY:street_en} will be closed on {~DATE:long_en}. Please visit the {~ENTITY:city_en} branch instead.
%%
السلام عليكم، أرغب في الاستفسار عن حالة الحوالة المرسلة إلى {NAME:ar_lev} بتاريخ {~DATE:east} برقم مرجعي {~REFERENCE}.
%%
مساء الخير، ودي أطلب بطاقة بدل التالفة، رقمها {CARD:mc,space}، والتوصيل على {~ENTITY:city_ar} لو سمحتوا
%%
hey do u guys support apple pay for amex? my card is {CARD:amex,none}
%%
رقم الهوية الوطنية: {NATIONAL_ID:citizen}
رقم الفاتورة: {~CHECKSUM_FAIL:id10}
المبلغ: {~AMOUNT:ar}
%%
هويتي {EMIRATES_ID:east} وتلفوني {PHONE:ae,east}
%%
When I called, {NAME:expat_f} at your {~ENTITY:city_en} office told me the fee would be waived. Now I see {~AMOUNT:en} charged. Reference {~REFERENCE}.
%%
سلام، بغيت نسولكم واش نقدر نحل كونط بلا ما نجي للوكالة اللي ف{~ENTITY=شارع محمد الخامس}؟
%%
Please use reference {~REFERENCE:num16} when paying, not your card number {CARD:visa,space}.
%%
مع التحية،
{NAME:ar_gulf}
{EMAIL}
%%
Hi, الـ tracking number {~TRACKING} ما يشتغل على موقع {~ENTITY:org_en}، ممكن تتأكدون؟
%%
Dear Mr. {NAME:lat_m.last},
Your account has been credited with {~AMOUNT:egp}. For any queries please contact your relationship manager {NAME:lat_f} on {PHONE:eg,plus_spaced}.
%%
السلام عليكم، جوزي {NAME:ar_lev} توفى الله يرحمه، وبدي أعرف شو الإجراءات لحسابه {IBAN:JO}
%%
الرقم القديم {PHONE:eg,plain} اتسرق، عايزة أوقف أي حاجة مربوطة بيه
%%
Hello, I'm abroad, you can reach me at {PHONE:us}. My name is {NAME:lat_f} and my card {CARD:visa,space} is not working at {~ENTITY:org_en}.
%%
ID: {NATIONAL_ID:iqama}
Name: {NAME:expat_m}
Invoice: {~CHECKSUM_FAIL:id10}
Paid: {~AMOUNT:en} on {~DATE:iso}
%%
Dear {NAME:lat_m.first@a},
Following our call, your card {CARD:mc,dash} has been reissued. Tracking number {~TRACKING}.
Best,
{NAME:expat_f}
{~ENTITY:bank_en}
%%
يا ريت تبعتولي الكشف على {EMAIL} لأن الـ app معلّق، وشكراً. أنا {NAME:ar_lev}
%%
اسمي {NAME:ar_f} وهويتي {NATIONAL_ID:citizen}، كلمت موظفتكم {NAME:ar_f1} الصبح وقالت إن البطاقة {CARD:visa,space} بتوصلني خلال أسبوع
%%
Paid invoice {~CHECKSUM_FAIL:card16} via {~ENTITY:product} on {~DATE:us} at {~TIME:en}, {~AMOUNT:en}. Nothing else to report.
%%
Subject: Change of IBAN
Dear HR,
Please use my new IBAN {IBAN:AE,compact} for the {~DATE:long_en} payroll.
Thanks,
{NAME:expat_f}
%%
يا جماعة أنا {NAME:ar_egy}، الفيزا {CARD:visa,dash} اتسحبت في ماكينة الـ ATM اللي في {~ENTITY:place_ar}، أعمل إيه؟
%%
ربي يعيشك، حولولي الفلوس على الحساب هذا {IBAN:GB,groups}، باسم {NAME:ar_magh}
%%
شحن رصيد من البطاقة {CARD:mc,none} لرقم {PHONE:sa} ما تم والمبلغ انخصم {~AMOUNT:ar}
%%
Reference number {~CHECKSUM_FAIL:id10} belongs to my car insurance. My Iqama is {NATIONAL_ID:iqama}, please don't mix them up again.
%%
السلام عليكم، أنا {NAME:ar_gulf} وهذا رقم جوالي {PHONE:sa,spaced} ورقم هويتي {NATIONAL_ID:citizen}. أبي أحد يتواصل معي بخصوص طلب رقم {~ORDER}
%%
Kindly note:
- Transaction ID: {~CHECKSUM_FAIL:id10}
- Amount: {~AMOUNT:ae}
- Date: {~DATE:dmy}
- Branch: {~BRANCH}
%%
بعد التحية، نرجو إفادتنا بحالة الحوالة الصادرة بتاريخ {~DATE:long_ar} بقيمة {~AMOUNT:ar} عبر {~SWIFT:AE}، رقم المرجع {~REFERENCE}.
%%
Invoice {~CHECKSUM_FAIL:card16} / Order {~ORDER} / Ticket {~TICKET}. Customer asks for VAT {~PERCENT:en} to be shown separately.
%%
معاك {NAME:ar_egy}، كنت عامل طلب قرض شخصي من أسبوعين ومحدش كلمني، رقم موبايلي {PHONE:eg,plus_spaced}
%%
Please find my Emirates ID {EMIRATES_ID:spaced} attached. Policy number {~POLICY}, invoice {~INVOICE}.
%%
السلام عليكم، الهوية {EMIRATES_ID} انتهت وجددتها، والحين البطاقة المنتهية بـ {~ACCOUNT_ALIAS:east} موقفة، ممكن تفعلونها؟
%%
Shipment {~TRACKING} for invoice {~INVOICE} was insured under policy {~POLICY}; the courier branch {~BRANCH:named} confirmed pick-up.
%%
تم تحويل المبلغ عبر رمز السويفت {~SWIFT} إلى الحساب {~ACCOUNT_ALIAS:iban_masked}، وبلغت رسوم التحويل {~PERCENT:ar} من القيمة.
%%
Visit {~DATE:iso}: {NAME:lat_m} presented EID {EMIRATES_ID:dash} at branch {~BRANCH}, asked for the SWIFT code of {~ENTITY:bank_en} ({~SWIFT:AE}).
%%
بيانات العميل:
- الاسم: {NAME:ar_gulf}
- رقم الهوية الإماراتية: {EMIRATES_ID:east}
- رقم الوثيقة: {~POLICY}
- الفرع: {~BRANCH:east}
%%
Tracking ID {~CHECKSUM_FAIL:id10} is for the replacement card, not my Emirates ID ({EMIRATES_ID:compact}).
%%
مرحبا، الفاتورة {~INVOICE} انخصمت مرتين، ونسبة الضريبة {~PERCENT:ar} مش مزبوطة. رقم الشحنة {~TRACKING}
%%
"""


# --------------------------------------------------------------------------- rendering

PH_RE = re.compile(r"\{(~?)([A-Z_]+)(?::([^{}=@]*))?(?:@([a-z]))?(?:=([^{}]*))?\}")
CHOICE_RE = re.compile(r"\{\?([^{}]*)\}")


def parse_frames(block: str) -> list[str]:
    frames = [f.strip("\n") for f in re.split(r"^%%$", block, flags=re.M)]
    return [f for f in frames if f.strip()]


def frame_kinds(frame: str):
    sens, traps = Counter(), Counter()
    for m in PH_RE.finditer(frame):
        (traps if m.group(1) else sens)[m.group(2)] += 1
    return sens, traps


ARABIC_RE = re.compile(r"[\u0600-\u06FF]")


def render(frame: str, gen: Gen):
    gen.ar = bool(ARABIC_RE.search(PH_RE.sub("", frame)))
    frame = CHOICE_RE.sub(lambda m: gen.pick(m.group(1).split("|")), frame)
    out, spans, traps, slots = [], [], [], {}
    pos = cur = 0
    for m in PH_RE.finditer(frame):
        lit = frame[pos:m.start()]
        out.append(lit)
        cur += len(lit)
        is_trap, kind, var, slot, literal = m.groups()
        if is_trap:
            value = literal if literal is not None else gen.trap(kind, var or "")
        else:
            value = gen.sensitive(kind, var or "", slot, slots)
        out.append(value)
        (traps if is_trap else spans).append({"start": cur, "end": cur + len(value), "kind": kind, "value": value})
        cur += len(value)
        pos = m.end()
    out.append(frame[pos:])
    text = "".join(out)
    assert "{" not in text and "}" not in text, text
    return text, spans, traps


# --------------------------------------------------------------------------- validation

DIGITS_RE = re.compile(r"\d+")


def norm_digits(s: str) -> str:
    return re.sub(r"\D", "", s.translate(WESTERN))


def validate(rec) -> None:
    text = rec["text"]
    n_lines = text.count("\n") + 1
    assert 1 <= n_lines <= 6, (rec["id"], n_lines)
    all_spans = rec["spans"] + rec["traps"]
    for s in all_spans:
        assert text[s["start"]:s["end"]] == s["value"], (rec["id"], s)
        assert s["value"] == s["value"].strip() and s["value"], (rec["id"], s)
    ordered = sorted(all_spans, key=lambda s: s["start"])
    for a, b in zip(ordered, ordered[1:]):
        assert a["end"] <= b["start"], (rec["id"], a, b)
    for s in rec["spans"]:
        v, k, dg = s["value"], s["kind"], norm_digits(s["value"])
        if k == "NATIONAL_ID":
            assert len(dg) == 10 and saudi_id_ok(dg) and luhn_ok(dg), v
        elif k == "EMIRATES_ID":
            assert len(dg) == 15 and dg.startswith("784") and luhn_ok(dg), v
        elif k == "IBAN":
            assert iban_ok(v), v
        elif k == "CARD":
            assert luhn_ok(dg) and ((len(dg) == 16 and dg[0] in "45") or (len(dg) == 15 and dg[:2] in ("34", "37"))), v
        elif k == "PHONE":
            assert 7 <= len(dg) <= 15, v
        elif k == "EMAIL":
            assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}", v), v
        elif k == "NAME":
            assert not re.search(r"\d", v), v
    for t in rec["traps"]:
        dg = norm_digits(t["value"])
        if t["kind"] == "CHECKSUM_FAIL":
            if len(dg) == 10:
                assert dg[0] in "12" and not saudi_id_ok(dg), t
            else:
                assert len(dg) == 16 and dg[0] in "45" and not luhn_ok(dg), t
    # No valid-looking ID/card digits may sit outside the sensitive spans.
    western = text.translate(WESTERN)
    for m in DIGITS_RE.finditer(western):
        run = m.group()
        inside = any(s["start"] <= m.start() and m.end() <= s["end"] for s in rec["spans"])
        if inside:
            continue
        assert not (len(run) == 10 and saudi_id_ok(run)), (rec["id"], run)
        assert not (13 <= len(run) <= 19 and luhn_ok(run)), (rec["id"], run)
        trap = next((t for t in rec["traps"] if t["start"] <= m.start() and m.end() <= t["end"]), None)
        if trap and trap["kind"] != "CHECKSUM_FAIL":
            assert not (len(run) == 10 and run[0] in "12"), (rec["id"], run)
            assert not (len(run) == 16 and run[0] in "45"), (rec["id"], run)


# --------------------------------------------------------------------------- set building

def build_set(frames: list[str], split: str, seed: int, id_prefix: str):
    rng = random.Random(seed)
    gen = Gen(rng)
    q = QUOTAS[split]
    kinds = [frame_kinds(f) for f in frames]
    empty_idx = [i for i, (s, _) in enumerate(kinds) if not s]
    sens_idx = [i for i, (s, _) in enumerate(kinds) if s]
    usage = [0] * len(frames)
    records = []
    sc, tc = Counter(), Counter()

    def done():
        return (all(sc[k] >= v for k, v in q["sens"].items()) and all(tc[k] >= v for k, v in q["trap"].items())
                and sum(sc.values()) >= q["sens_total"] and sum(tc.values()) >= q["trap_total"])

    while not done():
        s_need = {k for k, v in q["sens"].items() if sc[k] < v}
        t_need = {k for k, v in q["trap"].items() if tc[k] < v}
        n_empty = sum(1 for r in records if not r["spans"])
        if n_empty < EMPTY_SHARE * (len(records) + 1):
            cands = [i for i in empty_idx if set(kinds[i][1]) & t_need] or empty_idx
        else:
            cands = [i for i in sens_idx if set(kinds[i][0]) & s_need or set(kinds[i][1]) & t_need] or sens_idx
        def score(i):
            s, t = kinds[i]
            gain = sum(min(n, q["sens"][k] - sc[k]) / q["sens"][k] for k, n in s.items() if k in s_need)
            gain += sum(min(n, q["trap"][k] - tc[k]) / q["trap"][k] for k, n in t.items() if k in t_need)
            return (gain + 0.05) / (1 + usage[i]) ** 1.5
        best = max(score(i) for i in cands)
        i = rng.choice([i for i in cands if score(i) >= best * 0.8])
        usage[i] += 1
        text, spans, traps = render(frames[i], gen)
        rec = {"id": f"{id_prefix}{len(records) + 1:04d}", "text": text, "spans": spans, "traps": traps}
        validate(rec)
        records.append(rec)
        sc.update(s["kind"] for s in spans)
        tc.update(t["kind"] for t in traps)
    return records, sc, tc, usage


def summary(name, records, sc, tc, usage):
    n_empty = sum(1 for r in records if not r["spans"])
    lines = [f"## {name}: {len(records)} records, {n_empty} with no sensitive value "
             f"({100 * n_empty / len(records):.1f}%), frames used {sum(1 for u in usage if u)}/{len(usage)}",
             f"sensitive spans: {sum(sc.values())}"]
    lines += [f"  {k:<14}{sc[k]:>5}" for k in SENSITIVE_KINDS]
    lines.append(f"trap spans: {sum(tc.values())}")
    lines += [f"  {k:<14}{tc[k]:>5}" for k in TRAP_KINDS]
    return "\n".join(lines)


def main(argv):
    dev_frames, test_frames = parse_frames(DEV_FRAMES), parse_frames(TEST_FRAMES)
    norm = lambda f: re.sub(r"\s+", " ", f).strip()
    shared = {norm(f) for f in dev_frames} & {norm(f) for f in test_frames}
    assert not shared, shared
    assert len({norm(f) for f in test_frames}) == len(test_frames), "duplicate test frame"
    assert len({norm(f) for f in dev_frames}) == len(dev_frames), "duplicate dev frame"
    dev = build_set(dev_frames, "dev", SEED, "v-")
    test = build_set(test_frames, "test", SEED + 1, "t-")
    assert not ({r["text"] for r in dev[0]} & {r["text"] for r in test[0]})
    outputs = {"redaction_dev.jsonl": dev[0], "redaction_test.jsonl": test[0]}
    payload = {n: "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs) for n, recs in outputs.items()}
    if "--check" in argv:
        bad = [n for n, p in payload.items() if (OUT_DIR / n).read_text(encoding="utf-8") != p]
        print("up to date" if not bad else f"differs: {bad}")
        return 1 if bad else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for n, p in payload.items():
        (OUT_DIR / n).write_text(p, encoding="utf-8")
    print(f"frames: dev {len(dev_frames)}, test {len(test_frames)}")
    print(summary("dev", *dev))
    print(summary("test", *test))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
