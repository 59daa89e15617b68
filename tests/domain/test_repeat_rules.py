"""Repeat rules: RRULEs computed with dateutil, counted from the due date or from
completion, with the RFC's edge cases."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import InvalidInput
from app.domain.repeats import Repeat, check_rule, next_occurrence, occurrences


def test_a_rule_is_kept_without_its_prefix_in_upper_case() -> None:
    assert check_rule("rrule:freq=weekly;byday=mo") == "FREQ=WEEKLY;BYDAY=MO"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "every monday",
        "FREQ=SOMETIMES",
        "FREQ=DAILY;DTSTART=20260101T000000",
        "FREQ=DAILY;BYHOUR=9",
        "FREQ=DAILY;COUNT=2",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY\nFREQ=WEEKLY",
    ],
)
def test_bad_rules_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        check_rule(text)


def test_daily_weekly_and_weekdays() -> None:
    friday = date(2026, 11, 20)
    assert next_occurrence(Repeat("FREQ=DAILY"), friday, today=friday) == date(2026, 11, 21)
    assert next_occurrence(Repeat("FREQ=WEEKLY;INTERVAL=2"), friday, today=friday) == date(
        2026, 12, 4
    )
    weekdays = Repeat("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    assert next_occurrence(weekdays, friday, today=friday) == date(2026, 11, 23)


def test_the_31st_skips_the_months_without_one() -> None:
    rule = Repeat("FREQ=MONTHLY;BYMONTHDAY=31")
    assert occurrences(rule, date(2026, 1, 31), 4) == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
        date(2026, 7, 31),
    ]
    last = Repeat("FREQ=MONTHLY;BYMONTHDAY=-1")
    assert occurrences(last, date(2026, 1, 31), 3) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]


def test_february_29th_comes_every_four_years() -> None:
    rule = Repeat("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")
    assert next_occurrence(rule, date(2028, 2, 29), today=date(2028, 2, 29)) == date(2032, 2, 29)


def test_the_second_tuesday_of_each_month() -> None:
    rule = Repeat("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2")
    assert occurrences(rule, date(2026, 11, 1), 3) == [
        date(2026, 11, 10),
        date(2026, 12, 8),
        date(2027, 1, 12),
    ]
    assert next_occurrence(rule, date(2026, 11, 10), today=date(2026, 11, 10)) == date(2026, 12, 8)


def test_a_late_completion_comes_back_once_not_for_every_missed_occurrence() -> None:
    weekly = Repeat("FREQ=WEEKLY")
    due = date(2026, 11, 2)
    assert next_occurrence(weekly, due, today=date(2026, 11, 20)) == date(2026, 11, 23)
    # An early completion moves to the next occurrence after the due date.
    assert next_occurrence(weekly, due, today=date(2026, 10, 30)) == date(2026, 11, 9)


def test_from_completion_counts_from_the_day_it_was_done() -> None:
    every_three = Repeat("FREQ=DAILY;INTERVAL=3", from_completion=True)
    assert next_occurrence(every_three, date(2026, 11, 10), today=date(2026, 11, 20)) == date(
        2026, 11, 23
    )


def test_a_rule_that_ends_has_no_next_occurrence() -> None:
    until = Repeat("FREQ=DAILY;UNTIL=20261121")
    start = date(2026, 11, 20)
    assert next_occurrence(until, start, today=start) == date(2026, 11, 21)
    assert next_occurrence(until, date(2026, 11, 21), today=start) is None


def test_a_rule_that_ended_years_ago_is_still_a_rule_and_one_with_no_date_is_not() -> None:
    # An item imported from an old export may carry a rule that ended long ago.
    assert (
        check_rule("FREQ=WEEKLY;BYDAY=MO;UNTIL=20190301") == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20190301"
    )
    with pytest.raises(InvalidInput, match="never occurs"):
        check_rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
