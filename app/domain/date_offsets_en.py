"""English offsets: "in 3 days", "in half an hour", "a couple of hours", "in an hour and a
half", "within a week", "2 weeks from now", "a week from tomorrow", "2 days before friday",
"this time next week".

An offset in hours or minutes is an exact moment; in days or longer it is a whole day.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from app.domain.date_arithmetic import add_days, add_months, naive, too_far
from app.domain.date_reading import Reading, offset
from app.domain.date_words import EN_NUMBERS

__all__ = ["is_duration", "read_offset"]

UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "fortnight": "fortnights",
    "fortnights": "fortnights",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
    "yr": "years",
    "yrs": "years",
    "hour": "hours",
    "hours": "hours",
    "hr": "hours",
    "hrs": "hours",
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "mins": "minutes",
}
# Counts are kept in tenths, so "1.5 hours" and "half an hour" stay whole numbers (the
# `fractions` module would cost `rizhi add` 2 ms to import).
_WHOLE = 10

_Read = tuple[int, Reading]
# Reads the day an offset counts from ("tomorrow", "friday"): (words used, its Reading).
DayReader = Callable[[list[str], int, datetime.datetime], _Read | None]


def _count(words: list[str], j: int) -> tuple[int, int] | None:
    """(words used, tenths) for "3", "1.5", "a", "an", "two", "twenty five", "a couple of",
    "half an"; None for anything else, "a few" included (no one date)."""
    word = words[j]
    if _is_digits(word, 4):
        return 1, int(word) * _WHOLE
    whole, point, tenth = word.partition(".")
    if point and _is_digits(whole, 2) and _is_digits(tenth, 1):  # "1.5"
        return 1, int(whole) * _WHOLE + int(tenth)
    if words[j : j + 3] == ["a", "couple", "of"] or words[j : j + 2] == ["couple", "of"]:
        return (3 if word == "a" else 2), 2 * _WHOLE
    if words[j : j + 2] == ["a", "couple"]:
        return 2, 2 * _WHOLE
    if word == "half" and words[j + 1 : j + 2] in (["an"], ["a"]):
        return 2, _WHOLE // 2
    if word in ("a", "an"):
        return 1, _WHOLE
    if word in EN_NUMBERS:
        value = EN_NUMBERS[word]
        following = EN_NUMBERS.get(words[j + 1], 0) if j + 1 < len(words) else 0
        if value >= 20 and value % 10 == 0 and 0 < following < 10:
            return 2, (value + following) * _WHOLE
        return 1, value * _WHOLE
    return None


def _is_digits(text: str, most: int) -> bool:
    """ASCII digits, at most `most` of them (plain string tests: each regex compiled costs
    `rizhi add` a tenth of a millisecond)."""
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def _amount(words: list[str], j: int) -> tuple[int, int, str] | None:
    """(words used, tenths, unit) for "3 days", "an hour and a half", "half an hour"."""
    if j >= len(words):
        return None
    counted = _count(words, j)
    if counted is None or j + counted[0] >= len(words):
        return None
    used, count = counted
    unit = UNITS.get(words[j + used])
    if unit is None:
        return None
    used += 1
    if words[j + used : j + used + 3] == ["and", "a", "half"]:
        count, used = count + _WHOLE // 2, used + 3
    return used, count, unit


def is_duration(words: Sequence[str]) -> bool:
    """Whether `words` are a count of a unit and nothing else ("3 days", "an hour", "8
    hours"): read as a date it is that long from now, but after "for", or with no "in"
    before it at the end of a title, it says how long, not when."""
    folded = [word.lower() for word in " ".join(words).replace(",", " ").split()]
    amount = _amount(folded, 0)
    return amount is not None and amount[0] == len(folded)


def _shift(
    day: datetime.date, count: int, unit: str, sign: int, words: str
) -> datetime.date | None:
    """`day` moved by a whole number (`count` in tenths) of days, weeks, fortnights, months
    or years."""
    if count % _WHOLE:
        return None  # half a day is not a due date
    n = sign * (count // _WHOLE)
    if unit == "months":
        return add_months(day, n, words)
    if unit == "years":
        return add_months(day, 12 * n, words)
    days = {"days": 1, "weeks": 7, "fortnights": 14}[unit]
    return add_days(day, days * n, words)


def _from_now(count: int, unit: str, now: datetime.datetime, words: str) -> Reading | None:
    if unit in ("hours", "minutes"):
        tenths = count * 60 if unit == "hours" else count
        if tenths % _WHOLE:
            return None  # "in 2.5 minutes"
        return offset("minutes", tenths // _WHOLE, now, words)
    day = _shift(now.date(), count, unit, 1, words)
    return None if day is None else Reading(day=day)


def read_offset(
    words: list[str], i: int, now: datetime.datetime, read_day: DayReader
) -> _Read | None:
    """An offset starting at `words[i]`; `read_day` reads the day one counts from."""
    if words[i : i + 2] == ["this", "time"]:
        return _this_time(words, i, now)
    lead = words[i] in ("in", "within")
    j = i + 1 if lead else i
    amount = _amount(words, j)
    if amount is None:
        return None
    used, count, unit = amount
    end = j + used
    following = words[end] if end < len(words) else None
    # "a week" alone is a length of time ("in a week" is a date), and "20 minutes to 2pm"
    # is a clock: without "in", only a count in digits at the end of the phrase is a date.
    bare = not lead and following not in ("from", "after", "before", "later")
    if bare and (not _is_digits(words[j], 4) or following is not None):
        return None
    if words[end : end + 1] == ["later"]:
        end += 1
    elif words[end : end + 2] == ["from", "now"]:
        end += 2
    elif not lead and words[end : end + 1] in (["from"], ["after"], ["before"]):
        return _from_day(words, (i, end), (count, unit), now, read_day)
    reading = _from_now(count, unit, now, " ".join(words[i:end]))
    return None if reading is None else (end - i, reading)


def _from_day(
    words: list[str],
    span: tuple[int, int],
    amount: tuple[int, str],
    now: datetime.datetime,
    read_day: DayReader,
) -> _Read | None:
    """ "a week from tomorrow", "two weeks from friday", "2 days before friday": the amount
    read from `span` (start, the word "from"/"after"/"before"), counted from the day after."""
    (i, end), (count, unit) = span, amount
    if unit in ("hours", "minutes") or end + 1 >= len(words):
        return None
    base = read_day(words, end + 1, now)
    if base is None or base[1].day is None or base[1].clock or base[1].moment:
        return None
    stop = end + 1 + base[0]
    spelled = " ".join(words[i:stop])
    sign = -1 if words[end] == "before" else 1
    day = _shift(base[1].day, count, unit, sign, spelled)
    return None if day is None else (stop - i, Reading(day=day))


def _this_time(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "this time tomorrow", "this time next week": now's time on that day."""
    later = {("tomorrow",): 1, ("next", "week"): 7}
    for size in (1, 2):
        days = later.get(tuple(words[i + 2 : i + 2 + size]))
        if days is not None:
            try:
                moment = naive(now) + datetime.timedelta(days=days)
            except OverflowError:
                raise too_far(" ".join(words[i : i + 2 + size])) from None
            return 2 + size, Reading(moment=moment)
    return None
