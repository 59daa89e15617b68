"""Notice a newer Rizhi upgrading the store's schema under the running instance.

A newer version's command line migrates the file when it first opens it (it backs the
file up and upgrades it in one transaction). This process's code was written for the
schema it knows (SCHEMA_HEAD); what it writes may no longer fit the new one. The watch
reads the file's revision whenever another connection committed (app/ui/commit_watch.py)
and says when it differs.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Signal

from app.store.db import Store
from app.store.migrate import read_revision
from app.store.schema import SCHEMA_HEAD
from app.ui.commit_watch import CommitWatch

POLL_MS = 1000


class SchemaWatch(CommitWatch):
    moved = Signal(str)  # the revision the file holds now ("" when it holds none)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(store, POLL_MS, parent)

    def committed(self, conn: sqlite3.Connection) -> None:
        revision = read_revision(conn)
        if revision != SCHEMA_HEAD:
            self.stop()  # said once; the instance restarts
            self.moved.emit(revision or "")
