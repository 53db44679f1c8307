"""Quality signals: dialect, non-Arabic and mixed answers, translated-sounding answers,
length and format outliers, intent balance. Signals flag and score; they never delete.

Dialect: a weighted lexicon of markers per dialect (function words, negation, question
words, demonstratives, future and progressive prefixes, possessives, loanwords), in
dialect_markers.py, written for this project; words shared by dialects (ليش، مش، فين) carry a
weight in each. Verb shapes no list can hold (Egyptian ha- future and m-...-sh negation, t-
passive; Levantine -kon; Maghrebi ما ...ش and فال...) and a few word pairs add votes. Dialect
words also count as colloquial evidence held against MSA; MSA has its own markers (formal
particles and verb forms, tanween), and a sentence with nothing colloquial leans MSA. The label
is the top dialect with a soft confidence (its share of the votes, scaled by how much evidence
there was); too little evidence or too close a race gives "uncertain". Measured on the demo
data, the evaluation suite's prompts (tests/core/data/test_dedup_split_quality.py), hand-written
sentences (test_dialect_translationese.py) and the independent sets (tests/helpers/independent_eval.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from atlas_desktop.core.messages import Msg
from atlas_desktop.core.arabic import normalize_for_matching, normalize_word
from atlas_desktop.core.data import dialect_markers as _lex

DIALECT_ORDER = ("msa", "gulf", "egyptian", "levantine", "maghrebi")
_SPOKEN = DIALECT_ORDER[1:]
# A word, with any diacritics inside it (حوّل is one word; the folding drops the shadda).
_WORD = re.compile(r"[\u0621-\u065F\u0670-\u06D3]+")
_EXTRA_FOLD = str.maketrans({"گ": "ك", "ک": "ك", "ڤ": "ف", "ڨ": "ق", "پ": "ب", "چ": "ج", "ی": "ي", "ے": "ي", "ھ": "ه", "ۃ": "ه"})
_REPEATS = re.compile(r"(.)\1{2,}")  # elongation: كتيييير -> كتير


@lru_cache(maxsize=131072)
def _fold_word(raw: str) -> str:
    """A word as the lexicons store it: normalize_word, regional letters folded, elongation removed."""
    return _REPEATS.sub(r"\1", normalize_word(raw).translate(_EXTRA_FOLD))


def _parse(block: str) -> tuple[dict[str, float], dict[str, float]]:
    """'word weight word weight ...' (a phrase is several words before one weight) -> words, phrases."""
    words: dict[str, float] = {}
    phrases: dict[str, float] = {}
    pending: list[str] = []
    for tok in block.split():
        try:
            weight = float(tok)
        except ValueError:
            pending.append(_fold_word(tok))
            continue
        key = " ".join(pending)
        (phrases if len(pending) > 1 else words)[key] = max(weight, (phrases if len(pending) > 1 else words).get(key, 0))
        pending = []
    return words, phrases


_BLOCKS = {"gulf": _lex.GULF, "egyptian": _lex.EGYPTIAN, "levantine": _lex.LEVANTINE, "maghrebi": _lex.MAGHREBI, "msa": _lex.MSA}
# Markers are matched on folded words (alef/ya/ta-marbuta folded, no diacritics, no elongation).
MARKERS: dict[str, dict[str, float]] = {}
_PHRASES: dict[str, dict[str, float]] = {}
for _d, _block in _BLOCKS.items():
    MARKERS[_d], _PHRASES[_d] = _parse(_block)
    for _p, _weight in _lex.PHRASES.get(_d, {}).items():
        _PHRASES[_d][" ".join(_fold_word(w) for w in _p.split())] = _weight
_COLLOQUIAL, _ = _parse(_lex.COLLOQUIAL)

_LEXICON: dict[str, tuple[tuple[str, float], ...]] = {}
for _d in DIALECT_ORDER:
    for _w, _weight in MARKERS[_d].items():
        if _weight:
            _LEXICON[_w] = _LEXICON.get(_w, ()) + ((_d, _weight),)
for _w, _weight in _COLLOQUIAL.items():
    _LEXICON[_w] = _LEXICON.get(_w, ()) + (("colloquial", _weight),)
# Two-word phrases, looked up on consecutive folded words.
_BIGRAMS: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {}
for _d in DIALECT_ORDER:
    for _p, _weight in _PHRASES[_d].items():
        _parts = tuple(_p.split())
        if len(_parts) == 2:
            _BIGRAMS[_parts] = _BIGRAMS.get(_parts, ()) + ((_d, _weight),)

_L = "[\u0621-\u064A\u0671-\u06D3]"
# Word shapes (on folded words): verb morphology that a lexicon cannot list. (label, pattern, weight)
_SHAPES = (
    # Egyptian future ha-: هيوصل، هتوصل، هنبعت (not هيئة، هيكل، هناك، هندسة...)
    ("egyptian", re.compile(rf"^ه[يتن](?!يي|يكل|يمن|تاف|اك|الك|يي|د|يا|يف|يل|و){_L}{{3,}}$"), 1.2),
    # Egyptian negation circumfix written as one word: مطلعتش، موصلوش، مبيردش (not مشمش، مدهش، معاش...)
    ("egyptian", re.compile(rf"^م(?!شمش|دهش|نعش|فتش|نقوش|رعش|شوش|غشوش|همش|نكمش|رتعش|عاش$){_L}{{3,}}ش$"), 1.5),
    # Egyptian t- passive: اتقفل، اتخصمت، اتشحنت (not اتصل، اتخذ، اتفق، اتبع...)
    ("egyptian", re.compile(rf"^ات(?!صل|خذ|فق|بع|جه|ضح|سع|هم|كل|قن|حد|صف|زن|قي|عظ|جر|رك)[^ا\s]{{3}}(?:ت|وا|ش|تش)?$"), 1.0),
    # Egyptian second person plural -ku: عندكو، بتاعكو، ليكو
    ("egyptian", re.compile(rf"^{_L}{{2,}}كو$"), 1.5),
    # Levantine -kon: عندكن، فيكن، تبعكن (not لكن، يمكن، مساكن)
    ("levantine", re.compile(rf"^{_L}{{2,}}[^مسرلاه]كن$"), 2.0),
    # Levantine على ال contracted: عالحساب، عالتطبيق (not عالم، عالي، عالق، عالج)
    ("levantine", re.compile(rf"^عال(?![مقيج]){_L}{{3,}}$"), 1.5),
    # ha- demonstrative: هالشي، هالمبلغ (Levantine and Gulf)
    ("levantine", re.compile(rf"^هال(?!ه$|ك){_L}{{3,}}$"), 1.0),
    ("gulf", re.compile(rf"^هال(?!ه$|ك){_L}{{3,}}$"), 0.8),
    # Maghrebi في ال contracted: فالتطبيق، فالليل
    ("maghrebi", re.compile(rf"^فال{_L}{{3,}}$"), 1.5),
    # bi- progressive on a verb (Egyptian, Levantine; Gulf future): بيقفل، بيوصل (not بيان، بيت، بيع)
    ("egyptian", re.compile(rf"^بي(?!ان|ت|ع|ي|ض|ئ){_L}{{3,}}$"), 0.4),
    ("levantine", re.compile(rf"^بي(?!ان|ت|ع|ي|ض|ئ){_L}{{3,}}$"), 0.4),
    ("gulf", re.compile(rf"^بي(?!ان|ت|ع|ي|ض|ئ){_L}{{3,}}$"), 0.2),
    # bi- progressive, second or third person plural: بتبيعوا، بيردوا (Egyptian, Levantine)
    ("egyptian", re.compile(rf"^ب[يت]{_L}{{3,}}وا$"), 0.7),
    ("levantine", re.compile(rf"^ب[يت]{_L}{{3,}}وا$"), 0.7),
)
_SPOKEN_SHAPES = {"egyptian", "levantine", "maghrebi", "gulf"}
_SH_NEG = re.compile(rf"^{_L}{{3,}}ش$")  # the -sh of a ما ...ش negation
_N_VERB = re.compile(rf"^ن{_L}{{2,}}$")
_MAGHREBI_N_AFTER = frozenset(_fold_word(w) for w in ("بغيت", "باش", "نقدر", "نحب", "حاب", "حابة", "غادي", "بش", "نبغي", "ماشي"))
_AS_IN = frozenset(_fold_word(w) for w in ("مثل", "متل", "زي", "كما", "مثلما"))
_EASTERN_WANT = frozenset(_fold_word(w) for w in ("بغيت", "حاب", "حابة"))
_BI_VERB = re.compile(rf"^ب(?!س$|ال|ه$){_L}{{3,}}$")
_TANWEEN = re.compile("[\u064b-\u064d]")
_TANWEEN_WORD = re.compile("([\u0621-\u064A]+)[\u064b-\u064d]")
_MA = _fold_word("ما")
_FORMULAE = frozenset(f for w in "شكرا جزيلا أهلا سهلا مرحبا عفوا طبعا تماما حالا فورا أيضا جدا".split() for f in (_fold_word(w), _fold_word(w)[:-1]))  # tanween in set phrases of any register


@dataclass(frozen=True)
class DialectGuess:
    label: str  # a dialect code or "uncertain"
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=131072)
def _word_votes(raw: str) -> tuple[str, tuple[tuple[str, float], ...]]:
    """One word folded, and its votes: its markers (else those of the word without a و/ف prefix) and its shape."""
    w = _fold_word(raw)
    votes = _LEXICON.get(w) or (_LEXICON.get(w[1:], ()) if w[:1] in "وف" and len(w) > 3 else ())
    extra = tuple((d, weight) for d, pattern, weight in _SHAPES if pattern.match(w))
    if not extra and w[:1] in "وف" and len(w) > 4:  # وهيوصل، فالحساب stays فال
        extra = tuple((d, weight) for d, pattern, weight in _SHAPES if pattern.match(w[1:]))
    votes += extra
    # A word that is a clear marker of a spoken dialect and not of MSA is colloquial evidence too.
    strongest = max((weight for d, weight in votes if d in _SPOKEN), default=0.0)
    if (extra or strongest >= 1.5) and not any(d in ("colloquial", "msa") for d, _ in votes):
        votes += (("colloquial", 0.5),)
    return w, votes


_BIGRAM_FIRST = frozenset(a for a, _ in _BIGRAMS) | _MAGHREBI_N_AFTER | {_MA}


def dialect_of(text: str) -> DialectGuess:
    """The dialect of a user's text from its marker words, phrases and verb shapes, or "uncertain".

    Dialect words also count as "colloquial" evidence, which is held against MSA (a Gulf
    message that opens with هل is still Gulf); a text of several words with no colloquial
    word at all leans MSA.
    """
    scores = dict.fromkeys(DIALECT_ORDER, 0.0)
    colloquial = 0.0
    prev = prev2 = ""
    n = 0
    for raw in _WORD.findall(text):
        n += 1
        w, votes = _word_votes(raw)
        for d, weight in votes:
            if d == "colloquial":
                colloquial += weight
            else:
                scores[d] += weight
        if prev in _BIGRAM_FIRST:
            if prev2 not in _AS_IN:  # "مثل ما هو": not the MSA question ما هو
                for d, weight in _BIGRAMS.get((prev, w), ()):
                    scores[d] += weight
            if prev == _MA:
                if _SH_NEG.match(w):  # ما وصلش: Maghrebi (sometimes Egyptian)
                    scores["maghrebi"] += 2.0
                    scores["egyptian"] += 0.5
                    colloquial += 1
                elif w.startswith("ال"):  # ما الحد الأدنى: the MSA "what"
                    scores["msa"] += 1.5
                elif _BI_VERB.match(w):  # ما بعرف: Levantine (Egyptian, Gulf)
                    scores["levantine"] += 1.0
                    scores["egyptian"] += 0.3
                    colloquial += 0.5
            elif prev in _MAGHREBI_N_AFTER:
                if _N_VERB.match(w):  # بغيت نعرف: Maghrebi first person n-
                    scores["maghrebi"] += 1.0
                elif w[:1] == "ا" and prev in _EASTERN_WANT:  # بغيت أعرف: Gulf first person a-
                    scores["gulf"] += 1.5
        prev2, prev = prev, w
    if _TANWEEN.search(text):  # tanween is written in MSA; not counted in set phrases (شكراً، أهلاً)
        tanween = sum(1 for raw in _TANWEEN_WORD.findall(text) if _fold_word(raw) not in _FORMULAE)
        scores["msa"] += min(1.5, 0.7 * tanween)
    spoken = max(scores[d] for d in _SPOKEN)
    if colloquial == 0 and spoken == 0 and n >= 4:
        scores["msa"] += 0.5  # nothing colloquial in a sentence of some length
    scores["msa"] = max(0.0, scores["msa"] - colloquial)
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
CALQUES = _lex.CALQUES
SOFT_CALQUES = _lex.SOFT_CALQUES
_PUNCT = ".,،!?؟:;؛\"'«»()"


def _phrase_index(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Phrases by their first word (folded, without punctuation): only those whose first word occurs are searched."""
    index: dict[str, tuple[tuple[int, str], ...]] = {}
    for i, phrase in enumerate(phrases):
        folded = normalize_for_matching(phrase) + (" " if phrase.endswith(" ") else "")
        key = folded.split()[0].strip(_PUNCT)
        for variant in {p + key + q for p in ("", "و", "ف") for q in ("", *_PUNCT)}:  # ولا تتردد، بالتأكيد!
            index[variant] = index.get(variant, ()) + ((i, folded),)
    return index


_CALQUE_INDEX = _phrase_index(CALQUES)
_SOFT_INDEX = _phrase_index(SOFT_CALQUES)
# "الـ chip", "قسم Letters": an English term left in place of an Arabic one; "Settings > Security": an English menu path.
_AL_LATIN = re.compile(r"ال[ـ]?\s?[A-Za-z]{2,}|[A-Za-z]+\s*>\s*[A-Za-z]+")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_SVO_VERBS = frozenset(("سوف", "تم", "تمت", "يتم", "سيتم"))  # "بطاقتك سوف تصل", "طلبك تم تنفيذه": the verb goes first in Arabic
_COPULAS = frozenset(("هو", "هي"))  # "الرسوم هي مجانية": هو/هي as the English "is"
_NOT_PREDICATE = frozenset(("ان", "انه", "انها", "ما", "من", "نفس", "الذي", "التي"))
_PLURAL_UNITS = frozenset(u + p for u in ("ايام", "ساعات", "اسابيع", "اشهر", "شهور", "سنوات", "دقايق", "مرات") for p in ("", ".", "،", ","))  # "2 أيام": Arabic says يومين
_DIGIT_RANGE = re.compile(r"^(?:[12]|\d+-\d+)$")
_PASSIVES = frozenset(("سيتم", "يتم", "تم", "تمت", "ستتم"))


_CALQUE_KEYS = frozenset(_CALQUE_INDEX)
_SOFT_KEYS = frozenset(_SOFT_INDEX)
_TRIGGERS = _SVO_VERBS | _COPULAS | _PLURAL_UNITS


def _found(index: dict[str, tuple[tuple[int, str], ...]], hits: set[str], padded: str) -> list[int]:
    return sorted(i for k in hits for i, phrase in index[k] if phrase in padded)


# the literal turns _literal_turns names (each said once), as message codes
_SUBJECT_FIRST, _COPULA, _DIGIT_PLURAL = "data.quality.turn.subject_first", "data.quality.turn.copula", "data.quality.turn.digit_plural"
_SAWFA_PASSIVE = "سوف / يتم"  # Arabic words: quoted as they are


def _literal_turns(words: list[str], keys: set[str]) -> tuple[float, list[str]]:
    """Word-order and grammar calques (their message codes), and the count of سوف and of يتم/تم passives."""
    weight, names = 0.0, []
    sawfa = words.count("سوف") if "سوف" in keys else 0
    passive = sum(words.count(p) for p in _PASSIVES & keys)
    if keys & _TRIGGERS:
        for i in range(1, len(words)):
            w = words[i]
            if w not in _TRIGGERS:
                continue
            if w in _SVO_VERBS and _SUBJECT_FIRST not in names:
                prev = words[i - 1]
                if len(prev) > 3 and (prev.endswith("ك") or prev.endswith("كم")):
                    weight += 0.15
                    names.append(_SUBJECT_FIRST)
            elif w in _COPULAS and i + 1 < len(words) and _COPULA not in names:
                nxt = words[i + 1]
                if (words[i - 1].startswith("ال") or (i > 1 and words[i - 2].startswith("ال"))) and not nxt.startswith("ال") \
                        and nxt not in _NOT_PREDICATE and nxt[:1].isalpha():
                    weight += 0.1
                    names.append(_COPULA)
            elif w in _PLURAL_UNITS and _DIGIT_RANGE.match(words[i - 1]) and _DIGIT_PLURAL not in names:
                weight += 0.15
                names.append(_DIGIT_PLURAL)
    weight += 0.05 * min(sawfa, 3) + 0.05 * min(passive, 3)
    if sawfa or passive:
        names.append(_SAWFA_PASSIVE)
    return weight, names


_TOKEN = re.compile(r"\S+")


def as_written(text: str, phrase: str) -> str:
    """The words of ``text`` in which ``phrase`` is found when both are folded for matching (as
    translated_sounding finds calques), as ``text`` writes them: "في نهايه اليوم" is quoted with
    its own spelling, diacritics and prefixes, not the list's. ``phrase`` itself when not found."""
    folded = normalize_for_matching(phrase) + (" " if phrase.endswith(" ") else "")
    words, starts, at = [], [], 0  # the folded text word by word, each with its span in ``text``
    for m in _TOKEN.finditer(text):
        w = normalize_word(m.group())
        if w:
            words.append(w)
            starts.append((at, at + len(w), m.start(), m.end()))
            at += len(w) + 1
    found = f" {' '.join(words)} ".find(folded)
    if found < 0:
        return phrase.strip()
    begin = found - 1 + len(folded) - len(folded.lstrip())
    end = begin + len(folded.strip())
    inside = [(s, e) for a, b, s, e in starts if a < end and b > begin]
    return text[inside[0][0]:inside[-1][1]].strip(_PUNCT) or phrase.strip()


def arabic_share(text: str) -> float:
    """Arabic letters among all letters (counted in runs: one string per word, not per letter)."""
    letters = sum(map(len, _LETTERS.findall(text)))
    return sum(map(len, _ARABIC_LETTERS.findall(text))) / letters if letters else 1.0


_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")


@dataclass(frozen=True)
class TranslationSignal:
    score: float  # 0 natural .. 1 clearly translated-sounding
    reasons: tuple[Msg, ...]


def translated_sounding(answer: str, question_dialect: str = "uncertain") -> TranslationSignal:
    """How much an answer reads as taken word for word from an English support script.

    Strong calques (لا تتردد في، الخاص بك، نحن سعداء...) count 0.3 each; softer literal turns
    (سوف يتم، قم ب، من قبل الفريق، ببساطة...), passives with يتم/تم, سوف, English punctuation and
    English words left in add smaller amounts; an MSA answer to a dialect question adds more
    when it is stiff (many formal markers, nothing colloquial). 0.3 is the flag threshold.
    """
    reasons: list[str] = []
    score = 0.0
    norm = normalize_for_matching(answer)
    padded = f" {norm} "
    words = norm.split()
    keys = set(words)
    calques = _found(_CALQUE_INDEX, keys & _CALQUE_KEYS, padded)
    if calques:
        score += min(0.6, 0.3 * len(calques))
        reasons.append(Msg("data.quality.calque", phrase=as_written(answer, CALQUES[calques[0]])))
    soft = _found(_SOFT_INDEX, keys & _SOFT_KEYS, padded)
    literal, turns = _literal_turns(words, keys)
    literal += 0.1 * len(soft)
    if literal:
        score += min(0.45, literal)
        if soft:
            reasons.append(Msg("data.quality.literal_phrase", phrase=as_written(answer, SOFT_CALQUES[soft[0]])))
        elif turns[0] == _SAWFA_PASSIVE:
            reasons.append(Msg("data.quality.literal_phrase", phrase=_SAWFA_PASSIVE))
        else:
            reasons.append(Msg("data.quality.literal_turn", turn=Msg(turns[0])))
    if ("," in answer or "?" in answer or ";" in answer) and _LATIN_PUNCT_IN_ARABIC.search(answer):
        score += 0.25
        reasons.append(Msg("data.quality.latin_punctuation"))
    latin = _HAS_LATIN.search(answer) is not None
    leftovers = [w for w in _LATIN_WORD.findall(answer) if w.lower() not in ALLOWED_LATIN] if latin else []
    if leftovers:
        score += min(0.45, 0.15 * len(leftovers))
        reasons.append(Msg("data.quality.english_words", words=" ".join(leftovers[:4])))
    if latin and _AL_LATIN.search(answer):
        score += 0.1
        reasons.append(Msg("data.quality.english_noun"))
    if question_dialect in _SPOKEN and score < 1:
        answer_d = dialect_of(answer)
        if answer_d.label == "msa" and answer_d.confidence >= 0.45:
            stiff = answer_d.scores["msa"] >= 3.5
            score += 0.35 if stiff else 0.2
            reasons.append(Msg("data.quality.msa_to_dialect", dialect=Msg(f"dialect.{question_dialect}")))
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
                   counts: dict[str, int] | None = None) -> tuple[dict[str, int], list[Msg]]:
    counts = Counter(counts) if counts is not None else Counter(i or "unlabelled" for i in intents)
    warnings = []
    labelled = {k: v for k, v in counts.items() if k != "unlabelled"}
    for intent, n in sorted(labelled.items()):
        if n < minimum:
            warnings.append(Msg("data.warning.intent_small", intent=intent, n=n, more=minimum - n))
    if counts.get("unlabelled"):  # not an intent: conversations that have none
        warnings.append(Msg("data.warning.unlabelled", n=counts["unlabelled"]))
    if len(labelled) >= 2:
        hi, lo = max(labelled.values()), min(labelled.values())
        if lo and hi / lo > max_ratio:
            warnings.append(Msg("data.warning.intent_ratio", ratio=round(hi / lo)))
    return dict(counts), warnings
