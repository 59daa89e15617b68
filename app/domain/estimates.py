"""Estimates in words: "~2h", "90m", "1h30m", "1小时30分" read as minutes, and minutes
written back the way the capture grammar takes them. One reading for capture,
`rizhi edit`, the item editor and every view that shows an estimate."""

from __future__ import annotations

import re

_ESTIMATE = (
    r"(?:([0-9]{1,3}(?:\.[0-9]{1,2})?)(?:h|hr|hrs|hour|hours|小时|小時|个钟|個鐘))?"
    r"(?:([0-9]{1,4})(?:m|min|mins|minute|minutes|分钟|分鐘|分)?)?"
)


def estimate_minutes(text: str) -> int | None:
    """Minutes in an estimate written as in the grammar, with or without the "~" and with
    spaces allowed between parts ("90", "90m", "2h", "1.5h", "1h 30m", "1小时30分", and in
    traditional characters "2小時", "30分鐘", "1個鐘"); None when the text is not an estimate."""
    value = "".join(text.casefold().split()).removeprefix("~")
    match = re.fullmatch(_ESTIMATE, value)
    if not value or match is None:
        return None
    hours, minutes = match.groups()
    total = round(float(hours or 0) * 60) + int(minutes or 0)
    return total if total > 0 else None


def estimate_text(minutes: int) -> str:
    """An estimate as the grammar writes it ("45m", "2h", "1h30m"), so what is shown can
    be typed back; the inverse of `estimate_minutes`."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest}m"
    return f"{hours}h" if hours else f"{rest}m"
