"""The review rubric and the pane's words and keys, in one place.

Each metric is rated 1–5; a short word sits beside each number on its button, and the full
sentence shows in the page's rubric line for the cell being rated (and as the button's tooltip).
The words are marked here (N_) and translated where they are shown (tr). The ui has one translation
context: a word here must not be one another page already uses in another sense ("exact" copies).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from atlas_desktop.core.evaluation.types import METRIC_NAMES
from atlas_desktop.ui.i18n import N_

SIDES = ("A", "B")
SIDE_LETTERS = {"A": N_("A"), "B": N_("B")}  # أ and ب in Arabic, as the core's messages name them
SCORES = (1, 2, 3, 4, 5)

METRIC_LABELS = {"format": N_("Format"), "faithfulness": N_("Faithfulness"), "task_success": N_("Task success")}

# metric -> score -> (the word on the button, the sentence that says what the score means)
RUBRIC: dict[str, dict[int, tuple[str, str]]] = {
    "format": {
        1: (N_("broken"), N_("Not Arabic, or broken text")),
        2: (N_("poor"), N_("Arabic with many slips: mixed scripts, garbled or cut short")),
        3: (N_("usable"), N_("Readable Arabic with some slips of form")),
        4: (N_("good"), N_("Good Arabic; a small slip of length or punctuation")),
        5: (N_("clean"), N_("Clean Arabic, the right length and punctuation")),
    },
    "faithfulness": {
        1: (N_("invented"), N_("Contradicts the reference or makes facts up")),
        2: (N_("wrong"), N_("Several facts wrong or missing")),
        3: (N_("partial"), N_("Right in the main; a detail wrong or missing")),
        4: (N_("faithful"), N_("Faithful; one minor omission")),
        5: (N_("accurate"), N_("Every fact agrees with the reference and the bank's policy")),
    },
    "task_success": {
        1: (N_("fails"), N_("Does not help: off the subject, or refuses wrongly")),
        2: (N_("barely"), N_("Touches the request but leaves the customer stuck")),
        3: (N_("partly"), N_("Helps in part; the customer has to ask again")),
        4: (N_("mostly"), N_("Solves the request, with a small gap")),
        5: (N_("solved"), N_("Solves the request completely")),
    },
}
assert tuple(RUBRIC) == METRIC_NAMES and tuple(METRIC_LABELS) == METRIC_NAMES

VERDICT_LABELS = {"A": N_("A better"), "B": N_("B better"), "tie": N_("Tie"), "both_bad": N_("Both bad")}
STATUS_LABELS = {"truncated": N_("Truncated: the answer reached the length limit"), "empty": N_("Empty answer")}

# ------------------------------------------------------------------ keys
# Letter keys by the character they type: on an English layout and on the standard Arabic (101)
# layout, whose same physical keys give ش (A), لا (B: one key, two letters), ف (T), ء (X), ع (U), ه (I).
LETTER_ACTIONS: dict[str, str] = {
    "a": "verdict:A", "ش": "verdict:A",
    "b": "verdict:B", "لا": "verdict:B", "\ufefb": "verdict:B", "\ufefc": "verdict:B", "ل": "verdict:B",
    "t": "verdict:tie", "ف": "verdict:tie",
    "x": "verdict:both_bad", "ء": "verdict:both_bad",
    "u": "flag:unsafe", "ع": "flag:unsafe",
    "i": "flag:inconsistent", "ه": "flag:inconsistent",
}
# The B key of the Arabic layout types two letters, ل then ا, where a platform sends them as two
# events: the ل counts as B (G, the key that types ل alone, means nothing here) and the ا is ignored.
DIGITS = {**{str(n): n for n in SCORES}, **{chr(0x0660 + n): n for n in SCORES}, **{chr(0x06F0 + n): n for n in SCORES}}
_DIGIT_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_5: 5}
_NAV = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down",
        Qt.Key.Key_PageUp: "previous", Qt.Key.Key_PageDown: "next"}
_CTRL = Qt.KeyboardModifier.ControlModifier
_PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def key_action(event: QKeyEvent) -> str:
    """What a key press means in the review pane ("" when nothing): "score:3", "left", "right",
    "up", "down", "verdict:A", "flag:unsafe", "save_next", "previous", "next", "zoom:+1", "zoom:-1", "escape"."""
    key, mods, text = event.key(), event.modifiers(), event.text()
    if mods & (_CTRL | Qt.KeyboardModifier.MetaModifier):
        if not mods & Qt.KeyboardModifier.AltModifier:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return "save_next"
            if key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
                return "zoom:+1"
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                return "zoom:-1"
        return ""
    if mods & Qt.KeyboardModifier.AltModifier:
        return ""
    if key == Qt.Key.Key_Escape:
        return "escape"
    if key in _NAV:
        return _NAV[key]
    if mods & ~_PLAIN:
        return ""
    if key in _DIGIT_KEYS and not mods & Qt.KeyboardModifier.ShiftModifier:
        return f"score:{_DIGIT_KEYS[key]}"
    if text in DIGITS:
        return f"score:{DIGITS[text]}"
    action = LETTER_ACTIONS.get(text.lower())
    if action:
        return action
    if sys.platform == "win32" and 0x41 <= event.nativeVirtualKey() <= 0x5A:  # Windows: the physical key, whatever the layout
        return LETTER_ACTIONS.get(chr(event.nativeVirtualKey()).lower(), "")
    return ""
