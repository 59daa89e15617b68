"""Repeats and reminders in a capture line, in English and Chinese.

    every monday 10am / every 2 weeks / every weekday / every 3 days after completion
    每周一上午10点 / 每天 / 每个工作日 / 每两周
    remind 30m before / remind 1 day before / remind fri 9am / 提前30分钟提醒

They are taken out of the title before its due date is read: a repeat's time and first
occurrence become the due date when the line names no other, and its rule the item's
RRULE (app/domain/repeats.py). Times and dates go through the same readers as due dates
(`match_fast`, `find_chinese_dates`). Words that do not complete one of these phrases stay
in the title ("remind Bob about the slides", "every now and then").
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from app.domain.capture_draft import Draft, Word
from app.domain.date_reading import DueSpec, rx
from app.domain.date_words import EN_NUMBERS, EN_WEEKDAYS, ZH_FOLD, ZH_WEEKDAYS, has_cjk
from app.domain.date_zh_parts import zh_int
from app.domain.dates import find_chinese_dates, match_fast
from app.domain.errors import CaptureError, InvalidInput

if TYPE_CHECKING:
    # Imported where a reminder is read: a line without one never loads it.
    from app.domain.reminders import ReminderSpec

__all__ = ["read_repeat", "take_repeats_and_reminders"]

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
_EN_UNITS = {
    "day": "DAILY",
    "days": "DAILY",
    "week": "WEEKLY",
    "weeks": "WEEKLY",
    "month": "MONTHLY",
    "months": "MONTHLY",
    "year": "YEARLY",
    "years": "YEARLY",
}
_ZH_UNITS = {"天": "DAILY", "日": "DAILY", "周": "WEEKLY", "星期": "WEEKLY", "礼拜": "WEEKLY"}
_ZH_UNITS |= {"月": "MONTHLY", "个月": "MONTHLY", "年": "YEARLY"}
_ZH_NUM = r"[0-9]{1,3}|[一二两三四五六七八九十]{1,3}"
# 每周一 / 每星期五; 每天, 每日; 每个工作日; 每两周, 每隔3天, 每月, 每年.
_ZH_REPEAT = (
    r"每(?:个)?工作日"
    r"|每(?:周|星期|礼拜)([一二三四五六日天])"
    rf"|每(?:隔)?({_ZH_NUM})?(?:个)?(天|日|周|星期|礼拜|个月|月|年)"
)
# A repeat followed by these names a record of it, not a task that repeats: 每周五组会记录
# is the notes of the Friday meeting, 每日站会纪要 the stand-up's minutes.
_ZH_RECORDS = ("记录", "纪录", "纪要", "笔记", "记錄", "記錄", "紀錄", "紀要", "筆記")
_ZH_REMIND = rf"提前({_ZH_NUM})(分钟|分|个小时|小时|天)提醒(?:我)?"


class _Found:
    """What this module read: the rule, its time of day, the reminders."""

    __slots__ = ("clock", "from_completion", "reminders", "rule")

    def __init__(self) -> None:
        self.rule: str | None = None
        self.from_completion = False
        self.clock: datetime.time | None = None
        self.reminders: list[ReminderSpec] = []


class Taken:
    """A repeat rule (None without one) with its first occurrence, and the reminders."""

    __slots__ = ("first", "from_completion", "reminders", "rule")

    def __init__(
        self,
        rule: str | None,
        from_completion: bool,
        first: DueSpec | None,
        reminders: tuple[ReminderSpec, ...],
    ) -> None:
        self.rule, self.from_completion, self.first = rule, from_completion, first
        self.reminders = reminders


def take_repeats_and_reminders(draft: Draft) -> Taken:
    """Take repeat and reminder phrases out of the draft's words. A repeat's first
    occurrence, at its time, is the due date of a line that names no other."""
    found = _Found()
    _english(draft, found)
    if any(w is not None and not w.literal and has_cjk(w.text) for w in draft.words):
        _chinese(draft, found)
    reminders = tuple(found.reminders)
    if found.rule is None:
        return Taken(None, False, None, reminders)
    # dateutil is imported only for a line that repeats.
    from app.domain.repeats import Repeat, check_rule, occurrences

    rule = check_rule(found.rule)
    first = occurrences(Repeat(rule), draft.now.date(), 2)
    day = first[0]
    wall = draft.now.replace(tzinfo=None)
    if found.clock is not None and datetime.datetime.combine(day, found.clock) < wall:
        day = first[-1]  # today's time has passed: the next occurrence
    return Taken(rule, found.from_completion, DueSpec(day, found.clock), reminders)


def read_repeat(text: str, now: datetime.datetime) -> tuple[str, bool]:
    """A repeat written alone, as `rizhi repeat` takes it ("every monday", "weekdays",
    "2 weeks", "每天"): (RRULE, from completion); InvalidInput when the words are not one
    whole repeat."""
    words = text.split()
    if words and not has_cjk(text) and words[0].casefold() not in ("every", "each"):
        words = ["every", *words]
    draft = Draft(now)
    draft.words = [Word(word) for word in words]
    taken = take_repeats_and_reminders(draft)
    left = [word.text for word in draft.words if word is not None]
    if taken.rule is None or left or taken.reminders:
        raise InvalidInput(
            f"'{text}' is not a repeat: try 'every monday', 'every 2 weeks', 'weekdays',"
            " 每天, or give an RRULE with --rrule."
        )
    return taken.rule, taken.from_completion


# --- English -------------------------------------------------------------------------------


def _plain_run(words: list[Word | None], start: int) -> list[str]:
    """The plain words from `start` up to the next marker or literal word."""
    run: list[str] = []
    for word in words[start:]:
        if word is None or word.literal:
            break
        run.append(word.text)
    return run


def _english(draft: Draft, found: _Found) -> None:
    i = 0
    while i < len(draft.words):
        word = draft.words[i]
        lead = word.text.casefold() if word is not None and not word.literal else ""
        used = 0
        if lead in ("every", "each") and found.rule is None:
            used = _every(_plain_run(draft.words, i + 1), draft.now, found)
        elif lead in ("remind", "reminder"):
            used = _remind(_plain_run(draft.words, i + 1), draft.now, found)
        if used:
            taken = [w.text for w in draft.words[i : i + 1 + used] if w is not None]
            draft.consumed.append(" ".join(taken))
            draft.words[i : i + 1 + used] = [None]
        i += 1


def _every(run: list[str], now: datetime.datetime, found: _Found) -> int:
    words = [w.casefold().rstrip(",") for w in run]
    rule, used = _every_rule(words)
    if rule is None:
        return 0
    clock, more = _clock_after(words, used, now)
    used += more
    if words[used : used + 2] in (["after", "completion"], ["after", "done"]):
        found.from_completion, used = True, used + 2
    found.rule, found.clock = rule, clock
    return used


def _every_rule(words: list[str]) -> tuple[str | None, int]:
    if not words:
        return None, 0
    first = words[0]
    if first in ("weekday", "weekdays"):
        return WEEKDAYS_RULE, 1
    if first in _EN_UNITS and not first.endswith("s"):
        return f"FREQ={_EN_UNITS[first]}", 1
    count = (
        2 if first == "other" else EN_NUMBERS.get(first) or (int(first) if first.isdigit() else 0)
    )
    if count and len(words) > 1 and words[1] in _EN_UNITS and 0 < count < 1000:
        return f"FREQ={_EN_UNITS[words[1]]};INTERVAL={count}", 2
    days: list[str] = []
    used = 0
    for word in words:
        name = word.removesuffix("s") if word.removesuffix("s") in EN_WEEKDAYS else word
        if name in EN_WEEKDAYS:
            days.append(_DAYS[EN_WEEKDAYS[name]])
            used += 1
        elif word == "and" and days:
            used += 1
        else:
            break
    if words[used - 1 : used] == ["and"]:
        used -= 1
    if not days:
        return None, 0
    return f"FREQ=WEEKLY;BYDAY={','.join(dict.fromkeys(days))}", used


def _clock_after(
    words: list[str], at: int, now: datetime.datetime
) -> tuple[datetime.time | None, int]:
    """A time of day right after the repeat ("10am", "at 10:30"), read as a due time."""
    for size in (3, 2, 1):
        phrase = words[at : at + size]
        if len(phrase) < size:
            continue
        try:
            spec = match_fast("today " + " ".join(phrase), now)
        except CaptureError:
            spec = None
        if spec is not None and spec.time is not None:
            return spec.time, size
    return None, 0


def _remind(run: list[str], now: datetime.datetime, found: _Found) -> int:
    from app.domain.reminders import ReminderSpec, absolute_from, duration_minutes

    words = [w.casefold() for w in run]
    if words[:1] == ["me"]:
        used = _remind(run[1:], now, found)
        return used + 1 if used else 0
    for size in (2, 1):  # "30m before", "30 min before", "1 day before"
        if words[size : size + 1] == ["before"]:
            minutes = duration_minutes(" ".join(words[:size]))
            if minutes is not None:
                clock, more = _clock_after(words, size + 1, now)
                whole = minutes - minutes % 1440 if clock is not None else minutes
                found.reminders.append(ReminderSpec.before_due(whole, clock))
                return size + 1 + more
    if words[:3] == ["at", "due", "time"] or words[:2] == ["when", "due"]:
        found.reminders.append(ReminderSpec.before_due(0))
        return 3 if words[0] == "at" else 2
    for size in range(min(len(words), 4), 0, -1):
        try:
            spec = match_fast(" ".join(words[:size]), now)
        except CaptureError:
            continue
        if spec is not None:
            found.reminders.append(absolute_from(spec.date, spec.time, words[:size], now))
            return size
    return 0


# --- Chinese -------------------------------------------------------------------------------


def _chinese(draft: Draft, found: _Found) -> None:
    for index, word in enumerate(draft.words):
        if word is None or word.literal or not has_cjk(word.text):
            continue
        text = word.text
        while (reminded := rx(_ZH_REMIND).search(text.translate(ZH_FOLD))) is not None:
            reminder = _zh_reminder(reminded)
            if reminder is None:
                break
            found.reminders.append(reminder)
            draft.consumed.append(text[reminded.start() : reminded.end()])
            text = text[: reminded.start()] + text[reminded.end() :]
        # Traditional characters fold one for one (每週一 as 每周一): positions stay put.
        folded = text.translate(ZH_FOLD)
        match = rx(_ZH_REPEAT).search(folded) if found.rule is None else None
        if match is not None and not folded.endswith(_ZH_RECORDS):
            rule = _zh_rule(match)
            if rule is not None:
                end = match.end()
                clock, end = _zh_clock_after(text, end, draft.now)
                found.rule, found.clock = rule, clock
                draft.consumed.append(text[match.start() : end])
                text = text[: match.start()] + text[end:]
        draft.words[index] = Word(text) if text else None


def _zh_rule(match: re.Match[str]) -> str | None:
    weekday, count, unit = match.groups()
    if weekday is not None:
        return f"FREQ=WEEKLY;BYDAY={_DAYS[ZH_WEEKDAYS[weekday]]}"
    if unit is None:
        return WEEKDAYS_RULE
    every = 1 if count is None else _zh_count(count)
    if every is None or every < 1:
        return None
    freq = _ZH_UNITS[unit]
    return f"FREQ={freq}" + (f";INTERVAL={every}" if every > 1 else "")


def _zh_count(text: str) -> int | None:
    return int(text) if text.isdigit() else zh_int(text)


def _zh_clock_after(
    text: str, end: int, now: datetime.datetime
) -> tuple[datetime.time | None, int]:
    """A time of day written right after the repeat ("每周一上午10点")."""
    for start, stop, spec in find_chinese_dates(text[end:].translate(ZH_FOLD), now):
        if start == 0 and spec.time is not None:
            return spec.time, end + stop
        break
    return None, end


def _zh_reminder(match: re.Match[str]) -> ReminderSpec | None:
    from app.domain.reminders import ReminderSpec

    count = _zh_count(match.group(1))
    unit = match.group(2)
    if count is None or count < 1:
        return None
    factor = 1440 if unit == "天" else 60 if "时" in unit else 1
    return ReminderSpec.before_due(count * factor)
