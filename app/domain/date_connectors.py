"""The words that tie a due date to the title before it: "Prepare slides *for* May 3",
"Report *due on* @fri", "*截止*周五提交", "会议将*于*12月1日举行".

They belong to the date, so the capture grammar takes them out of the title together with
a date it read; left behind they dangle ("Prepare slides for"). They go only with a date
that was read: "Prepare slides for the seminar" keeps its "for". Only words live here;
`capture.py` decides where a date was read.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.date_offsets_en import is_duration

__all__ = ["EN_CONNECTORS", "chinese_date_start", "english_lead"]

# English words that, right before a date, say it is when the item is due:
#   by, before, until, till, til   a deadline; "before fri" is due Friday, as the grammar
#                                  already reads "周五前" (by Friday) as due that day
#   for, on, at                    the day or the time it is for: "slides for May 3", "on fri"
#   due                            "due @fri", and in front of another one: "due on", "due by"
# Left out, and so kept in the title with the date still read: "after", "from" and "since"
# name when work may start, not when it is due, and the title should keep saying so; "to"
# and "in" lead to places and things more often than to dates ("Go to Berlin", "in 3 days"
# is already a date phrase of its own).
EN_CONNECTORS = frozenset({"by", "before", "until", "till", "til", "for", "on", "at", "due"})

# Chinese words that, right before a date, say it is a deadline: 截止/截至 (+到/于) "up to,
# closing", 直到 "until", 最晚/最迟 "at the latest". Longest first. After a date the grammar
# reads 前/之前/以前 itself ("周五前"); a following 截止 stays: "报名周五截止" is the
# sentence's verb ("registration closes Friday").
_ZH_CONNECTORS = ("截止到", "截至到", "截止于", "截至于", "截止", "截至", "直到", "最晚", "最迟")
# 于 and 在 ("on", "at") are also the last character of common words, which must stay whole.
# 于 ends dozens of them (关于明天的会 is "about tomorrow's meeting"), and as "on" it is formal,
# written at the start of a clause or after a few auxiliaries (会议将于周五举行, 请于周五前提交):
# only those places count. 在 ends few words (现在, 正在, 存在, 所在...): it counts except after
# their first characters.
_YU_AFTER = frozenset("将定拟请须需应并已均")
_NOT_BEFORE_ZAI = frozenset("现正存实所自好内外潜健不何旨意重贵")


def english_lead(before: Sequence[str], date: Sequence[str] = ()) -> int | None:
    """How many of the last words of `before` connect it to the date right after them
    (whose words are `date`, when it was written in words): 0, 1, or 2 for "due on".

    None when they say the words after them are no due date at all: "for 3 days" is how
    long something takes, not when it is due.
    """
    if not before or (last := before[-1].casefold()) not in EN_CONNECTORS:
        return 0
    if last == "for" and date and is_duration(date):
        return None
    if last != "due" and len(before) > 1 and before[-2].casefold() == "due":
        return 2
    return 1


def chinese_date_start(text: str, begin: int) -> int:
    """Where the date found at `begin` in running text starts once the connecting words
    written before it, with or without a space, are counted in: "截止周五" from 截, "于12月1日"
    from 于, "by 明天" from "by"; `begin` when there are none."""
    start = begin
    while start > 0 and text[start - 1].isspace():
        start -= 1
    for word in _ZH_CONNECTORS:
        if start >= len(word) and text.startswith(word, start - len(word)):
            return start - len(word)
    if start > 0 and _is_preposition(text, start - 1):
        return start - 1
    words = text[:start].split()
    lead = english_lead(words)
    if not lead:
        return begin
    for word in reversed(words[-lead:]):
        start -= len(word)
        while start > 0 and text[start - 1].isspace():
            start -= 1
    return start


def _is_preposition(text: str, i: int) -> bool:
    """Whether the 于 or 在 at `i` is "on/at" before a date, not the end of a word."""
    before = text[i - 1] if i > 0 else ""
    if text[i] == "于":
        return not _is_ideograph(before) or before in _YU_AFTER
    return text[i] == "在" and before not in _NOT_BEFORE_ZAI


def _is_ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
