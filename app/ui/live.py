"""Notice changes made by other writers (the command line, another window, a background
job) while the window is open.

SQLite's `data_version` moves only when another connection commits, so polling it is
nearly free; when it moves, the change feed says what changed (app/store/feed.py). The
window's own records are skipped: its views heard of those when they were made.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.store import feed
from app.store.db import Store

POLL_MS = 400


class LiveUpdates(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        # data_version first: a commit between the two reads is then heard at the first
        # poll, never lost.
        self._version = feed.data_version(store.raw)
        start = feed.latest(store.raw)
        self._seq, self._mark = start.last_seq, start.last_mark
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def resync(self) -> None:
        """Follow the feed from where it stands now, on the store's current connection:
        after this window replaced the file (a restore), what the restore wrote is known
        already, and a new connection's `data_version` has nothing to do with the old."""
        self._version = feed.data_version(self._store.raw)
        start = feed.latest(self._store.raw)
        self._seq, self._mark = start.last_seq, start.last_mark

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        conn = self._store.raw
        version = feed.data_version(conn)
        if version == self._version:
            return
        self._version = version
        read = feed.since(conn, self._seq, skip_origin=self._store.origin, mark=self._mark)
        self._seq, self._mark, changes = read.last_seq, read.last_mark, read.changes
        if not changes.empty:
            self.changed.emit(changes)
