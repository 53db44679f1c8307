"""The ui's words for the core's codes (dialects, redaction kinds, detectors) and its
counted nouns, in one place for every page, table and chart.

A count reads as each language counts (core/plurals.py): English "1 conversation",
"2 conversations"; Arabic by its plural rules: محادثة واحدة، محادثتان، ٣ محادثات، ١١ محادثة.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from atlas_desktop.core.arabic import DIALECT_LABELS
from atlas_desktop.core.messages import listing as join_items
from atlas_desktop.core.plurals import counted
from atlas_desktop.ui.i18n import N_, tr

if TYPE_CHECKING:
    from atlas_desktop.ui.context import AppContext

# The sensitive values redaction finds (core/data/redact.KINDS).
KIND_NAMES = {
    "NAME": N_("person's name"), "NATIONAL_ID": N_("national ID"), "EMIRATES_ID": N_("Emirates ID"), "IBAN": N_("IBAN"),
    "CARD": N_("card number"), "PHONE": N_("phone number"), "EMAIL": N_("email address"),
}

# How redaction found a value (core/data/redact.py's detector ids); a trailing region code is kept.
DETECTOR_NAMES = {
    "email-pattern": N_("email pattern"), "iban-mod97": N_("IBAN check digits"), "emirates-id-luhn": N_("Emirates ID check digit"),
    "emirates-id-format": N_("Emirates ID format"), "card-luhn": N_("card check digit (Luhn)"),
    "saudi-id-check-digit": N_("Saudi ID check digit"), "saudi-id-context": N_("ID number, from the words around it"),
    "phonenumbers-possible": N_("possible phone number"), "phonenumbers": N_("phone number of a known region"), "name-rules": N_("name rules"),
}


def detector_name(detector: str) -> str:
    """'iban-mod97-SA' -> "IBAN check digits (SA)"; an unknown id as it is."""
    if detector in DETECTOR_NAMES:
        return tr(DETECTOR_NAMES[detector])
    head, _, region = detector.rpartition("-")
    return f"{tr(DETECTOR_NAMES[head])} ({region})" if head in DETECTOR_NAMES else detector


def intent_name(intent: str) -> str:
    """An intent as the project named it; the core's "unlabelled" (no intent given) in words."""
    return tr("no intent") if intent == "unlabelled" else intent


def kind_name(kind: str) -> str:
    return tr(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def dialect_name(code: str, language: str) -> str:
    en, ar = DIALECT_LABELS.get(code, (code, code))
    return ar if language == "ar" else en


def count(ctx: "AppContext", n: int, noun: str) -> str:
    """``n`` and its noun in the ui's language: "3 conversations", "٣ محادثات", "محادثتان"."""
    return counted(n, noun, ctx.settings.language, ctx.settings.uses_arabic_digits())


def listing(ctx: "AppContext", items: list[str]) -> str:
    """Items one after the other, with the ui language's comma (core/messages.listing)."""
    return join_items(items, ctx.settings.language)
