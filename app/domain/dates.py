"""Reading the due dates people type: "fri 3pm", "dec 1", "明天下午三点", "三天后".

A small hand-written parser reads the common English and Chinese forms deterministically and
in microseconds; only phrases it does not know go to `dateparser`, which is imported lazily
because importing it costs a quarter of a second on the `rizhi add` hot path.

`now` is always the caller's local wall clock; nothing here reads the system clock, so the same
phrase and `now` always give the same answer.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from app.domain.errors import CaptureError

__all__ = ["DueSpec", "find_chinese_dates", "match_fast", "parse_date_phrase"]


class DueSpec(NamedTuple):
    """A due date in local time; `time` None means the whole day."""

    date: datetime.date
    time: datetime.time | None = None


_HINT = "Try a weekday, 'tomorrow 3pm', or 2026-12-01."
_FALLBACK_MAX_CHARS = 80  # no real date phrase is longer; keeps dateparser off pasted paragraphs


def parse_date_phrase(
    phrase: str, now: datetime.datetime, *, allow_fallback: bool = True
) -> DueSpec:
    """Read `phrase` as a due date relative to `now`; raise CaptureError when it cannot."""
    text = " ".join(phrase.split())
    if not text:
        raise CaptureError(f"The date is empty. {_HINT}", words="")
    spec = match_fast(text, now)
    if spec is None and allow_fallback and len(text) <= _FALLBACK_MAX_CHARS:
        spec = _read_with_dateparser(text, now)
    if spec is None:
        raise CaptureError(f"Could not read the date '{text}'. {_HINT}", words=text)
    return spec


def match_fast(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read `phrase` with the fast parser only; None when it is not a form the parser knows.

    Raises CaptureError when the phrase is a known form that names no real or no single date
    ("feb 30", the ambiguous "3/4"): guessing there would silently file the item on a wrong day.
    """
    text = " ".join(phrase.split())
    if not text:
        return None
    try:
        spec = _read_english(text, now)
        return spec if spec is not None else _read_chinese(text, now)
    except (OverflowError, ValueError):
        # Only at the ends of the calendar (a `now` in year 1 or 9999): out of datetime's range.
        raise _too_far(text) from None


# --- shared model ------------------------------------------------------------------------


# The private records below are plain slotted classes, not dataclasses: creating a frozen
# dataclass costs ~0.6 ms at import, and this module is on the `rizhi add` path.


class _Clock:
    """A time of day as said; `exact` when am/pm (or noon/midnight) already fixed the hour."""

    __slots__ = ("exact", "hour", "minute")

    def __init__(self, hour: int, minute: int, *, exact: bool) -> None:
        self.hour, self.minute, self.exact = hour, minute, exact


class _Reading:
    """What one part of a phrase said; parts are merged, and saying a thing twice is a conflict."""

    __slots__ = ("clock", "day", "moment", "period")

    def __init__(
        self,
        *,
        day: datetime.date | None = None,
        clock: _Clock | None = None,
        period: str | None = None,  # a key of _PERIOD_DEFAULT_HOUR
        moment: datetime.datetime | None = None,  # "in 3 hours": an exact instant
    ) -> None:
        self.day, self.clock, self.period, self.moment = day, clock, period, moment

    def merged(self, other: _Reading) -> _Reading | None:
        if (
            (self.day and other.day)
            or (self.clock and other.clock)
            or (self.period and other.period)
            or (self.moment and other.moment)
        ):
            return None
        return _Reading(
            day=self.day or other.day,
            clock=self.clock or other.clock,
            period=self.period or other.period,
            moment=self.moment or other.moment,
        )


# Hour a bare period word stands for. The small hours have none: "凌晨" alone names no time.
_PERIOD_DEFAULT_HOUR: dict[str, int | None] = {
    "morning": 9,
    "noon": 12,
    "afternoon": 15,
    "dusk": 18,
    "evening": 18,
    "night": 20,
    "small_hours": None,
}


def _hour_in_period(period: str | None, hour: int) -> tuple[int, int] | None:
    """(days to add, 24-hour hour) for a clock hour said within a period, None if it cannot be.

    "下午3点" is 15:00 and "晚上12点" is the midnight that ends the day, as people use them.
    """
    if period is None:
        return (0, hour) if 0 <= hour <= 23 else None
    if period == "morning":
        return (0, hour) if 0 <= hour <= 12 else None
    if period == "noon":
        if 11 <= hour <= 14:
            return (0, hour)
        return (0, hour + 12) if 1 <= hour <= 2 else None
    if period in ("afternoon", "dusk"):
        if 1 <= hour <= 11:
            return (0, hour + 12)
        return (0, hour) if 12 <= hour <= 23 else None
    if period in ("evening", "night"):
        if 5 <= hour <= 11:
            return (0, hour + 12)
        if 17 <= hour <= 23:
            return (0, hour)
        if hour in (0, 12):
            return (1, 0)
        return (1, hour) if 1 <= hour <= 4 else None
    # small hours
    if 0 <= hour <= 6:
        return (0, hour)
    return (0, 0) if hour == 12 else None


def _time_of_day(reading: _Reading) -> tuple[int, datetime.time] | None:
    """(days to add, time) named by the clock and period; None when they do not fit together."""
    clock, period = reading.clock, reading.period
    if clock is None:
        hour = _PERIOD_DEFAULT_HOUR.get(period or "")
        return None if hour is None else (0, datetime.time(hour))
    if clock.exact:
        return 0, datetime.time(clock.hour, clock.minute)
    shifted = _hour_in_period(period, clock.hour)
    if shifted is None:
        return None
    return shifted[0], datetime.time(shifted[1], clock.minute)


def _resolve(reading: _Reading, now: datetime.datetime) -> DueSpec | None:
    """Turn merged parts into a due date; None when they do not make one."""
    if reading.moment is not None:
        if reading.day or reading.clock or reading.period:
            return None
        return DueSpec(
            reading.moment.date(), reading.moment.time().replace(second=0, microsecond=0)
        )
    if reading.clock is None and reading.period is None:
        return None if reading.day is None else DueSpec(reading.day)
    timed = _time_of_day(reading)
    if timed is None:
        return None
    shift, time = timed
    if reading.day is not None:
        return DueSpec(_add_days(reading.day, shift, "the date"), time)
    # A time alone is the next time the clock shows it: today if still ahead, else tomorrow.
    base = _naive(now)
    start = datetime.datetime.combine(_add_days(base.date(), shift, "the time"), time)
    if start <= base:
        start += datetime.timedelta(days=1)
    return DueSpec(start.date(), time)


# --- calendar arithmetic -----------------------------------------------------------------


def _naive(now: datetime.datetime) -> datetime.datetime:
    return now.replace(tzinfo=None)


def _too_far(words: str) -> CaptureError:
    return CaptureError(f"'{words}' is too far away to be a due date.", words=words)


def _add_days(day: datetime.date, days: int, words: str) -> datetime.date:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        raise _too_far(words) from None


def _add_months(day: datetime.date, months: int, words: str) -> datetime.date:
    """Same day `months` later, clamped to the month's end (jan 31 + 1 month = feb 28)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise _too_far(words)
    return datetime.date(year, month0 + 1, min(day.day, _days_in_month(year, month0 + 1)))


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def _make_date(year: int, month: int, day: int, words: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CaptureError(f"There is no such date: '{words}'.", words=words) from None


def _next_month_day(today: datetime.date, month: int, day: int, words: str) -> datetime.date:
    """The next `month`/`day` on or after today (feb 29 waits for a leap year)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise CaptureError(f"There is no such date: '{words}'.", words=words)
    for year in range(today.year, min(today.year + 8, datetime.MAXYEAR) + 1):
        if day <= _days_in_month(year, month):
            candidate = datetime.date(year, month, day)
            if candidate >= today:
                return candidate
    raise CaptureError(f"There is no such date: '{words}'.", words=words)


def _next_day_of_month(today: datetime.date, day: int, words: str) -> datetime.date:
    """The next day numbered `day` on or after today ("31号" skips months without a 31st)."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= _days_in_month(year, month):
            candidate = datetime.date(year, month, day)
            if candidate >= today:
                return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise CaptureError(f"There is no such date: '{words}'.", words=words)


def _next_weekday(today: datetime.date, weekday: int) -> datetime.date:
    """On or after today: on a Friday, "fri" is today."""
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


def _weekday_in_week(today: datetime.date, weekday: int, weeks_ahead: int) -> datetime.date:
    """`weekday` of the ISO week (Monday first) `weeks_ahead` weeks from this one."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday + datetime.timedelta(days=7 * weeks_ahead + weekday)


def _first_of_next_month(today: datetime.date) -> datetime.date:
    if today.month == 12:
        return datetime.date(today.year + 1, 1, 1)
    return datetime.date(today.year, today.month + 1, 1)


def _offset(unit: str, count: int, now: datetime.datetime, words: str) -> _Reading:
    """`count` units after now; hours and minutes give an exact moment, the rest a day."""
    today = now.date()
    if unit == "days":
        return _Reading(day=_add_days(today, count, words))
    if unit == "weeks":
        return _Reading(day=_add_days(today, 7 * count, words))
    if unit == "months":
        return _Reading(day=_add_months(today, count, words))
    delta = (
        datetime.timedelta(hours=count) if unit == "hours" else datetime.timedelta(minutes=count)
    )
    try:
        return _Reading(moment=_naive(now) + delta)
    except OverflowError:
        raise _too_far(words) from None


# --- English -----------------------------------------------------------------------------

_EN_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_EN_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
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

# Pattern sources; _rx compiles each on first use so importing this module stays cheap.
_EN_ISO = r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:t([0-9]{1,2}):([0-9]{2}))?"
_EN_NUMERIC = r"([0-9]{1,2})([/.])([0-9]{1,2})(?:\2([0-9]{4}))?"  # 12/1, 1.12.2026
_EN_DAY = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_EN_YEAR = r"[0-9]{4}"
_EN_COUNT = r"[0-9]{1,4}"
_EN_CLOCK = r"([0-9]{1,2})(?::([0-9]{2}))?(am|pm|a\.m|p\.m)?"
_EN_CLOCK_24H = r"([0-9]{1,2}):([0-9]{2})"

_Read = tuple[int, _Reading]  # (words used, what they said)


@functools.cache
def _rx(pattern: str) -> re.Pattern[str]:
    """Compiled on first use: compiling every pattern at import would cost ~3 ms per `rizhi add`."""
    return re.compile(pattern)


def _en_words(phrase: str) -> list[str]:
    """Lower-case words; commas are spaces and a trailing full stop is dropped ("fri.")."""
    words = phrase.lower().replace(",", " ").split()
    return [w[:-1] if len(w) > 1 and w.endswith(".") else w for w in words]


def _read_english(phrase: str, now: datetime.datetime) -> DueSpec | None:
    words = _en_words(phrase)
    if not words:
        return None
    reading = _Reading()
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
    return _resolve(reading, now)


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
        return 1, _Reading(day=_add_days(today, _EN_DAY_WORDS[word], word))
    if word == "tonight":
        return 1, _Reading(day=today, period="night")
    start = i + 1 if word == "the" else i
    if words[start : start + 3] == ["day", "after", "tomorrow"]:
        return start + 3 - i, _Reading(day=_add_days(today, 2, "day after tomorrow"))
    if word == "this" and i + 1 < len(words) and words[i + 1] in _EN_PERIODS:
        return 2, _Reading(day=today, period=_EN_PERIODS[words[i + 1]])
    return None


def _en_weekday(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    today = now.date()
    word = words[i]
    if word in _EN_WEEKDAYS:
        return 1, _Reading(day=_next_weekday(today, _EN_WEEKDAYS[word]))
    if word not in ("this", "next", "coming") or i + 1 >= len(words):
        return None
    following = words[i + 1]
    if following in _EN_WEEKDAYS:
        weekday = _EN_WEEKDAYS[following]
        if word == "next":  # the named day of next week, never this week's
            return 2, _Reading(day=_weekday_in_week(today, weekday, 1))
        return 2, _Reading(day=_next_weekday(today, weekday))
    if word == "next" and following == "week":
        return 2, _Reading(day=_weekday_in_week(today, 0, 1))
    if word == "next" and following == "month":
        return 2, _Reading(day=_first_of_next_month(today))
    return None


def _en_offset(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    """`in 3 days`, `3 days`, `in a week`, `2 hours from now`, `3 days later`."""
    j = i + 1 if words[i] == "in" else i
    if j + 1 >= len(words) or words[j + 1] not in _EN_UNITS:
        return None
    if _rx(_EN_COUNT).fullmatch(words[j]):
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
    return end - i, _offset(_EN_UNITS[words[j + 1]], count, now, " ".join(words[i:end]))


def _en_calendar(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    word = words[i]
    if iso := _rx(_EN_ISO).fullmatch(word):
        return 1, _en_iso(iso, word)
    if numeric := _rx(_EN_NUMERIC).fullmatch(word):
        day = _en_numeric(numeric, now.date(), word)
        return None if day is None else (1, _Reading(day=day))
    return _en_month_day(words, i, now.date())


def _en_iso(match: re.Match[str], word: str) -> _Reading:
    year, month, day, hour, minute = match.groups()
    date = _make_date(int(year), int(month), int(day), word)
    if hour is None:
        return _Reading(day=date)
    if int(hour) > 23 or int(minute) > 59:
        raise CaptureError(f"There is no such time: '{word}'.", words=word)
    return _Reading(day=date, clock=_Clock(int(hour), int(minute), exact=True))


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
        return _make_date(int(match.group(4)), month, day, word)
    return _next_month_day(today, month, day, word)


def _en_month_day(words: list[str], i: int, today: datetime.date) -> _Read | None:
    """`dec 1`, `december 1st 2026`, `1 dec`, `1st of december 2026`."""
    month = _EN_MONTHS.get(words[i])
    if month is not None:
        day_match = _rx(_EN_DAY).fullmatch(words[i + 1]) if i + 1 < len(words) else None
        end = i + 2
    else:
        day_match = _rx(_EN_DAY).fullmatch(words[i])
        j = i + 2 if words[i + 1 : i + 2] == ["of"] else i + 1
        month = _EN_MONTHS.get(words[j]) if j < len(words) else None
        end = j + 1
    if month is None or day_match is None:
        return None
    day = int(day_match.group(1))
    spelled = " ".join(words[i:end])
    if end < len(words) and _rx(_EN_YEAR).fullmatch(words[end]):
        spelled = f"{spelled} {words[end]}"
        return end + 1 - i, _Reading(day=_make_date(int(words[end]), month, day, spelled))
    return end - i, _Reading(day=_next_month_day(today, month, day, spelled))


def _en_clock(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    word = words[i]
    if word == "noon":
        return 1, _Reading(clock=_Clock(12, 0, exact=True))
    if word == "midnight":
        return 1, _Reading(clock=_Clock(0, 0, exact=True))
    if (match := _rx(_EN_CLOCK).fullmatch(word)) is None:
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
        return used, _Reading(clock=_Clock(hour % 12 + _EN_MERIDIEM[meridiem], minute, exact=True))
    # Without am/pm only a 24-hour "15:00" is a time; a bare number is not ("chapter 3").
    if not _rx(_EN_CLOCK_24H).fullmatch(word) or hour > 23:
        return None
    return 1, _Reading(clock=_Clock(hour, minute, exact=False))


def _en_period(words: list[str], i: int, now: datetime.datetime) -> _Read | None:
    period = _EN_PERIODS.get(words[i])
    return None if period is None else (1, _Reading(period=period))


# --- Chinese -----------------------------------------------------------------------------

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"(?:[0-9０-９]{1,4}|[零〇一二两三四五六七八九十]{1,3})"
_ZH_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十")

_ZH_DAY_WORDS: dict[str, tuple[int, str | None]] = {
    "大后天": (3, None),
    "后天": (2, None),
    "明天": (1, None),
    "明日": (1, None),
    "今天": (0, None),
    "今日": (0, None),
    "昨天": (-1, None),
    "今晚": (0, "night"),
    "明晚": (1, "night"),
    "今早": (0, "morning"),
    "明早": (1, "morning"),
}
_ZH_PERIODS = {
    "上午": "morning",
    "早上": "morning",
    "早晨": "morning",
    "中午": "noon",
    "下午": "afternoon",
    "傍晚": "dusk",
    "晚上": "night",
    "夜里": "night",
    "凌晨": "small_hours",
}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_ZH_WEEKS_AHEAD = {"下下个": 2, "下下": 2, "下个": 1, "下": 1, "这个": 0, "这": 0, "本": 0}
_ZH_UNITS = {
    "个小时": "hours",
    "小时": "hours",
    "个钟头": "hours",
    "钟头": "hours",
    "分钟": "minutes",
    "个星期": "weeks",
    "个礼拜": "weeks",
    "个月": "months",
    "星期": "weeks",
    "礼拜": "weeks",
    "周": "weeks",
    "天": "days",
    "日": "days",
}
# "3号楼" is building 3 and "3号线" metro line 3, not the 3rd of the month.
_ZH_NOT_A_DAY_AFTER_HAO = frozenset("楼房线机门厅馆室位床车口院站码")
# A match may not start right after these: "上周五" is last week, "每周五" every week,
# "第3号" a number; reading "周五" out of them would invent a due date.
_ZH_BLOCKED_BEFORE = frozenset("上每第")
# First characters of capture markers (see capture.py); a date glued to one is left alone.
_MARKER_CHARS = frozenset("#!~^@＃！～\\")


def _alternatives(words: Iterable[str]) -> str:
    """Regex alternation of the words, longest first so "大后天" wins over "后天"."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_ZH_MONTH_DAY = rf"(?:([0-9]{{4}}|[零〇一二三四五六七八九]{{4}})年)?({_NUM})月({_NUM})[日号]"
_ZH_OFFSET = rf"({_NUM}|半)({_alternatives(_ZH_UNITS)})(?:以后|之后|后)"
_ZH_DAY_WORD = _alternatives(_ZH_DAY_WORDS)
_ZH_WEEKDAY = rf"({_alternatives(_ZH_WEEKS_AHEAD)})?(?:周|星期|礼拜)([一二三四五六日天末1-7])"
_ZH_NEXT_WEEK = r"(下下个|下下|下个|下)(?:周|星期|礼拜)|(下个月|下月)"
_ZH_HAO = rf"({_NUM})号"
_ZH_PERIOD = _alternatives(_ZH_PERIODS)
_ZH_CLOCK = rf"({_NUM})(?:点钟|点|點|时)(?:(半)|(一刻|三刻)|({_NUM})分?|(整))?"
_ZH_CLOCK_COLON = r"([0-9]{1,2})[:：]([0-9]{2})"
_ZH_BEFORE = r"之前|以前|前"


def _zh_int(text: str, *, positional: bool = False) -> int | None:
    """Value of Arabic or Chinese digits: 3, ３, 三, 十, 十一, 二十三, 两; None if malformed.

    `positional` reads digit by digit, as years are written: 二〇二六.
    """
    if text[0] not in _ZH_DIGITS and text[0] != "十":
        return int(text)  # ASCII or full-width digits; int() reads both
    if positional:
        return int("".join(str(_ZH_DIGITS[c]) for c in text)) if "十" not in text else None
    if text == "两":
        return 2
    if "两" in text or (len(text) > 1 and ("零" in text or "〇" in text)):
        return None
    if "十" not in text:
        return _ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if (tens and tens not in _ZH_DIGITS) or (ones and ones not in _ZH_DIGITS):
        return None  # "十十", "三四十"
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


_CJK_START = "\u2e80"  # CJK radicals onwards: ideographs, CJK punctuation, full-width forms


def _has_cjk(text: str) -> bool:
    """Every Chinese date expression holds such a character; text without one skips the
    Chinese rules and their regexes, which English captures would otherwise compile."""
    return any(char >= _CJK_START for char in text)


def _read_chinese(phrase: str, now: datetime.datetime) -> DueSpec | None:
    text = phrase.strip()
    if not _has_cjk(text):
        return None
    found = _zh_match(text, 0, now, strict=False)
    if found is None or found[0] != len(text):
        return None
    return found[1]


def find_chinese_dates(text: str, now: datetime.datetime) -> list[tuple[int, int, DueSpec]]:
    """Every Chinese date expression in `text` as (start, end, due), left to right.

    Chinese is written without spaces, so dates are found inside running text:
    "明天下午三点开组会" holds "明天下午三点". The rules are stricter than for a whole phrase so
    that ordinary words are not taken: "三点" (three points) needs 半/分 or digits, "下午茶" is
    not a time, and nothing starts right after 上/每/第 or inside a number.
    """
    found: list[tuple[int, int, DueSpec]] = []
    if not _has_cjk(text):
        return found
    i = 0
    while i < len(text):
        got = _zh_match_in_range(text, i, now) if _may_start_at(text, i) else None
        if got is None:
            i += 1
            continue
        found.append((i, got[0], got[1]))
        i = got[0]
    return found


def _zh_match_in_range(text: str, i: int, now: datetime.datetime) -> tuple[int, DueSpec] | None:
    try:
        return _zh_match(text, i, now, strict=True)
    except (OverflowError, ValueError):  # see match_fast: only at the ends of the calendar
        raise _too_far(text[i:]) from None


def _may_start_at(text: str, i: int) -> bool:
    if i == 0:
        return True
    before = text[i - 1]
    if before in _ZH_BLOCKED_BEFORE:
        return False
    return not (text[i] in _ZH_NUMBER_CHARS and before in _ZH_NUMBER_CHARS)


class _ZhPart:
    """One part of a Chinese date expression and where it ends in the text."""

    __slots__ = ("end", "reading", "written_clock")

    def __init__(self, end: int, reading: _Reading, written_clock: bool = False) -> None:
        self.end, self.reading = end, reading
        # A clock hard to mistake for a count: "8点", "三点半", "3:30" (not "三点").
        self.written_clock = written_clock


def _zh_match(
    text: str, pos: int, now: datetime.datetime, *, strict: bool
) -> tuple[int, DueSpec] | None:
    """The longest Chinese date expression starting at `pos`, as (end, due), or None.

    Parts come in the order people write them, date, period, clock ("明天 下午 三点"), spaces
    allowed between; the longest prefix of parts that makes a valid date wins.
    """
    parts = _zh_parts(text, pos, now)
    for count in range(len(parts), 0, -1):
        reading = _combine(parts[:count])
        if reading is None:
            continue
        if strict and not _zh_plausible(reading, parts[:count]):
            continue
        spec = _resolve(reading, now)
        if spec is None:
            continue
        end = parts[count - 1].end
        if before := _rx(_ZH_BEFORE).match(text, end):  # "周五前": by Friday
            end = before.end()
        if strict and _marker_starts_at(text, end):
            continue  # "明天#x" would leave "#x" looking like a tag in the title
        return end, spec
    return None


def _marker_starts_at(text: str, i: int) -> bool:
    """Whether a capture marker (`#x`, `!`, `\\x`, `due:`...) would begin at `i`."""
    return i < len(text) and (text[i] in _MARKER_CHARS or text[i : i + 4].casefold() == "due:")


def _combine(parts: list[_ZhPart]) -> _Reading | None:
    reading: _Reading | None = _Reading()
    for part in parts:
        reading = reading.merged(part.reading) if reading is not None else None
    return reading


def _zh_plausible(reading: _Reading, parts: list[_ZhPart]) -> bool:
    """In running text, a period alone ("下午茶") or a bare count ("三点建议") is not a time."""
    if reading.day is not None or reading.moment is not None:
        return True
    if reading.clock is None:
        return False
    return reading.period is not None or any(p.written_clock for p in parts)


def _zh_parts(text: str, pos: int, now: datetime.datetime) -> list[_ZhPart]:
    parts: list[_ZhPart] = []
    day = _zh_day(text, pos, now)
    if day is not None:
        parts.append(day)
        if day.reading.moment is not None:
            return parts  # "三小时后" is already a time
    at = _skip_spaces(text, parts[-1].end) if parts else pos
    has_period = day is not None and day.reading.period is not None
    if not has_period and (period := _rx(_ZH_PERIOD).match(text, at)):
        parts.append(_ZhPart(period.end(), _Reading(period=_ZH_PERIODS[period.group()])))
        at = _skip_spaces(text, period.end())
    clock = _zh_clock(text, at)
    if clock is not None:
        parts.append(clock)
    return parts


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _zh_clock(text: str, at: int) -> _ZhPart | None:
    if colon := _rx(_ZH_CLOCK_COLON).match(text, at):  # "下午3:30"
        if int(colon.group(2)) > 59:
            return None
        clock = _Clock(int(colon.group(1)), int(colon.group(2)), exact=False)
        return _ZhPart(colon.end(), _Reading(clock=clock), written_clock=True)
    match = _rx(_ZH_CLOCK).match(text, at)
    hour = None if match is None else _zh_int(match.group(1))
    if match is None or hour is None:
        return None
    half, quarter, minutes, sharp = match.group(2, 3, 4, 5)
    minute = 30 if half else 15 if quarter == "一刻" else 45 if quarter else 0
    end = match.end()
    if minutes is not None:
        value = _zh_int(minutes)
        if value is None or value > 59:  # "3点七十": take "3点" and leave the rest
            end, minutes = match.start(4), None
        else:
            minute = value
    digits = match.group(1)[0] not in _ZH_DIGITS and match.group(1)[0] != "十"
    written = digits or bool(half or quarter or minutes or sharp)
    return _ZhPart(end, _Reading(clock=_Clock(hour, minute, exact=False)), written)


def _zh_day(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    for reader in (_zh_month_day, _zh_offset, _zh_day_word, _zh_weekday, _zh_next_week, _zh_hao):
        part = reader(text, at, now)
        if part is not None:
            return part
    return None


def _zh_month_day(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = _rx(_ZH_MONTH_DAY).match(text, at)
    if match is None:
        return None
    year_text, month_text, day_text = match.groups()
    month, day = _zh_int(month_text), _zh_int(day_text)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year_text is None:
        date = _next_month_day(now.date(), month, day, match.group())
    else:
        year = _zh_int(year_text, positional=True)
        if year is None or year < datetime.MINYEAR:
            return None
        date = _make_date(year, month, day, match.group())
    return _ZhPart(match.end(), _Reading(day=date))


def _zh_offset(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = _rx(_ZH_OFFSET).match(text, at)
    if match is None:
        return None
    unit = _ZH_UNITS[match.group(2)]
    if match.group(1) == "半":  # "半小时后" only; half a day is not a due date
        if unit != "hours":
            return None
        return _ZhPart(match.end(), _offset("minutes", 30, now, match.group()))
    count = _zh_int(match.group(1))
    if count is None:
        return None
    return _ZhPart(match.end(), _offset(unit, count, now, match.group()))


def _zh_day_word(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = _rx(_ZH_DAY_WORD).match(text, at)
    if match is None:
        return None
    shift, period = _ZH_DAY_WORDS[match.group()]
    day = _add_days(now.date(), shift, match.group())
    return _ZhPart(match.end(), _Reading(day=day, period=period))


def _zh_weekday(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = _rx(_ZH_WEEKDAY).match(text, at)
    if match is None:
        return None
    prefix, name = match.groups()
    weekday = int(name) - 1 if name.isdigit() else _ZH_WEEKDAYS[name]
    if prefix is None:
        day = _next_weekday(now.date(), weekday)
    else:  # "这周五" is this ISO week's Friday even if passed; "下周五" is next week's
        day = _weekday_in_week(now.date(), weekday, _ZH_WEEKS_AHEAD[prefix])
    return _ZhPart(match.end(), _Reading(day=day))


def _zh_next_week(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = _rx(_ZH_NEXT_WEEK).match(text, at)
    if match is None:
        return None
    today = now.date()
    if match.group(2):  # 下个月: the first of next month, as "next month"
        return _ZhPart(match.end(), _Reading(day=_first_of_next_month(today)))
    return _ZhPart(
        match.end(), _Reading(day=_weekday_in_week(today, 0, _ZH_WEEKS_AHEAD[match.group(1)]))
    )


def _zh_hao(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = _rx(_ZH_HAO).match(text, at)
    if match is None:
        return None
    if match.end() < len(text) and text[match.end()] in _ZH_NOT_A_DAY_AFTER_HAO:
        return None
    day = _zh_int(match.group(1))
    if day is None or not 1 <= day <= 31:
        return None
    return _ZhPart(match.end(), _Reading(day=_next_day_of_month(now.date(), day, match.group())))


# --- dateparser fallback -----------------------------------------------------------------

# Words that show the phrase named a time of day, so a parsed 00:00 is meant, not a default.
_TIME_CUE = (
    r"[0-9]\s*(?:am|pm|a\.m|p\.m)|[0-9]:[0-9]|[点點时]"
    r"|\b(?:noon|midnight|hours?|hrs?|minutes?|mins?|o'clock)\b"
)


def _read_with_dateparser(phrase: str, now: datetime.datetime) -> DueSpec | None:
    import dateparser  # heavy (~0.25 s to import); only unusual phrases need it

    base = _naive(now)
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        found = dateparser.parse(phrase, settings=settings, languages=["en", "zh"])
    except Exception:  # a third-party parser on arbitrary text: any failure means unreadable
        return None
    if found is None:
        return None
    found = found.replace(tzinfo=None)
    # dateparser fills a missing time with 00:00 or with RELATIVE_BASE's time ("in 3 days");
    # either means the phrase named no time and the item stays all-day.
    named_time = re.search(_TIME_CUE, phrase, re.IGNORECASE) is not None or found.time() not in (
        datetime.time(0),
        base.time(),
    )
    if not named_time:
        return DueSpec(found.date())
    return DueSpec(found.date(), found.time().replace(second=0, microsecond=0))
