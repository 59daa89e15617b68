"""Choosing the date of every date line with the help of the others.

A journal is a sequence: oldest first or newest first (the direction is taken from the
file). A date that breaks it, like `2012-12-09` between two December 2021 entries, is a
typo more often than not, and so is a date that names no day (`2021-0829`, `20201-02-16`,
`2021-02-30`). Such a line is placed where the sequence says it belongs and flagged:

1. Dates read unambiguously are *firm*. `04-11-2019` is settled by a weekday written
   with it, by a part above 12, or by the day-first or month-first habit the rest of the
   file shows; otherwise it waits for step 3.
2. The firm dates in order form the longest run that keeps the file's direction; a date
   outside every such run is out of sequence. When several runs are equally long, the one
   with the smallest gaps wins (a single typo among neighbours, not the neighbours).
3. Each remaining line gets the first correction, in order of likelihood, that fits
   between the nearest kept dates before and after it: its own readings, fixes for a
   malformed date, the neighbours' year, the neighbours' month, month and day swapped,
   a digit added to a one-digit day; a day neither neighbour has is preferred. When none
   fits, it joins the day of the entry before it, so it stays where it was written.
4. A range end that names no day takes the fix of its year or separator that makes the
   shortest range; the entry is flagged either way.

A file with more than a quarter of its dates out of sequence (and more than two) is not a
sequence at all; its valid dates are kept as written.
"""

from __future__ import annotations

import calendar
import itertools
import math
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from app.domain.journal.dates import DateLine, DateToken
from app.domain.journal.range_end import resolve_end, shift

__all__ = ["MAX_RANGE_DAYS", "Placement", "place_dates"]

MAX_RANGE_DAYS = 366
UNORDERED_SHARE = 0.25  # more dates than this out of sequence: the file is not in order
UNORDERED_MIN = 2  # ...unless it is only this many (a short file with one or two typos)
_CHAIN_WORK_LIMIT = 200_000
_DIGIT_RANK = 5  # where `_candidates` puts days with a digit added
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Placement(NamedTuple):
    """Where a date line's entry goes; `problem` is '' when it was read as written."""

    day: date
    end_day: date | None
    problem: str


class _Line(NamedTuple):
    readings: tuple[date, ...]
    styles: tuple[str, ...]
    firm: bool
    problem: str  # a weekday that does not match, or the token's own problem


def place_dates(lines: Sequence[DateLine]) -> tuple[list[Placement], str]:
    """The placement of each date line, in the same order, and the file's direction
    ("oldest first", "newest first", or "" when the dates do not say)."""
    day_first = _habit(lines)
    prepared = [_prepare(line, day_first) for line in lines]
    firm = [i for i, line in enumerate(prepared) if line.firm]
    values = [prepared[i].readings[0].toordinal() for i in firm]
    # The direction is the one that keeps more dates in order; on a tie, the one with
    # the smaller gaps ("2021-12-10, 2012-12-09, 2021-12-08" is newest first).
    oldest = _in_sequence(values)
    newest = _in_sequence([-v for v in values])
    newest_first = (newest.kept, -newest.cost) > (oldest.kept, -oldest.cost)
    chosen = newest if newest_first else oldest
    moving = len(set(values)) > 1
    direction = ("newest first" if newest_first else "oldest first") if moving else ""
    kept: dict[int, date] = {
        i: prepared[i].readings[0] for i, keep in zip(firm, chosen.mask, strict=True) if keep
    }
    before, after = _anchors(len(lines), kept)
    placements = []
    for index, (line, info) in enumerate(zip(lines, prepared, strict=True)):
        written: date | None = info.readings[0] if info.readings else None
        if index in kept:
            start, problem = kept[index], info.problem
        else:
            start, problem = _place(line.start, info, before[index], after[index], newest_first)
        placements.append(
            _with_end(line, start, problem, written=written, info=info, day_first=day_first)
        )
    return placements, direction


# --- reading each line --------------------------------------------------------------------


def _habit(lines: Sequence[DateLine]) -> bool | None:
    """Whether the file writes numeric dates day first (True), month first (False), or
    does not say (None): from dates only one of the two readings fits (13-11-2019), or
    whose weekday picks one."""
    votes = {"dmy": 0, "mdy": 0}
    for line in lines:
        styles = _matching(line.start, line.weekday)[1]
        if len(styles) == 1 and styles[0] in votes:
            votes[styles[0]] += 1
    if votes["dmy"] == votes["mdy"]:
        return None
    return votes["dmy"] > votes["mdy"]


def _matching(token: DateToken, weekday: int | None) -> tuple[tuple[date, ...], tuple[str, ...]]:
    """The token's readings that agree with the weekday written beside it (all of them
    when none does, or when no weekday was written)."""
    if weekday is None:
        return token.readings, token.styles
    pairs = [(d, s) for d, s in zip(token.readings, token.styles, strict=True)]
    agreeing = [(d, s) for d, s in pairs if d.weekday() == weekday]
    chosen = agreeing or pairs
    return tuple(d for d, _ in chosen), tuple(s for _, s in chosen)


def _prepare(line: DateLine, day_first: bool | None) -> _Line:
    token = line.start
    readings, styles = _matching(token, line.weekday)
    if len(readings) > 1 and day_first is not None:
        wanted = "dmy" if day_first else "mdy"
        ordered = sorted(zip(readings, styles, strict=True), key=lambda pair: pair[1] != wanted)
        readings = tuple(d for d, _ in ordered)
        styles = tuple(s for _, s in ordered)
        firm = True
    else:
        firm = len(readings) == 1
    problem = token.problem
    if readings and line.weekday is not None and readings[0].weekday() != line.weekday:
        problem = (
            f"{_WEEKDAY_NAMES[line.weekday]} does not match {readings[0].isoformat()}, "
            f"a {_WEEKDAY_NAMES[readings[0].weekday()]}"
        )
    return _Line(readings, styles, firm and bool(readings), problem)


# --- the longest run in order -------------------------------------------------------------


def _run_lengths(values: Sequence[int]) -> list[int]:
    """For each value, the length of the longest non-decreasing run ending at it."""
    tails: list[int] = []
    lengths = []
    for value in values:
        k = bisect_right(tails, value)
        if k == len(tails):
            tails.append(value)
        else:
            tails[k] = value
        lengths.append(k + 1)
    return lengths


class _Run(NamedTuple):
    mask: list[bool]  # which values are in the run
    kept: int
    cost: float  # the sum of log(1 + gap) along the run


def _in_sequence(values: Sequence[int]) -> _Run:
    """The longest non-decreasing run through `values` (smallest gaps on ties)."""
    n = len(values)
    if n == 0:
        return _Run([], 0, 0.0)
    ending = _run_lengths(values)
    starting = _run_lengths([-v for v in reversed(values)])[::-1]
    best = max(ending, default=0)
    if n - best > max(UNORDERED_MIN, UNORDERED_SHARE * n):
        return _Run([True] * n, best, math.inf)  # not a sequence: nothing is out of it
    levels: list[list[int]] = [[] for _ in range(best + 1)]
    for i in range(n):
        if ending[i] + starting[i] - 1 == best:
            levels[ending[i]].append(i)
    work = sum(len(a) * len(b) for a, b in itertools.pairwise(levels[1:]))
    chain = _cheapest_chain(values, levels) if work <= _CHAIN_WORK_LIMIT else None
    if chain is None:
        chain = _any_chain(values, levels)
    mask = [False] * n
    for i in chain:
        mask[i] = True
    ordered = sorted(chain)
    cost = sum(math.log1p(values[b] - values[a]) for a, b in itertools.pairwise(ordered))
    return _Run(mask, best, cost)


def _cheapest_chain(values: Sequence[int], levels: list[list[int]]) -> list[int] | None:
    cost = {i: 0.0 for i in levels[1]}
    back: dict[int, int] = {}
    for level in range(2, len(levels)):
        for i in levels[level]:
            options = [
                (cost[p] + math.log1p(values[i] - values[p]), p)
                for p in levels[level - 1]
                if p < i and values[p] <= values[i]
            ]
            if not options:
                return None
            cost[i], back[i] = min(options)
    last = min(levels[-1], key=lambda i: cost[i])
    chain = [last]
    while chain[-1] in back:
        chain.append(back[chain[-1]])
    return chain


def _any_chain(values: Sequence[int], levels: list[list[int]]) -> list[int]:
    current = levels[-1][-1]
    chain = [current]
    for level in range(len(levels) - 2, 0, -1):
        current = max(p for p in levels[level] if p < current and values[p] <= values[current])
        chain.append(current)
    return chain


# --- placing what is not in sequence ------------------------------------------------------


def _anchors(count: int, kept: dict[int, date]) -> tuple[list[date | None], list[date | None]]:
    """For each line, the nearest kept date before it and after it in the file."""
    before: list[date | None] = []
    last: date | None = None
    for i in range(count):
        before.append(last)
        if i in kept:
            last = kept[i]
    after: list[date | None] = [None] * count
    last = None
    for i in range(count - 1, -1, -1):
        after[i] = last
        if i in kept:
            last = kept[i]
    return before, after


def _place(
    token: DateToken,
    info: _Line,
    before: date | None,
    after: date | None,
    newest_first: bool,
) -> tuple[date, str]:
    low, high = (after, before) if newest_first else (before, after)

    def fits(day: date) -> bool:
        return (low is None or low <= day) and (high is None or day <= high)

    near = before or after
    for rank, candidates in enumerate(_candidates(token, info, before, after)):
        fitting = [d for d in candidates if fits(d)]
        # A day of its own rather than a neighbour's: "2021-05-1" between 2021-05-16
        # and 2021-05-14 is the 15th that is missing, not a second 16th.
        fitting = [d for d in fitting if d not in (low, high)] or fitting
        if fitting:
            chosen = min(fitting, key=lambda d: abs((d - near).days) if near else 0)
            if rank == 0:
                return chosen, info.problem  # an ambiguous date its neighbours settle
            problem = _problem(token, info, chosen, low, high)
            if rank == _DIGIT_RANK:
                problem += f", and a digit of its day looks missing ({chosen.day})"
            return chosen, problem
    chosen = before or after or (info.readings + token.repairs)[0]
    return chosen, _problem(token, info, chosen, low, high)


def _candidates(
    token: DateToken, info: _Line, before: date | None, after: date | None
) -> list[list[date]]:
    """Possible dates in order of likelihood, one list per kind of correction: its own
    readings, fixes of a malformed date, a neighbour's year, a neighbour's year and
    month, month and day swapped, a digit missing from a one-digit day (at _DIGIT_RANK)."""
    bases = list(info.readings or token.repairs)
    anchors = [a for a in (before, after) if a is not None]
    years = _replaced(bases, [{"year": a.year} for a in anchors])
    months = _replaced(bases, [{"year": a.year, "month": a.month} for a in anchors])
    swapped = [d for d in (_swap(b) for b in bases) if d is not None]
    digits = [d for reading in info.readings for d in _digit_added(reading)]
    return [list(info.readings), list(token.repairs), years, months, swapped, digits]


def _replaced(days: Sequence[date], changes: Sequence[dict[str, int]]) -> list[date]:
    found: list[date] = []
    for day in days:
        for change in changes:
            try:
                changed = day.replace(**change)
            except ValueError:
                continue  # 29 February in another year
            if changed not in found:
                found.append(changed)
    return found


def _digit_added(day: date) -> list[date]:
    """The days of `day`'s month a one-digit day becomes with a digit written before or
    after it (a day cut short: "2021-05-1" for the 15th)."""
    if day.day > 9:
        return []
    numbers = [10 * tens + day.day for tens in (1, 2, 3)] + [10 * day.day + u for u in range(10)]
    last = calendar.monthrange(day.year, day.month)[1]
    return [day.replace(day=n) for n in sorted(set(numbers)) if n <= last]


def _swap(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


def _problem(
    token: DateToken, info: _Line, chosen: date, low: date | None, high: date | None
) -> str:
    """Why the line's date was not taken as written: what is wrong with the date, and
    whether the day it names (or its obvious fix) is out of sequence."""
    named = (info.readings + token.repairs)[0]
    reasons = [token.problem]
    if chosen not in info.readings + token.repairs:
        if low and high:
            around = f"between {low.isoformat()} and {high.isoformat()}"
        elif low:
            around = f"after {low.isoformat()}"
        elif high:
            around = f"before {high.isoformat()}"
        else:
            around = "with the dates around it"
        text = token.text if not token.problem else named.isoformat()
        reasons.append(f"{text} is out of sequence {around}")
    reasons.append(info.problem if info.problem != token.problem else "")
    return "; ".join(reason for reason in reasons if reason)


def _with_end(
    line: DateLine,
    start: date,
    problem: str,
    *,
    written: date | None,
    info: _Line,
    day_first: bool | None,
) -> Placement:
    if line.end is None:
        return Placement(start, None, problem)
    # An end without a year is read in the start's order: "2021-12-30 ~ 01-02" month
    # first, "30-12-2021 ~ 02-01" day first; a named month leaves it to the file's habit.
    style = info.styles[0] if info.styles else "ymd"
    first = day_first if style == "name" else style == "dmy"
    end = _end_reading(line, start, first)
    # The same correction as the start ("2012-12-09 ~ 2012-12-11" among 2021 dates),
    # unless the start moved into the range as written: "2020-05-2 ~ 2020-05-28"
    # between the 25th and the 30th is the 26th to the 28th.
    if (
        end is not None
        and line.end.full is not None
        and written is not None
        and written != start
        and not written < start <= end
    ):
        end = shift(end, (start - written).days)
    if end is None and line.end.full is not None:
        end = _repaired_end(line.end.full, start, line.end_weekday)
        if end is not None:
            note = (
                f"the range end '{line.end.text}' is read as {end.isoformat()} "
                f"({line.end.full.problem})"
            )
            problem = _join(problem, note)
    if end is None:
        note = f"the range end '{line.end.text}' names no day after {start.isoformat()}"
        return Placement(start, None, _join(problem, note))
    if end == start:
        return Placement(start, None, problem)
    if end < start:
        note = f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})"
        return Placement(start, None, _join(problem, note))
    if (end - start).days > MAX_RANGE_DAYS:
        note = f"a range of {(end - start).days + 1} days is longer than a year"
        return Placement(start, None, _join(problem, note))
    return Placement(start, end, problem)


def _end_reading(line: DateLine, start: date, day_first: bool | None) -> date | None:
    end = line.end
    assert end is not None
    if end.full is not None and line.end_weekday is not None:
        for reading in end.full.readings:
            if reading.weekday() == line.end_weekday:
                return reading
    return resolve_end(start, end, day_first=day_first)


def _repaired_end(token: DateToken, start: date, weekday: int | None) -> date | None:
    """The correction of a malformed range end (`2021-0304`, `20201-02-16`) that makes the
    shortest range from `start`, of those no longer than MAX_RANGE_DAYS; one on the
    weekday written with the end, when there is. Only corrections that keep the month
    and day as written: with no neighbours to check it against, a day clamped into its
    month (`2019-07-59` as the 31st) is a guess, and the range keeps only its start."""
    fitting = [d for d in token.exact_repairs if 0 <= (d - start).days <= MAX_RANGE_DAYS]
    on_weekday = [d for d in fitting if d.weekday() == weekday]
    return min(on_weekday or fitting, default=None)


def _join(first: str, second: str) -> str:
    return "; ".join(part for part in (first, second) if part)
