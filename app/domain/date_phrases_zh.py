"""Reading Chinese due dates: "明天下午三点", "下周五", "三天后", "12月1日", "8点半".

Chinese is written without spaces, so besides reading a whole phrase (`read_chinese`) this
module finds dates inside running text (`find_chinese_dates`): "明天下午三点开组会" holds
"明天下午三点". Numerals and weekday names come from `date_words`, which the journal's
heading reader shares. Text without a CJK character is turned away before any regex here
is compiled; `dates.py` does not even import this module for such text.
"""

from __future__ import annotations

import datetime

from app.domain.date_arithmetic import (
    add_days,
    first_of_next_month,
    make_date,
    next_day_of_month,
    next_month_day,
    next_weekday,
    too_far,
    weekday_in_week,
)
from app.domain.date_reading import Clock, DueSpec, Reading, offset, resolve, rx
from app.domain.date_words import (
    ZH_DAY_MARKS,
    ZH_DIGITS,
    ZH_WEEK_WORDS,
    ZH_WEEKDAYS,
    alternation,
    has_cjk,
)

__all__ = ["find_chinese_dates", "read_chinese"]

# Every character of a Chinese number up to 99: the digits and 十.
_ZH_NUMERALS = "".join(ZH_DIGITS) + "十"
# Years are spelt digit by digit (二〇二六), and never with 两.
_ZH_YEAR_DIGITS = "".join(digit for digit in ZH_DIGITS if digit != "两")
_NUM = rf"(?:[0-9０-９]{{1,4}}|[{_ZH_NUMERALS}]{{1,3}})"
_ZH_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９" + _ZH_NUMERALS)

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
# 周末, the weekend, is due on its Saturday.
_ZH_WEEKDAY_NAMES = {**ZH_WEEKDAYS, "末": 5}
_ZH_WEEKDAY_CHARS = "".join(_ZH_WEEKDAY_NAMES)
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

# Pattern sources; `rx` compiles each on first use, and only for text holding CJK characters.
# Longest alternatives first, so "大后天" wins over "后天".
_ZH_MONTH_DAY = rf"(?:([0-9]{{4}}|[{_ZH_YEAR_DIGITS}]{{4}})年)?({_NUM})月({_NUM})[{ZH_DAY_MARKS}]"
_ZH_OFFSET = rf"({_NUM}|半)({alternation(_ZH_UNITS)})(?:以后|之后|后)"
_ZH_DAY_WORD = alternation(_ZH_DAY_WORDS)
_ZH_WEEK_WORD = alternation(ZH_WEEK_WORDS)
_ZH_WEEKDAY = rf"({alternation(_ZH_WEEKS_AHEAD)})?(?:{_ZH_WEEK_WORD})([{_ZH_WEEKDAY_CHARS}1-7])"
_ZH_NEXT_WEEK = rf"(下下个|下下|下个|下)(?:{_ZH_WEEK_WORD})|(下个月|下月)"
_ZH_HAO = rf"({_NUM})号"
_ZH_PERIOD = alternation(_ZH_PERIODS)
_ZH_CLOCK = rf"({_NUM})(?:点钟|点|點|时)(?:(半)|(一刻|三刻)|({_NUM})分?|(整))?"
_ZH_CLOCK_COLON = r"([0-9]{1,2})[:：]([0-9]{2})"
_ZH_BEFORE = r"之前|以前|前"


def _zh_int(text: str, *, positional: bool = False) -> int | None:
    """Value of Arabic or Chinese digits: 3, ３, 三, 十, 十一, 二十三, 两; None if malformed.

    `positional` reads digit by digit, as years are written: 二〇二六.
    """
    if text[0] not in ZH_DIGITS and text[0] != "十":
        return int(text)  # ASCII or full-width digits; int() reads both
    if positional:
        return int("".join(str(ZH_DIGITS[c]) for c in text)) if "十" not in text else None
    if text == "两":
        return 2
    if "两" in text or (len(text) > 1 and ("零" in text or "〇" in text)):
        return None
    if "十" not in text:
        return ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if (tens and tens not in ZH_DIGITS) or (ones and ones not in ZH_DIGITS):
        return None  # "十十", "三四十"
    return (ZH_DIGITS[tens] if tens else 1) * 10 + (ZH_DIGITS[ones] if ones else 0)


def read_chinese(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read the whole of `phrase` as one Chinese date expression; None when it is not one."""
    text = phrase.strip()
    if not has_cjk(text):
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
    if not has_cjk(text):
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
    except (OverflowError, ValueError):  # see dates.match_fast: only at the ends of the calendar
        raise too_far(text[i:]) from None


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

    def __init__(self, end: int, reading: Reading, written_clock: bool = False) -> None:
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
        spec = resolve(reading, now)
        if spec is None:
            continue
        end = parts[count - 1].end
        if before := rx(_ZH_BEFORE).match(text, end):  # "周五前": by Friday
            end = before.end()
        if strict and _marker_starts_at(text, end):
            continue  # "明天#x" would leave "#x" looking like a tag in the title
        return end, spec
    return None


def _marker_starts_at(text: str, i: int) -> bool:
    """Whether a capture marker (`#x`, `!`, `\\x`, `due:`...) would begin at `i`."""
    return i < len(text) and (text[i] in _MARKER_CHARS or text[i : i + 4].casefold() == "due:")


def _combine(parts: list[_ZhPart]) -> Reading | None:
    reading: Reading | None = Reading()
    for part in parts:
        reading = reading.merged(part.reading) if reading is not None else None
    return reading


def _zh_plausible(reading: Reading, parts: list[_ZhPart]) -> bool:
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
    if not has_period and (period := rx(_ZH_PERIOD).match(text, at)):
        parts.append(_ZhPart(period.end(), Reading(period=_ZH_PERIODS[period.group()])))
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
    if colon := rx(_ZH_CLOCK_COLON).match(text, at):  # "下午3:30"
        if int(colon.group(2)) > 59:
            return None
        clock = Clock(int(colon.group(1)), int(colon.group(2)), exact=False)
        return _ZhPart(colon.end(), Reading(clock=clock), written_clock=True)
    match = rx(_ZH_CLOCK).match(text, at)
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
    digits = match.group(1)[0] not in ZH_DIGITS and match.group(1)[0] != "十"
    written = digits or bool(half or quarter or minutes or sharp)
    return _ZhPart(end, Reading(clock=Clock(hour, minute, exact=False)), written)


def _zh_day(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    for reader in (_zh_month_day, _zh_offset, _zh_day_word, _zh_weekday, _zh_next_week, _zh_hao):
        part = reader(text, at, now)
        if part is not None:
            return part
    return None


def _zh_month_day(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = rx(_ZH_MONTH_DAY).match(text, at)
    if match is None:
        return None
    year_text, month_text, day_text = match.groups()
    month, day = _zh_int(month_text), _zh_int(day_text)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year_text is None:
        date = next_month_day(now.date(), month, day, match.group())
    else:
        year = _zh_int(year_text, positional=True)
        if year is None or year < datetime.MINYEAR:
            return None
        date = make_date(year, month, day, match.group())
    return _ZhPart(match.end(), Reading(day=date))


def _zh_offset(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = rx(_ZH_OFFSET).match(text, at)
    if match is None:
        return None
    unit = _ZH_UNITS[match.group(2)]
    if match.group(1) == "半":  # "半小时后" only; half a day is not a due date
        if unit != "hours":
            return None
        return _ZhPart(match.end(), offset("minutes", 30, now, match.group()))
    count = _zh_int(match.group(1))
    if count is None:
        return None
    return _ZhPart(match.end(), offset(unit, count, now, match.group()))


def _zh_day_word(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = rx(_ZH_DAY_WORD).match(text, at)
    if match is None:
        return None
    shift, period = _ZH_DAY_WORDS[match.group()]
    day = add_days(now.date(), shift, match.group())
    return _ZhPart(match.end(), Reading(day=day, period=period))


def _zh_weekday(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = rx(_ZH_WEEKDAY).match(text, at)
    if match is None:
        return None
    prefix, name = match.groups()
    weekday = int(name) - 1 if name.isdigit() else _ZH_WEEKDAY_NAMES[name]
    if prefix is None:
        day = next_weekday(now.date(), weekday)
    else:  # "这周五" is this ISO week's Friday even if passed; "下周五" is next week's
        day = weekday_in_week(now.date(), weekday, _ZH_WEEKS_AHEAD[prefix])
    return _ZhPart(match.end(), Reading(day=day))


def _zh_next_week(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = rx(_ZH_NEXT_WEEK).match(text, at)
    if match is None:
        return None
    today = now.date()
    if match.group(2):  # 下个月: the first of next month, as "next month"
        return _ZhPart(match.end(), Reading(day=first_of_next_month(today)))
    return _ZhPart(
        match.end(), Reading(day=weekday_in_week(today, 0, _ZH_WEEKS_AHEAD[match.group(1)]))
    )


def _zh_hao(text: str, at: int, now: datetime.datetime) -> _ZhPart | None:
    match = rx(_ZH_HAO).match(text, at)
    if match is None:
        return None
    if match.end() < len(text) and text[match.end()] in _ZH_NOT_A_DAY_AFTER_HAO:
        return None
    day = _zh_int(match.group(1))
    if day is None or not 1 <= day <= 31:
        return None
    return _ZhPart(match.end(), Reading(day=next_day_of_month(now.date(), day, match.group())))
