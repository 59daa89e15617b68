"""Snapshots of daily-log entries, for the window's undo and redo of log operations.

Item snapshots (app/services/snapshots.py) cover items; log entries are rows of their
own. An operation on entries is wrapped like one on items (app/ui/ops.py):

    before = take(store, entries)                  # the entries it is about to change
    changes = operation(now)
    made = created_since(store, before)            # entries it created
    before = merge(before, absent(made))
    after = take(store, entries | made)
    undo: restore(store, before, changed_from=after)
    redo: restore(store, after, changed_from=before)

`take` records, per entry id, that it does not exist or its whole `log_entries` row
(columns read from the schema, so a column added later is kept too).

Editing an entry's text in the window is not an undo step: the editor saves as the
user types. So restoring writes only the columns that differ between the two
snapshots of the step (`changed_from`): undoing a move puts the entry back on its day
and keeps the words typed since. An entry recorded as absent is deleted; one that no
longer exists is written back whole, under the same id and uid. The day rows the
entries need are created, and a day left without entries or title is removed, as the
log services do. The full-text index follows through its triggers.

Restoring refuses (InvalidInput, nothing written) when the data no longer fits: an id
now holding another entry (other uid), or an imported entry's key taken meanwhile by a
re-import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.services.changes import Changes
from app.store.db import Store

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


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(conn: sqlite3.Connection) -> tuple[str, ...]:
    return tuple(str(r[1]) for r in conn.execute(f"PRAGMA table_info({_q(TABLE)})"))


def _select(columns: tuple[str, ...]) -> str:
    return f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(TABLE)}"


# --- taking -------------------------------------------------------------------------------


def take(store: Store, entry_ids: Iterable[int]) -> LogSnapshot:
    """The state of `entry_ids` now."""
    ids = sorted({int(i) for i in entry_ids})
    with store.raw_read() as conn:
        columns = _columns(conn)
        select = _select(columns) + " WHERE id = ?"
        entries: dict[int, Row | None] = {}
        for entry_id in ids:
            row = conn.execute(select, (entry_id,)).fetchone()
            entries[entry_id] = tuple(row) if row is not None else None
        mark = int(conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {TABLE}").fetchone()[0])
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
    columns = _columns(conn)
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


class _Restore:
    def __init__(self, conn: sqlite3.Connection, columns: tuple[str, ...]) -> None:
        self.conn = conn
        self.columns = columns
        self.at = {name: index for index, name in enumerate(columns)}
        self.days: set[str] = set()  # days that may have been left empty

    def run(self, target: Mapping[int, Row | None], other: Mapping[int, Row | None]) -> None:
        current = {entry_id: self._current(entry_id) for entry_id in target}
        for entry_id, row in sorted(target.items()):
            now = current[entry_id]
            if row is not None and now is not None and now[self.at["uid"]] != row[self.at["uid"]]:
                raise InvalidInput(
                    f"Log entry {entry_id} is now a different entry; this step cannot be restored."
                )
        for entry_id, row in sorted(target.items()):
            now = current[entry_id]
            if row is None:
                if now is not None:
                    self.conn.execute(f"DELETE FROM {TABLE} WHERE id = ?", (entry_id,))
                    self.days.add(str(now[self.at["day"]]))
                continue
            self._ensure_day(row)
            if now is None:
                self._insert(row)
                continue
            self.days.add(str(now[self.at["day"]]))
            self._update(entry_id, row, self._changed(row, other.get(entry_id)))
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

    def _current(self, entry_id: int) -> Row | None:
        row = self.conn.execute(_select(self.columns) + " WHERE id = ?", (entry_id,)).fetchone()
        return tuple(row) if row is not None else None

    def _ensure_day(self, row: Row) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO log_days (day, title) VALUES (?, '')", (row[self.at["day"]],)
        )

    def _insert(self, row: Row) -> None:
        names = ", ".join(_q(c) for c in self.columns)
        marks = ", ".join("?" * len(self.columns))
        self.conn.execute(f"INSERT INTO {TABLE} ({names}) VALUES ({marks})", row)

    def _update(self, entry_id: int, row: Row, changed: list[str]) -> None:
        if not changed:
            return
        sets = ", ".join(f"{_q(c)} = ?" for c in changed)
        values = [row[self.at[c]] for c in changed]
        self.conn.execute(f"UPDATE {TABLE} SET {sets} WHERE id = ?", (*values, entry_id))


def refresh_created(store: Store, before: LogSnapshot, after: LogSnapshot) -> LogSnapshot:
    """`after`, with the entries the step created (absent in `before`) as they are now:
    taken just before an undo removes them, so that redo brings back the words typed
    into them since, which were saved without being undo steps."""
    created = [i for i, row in before.entries.items() if row is None and i in after.entries]
    if not created:
        return after
    now = take(store, created)
    entries = dict(after.entries)
    entries.update({i: row for i, row in now.entries.items() if row is not None})
    return after._replace(entries=entries)
