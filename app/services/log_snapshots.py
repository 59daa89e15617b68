"""Snapshots of daily-log entries, for the window's undo and redo of log operations.

Item snapshots (app/services/snapshots.py) cover items; log entries are rows of their
own. An operation on entries is wrapped like one on items (app/ui/ops.py):

    before = take(store, entries)                  # the entries it is about to change
    changes = operation(now)
    made = created_since(store, before)            # entries it created
    before = merge(before, absent(made))
    after = take(store, entries | made)
    undo: after = refresh(store, after, before)   # created entries, typed into since
          restore(store, before, changed_from=after)
    redo: before = refresh(store, before, after)  # deleted entries, typed into since
          restore(store, after, changed_from=before)

`take` records, per entry id, that it does not exist or its whole `log_entries` row
(columns read from the schema, so a column added later is kept too).

Editing an entry's text in the window is not an undo step: the editor saves as the
user types. So restoring writes only the columns that differ between the two
snapshots of the step (`changed_from`): undoing a move puts the entry back on its day
and keeps the words typed since. An entry recorded as absent is deleted; one that no
longer exists is written back whole, under the same id and uid. The day rows the
entries need are created, and a day left without entries or title is removed, as the
log services do. The full-text index follows through its triggers.

Entries are found by their uid, not their id: SQLite hands the id of a deleted entry
out again, so a new entry (typed in the window, added from the command line) may hold
the id an undo wants back. The entry coming back then takes a new id, and the other
one is left alone; an entry recorded as absent is deleted only if it is the one the
other side of the step recorded (same uid).

Restoring refuses (InvalidInput, nothing written) when the data no longer fits: an
imported entry's key taken meanwhile by a re-import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.services.changes import Changes
from app.store.db import Store
from app.store.tables import column_names, max_id, quote

TABLE = "log_entries"
Row = tuple[object, ...]


class LogSnapshot(NamedTuple):
    entries: Mapping[int, Row | None]  # None: the entry did not exist
    # The highest entry id when taken: anything above was created later. None only
    # for `absent(...)`.
    mark: int | None = None
    columns: tuple[str, ...] | None = None  # of log_entries, as taken

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(self.entries)


def _select(columns: tuple[str, ...]) -> str:
    return f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(TABLE)}"


# --- taking -------------------------------------------------------------------------------


def take(store: Store, entry_ids: Iterable[int]) -> LogSnapshot:
    """The state of `entry_ids` now."""
    ids = sorted({int(i) for i in entry_ids})
    with store.raw_read() as conn:
        columns = column_names(conn, TABLE)
        select = _select(columns) + " WHERE id = ?"
        entries: dict[int, Row | None] = {}
        for entry_id in ids:
            row = conn.execute(select, (entry_id,)).fetchone()
            entries[entry_id] = tuple(row) if row is not None else None
        mark = max_id(conn, TABLE)
    return LogSnapshot(entries=entries, mark=mark, columns=columns)


def created_since(store: Store, snapshot: LogSnapshot) -> frozenset[int]:
    """Entries made after `snapshot` was taken (their ids are above its mark)."""
    if snapshot.mark is None:
        return frozenset()
    found = store.raw.execute(f"SELECT id FROM {TABLE} WHERE id > ?", (snapshot.mark,))
    return frozenset(int(r[0]) for r in found)


# --- combining ----------------------------------------------------------------------------


def absent(entry_ids: Iterable[int]) -> LogSnapshot:
    """A snapshot saying that `entry_ids` do not exist: for entries an operation created."""
    return LogSnapshot(entries=dict.fromkeys(int(i) for i in entry_ids))


def merge(first: LogSnapshot, second: LogSnapshot) -> LogSnapshot:
    """`first`, completed with what `second` says about entries `first` does not record.
    A declared absence is kept only for ids above `first`'s mark: an entry that existed
    when `first` was taken is never deleted by restoring it."""
    entries = dict(first.entries)
    for entry_id, row in second.entries.items():
        if entry_id in entries:
            continue
        declared = row is None and second.mark is None
        if declared and first.mark is not None and entry_id <= first.mark:
            continue
        entries[entry_id] = row
    return LogSnapshot(
        entries=entries,
        mark=first.mark if first.mark is not None else second.mark,
        columns=first.columns or second.columns,
    )


# --- restoring ----------------------------------------------------------------------------


def restore(
    store: Store, snapshot: LogSnapshot, *, changed_from: LogSnapshot | None = None
) -> Changes:
    """Write the snapshot back in one transaction (see the module's docstring)."""
    conn = store.raw
    columns = column_names(conn, TABLE)
    if snapshot.columns is not None and snapshot.columns != columns:
        raise InvalidInput("The log has changed shape since this step; it cannot be undone.")
    if not snapshot.entries:
        return Changes()
    other = changed_from.entries if changed_from is not None else {}
    try:
        with store.raw_write() as write:
            _Restore(write, columns).run(snapshot.entries, other)
    except sqlite3.IntegrityError as exc:
        raise InvalidInput(
            f"The log no longer matches this step ({exc}); nothing was changed."
        ) from exc
    return Changes(log=True)


class _Found(NamedTuple):
    id: int
    day: str


def _found(row: Row | None) -> _Found | None:
    return _Found(int(str(row[0])), str(row[1])) if row is not None else None


class _Restore:
    def __init__(self, conn: sqlite3.Connection, columns: tuple[str, ...]) -> None:
        self.conn = conn
        self.columns = columns
        self.at = {name: index for index, name in enumerate(columns)}
        self.days: set[str] = set()  # days that may have been left empty

    def run(self, target: Mapping[int, Row | None], other: Mapping[int, Row | None]) -> None:
        uid = self.at["uid"]
        for entry_id, row in sorted(target.items()):
            base = other.get(entry_id)
            if row is None:
                # Delete the entry the other side recorded; without it, what holds the id.
                gone = self._by_uid(base[uid]) if base is not None else self._by_id(entry_id)
                if gone is not None:
                    self.conn.execute(f"DELETE FROM {TABLE} WHERE id = ?", (gone.id,))
                    self.days.add(gone.day)
                continue
            self._ensure_day(row)
            now = self._by_uid(row[uid])
            if now is None:
                self._insert(row)
                continue
            self.days.add(now.day)
            self._update(now.id, row, self._changed(row, base))
        for day in sorted(self.days):
            self.conn.execute(
                "DELETE FROM log_days WHERE day = ? AND title = ''"
                " AND NOT EXISTS (SELECT 1 FROM log_entries WHERE day = ?)",
                (day, day),
            )

    def _changed(self, row: Row, base: Row | None) -> list[str]:
        """The columns to write: those the step changed, or all without a base."""
        names = [c for c in self.columns if c != "id"]
        if base is None:
            return names
        return [c for c in names if row[self.at[c]] != base[self.at[c]]]

    def _by_id(self, entry_id: int) -> _Found | None:
        """The entry holding `entry_id` now."""
        found = self.conn.execute(f"SELECT id, day FROM {TABLE} WHERE id = ?", (entry_id,))
        return _found(found.fetchone())

    def _by_uid(self, uid: object) -> _Found | None:
        """The entry with `uid` now, whatever its id."""
        found = self.conn.execute(f"SELECT id, day FROM {TABLE} WHERE uid = ?", (uid,))
        return _found(found.fetchone())

    def _ensure_day(self, row: Row) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO log_days (day, title) VALUES (?, '')", (row[self.at["day"]],)
        )

    def _insert(self, row: Row) -> None:
        """Write `row` back under its id, or under a new one while another entry holds it."""
        columns, values = self.columns, row
        if self._by_id(int(str(row[self.at["id"]]))) is not None:
            keep = [i for i, c in enumerate(self.columns) if c != "id"]
            columns = tuple(self.columns[i] for i in keep)
            values = tuple(row[i] for i in keep)
        names = ", ".join(quote(c) for c in columns)
        marks = ", ".join("?" * len(columns))
        self.conn.execute(f"INSERT INTO {TABLE} ({names}) VALUES ({marks})", values)

    def _update(self, entry_id: int, row: Row, changed: list[str]) -> None:
        if not changed:
            return
        sets = ", ".join(f"{quote(c)} = ?" for c in changed)
        values = [row[self.at[c]] for c in changed]
        self.conn.execute(f"UPDATE {TABLE} SET {sets} WHERE id = ?", (*values, entry_id))


def refresh(store: Store, snapshot: LogSnapshot, other: LogSnapshot) -> LogSnapshot:
    """`snapshot`, with the entries that `other` records as absent taken as they are now
    (found by uid). Called just before restoring `other` removes them, so that restoring
    `snapshot` later brings them back with the words typed into them since, which were
    saved without being undo steps. Undo refreshes the entries a step created (in its
    after-snapshot), redo the entries it deleted (in its before-snapshot)."""
    removed = {
        entry_id: row
        for entry_id, row in snapshot.entries.items()
        if row is not None and entry_id in other.entries and other.entries[entry_id] is None
    }
    columns = snapshot.columns  # None only for `absent(...)`, which holds no rows
    if not removed or columns is None:
        return snapshot
    uid = columns.index("uid")
    entries = dict(snapshot.entries)
    with store.raw_read() as conn:
        if column_names(conn, TABLE) != columns:
            return snapshot  # restoring refuses anyway
        select = _select(columns) + " WHERE uid = ?"
        for entry_id, row in removed.items():
            now = conn.execute(select, (row[uid],)).fetchone()
            if now is not None:
                entries[entry_id] = tuple(now)
    return snapshot._replace(entries=entries)
