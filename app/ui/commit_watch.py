"""Hearing that another connection committed to the store, at almost no cost.

SQLite's `data_version` moves only when another connection commits, so reading it on a
timer costs microseconds. A watch reads it every `interval_ms` and, when it moved, calls
`committed` with the connection to look at what changed (the feed for the window's live
updates, the schema revision for the instance's schema watch).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer

from app.store import feed
from app.store.db import Store


class CommitWatch(QObject):
    def __init__(self, store: Store, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._version = feed.data_version(store.raw)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

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
        self.committed(conn)

    def restart_from_here(self) -> None:
        """Count from the store's current connection (a new one after a restore: its
        `data_version` has nothing to do with the old one's)."""
        self._version = feed.data_version(self._store.raw)

    def committed(self, conn: sqlite3.Connection) -> None:
        raise NotImplementedError
