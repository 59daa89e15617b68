"""Saying so when a paper is completed short of the pass chosen for it.

Completing is not refused (dropping out after a pass is a way to finish a paper), but
the user should know: the window says it in the status bar, whichever view or command
completed it (a check box, a drag to Completed, Complete on a selection). Before a
change reaches the row cache the window notes the papers it holds as open; after, any
of them now done short of its target is named. Papers the window never showed were
not completed from it, and are left to the view that completed them.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.changes import Changes
from app.domain.enums import ItemKind
from app.domain.reading import completed_short_text
from app.ui.rows import RowCache


def open_papers(rows: RowCache, changes: Changes) -> list[int]:
    """The changed items the cache holds as papers not yet done (read before the cache
    lets go of them)."""
    found = []
    for item_id in sorted(changes.items):
        record = rows.cached(item_id)
        if record is not None and record.kind is ItemKind.PAPER and not record.done:
            found.append(item_id)
    return found


def completed_short_notice(rows: RowCache, item_ids: Sequence[int]) -> str:
    """What to say of the papers among `item_ids` now completed short of their target
    pass: the first one's words, and how many more there are; "" for none."""
    records = [rows.get(item_id) for item_id in item_ids]
    said = [completed_short_text(r) for r in records if r is not None and completed_short_text(r)]
    if len(said) > 1:
        return f"{said[0]} (and {len(said) - 1} more)"
    return said[0] if said else ""
