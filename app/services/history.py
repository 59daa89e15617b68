"""Undo and redo for every table, by one mechanism.

The window's connection records the rows it changes (app/store/row_log.py). An
operation runs as one transaction; the rows it changed, each with its image before and
after, make a `Step`. Undoing a step writes the before-images back, in one transaction;
redoing writes the after-images. Nothing here knows a table: a table added later is
covered as it is.

What makes this safe with other writers (the command line, a second window, sync):

* **Another writer's change is never overwritten.** The history remembers each row of
  its steps as this connection last left it (`_known`). Before undoing or redoing, every
  row the step would write is read again inside the transaction; if any differs from
  what this connection left (another connection changed it), the step is refused, the
  data stays as it is and the step stays where it was in the history.
* **This connection's own later writes survive.** Text typed into the log is saved as it
  is typed without being a step. A row's own later writes are not a conflict: undo
  writes back only the columns the step itself changed ("three-way": the step's before
  and after, and the row now), so undoing a move keeps the words typed since.
* **An undo changes only the step's rows.** Deleting a row the step created is refused
  when rows outside the step now refer to it (a child item added elsewhere). Shared rows
  made on demand (a tag, a day of the log), which have no identity of their own, are
  kept instead. Whatever the write does is recorded too, and if it reached any other
  row (a cascade), the transaction is rolled back and the step refused.
* **An undo is a new change.** `updated_at` takes the time of the undo and triggers give
  the rows a new revision, so a sync sees the undo like any edit.
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.errors import DomainError
from app.store import row_log
from app.store.db import Store
from app.store.formats import utc_text
from app.store.row_log import Row, RowChange, Shape

RowId = tuple[str, tuple[object, ...]]
KNOWN_LIMIT = 20_000  # rows remembered before those of dropped steps are let go


class UndoRefused(DomainError):
    """An undo or redo that would overwrite work done since; nothing was changed."""


CHANGED_ELSEWHERE = (
    "What this step changed has been changed since, outside this window (the command "
    "line, another window or a sync); undoing or redoing it would throw that away, so "
    "nothing was changed."
)
TAKEN = (
    "Something made since, outside this window, now holds what this step would bring "
    "back (the same number or name); nothing was changed."
)
DANGLING = (
    "Something this step would bring back refers to what has been deleted since, outside "
    "this window; nothing was changed."
)
STILL_USED = (
    "Something added since, outside this window, belongs to what this step created; "
    "undoing the step would remove it too, so nothing was changed."
)


class Diff(NamedTuple):
    before: Row | None
    after: Row | None


class Step:
    """The rows one operation changed, in the order it first changed them, and the
    columns of those rows that another writer has changed since (`foreign`)."""

    def __init__(self, text: str, rows: dict[RowId, Diff]) -> None:
        self.text = text
        self.rows = rows
        self.foreign: dict[RowId, set[int]] = {}

    def __repr__(self) -> str:
        return f"Step({self.text!r}, {len(self.rows)} rows)"


class _Write(NamedTuple):
    row: RowId
    current: Row | None
    target: Row | None


class History:
    """The undo data of one connection (a `Store`), without the Qt undo stack."""

    def __init__(self, store: Store) -> None:
        self._store = store
        # Recording starts with the first step (`_record`): writes made before it are no
        # step's business, and the window paints its first frame sooner without it.
        self._recording = False
        # Every row a step touched, as this connection last left it.
        self._known: dict[RowId, Row | None] = {}
        # The steps made here that still exist (the undo stack holds them).
        self._steps: weakref.WeakSet[Step] = weakref.WeakSet()

    def _record(self) -> None:
        if not self._recording:
            row_log.install(self._store.raw)
            self._recording = True

    def run(self, operation: Callable[[], Changes], text: str = "") -> tuple[Changes, Step | None]:
        """Run `operation` as one transaction that publishes its Changes; the step it
        makes, or None when it changed no row."""
        self._record()
        self.absorb()
        with self._store.raw_write():
            changes = operation()
            self._store.publish(changes)
        rows = row_log.drain(self._store.raw)
        if not rows:
            return changes, None
        self._note_foreign(rows)
        step = Step(text, {(r.table, r.key): Diff(r.before, r.after) for r in rows})
        self._remember(rows)
        self._steps.add(step)
        if len(self._known) > KNOWN_LIMIT:
            self._forget_dropped_steps()
        return changes, step

    def _forget_dropped_steps(self) -> None:
        """Rows no step holds any more (the undo stack dropped the oldest steps)."""
        live = {row_id for step in self._steps for row_id in step.rows}
        self._known = {row_id: row for row_id, row in self._known.items() if row_id in live}

    def _note_foreign(self, rows: Iterable[RowChange]) -> None:
        """A row this operation found other than this connection left it was changed by
        another writer in between. Earlier steps over that row must not write their
        values over those columns: they are marked, and refuse when they would."""
        shapes = row_log.shapes(self._store.raw)
        for row in rows:
            row_id = (row.table, row.key)
            if row_id not in self._known or row.before is None:
                continue
            known = self._known[row_id]
            if known is None or row_log.same(shapes[row.table], known, row.before):
                continue
            columns = set(row_log.changed_columns(shapes[row.table], known, row.before))
            for step in self._steps:
                if row_id in step.rows:
                    step.foreign.setdefault(row_id, set()).update(columns)

    def absorb(self) -> None:
        """Take in this connection's writes made outside any step (the log editor saves
        as it goes): they are this connection's, not another writer's."""
        if self._recording:
            self._remember(row_log.drain(self._store.raw), only_known=True)

    def forget(self) -> None:
        """Drop what is remembered (the history was cleared)."""
        self.absorb()
        self._known.clear()

    def undo(self, step: Step, *, now: datetime) -> Changes:
        return self._restore(step, undo=True, now=now)

    def redo(self, step: Step, *, now: datetime) -> Changes:
        return self._restore(step, undo=False, now=now)

    # --- the write --------------------------------------------------------------------

    def _restore(self, step: Step, *, undo: bool, now: datetime) -> Changes:
        store = self._store
        self.absorb()
        order = list(step.rows)
        if undo:
            order.reverse()  # last changed, first put back: the reverse of a valid order
        try:
            with store.raw_write() as conn:
                # Rows go back in any order; references are checked at the commit, and
                # those of the rows written are looked at first, for a clear refusal.
                conn.execute("PRAGMA defer_foreign_keys = ON")
                shapes = row_log.shapes(conn)
                writes = [self._plan(conn, shapes, step, row_id, undo=undo) for row_id in order]
                writes = self._keep_shared(conn, shapes, step, writes)
                stamp = utc_text(now)
                for write in _write_order(writes):
                    shape = shapes[write.row[0]]
                    row_log.write_row(conn, shape, write.current, write.target, stamp)
                for write in writes:
                    target = write.target
                    if target is not None and row_log.missing_parent(
                        conn, shapes[write.row[0]], target
                    ):
                        raise UndoRefused(DANGLING)
                done = row_log.drain(conn)
                if any((r.table, r.key) not in step.rows for r in done):
                    raise UndoRefused(STILL_USED)
                changes = changes_of_rows(conn, shapes, done)
                store.publish(changes)
        except sqlite3.IntegrityError as exc:
            raise UndoRefused(_refusal(exc)) from exc
        for write in writes:
            # The step now leads from what is there to what was written, so the next undo
            # or redo starts from the rows as they are, own typing included.
            written = next((r.after for r in done if (r.table, r.key) == write.row), write.target)
            if undo:
                step.rows[write.row] = Diff(before=written, after=write.current)
            else:
                step.rows[write.row] = Diff(before=write.current, after=written)
            self._known[write.row] = written
        return changes

    def _plan(
        self,
        conn: sqlite3.Connection,
        shapes: dict[str, Shape],
        step: Step,
        row_id: RowId,
        *,
        undo: bool,
    ) -> _Write:
        table, key = row_id
        shape = shapes.get(table)
        if shape is None:
            raise UndoRefused(f"The table {table} is gone; this step cannot be undone.")
        diff = step.rows[row_id]
        source, target = (diff.after, diff.before) if undo else (diff.before, diff.after)
        current = row_log.read_rows(conn, shape, [key])[key]
        expected = self._known.get(row_id, source)
        if not row_log.same(shape, current, expected):
            raise UndoRefused(CHANGED_ELSEWHERE)  # changed since this connection wrote it
        # Changed by another writer in between, then written on by a later step: the
        # columns this step would write (all of them, to make or remove the row) must
        # not be among those.
        foreign = step.foreign.get(row_id, set())
        written = (
            set(range(len(shape.columns)))
            if source is None or target is None
            else set(row_log.changed_columns(shape, source, target))
        )
        if foreign & written:
            raise UndoRefused(CHANGED_ELSEWHERE)
        return _Write(row_id, current, _three_way(shape, source, target, current))

    def _keep_shared(
        self,
        conn: sqlite3.Connection,
        shapes: dict[str, Shape],
        step: Step,
        writes: list[_Write],
    ) -> list[_Write]:
        """Deletions of rows that rows outside the step refer to now: shared rows are
        kept, anything with an identity refuses the step."""
        kept = []
        for write in writes:
            if write.target is None and write.current is not None:
                shape = shapes[write.row[0]]
                others = [
                    r
                    for r in row_log.referring_rows(conn, shape, write.current)
                    if r not in step.rows
                ]
                if others:
                    if shape.has_uid:
                        raise UndoRefused(STILL_USED)
                    kept.append(write._replace(target=write.current))
                    continue
            kept.append(write)
        return kept

    def _remember(self, rows: Iterable[RowChange], *, only_known: bool = False) -> None:
        for row in rows:
            row_id = (row.table, row.key)
            if not only_known or row_id in self._known:
                self._known[row_id] = row.after


def _refusal(exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "UNIQUE" in text:
        return TAKEN
    if "FOREIGN KEY" in text:
        return DANGLING
    return f"The database refused it ({text}); nothing was changed."


def _write_order(writes: list[_Write]) -> list[_Write]:
    """Updates first (a row that moves away from a parent about to go must not be taken
    along by its cascade), then deletions (freeing unique values), then insertions;
    references are checked at commit."""

    def phase(write: _Write) -> int:
        if write.current is not None and write.target is not None:
            return 0
        return 1 if write.target is None else 2

    return sorted(writes, key=phase)


def _three_way(
    shape: Shape, source: Row | None, target: Row | None, current: Row | None
) -> Row | None:
    """What to write so the row goes from `source` to `target` while keeping what this
    connection changed since in other columns (`current`)."""
    if target is None:
        return None  # the step made the row: it goes
    if source is None:
        return target if current is None else current  # the step removed it: it comes back
    if current is None:
        return None  # removed since by this connection: left removed
    merged = list(current)
    for i in row_log.changed_columns(shape, source, target):
        merged[i] = target[i]
    return tuple(merged)


# --- what a set of rows means to the views ---------------------------------------------------

# Rows that belong to one item, and what else their change means.
ITEM_PARTS: dict[str, dict[str, bool]] = {
    "item_tags": {"tags": True},
    "item_links": {},
    "reading_notes": {},
    "reading_passes": {},
    "board_cards": {"board": True},
    "planned_weeks": {"board": True},
    "reminders": {"reminders": True},
    "repeat_history": {},
}


# The planner's and the timer's rows; those tied to an item change what its card shows.
TIME_TABLES = frozenset({"time_blocks", "time_entries", "focus_timer"})


def changes_of_rows(
    conn: sqlite3.Connection, shapes: dict[str, Shape], rows: Iterable[RowChange]
) -> Changes:
    """The Changes that rows of the store amount to, for the views and the feed."""
    items: set[int] = set()
    units: set[int] = set()
    entries: set[int] = set()
    settings: set[str] = set()
    goals: set[int] = set()
    unit_of_goal: dict[int, int] = {}
    flags = {
        "board": False,
        "tags": False,
        "categories": False,
        "log": False,
        "reminders": False,
        "time": False,
    }
    everything = False
    for row in rows:
        shape = shapes[row.table]
        image = row.after if row.after is not None else row.before
        assert image is not None
        table = row.table

        def number(column: str, shape: Shape = shape, image: Row = image) -> int:
            return int(str(shape.value(image, column)))

        if table == "items":
            items.add(number("id"))
            if _leaves_or_joins_the_board(shape, row):
                flags["board"] = True
        elif table in ITEM_PARTS:
            items.add(number("item_id"))
            flags.update(ITEM_PARTS[table])
        elif table == "tags":
            flags["tags"] = True
        elif table == "study_units":
            units.add(number("id"))
        elif table == "unit_goals":
            units.add(number("unit_id"))
            unit_of_goal[number("id")] = number("unit_id")
        elif table == "unit_review_items":
            units.add(number("unit_id"))
            items.add(number("item_id"))
        elif table == "goal_items":
            goals.add(number("goal_id"))
            items.add(number("item_id"))
        elif table == "goal_categories":
            flags["categories"] = True
        elif table == "log_entries":
            entries.add(number("id"))
        elif table in ("log_days", "journal_notes"):
            flags["log"] = True
        elif table == "settings":
            settings.add(str(shape.value(image, "key")))
        elif table in TIME_TABLES:
            flags["time"] = True
            items |= _item_of(shape, image)  # its card shows the time planned and spent
        else:
            everything = True  # a table this function does not know yet: reload all
    missing = goals - unit_of_goal.keys()
    unit_of_goal.update(_units_of_goals(conn, missing))
    units |= {unit_of_goal[g] for g in goals if g in unit_of_goal}
    return Changes(
        items=frozenset(items),
        units=frozenset(units),
        entries=frozenset(entries),
        settings=frozenset(settings),
        everything=everything or bool(goals - unit_of_goal.keys()),
        **flags,
    )


def _item_of(shape: Shape, image: Row) -> set[int]:
    item = shape.value(image, "item_id")
    return set() if item is None else {int(str(item))}


def _leaves_or_joins_the_board(shape: Shape, row: RowChange) -> bool:
    """An item made, removed, put in or taken out of the trash, completed or reopened:
    its card comes or goes, or changes column."""
    if row.before is None or row.after is None:
        return True
    return any(
        shape.value(row.before, column) != shape.value(row.after, column)
        for column in ("deleted_at", "completed_at")
    )


def _units_of_goals(conn: sqlite3.Connection, goals: set[int]) -> dict[int, int]:
    if not goals:
        return {}
    rows = conn.execute(
        "SELECT id, unit_id FROM unit_goals WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(goals)),),
    )
    return {int(goal): int(unit) for goal, unit in rows}
