"""The background worker: a job on a store of its own in another thread, its progress,
its result, its failures told in words (never a traceback), and Cancel rolling back."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import InvalidInput
from app.store.db import Store
from app.ui.worker import FailureWording, JobProgress, Worker

WAIT_MS = 10_000
LINES = 10  # rows a job writes per step


class Ran:
    """What a worker told, in order, and what its job saw."""

    def __init__(self, worker: Worker) -> None:
        self.events: list[tuple[object, ...]] = []
        self.thread = 0
        self.store: Store | None = None
        worker.progressed.connect(lambda done, total: self.events.append(("progressed", done)))
        worker.succeeded.connect(lambda w, result: self.events.append(("succeeded", w, result)))
        worker.failed.connect(lambda w, message: self.events.append(("failed", w, message)))
        worker.cancelled.connect(lambda w: self.events.append(("cancelled", w)))
        worker.ended.connect(lambda w: self.events.append(("ended", w)))

    def names(self) -> list[object]:
        return [event[0] for event in self.events]

    def seen(self, store: Store) -> None:
        self.thread = threading.get_ident()
        self.store = store


def notes(store: Store) -> int:
    return int(store.raw.execute("SELECT COUNT(*) FROM journal_notes").fetchone()[0])


def write_notes(conn: sqlite3.Connection, first: int) -> None:
    conn.executemany(
        "INSERT INTO journal_notes (uid, title, body, meta, source, created_at)"
        " VALUES (?, ?, '', '{}', 'test', '2026-11-20T02:00:00.000000Z')",
        [(f"uid-{n}", f"note {n}") for n in range(first, first + LINES)],
    )


def run_until_ended(qtbot: QtBot, worker: Worker) -> None:
    with qtbot.waitSignal(worker.ended, timeout=WAIT_MS):
        worker.start()
    qtbot.waitUntil(worker.isFinished, timeout=WAIT_MS)


def test_a_job_runs_in_its_own_thread_on_its_own_store(qtbot: QtBot, store: Store) -> None:
    def job(own: Store, progress: JobProgress) -> int:
        ran.seen(own)
        with own.raw_write() as conn:
            write_notes(conn, 0)
            progress(LINES, 2 * LINES)
            write_notes(conn, LINES)
            progress(2 * LINES, 2 * LINES)
        return notes(own)

    worker = Worker(store, job)
    ran = Ran(worker)
    run_until_ended(qtbot, worker)
    assert ran.events == [
        ("progressed", LINES),
        ("progressed", 2 * LINES),
        ("succeeded", worker, 2 * LINES),
        ("ended", worker),
    ]
    assert ran.thread != threading.get_ident()
    assert ran.store is not None and ran.store is not store
    assert ran.store.path == store.path
    assert ran.store._raw is None  # closed when the job ended
    assert notes(store) == 2 * LINES  # committed, seen from the window's connection


def test_a_domain_error_fails_with_its_own_message_and_writes_nothing(
    qtbot: QtBot, store: Store
) -> None:
    def job(own: Store, progress: JobProgress) -> None:
        with own.raw_write() as conn:
            write_notes(conn, 0)
            progress(LINES, 2 * LINES)
            raise InvalidInput("Line 12 is not a date. Fix it and import again.")

    worker = Worker(store, job)
    ran = Ran(worker)
    run_until_ended(qtbot, worker)
    assert ran.names() == ["progressed", "failed", "ended"]
    assert ran.events[1] == ("failed", worker, "Line 12 is not a date. Fix it and import again.")
    assert notes(store) == 0


def test_cancel_mid_way_rolls_the_job_back(qtbot: QtBot, store: Store) -> None:
    halfway, go_on = threading.Event(), threading.Event()

    def job(own: Store, progress: JobProgress) -> None:
        with own.raw_write() as conn:
            write_notes(conn, 0)
            progress(LINES, 2 * LINES)
            halfway.set()
            go_on.wait(WAIT_MS / 1000)
            write_notes(conn, LINES)
            progress(2 * LINES, 2 * LINES)  # raises: the worker was cancelled

    worker = Worker(store, job)
    ran = Ran(worker)
    with qtbot.waitSignal(worker.ended, timeout=WAIT_MS):
        worker.start()
        assert halfway.wait(WAIT_MS / 1000)
        assert not worker.cancel_requested
        worker.cancel()
        assert worker.cancel_requested
        go_on.set()
    qtbot.waitUntil(worker.isFinished, timeout=WAIT_MS)
    assert ran.names() == ["progressed", "progressed", "cancelled", "ended"]
    assert notes(store) == 0  # the first ten notes, written before the cancel, are gone too


def test_a_check_stops_a_cancelled_job_between_steps(store: Store) -> None:
    steps: list[str] = []

    def job(_own: Store, progress: JobProgress) -> None:
        steps.append("read")
        worker.cancel()  # as if the user pressed Cancel now
        progress.check()
        steps.append("parsed")

    worker = Worker(store, job)
    ran = Ran(worker)
    worker.run()  # in this thread: the steps happen in order
    assert steps == ["read"]
    assert ran.names() == ["cancelled", "ended"]


def lock_the_database(store: Store) -> Callable[[], None]:
    """Another connection holds the write lock, and waits for nobody."""
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        other.execute("ROLLBACK")
        other.close()

    return release


def test_a_database_error_is_told_by_the_wording(store: Store) -> None:
    def job(own: Store, _progress: JobProgress) -> None:
        own.raw.execute("PRAGMA busy_timeout = 0")
        with own.raw_write() as conn:
            write_notes(conn, 0)

    told: list[sqlite3.Error] = []

    def database(exc: sqlite3.Error) -> str:
        told.append(exc)
        return f"The notes could not be saved ({exc})."

    worker = Worker(store, job, wording=FailureWording(database=database))
    ran = Ran(worker)
    release = lock_the_database(store)
    try:
        worker.run()
    finally:
        release()
    assert ran.events[0] == ("failed", worker, "The notes could not be saved (database is locked).")
    assert isinstance(told[0], sqlite3.OperationalError)
    plain = Worker(store, job)
    plain_ran = Ran(plain)
    release = lock_the_database(store)
    try:
        plain.run()
    finally:
        release()
    message = str(plain_ran.events[0][2])
    assert message.startswith("The database said “database is locked”, so nothing was saved")
    assert notes(store) == 0


def test_an_unexpected_error_is_logged_and_told_without_a_traceback(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def job(_own: Store, _progress: JobProgress) -> None:
        raise KeyError("day")

    worker = Worker(store, job)
    ran = Ran(worker)
    worker.run()
    assert ran.names() == ["failed", "ended"]
    message = str(ran.events[0][2])
    assert message == (
        "The work stopped on an unexpected error (KeyError: 'day'). Nothing was saved and "
        "your data is as it was; the details are in the log file."
    )
    assert "Traceback" not in message
    (record,) = [r for r in caplog.records if r.name == "app.ui.worker"]
    assert record.exc_info is not None  # the traceback goes to the log file
    caplog.clear()


def test_a_wording_that_fails_still_gives_a_message(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def job(_own: Store, _progress: JobProgress) -> None:
        raise ValueError("bad")

    def broken(_exc: Exception) -> str:
        raise RuntimeError("the wording has a bug")

    worker = Worker(store, job, wording=FailureWording(unexpected=broken))
    ran = Ran(worker)
    worker.run()
    assert ran.names() == ["failed", "ended"]
    assert str(ran.events[0][2]).startswith("The work stopped on an unexpected error (ValueError")
    caplog.clear()
