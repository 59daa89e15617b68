"""Combining what two undo snapshots say about rows kept by id: the rule the item and
the unit snapshots share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

State = TypeVar("State")


def merge_rows(
    first: Mapping[int, State | None],
    second: Mapping[int, State | None],
    *,
    ceiling: int | None,
    second_declared: bool,
) -> dict[int, State | None]:
    """`first`'s rows, completed with `second`'s for ids `first` does not record.

    `first` wins for an id both record: it is the earlier state. When `second` was
    declared (made by `absent()` for rows an operation created, not read from the
    file), an absence is kept only for ids above `ceiling`, the highest id when
    `first` was taken: SQLite gives a new row the highest id plus one, so an id at or
    below it may be a row that existed then and that the operation merely reported.
    Deleting it on undo would destroy data."""
    rows = dict(first)
    for row_id, state in second.items():
        if row_id in rows:
            continue
        if state is None and second_declared and ceiling is not None and row_id <= ceiling:
            continue
        rows[row_id] = state
    return rows
