"""Repeat rules as the item editor offers, shows and reads them. Qt-free.

The choices are TickTick's: none, daily, weekdays, weekly on chosen days, monthly on the
due date's day or on its weekday of the month ("the second Tuesday"), yearly, every N days
after completion, and a rule typed in the capture grammar (`every 2 weeks`, `每个工作日`)
or as a raw RRULE. Each becomes a `Repeat` (app/domain/repeats.py); a stored rule is
shown back as the choice that makes it, or as typed when no choice does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Final, NamedTuple

from app.domain.capture_repeats import WEEKDAYS_RULE, read_repeat
from app.domain.errors import InvalidInput
from app.domain.repeats import Repeat, check_rule

DAY_CODES: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNITS: Final = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_ORDINALS: Final = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class RepeatKind(StrEnum):
    NONE = "none"
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    WEEKLY = "weekly"
    MONTHLY_DAY = "monthly_day"
    MONTHLY_WEEKDAY = "monthly_weekday"
    YEARLY = "yearly"
    AFTER_COMPLETION = "after_completion"
    TYPED = "typed"


KINDS: Final = tuple(RepeatKind)


class RepeatForm(NamedTuple):
    """What the editor's repeat controls hold."""

    kind: RepeatKind = RepeatKind.NONE
    weekdays: tuple[int, ...] = ()  # WEEKLY: 0 = Monday … 6 = Sunday
    every_days: int = 1  # AFTER_COMPLETION
    typed: str = ""  # TYPED: a rule in words or an RRULE
    from_completion: bool = False  # TYPED: counted from completion


def kind_label(kind: RepeatKind, start: date) -> str:
    """The choice in words, for an item due on `start` (today without a due date)."""
    if kind is RepeatKind.MONTHLY_DAY:
        return f"Monthly on day {start.day}"
    if kind is RepeatKind.MONTHLY_WEEKDAY:
        return f"Monthly on the {_ORDINALS[_nth(start)]} {_LONG_DAYS[start.weekday()]}"
    if kind is RepeatKind.YEARLY:
        return f"Yearly on {start:%d %B}".replace(" 0", " ")
    return {
        RepeatKind.NONE: "Does not repeat",
        RepeatKind.DAILY: "Daily",
        RepeatKind.WEEKDAYS: "Every weekday (Mon–Fri)",
        RepeatKind.WEEKLY: "Weekly on…",
        RepeatKind.AFTER_COMPLETION: "Every N days after completion",
        RepeatKind.TYPED: "Custom rule…",
    }[kind]


def _nth(day: date) -> int:
    """Which of its weekday in the month `day` is: 1 to 4, or -1 for a fifth (the last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def repeat_of(form: RepeatForm, start: date, now: datetime) -> Repeat | None:
    """The repeat the form says, for an item due on `start`; InvalidInput for a typed
    rule that does not read or weekly without a day."""
    kind = form.kind
    if kind is RepeatKind.NONE:
        return None
    if kind is RepeatKind.DAILY:
        return Repeat("FREQ=DAILY")
    if kind is RepeatKind.WEEKDAYS:
        return Repeat(WEEKDAYS_RULE)
    if kind is RepeatKind.WEEKLY:
        if not form.weekdays:
            raise InvalidInput("Choose the days of the week it repeats on.")
        days = ",".join(DAY_CODES[d] for d in sorted(set(form.weekdays)))
        return Repeat(f"FREQ=WEEKLY;BYDAY={days}")
    if kind is RepeatKind.MONTHLY_DAY:
        return Repeat(f"FREQ=MONTHLY;BYMONTHDAY={start.day}")
    if kind is RepeatKind.MONTHLY_WEEKDAY:
        return Repeat(f"FREQ=MONTHLY;BYDAY={DAY_CODES[start.weekday()]};BYSETPOS={_nth(start)}")
    if kind is RepeatKind.YEARLY:
        return Repeat("FREQ=YEARLY")
    if kind is RepeatKind.AFTER_COMPLETION:
        every = max(1, form.every_days)
        return Repeat("FREQ=DAILY" + (f";INTERVAL={every}" if every > 1 else ""), True)
    return read_typed_repeat(form.typed, now, from_completion=form.from_completion)


def read_typed_repeat(text: str, now: datetime, *, from_completion: bool = False) -> Repeat:
    """A rule typed in the capture grammar ("every 2 weeks", "每个工作日", "every 3 days
    after completion") or as an RRULE ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2")."""
    words = text.strip()
    if not words:
        raise InvalidInput(
            "Type a rule: every 2 weeks, every mon and thu, 每个工作日, or an RRULE."
        )
    if words.upper().startswith(("FREQ=", "RRULE:")):
        return Repeat(check_rule(words), from_completion)
    rule, counted_from_completion = read_repeat(words, now)
    return Repeat(check_rule(rule), from_completion or counted_from_completion)


def form_of(repeat: Repeat | None, start: date) -> RepeatForm:
    """The controls that show `repeat` for an item due on `start`: the choice that makes
    exactly this rule, else the rule as typed text."""
    if repeat is None:
        return RepeatForm()
    rule, parts = repeat.rule, _parts(repeat.rule)
    if repeat.from_completion:
        interval = parts.pop("INTERVAL", "1")
        if parts == {"FREQ": "DAILY"} and interval.isdigit():
            return RepeatForm(RepeatKind.AFTER_COMPLETION, every_days=int(interval))
        return RepeatForm(RepeatKind.TYPED, typed=rule, from_completion=True)
    for kind in (
        RepeatKind.DAILY,
        RepeatKind.WEEKDAYS,
        RepeatKind.MONTHLY_DAY,
        RepeatKind.MONTHLY_WEEKDAY,
        RepeatKind.YEARLY,
    ):
        made = repeat_of(RepeatForm(kind), start, datetime.combine(start, datetime.min.time()))
        if made is not None and _parts(made.rule) == parts:
            return RepeatForm(kind)
    if set(parts) == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY":
        codes = parts["BYDAY"].split(",")
        if all(code in DAY_CODES for code in codes):
            return RepeatForm(
                RepeatKind.WEEKLY, weekdays=tuple(sorted(map(DAY_CODES.index, codes)))
            )
    if parts == {"FREQ": "WEEKLY"}:  # "every week": on the due date's weekday
        return RepeatForm(RepeatKind.WEEKLY, weekdays=(start.weekday(),))
    return RepeatForm(RepeatKind.TYPED, typed=rule)


def _parts(rule: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in rule.upper().split(";"):
        key, _, value = part.partition("=")
        found[key.strip()] = value.strip()
    return found


def describe_repeat(repeat: Repeat | None, start: date) -> str:
    """The rule in words, for the editor's summary."""
    if repeat is None:
        return "Does not repeat"
    form = form_of(repeat, start)
    if form.kind is RepeatKind.WEEKLY:
        return "Weekly on " + ", ".join(DAY_NAMES[d] for d in form.weekdays)
    if form.kind is RepeatKind.AFTER_COMPLETION:
        every = form.every_days
        return f"{'Every day' if every == 1 else f'Every {every} days'} after completion"
    parts = _parts(repeat.rule)
    unit = _UNITS.get(parts.get("FREQ", ""))
    if form.kind is RepeatKind.TYPED and unit and set(parts) == {"FREQ", "INTERVAL"}:
        interval = parts["INTERVAL"]
        tail = " after completion" if repeat.from_completion else ""
        return f"Every {interval} {unit}s{tail}" if interval != "1" else f"Every {unit}{tail}"
    if form.kind is RepeatKind.TYPED:
        return f"By the rule {repeat.rule}" + (
            ", from completion" if repeat.from_completion else ""
        )
    return kind_label(form.kind, start)


def weekdays_text(days: Sequence[int]) -> str:
    return ", ".join(DAY_NAMES[d] for d in sorted(days))
