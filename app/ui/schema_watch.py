"""Notice a newer Rizhi upgrading the store's schema under the running instance.

A newer version's command line migrates the file when it first opens it (it backs the
file up and upgrades it in one transaction). This process's code was written for the
schema it knows (SCHEMA_HEAD); what it writes may no longer fit the new one. The watch
reads the file's revision whenever another connection committed (SQLite's
`data_version`, as app/ui/live.py polls it: microseconds) and says when it differs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.store import feed
from app.store.db import Store
from app.store.migrate import read_revision
from app.store.schema import SCHEMA_HEAD

POLL_MS = 1000


class SchemaWatch(QObject):
    moved = Signal(str)  # the revision the file holds now ("" when it holds none)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._version = feed.data_version(store.raw)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
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
        revision = read_revision(conn)
        if revision != SCHEMA_HEAD:
            self._timer.stop()  # said once; the instance restarts
            self.moved.emit(revision or "")
