"""Errors a user can act on.

An :class:`AtlasError` carries one plain sentence that names the file, line or
field at fault and what to do. The CLI prints it on one line (exit 2) and the
ui shows it in a message box; neither shows a traceback unless asked to.
"""

from __future__ import annotations


class AtlasError(Exception):
    """Bad input or an environment problem the user can fix."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"


class StorageError(AtlasError):
    """The database or the data folder cannot be used as it is."""


class NotFoundError(AtlasError):
    """A named record does not exist."""


class ValidationError(AtlasError):
    """A value the user typed or a file they gave us is not valid."""
