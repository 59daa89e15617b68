"""Fixtures for the reminder machinery: a clock that can jump, schedulers stopped after
each test, a Notifier that records what it was asked to show."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.reminders import ReminderSpec, wall_now
from app.services.items import create_item
from app.services.reminders import set_reminder
from app.store.db import Store
from app.ui.notifications.notice import Notice, Notifier
from app.ui.reminders.scheduler import ReminderScheduler

ZONE = ZoneInfo("Europe/Berlin")


class Clock:
    """The real time in ZONE, moved by `offset`: a clock jump (a suspend) is a bigger
    offset. The scheduler's timers run on real time, so they and this clock agree."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(ZONE) + self.offset

    def wall(self) -> datetime:
        return wall_now(self())


class RecordingNotifier(Notifier):
    def __init__(self, *, works: bool = True) -> None:
        super().__init__()
        self.shown: list[Notice] = []
        self.withdrawn: list[str] = []
        self.works = works

    def show(self, notice: Notice) -> bool:
        self.shown.append(notice)
        return self.works

    def withdraw(self, key: str) -> None:
        self.withdrawn.append(key)


@pytest.fixture
def clock() -> Clock:
    return Clock()


Make = Callable[..., ReminderScheduler]


@pytest.fixture
def make_scheduler(store: Store, clock: Clock, qapp: object) -> Iterator[Make]:
    made: list[ReminderScheduler] = []

    def make(**options: object) -> ReminderScheduler:
        options.setdefault("clock", clock)
        options.setdefault("resume", False)
        scheduler = ReminderScheduler(store.path, store.backups, **options)  # type: ignore[arg-type]
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        scheduler.stop()


def item(store: Store, title: str = "group meeting", **fields: object) -> int:
    draft = ItemDraft(title=title, **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=datetime.now(ZONE))[0].id


def remind_at(store: Store, item_id: int, when: datetime) -> int:
    """A reminder at the wall-clock time `when` (aware or not)."""
    spec = ReminderSpec.absolute(when.replace(tzinfo=None))
    row, _ = set_reminder(store, item_id, spec, now=datetime.now(ZONE))
    return row.id


def day_at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))
