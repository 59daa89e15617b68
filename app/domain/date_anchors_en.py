"""English dates said from another date: "the first monday of april", "the 20th of next
month", "wednesday next week", "friday after next", "a week from tomorrow", "3 fridays
from now", "the end of the month", "last sunday", holidays ("xmas").

Each reader takes the words (lower case, as `date_phrases_en` splits them) and a
position, and returns (words used, Reading) or None. Days read here are whole days; the
time of day is the other readers' business.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from app.domain.date_arithmetic import (
    add_days,
    days_in_month,
    first_of_next_month,
    make_date,
    next_day_of_month,
    next_weekday,
    weekday_in_week,
)
from app.domain.date_holidays import EN_HOLIDAYS, next_holiday, nth_weekday
from app.domain.date_reading import Reading, rx
from app.domain.date_words import (
    EN_MONTHS,
    EN_ORDINAL_SUFFIXES,
    EN_ORDINALS,
    EN_WEEKDAYS,
)
from app.domain.errors import CaptureError

__all__ = ["ANCHOR_READERS", "WEEKDAYS"]

# "weds" is typed in a hurry; it stays out of the shared names because a journal heading
# "Weds 2021-06-12" has never been read as a date line.
WEEKDAYS = {**EN_WEEKDAYS, "weds": 2}
_Read = tuple[int, Reading]
_Pick = Callable[[int, int], datetime.date | None]  # (year, month) -> a day of that month
_PLURAL_WEEKDAYS = {f"{name}s": day for name, day in WEEKDAYS.items() if len(name) > 3}


def _skip_the(words: list[str], i: int) -> int:
    return i + 1 if words[i : i + 1] == ["the"] else i


def _month_of(words: list[str], j: int, today: datetime.date) -> tuple[int, int, int | None] | None:
    """(words used, month, year or None) for "april", "april 2027", "the month", "this
    month" or "next month" at `j`. A month named without a year is the next one to come."""
    if j >= len(words):
        return None
    if words[j : j + 2] in (["the", "month"], ["this", "month"]):
        return 2, today.month, today.year
    if words[j : j + 2] == ["next", "month"]:
        following = first_of_next_month(today)
        return 2, following.month, following.year
    month = EN_MONTHS.get(words[j])
    if month is None:
        return None
    if j + 1 < len(words) and rx(r"[0-9]{4}").fullmatch(words[j + 1]):
        return 2, month, int(words[j + 1])
    return 1, month, None


def _in_month(
    today: datetime.date, month: int, year: int | None, pick: _Pick, words: str
) -> datetime.date | None:
    """The day `pick(year, month)` finds, in the given year or the next one to come."""
    years = [year] if year is not None else [today.year, today.year + 1]
    for candidate in years:
        if not datetime.MINYEAR <= candidate <= datetime.MAXYEAR:
            raise CaptureError(f"'{words}' is too far away to be a due date.", words=words)
        day = pick(candidate, month)
        if day is not None and (year is not None or day >= today):
            return day
    return None


def _ordinal_weekday(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "the first monday of april", "last friday of the month", "the last day of february",
    "the first weekend of march"."""
    j = _skip_the(words, i)
    n = EN_ORDINALS.get(words[j]) if j < len(words) else None
    if n is None or j + 2 >= len(words) or words[j + 2] not in ("of", "in"):
        return None
    what = words[j + 1]
    month = _month_of(words, j + 3, now.date())
    if month is None:
        return None
    used, month_number, year = month
    spelled = " ".join(words[i : j + 3 + used])

    def pick(y: int, m: int) -> datetime.date | None:
        if what == "day":
            if n == -1:
                return datetime.date(y, m, days_in_month(y, m))
            return datetime.date(y, m, n) if n <= days_in_month(y, m) else None
        weekday = 5 if what == "weekend" else WEEKDAYS.get(what)
        return None if weekday is None else nth_weekday(y, m, weekday, n)

    if what not in WEEKDAYS and what not in ("day", "weekend"):
        return None
    day = _in_month(now.date(), month_number, year, pick, spelled)
    if day is None:
        raise CaptureError(f"There is no such date: '{spelled}'.", words=spelled)
    return j + 3 + used - i, Reading(day=day)


def _day_of_month(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "the 20th of next month", "20 of next month", "the 1st of the month", "the 17th"."""
    j = _skip_the(words, i)
    found = _ordinal_day(words[j]) if j < len(words) else None
    if found is None:
        return None
    day, ordinal = found
    today = now.date()
    if words[j + 1 : j + 2] == ["of"] and j + 2 < len(words):
        if words[j + 2 : j + 4] == ["next", "month"]:
            following = first_of_next_month(today)
            spelled = " ".join(words[i : j + 4])
            return j + 4 - i, Reading(day=make_date(following.year, following.month, day, spelled))
        if words[j + 2 : j + 4] in (["the", "month"], ["this", "month"]):
            return j + 4 - i, Reading(day=next_day_of_month(today, day, words[j]))
        return None
    # Alone, only an ordinal is a day ("the 17th"); a bare number is a count.
    if not ordinal or not 1 <= day <= 31:
        return None
    return j + 1 - i, Reading(day=next_day_of_month(today, day, words[j]), calendar=True)


def _ordinal_day(word: str) -> tuple[int, bool] | None:
    """(day, written as an ordinal) for "20", "20th", "1st"; None for other words. Plain
    string tests: a regex compiled costs `rizhi add` a tenth of a millisecond."""
    digits = word[:-2] if word[-2:] in EN_ORDINAL_SUFFIXES else word
    if not (0 < len(digits) <= 2 and digits.isascii() and digits.isdigit()):
        return None
    return int(digits), digits != word


def _relative_week(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "wednesday next week", "next week wednesday", "friday after next", "the week after
    next", "last sunday"."""
    today = now.date()
    j = _skip_the(words, i)
    word = words[j] if j < len(words) else ""
    following = words[j + 1 : j + 3]
    if word in WEEKDAYS:
        weekday = WEEKDAYS[word]
        if following == ["next", "week"]:
            return j + 3 - i, Reading(day=weekday_in_week(today, weekday, 1))
        if following == ["this", "week"]:
            return j + 3 - i, Reading(day=weekday_in_week(today, weekday, 0))
        if following == ["after", "next"]:  # after "next <weekday>", the next week's
            return j + 3 - i, Reading(day=weekday_in_week(today, weekday, 2))
        return None
    if word == "week" and following == ["after", "next"]:
        return j + 3 - i, Reading(day=weekday_in_week(today, 0, 2))
    if words[j : j + 2] == ["next", "week"] and j + 2 < len(words) and words[j + 2] in WEEKDAYS:
        return j + 3 - i, Reading(day=weekday_in_week(today, WEEKDAYS[words[j + 2]], 1))
    if word == "last" and j == i and words[j + 1 : j + 2] and words[j + 1] in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS[words[j + 1]]) % 7 or 7
        return 2, Reading(day=add_days(today, -back, "last " + words[j + 1]))
    return None


def _end_of(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "the end of the month", "end of next month", "end of march", "end of the week",
    "end of year"."""
    j = _skip_the(words, i)
    if words[j : j + 2] != ["end", "of"]:
        return None
    k = j + 2
    today = now.date()
    rest = words[k : k + 2]
    if rest and rest[0] in ("the", "this"):
        k, rest = k + 1, words[k + 1 : k + 3]
    if rest[:1] == ["week"]:
        return k + 1 - i, Reading(day=_end_of_week(today, 0))
    if rest == ["next", "week"]:
        return k + 2 - i, Reading(day=_end_of_week(today, 1))
    if rest[:1] == ["year"]:
        return k + 1 - i, Reading(day=datetime.date(today.year, 12, 31))
    if rest == ["next", "month"]:
        start = first_of_next_month(today)
        return k + 2 - i, Reading(day=_last_day(start.year, start.month))
    if rest[:1] == ["month"]:
        return k + 1 - i, Reading(day=_last_day(today.year, today.month))
    month = _month_of(words, k, today)
    if month is None:
        return None
    used, number, year = month

    day = _in_month(today, number, year, _last_day, " ".join(words[i : k + used]))
    return None if day is None else (k + used - i, Reading(day=day))


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, days_in_month(year, month))


def _end_of_week(today: datetime.date, weeks_ahead: int) -> datetime.date:
    """A working week ends on Friday; at the weekend, this week ends on its Sunday."""
    friday = weekday_in_week(today, 4, weeks_ahead)
    return friday if friday >= today else weekday_in_week(today, 6, weeks_ahead)


def _weekend(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "this weekend", "the weekend" (its Saturday, or today at the weekend), "next
    weekend", and "this week" (its end)."""
    today = now.date()
    word = words[i]
    if word in ("this", "the", "weekend") and "weekend" in words[i : i + 2]:
        used = 1 if word == "weekend" else 2
        if words[i : i + 2] not in (["this", "weekend"], ["the", "weekend"]) and used == 2:
            return None
        day = today if today.weekday() >= 5 else next_weekday(today, 5)
        return used, Reading(day=day)
    if words[i : i + 2] == ["next", "weekend"]:
        return 2, Reading(day=weekday_in_week(today, 5, 1))
    if words[i : i + 2] == ["this", "week"]:
        return 2, Reading(day=_end_of_week(today, 0))
    return None


def _holiday(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    for size in (4, 3, 2, 1):
        rule = EN_HOLIDAYS.get(tuple(words[i : i + size]))
        if rule is not None:
            day = next_holiday(rule, now.date())
            return None if day is None else (size, Reading(day=day))
    return None


def _weekdays_from_now(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """ "3 fridays from now": the third Friday after today."""
    weekday = _PLURAL_WEEKDAYS.get(words[i + 1]) if i + 1 < len(words) else None
    if weekday is None or not words[i].isdigit() or words[i + 2 : i + 4] != ["from", "now"]:
        return None
    today = now.date()
    first = (weekday - today.weekday()) % 7 or 7
    spelled = " ".join(words[i : i + 4])
    return 4, Reading(day=add_days(today, first + 7 * (int(words[i]) - 1), spelled))


ANCHOR_READERS = (
    _holiday,
    _ordinal_weekday,
    _day_of_month,
    _relative_week,
    _end_of,
    _weekend,
    _weekdays_from_now,
)
