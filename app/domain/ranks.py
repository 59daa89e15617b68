"""Sparse ranks for ordering cards: a drop between two cards never renumbers the column.

Ranks are integers spaced `STEP` apart. Inserting between two neighbours takes the
midpoint; when neighbours are adjacent there is no room and the caller rebalances
the column (rare: it needs about 20 insertions at the very same spot).
"""

from __future__ import annotations

STEP = 1 << 20


def rank_between(before: int | None, after: int | None) -> int | None:
    """A rank strictly between two neighbours, or None when they leave no room."""
    if before is None and after is None:
        return STEP
    if before is None:
        assert after is not None
        return after - STEP
    if after is None:
        return before + STEP
    if after - before < 2:
        return None
    return (before + after) // 2


def spread(count: int) -> list[int]:
    """Fresh, evenly spaced ranks for a column of `count` cards."""
    return [STEP * (i + 1) for i in range(count)]
