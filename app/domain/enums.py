"""Closed vocabularies of the domain. Values are what the database and JSON store."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class ItemKind(StrEnum):
    TASK = "task"
    IDEA = "idea"
    PAPER = "paper"
    EXPERIMENT = "experiment"
    NOTE = "note"


class Priority(IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Horizon(StrEnum):
    """How far away an item is; `WEEK` means it belongs to the current board."""

    WEEK = "week"
    SHORT = "short"
    LONG = "long"
    SOMEDAY = "someday"


class Column(StrEnum):
    TODO = "todo"
    ACTIVE = "active"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"todo": "To do", "active": "Active", "done": "Completed"}[self.value]


class EntrySource(StrEnum):
    """Who wrote a daily-log entry."""

    USER = "user"
    AUTO = "auto"
    IMPORT = "import"


MAX_READING_PASS = 3
