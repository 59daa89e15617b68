"""Automatic backups while Rizhi runs: once the first frame is on screen, every
half hour after (a backup is taken when the newest is older than the `backups.every_hours`
setting and the data changed since; app/services/backups.py decides), and on quit.

A backup copies and checks the whole file (about 85 ms for 50,000 items), so while the
window runs it is taken on a `Worker` thread; on quit, when no window is left to keep
responsive, in the caller's thread. A failure never reaches the user as a traceback: the
window's status bar says what went wrong and what to do, and the log keeps it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.domain.errors import DomainError
from app.store.db import Store
from app.ui.first_paint import after_first_paint

if TYPE_CHECKING:
    from app.ui.worker import FailureWording, JobProgress, Worker

# Imported when the first backup is taken, after the first frame (app.ui.worker and the
# backup services): the window's start-up does not wait for them.

log = logging.getLogger(__name__)

LOOK_EVERY_MS = 30 * 60 * 1000  # looking is cheap (a folder listing); the setting decides


def failure_text(reason: str) -> str:
    return (
        f"The automatic backup failed: {reason} Your data was not changed. Run `rizhi check` "
        "to look at the database; `rizhi backups` lists the backups there are."
    )


def wording() -> FailureWording:
    from app.ui.worker import FailureWording

    return FailureWording(
        database=lambda exc: failure_text(f"the database said “{exc}”."),
        unexpected=lambda exc: failure_text(f"{type(exc).__name__}: {exc}."),
    )


class AutomaticBackup:
    """One automatic backup as a worker's job (it reads the settings on the worker's
    own store). With `look_first`, SQLite's `quick_check` of the live file comes first,
    whether a backup is due or not: on start, that is how damage inside pages, which the
    quick look before opening cannot see, is found without delaying the first frame."""

    def __init__(self, now: datetime, *, look_first: bool = False) -> None:
        self.now = now
        self.look_first = look_first

    def __call__(self, store: Store, progress: JobProgress) -> object:
        # Imported here, in the worker's thread: nothing of it is needed for the first frame.
        from app.services.backups import backup_if_due, backup_interval

        if self.look_first:
            from app.services.diagnosis import diagnose

            problem = diagnose(store.path, store.backups)
            if problem is not None:
                return Damaged(problem.message())
        return backup_if_due(store.path, store.backups, now=self.now, every=backup_interval(store))


class Damaged(NamedTuple):
    """The look before the backup found the live file damaged (no copy was made)."""

    message: str


class AutoBackups(QObject):
    """Takes the window's automatic backups; `report` shows a failure to the user and
    `damaged` (the report, unless told otherwise) damage found in the live file."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        report: Callable[[str], None],
        parent: QObject | None = None,
        *,
        damaged: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.report = report
        self.damaged = damaged or report
        self.worker: Worker | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.take_if_due)

    def start(self, window: QWidget | None) -> None:
        """Look at the file and back it up if due once the window's first frame is on
        screen (with no window, in the background, once the event loop runs), then take
        one when due every half hour."""
        if window is None:
            QTimer.singleShot(0, self, lambda: self.take_if_due(look_first=True))
        else:
            after_first_paint(window, lambda: self.take_if_due(look_first=True))
        self.timer.start()

    def take_if_due(self, *, look_first: bool = False) -> None:
        if self.worker is not None:
            return  # the last one is still copying
        from app.ui.worker import Worker

        job = AutomaticBackup(self.clock(), look_first=look_first)
        worker = Worker(self.store, job, wording=wording(), parent=self)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.ended.connect(self._ended)
        self.worker = worker
        worker.start()

    def _succeeded(self, worker: Worker, result: object) -> None:
        if isinstance(result, Damaged):
            log.warning("The live file is damaged: %s", result.message)
            self.damaged(result.message)
            return
        made = getattr(result, "path", None)
        if made is not None:
            log.info("Automatic backup: %s", made)

    def _failed(self, worker: Worker, message: str) -> None:
        # A DomainError's message (a damaged file, a copy refused) says what happened
        # and what to do; the worker's wording (`wording()`) frames the others.
        log.warning("Automatic backup failed: %s", message)
        self.report(message)

    def _ended(self, worker: Worker) -> None:
        worker.wait()  # `ended` is its last act; the thread is returning
        if worker is self.worker:
            self.worker = None
        worker.deleteLater()

    def at_quit(self) -> None:
        """The backup on quit, taken here and now: the process is about to end."""
        self.timer.stop()
        if self.worker is not None:
            self.worker.wait()  # the one under way finishes first
        from app.services.backups import backup_if_due, backup_interval

        try:
            every = backup_interval(self.store)
            result = backup_if_due(
                self.store.path, self.store.backups, now=self.clock(), every=every
            )
        except (DomainError, sqlite3.Error, OSError) as exc:
            log.warning("Automatic backup on quit failed: %s", exc)
            return
        if result.path is not None:
            log.info("Automatic backup on quit: %s", result.path)


def start_automatic_backups(
    window: QWidget | None,
    store: Store,
    clock: Callable[[], datetime],
    report: Callable[[str], None],
    *,
    damaged: Callable[[str], object] | None = None,
    parent: QObject | None = None,
) -> AutoBackups:
    """Backups from the window's first frame, or at once when Rizhi starts in the
    background with no window; owned by `parent`, else by the window."""
    backups = AutoBackups(store, clock, report, parent or window, damaged=damaged)
    backups.start(window)
    return backups
