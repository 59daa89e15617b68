"""A second process on the same data folder, for the two-process tests.

    python -m tests.ui.feed_peer edit ITEM TITLE   rename through Operations, as a window
    python -m tests.ui.feed_peer watch ITEM TITLE  wait until the item shows that title

Each prints what it did with the system's monotonic clock (shared by every process on
the machine), so the test can tell how long a change took to reach the other side:
`committed <t>` after the edit's commit, `ready` once watching, then `seen <t>`.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from app.domain.entities import ItemPatch
from app.services.item_edits import edit_item
from app.services.items import get_item
from app.store.db import Store
from app.ui.live import LiveUpdates
from app.ui.ops import Operations

GIVE_UP_MS = 10_000


def open_store(role: str) -> Store:
    home = os.environ["RIZHI_HOME"]
    return Store.open(os.path.join(home, "rizhi.sqlite3"), os.path.join(home, "backups"), role=role)


def edit(item: int, title: str) -> int:
    store = open_store("window")
    ops = Operations(store)
    patch = ItemPatch(title=title)
    if not ops.run("Rename", lambda now: edit_item(store, item, patch, now=now)[1]):
        return 1
    print(f"committed {time.monotonic()}", flush=True)
    return 0


def watch(app: QGuiApplication, item: int, title: str) -> int:
    store = open_store("window")
    live = LiveUpdates(store)

    def check(_changes: object = None) -> None:
        if get_item(store, item).title == title:
            print(f"seen {time.monotonic()}", flush=True)
            app.exit(0)

    live.changed.connect(check)
    live.start()
    QTimer.singleShot(GIVE_UP_MS, lambda: app.exit(2))
    print("ready", flush=True)
    return app.exec()


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    mode, item, title = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    return edit(item, title) if mode == "edit" else watch(app, item, title)


if __name__ == "__main__":
    sys.exit(main())
