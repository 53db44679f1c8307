"""Redaction: every kind of sensitive value, in ASCII and Arabic-Indic digits; the harmless numbers stay."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas_desktop.core.data.redact import Redactor, iban_ok, luhn_ok, redact_jsonl

ROOT = Path(__file__).resolve().parents[3]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
R = Redactor()

SENSITIVE = [
    ("NATIONAL_ID", "رقم هويتي {v} لو سمحت", "1012345672"),  # valid check digit
    ("NATIONAL_ID", "رقم الإقامة {v}", "2234567891"),  # no valid check digit: the trigger word carries it
    ("EMIRATES_ID", "رقم الهوية الإماراتية {v}", "784-1990-1234567-6"),
    ("IBAN", "الآيبان حقي {v} شكراً", "SA03 8000 0000 6080 1016 7519"),
    ("IBAN", "حسابي {v}", "SA0380000000608010167519"),
    ("IBAN", "IBAN: {v}", "AE070331234567890123456"),
    ("IBAN", "رقم الحساب {v}", "EG380019000500000000263180002"),
    ("CARD", "رقم البطاقة {v}", "4111 1111 1111 1111"),
    ("CARD", "الكارت {v}", "5500-0000-0000-0004"),
    ("PHONE", "جوالي {v}", "0551234567"),
    ("PHONE", "رقمي {v}", "+966 55 123 4567"),
    ("PHONE", "كلمني على {v}", "00966551234567"),
    ("PHONE", "موبايلي {v}", "01012345678"),
    ("PHONE", "رقمي {v}", "+20 10 1234 5678"),
    ("PHONE", "تواصل معي {v}", "050 123 4567"),
    ("PHONE", "رقمي {v}", "+971-50-123-4567"),
    ("EMAIL", "إيميلي {v}", "m.alqahtani@gmail.com"),
    ("NAME", "اسمي {v} وأبي أفتح حساب", "محمد بن عبدالله القحطاني"),
    ("NAME", "معك {v}", "أبو فهد"),
    ("NAME", "أنا {v}", "يوسف آل مبارك"),
    ("NAME", "السلام عليكم، أنا {v}", "نورة بنت سعد الدوسري"),
]


def test_checksums() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("SA0380000000608010167519") and not iban_ok("SA0480000000608010167519")
    assert iban_ok("AE070331234567890123456") and iban_ok("EG380019000500000000263180002")


@pytest.mark.parametrize(("kind", "template", "value"), SENSITIVE)
@pytest.mark.parametrize("digits", ["ascii", "eastern", "persian"])
def test_each_kind_is_redacted_in_every_digit_script(kind: str, template: str, value: str, digits: str) -> None:
    if digits != "ascii" and kind in ("EMAIL", "NAME", "IBAN"):
        value = value if kind != "IBAN" else value[:2] + value[2:].translate(EASTERN if digits == "eastern" else PERSIAN)
    elif digits != "ascii":
        value = value.translate(EASTERN if digits == "eastern" else PERSIAN)
    text = template.format(v=value)
    spans = R.find(text)
    assert [(s.kind, text[s.start:s.end]) for s in spans] == [(kind, value)], text
    msgs, records, originals = R.redact_conversation([{"role": "user", "content": text}])
    assert msgs[0]["content"] == template.format(v=f"[{kind}]")
    assert records[0].kind == kind and 0.5 <= records[0].confidence <= 1 and originals[f"[{kind}]"] == value
    assert records[0].needs_review == (kind == "NAME")


@pytest.mark.parametrize("text", [
    "المبلغ 12,350.75 ريال بتاريخ 15/03/2026 الساعة 3:45 مساءً",
    "الخصم كان 2.5% والفائدة ٤٫٢٥٪",
    "رقم الطلب 7845123 من فرع رقم 214 ورقم الشكوى 55120",
    "رمز السويفت RJHISARI أو NCBKSAJE",
    "بتاريخ ٢٠٢٦/٠٣/١٥ الساعة ١٠:٣٠ صباحاً والمبلغ ٤٥٠٠ ريال",
    "الحد الأقصى 10,000 ريال يومياً لمدة 25 سنة",
    "رقم المرجع FT26031234",
    "أنا سعيد لمساعدتك اليوم",
    "اتصل على 8001240000",
    "السنة 2026 والرقم 1234567890",  # ten digits starting 1, bad check digit, no trigger word
])
def test_harmless_numbers_and_words_stay(text: str) -> None:
    assert R.find(text) == []


def test_placeholders_are_consistent_within_a_conversation() -> None:
    msgs = [
        {"role": "user", "content": "جوالي 0551234567 وجوال أخوي 0509876543"},
        {"role": "assistant", "content": "تم تسجيل الرقم +966551234567."},
        {"role": "user", "content": [{"type": "text", "text": "الرقم الأول ٠٥٥١٢٣٤٥٦٧ هو الصحيح"}]},
    ]
    out, records, originals = R.redact_conversation(msgs)
    assert out[0]["content"] == "جوالي [PHONE] وجوال أخوي [PHONE_2]"
    assert out[1]["content"] == "تم تسجيل الرقم [PHONE]."
    assert out[2]["content"] == [{"type": "text", "text": "الرقم الأول [PHONE] هو الصحيح"}]
    assert [r.turn for r in records] == [0, 0, 1, 2] and records[-1].part == 0
    assert set(originals) == {"[PHONE]", "[PHONE_2]"}
    assert msgs[0]["content"].startswith("جوالي 055")  # the input is not modified


def test_the_sample_data_is_redacted_with_nothing_planted_left(tmp_path: Path) -> None:
    manifest = json.loads((ROOT / "resources" / "samples" / "MANIFEST.json").read_text(encoding="utf-8"))
    out = tmp_path / "out.jsonl"
    summary = redact_jsonl(ROOT / "resources" / "samples" / "banking_conversations.jsonl", out, tmp_path / "report.json")
    text = out.read_text(encoding="utf-8")
    left = [p for p in manifest["sensitive"] if p["value"] in text]
    assert len(left) <= 1, left  # names are the hard case: at most one planted name may slip
    assert all(p["kind"] == "NAME" for p in left)
    # redaction copies every record that has a messages list; 5 of the 8 malformed lines do (validation is a later step)
    assert summary["records"] == manifest["conversations_valid"] + 5 and len(summary["invalid"]) == 3
    assert sum(summary["counts"].values()) >= manifest["sensitive_values"] - 1
    for harmless in ("RJHISARI", "7845123", "15/03/2026", "12,350.75"):
        assert harmless in text
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {"line", "kind", "start", "end", "detector", "confidence", "placeholder", "value_hmac"} <= set(report["redactions"][0])
    assert "value_sha256" not in report["redactions"][0]
    assert not any(p["value"] in json.dumps(report, ensure_ascii=False) for p in manifest["sensitive"])  # no raw values in the report


def test_cli_redact_keeps_order_and_never_touches_the_source(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [{"messages": [{"role": "user", "content": f"جوالي 05512345{i:02d}"}, {"role": "assistant", "content": "تم"}], "id": i} for i in range(30)]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{broken\n", encoding="utf-8")
    before = src.read_bytes()
    out = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "--lang", "ar", "redact", "--input", str(src), "--output",
                          str(tmp_path / "out.jsonl"), "--report", str(tmp_path / "report.json")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "line 31: ليس JSON صالحاً (كان يُنتظر اسم حقل بين علامتَي تنصيص مزدوجتين عند العمود ٢)" in out.stderr  # the reason in the language asked for
    [bad] = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["invalid"]
    assert bad["reason"] == "not valid JSON (a property name in double quotes was expected at column 2)" and bad["reason_code"]["code"] == "data.record.not_json"
    got = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == list(range(30)) and all(g["messages"][0]["content"] == "جوالي [PHONE]" for g in got)
    assert src.read_bytes() == before
    same = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "redact", "--input", str(src), "--output", str(src)],
                          capture_output=True, text=True, timeout=120)
    assert same.returncode == 2 and "never modified" in same.stderr and src.read_bytes() == before


arabic_text = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآ ،.؟")), max_size=80)
NUMBERS = [v for k, _, v in SENSITIVE if k in ("NATIONAL_ID", "EMIRATES_ID", "CARD", "PHONE") and v != "2234567891"]


@settings(max_examples=200, deadline=None)
@given(before=arabic_text, after=arabic_text, value=st.sampled_from(NUMBERS), eastern=st.booleans())
def test_numbers_embedded_anywhere_in_arabic_text_are_found(before: str, after: str, value: str, eastern: bool) -> None:
    text = f"{before} {value.translate(EASTERN) if eastern else value} {after}"
    redacted, records, _ = R.redact_conversation([{"role": "user", "content": text}])
    assert not any(c.isdigit() for c in redacted[0]["content"])
    assert records


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_handled_and_only_spans_are_replaced(text: str) -> None:
    spans = R.find(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    out, records, _ = R.redact_conversation([{"role": "user", "content": text}])
    if not spans:
        assert out[0]["content"] == text


# A 10-digit number starting 1 with a bad check digit: only a trigger word makes it an ID.
UNCHECKED_ID = "1234567890"


@pytest.mark.parametrize("before", [
    "وهويتي", "سجلت بالهوية", "رقم إقامته", "للإقامة رقم", "رقم الهُوِيَّة", "فالسجل المدني", "الرقم القومي",
    "My ID:", "ID", "iqama no.", "Iqama",
])
def test_a_trigger_word_with_its_attachments_marks_an_unchecked_id(before: str) -> None:
    text = f"{before} {UNCHECKED_ID}"
    assert [(s.kind, s.detector) for s in R.find(text)] == [("NATIONAL_ID", "saudi-id-context")], text


@pytest.mark.parametrize("text", [
    f"I paid the invoice {UNCHECKED_ID}",
    f"Is this still valid? {UNCHECKED_ID}",
    f"my idea: {UNCHECKED_ID}",
    f"the squid {UNCHECKED_ID}",
    f"نظام التهوية رقم {UNCHECKED_ID}",  # ventilation, not ID
    f"غرفة مهوية {UNCHECKED_ID}",
    f"الاستقامة والإقامات {UNCHECKED_ID}",
    f"المدينة المنورة {UNCHECKED_ID}",
    "التهوية" + " " * 26 + UNCHECKED_ID,  # the 30-character window starts inside the word, at "هوية"
])
def test_a_trigger_inside_another_word_does_not_count(text: str) -> None:
    assert R.find(text) == [], text


ID_TEXT, ID_VALUE = "رقم هويتي 1012345672", "1012345672"


def _value_hash(home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ATLAS_HOME", str(home))
    _, records, _ = Redactor().redact_conversation([{"role": "user", "content": ID_TEXT}])
    return records[0].to_dict()["value_hmac"]


def test_the_report_s_value_hash_is_keyed_per_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import hmac
    import os
    import stat

    monkeypatch.setattr(os, "chmod", None)  # the key file and its folder are private from their creation, not made so after
    one, two = _value_hash(tmp_path / "one", monkeypatch), _value_hash(tmp_path / "two", monkeypatch)
    assert one != two  # a report from one workspace says nothing about the values of another
    assert one != hashlib.sha256(ID_VALUE.encode()).hexdigest()  # a 10-digit ID is no longer found by hashing them all
    key_file = tmp_path / "one" / "keys" / "redaction.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert len(key_file.read_bytes()) == 32 and one == hmac.new(key_file.read_bytes(), ID_VALUE.encode(), hashlib.sha256).hexdigest()
    assert _value_hash(tmp_path / "one", monkeypatch) == one  # the same value hashes the same across imports of a workspace


def test_concurrent_first_uses_agree_on_one_key(tmp_path: Path) -> None:
    import threading

    from atlas_desktop.core.private import secret_key

    path, start, keys = tmp_path / "keys" / "redaction.key", threading.Barrier(8), []

    def use() -> None:
        start.wait()
        keys.append(secret_key(path))

    threads = [threading.Thread(target=use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(keys) == 8 and len(set(keys)) == 1 and path.read_bytes() == keys[0]
    assert [p.name for p in path.parent.iterdir()] == ["redaction.key"]  # no temporary file left behind


def test_an_import_hashes_with_its_own_workspace_s_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wizard's child and `atlas data import` name the workspace; ATLAS_HOME may name another."""
    import hashlib
    import hmac
    import json

    from atlas_desktop.core.data.pipeline import analyze

    monkeypatch.setenv("ATLAS_HOME", str(tmp_path / "elsewhere"))
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"messages": [{"role": "user", "content": ID_TEXT}, {"role": "assistant", "content": "شكرا، تم التحقق."}]},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    d = analyze([src], home=tmp_path / "mine")
    got = d.review_page(0, 1)[0]["value_hmac"]
    key = (tmp_path / "mine" / "keys" / "redaction.key").read_bytes()
    assert got == hmac.new(key, ID_VALUE.encode(), hashlib.sha256).hexdigest()


@pytest.mark.parametrize("text,kind,value", [
    ("حوّل على sa44 2000 0001 2345 6789 1234 لو سمحت", "IBAN", "sa44 2000 0001 2345 6789 1234"),
    ("my iban is gb82west12345698765432", "IBAN", "gb82west12345698765432"),
    ("Call me on (+44) 20 7946 0958 after five", "PHONE", "(+44) 20 7946 0958"),
    ("Office: +1 (212) 555-0187", "PHONE", "+1 (212) 555-0187"),
    ("رقمي (00966) 55 123 4567", "PHONE", "(00966) 55 123 4567"),
    ("UK mobile +44 7700 900123", "PHONE", "+44 7700 900123"),  # a range kept for fiction: possible, not valid
])
def test_lower_case_ibans_and_numbers_with_bracketed_country_codes(text: str, kind: str, value: str) -> None:
    spans = R.find(text)
    assert [(s.kind, text[s.start:s.end]) for s in spans] == [(kind, value)]


@pytest.mark.parametrize("text", ["the fee went up (+5%) to 1,200 riyals", "see page (12) 3 of the terms", "sa12 is the branch code"])
def test_brackets_and_lower_case_look_alikes_stay(text: str) -> None:
    assert R.find(text) == []


@pytest.mark.parametrize("text,redacted", [
    ("I paid invoice ID 1234567890 yesterday", False),  # fails the check digit, and it is an invoice's
    ("ID 1234567890 is the order number", False),
    ("رقم الفاتورة 1012345671 وهويتي معي", False),
    ("رقم الهوية 1012345671 لو سمحت", True),  # a mistyped ID is still an ID
    ("my ID is 1012345671", True),
])
def test_a_number_failing_its_check_digit_beside_a_document_noun_stays(text: str, redacted: bool) -> None:
    assert bool(R.find(text)) is redacted
