"""The recipe's three metrics (format, faithfulness, task_success) of one answer, defined for Arabic.

Pure functions of an item, an answer and, optionally, the project's policy text and reviewers'
ratings: no database, model, network or Qt. Each metric is a :class:`MetricScore`: a score in
0..1 and the :class:`Check` list behind it, every failed check with a message (a Msg in JSON
form) that names what was found. An answer whose status is "empty" or "truncated" (or whose
text is blank) gets ``None`` for all three, with a check saying why: labelled, never scored.

Matching (phrases of the checks, refusals): both sides in core.arabic's matching form (no
harakat or tatweel; أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي; Eastern and Persian digits
as Western; case folded). A phrase is found where it stands as whole words, its first word
allowed the clitics و ف ب ل ك and the article (البطاقة، بالتطبيق، للرصيد; a phrase's own
article may be left out: تطبيق البنك has التطبيق), its last word a suffix of up to three letters (رصيدك، يوماً، شهادتك: a final ة may become ت). "قبل" is not
found in "استقبال", "18" not in "180".

format: the fraction of the applicable checks passed, each 0 or 1:
  script       Arabic items (checks.script "arabic", or no script given and an Arabic reference,
               or prompt when there is no reference): at least 80% of the letters Arabic
               (quality.arabic_share), or at least the reference's own share; "latin": at most 20%.
  latin_words  Arabic items: no Latin word (two letters or more) that is not in the reference,
               the prompt, the system prompt, the earlier turns, the item's own check phrases
               or the allow-list of product terms (quality.ALLOWED_LATIN and a few more).
  punctuation  checks.no_latin_punctuation true, or by default for Arabic items (unless it is
               false): no Latin , ; ? right after an Arabic word (؟ ؛ ، are the Arabic marks).
  length       words (tokens with a letter or digit) within [0.4 x the reference's, upper],
               upper = checks.max_words when given, else 2.5 x the reference's; with no
               reference only max_words (when given) applies.
  leak         no redaction placeholder ([PHONE], [IBAN_2], ...) unless the reference has it,
               and no phone, IBAN, card, Saudi or Emirati ID or e-mail found by the Redactor
               unless the same value (its digits) is in the reference. Names are not looked
               for (their detection is for review, not precise enough to fail an answer on).
               The reason shows a found value masked but for its last four characters.
  format       checks.format: "paragraph" (quality.format_style is not "list"), "bullets"
               (two lines or more opening with - • * ▪ ·), "numbered" (two lines or more
               opening with 1. 1) ١- ...), "steps" (numbered, or two lines or more opening
               with an ordinal: أولاً، ثانياً، الخطوة...).
  max_sentences  sentences (ended by . ! ? ؟ or a line break, with a letter in them) at most that.

faithfulness: chrF (sacrebleu's CHRF: character 6-grams, beta 2) of the answer against the
reference, both in matching form, scaled to 0..1; halved when the answer holds a number that
is not supported. Numbers: amounts, durations, percentages and times in Western or Eastern
digits (٬ and , as thousands separators, ٫ and . as decimal points; 1,500 = ١٬٥٠٠ = 1500) and
phone numbers (the Redactor's detector: phonenumbers, regions SA, AE, EG). A number is
supported when its value is in the reference, the prompt (and earlier turns) or the policy
text, where numbers written in words count too (ستة أشهر supports 6, يومين supports 2) and a
whole hour and its time are the same (10 صباحاً supports 10:00, and 9:00 supports 9); a
phone number when its digits without country code or leading zero are. The prompt counts as a
source on purpose: a model repeating the customer's own figure ("20%?") invents nothing.
List markers (1. at the start of a line) are not numbers; numbers the answer writes in words
are not checked. The halving is a fixed penalty rather than a mean of the two parts because
one wrong amount, fee or phone number makes a banking answer wrong however close its
wording is. No reference: no score (None), the numbers still listed. The chrF check is
marked failed below 0.25 (CHRF_FLAG) for the review pane only; the score does not use it.
chrF does not start at 0 for a wrong answer: on the demo suite, a reference scored against
the reference of another topic gets 0.19 to 0.28 (median 0.23), against the same topic's
reference in another dialect 0.36 to 0.81 (median 0.56). Compare models on it; do not read
it as a share of the answer that is right.

task_success: the item's content checks, each scored 0..1: must_include_any (the share of
its groups of which some phrase is found), must_mention (the share of its phrases found),
must_not_mention (1 if none is found), must_match / must_not_match (the share of the
patterns that match / 1 if none does; Python regexes, multiline, tried on the answer as
written and with Western digits), must_refuse (true: a refusal phrasing is found; false: none
is, so an over-refusal fails; refusals are first-person declines in MSA, Gulf, Egyptian,
Levantine, Maghrebi and English: لا أستطيع، لا يمكنني، ما أقدر، مو مسموح، مش هقدر، ما بقدر،
ما نقدرش، I can't...), dialect (checks.dialect, not the item's own dialect label:
quality.dialect_of on the answer passes when it says the expected dialect or "uncertain",
since the detector abstains on short or mixed text; it fails only on a confident other dialect
or MSA). Checks score = the mean of those (the fraction passed when each is all or nothing).
With reviewers' ratings (1..5), score = the mean of the checks score and the mean rating
mapped to (r - 1) / 4, and a "ratings" check (marked failed below a mean of 3) shows it; with
ratings and no checks, that mapped rating alone; with neither, None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from atlas_desktop.core.arabic import DIALECTS, normalize_for_matching, to_latin_digits
from atlas_desktop.core.data.quality import ALLOWED_LATIN, arabic_share, dialect_of, format_style
from atlas_desktop.core.data.redact import KINDS, Redactor, _value_key
from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.evaluation.types import Answer, Check, EvalItem, MetricScore
from atlas_desktop.core.messages import Msg

FORMATS = ("paragraph", "bullets", "numbered", "steps")
SCRIPTS = ("arabic", "latin")
# key -> what its value is: "groups" (list of lists of phrases), "phrases" (list of phrases),
# "regexes" (list of patterns), "count" (whole number > 0), "bool", or a tuple of choices
CHECK_KEYS: dict[str, Any] = {
    "script": SCRIPTS,
    "must_include_any": "groups",
    "must_mention": "phrases",
    "must_not_mention": "phrases",
    "must_match": "regexes",
    "must_not_match": "regexes",
    "must_refuse": "bool",
    "max_words": "count",
    "max_sentences": "count",
    "no_latin_punctuation": "bool",
    "dialect": DIALECTS,
    "format": FORMATS,
}
CONTENT_KEYS = ("must_include_any", "must_mention", "must_not_mention", "must_match", "must_not_match", "must_refuse", "dialect")

ARABIC_SHARE_MIN = 0.8  # script "arabic": at least this share of the letters (or the reference's own)
LATIN_SHARE_MAX = 0.2  # script "latin": at most this share Arabic
LENGTH_BAND = (0.4, 2.5)  # answer words / reference words
CHRF_FLAG = 0.25  # chrF below this is marked in the review pane; the score does not use it
UNSUPPORTED_NUMBER_FACTOR = 0.5
# Product and brand terms an Arabic answer may write in Latin letters, beyond quality's list.
EXTRA_LATIN = frozenset({"mada", "stc", "samsung", "huawei", "whatsapp", "cvv", "nfc", "qr", "pos", "urpay", "sadad", "instapay", "fawry", "vodafone", "cash"})
LATIN_OK = frozenset(ALLOWED_LATIN) | EXTRA_LATIN


# ----------------------------------------------------------------------------- vocabulary
def check_problem(key: str, value: Any) -> Msg | None:
    """What is wrong with one check of an item (for the suite importer, with its line), or None."""
    kind = CHECK_KEYS.get(key)
    if kind is None:
        return Msg("eval.check.unknown_key", key=str(key), known=sorted(CHECK_KEYS))
    shown = _shown(value)
    if isinstance(kind, tuple):
        if not isinstance(value, str) or value not in kind:
            return Msg("eval.check.expected_choice", key=key, choices=list(kind), value=shown)
    elif kind == "bool":
        if not isinstance(value, bool):
            return Msg("eval.check.expected_bool", key=key, value=shown)
    elif kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return Msg("eval.check.expected_count", key=key, value=shown)
    elif kind == "groups":
        if not (isinstance(value, list) and value and all(_phrases_ok(g) for g in value)):
            return Msg("eval.check.expected_groups", key=key, value=shown)
    elif not _phrases_ok(value):  # phrases, regexes
        return Msg("eval.check.expected_phrases", key=key, value=shown)
    elif kind == "regexes":
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                return Msg("eval.check.bad_regex", key=key, pattern=pattern, error=str(exc))
    return None


def _phrases_ok(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(p, str) and p.strip() for p in value)


def _shown(value: Any) -> str:
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _valid_checks(item: EvalItem) -> dict[str, Any]:
    """The item's checks that are well formed (an importer reports the others; here they are skipped)."""
    return {k: v for k, v in item.checks.items() if check_problem(k, v) is None}


# ----------------------------------------------------------------------------- matching
_AR = "\u0621-\u064a\u0671-\u06d3"
_LEFT = rf"(?<![{_AR}a-z0-9])"
_RIGHT_AR = rf"(?![{_AR}])"


@lru_cache(maxsize=4096)
def _phrase_regex(phrase: str) -> re.Pattern[str] | None:
    """The regex that finds ``phrase`` (in matching form) in a text in matching form."""
    words = normalize_for_matching(phrase).split()
    if not words:
        return None
    parts = [re.escape(w) for w in words]
    first, last = words[0], words[-1]
    if re.search(f"[{_AR}]$", last):  # an Arabic last word: a suffix of up to three letters, ة as ت before one
        stem = re.escape(last[:-1]) + "(?:ه|ت)" if last.endswith("ه") and len(last) > 2 else re.escape(last)
        parts[-1] = stem + rf"[{_AR}]{{0,3}}{_RIGHT_AR}"
    elif last[-1:].isdigit():
        parts[-1] += r"(?![0-9]|[.,][0-9])"
    elif last[-1:].isalnum():
        parts[-1] += r"(?![a-z0-9])"
    prefix = ""
    if re.match(f"[{_AR}]", first):  # an Arabic first word: clitics and the article in front
        if first.startswith("ال") and len(first) > 3:
            prefix, parts[0] = "[وف]?(?:[بك]?ال|لل|[بكل])?", parts[0][2:]  # the article may be left out: تطبيق البنك
        else:
            prefix = "[وف]?(?:[بكل]|ال|[بك]ال|لل)?"
    elif first[:1].isalnum():
        prefix = "(?<![a-z0-9])"
    return re.compile(_LEFT + prefix + r"\s+".join(parts))


def found(text_norm: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text_norm`` (a text already in matching form), as words."""
    rx = _phrase_regex(phrase)
    return rx is not None and rx.search(text_norm) is not None


# Refusals, first person, in matching form (see the module docstring). Each a regex fragment.
_REFUSALS = (
    # MSA
    r"لا [ان]ستطيع", r"لن [ان]ستطيع", r"لا يمكنني", r"لا يمكننا", r"لن يمكنني", r"لن يمكننا", r"لا يمكن لي", r"لا يمكن لنا",
    r"لا [ان]تمكن", r"لن [ان]تمكن", r"لا [ان]قدر", r"ليس (?:ب|في )(?:امكاني|امكاننا|وسعي|وسعنا|استطاعتي|مقدوري)",
    r"لا يسعني", r"لا يسعنا", r"يتعذر علي", r"يتعذر علينا", r"تعذر علي", r"لا يحق لي", r"لا يحق لنا", r"لا يجوز لي",
    r"لا يسمح لي", r"لا يسمح لنا", r"غير مسموح", r"ليس مسموحا", r"لا يمكن (?:ال)?(?:افصاح|مشاركه|اعطاء|تزويد|كشف|ارسال|اطلاع)",
    r"[ان]عتذر عن (?:تقديم|مشاركه|الافصاح|اعطاء|المساعده|مساعدتك|تلبيه|هذا الطلب)",
    # Gulf
    r"ما [ان]قدر", r"ما [ان][گج]در", r"ما يمديني", r"ما يمدينا", r"مو مسموح", r"مب مسموح",
    # Egyptian
    r"ما? ?ا?قدرش", r"ما? ?نقدرش", r"مش [هح][ان]قدر", r"مش قادر", r"مش هقدر", r"م(?:ا )?ينفعش", r"مش هينفع", r"مش مسموح",
    # Levantine
    r"ما بقدر", r"ما منقدر", r"ما فيني", r"ما فينا", r"ما فيي", r"ما بيسمحلي", r"(?:مش|ما) رح [ان]قدر",
    # Maghrebi
    r"ما نجمش", r"ما يمكنليش",
    # English
    r"i (?:can ?not|can[’']?t|am unable|[’']?m unable|am not able|[’']?m not able|won[’']?t be able|am not allowed|[’']?m not allowed|must decline)",
    r"we (?:can ?not|can[’']?t|are unable|are not able|are not allowed|[’']?re unable)",
)
_REFUSAL = re.compile(_LEFT + "[وف]?(?:" + "|".join(_REFUSALS) + rf")(?![{_AR}a-z])")


def refusal_in(text: str) -> str | None:
    """The first refusal phrasing in ``text`` (as found in matching form), or None."""
    m = _REFUSAL.search(normalize_for_matching(text))
    return m.group(0) if m else None


# ----------------------------------------------------------------------------- shared pieces
_STATUS_MSG = {"empty": "eval.metric.answer_empty", "truncated": "eval.metric.answer_truncated"}
_WORD = re.compile(r"\S*[^\W_]\S*")  # a token with a letter or a digit (not a lone dash or arrow)
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*")
_LATIN_PUNCT = re.compile(rf"(?<=[{_AR}\u064b-\u0652\u0640])\s*([,;?])")
_PLACEHOLDER = re.compile(r"\[(?:%s)(?:_\d+)?\]" % "|".join(KINDS))
_LEAK_KINDS = tuple(k for k in KINDS if k != "NAME")
_BULLET_LINE = re.compile(r"^\s*[-•*▪·–]\s+\S", re.M)
_NUMBERED_LINE = re.compile(r"^\s*\(?[0-9٠-٩۰-۹]{1,2}\s*[.)\-–:]\s*\S", re.M)
_ORDINALS = frozenset(normalize_for_matching(w) for w in "أولاً ثانياً ثالثاً رابعاً خامساً سادساً أخيراً الخطوة الأولى".split())
_SENTENCE_END = re.compile(r"[.!?؟…]+(?=\s|$)|\n+")
_LETTER = re.compile(r"[^\W\d_]")


def _unscorable(name: str, answer: Answer) -> MetricScore | None:
    """A None score with its reason for an empty or truncated answer; None for one to score."""
    status = "empty" if answer.status == "ok" and not answer.text.strip() else answer.status
    if status not in _STATUS_MSG:
        return None
    return MetricScore(name, None, (Check("status", False, 0.0, Msg(_STATUS_MSG[status]).to_json()),))


def _check(name: str, passed: bool, reason: Msg | None = None, score: float | None = None) -> Check:
    return Check(name, passed, float(passed) if score is None else round(score, 4), None if passed else (reason.to_json() if reason else None))


def _mean(checks: Sequence[Check]) -> float | None:
    return round(sum(c.score for c in checks) / len(checks), 4) if checks else None


@lru_cache(maxsize=1)
def _redactor() -> Redactor:
    return Redactor(kinds=_LEAK_KINDS, key=b"metrics")  # find() only: the key is never used


def _is_arabic_item(item: EvalItem, checks: dict[str, Any]) -> bool:
    if "script" in checks:
        return checks["script"] == "arabic"
    return arabic_share(item.reference or item.prompt) >= 0.5


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentence_count(text: str) -> int:
    return sum(1 for part in _SENTENCE_END.split(text) if _LETTER.search(part))


def answer_format(text: str) -> str:
    """"numbered", "bullets", "steps" (ordinal words) or "paragraph": what the answer's layout is."""
    if len(_NUMBERED_LINE.findall(text)) >= 2:
        return "numbered"
    if len(_BULLET_LINE.findall(text)) >= 2:
        return "bullets"
    openers = [normalize_for_matching(line).split()[:1] for line in text.splitlines() if line.strip()]
    if sum(1 for o in openers if o and o[0].strip("،,:-") in _ORDINALS) >= 2:
        return "steps"
    return "paragraph" if format_style(text) != "list" else "bullets"


def _format_ok(wanted: str, text: str) -> tuple[bool, str]:
    got = answer_format(text)
    if wanted == "paragraph":
        return format_style(text) != "list" and got == "paragraph", got
    if wanted == "steps":
        return got in ("numbered", "steps"), got
    return got == wanted, got


def _mask(value: str) -> str:
    kept = [i for i, ch in enumerate(value) if ch.isalnum()][-4:]
    return "".join(ch if (i in kept or not ch.isalnum()) else "•" for i, ch in enumerate(value))


def _source_words(item: EvalItem, checks: dict[str, Any]) -> frozenset[str]:
    texts = [item.reference, item.prompt, item.system, *(t.get("content", "") for t in item.context)]
    for key in ("must_include_any", "must_mention"):
        value = checks.get(key) or []
        texts += [p for g in value for p in (g if isinstance(g, list) else [g])]
    return frozenset(w.lower() for t in texts for w in _LATIN_WORD.findall(t))


# ----------------------------------------------------------------------------- format
def format_score(item: EvalItem, answer: Answer) -> MetricScore:
    """Script, stray Latin words, Arabic punctuation, length, leaks and the item's format rules."""
    if (none := _unscorable("format", answer)) is not None:
        return none
    text, checks = answer.text, _valid_checks(item)
    arabic_item = _is_arabic_item(item, checks)
    out: list[Check] = []
    share = arabic_share(text)
    if arabic_item:
        floor = min(ARABIC_SHARE_MIN, arabic_share(item.reference)) if item.reference else ARABIC_SHARE_MIN
        out.append(_check("script", share >= floor - 1e-9, Msg("eval.check.script_arabic", share=round(100 * share))))
        allowed = _source_words(item, checks) | LATIN_OK
        plain = _without_sensitive(text)  # a leaked IBAN or placeholder is the leak check's, never quoted here
        stray = list(dict.fromkeys(w for w in _LATIN_WORD.findall(plain) if len(w) > 1 and w.lower() not in allowed))
        out.append(_check("latin_words", not stray, Msg("eval.check.latin_words", words=stray[:6])))
        if checks.get("no_latin_punctuation", True):
            marks = list(dict.fromkeys(_LATIN_PUNCT.findall(text)))
            out.append(_check("punctuation", not marks, Msg("eval.check.latin_punctuation", marks=" ".join(marks))))
    elif checks.get("script") == "latin":
        out.append(_check("script", share <= LATIN_SHARE_MAX, Msg("eval.check.script_latin", share=round(100 * share))))
    elif checks.get("no_latin_punctuation"):
        marks = list(dict.fromkeys(_LATIN_PUNCT.findall(text)))
        out.append(_check("punctuation", not marks, Msg("eval.check.latin_punctuation", marks=" ".join(marks))))
    words, ref_words = word_count(text), word_count(item.reference)
    if ref_words or "max_words" in checks:
        low = math.ceil(LENGTH_BAND[0] * ref_words) if ref_words else 1
        high = checks.get("max_words") or math.floor(LENGTH_BAND[1] * ref_words)
        if words < low:
            out.append(_check("length", False, Msg("eval.check.too_short", words=words, low=low)))
        else:
            out.append(_check("length", words <= high, Msg("eval.check.too_long", words=words, high=high)))
    out.append(_leak_check(item, text))
    if "format" in checks:
        ok, got = _format_ok(checks["format"], text)
        out.append(_check("format", ok, Msg("eval.check.format", expected=Msg(f"eval.format.{checks['format']}"), found=Msg(f"eval.format.{got}"))))
    if "max_sentences" in checks:
        n = sentence_count(text)
        out.append(_check("max_sentences", n <= checks["max_sentences"], Msg("eval.check.max_sentences", n=n, maximum=checks["max_sentences"])))
    return MetricScore("format", _mean(out), tuple(out))


def _without_sensitive(text: str) -> str:
    """``text`` with its placeholders and the values the Redactor finds blanked out."""
    chars = list(_PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text))
    for sp in _redactor().find(text):
        chars[sp.start:sp.end] = " " * (sp.end - sp.start)
    return "".join(chars)


@lru_cache(maxsize=1024)
def _sensitive_keys(text: str) -> frozenset[tuple[str, str]]:
    t = text
    return frozenset((sp.kind, _value_key(sp.kind, t[sp.start:sp.end])) for sp in _redactor().find(t))


def _leak_check(item: EvalItem, text: str) -> Check:
    placeholders = [p for p in dict.fromkeys(_PLACEHOLDER.findall(text)) if p not in item.reference]
    allowed = _sensitive_keys(item.reference) if item.reference else frozenset()
    values = [_mask(text[sp.start:sp.end]) for sp in _redactor().find(text)
              if (sp.kind, _value_key(sp.kind, text[sp.start:sp.end])) not in allowed]
    if not placeholders and not values:
        return _check("leak", True)
    parts = ([Msg("eval.check.placeholder", placeholders=placeholders)] if placeholders else []) + \
            ([Msg("eval.check.sensitive_value", values=values)] if values else [])
    return _check("leak", False, parts[0] if len(parts) == 1 else Msg("eval.check.leak", parts=parts))


# ----------------------------------------------------------------------------- faithfulness
_TIME = re.compile(r"(?<![0-9:])([0-9]{1,2}):([0-5][0-9])(?![0-9:])")
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,٫٬])(?:[0-9]{1,3}(?:[,٬][0-9]{3})+|[0-9]+)(?:[.٫][0-9]+)?")
_LIST_MARKER = re.compile(r"^(\s*\(?)([0-9]{1,2})(?=\s*[.)\-–:]\s)", re.M)
_ONES = {"واحد": 1, "واحده": 1, "اثنين": 2, "اثنان": 2, "اتنين": 2, "اثنتين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثه": 3, "تلات": 3,
         "تلاته": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8,
         "ثمانيه": 8, "تمان": 8, "تمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10}
_TENS = {"عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "تلاتين": 30, "اربعين": 40, "اربعون": 40, "خمسين": 50, "خمسون": 50,
         "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80, "تمانين": 80, "تسعين": 90, "تسعون": 90}
_BIG = {"مئه": 100, "مائه": 100, "ميه": 100, "مئتين": 200, "مئتان": 200, "ميتين": 200, "الف": 1000, "الفين": 2000, "الفان": 2000, "مليون": 1_000_000}
_DUALS = ("يوم", "ساع", "شهر", "اسبوع", "سن", "عام", "مر", "دقيق", "ليل", "سنت", "ساعت", "دقيقت", "ليلت", "مرت")
_NUMBER_WORDS = {**_ONES, **_TENS, **_BIG, **{d + end: 2 for d in _DUALS for end in ("ين", "ان")}}
_THOUSANDS = frozenset(("الاف", "الف"))


def _value(raw: str) -> str:
    """A number as written (Western digits, either separators) as a canonical value: 1,500.0 -> 1500."""
    plain = raw.replace(",", "").replace("٬", "").replace("٫", ".")
    try:
        d = Decimal(plain)
    except InvalidOperation:
        return plain
    return format(d.normalize(), "f")


def _word_value(token: str) -> int | None:
    for w in (token, token[1:] if token[:1] in "وبلف" else "", token[2:] if token.startswith("ال") else "",
              token[3:] if token[:3] in ("وال", "بال", "فال") else "", token[2:] if token.startswith("لل") else ""):
        if w and w in _NUMBER_WORDS:
            return _NUMBER_WORDS[w]
    return None


def _number_words(text: str) -> set[str]:
    """Values written in words in a source text (ستة أشهر، خمسة وعشرين، ثلاثة آلاف، يومين)."""
    values: set[str] = set()
    prev: int | None = None
    for token in normalize_for_matching(text).split():
        token = token.strip(".,،؛;:!?؟«»()\"'")
        v = _word_value(token)
        if v is not None:
            values.add(str(v))
            if prev is not None and prev < 10 and v in _TENS.values() and token.startswith("و"):
                values.add(str(prev + v))
        if prev is not None and token in _THOUSANDS and prev < 1000:
            values.add(str(prev * 1000))
        prev = v
    return values


@lru_cache(maxsize=2048)
def numbers_in(text: str) -> tuple[tuple[str, str, str], ...]:
    """The numbers of ``text`` as (kind, value, as written): kind "phone" (value: its digits without
    country code or leading zero), "time" (H:MM) or "number" (canonical value). List markers and
    sensitive values other than phone numbers (IBANs, cards, IDs: the leak check's) are left out."""
    t = to_latin_digits(text)
    found_: list[tuple[str, str, str]] = []
    blank = list(t)
    for sp in _redactor().find(text) if any(ch.isdigit() for ch in t) else ():
        if sp.kind == "PHONE":
            found_.append(("phone", _value_key("PHONE", t[sp.start:sp.end]), text[sp.start:sp.end]))
        blank[sp.start:sp.end] = " " * (sp.end - sp.start)
    t = "".join(blank)
    t = _LIST_MARKER.sub(lambda m: m.group(1) + " " * len(m.group(2)), t)
    for m in _TIME.finditer(t):
        found_.append(("time", f"{int(m.group(1))}:{m.group(2)}", text[m.start():m.end()]))
    t = _TIME.sub(lambda m: " " * len(m.group(0)), t)
    for m in _NUMBER.finditer(t):
        found_.append(("number", _value(m.group(0)), text[m.start():m.end()]))
    return tuple(found_)


@lru_cache(maxsize=256)
def _supported(sources: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for text in sources:
        if not text:
            continue
        for kind, value, _ in numbers_in(text):
            out.add((kind, value))
            if kind == "time":  # 9:00 supports 9
                out.add(("number", value.split(":")[0]))
        out |= {("number", v) for v in _number_words(text)}
    return frozenset(out)


@lru_cache(maxsize=1)
def _chrf() -> Any:
    from sacrebleu.metrics import CHRF

    return CHRF()


def chrf(answer: str, reference: str) -> float:
    """chrF of ``answer`` against ``reference``, both in matching form, in 0..1."""
    return round(_chrf().sentence_score(normalize_for_matching(answer), [normalize_for_matching(reference)]).score / 100, 4)


def faithfulness_score(item: EvalItem, answer: Answer, policy_text: str = "") -> MetricScore:
    """chrF against the reference, halved when a number in the answer has no source (module docstring)."""
    if (none := _unscorable("faithfulness", answer)) is not None:
        return none
    out: list[Check] = []
    score = None
    if item.reference.strip():
        score = chrf(answer.text, item.reference)
        out.append(Check("chrf", score >= CHRF_FLAG, score, None if score >= CHRF_FLAG else Msg("eval.check.chrf_low", score=round(score, 2)).to_json()))
    sources = (item.reference, item.prompt, *(t.get("content", "") for t in item.context), policy_text)
    supported = _supported(sources)
    unsupported = [(kind, shown) for kind, value, shown in numbers_in(answer.text) if (kind, value) not in supported
                   and not (kind == "time" and value.endswith(":00") and ("number", value[:-3]) in supported)]  # 10:00 for "10 صباحاً"
    for kind, shown in dict.fromkeys(unsupported):
        code = "eval.check.unsupported_phone" if kind == "phone" else "eval.check.unsupported_number"
        out.append(_check("number", False, Msg(code, number=_mask(shown) if kind == "phone" else shown)))
    if not unsupported:
        out.append(_check("numbers", True))
    if score is None:
        out.insert(0, _check("reference", False, Msg("eval.metric.no_reference")))
        return MetricScore("faithfulness", None, tuple(out))
    if unsupported:
        score *= UNSUPPORTED_NUMBER_FACTOR
    return MetricScore("faithfulness", round(score, 4), tuple(out))


# ----------------------------------------------------------------------------- task success
def _regex_hits(patterns: Sequence[str], text: str) -> list[tuple[str, str | None]]:
    """Each pattern and what it matches in the answer (as written, or with Western digits), or None."""
    latin = to_latin_digits(text)
    out = []
    for p in patterns:
        rx = _compiled(p)
        m = rx.search(text) or (rx.search(latin) if latin != text else None)
        out.append((p, m.group(0) if m else None))
    return out


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.M)


def content_checks(item: EvalItem, answer_text: str) -> list[Check]:
    """The item's content checks on an answer's text, in CONTENT_KEYS order."""
    checks, norm = _valid_checks(item), normalize_for_matching(answer_text)
    out: list[Check] = []
    if "must_include_any" in checks:
        groups = checks["must_include_any"]
        missing = [g for g in groups if not any(found(norm, p) for p in g)]
        out.append(_check("must_include_any", not missing, Msg("eval.check.missing_groups", groups=[" / ".join(g) for g in missing]),
                          1 - len(missing) / len(groups)))
    if "must_mention" in checks:
        phrases = checks["must_mention"]
        missing = [p for p in phrases if not found(norm, p)]
        out.append(_check("must_mention", not missing, Msg("eval.check.missing_phrases", phrases=missing), 1 - len(missing) / len(phrases)))
    if "must_not_mention" in checks:
        present = [p for p in checks["must_not_mention"] if found(norm, p)]
        out.append(_check("must_not_mention", not present, Msg("eval.check.forbidden_phrases", phrases=present)))
    if "must_match" in checks:
        hits = _regex_hits(checks["must_match"], answer_text)
        missing = [p for p, m in hits if m is None]
        out.append(_check("must_match", not missing, Msg("eval.check.pattern_missing", pattern=" ".join(missing)), 1 - len(missing) / len(hits)))
    if "must_not_match" in checks:
        bad = [(p, m) for p, m in _regex_hits(checks["must_not_match"], answer_text) if m is not None]
        out.append(_check("must_not_match", not bad, Msg("eval.check.pattern_found", pattern=bad[0][0], found=bad[0][1]) if bad else None))
    if "must_refuse" in checks:
        phrase = refusal_in(answer_text)
        if checks["must_refuse"]:
            out.append(_check("must_refuse", phrase is not None, Msg("eval.check.no_refusal")))
        else:
            out.append(_check("must_refuse", phrase is None, Msg("eval.check.refused", phrase=phrase or "")))
    if "dialect" in checks:
        guess = dialect_of(answer_text).label
        ok = guess in (checks["dialect"], "uncertain")
        out.append(_check("dialect", ok, Msg("eval.check.dialect", found=Msg(f"dialect.{guess}"), expected=Msg(f"dialect.{checks['dialect']}"))))
    return out


def task_success_score(item: EvalItem, answer: Answer, ratings: Sequence[int] = ()) -> MetricScore:
    """The content checks' mean, averaged with the reviewers' mapped ratings when there are any.
    An empty or truncated answer has no checks scored; reviewers who rated it still count."""
    for r in ratings:
        if isinstance(r, bool) or not isinstance(r, int) or not 1 <= r <= 5:
            raise ValidationError(Msg("eval.metric.bad_rating", value=_shown(r)))
    if (none := _unscorable("task_success", answer)) is not None:
        if not ratings:
            return none
        out = list(none.checks)
        score = None
    else:
        out = content_checks(item, answer.text)
        score = _mean(out)
    if ratings:
        mean = sum(ratings) / len(ratings)
        rated = (mean - 1) / 4
        out.append(Check("ratings", rated >= 0.5, round(rated, 4),
                         None if rated >= 0.5 else Msg("eval.metric.ratings", mean=round(mean, 2), n=len(ratings)).to_json()))
        score = round(rated if score is None else (score + rated) / 2, 4)
    elif score is None:
        out.append(_check("checks", False, Msg("eval.metric.no_checks")))
    return MetricScore("task_success", score, tuple(out))


def score_answer(item: EvalItem, answer: Answer, policy_text: str = "", ratings: Sequence[int] = ()) -> dict[str, MetricScore]:
    """All three metrics of one answer, by metric name (types.METRIC_NAMES)."""
    if answer.item_id != item.id:
        raise ValueError(f"answer to {answer.item_id!r} scored against item {item.id!r}")
    return {"format": format_score(item, answer), "faithfulness": faithfulness_score(item, answer, policy_text),
            "task_success": task_success_score(item, answer, ratings)}
