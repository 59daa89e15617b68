"""Where a new block goes when no time was chosen ("Plan in Today" from the board): the
first grid line from which it fits before the next block, no earlier than now on
today and than the working day's start."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.timebox import DAY_MINUTES, Span, grid_after


def next_free_start(spans: Iterable[Span], minutes: int, earliest: int) -> int:
    """The first start at or after `earliest` (rounded up to the grid) where a block of
    `minutes` overlaps none of `spans`; when none is left in the day, right after the
    last block, or as late as the day allows."""
    cursor = grid_after(earliest)
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.end <= cursor:
            continue
        if span.start >= cursor + minutes:
            break
        cursor = grid_after(span.end)
    return max(0, min(cursor, DAY_MINUTES - minutes))
