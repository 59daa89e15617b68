"""Each reminder shown once, with real processes: `rizhi --background` instances on a
private session bus whose notification service is the fake one
(tests/support/fake_notify_service.py), which records every `Notify` call.

* Two instances on one data folder: the second start finds the first and ends. With the
  single-instance lock bypassed (a second runtime folder, so another socket and lock),
  both run on the same store and each reminder is still shown once in all.
* A process that claims a due reminder and is killed with SIGKILL before showing it: the
  running instance shows it once, when the claim's lease ends.
* Reminders that fell due while no Rizhi ran: one summary at the next start, nothing at
  the start after.

The in-process tests cover the rest of what "exactly once" takes: a daylight-saving
change (tests/services/test_repeats.py, tests/ui/reminders/test_builtin_reminders.py,
tests/store/test_reminder_next_due.py) and a clock jump forward
(tests/ui/reminders/test_reminder_scheduler.py), which a real process cannot be given.
Waits are on what the processes did (a Notify call, a row's state, a log line).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest

from app.domain.entities import ItemDraft
from app.domain.reminders import ReminderSpec, ReminderState, wall_now
from app.services.items import create_item
from app.services.reminders import list_reminders, set_reminder
from app.store.db import Store
from tests.instance.processes import ROOT, TIMEOUT, Place, wait_for
from tests.support.fake_notify_service import FakeNotifyService
from tests.support.session_bus import SessionBus, session_bus

__all__ = ["session_bus"]

# What the scheduler logs once its first look at the store is done (app/ui/reminders/
# scheduler.py): by then what fell due while Rizhi was closed has been claimed.
RUNNING = "reminders: the scheduler"
# How long the killed process's lease still holds after its claim: long enough for the
# test to see the instance leave it alone, far shorter than the two minutes of a lease.
LEASE_LEFT = timedelta(seconds=6)

# A process that sets a reminder due three minutes ago and claims it in the same
# transaction (so the running instance never sees it waiting), as if it had claimed it
# LEASE_LEFT less than a lease ago; it prints the lease's end and waits to be killed.
CLAIM_AND_WAIT = """
import sys
from datetime import datetime, timedelta
from app.domain.reminders import LEASE, ReminderSpec, wall_now
from app.services.reminders import claim_due, set_reminder
from app.store.db import Store

path, backups, item_id, left = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
store = Store(path, backups)
now = datetime.now().astimezone()
spec = ReminderSpec.absolute(wall_now(now) - timedelta(minutes=3))
with store.raw_write():
    set_reminder(store, item_id, spec, now=now)
    (row,) = claim_due(store, owner="doomed", now=now - LEASE + timedelta(seconds=left))[0]
print(row.id, row.lease_until.isoformat(), flush=True)
sys.stdin.read()
"""


@pytest.fixture
def service(session_bus: SessionBus) -> Iterator[FakeNotifyService]:
    started = FakeNotifyService(session_bus.address)
    yield started
    started.stop()


@pytest.fixture
def rizhi(place: Place, session_bus: SessionBus, store: Store) -> Place:
    """The place's processes on the private bus, with the test's store on its data
    folder (`store` opens it first: made and migrated before any instance starts)."""
    place.env["DBUS_SESSION_BUS_ADDRESS"] = session_bus.address
    return place


def now() -> datetime:
    """The clock the instances read: the machine's, in its zone."""
    return datetime.now().astimezone()


def add_item(store: Store, title: str) -> int:
    return create_item(store, ItemDraft(title=title), now=now())[0].id


def remind(store: Store, item_id: int, when: datetime) -> int:
    return set_reminder(store, item_id, ReminderSpec.absolute(when), now=now())[0].id


def summaries(service: FakeNotifyService) -> list[str]:
    """What each Notify call said, in order (its summary: the title)."""
    return [str(call["body"][3]) for call in service.calls("Notify")]


def schedulers_running(place: Place) -> int:
    """How many schedulers on the data folder have made their first scan."""
    try:
        text = (place.home / "logs" / "rizhi.log").read_text(encoding="utf-8")
    except FileNotFoundError:
        return 0
    return text.count(RUNNING)


def wait_running(place: Place, count: int) -> None:
    wait_for(lambda: schedulers_running(place) >= count, f"{count} schedulers running")


def states(store: Store, ids: set[int]) -> dict[int, ReminderState]:
    return {r.id: r.state for r in list_reminders(store, every=True) if r.id in ids}


def all_shown(store: Store, ids: set[int]) -> bool:
    return set(states(store, ids).values()) == {ReminderState.SHOWN}


@pytest.fixture
def bypassing(rizhi: Place) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Starts `rizhi --background` on the place's data folder with a runtime folder of
    its own: another socket and another start-up lock, so nothing stops it running
    beside the place's instance. Ended (SIGTERM, as Quit) before its folder goes."""
    runtime = tempfile.mkdtemp(prefix="rz-")  # short: a socket's path is limited
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        with open(rizhi.home.parent / f"bypassing-{len(started)}.log", "wb") as log:
            started.append(
                subprocess.Popen(
                    [sys.executable, "-m", "app", "--background"],
                    cwd=ROOT,
                    env=dict(rizhi.env, XDG_RUNTIME_DIR=runtime),
                    stdout=log,
                    stderr=log,
                )
            )
        return started[-1]

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(TIMEOUT)
    shutil.rmtree(runtime, ignore_errors=True)


def test_two_instances_on_one_data_folder_show_each_reminder_once(
    rizhi: Place,
    service: FakeNotifyService,
    store: Store,
    bypassing: Callable[[], subprocess.Popen[bytes]],
) -> None:
    first = rizhi.start("--background")
    rizhi.answering(pid=first.pid)
    # The single-instance lock: a second start finds the first and ends.
    refused = rizhi.start("--background")
    assert refused.wait(TIMEOUT) == 0, rizhi.log()
    assert rizhi.answering()["pid"] == first.pid and first.poll() is None
    # Bypassed: two instances on the same store, each with its scheduler.
    second = bypassing()
    wait_running(rizhi, 2)
    assert first.poll() is None and second.poll() is None, rizhi.log()
    titles = [f"deadline {n}" for n in range(8)]
    items = [add_item(store, title) for title in titles]
    due = wall_now(now())
    with store.raw_write():  # one commit: both schedulers hear it and race for them all
        reminders = {remind(store, item_id, due) for item_id in items[:4]}
    # One commit each: whichever scheduler looks first wins it, now one, now the other.
    for item_id in items[4:]:
        reminders.add(remind(store, item_id, due))
        wait_for(lambda: all_shown(store, reminders), "the reminders recorded shown")
    # Shown before it is recorded shown, and a reminder recorded shown is never claimed
    # again: every Notify there will be has been made.
    assert sorted(summaries(service)) == sorted(titles), rizhi.log()
    assert first.poll() is None and second.poll() is None


def test_a_claim_killed_before_showing_is_shown_once_when_its_lease_ends(
    rizhi: Place, service: FakeNotifyService, store: Store
) -> None:
    instance = rizhi.start("--background")
    wait_running(rizhi, 1)
    task = add_item(store, "camera-ready")
    doomed = subprocess.Popen(
        [sys.executable, "-c", CLAIM_AND_WAIT, store.path, store.backups, str(task),
         str(LEASE_LEFT.total_seconds())],
        cwd=ROOT, env=rizhi.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert doomed.stdout is not None
        reminder_id, lease_text = doomed.stdout.readline().split()
        doomed.send_signal(signal.SIGKILL)  # right after the claim, before any notice
        assert doomed.wait(TIMEOUT) == -signal.SIGKILL
    finally:
        if doomed.poll() is None:
            doomed.kill()
            doomed.wait(TIMEOUT)
    reminder, lease_end = int(reminder_id), datetime.fromisoformat(lease_text)
    assert states(store, {reminder}) == {reminder: ReminderState.CLAIMED}
    # The instance aims at the lease's end: the notice comes then, not at its next
    # minute's look at the store.
    wait_for(
        lambda: summaries(service) == ["camera-ready"],
        "the notice after the lease",
        timeout=LEASE_LEFT.total_seconds() + 10,
    )
    assert now() >= lease_end
    wait_for(lambda: all_shown(store, {reminder}), "the reminder recorded shown")
    assert summaries(service) == ["camera-ready"], rizhi.log()
    assert instance.poll() is None


def test_what_fell_due_while_closed_is_one_summary_then_never_again(
    rizhi: Place, service: FakeNotifyService, store: Store
) -> None:
    wall = wall_now(now())
    missed = {
        remind(store, add_item(store, f"missed {hours}"), wall - timedelta(hours=hours))
        for hours in (3, 2, 1)
    }
    later = remind(store, add_item(store, "tomorrow"), wall + timedelta(days=1))
    first = rizhi.start("--background")
    wait_for(lambda: summaries(service), "the summary")
    wait_for(lambda: all_shown(store, missed), "the missed reminders recorded shown")
    assert summaries(service) == ["3 reminders while Rizhi was closed"]
    assert states(store, {later}) == {later: ReminderState.PENDING}
    first.send_signal(signal.SIGTERM)
    assert first.wait(TIMEOUT) == 0, rizhi.log()
    # The next start has nothing to say about them. A reminder due now, set once it
    # runs, comes after anything its first scan could have claimed: the notices queue in
    # order, so when this one is there, nothing else came before it.
    rizhi.start("--background")
    wait_running(rizhi, 2)
    remind(store, add_item(store, "after the restart"), wall_now(now()))
    wait_for(lambda: len(summaries(service)) > 1, "the new reminder's notice")
    assert summaries(service) == ["3 reminders while Rizhi was closed", "after the restart"]
