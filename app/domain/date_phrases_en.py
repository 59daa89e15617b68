"""Reading an English due-date phrase: "fri 3pm", "dec 1", "in 3 days", "next week".

The phrase is split into words and read part by part (a day, a clock time, a period of the
day), each part at most once. Weekday and month names come from `date_words`, which the
journal's heading reader shares.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from app.domain.date_arithmetic import (
    add_days,
    first_of_next_month,
    make_date,
    next_month_day,
    next_weekday,
    weekday_in_week,
)
from app.domain.date_reading import Clock, DueSpec, Reading, offset, resolve, rx
from app.domain.date_words import EN_MONTHS, EN_ORDINAL_SUFFIXES, EN_WEEKDAYS, alternation
from app.domain.errors import CaptureError

__all__ = ["is_duration", "read_english"]

# "weds" is typed in a hurry; it stays out of the shared names because a journal heading
# "Weds 2021-06-12" has never been read as a date line.
_EN_WEEKDAYS = {**EN_WEEKDAYS, "weds": 2}
_EN_UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "month": "months",
    "months": "months",
    "hour": "hours",
    "hours": "hours",
    "hr": "hours",
    "hrs": "hours",
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "mins": "minutes",
}
_EN_DAY_WORDS = {"today": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "yesterday": -1}
_EN_PERIODS = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
}
_EN_CONNECTORS = frozenset({"at", "on", "by"})
_EN_MERIDIEM = {"am": 0, "a.m": 0, "pm": 12, "p.m": 12}

# Pattern sources; `rx` compiles each on first use so importing this module stays cheap.
_EN_ISO = r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:t([0-9]{1,2}):([0-9]{2}))?"
_EN_NUMERIC = r"([0-9]{1,2})([/.])([0-9]{1,2})(?:\2([0-9]{4}))?"  # 12/1, 1.12.2026
_EN_DAY = rf"([0-9]{{1,2}})(?:{alternation(EN_ORDINAL_SUFFIXES)})?"
_EN_YEAR = r"[0-9]{4}"
_EN_COUNT = r"[0-9]{1,4}"
_EN_CLOCK = r"([0-9]{1,2})(?::([0-9]{2}))?(am|pm|a\.m|p\.m)?"
_EN_CLOCK_24H = r"([0-9]{1,2}):([0-9]{2})"

_Read = tuple[int, Reading]  # (words used, what they said)


def _en_words(phrase: str) -> list[str]:
    """Lower-case words; commas are spaces and a trailing full stop is dropped ("fri.")."""
    words = phrase.lower().replace(",", " ").split()
    return [w[:-1] if len(w) > 1 and w.endswith(".") else w for w in words]


def read_english(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read the whole of `phrase` as an English date; None when any word is not part of one."""
    words = _en_words(phrase)
    if not words:
        return None
    reading = Reading()
    i = 0
    while i < len(words):
        # "at 3pm", "on fri", "by tomorrow": a connector only counts in front of a part.
        skip = 1 if words[i] in _EN_CONNECTORS else 0
        got = _en_part(words, i + skip, now) if i + skip < len(words) else None
        if got is None:
            return None
        used, part = got
        merged = reading.merged(part)
        if merged is None:
            return None
        reading = merged
        i += skip + used
    return resolve(reading, now)


def is_duration(words: Sequence[str]) -> bool:
    """Whether `words` are a count of a unit and nothing else ("3 days", "an hour"): read
    as a date it is that long from now, but after "for" it says how long, not when."""
    folded = _en_words(" ".join(words))
    if len(folded) != 2 or folded[1] not in _EN_UNITS:
        return False
    return folded[0] in ("a", "an", "one") or rx(_EN_COUNT).fullmatch(folded[0]) is not None


def _en_part(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    for reader in (_en_named_day, _en_weekday, _en_offset, _en_calendar, _en_clock, _en_period):
        got = reader(words, i, now)
        if got is not None:
            return got
    return None


def _en_named_day(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    today = now.date()
    word = words[i]
    if word in _EN_DAY_WORDS:
        return 1, Reading(day=add_days(today, _EN_DAY_WORDS[word], word))
    if word == "tonight":
        return 1, Reading(day=today, period="night")
    start = i + 1 if word == "the" else i
    if words[start : start + 3] == ["day", "after", "tomorrow"]:
        return start + 3 - i, Reading(day=add_days(today, 2, "day after tomorrow"))
    if word == "this" and i + 1 < len(words) and words[i + 1] in _EN_PERIODS:
        return 2, Reading(day=today, period=_EN_PERIODS[words[i + 1]])
    return None


def _en_weekday(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    today = now.date()
    word = words[i]
    if word in _EN_WEEKDAYS:
        return 1, Reading(day=next_weekday(today, _EN_WEEKDAYS[word]))
    if word not in ("this", "next", "coming") or i + 1 >= len(words):
        return None
    following = words[i + 1]
    if following in _EN_WEEKDAYS:
        weekday = _EN_WEEKDAYS[following]
        if word == "next":  # the named day of next week, never this week's
            return 2, Reading(day=weekday_in_week(today, weekday, 1))
        return 2, Reading(day=next_weekday(today, weekday))
    if word == "next" and following == "week":
        return 2, Reading(day=weekday_in_week(today, 0, 1))
    if word == "next" and following == "month":
        return 2, Reading(day=first_of_next_month(today))
    return None


def _en_offset(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """`in 3 days`, `3 days`, `in a week`, `2 hours from now`, `3 days later`."""
    j = i + 1 if words[i] == "in" else i
    if j + 1 >= len(words) or words[j + 1] not in _EN_UNITS:
        return None
    if rx(_EN_COUNT).fullmatch(words[j]):
        count = int(words[j])
    elif j > i and words[j] in ("a", "an", "one"):
        count = 1
    else:
        return None
    end = j + 2
    if words[end : end + 1] == ["later"]:
        end += 1
    elif words[end : end + 2] == ["from", "now"]:
        end += 2
    return end - i, offset(_EN_UNITS[words[j + 1]], count, now, " ".join(words[i:end]))


def _en_calendar(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    word = words[i]
    if iso := rx(_EN_ISO).fullmatch(word):
        return 1, _en_iso(iso, word)
    if numeric := rx(_EN_NUMERIC).fullmatch(word):
        day = _en_numeric(numeric, now.date(), word)
        return None if day is None else (1, Reading(day=day))
    return _en_month_day(words, i, now.date())


def _en_iso(match: re.Match[str], word: str) -> Reading:
    year, month, day, hour, minute = match.groups()
    date = make_date(int(year), int(month), int(day), word)
    if hour is None:
        return Reading(day=date)
    if int(hour) > 23 or int(minute) > 59:
        raise CaptureError(f"There is no such time: '{word}'.", words=word)
    return Reading(day=date, clock=Clock(int(hour), int(minute), exact=True))


def _en_numeric(match: re.Match[str], today: datetime.date, word: str) -> datetime.date | None:
    """`m/d` only when the reading is forced: one part above 12 must be the day.

    Americans write 3/4 for March 4th and most of the world for April 3rd; guessing would file
    the item a month off, so both-readings-possible is an error that asks for ISO.
    """
    if match.group(2) == "." and match.group(4) is None:
        return None  # "Python 3.13" is a version, not March 13th; dotted dates need a year
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 and second > 12:
        return None
    if first > 12:
        month, day = second, first
    elif second > 12 or first == second:
        month, day = first, second
    else:
        raise CaptureError(
            f"'{word}' is ambiguous: month/day or day/month? "
            "Write the date as YYYY-MM-DD, e.g. 2026-12-01.",
            words=word,
        )
    if match.group(4) is not None:
        return make_date(int(match.group(4)), month, day, word)
    return next_month_day(today, month, day, word)


def _en_month_day(words: list[str], i: int, today: datetime.date) -> _Read | None:
    """`dec 1`, `december 1st 2026`, `1 dec`, `1st of december 2026`."""
    month = EN_MONTHS.get(words[i])
    if month is not None:
        day_match = rx(_EN_DAY).fullmatch(words[i + 1]) if i + 1 < len(words) else None
        end = i + 2
    else:
        day_match = rx(_EN_DAY).fullmatch(words[i])
        j = i + 2 if words[i + 1 : i + 2] == ["of"] else i + 1
        month = EN_MONTHS.get(words[j]) if j < len(words) else None
        end = j + 1
    if month is None or day_match is None:
        return None
    day = int(day_match.group(1))
    spelled = " ".join(words[i:end])
    if end < len(words) and rx(_EN_YEAR).fullmatch(words[end]):
        spelled = f"{spelled} {words[end]}"
        return end + 1 - i, Reading(day=make_date(int(words[end]), month, day, spelled))
    return end - i, Reading(day=next_month_day(today, month, day, spelled))


def _en_clock(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    word = words[i]
    if word == "noon":
        return 1, Reading(clock=Clock(12, 0, exact=True))
    if word == "midnight":
        return 1, Reading(clock=Clock(0, 0, exact=True))
    if (match := rx(_EN_CLOCK).fullmatch(word)) is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem, used = match.group(3), 1
    if meridiem is None and i + 1 < len(words) and words[i + 1] in _EN_MERIDIEM:
        meridiem, used = words[i + 1], 2  # "3 pm"
    if minute > 59:
        return None
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return None
        return used, Reading(clock=Clock(hour % 12 + _EN_MERIDIEM[meridiem], minute, exact=True))
    # Without am/pm only a 24-hour "15:00" is a time; a bare number is not ("chapter 3").
    if not rx(_EN_CLOCK_24H).fullmatch(word) or hour > 23:
        return None
    return 1, Reading(clock=Clock(hour, minute, exact=False))


def _en_period(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    period = _EN_PERIODS.get(words[i])
    return None if period is None else (1, Reading(period=period))
