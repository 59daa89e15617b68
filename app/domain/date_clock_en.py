"""English clock times: "3pm", "15:00", "at 4", "a quarter past 3", "half nine", "16h30".

A time read here is a `Clock`: exact when the words fix the hour (am/pm, noon, a 24-hour
form such as 15:00, 09:00 or 1030), otherwise a 12-hour clock whose half of the day
`date_reading.resolve` decides ("at 3:30" is the afternoon). A bare number is a time only
right after "at" ("at 4", "at 1030"): elsewhere it is a count ("chapter 3", "PR 1030").
"""

from __future__ import annotations

import re

from app.domain.date_reading import Clock, rx
from app.domain.date_words import EN_NUMBERS

__all__ = ["read_clock"]

_MERIDIEM = {"am": 0, "a.m": 0, "pm": 12, "p.m": 12}
_MERIDIEM_RX = r"(am|pm|a\.m|p\.m)"
# "3pm", "3:30pm", "15:00", "9:00", "03:30 pm" (am/pm glued or in the next word).
_CLOCK = rf"([0-9]{{1,2}})(?::([0-9]{{2}}))?{_MERIDIEM_RX}?"
# "15h", "16h30", "9h30": the continental 24-hour clock.
_H_CLOCK = r"([0-9]{1,2})h([0-9]{2})?"
# "2-4pm", "9:30-11am": a range's start, with the end's am/pm.
_RANGE = rf"([0-9]{{1,2}})(?::([0-9]{{2}}))?-([0-9]{{1,2}})(?::[0-9]{{2}})?{_MERIDIEM_RX}"
_MILITARY = r"([01][0-9]|2[0-3])([0-5][0-9])"  # "at 1030", "at 0900"
_OCLOCK = frozenset({"o'clock", "oclock"})
# The minutes of "ten past six", "a quarter to 5", "20 minutes to 2pm".
_MINUTE_WORDS = {"quarter": 15, "half": 30}
_PAST = frozenset({"past", "after"})
_TO = frozenset({"to", "till", "til"})

_Read = tuple[int, Clock]  # (words used, the time)


def read_clock(words: list[str], i: int, *, after_at: bool) -> _Read | None:
    """The time of day `words[i:]` start with, or None."""
    word = words[i]
    if word in ("noon", "midday"):
        return 1, Clock(12, 0, exact=True)
    if word == "midnight":
        return 1, Clock(0, 0, exact=True)
    for reader in (_relative, _numeric, _spelled):
        got = reader(words, i, after_at)
        if got is not None:
            return got
    return None


def _meridiem_after(words: list[str], j: int) -> tuple[int, str | None]:
    """(words used, am/pm) for an "am" or "pm" written as the word at `j`."""
    if j < len(words) and words[j] in _MERIDIEM:
        return 1, words[j]
    return 0, None


def _with_meridiem(hour: int, minute: int, meridiem: str | None) -> Clock | None:
    if minute > 59:
        return None
    if meridiem is None:
        return Clock(hour, minute, exact=False) if 1 <= hour <= 12 else None
    if not 1 <= hour <= 12:
        return None
    return Clock(hour % 12 + _MERIDIEM[meridiem], minute, exact=True)


def _numeric(words: list[str], i: int, after_at: bool) -> _Read | None:
    word = words[i]
    if match := rx(_CLOCK).fullmatch(word):
        return _digits_clock(words, i, match, after_at)
    if match := rx(_H_CLOCK).fullmatch(word):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        # "8h" alone is as likely eight hours as eight o'clock: only an afternoon hour or
        # written minutes make it a time.
        if hour > 23 or minute > 59 or (match.group(2) is None and hour < 13):
            return None
        return 1, Clock(hour, minute, exact=True)
    if match := rx(_RANGE).fullmatch(word):
        return _range_start(match)
    if after_at and (match := rx(_MILITARY).fullmatch(word)):
        return 1, Clock(int(match.group(1)), int(match.group(2)), exact=True)
    return None


def _digits_clock(words: list[str], i: int, match: re.Match[str], after_at: bool) -> _Read | None:
    digits, minutes, meridiem = match.groups()
    hour, minute = int(digits), int(minutes or 0)
    used = 1
    if meridiem is None:
        extra, meridiem = _meridiem_after(words, i + 1)
        if meridiem is None and words[i + 1 : i + 2] and words[i + 1] in _OCLOCK:
            extra, meridiem = _oclock(words, i + 1)
        used += extra
    if meridiem is not None:
        clock = _with_meridiem(hour, minute, meridiem)
        return None if clock is None else (used, clock)
    if minutes is None and used == 1 and not after_at:
        return None  # a bare number is a count, not a time: "chapter 3"
    if hour > 23 or minute > 59:
        return None
    # Written the 24-hour way, the hour is as written: 15:00, 09:00, 0:30, and 12:30,
    # which is lunch time on either clock.
    exact = hour in (0, 12) or hour > 12 or (minutes is not None and digits.startswith("0"))
    if hour == 12 and minutes is None:
        exact = False  # "at 12" alone could be noon or midnight
    return used, Clock(hour, minute, exact=exact)


def _oclock(words: list[str], j: int) -> tuple[int, str | None]:
    """(words used, am/pm) for "o'clock" at `j` and an am/pm after it."""
    extra, meridiem = _meridiem_after(words, j + 1)
    return 1 + extra, meridiem


def _range_start(match: re.Match[str]) -> _Read | None:
    start, minutes, end, meridiem = match.groups()
    hour, last = int(start), int(end)
    if not (1 <= hour <= 12 and 1 <= last <= 12):
        return None
    if hour > last and hour != 12:  # "11-1pm" starts in the morning
        meridiem = "am" if meridiem in ("pm", "p.m") else "pm"
    clock = _with_meridiem(hour, int(minutes or 0), meridiem)
    return None if clock is None else (1, clock)


def _hour_word(words: list[str], j: int) -> int | None:
    """The hour 1-12 the word at `j` says, in digits or letters."""
    if j >= len(words):
        return None
    word = words[j]
    hour = int(word) if word.isdigit() and len(word) <= 2 else EN_NUMBERS.get(word, 0)
    return hour if 1 <= hour <= 12 else None


def _spelled(words: list[str], i: int, after_at: bool) -> _Read | None:
    """ "three o'clock", "seven pm", "half nine", and "at seven"."""
    hour = _hour_word(words, i)
    if hour is not None and not words[i].isdigit():
        extra, meridiem = _meridiem_after(words, i + 1)
        if meridiem is None and words[i + 1 : i + 2] and words[i + 1] in _OCLOCK:
            extra, meridiem = _oclock(words, i + 1)
        if extra or after_at:
            clock = _with_meridiem(hour, 0, meridiem)
            return None if clock is None else (1 + extra, clock)
        return None
    if words[i] == "half" and (hour := _hour_word(words, i + 1)) is not None:
        return _finish(words, i + 2, hour, 30)  # British "half nine": 9:30
    return None


def _minutes_word(words: list[str], i: int) -> tuple[int, int, bool] | None:
    """(words used, minutes, spelled out) for the count before "past" or "to"."""
    start = i + 1 if words[i] == "a" else i
    if start >= len(words):
        return None
    word = words[start]
    if word in _MINUTE_WORDS:
        return start + 1 - i, _MINUTE_WORDS[word], True
    if start > i:
        return None  # "a" goes with quarter only
    count = None
    spelled = not word.isdigit()
    if word.isdigit() and len(word) <= 2:
        count = int(word)
    elif word in EN_NUMBERS:
        count = EN_NUMBERS[word]
        following = words[start + 1] if start + 1 < len(words) else ""
        if count == 20 and following in EN_NUMBERS and EN_NUMBERS[following] < 10:
            count, start = 20 + EN_NUMBERS[following], start + 1  # "twenty five"
    if count is None or not 1 <= count <= 59:
        return None
    used = start + 1 - i
    if words[start + 1 : start + 2] and words[start + 1] in ("minutes", "minute", "mins", "min"):
        used, spelled = used + 1, True
    return used, count, spelled


def _relative(words: list[str], i: int, after_at: bool) -> _Read | None:
    """ "a quarter past 3", "ten to five", "20 minutes to 2pm", "twenty past seven"."""
    counted = _minutes_word(words, i)
    if counted is None:
        return None
    used, minutes, spelled = counted
    j = i + used
    if j >= len(words) or (words[j] not in _PAST and words[j] not in _TO):
        return None
    # "5 to 6" reads as a range as often as 5:55: only a spelled count or "minutes" is a time.
    if words[j] in _TO and not spelled:
        return None
    hour_at = j + 1
    meridiem = None
    if hour_at < len(words) and (match := rx(_CLOCK).fullmatch(words[hour_at])):
        if match.group(2) is not None:
            return None
        hour, meridiem = int(match.group(1)), match.group(3)
        if not 1 <= hour <= 12:
            return None
    else:
        found = _hour_word(words, hour_at)
        if found is None:
            return None
        hour = found
    offset = -minutes if words[j] in _TO else minutes
    return _finish(words, hour_at + 1, hour, offset, meridiem, start=i)


def _finish(
    words: list[str],
    end: int,
    hour: int,
    offset: int,
    meridiem: str | None = None,
    *,
    start: int | None = None,
) -> _Read | None:
    """The clock `offset` minutes from `hour` o'clock, read up to `end`, with an "o'clock"
    or am/pm written after it ("ten to five pm")."""
    first = end - 2 if start is None else start
    if meridiem is None:
        if words[end : end + 1] and words[end] in _OCLOCK:
            extra, meridiem = _oclock(words, end)
        else:
            extra, meridiem = _meridiem_after(words, end)
        end += extra
    if meridiem is not None:
        total = ((hour % 12 + _MERIDIEM[meridiem]) * 60 + offset) % (24 * 60)
        return end - first, Clock(total // 60, total % 60, exact=True)
    total = hour * 60 + offset
    if total < 60:  # "a quarter to one" is 12:45
        total += 12 * 60
    return end - first, Clock(total // 60, total % 60, exact=False)
