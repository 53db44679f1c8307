"""The core's messages, shown in the ui's language.

The core speaks through codes (core/messages.py): an error, warning or progress text is a
Msg, or its JSON form {"code", "params"} where it was stored, and :func:`localize` renders
it from the core's catalogue in the ui's language and digits. An AtlasError is rendered
with its hint.

Texts the core still writes as English sentences (those not yet converted to codes, and
ones stored before the codes) are recognized by their shape below and rendered from a
translated template; a sentence with no known shape is shown as it is.
"""

from __future__ import annotations

import re
from typing import Any

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.messages import Msg, is_message_dict, render
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import N_, tr

SHAPES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), t) for p, t in [
    (r'"messages" is not a list of messages', N_('"messages" is not a list of messages')),
    (r"the conversation has no messages", N_("the conversation has no messages")),
    (r"message (?P<i>\d+) is not an object", N_("message {i} is not an object")),
    (r"message (?P<i>\d+) has the unknown role (?P<role>.+); use system, user or assistant", N_("message {i} has the unknown role {role}; use system, user or assistant")),
    (r"message (?P<i>\d+) \((?P<role>\w+)\) has no text content", N_("message {i} ({role}) has no text content")),
    (r"message (?P<i>\d+) is a system message after the conversation started", N_("message {i} is a system message after the conversation started")),
    (r"the conversation has no user turn", N_("the conversation has no user turn")),
    (r"no user turn is followed by an assistant answer", N_("no user turn is followed by an assistant answer")),
    (r"message (?P<i>\d+) is an empty assistant answer", N_("message {i} is an empty assistant answer")),
    (r"not valid JSON \((?P<detail>.+)\)", N_("not valid JSON ({detail})")),
    (r"the record is not a JSON object", N_("the record is not a JSON object")),
    (r"no messages, conversations or instruction/output fields", N_("no messages, conversations or instruction/output fields")),
    (r"The background process was killed \(SIGKILL\)\. If nobody stopped it, the system may have run out of memory\.",
     N_("The background process was killed. If nobody stopped it, the system may have run out of memory.")),
    (r"calque: (?P<phrase>.+)", N_("calque: {phrase}")),
    (r"Latin punctuation inside Arabic text", N_("Latin punctuation inside Arabic text")),
    (r"English words left in: (?P<words>.+)", N_("English words left in: {words}")),
    (r"an MSA answer to a (?P<dialect>\w+) question", N_("an MSA answer to a {dialect} question")),
    (r"'train\.learning_rate' is (?P<lr>\S+), which is almost certainly wrong for LoRA: typical values are 1e-4 to 2e-4, and at \S+ "
     r"training diverges \(the loss explodes or becomes NaN\)\. Change it .*",
     N_("The learning rate ({lr}) is almost certainly wrong for LoRA: typical values are 1e-4 to 2e-4, and at this value training diverges. Change it (for example to 2e-4), or tick “I really mean this learning rate”.")),
    (r"'train\.learning_rate' is (?P<lr>\S+), which is almost certainly wrong for LoRA: typical values are 1e-4 to 2e-4, and at \S+ "
     r"the adapter barely changes\. Change it .*",
     N_("The learning rate ({lr}) is almost certainly too low for LoRA: typical values are 1e-4 to 2e-4, and at this value the adapter barely changes. Change it, or tick “I really mean this learning rate”.")),
    (r"'model' is '(?P<model>.+)', which is not a registered base model \(registered: (?P<names>.+)\)\.",
     N_("The base model {model} is not registered (registered: {names}).")),
    (r"(?P<n>\d+) conversation\(s\) were longer than max_seq_length \((?P<k>\d+) tokens\) and were truncated\.",
     N_("{n} conversations were longer than the maximum sequence length ({k} tokens) and were truncated.")),
    (r"(?P<n>\d+) conversation\(s\) had no answer within max_seq_length \((?P<k>\d+) tokens\) and were left out\.",
     N_("{n} conversations had no answer within the maximum sequence length ({k} tokens) and were left out.")),
    (r"Finished; registered as (?P<model>.+)\.", N_("Finished; registered as {model}.")),
    (r"Paused at step (?P<s>\d+); resume it to go on\.", N_("Paused at step {s}; resume it to go on.")),
    (r"Cancelled at step (?P<s>\d+); resume it to go on\.", N_("Cancelled at step {s}; resume it to go on.")),
    (r"The training process stopped unexpectedly; resume it from its last checkpoint\.",
     N_("The training process stopped unexpectedly; resume it from its last checkpoint.")),
    (r"The loss became (?P<what>NaN|infinite) at step (?P<s>\d+): .*",
     N_("The loss became {what} at step {s}: the learning rate is probably too high for LoRA (typical values 1e-4 to 2e-4). Lower it and start again.")),
    (r"The recipe does not fit in .*memory even one row at a time.*",
     N_("The recipe does not fit in memory even one row at a time. Lower the maximum sequence length, use fewer target modules or a smaller LoRA rank, or choose a smaller base model.")),
    (r"The background process was killed \(SIGKILL\)\..* Resume it from the checkpoint at step (?P<s>\d+)\.",
     N_("The training process was killed (perhaps the system ran out of memory). Resume it from the checkpoint at step {s}.")),
]]


def localize(text: Any, ctx: AppContext) -> str:
    """A Msg, its JSON form, an AtlasError or a plain string, in the ui's language."""
    if isinstance(text, AtlasError):
        text = text.full()
    if isinstance(text, Msg) or is_message_dict(text):
        return render(text, ctx.ws.settings.language, ctx.ws.settings.uses_arabic_digits())
    text = "" if text is None else str(text)
    for pattern, template in SHAPES:
        m = pattern.fullmatch(text)
        if m:
            values = {k: ctx.num(int(v.replace(",", ""))) if v.replace(",", "").isdigit() else v for k, v in m.groupdict().items()}
            return tr(template).format(**values)
    return text
