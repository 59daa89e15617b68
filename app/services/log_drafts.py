"""What the Log view's entry editor saves as you type, as one use case.

A draft's first save adds the entry (`log_entries.add_entry`); every later save puts the
editor's text into that entry with `save_text`. The entry may be gone by then (deleted
from the command line, or by an undo): the words typed are kept as a new entry of its
day instead. Editing and that fallback are one transaction, so a failure part-way
leaves nothing written and the editor keeps the text to try again.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.changes import Changes
from app.domain.errors import NotFound
from app.services.log_entries import LogEntryRecord, add_entry, edit_entry
from app.services.use_case import use_case
from app.store.db import Store


@use_case
def save_text(
    store: Store, entry_id: int, *, day: date, body: str, heading: str, now: datetime
) -> tuple[LogEntryRecord, Changes]:
    """Give entry `entry_id` this heading and body; when it was removed meanwhile, add
    them as a new entry of `day` (the first day the editor had for it)."""
    try:
        return edit_entry(store, entry_id, now=now, body=body, heading=heading)
    except NotFound:
        return add_entry(store, day, body, now=now, heading=heading)
