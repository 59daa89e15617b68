"""Saving a line from the capture popup: the item with its links, or a line in today's
log, as one use case (one transaction, one undo step in the window that saves it)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.quick_capture import CaptureLine, Destination
from app.services.items import add_capture
from app.services.use_case import use_case
from app.store.db import Store


class Saved(NamedTuple):
    destination: Destination
    text: str  # the item's title or the log line
    item_id: int | None
    entry_id: int | None


@use_case
def save_line(store: Store, line: CaptureLine, *, now: datetime) -> tuple[Saved, Changes]:
    """Save what `line` asks for: an item in the backlog or on this week's To do (with
    its links), or a new entry at the end of today's log (the day `now` falls on where
    the user is: the clock carries the local zone)."""
    if line.destination is Destination.LOG:
        # Imported when a line is logged: the log's module brings the journal's.
        from app.services.log_entries import add_entry

        entry, changes = add_entry(store, now.date(), line.text, now=now)
        return Saved(line.destination, line.text, None, entry.id), changes
    if line.capture is None:
        raise ValueError("an item's line carries its capture")
    this_week = line.destination is Destination.WEEK
    record, changes = add_capture(store, line.capture, now=now, this_week=this_week)
    if line.links:
        from app.services.item_details import set_links  # only for a line with links

        pairs = [(link.url, link.title) for link in line.links]
        changes |= set_links(store, record.id, pairs, now=now)
    return Saved(line.destination, record.title, record.id, None), changes
