"""Reading the Time tab's form, without Qt: a local day, a start ("14:00") and either a
length ("1h20m") or an end ("15:30") make an entry's two moments, in the machine's zone
on that day (so a DST change that day is counted right); a length may run past
midnight, an end is on the same day and after the start."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from app.domain.errors import InvalidInput
from app.domain.timebox import clock_minutes, length_minutes


def moment(day: date, clock: str, zone: tzinfo) -> datetime:
    minutes = clock_minutes(clock)
    hours, mins = divmod(minutes, 60)
    return datetime.combine(day, time(hours, mins), tzinfo=zone)


def stretch(day: date, start: str, length_or_end: str, zone: tzinfo) -> tuple[datetime, datetime]:
    """(start, end) as aware moments; InvalidInput for what is not one."""
    begin = moment(day, start, zone)
    text = length_or_end.strip()
    if not text:
        raise InvalidInput("Give a length (1h20m) or an end (15:30).")
    if ":" in text:
        end = moment(day, text, zone)
        if end <= begin:
            raise InvalidInput("The end comes after the start; give a length to go past midnight.")
        return begin, end
    minutes = length_minutes(text)
    # Elapsed time: the same instant plus the length, whatever the clock does meanwhile.
    return begin, (begin.astimezone() + timedelta(minutes=minutes)).astimezone(zone)
