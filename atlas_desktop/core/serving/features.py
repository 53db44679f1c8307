"""What telemetry keeps of a request for request drift, computed by the data pipeline's own
detectors (never the text itself): the user turn's length in words, its Arabic and Latin shares
of letters, the dialect guess, and, given the drift model of the version in production
(core/serving/drift.py), the intent guess and the share of its words never seen in training."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from atlas_desktop.core.data import quality

if TYPE_CHECKING:
    from atlas_desktop.core.serving.drift import DriftModel

_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[A-Za-z]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def last_user_turn(messages: list[dict[str, Any]]) -> str:
    for m in reversed(messages):
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            return m["content"]
    return ""


def request_features(text: str, model: "DriftModel | None" = None) -> dict[str, Any]:
    """``words``, ``arabic_share``, ``latin_share``, ``dialect``; with ``model`` also ``intent``
    (its classifier's guess) and ``oov_share`` (words of letters not in its training vocabulary;
    left out for a text with no such word). Rows without the last two are still read by drift."""
    letters = sum(map(len, _LETTERS.findall(text)))
    latin = sum(map(len, _LATIN.findall(text)))
    guess = quality.dialect_of(text) if text.strip() else None
    out: dict[str, Any] = {"words": len(_WORD.findall(text)), "arabic_share": round(quality.arabic_share(text), 4),
                           "latin_share": round(latin / letters, 4) if letters else 0.0,
                           "dialect": guess.label if guess else "uncertain"}
    if model is not None:
        out.update(model.text_features(text))
    return out
