"""Messages for people as codes with parameters, rendered in English or Arabic.

The core never composes a sentence for a person itself: an error, warning or
progress text is a :class:`Msg` (a stable code such as
``data.duplicates.dominant_cluster`` and its parameters), and the ui and the CLI
render it in the user's language from :data:`CATALOGUE` (core/catalogue.py), as
Anki's backend does with its translatable strings. ``str(msg)`` is the English.

Where a message is stored as JSON (dataset stats, draft meta, a run's message,
a child's events) it is ``{"code": ..., "params": {...}}``; :func:`render`
accepts that form, a :class:`Msg`, or a plain string (shown as it is).
"""

from __future__ import annotations

import json
import re
import string
from typing import Any

from atlas_desktop.core.arabic import to_eastern_number
from atlas_desktop.core.catalogue import CATALOGUE
from atlas_desktop.core.plurals import counted

LANGS = ("en", "ar")


class Msg:
    """A stable code and its parameters; immutable. Parameters may themselves be messages."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: Any) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"unknown message code {code!r}")
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Msg is immutable")

    def __str__(self) -> str:
        return render(self, "en")

    def __repr__(self) -> str:
        return f"Msg({self.code!r}, {', '.join(f'{k}={v!r}' for k, v in self.params.items())})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash(self.code)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable (to worker processes and back) despite being immutable
        return (_rebuild, (self.code, self.params))

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: to_json(v) for k, v in self.params.items()}}


def _rebuild(code: str, params: dict[str, Any]) -> Msg:
    return Msg(code, **params)


def to_json(value: Any) -> Any:
    """A Msg as its JSON dict (recursively, also inside lists); anything else as it is."""
    if isinstance(value, Msg):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def from_json(value: Any) -> Any:
    """The inverse of :func:`to_json`: {"code", "params"} dicts with a known code become Msg objects."""
    if is_message_dict(value):
        return Msg(value["code"], **{k: from_json(v) for k, v in (value.get("params") or {}).items()})
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value


def is_message_dict(value: Any) -> bool:
    return isinstance(value, dict) and set(value) <= {"code", "params"} and value.get("code") in CATALOGUE


def dumps(message: Any) -> str:
    """A message as the text stored in a TEXT column: a Msg as its JSON form, a plain string as it is."""
    if isinstance(message, Msg):
        return json.dumps(message.to_json(), ensure_ascii=False)
    return "" if message is None else str(message)


def loads(text: Any) -> Any:
    """The inverse of :func:`dumps`: stored JSON of a message is a Msg again; any other text
    (written before messages were codes) comes back as it is, and renders as written."""
    if isinstance(text, str) and text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if is_message_dict(value):
            return from_json(value)
    return text


def joined(*parts: Any) -> Any:
    """Several messages (or texts) shown one after the other, separated by a space."""
    parts = tuple(p for p in parts if p)
    if len(parts) == 1:
        return parts[0]
    return Msg("text.joined", parts=list(parts))


_LATIN = re.compile(r"[A-Za-z]")


def listing(items: list[str], lang: str) -> str:
    """Items one after the other, with the language's comma ("، " in Arabic)."""
    return ("، " if lang == "ar" else ", ").join(items)


class _Formatter(string.Formatter):
    def __init__(self, lang: str, arabic_digits: bool) -> None:
        self.lang, self.arabic_digits = lang, arabic_digits

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, (Msg, dict)) and (isinstance(value, Msg) or is_message_dict(value)):
            return render(value, self.lang, self.arabic_digits)
        if isinstance(value, (list, tuple)):
            if format_spec == "sentences":
                return " ".join(render(v, self.lang, self.arabic_digits) for v in value)
            return listing([render(v, self.lang, self.arabic_digits) if isinstance(v, (Msg, dict)) else str(v) for v in value], self.lang)
        if format_spec == "sentences":
            return str(value)
        if format_spec.startswith("count:"):  # {n:count:answer}: the number with its noun, as the language counts
            return counted(value, format_spec[6:], self.lang, self.arabic_digits)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            text = super().format_field(value, format_spec)
            if self.lang == "ar" and _LATIN.search(text):
                # a file name, an address or a system's own English inside an Arabic sentence: isolated
                # (FSI ... PDI), so its brackets and punctuation keep their order and the sentence's
                return "\u2068" + text + "\u2069"
            return text
        text = super().format_field(value, format_spec)
        return to_eastern_number(text) if self.lang == "ar" and self.arabic_digits else text


def render(message: Any, lang: str = "en", arabic_digits: bool | None = None) -> str:
    """The text of a Msg, a {"code", "params"} dict, or a plain string, in ``lang``.

    Numbers in the parameters take Eastern Arabic digits (and the template's % the Arabic ٪)
    in Arabic unless ``arabic_digits`` is False.
    """
    if isinstance(message, dict) and is_message_dict(message):
        code, params = message["code"], message.get("params") or {}
    elif isinstance(message, Msg):
        code, params = message.code, message.params
    else:
        return "" if message is None else str(message)
    lang = lang if lang in LANGS else "en"
    digits = (lang == "ar") if arabic_digits is None else arabic_digits
    template = CATALOGUE[code][lang]
    if lang == "ar" and digits:
        template = template.replace("%", "٪")
    return _Formatter(lang, digits).vformat(template, (), params)
