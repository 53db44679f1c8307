"""Redaction of sensitive values before anything is stored for training.

Detectors (kind, how it is confirmed):
  EMAIL        pattern
  IBAN         country code + check digits, the country's length, ISO 13616 mod-97
  CARD         13-19 digits, issuer prefix, Luhn
  EMIRATES_ID  784-YYYY-NNNNNNN-C, Luhn (the format alone gives a lower confidence)
  NATIONAL_ID  Saudi ID / Iqama: 10 digits starting 1 or 2; a valid check digit or a
               trigger word nearby (هوية، إقامة، سجل مدني، ID...) is required
  PHONE        +, 00 or a local leading 0; validated with the phonenumbers library for
               Saudi Arabia, the UAE, Egypt or any country reached with + / 00
  NAME         precision-first rules in names.py: Arabic and Latin-script names beside a
               trigger (اسمي، السيد، Dear, my name is...), a closing or a mail header, with
               particles (بن، آل، أبو، Al-, bin) and family-name shapes, or a listed given name
               followed by another name word (resources/redaction/*_names.txt); always
               marked for review
Eastern Arabic-Indic (٠-٩) and Persian (۰-۹) digits are mapped to ASCII for detection only:
the mapping is one character to one character, so every span is a span of the original.
Spaces and dashes inside numbers are allowed. Amounts, dates, times, percentages, short
order and branch numbers and SWIFT codes do not match any detector.

Each value becomes a typed placeholder ([IBAN], [PHONE], ...), the same one for the same
value throughout a conversation ([PHONE], [PHONE_2] for a second number). Every redaction is
recorded with its kind, turn, position, detector and confidence, and the value's HMAC-SHA256
under the workspace's secret key (keys/redaction.key): the same value gives the same hash
within a workspace, so reports can be compared, but a plain sha256 of a 10-digit ID is
reversed by hashing all 10^10 of them in seconds, and without the key this cannot be done.
The original values are returned separately so the caller can keep them only in the
purgeable raw area.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import phonenumbers

from atlas_desktop.core.arabic import normalize_for_matching, to_latin_digits
from atlas_desktop.core.messages import Msg

KINDS = ("EMAIL", "IBAN", "CARD", "EMIRATES_ID", "NATIONAL_ID", "PHONE", "NAME")

# ISO 13616 lengths for the countries our users meet most, and the rest of the registry.
IBAN_LENGTHS = {
    "SA": 24, "AE": 23, "EG": 29, "KW": 30, "QA": 29, "BH": 22, "OM": 23, "JO": 30, "LB": 28, "PS": 29, "IQ": 23,
    "TN": 24, "MA": 28, "DZ": 26, "LY": 25, "SD": 18, "YE": 30, "TR": 26, "GB": 22, "DE": 22, "FR": 27, "IT": 27,
    "ES": 24, "NL": 18, "BE": 16, "CH": 21, "AT": 20, "IE": 22, "PT": 25, "PL": 28, "SE": 24, "NO": 15, "DK": 18,
    "FI": 18, "GR": 27, "CY": 28, "MT": 31, "PK": 24, "IL": 23, "LU": 20, "RO": 24, "CZ": 24, "HU": 28, "BG": 22,
}

RE_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
RE_IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})((?:[ \-]?[A-Za-z0-9]){10,32})")  # lower case too: sa03 8000 ...
RE_LONG_NUMBER = re.compile(r"(?<![\d+])(?:\+|00)?\d(?:[ \-]?\d){6,18}(?!\d)")
# An international number with brackets: (+44) 20 7946 0958, (00966) 55..., +1 (415) 555-0132
RE_BRACKETED_PHONE = re.compile(r"(?<![\w+])(?:\(\s*(?:\+|00)\d{1,3}\s*\)|(?:\+|00)\d{1,3}(?=[ \-.]?\())"
                                r"(?:[ \-.]?\(?\d{1,5}\)?){2,6}(?!\d)")
RE_EMIRATES = re.compile(r"(?<!\d)784[ \-]?\d{4}[ \-]?\d{7}[ \-]?\d(?!\d)")
_NON_ASCII_DIGIT = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")
_DIGIT_RUN = re.compile(r"[0-9][ \-]?[0-9][ \-]?[0-9]")  # every sensitive number has at least this
# Words that make a 10-digit number starting 1 or 2 an ID when its check digit does not. Each is
# matched as a whole word ("paid", "valid", "idea" are not "id"; التهوية, ventilation, is not هوية).
# An Arabic one may carry و/ف, then ب/ك/ل or the article in front (وهويتي، بالهوية، للإقامة), and a
# word ending in ة may end in ت and a possessive instead (هويتي، إقامته); nothing else attaches,
# so مهوية or a verb like هويت never counts. Written as normalize_for_matching writes them (ة -> ه,
# إ -> ا), which also lets a word with diacritics (الهُوِيَّة) count.
ID_TRIGGERS = ("هويه", "اقامه", "مدني", "السجل", "الرقم القومي", "id", "iqama")
PRIORITY = {k: i for i, k in enumerate(KINDS)}


_AR_LETTER = "\u0621-\u064A\u0671-\u06D3"
_AR_PREFIX = "[وف]?(?:[بك]?ال|لل|[بلك])?"
_AR_PREFIX_BEFORE_ARTICLE = "[وف]?(?:[بك]?ال|لل)"  # a trigger written with ال keeps it: السجل، بالسجل، للسجل, never bare سجل
_POSSESSIVE = "(?:ي|ك|ه|ها|نا|كم|هم)"


def _trigger_pattern(word: str) -> str:
    """The regex for one trigger (a phrase's first word takes the prefixes, its last the endings)."""
    if word.isascii():
        return rf"(?<![a-z0-9]){re.escape(word)}(?![a-z])"
    first, *rest = word.split()
    head = _AR_PREFIX_BEFORE_ARTICLE + first[2:] if first.startswith("ال") else _AR_PREFIX + first
    words = [head, *rest]
    if words[-1].endswith("ه"):  # a ة: the word may end in ت and a possessive instead
        words[-1] = f"{words[-1][:-1]}(?:ه|ت{_POSSESSIVE})"
    return rf"(?<![{_AR_LETTER}]){' +'.join(words)}(?![{_AR_LETTER}])"


_ID_TRIGGER = re.compile("|".join(_trigger_pattern(w) for w in ID_TRIGGERS))
_WORD_CHAR = re.compile(r"[^\W_]|[\u064B-\u065F\u0670\u0640]")  # letters, digits, diacritics, tatweel


def has_id_trigger(text: str, end: int, window: int = 30) -> bool:
    """Whether a whole trigger word stands in the ``window`` characters before ``end``."""
    return _ID_TRIGGER.search(normalize_for_matching(text[_word_start(text, max(0, end - window), end):end])) is not None


# Nouns of document numbers: a 10-digit number that fails the ID check digit and stands beside one
# of these is an invoice, order or tracking number even when "ID" is written near it ("invoice ID
# 1234567890", "ID 1234567890 is the order number"). Matched whole, in matching form.
_DOC_NOUNS = re.compile(r"(?<![^\W\d_])(?:invoice|order|ref|reference|tracking|policy|ticket|shipment|booking|transaction|receipt|"
                        r"contract|case|claim|waybill|awb|(?:[وف]?(?:ب|ل|لل)?(?:ال)?)(?:فاتوره|فاتورت|طلب|مرجع|شحنه|شحنت|بوليصه|"
                        r"بوليصت|تذكره|تذكرت|حجز|عمليه|ايصال|عقد|معامله|بلاغ|شكوي)[يكه]?)(?![^\W\d_])")


def near_document_noun(text: str, start: int, end: int, before: int = 30, after: int = 25) -> bool:
    """Whether a document-number noun stands just before or just after ``text[start:end]``."""
    around = text[_word_start(text, max(0, start - before), start):start] + " " + text[end:end + after]
    return _DOC_NOUNS.search(normalize_for_matching(around).lower()) is not None


def _word_start(text: str, i: int, end: int, reach: int = 16) -> int:
    """Never judge half a word cut by the window: the start of the word ``i`` falls in, or, for a
    word longer than any trigger (an ID in a long token: a bounded look back), the end of it."""
    j = i
    while j > 0 and i - j < reach and _WORD_CHAR.match(text[j - 1]):
        j -= 1
    if j == 0 or not _WORD_CHAR.match(text[j - 1]):
        return j
    while i < end and _WORD_CHAR.match(text[i - 1]):
        i += 1
    return i


# Name detection runs only where an Arabic letter or a capitalised Latin word appears at all
# (names.find_names then applies its own, stricter rules).
_NAME_GATE = re.compile(r"[\u0621-\u064A]|[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF]")


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    detector: str
    confidence: float
    needs_review: bool = False


@dataclass
class Redaction:
    """One redaction as recorded in the report (no raw value: only its keyed hash)."""

    kind: str
    turn: int
    start: int  # in the original text of that turn (or text part)
    end: int
    placeholder: str
    detector: str
    confidence: float
    needs_review: bool
    value_hmac: str  # HMAC-SHA256 of the value under the workspace key, hex
    part: int | None = None  # index of the text part when content is a list of parts

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)  # every field is a plain value: no need for asdict's deep copy
        if d["part"] is None:
            del d["part"]
        return d


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(compact: str) -> bool:
    if len(compact) != IBAN_LENGTHS.get(compact[:2], -1):
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
    except ValueError:
        return False


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(names, ambiguous names) from resources/redaction/arabic_names.txt, normalized for matching
    (given and family names together; the lists are loaded once, by names.lexicon)."""
    from atlas_desktop.core.data.names import lexicon

    lex = lexicon()
    return lex.ar_given | lex.ar_family, lex.ar_ambiguous


def _compact(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


def _trim_to(text: str, start: int, end: int, wanted: int) -> int:
    """End offset after ``wanted`` non-separator characters from ``start``."""
    count = 0
    for i in range(start, end):
        if text[i] not in " -":
            count += 1
            if count == wanted:
                return i + 1
    return end


class Redactor:
    def __init__(self, regions: tuple[str, ...] = ("SA", "AE", "EG"), kinds: tuple[str, ...] = KINDS, key: bytes | None = None) -> None:
        """``key``: the secret for the value hashes; by default the key of the workspace in
        ATLAS_HOME (or the default data folder), read on the first redaction. Import worker
        processes inherit ATLAS_HOME, so they hash with the same key as the window."""
        self.regions = regions
        self.kinds = set(kinds)
        self._key = key

    def value_hmac(self, value: str) -> str:
        key = self._key if self._key is not None else workspace_key(os.environ.get("ATLAS_HOME"))
        return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    # ---------------------------------------------------------------- detection
    def find(self, text: str) -> list[Span]:
        """All sensitive spans in ``text``, without overlaps, in order."""
        t = to_latin_digits(text) if _NON_ASCII_DIGIT.search(text) else text
        spans: list[Span] = []
        if "@" in t and "EMAIL" in self.kinds:
            spans += [Span("EMAIL", m.start(), m.end(), "email-pattern", 0.99) for m in RE_EMAIL.finditer(t)]
        if "IBAN" in self.kinds:
            spans += self._ibans(t)
        if _DIGIT_RUN.search(t):
            spans += self._numbers(t)
        if "NAME" in self.kinds and _NAME_GATE.search(t):
            spans += self._names(t)
        return _resolve(spans)

    def _ibans(self, t: str) -> list[Span]:
        out = []
        for m in RE_IBAN.finditer(t):
            country = m.group(1).upper()
            length = IBAN_LENGTHS.get(country)
            if not length:
                continue
            end = _trim_to(t, m.start(), m.end(), length)
            compact = _compact(t[m.start():end]).upper()
            if iban_ok(compact):
                out.append(Span("IBAN", m.start(), end, f"iban-mod97-{country}", 0.99))
        return out

    def _numbers(self, t: str) -> list[Span]:
        out: list[Span] = []
        if "EMIRATES_ID" in self.kinds:
            for m in RE_EMIRATES.finditer(t):
                digits = _compact(m.group(0))
                ok = luhn_ok(digits)
                out.append(Span("EMIRATES_ID", m.start(), m.end(), "emirates-id-luhn" if ok else "emirates-id-format", 0.99 if ok else 0.75))
        phones: list[Span] = []
        if "PHONE" in self.kinds and "(" in t:
            for m in RE_BRACKETED_PHONE.finditer(t):
                digits = re.sub(r"\D", "", m.group(0))
                if m.group(0).lstrip("( ").startswith("00"):
                    digits = digits[2:]
                span = self._phone(m.start(), m.end(), "+" + digits, digits, True)
                if span:
                    phones.append(span)
        out += phones
        for m in RE_LONG_NUMBER.finditer(t):
            if any(p.start <= m.start() < p.end for p in phones):
                continue  # the rest of a number whose country code stands in brackets: a phone, not an ID
            raw = m.group(0)
            s, e = m.start(), m.end()
            while e > s and t[e - 1] in " -":
                e -= 1
            digits = _compact(raw).lstrip("+")
            span = self._classify_number(t, s, e, raw.strip(), digits)
            if span:
                out.append(span)
        return out

    def _classify_number(self, t: str, s: int, e: int, raw: str, digits: str) -> Span | None:
        international = raw.startswith("+") or raw.startswith("00")
        if not international and 13 <= len(digits) <= 19 and digits[0] in "23456" and "CARD" in self.kinds and luhn_ok(digits):
            return Span("CARD", s, e, "card-luhn", 0.97)
        if not international and len(digits) == 10 and digits[0] in "12" and "NATIONAL_ID" in self.kinds:
            if luhn_ok(digits):
                return Span("NATIONAL_ID", s, e, "saudi-id-check-digit", 0.95)
            if has_id_trigger(t, s) and not near_document_noun(t, s, e):
                return Span("NATIONAL_ID", s, e, "saudi-id-context", 0.8)
            return None
        if "PHONE" in self.kinds:
            return self._phone(s, e, raw, digits, international)
        return None

    def _phone(self, s: int, e: int, raw: str, digits: str, international: bool) -> Span | None:
        if international:
            candidates = [("+" + digits[2:] if raw.startswith("00") else "+" + digits, None)]
        elif digits.startswith("0"):
            candidates = [(digits, region) for region in self.regions]
        elif digits[:3] in ("966", "971") or digits[:2] == "20":
            candidates = [("+" + digits, None)]
        else:
            return None
        for number, region in candidates:
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed):
                where = region or phonenumbers.region_code_for_number(parsed) or "intl"
                conf = 0.95 if international or region else 0.8
                return Span("PHONE", s, e, f"phonenumbers-{where}", conf)
            if raw.startswith("+") and phonenumbers.is_possible_number(parsed):
                # written with + and a country code: a phone number whatever its range (+44 7700 900447 is
                # a range kept for fiction, and a new range may not be in the metadata yet)
                return Span("PHONE", s, e, "phonenumbers-possible", 0.85)
        return None

    def _names(self, t: str) -> list[Span]:
        from atlas_desktop.core.data.names import find_names

        return [Span("NAME", s, e, "name-rules", conf, needs_review=True) for s, e, conf in find_names(t)]

    # ---------------------------------------------------------------- redaction
    def redact_conversation(self, messages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Redaction], dict[str, str]]:
        """Redacted copy of the messages, the records, and {placeholder: original} for the raw area."""
        table: dict[tuple[str, str], str] = {}
        counts: dict[str, int] = {}
        records: list[Redaction] = []
        originals: dict[str, str] = {}

        def placeholder(kind: str, value: str) -> str:
            key = (kind, _value_key(kind, value))
            if key not in table:
                counts[kind] = counts.get(kind, 0) + 1
                table[key] = f"[{kind}]" if counts[kind] == 1 else f"[{kind}_{counts[kind]}]"
                originals[table[key]] = value
            return table[key]

        def redact_text(text: str, turn: int, part: int | None) -> str:
            spans = self.find(text)
            if not spans:
                return text
            pieces, last = [], 0
            for sp in spans:
                value = text[sp.start:sp.end]
                ph = placeholder(sp.kind, value)
                pieces += [text[last:sp.start], ph]
                last = sp.end
                records.append(Redaction(sp.kind, turn, sp.start, sp.end, ph, sp.detector, sp.confidence, sp.needs_review,
                                         self.value_hmac(value), part))
            pieces.append(text[last:])
            return "".join(pieces)

        out = []
        for turn, msg in enumerate(messages):
            new = dict(msg)
            content = msg.get("content")
            if isinstance(content, str):
                new["content"] = redact_text(content, turn, None)
            elif isinstance(content, list):
                parts = []
                for k, p in enumerate(content):
                    if isinstance(p, dict) and isinstance(p.get("text"), str):
                        p = {**p, "text": redact_text(p["text"], turn, k)}
                    parts.append(p)
                new["content"] = parts
            out.append(new)
        return out, records, originals


@lru_cache(maxsize=8)
def workspace_key(atlas_home: str | None) -> bytes:
    """The redaction key of the workspace in use: ``atlas_home`` is ATLAS_HOME's value, which
    decides the data folder (unset: the default one). Read once per data folder, and a Redactor
    kept for a whole process (the import's) still hashes with the key of the workspace in use."""
    from atlas_desktop.core.paths import data_paths
    from atlas_desktop.core.private import secret_key

    return secret_key(data_paths().redaction_key)


def _value_key(kind: str, value: str) -> str:
    v = to_latin_digits(value)
    if kind in ("EMAIL",):
        return v.lower()
    if kind == "NAME":
        return normalize_for_matching(v)
    digits = re.sub(r"[^0-9A-Za-z]", "", v).upper()
    if kind == "PHONE":
        digits = digits.lstrip("0")
        for cc in ("966", "971", "20"):
            if digits.startswith(cc):
                digits = digits[len(cc):]
                break
    return digits


def _resolve(spans: list[Span]) -> list[Span]:
    """Drop overlaps: the higher-priority kind wins, then the longer span."""
    chosen: list[Span] = []
    for sp in sorted(spans, key=lambda s: (PRIORITY[s.kind], -(s.end - s.start), s.start)):
        if all(sp.end <= c.start or sp.start >= c.end for c in chosen):
            chosen.append(sp)
    return sorted(chosen, key=lambda s: s.start)


def redact_jsonl(src: Path, dst: Path, report_path: Path | None = None, redactor: Redactor | None = None,
                 report: Any = None, cancel: Any = None) -> dict[str, Any]:
    """Redact a messages JSONL file into another, record for record, in the same order.

    The source is only read. The output (and report) are written to temporary names and
    renamed into place at the end, so a failure or Cancel leaves no half-written file.
    Lines that are not a JSON object with a "messages" list are not copied (they could
    carry unredacted values); they are listed in the report with their line number and the
    reason, in English (``reason``) and as a message code (``reason_code``).
    """
    import json
    import tempfile

    from atlas_desktop.core.data.readers import invalid_entry, json_error
    from atlas_desktop.core.errors import ValidationError
    from atlas_desktop.core.jobs import Progress

    src, dst = Path(src), Path(dst)
    if not src.is_file():
        raise ValidationError(Msg("data.file.missing", path=str(src)))
    if dst.resolve() == src.resolve() or (report_path and Path(report_path).resolve() == src.resolve()):
        raise ValidationError(Msg("data.redact.would_overwrite", path=str(src)))
    redactor = redactor or Redactor()
    total_bytes = max(1, src.stat().st_size)
    summary: dict[str, Any] = {"input": str(src), "output": str(dst), "records": 0, "redacted_records": 0,
                               "counts": {}, "invalid": [], "redactions": []}
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".part")
    try:
        with open(src, "rb") as raw, os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            for lineno, line_bytes in enumerate(raw, 1):
                if cancel is not None and lineno % 1000 == 0:
                    cancel.raise_if_cancelled()
                    if report:
                        report(Progress(raw.tell(), total_bytes, Msg("data.progress.redact_line", line=lineno)))
                try:
                    line = line_bytes.decode("utf-8-sig" if lineno == 1 else "utf-8").strip()
                except UnicodeDecodeError:
                    summary["invalid"].append(invalid_entry(Msg("data.record.not_utf8"), line=lineno))
                    continue
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    summary["invalid"].append(invalid_entry(json_error(exc), line=lineno))
                    continue
                msgs = rec.get("messages") if isinstance(rec, dict) else None
                if not isinstance(msgs, list) or not all(isinstance(m, dict) for m in msgs):
                    summary["invalid"].append(invalid_entry(Msg("data.record.no_messages_list"), line=lineno))
                    continue
                new_msgs, records, _originals = redactor.redact_conversation(msgs)
                rec["messages"] = new_msgs
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                summary["records"] += 1
                if records:
                    summary["redacted_records"] += 1
                    for r in records:
                        summary["counts"][r.kind] = summary["counts"].get(r.kind, 0) + 1
                        summary["redactions"].append({"line": lineno, **r.to_dict()})
        if report_path:
            rfd, rtmp = tempfile.mkstemp(dir=Path(report_path).parent, prefix=".report.", suffix=".part")
            with os.fdopen(rfd, "w", encoding="utf-8") as fh:
                json.dump(summary, fh, ensure_ascii=False, indent=1)
            os.replace(rtmp, report_path)
        os.replace(tmp, dst)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return summary
