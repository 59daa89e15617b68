"""How the item editor reads reminders and repeat rules, and shows them back: Qt-free."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.domain.errors import InvalidInput
from app.domain.reminder_fields import PRESETS, read_reminder, reminder_line
from app.domain.reminders import ReminderSpec, ReminderState
from app.domain.repeat_fields import (
    KINDS,
    RepeatForm,
    RepeatKind,
    describe_repeat,
    form_of,
    kind_label,
    read_typed_repeat,
    repeat_of,
)
from app.domain.repeats import Repeat
from tests.conftest import NOW

TUESDAY = date(2026, 11, 10)  # the second Tuesday of November 2026


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("30m before", ReminderSpec.before_due(30)),
        ("remind 1h before", ReminderSpec.before_due(60)),
        ("1d before 9am", ReminderSpec.before_due(1440, time(9, 0))),
        ("at due time", ReminderSpec.before_due(0)),
        ("45m", ReminderSpec.before_due(45)),
        ("提前30分钟", ReminderSpec.before_due(30)),
        ("提前1天提醒", ReminderSpec.before_due(1440)),
        ("sat 9am", ReminderSpec.absolute(datetime(2026, 11, 21, 9, 0))),
        ("明天上午九点", ReminderSpec.absolute(datetime(2026, 11, 21, 9, 0))),
        ("dec 1", ReminderSpec.absolute(datetime(2026, 12, 1, 9, 0))),
    ],
)
def test_a_typed_reminder_reads_as_rizhi_remind_reads_it(text: str, spec: ReminderSpec) -> None:
    assert read_reminder(text, NOW) == spec


@pytest.mark.parametrize("text", ["", "   ", "whenever", "remind", "30m after"])
def test_what_is_not_a_reminder_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        read_reminder(text, NOW)


def test_the_presets_are_relative_to_the_due_date() -> None:
    labels = [label for label, _ in PRESETS]
    assert labels[0] == "At the due time" and "9:00 on the due date" in labels
    assert PRESETS[-1][1] == ReminderSpec.before_due(0, time(9, 0))


def test_a_reminder_line_says_how_it_is_set_and_when_it_fires() -> None:
    today = date(2026, 11, 20)
    spec = ReminderSpec.before_due(30)
    assert reminder_line(spec, datetime(2026, 11, 20, 14, 30), ReminderState.PENDING, today) == (
        "30m before · Today 14:30"
    )
    assert reminder_line(spec, None, None, today) == (
        "30m before · no due date to count from · not saved yet"
    )
    at = ReminderSpec.absolute(datetime(2027, 1, 8, 9, 0))
    assert (
        reminder_line(at, at.at, ReminderState.SNOOZED, today) == "Fri 08 Jan 2027 09:00 · snoozed"
    )


@pytest.mark.parametrize(
    ("form", "rule", "from_completion"),
    [
        (RepeatForm(RepeatKind.DAILY), "FREQ=DAILY", False),
        (RepeatForm(RepeatKind.WEEKDAYS), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", False),
        (RepeatForm(RepeatKind.WEEKLY, weekdays=(3, 0)), "FREQ=WEEKLY;BYDAY=MO,TH", False),
        (RepeatForm(RepeatKind.MONTHLY_DAY), "FREQ=MONTHLY;BYMONTHDAY=10", False),
        (RepeatForm(RepeatKind.MONTHLY_WEEKDAY), "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", False),
        (RepeatForm(RepeatKind.YEARLY), "FREQ=YEARLY", False),
        (RepeatForm(RepeatKind.AFTER_COMPLETION, every_days=3), "FREQ=DAILY;INTERVAL=3", True),
        (RepeatForm(RepeatKind.TYPED, typed="every 2 weeks"), "FREQ=WEEKLY;INTERVAL=2", False),
        (
            RepeatForm(RepeatKind.TYPED, typed="每个工作日"),
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            False,
        ),
        (
            RepeatForm(RepeatKind.TYPED, typed="rrule:freq=monthly;bymonthday=-1"),
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            False,
        ),
        (
            RepeatForm(RepeatKind.TYPED, typed="FREQ=DAILY", from_completion=True),
            "FREQ=DAILY",
            True,
        ),
    ],
)
def test_each_choice_makes_its_rule_and_shows_back_as_itself(
    form: RepeatForm, rule: str, from_completion: bool
) -> None:
    repeat = repeat_of(form, TUESDAY, NOW)
    assert repeat == Repeat(rule, from_completion)
    if form.kind is not RepeatKind.TYPED:
        assert form_of(repeat, TUESDAY) == form._replace(weekdays=tuple(sorted(form.weekdays)))


def test_a_rule_no_choice_makes_shows_as_typed() -> None:
    repeat = read_typed_repeat("every 2 weeks", NOW)
    assert form_of(repeat, TUESDAY) == RepeatForm(RepeatKind.TYPED, typed="FREQ=WEEKLY;INTERVAL=2")
    assert describe_repeat(repeat, TUESDAY) == "Every 2 weeks"
    assert describe_repeat(Repeat("FREQ=MONTHLY;BYDAY=-1FR"), TUESDAY) == (
        "By the rule FREQ=MONTHLY;BYDAY=-1FR"
    )


def test_the_monthly_choices_are_named_for_the_due_date() -> None:
    labels = [kind_label(kind, TUESDAY) for kind in KINDS]
    assert "Monthly on day 10" in labels and "Monthly on the second Tuesday" in labels
    fifth = date(2026, 12, 29)  # the fifth Tuesday: the last one
    assert kind_label(RepeatKind.MONTHLY_WEEKDAY, fifth) == "Monthly on the last Tuesday"
    assert repeat_of(RepeatForm(RepeatKind.MONTHLY_WEEKDAY), fifth, NOW) == Repeat(
        "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1"
    )


@pytest.mark.parametrize(
    "form",
    [
        RepeatForm(RepeatKind.WEEKLY),
        RepeatForm(RepeatKind.TYPED, typed=""),
        RepeatForm(RepeatKind.TYPED, typed="now and then"),
        RepeatForm(RepeatKind.TYPED, typed="FREQ=DAILY;COUNT=3"),
        RepeatForm(RepeatKind.TYPED, typed="FREQ=SOMETIMES"),
    ],
)
def test_a_rule_that_cannot_be_saved_is_refused(form: RepeatForm) -> None:
    with pytest.raises(InvalidInput):
        repeat_of(form, TUESDAY, NOW)
