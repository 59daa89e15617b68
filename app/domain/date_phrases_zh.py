"""Reading Chinese due dates: "明天下午三点", "下周五", "三天后", "12月1日", "8点半", in
simplified or traditional characters and in Cantonese ("聽日下晝三點", "禮拜三", "三點三").

Chinese is written without spaces, so besides reading a whole phrase (`read_chinese`) this
module finds dates inside running text (`find_chinese_dates`): "明天下午三点开组会" holds
"明天下午三点". Traditional characters are folded to simplified ones first (character for
character, so positions stay put); days are read in `date_days_zh`, clock times in
`date_clock_zh`. Text without a CJK character is turned away before any regex here is
compiled; `dates.py` does not even import this module for such text.
"""

from __future__ import annotations

import datetime

from app.domain.date_arithmetic import too_far
from app.domain.date_clock_zh import zh_clock
from app.domain.date_days_zh import DAY_READERS
from app.domain.date_reading import DueSpec, Reading, resolve, rx
from app.domain.date_words import ZH_FOLD, alternation, has_cjk
from app.domain.date_zh_parts import NUMBER_CHARS, ZhPart

__all__ = ["find_chinese_dates", "read_chinese"]

_PERIODS = {
    "上午": "morning",
    "早上": "morning",
    "早晨": "morning",
    "一早": "morning",
    "上昼": "morning",  # Cantonese 上晝
    "朝早": "morning",  # Cantonese
    "中午": "noon",
    "晏昼": "noon",  # Cantonese 晏晝: around lunch
    "下午": "afternoon",
    "下昼": "afternoon",  # Cantonese 下晝
    "傍晚": "dusk",
    "晚上": "night",
    "夜里": "night",
    "夜晚": "night",
    "晚黑": "night",  # Cantonese
    "凌晨": "small_hours",
    # Before leaving work: that day, with no hour of its own.
    "下班前": "day_end",
    "放工前": "day_end",
    "收工前": "day_end",
}
# A match may not start right after these: "上周五" is last week, "每周五" every week,
# "第3号" a number; reading "周五" out of them would invent a due date.
_BLOCKED_BEFORE = frozenset("上每第")
# First characters of capture markers (see capture.py); a date glued to one is left alone.
_MARKER_CHARS = frozenset("#!~^@＃！～\\")
# After a date, 的 (Cantonese 嘅) makes it describe a thing: "周日的报纸" is Sunday's paper.
_POSSESSIVE = frozenset("的嘅")
# Between the two ends of a range: 周一到周五, 3月1日至3月5日, 周一~周五.
_RANGE_MARKS = frozenset("到至~～-—")
# Quoted titles: "看《后天》" is a film.
_QUOTES = {"《": "》", "「": "」", "『": "』", "“": "”"}
# Where a clause starts: a bare "三点" is read as a time only there ("三点开会").
_CLAUSE_BREAKS = frozenset("，。、；：！？,.;:!?（(【[「『《“\"' \t\u3000")
# After a bare "三点", these say it is a count: 三点水, 一点点, 一点儿, 一点也不, 三点多 (some
# time after three), 三点建议/意见/要求/原因/内容/想法/看法/问题/注意/理由/体会/总结.
_NOT_AFTER_BARE_HOUR = frozenset("水点儿也都多几左建意要原内想看问注理体总结")

_PERIOD = alternation(_PERIODS)
_BEFORE = r"之前|以前|前|之内|以内"


def read_chinese(phrase: str, now: datetime.datetime) -> DueSpec | None:
    """Read the whole of `phrase` as one Chinese date expression; None when it is not one."""
    text = phrase.strip().translate(ZH_FOLD)
    if not has_cjk(text):
        return None
    found = _match(text, 0, now, strict=False)
    if found is None or found[0] != len(text):
        return None
    return found[1]


def find_chinese_dates(text: str, now: datetime.datetime) -> list[tuple[int, int, DueSpec]]:
    """Every Chinese date expression in `text` as (start, end, due), left to right.

    Chinese is written without spaces, so dates are found inside running text:
    "明天下午三点开组会" holds "明天下午三点". The rules are stricter than for a whole phrase so
    that ordinary words are not taken: "三点" (three points) is a time only where a clause
    starts, "下午茶" is not a time, nothing starts right after 上/每/第 or inside a number or
    a quoted title, and a date before 的 describes a thing ("周日的报纸").
    """
    found: list[tuple[int, int, DueSpec]] = []
    if not has_cjk(text):
        return found
    original, text = text, text.translate(ZH_FOLD)
    quoted = _quoted(text)
    i = 0
    while i < len(text):
        got = None
        if i not in quoted and _may_start_at(text, i):
            got = _match_in_range(text, i, now)
        if got is None or "國慶" in original[i : got[0]]:  # Taiwan's is on 10 October
            i += 1
            continue
        if (described := _described_range_end(text, got[0], now)) is not None:
            i = described  # "周一到周五的课表": a range describing a thing, no due date
            continue
        found.append((i, got[0], got[1]))
        i = got[0]
    return found


def _described_range_end(text: str, end: int, now: datetime.datetime) -> int | None:
    """Where a range that starts with the date ending at `end` ends, when 的 follows it
    ("周一到周五的课表"); None when no such range follows."""
    at = _skip_spaces(text, end)
    if at >= len(text) or text[at] not in _RANGE_MARKS:
        return None
    second = _match(text, _skip_spaces(text, at + 1), now, strict=True, possessive=True)
    if second is None or second[0] >= len(text) or text[second[0]] not in _POSSESSIVE:
        return None
    return second[0]


def _quoted(text: str) -> set[int]:
    """Positions inside 《》「」『』“” quotes."""
    inside: set[int] = set()
    i = 0
    while i < len(text):
        close = _QUOTES.get(text[i])
        end = text.find(close, i + 1) if close else -1
        if end > 0:
            inside.update(range(i + 1, end))
            i = end
        i += 1
    return inside


def _match_in_range(text: str, i: int, now: datetime.datetime) -> tuple[int, DueSpec] | None:
    try:
        return _match(text, i, now, strict=True)
    except (OverflowError, ValueError):  # see dates.match_fast: only at the ends of the calendar
        raise too_far(text[i:]) from None


def _may_start_at(text: str, i: int) -> bool:
    if i == 0:
        return True
    before = text[i - 1]
    if before in _BLOCKED_BEFORE:
        return False
    return not (text[i] in NUMBER_CHARS and before in NUMBER_CHARS)


def _match(
    text: str, pos: int, now: datetime.datetime, *, strict: bool, possessive: bool = False
) -> tuple[int, DueSpec] | None:
    """The longest Chinese date expression starting at `pos`, as (end, due), or None.

    Parts come in the order people write them, date, period, clock ("明天 下午 三点"), spaces
    allowed between; the longest prefix of parts that makes a valid date wins.
    """
    parts = _parts(text, pos, now)
    for count in range(len(parts), 0, -1):
        reading = _combine(parts[:count])
        if reading is None:
            continue
        if strict and not _plausible(reading, parts[:count], text, pos):
            continue
        spec = resolve(reading, now)
        if spec is None:
            continue
        end = parts[count - 1].end
        if before := rx(_BEFORE).match(text, end):  # "周五前": by Friday
            end = before.end()
        if strict and not possessive and end < len(text) and text[end] in _POSSESSIVE:
            return None  # "周日的报纸": Sunday's paper, not a date the task is due
        if strict and _marker_starts_at(text, end):
            continue  # "明天#x" would leave "#x" looking like a tag in the title
        if strict and count == 1 and parts[0].bare_hour and _counts_something(text, end):
            return None  # "三点建议": not a time; after 明天 or 上午 it would be one
        return end, spec
    return None


def _marker_starts_at(text: str, i: int) -> bool:
    """Whether a capture marker (`#x`, `!`, `\\x`, `due:`...) would begin at `i`."""
    return i < len(text) and (text[i] in _MARKER_CHARS or text[i : i + 4].casefold() == "due:")


def _counts_something(text: str, end: int) -> bool:
    """Whether the words after a bare "三点" make it a count: 三点水, 一点也不, 三点建议."""
    return end < len(text) and text[end] in _NOT_AFTER_BARE_HOUR


def _combine(parts: list[ZhPart]) -> Reading | None:
    reading: Reading | None = Reading()
    for part in parts:
        reading = reading.merged(part.reading) if reading is not None else None
    return reading


def _plausible(reading: Reading, parts: list[ZhPart], text: str, pos: int) -> bool:
    """In running text, a period alone ("下午茶") or a count ("总结三点建议") is not a time;
    a bare "三点" is one only where a clause starts ("三点开会")."""
    if reading.day is not None or reading.moment is not None:
        return True
    if reading.clock is None:
        return reading.period == "day_end"
    if reading.period is not None or any(p.written_clock for p in parts):
        return True
    return pos == 0 or text[pos - 1] in _CLAUSE_BREAKS


def _parts(text: str, pos: int, now: datetime.datetime) -> list[ZhPart]:
    parts: list[ZhPart] = []
    day = _day(text, pos, now)
    if day is not None:
        parts.append(day)
        if day.reading.moment is not None:
            return parts  # "三小时后" is already a time
    at = _skip_spaces(text, parts[-1].end) if parts else pos
    has_period = day is not None and day.reading.period is not None
    if not has_period and (period := rx(_PERIOD).match(text, at)):
        parts.append(ZhPart(period.end(), Reading(period=_PERIODS[period.group()])))
        at = _skip_spaces(text, period.end())
    clock = zh_clock(text, at)
    if clock is not None:
        parts.append(clock)
    return parts


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _day(text: str, at: int, now: datetime.datetime) -> ZhPart | None:
    for reader in DAY_READERS:
        part = reader(text, at, now)
        if part is not None:
            return part
    return None
