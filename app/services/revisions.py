"""What changed since a revision, read at one moment (app/store/revisions.py)."""

from __future__ import annotations

from app.store.db import Store
from app.store.revisions import Revision, changes_since, current_revision


def changes(store: Store, since: int) -> tuple[int, list[Revision]]:
    """The store's revision now, and what changed after `since` up to it."""
    with store.raw_read() as conn:
        return current_revision(conn), changes_since(conn, since)
