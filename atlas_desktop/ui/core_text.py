"""The core's messages, shown in the ui's language.

The core speaks through codes (core/messages.py): an error, warning, reason or progress text
is a Msg, or its JSON form {"code", "params"} where it was stored, and :func:`localize`
renders it from the core's catalogue in the ui's language and digits. An AtlasError is
rendered with its hint.

Nothing here reads English sentences: a plain string is shown as it is. That is the text of
something outside the core's catalogue (a library's own words) or a message stored as
English by a version of Atlas before the codes (a training run's message); no regular
expression guesses at it, so a reworded message can never silently stay English.
"""

from __future__ import annotations

from typing import Any

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.core.messages import render
from atlas_desktop.ui.context import AppContext


def localize(text: Any, ctx: AppContext) -> str:
    """A Msg, its JSON form, an AtlasError or a plain string, in the ui's language."""
    if isinstance(text, AtlasError):
        text = text.full()
    return render(text, ctx.ws.settings.language, ctx.ws.settings.uses_arabic_digits())
