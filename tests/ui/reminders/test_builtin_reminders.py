"""Built-in reminders: cron triggers in the user's zone (9:00 local on both sides of a
daylight-saving change), rebuilt when their settings change; the unit review as a date
job at the review moment."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from app.domain.reminder_settings import ReminderSettings
from app.services.settings import set_settings
from app.services.units import create_unit
from app.store.db import Store
from app.ui.reminders.builtins import (
    EVENING_LOG,
    UNIT_REVIEW,
    WEEKLY_PLANNING,
    BuiltinPlan,
    cron_triggers,
)
from app.ui.settings import UiSettings
from tests.ui.reminders.conftest import Clock, Make


def plan(**reminders: object) -> BuiltinPlan:
    settings = ReminderSettings()._replace(**reminders)  # type: ignore[arg-type]
    return BuiltinPlan(settings, week_start=0, review_time=time(21), zone="")


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        ("Europe/Berlin", date(2026, 3, 28), date(2026, 3, 29)),  # spring forward
        ("Europe/Berlin", date(2026, 10, 24), date(2026, 10, 25)),  # fall back
        ("America/New_York", date(2026, 3, 7), date(2026, 3, 8)),
        ("America/New_York", date(2026, 10, 31), date(2026, 11, 1)),
    ],
)
def test_a_daily_nine_oclock_fires_at_nine_local_on_both_sides_of_a_dst_change(
    zone: str, before: date, after: date
) -> None:
    tz = ZoneInfo(zone)
    trigger = cron_triggers(plan(evening_log=time(9)), tz)[EVENING_LOG]
    start = datetime.combine(before, time(8), tzinfo=tz)
    first = trigger.get_next_fire_time(None, start)
    second = trigger.get_next_fire_time(first, first.replace(minute=1))
    assert first == datetime.combine(before, time(9), tzinfo=tz)
    assert second.date() == after and (second.hour, second.minute) == (9, 0)
    assert first.utcoffset() != second.utcoffset()  # the change fell between them


def test_weekly_planning_comes_on_the_first_day_of_the_week() -> None:
    tz = ZoneInfo("Asia/Shanghai")
    sunday_plan = plan(weekly_planning=time(8, 30))._replace(week_start=6)
    trigger = cron_triggers(sunday_plan, tz)[WEEKLY_PLANNING]
    fire = trigger.get_next_fire_time(None, datetime(2026, 11, 18, 12, tzinfo=tz))  # a Wed
    assert fire == datetime(2026, 11, 22, 8, 30, tzinfo=tz)  # Sunday
    assert cron_triggers(plan(weekly_planning=None, evening_log=None), tz) == {}


def test_cron_jobs_follow_the_settings_and_the_review_is_armed(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    today = clock().date()
    create_unit(store, now=clock(), start=today)
    scheduler = make_scheduler()
    scheduler.start()
    assert scheduler.ready.wait(3)
    # The defaults: weekly planning on, the evening log off, the unit review on.
    assert WEEKLY_PLANNING in scheduler.jobs() and EVENING_LOG not in scheduler.jobs()
    review = scheduler.next_run(UNIT_REVIEW)
    assert review is not None and (review.hour, review.minute) == (21, 0)
    set_settings(
        store,
        {
            "reminders.evening_log": "20:30",
            "reminders.weekly_planning": "off",
            "reminders.unit_review": "off",
        },
    )
    qtbot.waitUntil(lambda: EVENING_LOG in scheduler.jobs(), timeout=3000)
    assert WEEKLY_PLANNING not in scheduler.jobs() and UNIT_REVIEW not in scheduler.jobs()
    evening = scheduler.next_run(EVENING_LOG)
    assert evening is not None and (evening.hour, evening.minute) == (20, 30)


def test_the_unit_review_is_armed_at_the_review_time_and_follows_it(
    qtbot: QtBot, store: Store, clock: Clock, make_scheduler: Make
) -> None:
    create_unit(store, now=clock(), start=clock().date() - timedelta(days=9))  # ends today
    set_settings(store, {"units.review_time": "23:59"})
    scheduler = make_scheduler()
    scheduler.start()
    assert scheduler.ready.wait(3)
    review = scheduler.next_run(UNIT_REVIEW)
    last_day = clock().date()
    assert review == datetime.combine(last_day, time(23, 59), tzinfo=clock().tzinfo)
    # A review time already past today: nothing more to wait for in this unit.
    set_settings(store, {"units.review_time": "00:00"})
    qtbot.waitUntil(lambda: scheduler.next_run(UNIT_REVIEW) is None, timeout=3000)


def test_a_review_falling_due_asks_in_an_open_window(
    qtbot: QtBot, store: Store, clock: Clock, ui_settings: UiSettings
) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.reminders.actions import ReminderActions
    from app.ui.reminders.delivery import ReminderDelivery
    from tests.ui.reminders.conftest import RecordingNotifier

    create_unit(store, now=clock(), start=clock().date() - timedelta(days=12))  # ended
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, ui_settings, clock=clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.review_prompt is not None)
    prompt = window.review_prompt
    assert prompt is not None
    qtbot.waitUntil(lambda: prompt.question is not None)
    assert prompt.question is not None
    prompt.question.escapeButton().click()  # Later
    notifier = RecordingNotifier()
    actions = ReminderActions(window.ops, lambda: window, lambda: window)
    delivery = ReminderDelivery(notifier, actions, owner="o", show_list=lambda: None)
    delivery.builtin(UNIT_REVIEW)
    assert [n.title for n in notifier.shown] == ["Unit review due"]
    assert prompt.notice.isVisible() and prompt.question is None  # asked once a session
