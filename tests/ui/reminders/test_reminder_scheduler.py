"""The scheduler that fires reminders: one job aimed at the earliest next fire, re-aimed
when another connection commits, a clock jump caught by the tick, two schedulers on one
store delivering each reminder once, a dead process's claim shown when its lease ends.
Waits are on state, never fixed sleeps."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from pytestqt.qtbot import QtBot

from app.domain.reminders import LEASE, ReminderState
from app.services.reminders import claim_due, list_reminders, mark_shown
from app.store.db import Store
from app.store.reminder_rows import ReminderRow
from app.ui.reminders.scheduler import NEXT_JOB, TICK_JOB, ReminderScheduler
from tests.ui.reminders.conftest import ZONE, Clock, Make, item, remind_at


def collect(scheduler: ReminderScheduler) -> list[ReminderRow]:
    got: list[ReminderRow] = []
    scheduler.fired.connect(got.extend)
    scheduler.missed.connect(got.extend)
    return got


def settle(qtbot: QtBot, *schedulers: ReminderScheduler) -> None:
    """Let each scheduler scan the store twice more, and the GUI thread take what they
    sent: whatever was due has been claimed and delivered by then."""
    for scheduler in schedulers:
        for _ in range(2):
            seen = scheduler.scans
            scheduler.wake()
            qtbot.waitUntil(lambda s=scheduler, n=seen: s.scans > n, timeout=3000)
    qtbot.wait(0)  # the queued signals the scans sent, no longer


def test_the_next_job_is_armed_at_the_earliest_next_fire(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    task = item(store)
    later = clock.wall().replace(hour=10, minute=15) + timedelta(days=3)
    soon = clock.wall().replace(hour=8, minute=0) + timedelta(days=2)
    remind_at(store, task, later)
    remind_at(store, task, soon)
    scheduler = make_scheduler()
    scheduler.start()
    assert scheduler.ready.wait(3)
    assert scheduler.next_run() == soon.replace(tzinfo=ZONE)
    assert TICK_JOB in scheduler.jobs()
    # One job for all of them, whatever their number.
    assert scheduler.jobs().count(NEXT_JOB) == 1


def test_a_reminder_added_by_another_connection_fires_within_a_second(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    task = item(store, "camera-ready")
    scheduler = make_scheduler()
    got = collect(scheduler)
    scheduler.start()
    assert scheduler.ready.wait(3)
    assert scheduler.next_run() is None
    # The command line, in another process, sets a reminder for this minute.
    code = (
        "import sys; from datetime import datetime; from zoneinfo import ZoneInfo;"
        "from app.store.db import Store; from app.domain.reminders import ReminderSpec;"
        "from app.services.reminders import set_reminder;"
        "s = Store(sys.argv[1], sys.argv[2]); now = datetime.now(ZoneInfo('Europe/Berlin'));"
        "set_reminder(s, int(sys.argv[3]), ReminderSpec.absolute(now), now=now); s.close()"
    )
    subprocess.run([sys.executable, "-c", code, store.path, store.backups, str(task)], check=True)
    qtbot.waitUntil(lambda: len(got) == 1, timeout=1000)
    assert got[0].title == "camera-ready" and got[0].state is ReminderState.CLAIMED


def test_a_clock_jump_forward_fires_what_fell_due_once(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    task = item(store)
    remind_at(store, task, clock.wall() + timedelta(hours=2))
    last = clock.wall() + timedelta(hours=5)
    remind_at(store, task, last)
    scheduler = make_scheduler(tick_seconds=0.2)
    got = collect(scheduler)
    scheduler.start()
    assert scheduler.ready.wait(3)
    assert got == []
    clock.offset = timedelta(hours=3)  # the machine slept three hours: its timers did not
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)  # the coarse tick caught it
    settle(qtbot, scheduler)
    assert len(got) == 1
    mark_shown(store, got[0].id, owner=scheduler.owner, now=clock())  # as delivery does
    settle(qtbot, scheduler)
    # Aimed at the last one, on the system's clock (which never jumped here).
    aimed = scheduler.next_run()
    assert aimed is not None
    assert abs(aimed - (last.replace(tzinfo=ZONE) - clock.offset)) < timedelta(seconds=2)


def test_two_schedulers_on_one_store_deliver_each_reminder_once(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    first, second = make_scheduler(), make_scheduler()
    got_first, got_second = collect(first), collect(second)
    first.start()
    second.start()
    assert first.ready.wait(3) and second.ready.wait(3)
    tasks = [item(store, f"task {n}") for n in range(6)]
    for task in tasks:
        remind_at(store, task, clock.wall())
    qtbot.waitUntil(lambda: len(got_first) + len(got_second) == 6, timeout=3000)
    settle(qtbot, first, second)
    delivered = sorted(r.item_id for r in got_first + got_second)
    assert delivered == tasks
    owners = {r.claimed_by for r in list_reminders(store, every=True)}
    assert owners <= {first.owner, second.owner}


def test_a_claim_whose_process_died_is_shown_when_its_lease_ends(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    task = item(store, "rebuttal")
    reminder = remind_at(store, task, clock.wall() - timedelta(minutes=3))
    # Another process claimed it long enough ago that its lease ends in 1.5 s, then died.
    lease_end = clock() + timedelta(seconds=1.5)
    (claimed,) = claim_due(store, owner="died", now=lease_end - LEASE)[0]
    assert claimed.id == reminder
    scheduler = make_scheduler()  # its tick (60 s) is not what finds it
    got = collect(scheduler)
    scheduler.start()
    assert scheduler.ready.wait(3)
    assert got == []  # the lease still holds
    aimed = scheduler.next_run()
    assert aimed is not None and abs(aimed - lease_end) < timedelta(seconds=1)
    qtbot.waitUntil(lambda: len(got) == 1, timeout=3000)
    assert got[0].id == reminder and got[0].claimed_by == scheduler.owner


def test_what_fell_due_while_closed_is_missed_at_start_and_only_then(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    task = item(store)
    for hours in (3, 2, 1):
        remind_at(store, task, clock.wall() - timedelta(hours=hours))
    scheduler = make_scheduler()
    missed: list[list[ReminderRow]] = []
    fired: list[list[ReminderRow]] = []
    scheduler.missed.connect(missed.append)
    scheduler.fired.connect(fired.append)
    scheduler.start()
    qtbot.waitUntil(lambda: len(missed) == 1, timeout=3000)
    settle(qtbot, scheduler)
    assert [len(rows) for rows in missed] == [3] and fired == []


def test_what_fell_due_after_rizhi_began_is_not_called_missed_at_the_first_scan(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    # Rizhi began two minutes ago; its first scan comes only now (a slow start): the
    # reminder due one minute ago fell due while it ran, the one of an hour ago before.
    task = item(store)
    before = remind_at(store, task, clock.wall() - timedelta(hours=1))
    since = remind_at(store, task, clock.wall() - timedelta(minutes=1))
    scheduler = make_scheduler(since=clock() - timedelta(minutes=2))
    missed: list[list[ReminderRow]] = []
    fired: list[list[ReminderRow]] = []
    scheduler.missed.connect(missed.append)
    scheduler.fired.connect(fired.append)
    scheduler.start()
    qtbot.waitUntil(lambda: bool(missed) and bool(fired), timeout=3000)
    settle(qtbot, scheduler)
    assert [[row.id for row in rows] for rows in missed] == [[before]]
    assert [[row.id for row in rows] for rows in fired] == [[since]]


def test_stop_ends_the_worker_and_a_stopped_scheduler_ignores_wakes(
    qtbot: QtBot, store: Store, make_scheduler: Make
) -> None:
    scheduler = make_scheduler()
    scheduler.start()
    assert scheduler.ready.wait(3)
    scheduler.stop()
    scans = scheduler.scans
    scheduler.wake()
    assert not scheduler.running and scheduler.scans == scans
