"""Exact snapshots of study units, for the window's undo and redo of unit operations.

Item snapshots (app/services/snapshots.py) cover items and the rows that hang off them.
Units have rows of their own that no item owns: the unit, its goals, the links from its
goals to items and the decisions of its review. An operation on units is wrapped the
same way as one on items (app/ui/ops.py):

    before = take(store, units)                    # the units it is about to change
    changes = operation(now)
    made = created_since(store, before)            # units it created
    before = merge(before, absent(made))
    after = take(store, units | made)
    undo: restore(store, before)        redo: restore(store, after)

`take` records, per unit id, that it does not exist or its whole state: its
`study_units` row, its `unit_goals` rows, the `goal_items` rows of those goals and its
`unit_review_items` rows. With `categories=True` it also records every goal category:
an operation on categories (rename, recolour, add, remove) is covered the same way.
Columns are read from the schema, so a column added later is kept too.

`restore` writes a snapshot back in one transaction, under the same ids. A unit recorded
as absent is deleted with everything that belongs to it; a present one gets exactly its
recorded rows (goals added since are deleted, removed ones come back). Links and
decisions that point to items no longer in the store are left out, as item snapshots
leave out rows whose goal is gone. Recorded categories become exactly the categories
there are: one made since is deleted again, unless a goal uses it meanwhile, which
makes the restore refuse.

Restoring refuses (InvalidInput, nothing written) when the data no longer fits: a unit
id now holding a unit with another number, a goal id now used by another unit's goal,
a number or category name taken meanwhile.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.services.changes import Changes
from app.services.snapshot_rows import merge_rows
from app.store.db import Store
from app.store.tables import column_names, max_id, quote

TABLES = ("study_units", "unit_goals", "goal_items", "unit_review_items", "goal_categories")

Row = tuple[object, ...]
_IN = "IN (SELECT value FROM json_each(?))"


class UnitState(NamedTuple):
    unit: Row  # the study_units row
    goals: tuple[Row, ...]  # its unit_goals rows, by id
    links: tuple[Row, ...]  # goal_items rows of those goals
    decisions: tuple[Row, ...]  # its unit_review_items rows


class Marks(NamedTuple):
    """The highest ids when the snapshot was taken: anything above was created later."""

    unit: int


class UnitSnapshot(NamedTuple):
    units: Mapping[int, UnitState | None]  # None: the unit did not exist
    # Every goal category, when the snapshot covers them; None when it does not.
    categories: tuple[Row, ...] | None = None
    marks: Marks | None = None  # None only for `absent(...)`
    columns: Mapping[str, tuple[str, ...]] | None = None  # per table, as taken

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(self.units)


def _columns(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    return {table: column_names(conn, table) for table in TABLES}


def _select(columns: Mapping[str, tuple[str, ...]], table: str) -> str:
    return f"SELECT {', '.join(quote(c) for c in columns[table])} FROM {quote(table)}"


# --- taking -------------------------------------------------------------------------------


def take(store: Store, unit_ids: Iterable[int], *, categories: bool = False) -> UnitSnapshot:
    """The state of `unit_ids` (and of every goal category with `categories`) now."""
    ids = sorted({int(i) for i in unit_ids})
    conn = store.raw
    conn.execute("BEGIN")  # one consistent read
    try:
        columns = _columns(conn)
        units: dict[int, UnitState | None] = {
            unit_id: _unit_state(conn, columns, unit_id) for unit_id in ids
        }
        taken = (
            tuple(
                tuple(r) for r in conn.execute(_select(columns, "goal_categories") + " ORDER BY id")
            )
            if categories
            else None
        )
        marks = Marks(unit=max_id(conn, "study_units"))
    finally:
        conn.execute("COMMIT")
    return UnitSnapshot(units=units, categories=taken, marks=marks, columns=columns)


def _unit_state(
    conn: sqlite3.Connection, columns: Mapping[str, tuple[str, ...]], unit_id: int
) -> UnitState | None:
    row = conn.execute(_select(columns, "study_units") + " WHERE id = ?", (unit_id,)).fetchone()
    if row is None:
        return None
    goals = conn.execute(
        _select(columns, "unit_goals") + " WHERE unit_id = ? ORDER BY id", (unit_id,)
    ).fetchall()
    links = conn.execute(
        _select(columns, "goal_items")
        + " WHERE goal_id IN (SELECT id FROM unit_goals WHERE unit_id = ?)"
        " ORDER BY goal_id, item_id",
        (unit_id,),
    ).fetchall()
    decisions = conn.execute(
        _select(columns, "unit_review_items") + " WHERE unit_id = ? ORDER BY item_id",
        (unit_id,),
    ).fetchall()
    return UnitState(
        unit=tuple(row),
        goals=tuple(tuple(r) for r in goals),
        links=tuple(tuple(r) for r in links),
        decisions=tuple(tuple(r) for r in decisions),
    )


def changed_since(store: Store, expected: UnitSnapshot) -> bool:
    """Whether the units `expected` records (and the categories, if it records them)
    are not now as it records them."""
    now = take(store, expected.ids, categories=expected.categories is not None)
    return now.units != expected.units or now.categories != expected.categories


def created_since(store: Store, snapshot: UnitSnapshot) -> frozenset[int]:
    """Units made after `snapshot` was taken (their ids are above its mark)."""
    if snapshot.marks is None:
        return frozenset()
    return frozenset(
        int(r[0])
        for r in store.raw.execute(
            "SELECT id FROM study_units WHERE id > ?", (snapshot.marks.unit,)
        )
    )


def present(store: Store, unit_ids: Iterable[int]) -> frozenset[int]:
    """Which of `unit_ids` exist now."""
    ids = json.dumps(sorted(int(i) for i in unit_ids))
    rows = store.raw.execute(f"SELECT id FROM study_units WHERE id {_IN}", (ids,))
    return frozenset(int(r[0]) for r in rows)


# --- combining ----------------------------------------------------------------------------


def absent(unit_ids: Iterable[int]) -> UnitSnapshot:
    """A snapshot saying that `unit_ids` do not exist: for units an operation created."""
    return UnitSnapshot(units=dict.fromkeys((int(i) for i in unit_ids), None))


def merge(first: UnitSnapshot, second: UnitSnapshot) -> UnitSnapshot:
    """`first`, completed with what `second` says about units `first` does not record
    (the rule is `merge_rows`'): a unit that existed when `first` was taken is never
    deleted by restoring it."""
    units = merge_rows(
        first.units,
        second.units,
        ceiling=first.marks.unit if first.marks is not None else None,
        second_declared=second.marks is None,
    )
    return UnitSnapshot(
        units=units,
        categories=first.categories if first.categories is not None else second.categories,
        marks=first.marks or second.marks,
        columns=first.columns or second.columns,
    )


# --- restoring ----------------------------------------------------------------------------


def restore(store: Store, snapshot: UnitSnapshot) -> Changes:
    """Write the snapshot back in one transaction (see the module's docstring)."""
    conn = store.raw
    if snapshot.columns is not None and dict(snapshot.columns) != _columns(conn):
        raise InvalidInput("The data has changed shape since this step; it cannot be undone.")
    try:
        with store.raw_write() as write:
            _Restore(write, snapshot).run()
    except sqlite3.IntegrityError as exc:
        raise InvalidInput(
            f"The units no longer match this step ({exc}); nothing was changed."
        ) from exc
    return Changes(units=True)


class _Restore:
    def __init__(self, conn: sqlite3.Connection, snapshot: UnitSnapshot) -> None:
        self.conn = conn
        self.snapshot = snapshot
        self.columns = dict(snapshot.columns) if snapshot.columns else _columns(conn)

    def run(self) -> None:
        if self.snapshot.categories is not None:
            self._categories(self.snapshot.categories)
        for unit_id, state in sorted(self.snapshot.units.items()):
            if state is None:
                self.conn.execute("DELETE FROM study_units WHERE id = ?", (unit_id,))
        for unit_id, state in sorted(self.snapshot.units.items()):
            if state is not None:
                self._unit(unit_id, state)
        if self.snapshot.categories is not None:
            at = self.columns["goal_categories"].index("id")
            kept = [row[at] for row in self.snapshot.categories]
            self.conn.execute(
                f"DELETE FROM goal_categories WHERE id NOT {_IN}", (json.dumps(kept),)
            )

    def _upsert(self, table: str, row: Row, key: str = "id") -> None:
        columns = self.columns[table]
        names = ", ".join(quote(c) for c in columns)
        updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c != key)
        self.conn.execute(
            f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT ({quote(key)}) DO UPDATE SET {updates}",
            row,
        )

    def _insert(self, table: str, rows: Sequence[Row]) -> None:
        columns = self.columns[table]
        self.conn.executemany(
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            rows,
        )

    def _categories(self, rows: Sequence[Row]) -> None:
        columns = self.columns["goal_categories"]
        at_id, at_name = columns.index("id"), columns.index("name")
        current = {
            int(r[0]): str(r[1]) for r in self.conn.execute("SELECT id, name FROM goal_categories")
        }
        # Names are unique: two categories that swapped names would collide half-way, so
        # every renamed one first steps aside under a name no category may have ('=').
        for row in rows:
            category_id = int(str(row[at_id]))
            if category_id in current and current[category_id] != row[at_name]:
                self.conn.execute(
                    "UPDATE goal_categories SET name = ? WHERE id = ?",
                    (f"={category_id}", category_id),
                )
        for row in rows:
            self._upsert("goal_categories", row)

    def _unit(self, unit_id: int, state: UnitState) -> None:
        conn = self.conn
        unit_columns = self.columns["study_units"]
        number = state.unit[unit_columns.index("number")]
        now = conn.execute("SELECT number FROM study_units WHERE id = ?", (unit_id,)).fetchone()
        if now is not None and now[0] != number:
            raise InvalidInput(
                f"Unit {number} is now a different unit (number {now[0]}); "
                "this step cannot be restored."
            )
        self._upsert("study_units", state.unit)

        goal_columns = self.columns["unit_goals"]
        at_goal, at_unit = goal_columns.index("id"), goal_columns.index("unit_id")
        goal_ids = [int(str(row[at_goal])) for row in state.goals]
        for row in state.goals:
            owner = conn.execute(
                "SELECT unit_id FROM unit_goals WHERE id = ?", (row[at_goal],)
            ).fetchone()
            if owner is not None and owner[0] != row[at_unit]:
                raise InvalidInput(
                    f"Goal {row[at_goal]} now belongs to another unit; "
                    "this step cannot be restored."
                )
        conn.execute(
            f"DELETE FROM unit_goals WHERE unit_id = ? AND id NOT {_IN}",
            (unit_id, json.dumps(goal_ids)),
        )
        for row in state.goals:
            self._upsert("unit_goals", row)

        conn.execute(
            "DELETE FROM goal_items WHERE goal_id IN (SELECT id FROM unit_goals WHERE unit_id = ?)",
            (unit_id,),
        )
        self._insert("goal_items", self._live(state.links, "goal_items"))
        conn.execute("DELETE FROM unit_review_items WHERE unit_id = ?", (unit_id,))
        self._insert("unit_review_items", self._live(state.decisions, "unit_review_items"))

    def _live(self, rows: Sequence[Row], table: str) -> list[Row]:
        """The rows whose item still exists (an undone creation removed it)."""
        if not rows:
            return []
        at = self.columns[table].index("item_id")
        ids = sorted({int(str(row[at])) for row in rows})
        existing = {
            int(r[0])
            for r in self.conn.execute(f"SELECT id FROM items WHERE id {_IN}", (json.dumps(ids),))
        }
        return [row for row in rows if int(str(row[at])) in existing]
