"""Time boxes on a day: wall-clock minutes, the 15-minute grid, overlaps laid out side by
side, "push later blocks", and durations in words. Stdlib only; the planner view, the
services and the command line share these rules (docs/timeboxing.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from app.domain.errors import InvalidInput
from app.domain.estimates import estimate_minutes, estimate_text

DAY_MINUTES: Final = 24 * 60
SNAP: Final = 15  # the planner's grid
DEFAULT_BLOCK: Final = 30  # a block for an item with no estimate left


class Span(NamedTuple):
    """A block's place: minutes after the day's midnight, and its length."""

    key: int  # the block's id (or any key the caller tracks)
    start: int
    minutes: int

    @property
    def end(self) -> int:
        return self.start + self.minutes


class Lane(NamedTuple):
    """Where an overlapping block is drawn: lane `slot` of `slots` side by side."""

    slot: int
    slots: int


def snap(minute: int, step: int = SNAP) -> int:
    """The grid line nearest `minute`."""
    return int((minute + step // 2) // step * step)


def grid_after(minute: int, step: int = SNAP) -> int:
    """The first grid line at or after `minute`."""
    return -(-minute // step) * step


def clock_minutes(text: str, *, end: bool = False) -> int:
    """Minutes after midnight of "HH:MM" ("9:30" too); "24:00" only as an `end`.
    A time that does not exist (25:00, 10:75) is refused."""
    hours, colon, minutes = text.strip().partition(":")
    good = colon and (hours + minutes).isascii() and hours.isdigit() and minutes.isdigit()
    if good and len(minutes) == 2 and len(hours) <= 2:
        value = int(hours) * 60 + int(minutes)
        if int(minutes) < 60 and (value < DAY_MINUTES or (end and value == DAY_MINUTES)):
            return value
    raise InvalidInput(f"'{text}' is not a time of day; write it as HH:MM, e.g. 14:00.")


def clock_text(minute: int) -> str:
    """ "14:00" for 840; the day's end is "24:00"."""
    hours, minutes = divmod(minute, 60)
    return f"{hours:02d}:{minutes:02d}"


def length_minutes(text: str) -> int:
    """A block's or an entry's length written as an estimate ("1h30m", "90m", "2h");
    refused when it is not one."""
    minutes = estimate_minutes(text)
    if minutes is None:
        raise InvalidInput(f"'{text}' is not a length of time; write it as 1h30m, 90m or 2h.")
    return minutes


def span_text(minutes: int) -> str:
    """Minutes as the grammar writes them ("1h20m", "45m", "0m")."""
    return estimate_text(minutes) if minutes > 0 else "0m"


def seconds_text(seconds: float) -> str:
    """Time spent, to the minute ("1h20m"); under a minute, "0m"."""
    return span_text(int(seconds // 60))


def check_span(start: int, minutes: int) -> None:
    """A block lies within one day and lasts at least a minute."""
    if minutes <= 0:
        raise InvalidInput("A block ends after it starts; give it a length of a minute or more.")
    if start < 0 or start + minutes > DAY_MINUTES:
        raise InvalidInput(
            f"A block from {clock_text(max(start, 0))} for {span_text(minutes)} would leave "
            "the day; a block ends by 24:00."
        )


def lanes(spans: Iterable[Span]) -> dict[int, Lane]:
    """Side-by-side lanes for overlapping blocks: each cluster of blocks that overlap one
    another (directly or through others) is split into as few lanes as it needs, and
    every block of the cluster is drawn that narrow, as calendars do."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.minutes, s.key))
    placed: dict[int, Lane] = {}
    cluster: list[tuple[Span, int]] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def close() -> None:
        for span, index in cluster:
            placed[span.key] = Lane(index, len(lane_ends))

    for span in ordered:
        if cluster and span.start >= cluster_end:
            close()
            cluster, lane_ends = [], []
        for index, end in enumerate(lane_ends):
            if end <= span.start:
                lane_ends[index] = span.end
                break
        else:
            index = len(lane_ends)
            lane_ends.append(span.end)
        cluster.append((span, index))
        cluster_end = max(cluster_end, span.end)
    if cluster:
        close()
    return placed


def pushed_later(spans: Sequence[Span], grown: Span) -> dict[int, int]:
    """New starts for the blocks after `grown` so that none overlaps the one before it:
    the blocks that start at or after `grown` starts are moved down in order, each only
    as far as it must (a gap that absorbs the growth stops the push). Refused when a block
    would be pushed past midnight."""
    moved: dict[int, int] = {}
    end = grown.end
    later = sorted(
        (s for s in spans if s.key != grown.key and s.start >= grown.start),
        key=lambda s: (s.start, s.key),
    )
    for span in later:
        if span.start >= end:
            break
        if end + span.minutes > DAY_MINUTES:
            raise InvalidInput(
                "Pushing the later blocks would move one past midnight; shorten a block "
                "or move some to another day."
            )
        moved[span.key] = end
        end += span.minutes
    return moved
