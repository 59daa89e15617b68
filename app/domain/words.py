"""Counts and days in words, the same on the command line and in the window: `1 entry`,
`2 entries`, `1,024 days`; `today`, `in 3 days`, `2 weeks ago`.

Every view that says where a day stands from today goes through `day_name` (a chip's or
a label's word: `Today`, `Fri`, else nothing and the caller shows the date) or
`relative_day` (a sentence's words, never empty), so the window and the command line
name days alike."""

from __future__ import annotations

from datetime import date

__all__ = ["day_name", "day_span", "plural", "relative_day"]

_IRREGULAR = {
    "entry": "entries",
    "log entry": "log entries",
    "category": "categories",
    "goal category": "goal categories",
    "match": "matches",
}
DAY_NAMES = {0: "today", 1: "tomorrow", -1: "yesterday"}


def plural(count: int, word: str, words: str | None = None) -> str:
    """`count` and `word`, or its plural: `words` when given, else a known irregular
    one, else `word` + s."""
    many = words or _IRREGULAR.get(word, word + "s")
    return f"{count:,} {word if count == 1 else many}"


def day_name(day: date, today: date, *, weekday: bool = False, capital: bool = False) -> str | None:
    """`today`, `tomorrow` or `yesterday` when `day` is one of them; with `weekday`, the
    short name of a day later in the coming week (`Fri`: two to six days ahead, where a
    weekday alone cannot be misread); else None, and the caller shows the date.
    `capital` starts the word with a capital, as a label or a chip does (`Today`)."""
    delta = (day - today).days
    name = DAY_NAMES.get(delta)
    if name is None and weekday and 1 < delta < 7:
        name = f"{day:%a}"
    if name is not None and capital:
        name = name[:1].upper() + name[1:]
    return name


def relative_day(day: date, today: date, *, named: bool = True, coarse: bool = False) -> str:
    """Where `day` stands from `today`, as a sentence says it: `today`, `tomorrow`,
    `yesterday`, else `in 3 days` or `3 days ago`. `named=False` counts the next and
    the previous day too (`in 1 day`, `1 day ago`), for a sentence that counts days
    down; today is `today` either way. `coarse` rounds what lies over a fortnight away
    to weeks, months or years (see `day_span`)."""
    delta = (day - today).days
    name = day_name(day, today) if named or delta == 0 else None
    if name is not None:
        return name
    span = day_span(abs(delta), coarse=coarse)
    return f"in {span}" if delta > 0 else f"{span} ago"


def day_span(days: int, *, coarse: bool = False) -> str:
    """`3 days`; with `coarse`, from a fortnight on as precise as a glance needs:
    `5 weeks`, `8 months`, `7 years`."""
    if not coarse or days < 14:
        return plural(days, "day")
    if days < 62:
        return plural(days // 7, "week")
    if days < 730:
        return plural(days // 30, "month")
    return plural(days // 365, "year")
