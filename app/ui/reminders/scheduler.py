"""The scheduler that fires reminders: APScheduler 3 timing, the store deciding what.

The database is the source of truth (app/store/reminder_rows.py): the scheduler holds
ONE date job, aimed at the earliest `next_fire` still waiting or the end of a claim's
lease (a process that died before recording its reminder shown: it is shown again when
the lease ends), never a job per reminder, so 10,000 reminders cost one query at
start. When it fires, the job claims every due reminder in one statement
(`services.reminders.claim_due`, which only one process wins) and hands the claimed rows
to the GUI thread through a queued signal; then it aims the job at the next one. It is
aimed again

* after every commit that may move the next reminder (app/ui/reminders/watch.py): the
  window's, the command line's, another instance's;
* on a coarse tick (every 60 s), which catches clock jumps and a suspend the timers did
  not count;
* on resume from suspend (app/ui/reminders/resume.py), where logind can tell.

The focus timer's Pomodoro phase ends are moments it wakes for too (FOCUS_JOB,
app/ui/focus/phases.py): the scan moves a phase that ended and hands the ends over
(`focus_ended`) for their notices.

Built-in reminders (app/ui/reminders/builtins.py): weekly planning and the evening log
are cron jobs in the user's zone, rebuilt when their settings change; the unit review is
a date job at the next review moment.

`BackgroundScheduler`, not `QtScheduler`: PySide6's `QTimer.singleShot` returns None, so
QtScheduler never cancels its timers and wakes far more often than needed. The jobs run
on ONE worker thread, one after another, with a store connection of their own; anything
touching widgets happens on the GUI thread, behind the signals. `misfire_grace_time=None`
and `coalesce=True` are set explicitly: APScheduler's default grace (1 s) would skip and
drop a job that fell due while the machine slept.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from PySide6.QtCore import QObject, Signal

from app.config.zone import zone_of
from app.domain.reminder_settings import ReminderSettings
from app.domain.reminders import wall_now
from app.domain.settings import Preferences, in_force
from app.services.reminders import claim_due
from app.services.settings import stored_settings
from app.services.unit_review import next_review_at
from app.store import reminder_rows
from app.store.db import Store, new_origin
from app.ui.ops import local_now
from app.ui.reminders.builtins import CRON_JOBS, UNIT_REVIEW, BuiltinPlan, cron_triggers
from app.ui.reminders.watch import ReminderWatch

if TYPE_CHECKING:
    from app.ui.reminders.resume import ResumeWatch

log = logging.getLogger(__name__)

TICK_SECONDS = 60
FIRST_JOB = "first"  # the scan at start
NEXT_JOB = "next"
WAKE_JOB = "wake"
TICK_JOB = "tick"
FOCUS_JOB = "focus"  # a Pomodoro phase's end (app/ui/focus/phases.py)
# A date job whose time the clock says has passed runs at once; should the store still
# call a reminder due after a scan that claimed nothing (a clock set back between two
# reads), the job waits this long rather than spin.
RETRY_AFTER = timedelta(seconds=5)
# Two readings of one clock a moment apart; a clock set apart differs by more.
_SAME_CLOCK = timedelta(seconds=1)


class ReminderScheduler(QObject):
    """Start it once the store is open (`start`), stop it before the store closes."""

    fired = Signal(object)  # list[ReminderRow] claimed by this process, due now
    missed = Signal(object)  # list[ReminderRow] claimed at start: due while Rizhi was closed
    builtin = Signal(str)  # the built-in reminder due (builtins.py ids)
    focus_ended = Signal(object)  # list[PhaseEnd]: Pomodoro phases this process moved past

    def __init__(
        self,
        path: str,
        backups: str,
        *,
        clock: Callable[[], datetime] = local_now,
        tick_seconds: float = TICK_SECONDS,
        resume: bool = True,
        since: datetime | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # When Rizhi began to run: reminders due before it were missed while it was closed.
        self._since = clock() if since is None else since
        self._path, self._backups = path, backups
        self._clock = clock
        self._tick = tick_seconds
        self._resume_wanted = resume
        # Who claims: the claim records it, and only this owner may mark a claim shown.
        self.owner = new_origin("reminders")
        self._worker: Store | None = None  # the jobs' connection, made on their thread
        self._watch: ReminderWatch | None = None
        self._watch_store: Store | None = None  # the watch's connection, on this thread
        self._resume: ResumeWatch | None = None
        self._plan: BuiltinPlan | None = None
        self._started = False
        self.scans = 0  # scans finished (tests and the benchmark wait on it)
        # Held by each scan. APScheduler's shutdown holds its job-store lock while it
        # waits for the worker, so a scan still arming jobs then would wait for ever:
        # `stop` takes this lock to let the running scan finish and the queued ones skip.
        self._scanning = threading.Lock()
        self._closing = False
        self.ready = threading.Event()  # set once the first scan has armed the next job
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(1)},
            # Explicit: the defaults drop a job that fell due while the machine slept.
            # Several wake-ups may wait on the one worker; each scans the store as it is.
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 8},
            timezone=zone_of(clock()),
        )

    # --- life -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker and look at the store: what fell due while Rizhi was closed
        is claimed first and reported as `missed`."""
        if self._started:
            return
        self._started = True
        self._scheduler.start()
        self._scheduler.add_job(self._scan, id=FIRST_JOB, kwargs={"first": True})
        self._scheduler.add_job(self._scan, "interval", seconds=self._tick, id=TICK_JOB)
        self._watch_store = Store(self._path, self._backups, role="reminder-watch")
        self._watch = ReminderWatch(
            self._watch_store, self.wake, skip_origin=self.owner, parent=self
        )
        self._watch.start()
        if self._resume_wanted:
            from app.ui.reminders.resume import watch_resume

            self._resume = watch_resume(self.wake)

    def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        if self._resume is not None:
            self._resume.stop()
            self._resume = None
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        with self._scanning:
            self._closing = True
        if self._watch_store is not None:
            self._watch_store.close()
            self._watch_store = None
        self._scheduler.shutdown(wait=True)
        if self._worker is not None:  # its thread has ended: closing it here is safe
            self._worker.close()
            self._worker = None

    @property
    def running(self) -> bool:
        return self._started

    def wake(self) -> None:
        """Look at the store again now (from any thread): a commit, the resume."""
        if self._started:
            self._scheduler.add_job(self._scan, id=WAKE_JOB, replace_existing=True)

    # --- what the tests and the list ask ----------------------------------------------

    def next_run(self, job_id: str = NEXT_JOB) -> datetime | None:
        """When the job `job_id` runs next; None when it is not armed."""
        job = self._scheduler.get_job(job_id)
        return None if job is None else job.next_run_time

    def jobs(self) -> list[str]:
        return sorted(job.id for job in self._scheduler.get_jobs())

    # --- the worker thread ------------------------------------------------------------

    def _scan(self, first: bool = False) -> None:
        with self._scanning:
            if self._closing:
                return
            try:
                self._scan_once(first)
            except Exception:  # a locked or broken store: the next tick tries again
                log.exception("the reminder scheduler could not read the store")
            finally:
                self.scans += 1
                self.ready.set()

    def _scan_once(self, first: bool) -> None:
        store = self._store()
        now = self._clock()
        rows, _ = claim_due(store, owner=self.owner, now=now)
        if rows and first:
            # Missed while closed: due before Rizhi began to run. What fell due since
            # (the first scan comes a moment after the start) is shown as it comes.
            began = wall_now(self._since)
            missed = [r for r in rows if r.next_fire is not None and r.next_fire < began]
            fired = [r for r in rows if r not in missed]
            if missed:
                self.missed.emit(missed)
            if fired:
                self.fired.emit(fired)
        elif rows:
            self.fired.emit(rows)
        self._arm_next(store, now, claimed=bool(rows))
        self._arm_builtins(store, now)
        self._arm_focus(store, now)
        if first:
            log.info("reminders: the scheduler %s runs; next at %s", self.owner, self.next_run())

    def _store(self) -> Store:
        if self._worker is None:
            self._worker = Store(self._path, self._backups, role="reminders")
            self._worker.origin = self.owner  # so the watch skips the claims it makes
        return self._worker

    def _arm_next(self, store: Store, now: datetime, *, claimed: bool) -> None:
        zone = zone_of(now)
        with store.raw_read() as conn:
            upcoming = reminder_rows.next_due(conn, zone)
        if upcoming is None:
            self._remove(NEXT_JOB)
            return
        run_at = self._on_timer_clock(upcoming, now)
        if upcoming <= now and not claimed:
            run_at = self._on_timer_clock(now + RETRY_AFTER, now)  # see RETRY_AFTER
        self._date_job(NEXT_JOB, run_at, zone, self._scan)

    def _arm_builtins(self, store: Store, now: datetime) -> None:
        stored = stored_settings(store)
        prefs = Preferences.of(stored)
        zone = zone_of(now)
        plan = BuiltinPlan(
            reminders=ReminderSettings.of(in_force(stored)),
            week_start=prefs.week_start,
            review_time=prefs.review_time,
            zone=str(zone),
        )
        if plan != self._plan:
            self._plan = plan
            self._rebuild_crons(plan, zone)
        review = None
        if plan.reminders.unit_review:
            review = next_review_at(store, now=now, review_time=plan.review_time)
        if review is None:
            self._remove(UNIT_REVIEW)
        else:
            when = self._on_timer_clock(review, now)
            self._date_job(UNIT_REVIEW, when, zone, self._builtin_due, UNIT_REVIEW)

    def _arm_focus(self, store: Store, now: datetime) -> None:
        from app.ui.focus.phases import advance_phases

        ended, upcoming = advance_phases(store, now)
        if ended:
            self.focus_ended.emit(ended)
        if upcoming is None:
            self._remove(FOCUS_JOB)
        else:
            self._date_job(FOCUS_JOB, self._on_timer_clock(upcoming, now), zone_of(now), self._scan)

    def _on_timer_clock(self, moment: datetime, now: datetime) -> datetime:
        """`moment` on APScheduler's clock (the system's), which is this scheduler's own
        unless a test or a benchmark set that one apart: as far ahead of the system's
        now as `moment` is of `now`, so a job fires when its moment comes on the clock
        the store is read with."""
        actual = datetime.now(moment.tzinfo)
        if abs(actual - now) < _SAME_CLOCK:
            return moment
        return actual + (moment - now)

    def _rebuild_crons(self, plan: BuiltinPlan, zone: tzinfo) -> None:
        triggers = cron_triggers(plan, zone)
        for job_id in CRON_JOBS:
            if job_id not in triggers:
                self._remove(job_id)
        for job_id, trigger in triggers.items():
            self._scheduler.add_job(
                self._builtin_due, trigger, args=[job_id], id=job_id, replace_existing=True
            )

    def _builtin_due(self, kind: str) -> None:
        if self._closing:
            return
        self.builtin.emit(kind)
        if kind == UNIT_REVIEW:  # aim at the next unit's review
            self._scan()

    def _date_job(
        self, job_id: str, when: datetime, zone: tzinfo, func: Callable[..., None], *args: Any
    ) -> None:
        job = self._scheduler.get_job(job_id)
        if job is not None and job.next_run_time == when:
            return  # armed already: most scans change nothing
        self._scheduler.add_job(
            func,
            DateTrigger(run_date=when, timezone=zone),
            args=list(args),
            id=job_id,
            replace_existing=True,
        )

    def _remove(self, job_id: str) -> None:
        with contextlib.suppress(JobLookupError):
            self._scheduler.remove_job(job_id)
