"""Notice changes made by other writers (the command line, another window, a background
job) while the window is open.

Another connection's commit is heard almost for free (app/ui/commit_watch.py); then the
change feed says what changed (app/store/feed.py). The window's own records are skipped:
its views heard of those when they were made.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Signal

from app.store import feed
from app.store.db import Store
from app.ui.commit_watch import CommitWatch

POLL_MS = 400


class LiveUpdates(CommitWatch):
    changed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        # data_version first (the watch reads it): a commit between the two reads is
        # then heard at the first poll, never lost.
        super().__init__(store, POLL_MS, parent)
        start = feed.latest(store.raw)
        self._seq, self._mark = start.last_seq, start.last_mark

    def resync(self) -> None:
        """Follow the feed from where it stands now, on the store's current connection:
        after this window replaced the file (a restore), what the restore wrote is known
        already."""
        self.restart_from_here()
        start = feed.latest(self._store.raw)
        self._seq, self._mark = start.last_seq, start.last_mark

    def committed(self, conn: sqlite3.Connection) -> None:
        read = feed.since(conn, self._seq, skip_origin=self._store.origin, mark=self._mark)
        self._seq, self._mark, changes = read.last_seq, read.last_mark, read.changes
        if not changes.empty:
            self.changed.emit(changes)
