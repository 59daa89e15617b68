"""Time spent, counted on the user's local days. An entry is a stretch between two UTC
moments; a day is what the user's clock calls one, which lasts 23 or 25 hours across a
daylight-saving change. A stretch over midnight counts on each side for its part.
Stdlib only: the report, the daily log and unit goals share this rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def midnight(day: date, zone: tzinfo) -> datetime:
    """The first moment of `day` in `zone`, in UTC. In UTC because Python subtracts two
    moments of one zone as wall-clock times, which would make every day 24 hours long."""
    return at_minute(day, 0, zone)


def at_minute(day: date, minute: int, zone: tzinfo) -> datetime:
    """The moment the clock in `zone` reads `minute` minutes after `day`'s midnight
    (24:00 is the next midnight), in UTC: a block's start or end."""
    return (datetime.combine(day, time(0), tzinfo=zone) + timedelta(minutes=minute)).astimezone(UTC)


def overlap_seconds(start: datetime, end: datetime, lower: datetime, upper: datetime) -> float:
    """Seconds of [start, end) inside [lower, upper), taken in UTC."""
    first = max(start.astimezone(UTC), lower.astimezone(UTC))
    last = min(end.astimezone(UTC), upper.astimezone(UTC))
    return max(0.0, (last - first).total_seconds())


def day_parts(
    start: datetime, end: datetime, zone: tzinfo, *, first: date, last: date
) -> list[tuple[date, float]]:
    """The seconds of [start, end) that fall on each local day of `first`..`last`, in day
    order; days outside that range, and days the stretch does not touch, are left out.
    The parts add up to the stretch's length inside the range, to the microsecond."""
    lower = max(start.astimezone(UTC), midnight(first, zone))
    upper = min(end.astimezone(UTC), midnight(last + timedelta(days=1), zone))
    parts: list[tuple[date, float]] = []
    if upper <= lower:
        return parts
    day = lower.astimezone(zone).date()
    cursor = lower
    while cursor < upper:
        boundary = min(upper, midnight(day + timedelta(days=1), zone))
        seconds = (boundary - cursor).total_seconds()
        if seconds > 0:
            parts.append((day, seconds))
        cursor = boundary
        day += timedelta(days=1)
    return parts


def minutes_of(seconds: float) -> float:
    """Seconds as minutes to the hundredth, as the report gives them."""
    return round(seconds / 60.0, 2)
