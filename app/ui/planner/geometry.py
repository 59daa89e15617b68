"""Where things sit on the timeline: minutes of the day to pixels and back, and each
block's rectangle in its lane. Pure arithmetic, so the view, the painting and the tests
agree on it."""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QRect

from app.domain.timebox import DAY_MINUTES, SNAP, Lane, snap

HOUR_PX: Final = 64  # a quarter of an hour is 16 px: a target the pointer can hit
TOP: Final = 10  # room above 00:00 for its label
GUTTER: Final = 54  # the hour labels
GAP: Final = 3  # between lanes, and at the right edge
EDGE_PX: Final = 6  # how near a block's top or bottom edge the pointer resizes
MIN_BLOCK: Final = SNAP


class TimeGrid(NamedTuple):
    """The day laid out for a viewport `width` wide, scrolled down by `offset` px."""

    width: int
    offset: int = 0

    @staticmethod
    def content_height() -> int:
        return TOP * 2 + DAY_MINUTES * HOUR_PX // 60

    def y_of(self, minute: int) -> int:
        """The viewport y of `minute` after midnight."""
        return TOP + minute * HOUR_PX // 60 - self.offset

    def minute_at(self, y: float) -> float:
        """The minute of the day under viewport y (not clamped, not snapped)."""
        return (y + self.offset - TOP) * 60 / HOUR_PX

    def snapped_at(self, y: float) -> int:
        """The grid line nearest viewport y, within the day."""
        return max(0, min(DAY_MINUTES - SNAP, snap(round(self.minute_at(y)))))

    def block_rect(self, start: int, minutes: int, lane: Lane) -> QRect:
        area = max(self.width - GUTTER - GAP, 40)
        left = GUTTER + area * lane.slot // lane.slots
        right = GUTTER + area * (lane.slot + 1) // lane.slots
        top, bottom = self.y_of(start), self.y_of(start + minutes)
        return QRect(left, top + 1, max(right - left - GAP, 8), max(bottom - top - 2, 6))


def resized(start: int, minutes: int, edge: str, minute: int) -> tuple[int, int]:
    """(start, minutes) after dragging the block's `edge` ('top' or 'bottom') to the
    grid line `minute`; a block keeps at least one step of the grid."""
    end = start + minutes
    if edge == "top":
        top = max(0, min(minute, end - MIN_BLOCK))
        return top, end - top
    bottom = min(DAY_MINUTES, max(minute, start + MIN_BLOCK))
    return start, bottom - start


def moved(start: int, minutes: int, shift: int) -> int:
    """The start after moving a block `shift` minutes, on the grid and within the day."""
    return max(0, min(DAY_MINUTES - minutes, snap(start + shift)))
