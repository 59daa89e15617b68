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
    """Storage or the environment failed: the database file is unusable (damaged, from a
    newer version, not a Rizhi file, read-only), the data folder cannot be written, the
    file is locked past the busy timeout, the disk is full. Exit code 3."""

    exit_code = 3
