"""The capture grammar reads repeats and reminders, in English and Chinese."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.domain.capture import Capture, parse_capture
from app.domain.dates import DueSpec
from app.domain.reminders import ReminderSpec

FRI = datetime(2026, 11, 20, 10, 0)  # a Friday morning
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def cap(text: str, now: datetime = FRI) -> Capture:
    return parse_capture(text, now)


@pytest.mark.parametrize(
    ("text", "title", "rule", "due"),
    [
        ("standup every monday 10am", "standup", "FREQ=WEEKLY;BYDAY=MO", (11, 23, 10)),
        ("report every 2 weeks", "report", "FREQ=WEEKLY;INTERVAL=2", (11, 20, None)),
        ("gym every mon and wed 7am", "gym", "FREQ=WEEKLY;BYDAY=MO,WE", (11, 23, 7)),
        ("log every weekday", "log", WEEKDAYS, (11, 20, None)),
        ("review every day at 9pm", "review", "FREQ=DAILY", (11, 20, 21)),
        ("每周一上午10点组会", "组会", "FREQ=WEEKLY;BYDAY=MO", (11, 23, 10)),
        ("每周五组会", "组会", "FREQ=WEEKLY;BYDAY=FR", (11, 20, None)),
        ("每天背单词", "背单词", "FREQ=DAILY", (11, 20, None)),
        ("每个工作日写日志", "写日志", WEEKDAYS, (11, 20, None)),
        ("每两周交周报", "交周报", "FREQ=WEEKLY;INTERVAL=2", (11, 20, None)),
        ("每週一上午10點組會", "組會", "FREQ=WEEKLY;BYDAY=MO", (11, 23, 10)),
    ],
)
def test_repeats(text: str, title: str, rule: str, due: tuple[int, int, int | None]) -> None:
    capture = cap(text)
    month, day, hour = due
    expected = DueSpec(date(2026, month, day), None if hour is None else time(hour))
    assert (capture.title, capture.repeat_rule, capture.due) == (title, rule, expected)


def test_a_time_already_past_today_starts_at_the_next_occurrence() -> None:
    assert cap("standup every day 9am").due == DueSpec(date(2026, 11, 21), time(9))


def test_every_n_days_after_completion() -> None:
    capture = cap("water plants every 3 days after completion")
    assert capture.repeat_rule == "FREQ=DAILY;INTERVAL=3" and capture.repeat_from_completion


def test_a_repeat_keeps_a_due_date_of_its_own() -> None:
    capture = cap("rent every month due dec 1")
    assert capture.repeat_rule == "FREQ=MONTHLY" and capture.due == DueSpec(date(2026, 12, 1))


@pytest.mark.parametrize(
    ("text", "title", "reminder"),
    [
        ("rebuttal due fri 5pm remind 30m before", "rebuttal", ReminderSpec.before_due(30)),
        ("rebuttal due fri 5pm remind me 1h before", "rebuttal", ReminderSpec.before_due(60)),
        (
            "camera-ready due dec 3 remind 1 day before 9am",
            "camera-ready",
            ReminderSpec.before_due(1440, time(9)),
        ),
        ("组会 明天下午三点 提前30分钟提醒", "组会", ReminderSpec.before_due(30)),
        ("明天下午三点组会提前两小时提醒", "组会", ReminderSpec.before_due(120)),
        ("call mom remind sat 9am", "call mom", ReminderSpec.absolute(datetime(2026, 11, 21, 9))),
    ],
)
def test_reminders(text: str, title: str, reminder: ReminderSpec) -> None:
    capture = cap(text)
    assert (capture.title, capture.reminders) == (title, (reminder,))


@pytest.mark.parametrize(
    "text",
    [
        "remind Bob about the slides",
        "every now and then",
        "Reminders app review",
        "每周五组会记录",  # the notes of the Friday meeting: a record, not a repeat
        "每日站會記錄",
    ],
)
def test_words_that_are_no_repeat_or_reminder_stay_in_the_title(text: str) -> None:
    capture = cap(text)
    assert (capture.title, capture.repeat_rule, capture.reminders) == (text, None, ())


def test_the_json_of_a_line_names_its_repeat_and_reminders() -> None:
    found = cap("standup every monday 10am remind 10m before").to_dict()
    assert found["repeat"] == "FREQ=WEEKLY;BYDAY=MO" and found["reminders"] == ["10m before"]
    assert "repeat" not in cap("plain line").to_dict()
