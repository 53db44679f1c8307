"""Arabic text helpers: direction, digits, normalization for matching.

Never store reshaped, reordered or normalized text: Qt shapes and applies the
bidi algorithm itself, and normalization is only for comparing and matching.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import lru_cache

from atlas_desktop.core.catalogue import CATALOGUE

DIALECTS = ("msa", "gulf", "egyptian", "levantine", "maghrebi")
DIALECT_NAMES = {
    "msa": ("Modern Standard Arabic", "الفصحى"),
    "gulf": ("Gulf", "الخليجية"),
    "egyptian": ("Egyptian", "المصرية"),
    "levantine": ("Levantine", "الشامية"),
    "maghrebi": ("Maghrebi", "المغاربية"),
}
# Short labels for charts and tables, with "uncertain" (the dialect detector's "no verdict"): the
# messages' own dialect names (dialect.gulf...), in English and Arabic.
DIALECT_LABELS = {d: (CATALOGUE[f"dialect.{d}"]["en"], CATALOGUE[f"dialect.{d}"]["ar"]) for d in (*DIALECTS, "uncertain")}

EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_TO_EASTERN = str.maketrans("0123456789", EASTERN_DIGITS)
_TO_LATIN = str.maketrans(EASTERN_DIGITS + PERSIAN_DIGITS, "0123456789" * 2)

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_MATCHING = {**_ALEF, **_TO_LATIN}  # one pass instead of two (the two tables touch different letters)


@lru_cache(maxsize=4096)
def _bidi_class(ch: str) -> str:
    return unicodedata.bidirectional(ch)


def dominant_direction(text: str) -> str:
    """'rtl', 'ltr' or 'neutral', from the count of strong characters.

    Unlike the first-strong rule, an Arabic answer that begins with "IBAN" is
    still right-to-left.
    """
    rtl = ltr = 0
    for ch in text:
        cls = _bidi_class(ch)
        if cls in ("R", "AL"):
            rtl += 1
        elif cls == "L":
            ltr += 1
    if rtl == ltr == 0:
        return "neutral"
    return "rtl" if rtl >= ltr else "ltr"


# Left-to-right override and pop: Qt lays Eastern Arabic digit groups out in order only under
# an override (an isolate, LRI/PDI, is not enough there); the runs wrapped hold no Arabic
# letters, so forcing them left to right cannot reorder anything else.
LRO, PDF = "\u202d", "\u202c"
# Phone numbers, IBANs, card and ID numbers: groups of Latin letters or digits (any script)
# joined by single spaces or dashes, at least one digit. In a right-to-left paragraph the
# bidi algorithm would lay such groups out right to left ("+966 55 273" -> "273 55 +966").
_LTR_RUN = re.compile(r"\+?[A-Za-z0-9\u0660-\u0669\u06f0-\u06f9]+(?:[ \-][A-Za-z0-9\u0660-\u0669\u06f0-\u06f9]+)+")


def isolate_ltr_runs(text: str) -> str:
    """For display only: force number-like runs (phones, IBANs, IDs) to read left to right."""
    def wrap(m: re.Match[str]) -> str:
        run = m.group(0)
        if not any(ch.isdigit() for ch in run) or dominant_direction(run) == "rtl":
            return run
        return f"{LRO}{run}{PDF}"

    return _LTR_RUN.sub(wrap, text)


def to_eastern_digits(text: str) -> str:
    return text.translate(_TO_EASTERN)


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def to_eastern_number(text: str) -> str:
    """A number written with Latin digits and separators (1,234.5) in Eastern Arabic ones (١٬٢٣٤٫٥)."""
    return to_eastern_digits(text).replace(",", "٬").replace(".", "٫")


def to_latin_number(text: str) -> str:
    """What a person typed in either digits (٠٫٠٠٠٢, ١٬٠٠٠) as a number Python reads (0.0002, 1000)."""
    return to_latin_digits(text).replace("٬", "").replace("٫", ".").replace("،", "").replace(",", "") if text else text


def format_number(value: int | float, arabic_digits: bool = False, places: int | None = None) -> str:
    """Group thousands; Eastern Arabic digits and separators when asked. A fraction keeps
    ``places`` decimals (2 unless given); with ``places`` a whole number keeps them too."""
    if places is not None:
        s = f"{value:,.{places}f}"
    elif isinstance(value, float) and not value.is_integer():
        s = f"{value:,.2f}"
    else:
        s = f"{int(value):,}"
    return to_eastern_number(s) if arabic_digits else s


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")


def format_date(when: datetime, language: str = "en", arabic_digits: bool = False) -> str:
    """'23 Nov 2026' or '٢٣ نوفمبر ٢٠٢٦': a month name keeps the date readable in either direction."""
    months = MONTHS_AR if language == "ar" else MONTHS_EN
    text = f"{when.day} {months[when.month - 1]} {when.year}"
    return to_eastern_digits(text) if arabic_digits else text


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_MATCHING).casefold()
    return " ".join(text.split())


@lru_cache(maxsize=131072)
def normalize_word(word: str) -> str:
    """normalize_for_matching for one word, cached: words repeat across a data set."""
    return _fold(word)


def normalize_for_matching(text: str) -> str:
    """Fold spelling variants so near-identical texts compare equal.

    Removes diacritics and tatweel, unifies alef / ya / ta-marbuta / hamza
    carriers, maps Eastern and Persian digits to ASCII, folds case and spaces.

    Word by word, through the cache: every step acts on characters within a word (what NFKC
    turns into spaces, such as an isolated diacritic's presentation form, is split again by
    the last step either way), so the result is the whole text's, and an import of 200,000
    conversations folds each distinct word once instead of every character of every message
    (``str.translate`` with a table looks each Arabic character up in a dict).
    """
    return " ".join(filter(None, map(normalize_word, text.split())))
