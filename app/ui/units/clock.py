"""The zone a unit's days are counted in, from the window's clock."""

from __future__ import annotations

import os
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def unit_zone(now: datetime) -> tzinfo:
    """A named zone on the clock is used as it is (tests give one). The window's own clock
    carries only today's UTC offset, which would shift days on the far side of a
    daylight-saving change; the machine's named zone (TZ, else /etc/localtime) is used
    instead when it agrees with that offset now."""
    zone = now.tzinfo
    if zone is None:
        raise ValueError("the window's clock must carry a time zone")
    if isinstance(zone, ZoneInfo):
        return zone
    named = _machine_zone()
    if named is not None and named.utcoffset(now) == now.utcoffset():
        return named
    return zone


def _machine_zone() -> ZoneInfo | None:
    name = os.environ.get("TZ") or os.path.realpath("/etc/localtime")
    name = name.lstrip(":")
    if "zoneinfo/" in name:
        name = name.split("zoneinfo/", 1)[1]
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_today(now: datetime) -> date:
    return now.astimezone(unit_zone(now)).date()
