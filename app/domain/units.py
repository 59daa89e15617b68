"""Study units as pure rules: the days a unit covers, goal specs (`papers=2..3 Read two
papers`), how a tag or a category name is matched, and which days were empty.

A unit is a run of the user's local days. Time zones enter only in `day_bounds`, which
turns those days into the half-open instant range [first day 00:00, last day + 1 00:00)
in a given zone; everything stored is compared against that range.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from app.domain.enums import ItemKind
from app.domain.errors import InvalidInput
from app.domain.journal.dates import FIRST_YEAR, LAST_YEAR

DEFAULT_UNIT_DAYS = 10
MAX_UNIT_DAYS = 366
MAX_GOAL_COUNT = 1000
MAX_RATING = 5


class ReviewDecision(StrEnum):
    """What a review does with an unfinished item linked to a goal."""

    CARRY = "carry"  # link it to the same goal of the next unit
    BACKLOG = "backlog"  # off the board, back to the backlog, kept
    DROP = "drop"  # to the trash (restorable)


# --- days ---------------------------------------------------------------------------------


class UnitSpan(NamedTuple):
    """The local days of a unit: `days` days from `start`, both ends included."""

    start: date
    days: int = DEFAULT_UNIT_DAYS

    @property
    def last(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    @property
    def next_start(self) -> date:
        """The day after the last day: where the following unit begins."""
        return self.start + timedelta(days=self.days)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.last

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=offset) for offset in range(self.days)]

    def overlaps(self, other: UnitSpan) -> bool:
        return self.start <= other.last and other.start <= self.last

    def overlaps_range(self, first: date, last: date) -> bool:
        """Whether any day of `first`..`last` (inclusive) is a day of the unit."""
        return self.start <= last and first <= self.last

    def elapsed(self, today: date) -> int:
        """Days of the unit already begun by `today` (today included), 0 to `days`."""
        return max(0, min(self.days, (today - self.start).days + 1))

    def left(self, today: date) -> int:
        """Days of the unit after `today`."""
        return self.days - self.elapsed(today)


def check_days(days: int) -> None:
    if not 1 <= days <= MAX_UNIT_DAYS:
        raise InvalidInput(f"A unit lasts 1 to {MAX_UNIT_DAYS} days, not {days}.")


def check_span(start: date, days: int) -> UnitSpan:
    """The unit of `days` days from `start`, whose days lie in the years the log keeps
    (FIRST_YEAR to LAST_YEAR): far from the calendar's ends, so that the unit after it,
    its review and its bounds can all be reckoned."""
    check_days(days)
    if (
        start.year < FIRST_YEAR
        or start.toordinal() + days - 1 > date(LAST_YEAR, 12, 31).toordinal()
    ):
        raise InvalidInput(
            f"A unit's days lie between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31; "
            f"{days} days from {start.isoformat()} do not."
        )
    return UnitSpan(start, days)


def day_bounds(span: UnitSpan, tz: tzinfo) -> tuple[datetime, datetime]:
    """The instants [first day 00:00, day after the last 00:00) in `tz`, timezone-aware."""
    return local_midnight(span.start, tz), local_midnight(span.next_start, tz)


def local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def containing(spans: Iterable[tuple[int, UnitSpan]], day: date) -> int | None:
    """The key of the span holding `day`, or None; spans never overlap, so at most one."""
    for key, span in spans:
        if span.contains(day):
            return key
    return None


def empty_days(span: UnitSpan, active: Iterable[date], *, today: date | None = None) -> list[date]:
    """Days of the unit with no activity. With `today`, days after it are not empty yet:
    they have not happened."""
    busy = set(active)
    return [d for d in span.dates() if d not in busy and (today is None or d <= today)]


def review_moment(span: UnitSpan, tz: tzinfo, review_time: time | None = None) -> datetime:
    """When the review of a unit falls due: `review_time` on its last day, or the end of
    the last day (the next midnight) when no time is set."""
    if review_time is None:
        return local_midnight(span.next_start, tz)
    return datetime.combine(span.last, review_time.replace(tzinfo=None), tzinfo=tz)


# --- when a unit may be reviewed ----------------------------------------------------------


class ReviewTooEarly(InvalidInput):
    """A review asked for before the unit's last day without saying it is meant early.
    The window asks first; the command line says how to confirm (`--early`)."""


def days_left_text(span: UnitSpan, today: date) -> str:
    """`9 days left`, `1 day left`: the unit's days after `today`."""
    left = span.left(today)
    return f"{left} day{'s' * (left != 1)} left"


def early_review_question(span: UnitSpan, today: date) -> str:
    """What the window asks before reviewing a unit before its last day."""
    return f"{days_left_text(span, today)} — review now?"


def check_review_day(number: int, span: UnitSpan, today: date, *, early: bool) -> None:
    """Refuse a review that comes too soon: before the unit's first day always (nothing
    has happened in it yet), before its last day unless `early` says the user means it.
    From the last day on a review needs no confirmation: the unit is ending."""
    if today < span.start:
        days = (span.start - today).days
        raise InvalidInput(
            f"Unit {number} has not started yet: it starts on {span.start:%a %d %b %Y} "
            f"(in {days} day{'s' * (days != 1)}), and can be reviewed from then on. "
            "Nothing was changed."
        )
    if today < span.last and not early:
        raise ReviewTooEarly(
            f"Unit {number} has {early_review_question(span, today)} It ends on "
            f"{span.last:%a %d %b %Y}; nothing was changed."
        )


def default_title(number: int, span: UnitSpan) -> str:
    """`Unit 1: 2-01 to 2-10`: month without a leading zero, day with one."""
    return f"Unit {number}: {_short(span.start)} to {_short(span.last)}"


def _short(day: date) -> str:
    return f"{day.month}-{day.day:02d}"


# --- names --------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s_\-]+")
# The plural endings folded away; short words ("bus", "gas") and words that end in these
# letters without being plurals ("class", "analysis", "campus") keep their final s.
_KEEP_FINAL_S = ("ss", "us", "is")
_ES_AFTER = ("ches", "shes", "sses", "xes", "zes")


def name_key(name: str) -> str:
    """What a category name and a tag are compared by: case-folded, separators dropped,
    and a simple English plural folded to the singular. `Papers`, `paper` and `PAPERS`
    share a key; so do `Deep Learning` and `deep-learning`, and `studies` and `study`."""
    key = _SEPARATORS.sub("", name.casefold())
    if len(key) <= 3:
        return key
    if key.endswith("ies"):
        return key[:-3] + "y"
    if key.endswith(_ES_AFTER):
        return key[:-2]
    if key.endswith("s") and not key.endswith(_KEEP_FINAL_S):
        return key[:-1]
    return key


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def find_category(name: str, known: Sequence[str]) -> str | None:
    """The known category that `name` names (any case, singular or plural), or None."""
    key = name_key(name)
    for candidate in known:
        if name_key(candidate) == key:
            return candidate
    return None


def unknown_category(name: str, known: Sequence[str]) -> InvalidInput:
    listed = ", ".join(known) if known else "none yet"
    return InvalidInput(
        f"There is no goal category '{name}' (known: {listed}). Add it with "
        f"`rizhi unit category add {_quoted(name)} [--color #hex] [--kinds paper]`."
    )


def _quoted(name: str) -> str:
    return f'"{name}"' if re.search(r"\s", name) else name


# A hashtag starts a word: "C#", "page#anchor" and "/#/route" are not tags.
_HASHTAG = re.compile(r"(?<![\w&/#＃])[#＃]([\w][\w-]*)")


def hashtags(text: str) -> list[str]:
    """The hashtags written in `text` (`#lecture`, `#论文`), in order, without the sign.
    A Markdown heading (`# Title`) is not a tag: the sign is followed by a space."""
    return _HASHTAG.findall(text)


# --- goal specs ---------------------------------------------------------------------------


class GoalMeasure(StrEnum):
    """What a goal counts: items done (`papers=3`) or minutes of time spent (`coding=6h`)."""

    ITEMS = "items"
    MINUTES = "minutes"


class GoalSpec(NamedTuple):
    """A goal as written: `papers=2..3 Read two papers on SSL`, or in hours `coding=6h`
    (target and stretch are then minutes)."""

    category: str
    target: int
    stretch: int | None = None
    description: str = ""
    measure: GoalMeasure = GoalMeasure.ITEMS


# A count is digits; a length of time is the estimate grammar's hours and minutes.
_AMOUNT = r"\d+(?:\.\d+)?h(?:\d+m)?|\d+m|\d+"
_SPEC = re.compile(
    rf"^\s*(?P<category>[^=]+?)\s*=\s*(?P<target>{_AMOUNT})"
    rf"(?:\s*(?:\.\.|-|–|—|~)\s*(?P<stretch>{_AMOUNT}))?(?:\s+(?P<description>.*?))?\s*$",
    re.DOTALL,
)
SPEC_HINT = (
    "Write a goal as CATEGORY=TARGET[..STRETCH] [description], "
    "e.g. 'papers=2..3 Read two papers on SSL', 'lectures=3', or in hours 'coding=6h'."
)
MAX_GOAL_MINUTES = MAX_GOAL_COUNT * 60


def parse_goal_spec(text: str) -> GoalSpec:
    """Read `<category>=<target>[..<stretch>] [description]`; a range may also be written
    `2-3` or `2–3`. The category is returned as written; matching it is the caller's."""
    match = _SPEC.match(text)
    if match is None:
        raise InvalidInput(f"Could not read the goal '{text.strip()}'. {SPEC_HINT}")
    target_text, stretch_text = match.group("target"), match.group("stretch")
    timed = not target_text.isdigit() or bool(stretch_text and not stretch_text.isdigit())
    measure = GoalMeasure.MINUTES if timed else GoalMeasure.ITEMS
    target = _amount(target_text, measure)
    stretch = _amount(stretch_text, measure) if stretch_text else None
    check_counts(target, stretch, measure)
    return GoalSpec(
        category=match.group("category").strip(),
        target=target,
        stretch=stretch,
        description=" ".join((match.group("description") or "").split()),
        measure=measure,
    )


def _amount(text: str, measure: GoalMeasure) -> int:
    """A count, or minutes; a bare number beside hours is hours (`coding=4..6h`)."""
    if measure is GoalMeasure.ITEMS:
        return int(text)
    clean = text
    if clean.isdigit():
        return int(clean) * 60
    hours, _, rest = clean.partition("h")
    if not _:  # minutes only: "90m"
        return int(clean.rstrip("m"))
    return round(float(hours) * 60) + (int(rest.rstrip("m")) if rest else 0)


def goal_amount_text(amount: int, measure: GoalMeasure | str) -> str:
    """A target or an achieved amount as the user writes it: `3`, or `4h30m` for minutes."""
    if measure != GoalMeasure.MINUTES:
        return str(amount)
    hours, minutes = divmod(amount, 60)
    if not minutes:
        return f"{hours}h"
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def check_counts(
    target: int, stretch: int | None, measure: GoalMeasure | str = GoalMeasure.ITEMS
) -> None:
    if measure == GoalMeasure.MINUTES:
        _check_minutes(target, stretch)
        return
    if not 1 <= target <= MAX_GOAL_COUNT:
        raise InvalidInput(f"A goal's target is 1 to {MAX_GOAL_COUNT}, not {target}.")
    if stretch is not None and not target < stretch <= MAX_GOAL_COUNT:
        raise InvalidInput(
            f"A stretch goal is more than the target ({target}) and at most "
            f"{MAX_GOAL_COUNT}, not {stretch}."
        )


def _check_minutes(target: int, stretch: int | None) -> None:
    if not 1 <= target <= MAX_GOAL_MINUTES:
        raise InvalidInput(
            f"A goal in hours asks for 1 minute to {MAX_GOAL_COUNT}h, "
            f"not {goal_amount_text(target, GoalMeasure.MINUTES)}."
        )
    if stretch is not None and not target < stretch <= MAX_GOAL_MINUTES:
        raise InvalidInput(
            "A stretch goal is more than the target "
            f"({goal_amount_text(target, GoalMeasure.MINUTES)}) and at most {MAX_GOAL_COUNT}h."
        )


def check_adjustment(adjustment: int) -> None:
    if abs(adjustment) > MAX_GOAL_COUNT:
        raise InvalidInput(
            f"An adjustment is between -{MAX_GOAL_COUNT} and {MAX_GOAL_COUNT}, not {adjustment}."
        )


def check_rating(rating: int | None) -> None:
    if rating is not None and not 1 <= rating <= MAX_RATING:
        raise InvalidInput(f"A unit is rated 1 to {MAX_RATING}, not {rating}.")


_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def check_color(color: str) -> str:
    """A colour as `#rgb`, `#rrggbb` or `#rrggbbaa`, lower-cased."""
    text = color.strip()
    if not _COLOR.match(text):
        raise InvalidInput(f"'{color}' is not a colour; write it as #rrggbb, e.g. #2563eb.")
    return text.lower()


MAX_CATEGORY_NAME = 64


def check_category_name(name: str) -> str:
    """A category's name with its spaces tidied; 1 to 64 characters, no '=' (which ends
    the name in a goal spec)."""
    clean = " ".join(name.split())
    if not clean or "=" in clean or len(clean) > MAX_CATEGORY_NAME:
        raise InvalidInput(
            f"'{name}' cannot name a category: give 1 to {MAX_CATEGORY_NAME} characters "
            "without '='."
        )
    return clean


def parse_kinds(names: Iterable[str]) -> tuple[str, ...]:
    """Item kinds named for a category (`paper`, `papers`), as stored values, each once."""
    by_key = {name_key(kind.value): kind.value for kind in ItemKind}
    kinds: list[str] = []
    for name in names:
        kind = by_key.get(name_key(name))
        if kind is None:
            known = ", ".join(k.value for k in ItemKind)
            raise InvalidInput(f"'{name}' is not a kind of item; the kinds are {known}.")
        if kind not in kinds:
            kinds.append(kind)
    return tuple(kinds)
