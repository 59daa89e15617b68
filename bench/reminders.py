"""Reminders, timed in one process run as the background instance runs them (no window):

* fire latency: from the moment a reminder falls due to the Notifier's `show` call, over
  `--runs` reminders (target: median <= 1 s). The scheduler's clock is set so that the
  next minute, when each reminder is due, comes a second later (reminders are kept to
  the minute); its job fires on the system's clock at that moment.
* ready at start with `--pending` pending reminders (10,000): from making the scheduler to
  its first scan done, the next job armed (target <= 100 ms); the floor is the same with
  none.
* idle CPU: process CPU time over `--idle` seconds (10) of the event loop with the
  scheduler running and nothing due, against the same loop without it (target: the
  difference ~ 0, under 1 % of one core).

    .venv/bin/python bench/reminders.py [--runs 10] [--pending 10000] [--idle 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.entities import ItemDraft
from app.domain.ids import new_uid
from app.domain.reminders import ReminderSpec, wall_now
from app.services.items import create_item
from app.store import reminder_rows
from app.store.db import Store
from app.ui.notifications.notice import Notice, Notifier
from app.ui.ops import Operations, local_now
from app.ui.reminders.actions import ReminderActions
from app.ui.reminders.delivery import ReminderDelivery
from app.ui.reminders.scheduler import ReminderScheduler
from bench.common import save, summary

TARGETS = {"latency_median_s": 1.0, "ready_ms": 100.0, "idle_cpu_share": 0.01}


class TimingNotifier(Notifier):
    def __init__(self) -> None:
        super().__init__()
        self.shown_at: list[float] = []

    def show(self, notice: Notice) -> bool:
        self.shown_at.append(time.time())
        return True

    def withdraw(self, key: str) -> None:
        pass


def spin(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def spin_until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def fire_latency(home: Path, runs: int) -> list[float]:
    """Seconds from due to `show`, one reminder a run."""
    store = Store.open(home / "latency.sqlite3", home / "backups")
    item_id = create_item(store, ItemDraft(title="latency"), now=local_now())[0].id
    notifier = TimingNotifier()
    latencies: list[float] = []
    for _ in range(runs):
        real = local_now()
        boundary = wall_now(real) + timedelta(minutes=1)  # the next minute, wall clock
        due_real = time.time() + 1.0  # when the clock below reaches it
        offset = boundary.replace(tzinfo=real.tzinfo) - real - timedelta(seconds=1)

        def clock(offset: timedelta = offset) -> datetime:
            return local_now() + offset

        reminder_rows_insert(store, item_id, boundary)
        ops = Operations(store, clock)
        scheduler = ReminderScheduler(store.path, store.backups, clock=clock, resume=False)
        delivery = ReminderDelivery(
            notifier,
            ReminderActions(ops, _no_window, lambda: None),
            owner=scheduler.owner,
            show_list=lambda: None,
        )
        scheduler.fired.connect(delivery.deliver)
        scheduler.missed.connect(delivery.deliver)
        shown = len(notifier.shown_at)
        scheduler.start()
        spin_until(lambda shown=shown: len(notifier.shown_at) > shown, 5)
        scheduler.stop()
        latencies.append(notifier.shown_at[-1] - due_real)
    store.close()
    return latencies


def _no_window() -> object:
    raise RuntimeError("no window in the benchmark")


def reminder_rows_insert(store: Store, item_id: int, when: datetime) -> None:
    with store.raw_write() as conn:
        spec = ReminderSpec.absolute(when)
        reminder_rows.insert(conn, new_uid(), item_id, spec, when, now=local_now())


def ready_ms(home: Path, name: str, pending: int) -> float:
    """Milliseconds from making a scheduler to its first scan done, with `pending`
    reminders waiting (the median of three starts)."""
    store = Store.open(home / f"{name}.sqlite3", home / "backups")
    item_id = create_item(store, ItemDraft(title="many reminders"), now=local_now())[0].id
    start = wall_now(local_now()) + timedelta(days=1)
    with store.raw_write() as conn:
        for n in range(pending):
            when = start + timedelta(minutes=n)
            reminder_rows.insert(
                conn, new_uid(), item_id, ReminderSpec.absolute(when), when, now=local_now()
            )
    times = []
    for _ in range(3):
        began = time.perf_counter()
        scheduler = ReminderScheduler(store.path, store.backups, resume=False)
        scheduler.start()
        scheduler.ready.wait(10)
        times.append((time.perf_counter() - began) * 1000)
        scheduler.stop()
    store.close()
    return statistics.median(times)


def idle_cpu(app: QApplication, home: Path, seconds: float, *, running: bool) -> float:
    """Process CPU seconds over `seconds` of the event loop, the scheduler running or not."""
    store = Store.open(home / "idle.sqlite3", home / "backups")
    scheduler = ReminderScheduler(store.path, store.backups, resume=False)
    if running:
        scheduler.start()
        scheduler.ready.wait(10)
    before = time.process_time()
    spin(app, seconds)
    used = time.process_time() - before
    scheduler.stop()
    store.close()
    return used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pending", type=int, default=10_000)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        latencies = fire_latency(home, args.runs)
        ready = ready_ms(home, "pending", args.pending)
        ready_floor = ready_ms(home, "empty", 0)
        idle = idle_cpu(app, home, args.idle, running=True)
        idle_floor = idle_cpu(app, home, args.idle, running=False)
    share = max(idle - idle_floor, 0.0) / args.idle
    results = {
        "fire_latency_s": summary(latencies),
        "ready_ms": {"pending": args.pending, "median": ready, "floor_empty": ready_floor},
        "idle_cpu_s": {
            "seconds": args.idle,
            "scheduler": idle,
            "floor": idle_floor,
            "share_of_a_core": share,
        },
        "targets": TARGETS,
    }
    path = save("reminders", results)
    print(
        f"fire latency, due -> show: median {statistics.median(latencies):.3f} s "
        f"(p95 {summary(latencies)['p95']:.3f} s, {len(latencies)} runs; target <= 1 s)"
    )
    print(
        f"ready with {args.pending:,} pending: {ready:.1f} ms "
        f"(floor, none pending: {ready_floor:.1f} ms; target <= 100 ms)"
    )
    print(
        f"idle CPU over {args.idle:.0f} s: {idle:.3f} s with the scheduler, "
        f"{idle_floor:.3f} s without ({share:.2%} of a core; target ~ 0)"
    )
    print(f"saved {path}")
    met = (
        statistics.median(latencies) <= TARGETS["latency_median_s"]
        and ready <= TARGETS["ready_ms"]
        and share <= TARGETS["idle_cpu_share"]
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
