"""How one field of a Rizhi export is checked before an import writes it.

Each check takes the value as it came out of the JSON and raises `BadValue` saying what
is wrong with it. The formats are the ones the store keeps (app/store/formats.py: dates
as YYYY-MM-DD, moments as UTC ISO 8601 text with microseconds, times as HH:MM) and the
rules are the ones the services apply, called where they live (`rule`), so that an
import accepts exactly what Rizhi itself could have written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.journal.dates import FIRST_YEAR, LAST_YEAR
from app.store.formats import date_text, parse_time, parse_utc, time_text, utc_text

Check = Callable[[Any], None]

# SQLite's integers are 64-bit; ids are kept to what a JSON number holds exactly.
INT64 = (1 << 63) - 1
LARGEST_ID = (1 << 53) - 1
# Positions and ranks are steps of 2**20 apart (app/domain/ranks.py): kept far enough
# inside 64 bits that stepping past the first or the last never overflows.
LARGEST_ORDER = 1 << 60
MOMENT_EXAMPLE = "2026-11-20T02:00:00.000000+00:00"


class BadValue(ValueError):
    """What is wrong with a field's value, in words for the user."""


def shown(value: object) -> str:
    """A value as the message quotes it: JSON, and short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def both(*checks: Check) -> Check:
    def check(value: Any) -> None:
        for one in checks:
            one(value)

    return check


def maybe(check: Check) -> Check:
    """`check`, or null."""

    def nullable(value: Any) -> None:
        if value is not None:
            check(value)

    return nullable


def rule(service_rule: Callable[[Any], object]) -> Check:
    """A rule the services apply (raising InvalidInput), as a check of a value of the
    right type (run it after the check of the type)."""

    def check(value: Any) -> None:
        try:
            service_rule(value)
        except InvalidInput as exc:
            raise BadValue(str(exc)) from exc

    return check


def integer(low: int = -INT64, high: int = INT64) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadValue(f"{shown(value)} is not a whole number.")
        if not low <= value <= high:
            raise BadValue(f"{value} is not between {low} and {high}.")

    return check


IDENTIFIER = integer(1, LARGEST_ID)
ORDER = integer(-LARGEST_ORDER, LARGEST_ORDER)


def text(*, blank: bool = True, longest: int | None = None) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise BadValue(f"{shown(value)} is not text.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadValue("The text holds a lone surrogate (\\ud800-\\udfff).") from exc
        if not blank and not value.strip():
            raise BadValue("The text is empty.")
        if longest is not None and len(value) > longest:
            raise BadValue(f"The text is {len(value)} characters long; at most {longest} are kept.")

    return check


ANY_TEXT = text()
SOME_TEXT = text(blank=False)
UID = text(blank=False, longest=36)


def choice(values: Iterable[str]) -> Check:
    allowed = tuple(values)

    def check(value: Any) -> None:
        if value not in allowed or not isinstance(value, str):
            raise BadValue(f"{shown(value)} is not one of {', '.join(allowed)}.")

    return check


def _reads(value: Any, read: Callable[[str], object], write: Callable[[Any], str]) -> bool:
    """Whether `value` is text that `read` reads and `write` writes back unchanged:
    the one form the store keeps, not merely something that parses."""
    if not isinstance(value, str):
        return False
    try:
        return write(read(value)) == value
    except (ValueError, TypeError, OverflowError):
        return False


def day(value: Any) -> None:
    if not _reads(value, date.fromisoformat, date_text):
        raise BadValue(f"{shown(value)} is not a date written YYYY-MM-DD.")


def moment(value: Any) -> None:
    if not _reads(value, parse_utc, utc_text):
        raise BadValue(
            f"{shown(value)} is not a moment as Rizhi keeps it: UTC, to the microsecond, "
            f"e.g. {MOMENT_EXAMPLE}."
        )
    # Shown in local time, a moment at either end of the calendar would leave it.
    if not FIRST_YEAR <= parse_utc(value).year <= LAST_YEAR:
        raise BadValue(f"{shown(value)} is outside the years {FIRST_YEAR}-{LAST_YEAR}.")


def clock(value: Any) -> None:
    if not _reads(value, parse_time, time_text):
        raise BadValue(f"{shown(value)} is not a time of day written HH:MM.")


def wall_clock(value: Any) -> None:
    """A local wall-clock time as reminders keep it: YYYY-MM-DDTHH:MM."""
    from app.domain.reminders import read_wall, wall_text

    if not _reads(value, read_wall, wall_text):
        raise BadValue(f"{shown(value)} is not a wall-clock time written YYYY-MM-DDTHH:MM.")


def json_object(value: Any) -> None:
    """Text holding a JSON object (what the store keeps in `anomaly` and `meta`)."""
    text()(value)
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError) as exc:
        raise BadValue(f"{shown(value)} is not a JSON object written as text.") from exc
    if not isinstance(parsed, dict):
        raise BadValue(f"{shown(value)} is not a JSON object written as text.")
