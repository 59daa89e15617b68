"""The zone local days are counted in: the machine's named zone with its rules, so that
days on the far side of a daylight-saving change keep their true length."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_of(now: datetime) -> tzinfo:
    """The zone for a timezone-aware `now`: a named zone it carries is used as it is;
    a bare offset (what `datetime.now().astimezone()` gives) is replaced by the machine's
    named zone (TZ, else /etc/localtime) when that agrees with the offset now."""
    zone = now.tzinfo
    if zone is None:
        raise ValueError("the clock must carry a time zone")
    if isinstance(zone, ZoneInfo):
        return zone
    named = machine_zone()
    if named is not None and named.utcoffset(now) == now.utcoffset():
        return named
    return zone


def local_zone() -> tzinfo:
    """The machine's zone now."""
    return zone_of(datetime.now().astimezone())


def machine_zone() -> ZoneInfo | None:
    name = os.environ.get("TZ") or os.path.realpath("/etc/localtime")
    name = name.lstrip(":")
    if "zoneinfo/" in name:
        name = name.split("zoneinfo/", 1)[1]
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
