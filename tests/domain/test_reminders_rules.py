"""Reminders' fire times as wall-clock time, durations and snoozes."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from app.domain.errors import InvalidInput
from app.domain.reminders import (
    ReminderSpec,
    duration_minutes,
    duration_text,
    next_fire,
    read_wall,
    snooze_until,
    wall_now,
    wall_text,
)

DUE = date(2026, 11, 27)


def test_an_absolute_reminder_fires_at_its_time_whatever_the_due_date() -> None:
    spec = ReminderSpec.absolute(datetime(2026, 11, 26, 9, 0, 31))
    assert next_fire(spec, None, None) == datetime(2026, 11, 26, 9, 0)
    assert next_fire(spec, DUE, time(15)) == datetime(2026, 11, 26, 9, 0)


def test_a_relative_reminder_counts_back_from_the_due_time() -> None:
    assert next_fire(ReminderSpec.before_due(30), DUE, time(15)) == datetime(2026, 11, 27, 14, 30)
    assert next_fire(ReminderSpec.before_due(0), DUE, time(15)) == datetime(2026, 11, 27, 15)
    # Across midnight, and across the end of a month.
    assert next_fire(ReminderSpec.before_due(60), date(2026, 12, 1), time(0, 30)) == datetime(
        2026, 11, 30, 23, 30
    )


def test_a_date_only_item_is_reminded_at_the_default_clock() -> None:
    assert next_fire(ReminderSpec.before_due(0), DUE, None) == datetime(2026, 11, 27, 9)
    assert next_fire(ReminderSpec.before_due(0), DUE, None, default_clock=time(8)) == datetime(
        2026, 11, 27, 8
    )


def test_days_before_at_a_time_of_day() -> None:
    spec = ReminderSpec.before_due(1440, time(9))
    assert next_fire(spec, DUE, time(15)) == datetime(2026, 11, 26, 9)
    assert spec.describe() == "1d before at 09:00"
    with pytest.raises(InvalidInput):
        ReminderSpec.before_due(90, time(9))
    with pytest.raises(InvalidInput):
        ReminderSpec.before_due(-5)


def test_a_relative_reminder_without_a_due_date_has_no_fire_time() -> None:
    assert next_fire(ReminderSpec.before_due(30), None, None) is None


def test_wall_clock_text_round_trips_and_sorts() -> None:
    moment = datetime(2026, 3, 8, 9, 5)
    assert wall_text(moment) == "2026-03-08T09:05"
    assert read_wall(wall_text(moment)) == moment
    assert wall_text(datetime(2026, 3, 8, 10, 0)) > wall_text(moment)


def test_the_wall_clock_follows_the_zone_now_carries() -> None:
    instant = datetime(2026, 11, 20, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert wall_now(instant.astimezone(ZoneInfo("Asia/Shanghai"))) == datetime(2026, 11, 20, 9)
    assert wall_now(instant.astimezone(ZoneInfo("Europe/Berlin"))) == datetime(2026, 11, 20, 2)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30m", 30),
        ("1h", 60),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("2 days", 2880),
        ("1d", 1440),
        ("1 week", 10080),
        ("30分钟", 30),
        ("2小时", 120),
        ("1天", 1440),
        ("1小时30分", 90),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert duration_minutes(text) == minutes


@pytest.mark.parametrize("text", ["", "soon", "30", "0m", "m30", "3x", "1h banana"])
def test_not_durations(text: str) -> None:
    assert duration_minutes(text) is None


@pytest.mark.parametrize("minutes", [10, 60, 90, 1440, 2880, 10080, 1500])
def test_a_duration_reads_back(minutes: int) -> None:
    assert duration_minutes(duration_text(minutes)) == minutes


def test_snoozes() -> None:
    now = datetime(2026, 11, 20, 23, 55, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert snooze_until("10m", now) == datetime(2026, 11, 21, 0, 5)
    assert snooze_until("1h", now) == datetime(2026, 11, 21, 0, 55)
    assert snooze_until("tomorrow", now) == datetime(2026, 11, 21, 9)
    assert snooze_until("tomorrow", now, morning=time(7, 30)) == datetime(2026, 11, 21, 7, 30)
    with pytest.raises(InvalidInput):
        snooze_until("later", now)


def test_a_daily_nine_oclock_is_nine_on_both_sides_of_a_dst_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    spec = ReminderSpec.before_due(0)
    for day in (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)):
        fire = next_fire(spec, day, time(9))
        assert fire is not None and fire.time() == time(9)
        # The same wall-clock time is a different UTC hour across the change.
        utc = fire.replace(tzinfo=berlin).astimezone(ZoneInfo("UTC"))
        assert utc.hour == (8 if day < date(2026, 3, 29) else 7)


# "remind fri 9am" said on a Friday after nine: the coming Friday, wherever it is typed.
FRIDAY_TEN = datetime(2026, 12, 11, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("fri 9am", datetime(2026, 12, 18, 9, 0)),  # gone today: next week's
        ("friday 11am", datetime(2026, 12, 11, 11, 0)),  # still ahead today
        ("today 9am", datetime(2026, 12, 11, 9, 0)),  # said outright: as said
        ("mon 9am", datetime(2026, 12, 14, 9, 0)),
    ],
)
def test_a_weekday_named_for_a_reminder_is_the_coming_one(words: str, expected: datetime) -> None:
    from app.domain.capture import parse_capture
    from app.domain.reminder_fields import read_reminder

    assert parse_capture(f"rebuttal remind {words}", FRIDAY_TEN).reminders[0].at == expected
    assert read_reminder(words, FRIDAY_TEN).at == expected
