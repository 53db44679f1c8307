"""What telemetry keeps of a request for request drift, computed by the data pipeline's own
detectors (never the text itself): the user turn's length in words, its Arabic and Latin shares
of letters, the dialect guess, and (``intent``, set by the drift model) the intent guess."""

from __future__ import annotations

import re
from typing import Any

from atlas_desktop.core.data import quality

_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[A-Za-z]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def last_user_turn(messages: list[dict[str, Any]]) -> str:
    for m in reversed(messages):
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            return m["content"]
    return ""


def request_features(text: str) -> dict[str, Any]:
    letters = sum(map(len, _LETTERS.findall(text)))
    latin = sum(map(len, _LATIN.findall(text)))
    guess = quality.dialect_of(text) if text.strip() else None
    return {"words": len(_WORD.findall(text)), "arabic_share": round(quality.arabic_share(text), 4),
            "latin_share": round(latin / letters, 4) if letters else 0.0,
            "dialect": guess.label if guess else "uncertain"}
