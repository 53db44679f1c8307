"""Errors a user can act on.

An :class:`AtlasError` carries one message (a :class:`~atlas_desktop.core.messages.Msg`:
a stable code and its parameters) that names the file, line or field at fault and what
to do, and optionally a hint (also a Msg). ``str(exc)`` is the English; the CLI prints it
on one line (exit 2) in the chosen language and the ui shows it in a message box in its
language (:func:`error_message`); neither shows a traceback unless asked to.
"""

from __future__ import annotations

from typing import Any

from atlas_desktop.core.messages import Msg, joined, render


class AtlasError(Exception):
    """Bad input or an environment problem the user can fix."""

    exit_code = 2

    def __init__(self, message: Msg | str, *, hint: Msg | str | None = None) -> None:
        super().__init__(str(message))
        self.msg = message
        self.hint = hint

    @property
    def message(self) -> str:
        return str(self.msg)

    def full(self) -> Any:
        """The message and its hint as one Msg (or plain text where not yet a code)."""
        return joined(self.msg, self.hint)

    def render(self, lang: str = "en", arabic_digits: bool | None = None) -> str:
        return render(self.full(), lang, arabic_digits)

    def __str__(self) -> str:
        return self.render("en")


class StorageError(AtlasError):
    """The database or the data folder cannot be used as it is."""


class NotFoundError(AtlasError):
    """A named record does not exist."""


class ValidationError(AtlasError):
    """A value the user typed or a file they gave us is not valid."""
