"""What the item editor and the cards show beyond an item's own fields: links, notes
per reading pass, nested items, the trail of weeks, reminders and the repeat rule with
its past occurrences; and, for many cards at once, subtask progress and the repeat and
reminder marks. Raw SQL: these are read often and change one item at a time.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.enums import MAX_READING_PASS
from app.domain.errors import InvalidInput, NotFound
from app.domain.repeats import Repeat
from app.services.items import get_item
from app.services.use_case import use_case
from app.store import item_rows, reminder_rows
from app.store.db import Store
from app.store.formats import utc_text
from app.store.reading_passes import reached_at, record_pass
from app.store.reminder_rows import ReminderRow


class Link(NamedTuple):
    url: str
    title: str = ""


class ItemDetails(NamedTuple):
    record: ItemRecord
    links: tuple[Link, ...]
    pass_notes: dict[int, str]  # reading pass (1 to 3) → notes; passes without notes absent
    children: tuple[ItemRecord, ...]  # direct children not in the trash, in sibling order
    planned_weeks: tuple[str, ...]  # every week the item was planned in, oldest first
    passes_reached: dict[int, datetime]  # reading pass (1 to 3) → when it was reached
    repeat: Repeat | None = None  # the item's repeat rule
    reminders: tuple[ReminderRow, ...] = ()  # in the order they were set
    occurrences: tuple[tuple[date, str], ...] = ()  # (due date, done or skipped), oldest first


def item_details(store: Store, item_id: int) -> ItemDetails:
    conn = store.raw
    record = get_item(store, item_id)  # NotFound
    links = tuple(
        Link(str(url), str(title))
        for url, title in conn.execute(
            "SELECT url, title FROM item_links WHERE item_id = ? ORDER BY position, id",
            (item_id,),
        )
    )
    notes = {
        int(pass_): str(text)
        for pass_, text in conn.execute(
            'SELECT "pass", notes FROM reading_notes WHERE item_id = ? ORDER BY "pass"',
            (item_id,),
        )
    }
    child_ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM items WHERE parent_id = ? AND deleted_at IS NULL ORDER BY position, id",
            (item_id,),
        )
    ]
    children = tuple(item_rows.fetch_records(conn, child_ids))
    reached = reached_at(conn, item_id)
    rule, from_completion = conn.execute(
        "SELECT repeat_rule, repeat_from_completion FROM items WHERE id = ?", (item_id,)
    ).fetchone()
    repeat = Repeat(str(rule), bool(from_completion)) if rule is not None else None
    return ItemDetails(
        record,
        links,
        notes,
        children,
        record.planned_weeks,
        reached,
        repeat,
        tuple(reminder_rows.of_item(conn, item_id)),
        tuple(_history_of(store, item_id)),
    )


def _history_of(store: Store, item_id: int) -> list[tuple[date, str]]:
    # Imported here: the board reads subtask progress from this module at start-up.
    from app.services.repeats import history_of

    return history_of(store, item_id)


def card_marks(store: Store, item_ids: Iterable[int]) -> dict[int, tuple[bool, bool]]:
    """(repeats, has a reminder waiting) for each of `item_ids` that has either; one
    query however many ids, for a column of cards."""
    ids = list(dict.fromkeys(int(i) for i in item_ids))
    if not ids:
        return {}
    rows = store.raw.execute(
        "SELECT i.id, i.repeat_rule IS NOT NULL, EXISTS (SELECT 1 FROM reminders r"
        " WHERE r.item_id = i.id AND r.state IN ('pending', 'snoozed')) FROM items i"
        " WHERE i.id IN (SELECT value FROM json_each(?))"
        " AND (i.repeat_rule IS NOT NULL OR EXISTS (SELECT 1 FROM reminders r"
        " WHERE r.item_id = i.id AND r.state IN ('pending', 'snoozed')))",
        (json.dumps(ids),),
    )
    return {int(i): (bool(repeats), bool(waiting)) for i, repeats, waiting in rows}


def subtask_progress(store: Store, item_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(done, total) over each item's direct children not in the trash; (0, 0) for an
    item without any. One query however many ids (they travel as one JSON array)."""
    ids = list(dict.fromkeys(int(i) for i in item_ids))
    progress = dict.fromkeys(ids, (0, 0))
    if not ids:
        return progress
    for parent_id, done, total in store.raw.execute(
        "SELECT parent_id, COUNT(completed_at), COUNT(*) FROM items"
        " WHERE parent_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL"
        " GROUP BY parent_id",
        (json.dumps(ids),),
    ):
        progress[int(parent_id)] = (int(done), int(total))
    return progress


def _check_item(conn: sqlite3.Connection, item_id: int) -> None:
    row = conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound(f"No item {item_id}.")


def check_pass(pass_: int, lowest: int) -> None:
    if not lowest <= pass_ <= MAX_READING_PASS:
        raise InvalidInput(f"A reading pass is {lowest} to {MAX_READING_PASS}, not {pass_}.")


@use_case
def set_pass_notes(store: Store, item_id: int, pass_: int, notes: str, *, now: datetime) -> Changes:
    """Write the notes of one reading pass (1 to 3); empty notes remove them."""
    check_pass(pass_, 1)
    stamp = utc_text(now)
    with store.raw_write() as conn:
        _check_item(conn, item_id)
        if notes.strip():
            conn.execute(
                'INSERT INTO reading_notes (item_id, "pass", notes, updated_at)'
                ' VALUES (?, ?, ?, ?) ON CONFLICT (item_id, "pass")'
                " DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at",
                (item_id, pass_, notes, stamp),
            )
        else:
            conn.execute(
                'DELETE FROM reading_notes WHERE item_id = ? AND "pass" = ?', (item_id, pass_)
            )
        conn.execute("UPDATE items SET updated_at = ? WHERE id = ?", (stamp, item_id))
    return Changes(items=frozenset({item_id}))


@use_case
def set_reading_pass(store: Store, item_id: int, pass_: int, *, now: datetime) -> Changes:
    """How many passes of reading are done (0 to 3), and when each was reached (a pass
    reached now is dated `now`). Any kind of item may have one, though the window shows
    it for papers."""
    check_pass(pass_, 0)
    stamp = utc_text(now)
    with store.raw_write() as conn:
        _check_item(conn, item_id)
        conn.execute(
            "UPDATE items SET reading_pass = ?, updated_at = ? WHERE id = ?",
            (pass_, stamp, item_id),
        )
        record_pass(conn, item_id, pass_, stamp)
    return Changes(items=frozenset({item_id}))


@use_case
def set_links(
    store: Store, item_id: int, links: Sequence[tuple[str, str]], *, now: datetime
) -> Changes:
    """Replace the item's links with `links` ((url, title) pairs, in order). Every URL
    needs a scheme (https://…, file:///…, zotero://…); nothing is saved otherwise."""
    # Imported here: the board reads subtask progress from this module at start-up.
    from app.domain.item_fields import has_scheme, not_a_link

    clean = []
    for raw_url, title in links:
        url = raw_url.strip()
        if not has_scheme(url):
            raise InvalidInput(not_a_link(url))
        clean.append((url, title.strip()))
    with store.raw_write() as conn:
        _check_item(conn, item_id)
        conn.execute("DELETE FROM item_links WHERE item_id = ?", (item_id,))
        conn.executemany(
            "INSERT INTO item_links (item_id, url, title, position) VALUES (?, ?, ?, ?)",
            [(item_id, url, title, index) for index, (url, title) in enumerate(clean)],
        )
        conn.execute("UPDATE items SET updated_at = ? WHERE id = ?", (utc_text(now), item_id))
    return Changes(items=frozenset({item_id}))
