"""Study units defined inside a journal:

    Unit 1: 2-01 to 2-10
    Goals:
    - Lecture: Watch weeks 5-6 of [NYU]
    - Papers: 2-3 papers on SSL
    - 3 lectures

A unit line names a number and two days, usually without a year; the year comes from the
dated entries nearest to it. The list under it (after an optional `Goals:` line) holds
goals as `Category: description`, where a description starting with a count (`2-3 papers`)
sets the target and stretch, or as `N category`. Other list lines are not goals; like every
line, they stay in the note or entry that holds them.

A goal written without a count takes the one the journal's introduction gives its category
("For each 10 days, I'll try to cover at least 2-3 papers, 3 lectures, 1 section in the math
textbook": Papers 2 to 3, Lectures 3, Math 1), else 1. Only the prose before the first
dated entry is read for this: counts inside entries are about those days.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from app.domain.journal.dates import read_date_line
from app.domain.units import MAX_GOAL_COUNT, MAX_UNIT_DAYS, GoalSpec, name_key

__all__ = ["UnitDefinition", "find_units"]


class UnitDefinition(NamedTuple):
    """A unit as a journal defines it; `start` is None when no year could be found."""

    number: int
    start: date | None
    days: int
    title: str
    goals: tuple[GoalSpec, ...]
    line: int  # 1-based line number of the unit line
    text: str  # the unit line as written
    problem: str = ""


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|june|july"
    "|august|september|sept|october|november|december"
)
_DAY = (
    r"(?:[0-9]{4}[-/.])?[0-9]{1,2}[-/.][0-9]{1,2}"
    rf"|(?:{_MONTHS})\.?[ \t]++[0-9]{{1,2}}(?:st|nd|rd|th)?"
)
_UNIT = re.compile(
    r"[ ]{0,3}(?:#{1,6}[ \t]*+)?[*_]*unit[ \t]*+([0-9]{1,4})[*_]*+[ \t]*+[:：.\-–—(（]?[ \t]*+"
    rf"({_DAY})[ \t]*+(?:to|till|until|through|~|～|-|–|—|至|到)[ \t]*+({_DAY})"
    r"[ \t]*+[)）]?[*_]*+[ \t]*+(.*)$",
    re.IGNORECASE,
)
_NUMERIC_DAY = re.compile(r"(?:([0-9]{4})[-/.])?([0-9]{1,2})[-/.]([0-9]{1,2})")
_NAMED_DAY = re.compile(r"([a-z]+)\.?[ \t]++([0-9]{1,2})", re.IGNORECASE)
_GOALS_LINE = re.compile(
    r"[ \t]*+(?:#{1,6}[ \t]*+)?[*_]*+(?:goals?|目标)[*_]*+[ \t]*+[:：]?[*_]*+[ \t]*+$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"([ \t]*+)(?:[-*+]|[0-9]{1,3}[.)])[ \t]++(?:\[[ xX]\][ \t]++)?(.*)$")
_NAMED_GOAL = re.compile(r"[*_]*+([^:：*_][^:：]{0,39}?)[*_]*+[ \t]*+[:：][*_]*+[ \t]*+(.*)$")
_COUNTED_GOAL = re.compile(
    r"([0-9]{1,4})(?:[ \t]*+(?:-|–|—|~|\.\.)[ \t]*+([0-9]{1,4}))?[ \t]++(.+)$"
)
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip


def find_units(
    lines: Sequence[str],
    dated: Sequence[tuple[int, date]],
    year_hint: int | None,
    *,
    first: int = 0,
) -> list[UnitDefinition]:
    """Every unit defined in `lines` from index `first` on; `dated` is (line index, day)
    of the dated entries, in line order, which give a unit written without a year its year."""
    units = []
    intro_end = dated[0][0] if dated else len(lines)
    counts: dict[str, tuple[int, int | None]] | None = None
    for index in range(first, len(lines)):
        line = lines[index]
        if "nit" not in line[:40] and "NIT" not in line[:40]:
            continue  # a cheap look before the expression
        match = _UNIT.match(line)
        if match is None:
            continue
        number, first_day, last_day, title = match.groups()
        anchor = _nearest(dated, index)
        start, days, problem = _span(first_day, last_day, anchor, year_hint)
        if counts is None:
            counts = _prose_counts(lines[first:intro_end])
        units.append(
            UnitDefinition(
                number=int(number),
                start=start,
                days=days,
                title=title.strip(" \t*_"),
                goals=tuple(_goals(lines, index + 1, counts)),
                line=index + 1,
                text=line.strip(),
                problem=problem,
            )
        )
    return units


def _nearest(dated: Sequence[tuple[int, date]], index: int) -> date | None:
    before = None
    for line_index, day in dated:
        if line_index > index:
            return day
        before = day
    return before


def _parts(text: str) -> tuple[int | None, int, int] | None:
    numeric = _NUMERIC_DAY.fullmatch(text.strip())
    if numeric:
        year, month, day = numeric.groups()
        return (int(year) if year else None), int(month), int(day)
    named = _NAMED_DAY.match(text.strip())
    if named and named.group(1).lower() in _MONTH_NUMBERS:
        return None, _MONTH_NUMBERS[named.group(1).lower()], int(named.group(2))
    return None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _span(
    first: str, last: str, anchor: date | None, year_hint: int | None
) -> tuple[date | None, int, str]:
    start_parts, end_parts = _parts(first), _parts(last)
    if start_parts is None or end_parts is None:
        return None, 0, f"cannot read the days '{first}' to '{last}'"
    year, month, day = start_parts
    if year is None:
        if anchor is None and year_hint is None:
            return None, 0, "no dated entry tells the unit's year"
        base = anchor or date(year_hint or 2000, 1, 1)
        options = [
            d for y in (base.year - 1, base.year, base.year + 1) if (d := _day(y, month, day))
        ]
        if not options:
            return None, 0, f"{first} is not a day"
        start = min(options, key=lambda d: abs((d - base).days))
    else:
        found = _day(year, month, day)
        if found is None:
            return None, 0, f"{first} is not a day"
        start = found
    end_year, end_month, end_day = end_parts
    end = None
    for y in (end_year,) if end_year else (start.year, start.year + 1):
        end = _day(y, end_month, end_day)
        if end is not None and end >= start:
            break
        end = None
    if end is None:
        return start, 0, f"{last} is not a day on or after {start.isoformat()}"
    days = (end - start).days + 1
    if days > MAX_UNIT_DAYS:
        return start, 0, f"a unit of {days} days is longer than {MAX_UNIT_DAYS}"
    return start, days, ""


def _goals(
    lines: Sequence[str], index: int, counts: dict[str, tuple[int, int | None]]
) -> list[GoalSpec]:
    goals: list[GoalSpec] = []
    indent: int | None = None
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip():
            if goals:
                break
            continue
        if not goals and indent is None and _GOALS_LINE.match(line):
            continue
        bullet = _BULLET.match(line)
        if bullet is None or read_date_line(line) is not None or _UNIT.match(line):
            break
        depth = len(bullet.group(1).expandtabs(4))
        if indent is None:
            indent = depth
        if depth > indent:
            continue  # a note under the goal above
        if depth < indent:
            break
        goal = _goal(bullet.group(2).strip(), counts)
        if goal is not None:
            goals.append(goal)
    return goals


def _goal(text: str, counts: dict[str, tuple[int, int | None]]) -> GoalSpec | None:
    named = _NAMED_GOAL.match(text)
    if named and not named.group(2).startswith("//"):  # a link is not a category
        category = named.group(1).strip()
        description = named.group(2).strip()
        counted = _COUNTED_GOAL.match(description)
        default = counts.get(name_key(category), (1, None))
        target, stretch = _counts(counted) if counted else default
        return GoalSpec(category, target, stretch, description)
    counted = _COUNTED_GOAL.match(text)
    if counted:
        target, stretch = _counts(counted)
        words = counted.group(3).split()
        return GoalSpec(words[0].strip("*_,.;:"), target, stretch, text)
    return None


_PROSE_TOKEN = re.compile(r"[0-9]{1,4}(?:[ \t]*+(?:-|–|—|~|to)[ \t]*+[0-9]{1,4})?|[^\W\d_]+")
_PROSE_RANGE = re.compile(r"([0-9]{1,4})(?:[ \t]*+(?:-|–|—|~|to)[ \t]*+([0-9]{1,4}))?")
_PROSE_WINDOW = 4  # words after a count in which its category may be named


def _prose_counts(lines: Sequence[str]) -> dict[str, tuple[int, int | None]]:
    """Counts the prose gives per category name key: "2-3 papers" -> {"paper": (2, 3)}.
    A count applies to the first word after it (within a few, before the next count)."""
    found: dict[str, tuple[int, int | None]] = {}
    for line in lines:
        if _BULLET.match(line) or _UNIT.match(line):
            continue
        tokens = _PROSE_TOKEN.findall(line)
        for at, token in enumerate(tokens):
            count = _PROSE_RANGE.fullmatch(token)
            if count is None:
                continue
            for word in tokens[at + 1 : at + 1 + _PROSE_WINDOW]:
                if word[:1].isdigit():
                    break
                key = name_key(word)
                if len(key) > 2 and key not in found:
                    found[key] = _counts(count)
    return found


def _counts(match: re.Match[str]) -> tuple[int, int | None]:
    target = min(max(int(match.group(1)), 1), MAX_GOAL_COUNT)
    stretch = int(match.group(2)) if match.group(2) else None
    if stretch is not None and not target < stretch <= MAX_GOAL_COUNT:
        stretch = None
    return target, stretch
