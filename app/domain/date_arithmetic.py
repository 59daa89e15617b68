"""Calendar arithmetic for due dates: days later, the next Friday, the next 12 March.

Every step that can leave the calendar or name a day that does not exist raises a
CaptureError naming the words that asked for it, so the person sees what to fix.
"""

from __future__ import annotations

import datetime

from app.domain.errors import CaptureError

__all__ = [
    "add_days",
    "add_months",
    "days_in_month",
    "first_of_next_month",
    "make_date",
    "naive",
    "next_day_of_month",
    "next_month_day",
    "next_weekday",
    "too_far",
    "weekday_in_week",
]


def naive(now: datetime.datetime) -> datetime.datetime:
    """`now` as the wall clock reads it: due dates are local and carry no zone."""
    return now.replace(tzinfo=None)


def too_far(words: str) -> CaptureError:
    return CaptureError(f"'{words}' is too far away to be a due date.", words=words)


def add_days(day: datetime.date, days: int, words: str) -> datetime.date:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        raise too_far(words) from None


def add_months(day: datetime.date, months: int, words: str) -> datetime.date:
    """Same day `months` later, clamped to the month's end (jan 31 + 1 month = feb 28)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise too_far(words)
    return datetime.date(year, month0 + 1, min(day.day, days_in_month(year, month0 + 1)))


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def make_date(year: int, month: int, day: int, words: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CaptureError(f"There is no such date: '{words}'.", words=words) from None


def next_month_day(today: datetime.date, month: int, day: int, words: str) -> datetime.date:
    """The next `month`/`day` on or after today (feb 29 waits for a leap year)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise CaptureError(f"There is no such date: '{words}'.", words=words)
    for year in range(today.year, min(today.year + 8, datetime.MAXYEAR) + 1):
        if day <= days_in_month(year, month):
            candidate = datetime.date(year, month, day)
            if candidate >= today:
                return candidate
    raise CaptureError(f"There is no such date: '{words}'.", words=words)


def next_day_of_month(today: datetime.date, day: int, words: str) -> datetime.date:
    """The next day numbered `day` on or after today ("31号" skips months without a 31st)."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= days_in_month(year, month):
            candidate = datetime.date(year, month, day)
            if candidate >= today:
                return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise CaptureError(f"There is no such date: '{words}'.", words=words)


def next_weekday(today: datetime.date, weekday: int) -> datetime.date:
    """On or after today: on a Friday, "fri" is today."""
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


def weekday_in_week(today: datetime.date, weekday: int, weeks_ahead: int) -> datetime.date:
    """`weekday` of the ISO week (Monday first) `weeks_ahead` weeks from this one."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday + datetime.timedelta(days=7 * weeks_ahead + weekday)


def first_of_next_month(today: datetime.date) -> datetime.date:
    if today.month == 12:
        return datetime.date(today.year + 1, 1, 1)
    return datetime.date(today.year, today.month + 1, 1)
