"""Hearing every commit that may move the next reminder, whoever made it.

A connection's `data_version` does not move for its own commits, so the scheduler
watches the store on a connection of its own: then the window's writes, the command
line's (`rizhi remind` while the app runs) and another instance's are all heard, read
from the change feed (app/store/feed.py) and, when they touch reminders, items, units or
settings, passed on. The scheduler's own claims are skipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.domain.changes import Changes
from app.store import feed
from app.store.db import Store
from app.ui.commit_watch import CommitWatch

# Often enough that a reminder set on the command line for now fires within a second;
# a poll reads one pragma (microseconds).
WATCH_MS = 250


def moves_reminders(changes: Changes) -> bool:
    """Whether a change may move the next reminder or a built-in one: reminders set or
    snoozed, items completed, deleted or given another due time, units or settings, the
    focus timer."""
    return bool(
        changes.reminders
        or changes.items
        or changes.units
        or changes.settings
        or changes.time  # a focus timer started: its Pomodoro phase ends
        or changes.everything
    )


class ReminderWatch(CommitWatch):
    def __init__(
        self,
        store: Store,
        on_change: Callable[[], None],
        *,
        skip_origin: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(store, WATCH_MS, parent)
        start = feed.latest(store.raw)
        self._seq, self._mark = start.last_seq, start.last_mark
        self._on_change = on_change
        self._skip = skip_origin

    def committed(self, conn: sqlite3.Connection) -> None:
        read = feed.since(conn, self._seq, skip_origin=self._skip, mark=self._mark)
        self._seq, self._mark = read.last_seq, read.last_mark
        if moves_reminders(read.changes):
            self._on_change()
