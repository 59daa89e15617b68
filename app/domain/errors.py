"""Typed errors raised below the UI. The CLI maps them to exit codes, the UI to dialogs."""

from __future__ import annotations


class DomainError(Exception):
    """Something the user asked for cannot be done; the message says why and what to do."""

    exit_code = 2


class InvalidInput(DomainError):
    """The user's input could not be understood. Nothing was saved."""


class CaptureError(InvalidInput):
    """Capture text could not be parsed; `words` are the words that could not be read."""

    def __init__(self, message: str, words: str = "") -> None:
        super().__init__(message)
        self.words = words


class NotFound(DomainError):
    exit_code = 1


class StoreError(DomainError):
    """The database file is unusable (corrupt, from a newer version, not a Rizhi file)."""
