from datetime import time

import pytest

from app.domain.errors import InvalidInput
from app.domain.reminder_settings import ReminderSettings
from app.domain.settings import canonical, in_force


def test_defaults_remind_at_the_due_time_and_plan_the_week_at_nine() -> None:
    found = ReminderSettings.of(in_force({}))
    assert found == ReminderSettings(0, None, True, time(9, 0), None)


@pytest.mark.parametrize(
    ("key", "text", "stored"),
    [
        ("reminders.default_timed", "15m before", "15m"),
        ("reminders.default_timed", "at due", "0m"),
        ("reminders.default_timed", "none", "off"),
        ("reminders.default_timed", "1 day", "1d"),
        ("reminders.default_dated", "9:00", "09:00"),
        ("reminders.unit_review", "No", "off"),
        ("reminders.weekly_planning", "off", "off"),
        ("reminders.evening_log", "21:30", "21:30"),
    ],
)
def test_each_reminder_setting_keeps_one_canonical_text(key: str, text: str, stored: str) -> None:
    assert canonical(key, text) == stored


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("reminders.default_timed", "soon"),
        ("reminders.default_dated", "25:00"),
        ("reminders.unit_review", "maybe"),
        ("reminders.evening_log", "9pm"),
    ],
)
def test_a_bad_reminder_setting_says_what_it_takes(key: str, text: str) -> None:
    with pytest.raises(InvalidInput, match="'" + text):
        canonical(key, text)


def test_stored_values_read_as_types() -> None:
    stored = {"reminders.default_timed": "1h", "reminders.default_dated": "08:30"}
    found = ReminderSettings.of(in_force(stored))
    assert (found.before_timed, found.dated_clock) == (60, time(8, 30))
