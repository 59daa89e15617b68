"""Work on the data that would freeze the window, run in a thread of its own.

A `Worker` runs one *job*, a function `job(store, progress) -> result`, off the GUI
thread, and tells the window how it went through signals (whose slots, methods of objects
of the GUI thread, run queued there):

* The job gets a `Store` of its own, opened in the worker's thread on the window's file:
  a SQLite connection must stay on the thread that made it.
* `progress(done, total)` reports how far the job is. It is also how a job is stopped:
  once `cancel()` was asked, the next report raises `Cancelled` inside the job, so a job
  that writes in one transaction (and reports from inside it) is rolled back and leaves
  the data as it was. `progress.check()` stops it the same way at a step with nothing to
  count.
* Every job ends with exactly one of `succeeded`, `failed` or `cancelled`, then `ended`.
  A failure never reaches the user as a traceback: a `DomainError` gives its own message
  (it says what went wrong and what to do), a database error and anything unexpected a
  message from the worker's `FailureWording`; the unexpected is logged with its
  traceback for the log file.

Nothing here knows what a job does; the journal import is one (app/ui/log/import_job.py).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from PySide6.QtCore import QObject, QThread, Signal

from app.domain.errors import DomainError
from app.store.db import Store

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Exception)


class Cancelled(Exception):
    """Raised inside a job by its progress report once it was cancelled: any transaction
    it is in rolls back."""


class JobProgress:
    """What a job calls to say how far it is; it raises `Cancelled` once cancelled."""

    def __init__(self, report: Callable[[int, int], None], stop: threading.Event) -> None:
        self._report = report
        self._stop = stop

    def __call__(self, done: int, total: int) -> None:
        self._report(done, total)
        self.check()

    def check(self) -> None:
        """Raise `Cancelled` if the job was cancelled (for steps with nothing to count)."""
        if self._stop.is_set():
            raise Cancelled


Job = Callable[[Store, JobProgress], object]


def database_text(exc: sqlite3.Error) -> str:
    return (
        f"The database said “{exc}”, so nothing was saved and your data is as it was. "
        "Close other programs using Rizhi's data, check that the disk has room, and try again."
    )


def unexpected_text(exc: Exception) -> str:
    return (
        f"The work stopped on an unexpected error ({type(exc).__name__}: {exc}). Nothing "
        "was saved and your data is as it was; the details are in the log file."
    )


class FailureWording(NamedTuple):
    """How a job's failures are told, for errors that carry no message meant for people
    (a `DomainError`'s own message is shown as it is)."""

    database: Callable[[sqlite3.Error], str] = database_text
    unexpected: Callable[[Exception], str] = unexpected_text


class Worker(QThread):
    """Runs one job on a `Store` of its own; see the module's docstring."""

    # The worker comes first in each signal but `progressed`: a window that starts
    # several tells a stale result from the current one by it.
    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object, object)  # the worker, the job's result
    failed = Signal(object, str)  # the worker, what went wrong and what to do
    cancelled = Signal(object)  # the worker
    ended = Signal(object)  # the worker, last of all, after one of the three above

    def __init__(
        self,
        store: Store,
        job: Job,
        *,
        wording: FailureWording | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database, self.backups = store.path, store.backups
        self.job = job
        self.wording = wording or FailureWording()
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Stop the job at its next progress report; what it wrote is rolled back."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        store = Store(self.database, self.backups, role="background")  # made in this thread
        try:
            result = self.job(store, JobProgress(self.progressed.emit, self._stop))
        except Cancelled:
            self.cancelled.emit(self)
        except DomainError as exc:
            self.failed.emit(self, str(exc))
        except sqlite3.Error as exc:
            self.failed.emit(self, self._told(self.wording.database, exc))
        except Exception as exc:  # an error in a thread would otherwise vanish silently
            log.exception("A background job failed: %r", self.job)
            self.failed.emit(self, self._told(self.wording.unexpected, exc))
        else:
            self.succeeded.emit(self, result)
        finally:
            store.close()
            self.ended.emit(self)

    @staticmethod
    def _told(words: Callable[[E], str], exc: E) -> str:
        """The wording's message, or the plain one if the wording itself fails."""
        try:
            return words(exc)
        except Exception:
            log.exception("Wording a failure failed")
            return unexpected_text(exc)
