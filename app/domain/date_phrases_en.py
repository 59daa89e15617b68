"""Reading an English due-date phrase: "fri 3pm", "dec 1", "in 3 days", "next week",
"tonight at 11", "a quarter past 3", "the first monday of april", "xmas at 6 pm".

The phrase is split into words and read part by part (a day, a clock time, a period of the
day), each part at most once; a weekday may go with a date that falls on it ("Friday,
March 13"). Weekday and month names come from `date_words`, which the journal's heading
reader shares; clock times are read in `date_clock_en`, offsets in `date_offsets_en`, and
dates said from other dates in `date_anchors_en`.
"""

from __future__ import annotations

import datetime
import re

from app.domain.date_anchors_en import ANCHOR_READERS, WEEKDAYS
from app.domain.date_arithmetic import (
    add_days,
    first_of_next_month,
    make_date,
    next_month_day,
    next_weekday,
    weekday_in_week,
)
from app.domain.date_clock_en import read_clock
from app.domain.date_offsets_en import is_duration, read_offset
from app.domain.date_reading import Clock, DueSpec, Reading, names_another_weekday, resolve, rx
from app.domain.date_words import EN_MONTHS, EN_ORDINAL_SUFFIXES, alternation
from app.domain.errors import CaptureError

__all__ = ["is_duration", "read_english"]

_EN_DAY_WORDS = {"today": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "yesterday": -1}
_EN_PERIODS = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
}
# Words for the end of the working day: due that day, with no time of its own.
_EN_DAY_END: tuple[tuple[str, ...], ...] = (
    ("eod",),
    ("cob",),
    ("end", "of", "day"),
    ("end", "of", "the", "day"),
    ("close", "of", "business"),
    ("end", "of", "business"),
)
_EN_CONNECTORS = frozenset({"at", "on", "by", "@"})

# Pattern sources; `rx` compiles each on first use so importing this module stays cheap.
_EN_ISO = r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:t([0-9]{1,2}):([0-9]{2}))?"
# 12/1, 1.12.2026, 12/25/26
_EN_NUMERIC = r"([0-9]{1,2})([/.])([0-9]{1,2})(?:\2([0-9]{4}|[0-9]{2}))?"
# A year written with two digits is read only this near today: "12/25/26" is 2026, while
# "10/31/74" could be 1974 or 2074 and is refused.
_TWO_DIGIT_YEAR_REACH = 10
# "3", "3rd", and the start of a range: "June 3-5".
_EN_DAY = rf"([0-9]{{1,2}})(?:{alternation(EN_ORDINAL_SUFFIXES)})?(?:-[0-9]{{1,2}})?"
_EN_YEAR = r"[0-9]{4}"

_Read = tuple[int, Reading]  # (words used, what they said)


def _en_words(phrase: str) -> list[str]:
    """Lower-case words; commas are spaces, a trailing full stop is dropped ("fri."), and
    a hyphen between letters is a space ("twenty-five", "mid-day")."""
    text = phrase.lower().replace(",", " ").replace("\u2019", "'")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    return [w[:-1] if len(w) > 1 and w.endswith(".") else w for w in text.split()]


def read_english(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read the whole of `phrase` as an English date; None when any word is not part of one.

    Raises CaptureError for a form that names no real or single date ("feb 30", "3/4",
    "Friday, March 14" when the 14th is a Saturday).
    """
    words = _en_words(phrase)
    if not words:
        return None
    reading = Reading()
    error: CaptureError | None = None
    i = 0
    while i < len(words):
        # "at 3pm", "on fri", "by tomorrow": a connector only counts in front of a part.
        skip = 1 if words[i] in _EN_CONNECTORS else 0
        after_at = bool(skip) and words[i] in ("at", "@")
        try:
            got = _en_part(words, i + skip, now, after_at) if i + skip < len(words) else None
        except CaptureError as refused:
            # A part naming no date ("feb 30", "4/5") only makes the phrase an error when
            # every other word is a date too: "4/5 star reviews" is no date at all.
            error = error or refused
            got = (max(1, len(refused.words.split())), Reading())  # the words it names
        if got is None:
            return None
        used, part = got
        merged = reading.merged(part)
        if merged is None:
            _refuse_wrong_weekday(reading, part, phrase)
            return None
        reading = merged
        i += skip + used
    if error is not None:
        raise error
    _refuse_morning_or_evening(reading, phrase)
    return resolve(reading, now)


def _refuse_morning_or_evening(reading: Reading, phrase: str) -> None:
    """ "friday at 7" is breakfast as often as dinner: on a named day, 7 and 8 o'clock
    without am/pm or a part of the day are refused rather than guessed. (9 to 11 on a named
    day is the morning, 1 to 6 the afternoon; see `date_reading.resolve`.)"""
    clock = reading.clock
    if reading.day is None or clock is None or clock.exact or reading.period is not None:
        return
    if clock.hour in (7, 8):
        raise CaptureError(
            f"'{phrase}': {clock.hour} in the morning or in the evening? "
            f"Write {clock.hour}am or {clock.hour}pm.",
            words=phrase,
        )


def _refuse_wrong_weekday(reading: Reading, part: Reading, phrase: str) -> None:
    """A weekday written with a date it does not fall on names no single day: refuse."""
    day = names_another_weekday(reading, part)
    if day is not None:
        raise CaptureError(
            f"'{phrase}' does not name one day: {day.isoformat()} is a {day.strftime('%A')}.",
            words=phrase,
        )


def _en_part(
    words: list[str], i: int, now: datetime.datetime, after_at: bool = False
) -> _Read | None:
    for reader in (_en_named_day, *ANCHOR_READERS, _en_offset, _en_weekday, _en_calendar):
        got = reader(words, i, now)
        if got is not None:
            return got
    clock = read_clock(words, i, after_at=after_at)
    if clock is not None:
        return clock[0], Reading(clock=clock[1])
    return _en_period(words, i, now)


def _en_day_part(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """A part that names a day (no time): what an offset counts from ("from friday")."""
    for reader in (_en_named_day, *ANCHOR_READERS, _en_weekday, _en_calendar):
        got = reader(words, i, now)
        if got is not None:
            return got
    return None


def _en_offset(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    return read_offset(words, i, now, _en_day_part)


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
    if words[start : start + 3] == ["day", "before", "yesterday"]:
        return start + 3 - i, Reading(day=add_days(today, -2, "day before yesterday"))
    if word == "this" and i + 1 < len(words) and words[i + 1] in _EN_PERIODS:
        return 2, Reading(day=today, period=_EN_PERIODS[words[i + 1]])
    if words[i : i + 2] == ["later", "today"]:
        return 2, Reading(day=today)
    for end_of_day in _EN_DAY_END:
        if tuple(words[i : i + len(end_of_day)]) == end_of_day:
            return len(end_of_day), Reading(period="day_end")
    return None


def _en_weekday(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    today = now.date()
    word = words[i]
    if word in WEEKDAYS:
        weekday = WEEKDAYS[word]
        return 1, Reading(day=next_weekday(today, weekday), weekday=weekday)
    if word not in ("this", "next", "coming") or i + 1 >= len(words):
        return None
    following = words[i + 1]
    if following in WEEKDAYS:
        weekday = WEEKDAYS[following]
        if word == "next":  # the named day of next week, never this week's
            return 2, Reading(day=weekday_in_week(today, weekday, 1), weekday=weekday)
        return 2, Reading(day=next_weekday(today, weekday), weekday=weekday)
    if word == "next" and following == "week":
        return 2, Reading(day=weekday_in_week(today, 0, 1))
    if word == "next" and following == "month":
        return 2, Reading(day=first_of_next_month(today))
    return None


def _en_calendar(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    word = words[i]
    if iso := rx(_EN_ISO).fullmatch(word):
        return 1, _en_iso(iso, word)
    if numeric := rx(_EN_NUMERIC).fullmatch(word):
        day = _en_numeric(numeric, now.date(), word)
        return None if day is None else (1, Reading(day=day, calendar=True))
    return _en_month_day(words, i, now.date())


def _en_iso(match: re.Match[str], word: str) -> Reading:
    year, month, day, hour, minute = match.groups()
    date = make_date(int(year), int(month), int(day), word)
    if hour is None:
        return Reading(day=date, calendar=True)
    if int(hour) > 23 or int(minute) > 59:
        raise CaptureError(f"There is no such time: '{word}'.", words=word)
    return Reading(day=date, clock=Clock(int(hour), int(minute), exact=True), calendar=True)


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
        return make_date(_full_year(match.group(4), today, word), month, day, word)
    return next_month_day(today, month, day, word)


def _full_year(digits: str, today: datetime.date, word: str) -> int:
    if len(digits) == 4:
        return int(digits)
    century = today.year - today.year % 100
    year = min(
        (century - 100 + int(digits), century + int(digits), century + 100 + int(digits)),
        key=lambda candidate: abs(candidate - today.year),
    )
    if abs(year - today.year) > _TWO_DIGIT_YEAR_REACH:
        raise CaptureError(
            f"Which century is '{word}' in? Write the year in full, e.g. 2026-12-01.",
            words=word,
        )
    return year


def _en_month_day(words: list[str], i: int, today: datetime.date) -> _Read | None:
    """`dec 1`, `december 1st 2026`, `december the 3rd`, `1 dec`, `the 1st of december`."""
    month = EN_MONTHS.get(words[i])
    if month is not None:
        j = i + 2 if words[i + 1 : i + 2] == ["the"] else i + 1
        day_match = rx(_EN_DAY).fullmatch(words[j]) if j < len(words) else None
        end = j + 1
    else:
        start = i + 1 if words[i] == "the" else i
        day_match = rx(_EN_DAY).fullmatch(words[start]) if start < len(words) else None
        j = start + 2 if words[start + 1 : start + 2] == ["of"] else start + 1
        month = EN_MONTHS.get(words[j]) if j < len(words) else None
        end = j + 1
    if month is None or day_match is None:
        return None
    day = int(day_match.group(1))
    spelled = " ".join(words[i:end])
    if end < len(words) and rx(_EN_YEAR).fullmatch(words[end]):
        spelled = f"{spelled} {words[end]}"
        date = make_date(int(words[end]), month, day, spelled)
        return end + 1 - i, Reading(day=date, calendar=True)
    return end - i, Reading(day=next_month_day(today, month, day, spelled), calendar=True)


def _en_period(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "morning", "in the evening", "first thing" (the morning)."""
    if words[i : i + 2] == ["first", "thing"]:
        return 2, Reading(period="morning")
    if words[i : i + 2] == ["in", "the"] and i + 2 < len(words) and words[i + 2] in _EN_PERIODS:
        return 3, Reading(period=_EN_PERIODS[words[i + 2]])
    period = _EN_PERIODS.get(words[i])
    return None if period is None else (1, Reading(period=period))
