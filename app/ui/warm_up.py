"""Loading the write path before the first write asks for it.

The window paints its first frame without the ORM and the services that move cards and
blocks (start-up is measured against a bare Qt window), so the first drag and drop of a
session would import them: about 300 ms in which the dropped card hangs. Once the window
shows, a thread loads them, as the reminder machinery loads its own; imports on another
thread are safe (each module has its lock) and leave the event loop running.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence
from typing import Final

log = logging.getLogger(__name__)

# What the first drop on the board or the day planner, and the first edit, import.
WRITE_PATH: Final = (
    "sqlalchemy.orm",
    "app.store.models",
    "app.services.board",
    "app.services.time_blocks",
    "app.services.item_edit_plan",
)


def warm_up(modules: Sequence[str] = WRITE_PATH) -> threading.Thread:
    """Import `modules` on a thread of their own; the thread, started."""

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # the write that needs it imports it again and reports it
                log.exception("could not load %s ahead of its first use", name)

    thread = threading.Thread(target=load, name="rizhi-warm-up", daemon=True)
    thread.start()
    return thread
