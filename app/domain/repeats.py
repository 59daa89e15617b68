"""Repeating items: an RFC 5545 RRULE, computed with `dateutil.rrule`.

An item repeats by an RRULE (the text CalDAV and TickTick speak), counted from its due
date, or, with the "from completion" flag (TickTick's `repeatFrom`), from the day an
occurrence was completed: "every 3 days after completion" is `FREQ=DAILY;INTERVAL=3`
with the flag. Occurrences are dates; the item keeps its due time, a wall-clock time, so
a daily 9:00 stays 9:00 across a daylight-saving change.

The RFC's reading of impossible dates holds: `BYMONTHDAY=31` skips the months without a
31st (`BYMONTHDAY=-1` is the last day of every month) and a yearly Feb 29 comes every
four years. dateutil is imported on first use only: `rizhi add` without a repeat never
pays for it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Iterator

_PREFIX = "RRULE:"
# Parts Rizhi sets itself: the start is the item's due date, times are its due time. A
# COUNT would need the first occurrence kept for good, as the rule is counted from the
# current one: UNTIL says when a rule ends.
_REFUSED = ("DTSTART", "BYHOUR", "BYMINUTE", "BYSECOND", "COUNT")


class Repeat(NamedTuple):
    rule: str  # an RRULE without its "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=MO
    from_completion: bool = False


def check_rule(text: str) -> str:
    """The RRULE in `text` as the store keeps it (no prefix, upper case); InvalidInput
    when dateutil cannot read it, it sets what Rizhi sets, or it never occurs."""
    rule = text.strip().upper().removeprefix(_PREFIX)
    if not rule or any(part in rule for part in _REFUSED) or "\n" in rule:
        raise InvalidInput(
            f"'{text}' is not a repeat rule Rizhi takes: an RRULE such as"
            " FREQ=WEEKLY;BYDAY=MO, without DTSTART, COUNT (UNTIL ends a rule) or"
            " times of day."
        )
    # "Never occurs" means at no date at all: an item imported from years back may carry
    # a rule that ended long ago, and that is still a rule.
    start = datetime(1900, 1, 1)
    try:
        first = _rrule(rule, start).after(start, inc=True)
    except (ValueError, TypeError) as error:
        raise InvalidInput(f"'{text}' is not a repeat rule: {error}.") from error
    if first is None:
        raise InvalidInput(f"'{text}' never occurs.")
    return rule


def next_occurrence(repeat: Repeat, due: date, *, today: date) -> date | None:
    """The occurrence after the one due on `due` that the item moves to when that one is
    completed or skipped on `today`; None when the rule has no more (UNTIL).

    Counted from the due date, the next occurrence is the first after it that is not
    already past, so a weekly task completed three weeks late comes back once, not three
    times; counted from completion, the first after `today`."""
    if repeat.from_completion:
        return _after(repeat.rule, today, today)
    return _after(repeat.rule, due, max(due, today - timedelta(days=1)))


def occurrences(repeat: Repeat, start: date, count: int) -> list[date]:
    """The first `count` occurrences from `start` (itself included when it is one)."""
    found: list[date] = []
    for moment in _iterate(repeat.rule, start):
        if len(found) == count:
            break
        found.append(moment.date())
    return found


def _after(rule: str, start: date, after: date) -> date | None:
    moment = _rrule(rule, _midnight(start)).after(_midnight(after))
    return None if moment is None else moment.date()


def _iterate(rule: str, start: date) -> Iterator[datetime]:
    return iter(_rrule(rule, _midnight(start)))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _rrule(rule: str, start: datetime) -> Any:  # dateutil.rrule.rrule, untyped
    from dateutil.rrule import rrulestr

    return rrulestr(rule, dtstart=start)
