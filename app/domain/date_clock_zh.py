"""Chinese clock times: 三点, 3:30, 8点半, 十点一刻, 三点零五, 两点四十, 差五分三点, 三点差一刻,
三时正; Cantonese minutes counted in fives (三點三 is 3:15, 四點三個字 4:15, 三點搭一 3:05);
and the English 3pm or 3:30pm written inside Chinese text.

The hour is a 12-hour clock unless the words fix it (3pm, 15点, 0点, 09:00, 12:30); the
period before it (下午) or the rules of `date_reading.resolve` decide its half of the day.
The text arrives folded to simplified characters (三點 as 三点).
"""

from __future__ import annotations

from app.domain.date_reading import Clock, Reading, rx
from app.domain.date_zh_parts import NUM, ZH_NUMERALS, ZhPart, zh_int

__all__ = ["zh_clock"]

# "3pm", "3:30 pm", "10AM", "11:59pm", "3 p.m.": an English time inside Chinese text.
_AM_PM = r"([0-9]{1,2})(?:[:：]([0-9]{2}))?\s?([aApP])\.?[mM]\.?"
_COLON = r"([0-9]{1,2})[:：]([0-9]{2})"
_HOUR = rf"({NUM})(点钟|点|时)"
_QUARTERS = {"一刻": 15, "三刻": 45}
# Measure words and units: after "两点一" they make it a count, not a time.
_MEASURE_WORDS = frozenset("线个次下点些条天年月日号位份本张件句")


def zh_clock(text: str, at: int) -> ZhPart | None:
    """The clock time written at `text[at:]`, or None."""
    if match := rx(_AM_PM).match(text, at):
        return _am_pm(text, match.end(), *match.groups())
    if match := rx(_COLON).match(text, at):
        digits, minutes = match.groups()
        hour, minute = int(digits), int(minutes)
        if hour > 23 or minute > 59:
            return None
        # The 24-hour way: 15:00, 09:00, 0:30 and 12:30 are the hours they say.
        exact = hour == 0 or hour >= 12 or digits.startswith("0")
        return ZhPart(match.end(), Reading(clock=Clock(hour, minute, exact=exact)), True)
    return _hour_clock(text, at)


def _am_pm(text: str, end: int, digits: str, minutes: str | None, half: str) -> ZhPart | None:
    hour, minute = int(digits), int(minutes or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    if end < len(text) and text[end].isascii() and text[end].isalpha():
        return None  # "3pmx" is some other word
    hour = hour % 12 + (12 if half in "pP" else 0)
    return ZhPart(end, Reading(clock=Clock(hour, minute, exact=True)), True)


def _hour_clock(text: str, at: int) -> ZhPart | None:
    """An hour and its minutes: "三点", "8点半", "十点一刻", "三点零五", "差五分三点",
    "三点差一刻", "三时正"."""
    before, pos = _minutes_before(text, at)
    match = rx(_HOUR).match(text, pos)
    hour = None if match is None else zh_int(match.group(1))
    if match is None or hour is None:
        return None
    after = _minutes_after(text, match.end())
    if after is None:
        return None
    minute, end, marked = after
    if not before and not marked and text.startswith("差", end):  # "三点差一刻"
        before, end = _minutes_before(text, end)
    total = hour * 60 + minute - before
    if total < 0 or total >= 24 * 60:
        return None
    hour, minute = divmod(total, 60)
    digits = match.group(1)[0] not in ZH_NUMERALS
    written = digits or marked or bool(before) or match.group(2) != "点"
    # 15点 and 0点 are 24-hour hours; 三点 is a 12-hour clock.
    clock = Clock(hour, minute, exact=hour == 0 or hour > 12)
    return ZhPart(end, Reading(clock=clock), written, bare_hour=not written)


def _minutes_before(text: str, pos: int) -> tuple[int, int]:
    """(minutes, end) for "差五分" or "差一刻" ("short of") at `pos`; (0, pos) otherwise."""
    if not text.startswith("差", pos):
        return 0, pos
    if text.startswith("一刻", pos + 1):
        return 15, pos + 3
    match = rx(rf"({NUM})分钟?").match(text, pos + 1)
    value = None if match is None else zh_int(match.group(1))
    if match is None or value is None or not 1 <= value <= 59:
        return 0, pos
    return value, match.end()


def _minutes_after(text: str, pos: int) -> tuple[int, int, bool] | None:
    """(minutes, end, whether any were written) after the hour: 半, 一刻, 零五, 二十(分),
    整/正, and the Cantonese 三 (3 × 5 minutes), 三个字 and 搭一; None when what follows
    makes the whole no time ("两点一线")."""
    for word, minutes in (("半", 30), ("整", 0), ("正", 0), *_QUARTERS.items()):
        if text.startswith(word, pos):
            return minutes, pos + len(word), True
    if text.startswith(("零", "〇"), pos):  # "三点零五": 3:05
        match = rx(r"[一二三四五六七八九1-9]分?").match(text, pos + 1)
        if match is None:
            return 0, pos, False
        return zh_int(match.group()[0]) or 0, match.end(), True
    if text.startswith("搭", pos):  # Cantonese "三點搭一": one five past
        match = rx(rf"({NUM})(?:个字)?").match(text, pos + 1)
        value = None if match is None else zh_int(match.group(1))
        if match is None or value is None or not 1 <= value <= 11:
            return 0, pos, False
        return 5 * value, match.end(), True
    match = rx(NUM).match(text, pos)
    value = None if match is None else zh_int(match.group())
    if match is None or value is None or value > 59:
        return 0, pos, False  # "3点七十": take "3点" and leave the rest
    end = match.end()
    if text.startswith("个字", end) and value <= 11:  # "四点三个字": 3 × 5 minutes
        return 5 * value, end + 2, True
    if text.startswith("分", end):
        return value, end + 1, True
    if len(match.group()) == 1 and match.group() in ZH_NUMERALS and value < 10:
        # Cantonese counts the minutes in fives after the hour: "三點三" is 3:15. A count
        # of something follows none: "两点一线" (an idiom), "三点一个".
        if end < len(text) and text[end] in _MEASURE_WORDS:
            return None
        return 5 * value, end, True
    return value, end, True
