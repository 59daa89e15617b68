"""Exact snapshots of items, for the window's undo and redo.

The window wraps every operation the same way (app/ui/ops.py):

    before = take(store, touches)                 # the items it is about to change
    changes = operation(now)
    before = merge(before, absent(changes.items - touches))   # items it created
    after = take(store, touches | changes.items)
    undo: restore(store, before)        redo: restore(store, after)

`take` records, for each id, either that it does not exist or its whole state: every
column of its `items` row, and its rows in every table that refers to `items.id`
(tags, board card, trail of planned weeks, links, reading notes, goal links; found
from the schema, so a table added later is covered without changing this module).
`restore` writes that state back exactly, in one transaction, keeping ids and uids.

What an operation changes beyond the items it was given, and how the snapshot still
covers it:

* **Nested items.** Trashing or restoring an item takes its subtree along: `take`
  records the whole subtree of every id.
* **Created items.** They have no state before the operation; `absent(ids)` marks
  them, and `merge` keeps such a mark only for ids above the highest id that existed
  when `before` was taken (`Marks.item`), so an existing item that an operation
  merely reported (a parent whose child list changed, a carried card) is never
  deleted by an undo. Tags created by the operation are deleted again when no item
  uses them any more (`Marks.tag`).
* **Neighbours' ranks and positions.** A drop between two cards (or two siblings)
  with no room between them respaces the whole column (or sibling group), and the
  column is not known before the operation runs. `take` therefore also records the
  ordering of the whole board and of every sibling group (compact integer arrays,
  shared between snapshots while a group is unchanged). `restore` puts back the
  ranks only in the columns and sibling groups that its own items were in or are in
  now, and only for cards and items still in the same column or under the same
  parent, so an unrelated change made meanwhile elsewhere (by the command line) is
  not undone.
* **Rollover.** It moves cards nobody named. Only a rollover changes `carried_over`,
  so a card whose count differs from the snapshot is put back whole, and the week the
  rollover added to its trail is removed again (`Marks.planned_week`). A rollover
  leaves the item rows alone, so nothing else needs restoring.

Restoring refuses (InvalidInput, nothing written) when the data no longer fits the
snapshot: an id now used by a different item (other uid), or a row whose parent is
gone. The window should drop its history when the store is replaced (restore from a
backup, import).
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from array import array
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import groupby
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.services.changes import Changes
from app.services.items import subtree_ids
from app.services.snapshot_rows import merge_rows
from app.store.db import Store
from app.store.tables import max_id, quote


class Table(NamedTuple):
    """A table whose rows belong to an item through the column `key`."""

    name: str
    key: str
    columns: tuple[str, ...]
    rowid: str | None  # its own INTEGER PRIMARY KEY (kept on restore when still free)
    refs: tuple[tuple[str, str, str], ...]  # other foreign keys: (column, table, column)


class Schema(NamedTuple):
    item_columns: tuple[str, ...]
    tables: tuple[Table, ...]
    tag_columns: tuple[str, ...]


class ItemState(NamedTuple):
    row: tuple[object, ...]  # the items row, in Schema.item_columns order
    dependents: tuple[tuple[tuple[object, ...], ...], ...]  # rows per Schema.tables
    # The rows of `tags` it uses: tags are shared and made on demand, so an undo may
    # have deleted one that a redo needs again.
    tags: tuple[tuple[object, ...], ...]


class Marks(NamedTuple):
    """The highest ids when the snapshot was taken: anything above was created later."""

    item: int
    tag: int
    planned_week: int


class Group(NamedTuple):
    """Rows of one board column, or of the sibling groups in one bucket: parallel
    arrays, cheap to compare and to share between snapshots."""

    keys: array[int]  # parent id (0: top level) for positions; unused (empty) for cards
    ids: array[int]
    ranks: array[int]  # rank on the board, position in the tree
    carried: array[int]  # carried_over for cards; empty for positions


BUCKETS = 64  # sibling groups are kept in buckets by parent id, so a move copies few


class Ordering(NamedTuple):
    cards: Mapping[tuple[str, str], Group]  # (week, col) → the cards in it
    positions: Mapping[int, Group]  # parent id % BUCKETS → those parents' children


class Snapshot(NamedTuple):
    items: Mapping[int, ItemState | None]  # None: the item did not exist
    schema: Schema | None = None  # None only for `absent(...)`
    marks: Marks | None = None
    ordering: Ordering | None = None

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(self.items)


# --- the schema ---------------------------------------------------------------------

# Keyed by the schema's own text: cheap to read, and right even when a restored backup
# replaced the file under the same path.
_SCHEMAS: dict[str, Schema] = {}


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, int]]:
    """(name, declared type, primary-key index) per column."""
    return [
        (r[1], str(r[2]).upper(), int(r[5]))
        for r in conn.execute(f"PRAGMA table_info({quote(table)})")
    ]


def item_tables(conn: sqlite3.Connection) -> tuple[Table, ...]:
    """Every table with a foreign key to `items.id` (other than `items` itself)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'items' ORDER BY name"
        )
    ]
    tables = []
    for name in names:
        keys = conn.execute(f"PRAGMA foreign_key_list({quote(name)})").fetchall()
        to_items = [k for k in keys if k[2] == "items"]
        if not to_items:
            continue
        if len(to_items) > 1:
            raise InvalidInput(f"Table {name} refers to items twice; snapshots cannot own it.")
        key = str(to_items[0][3])
        columns = _columns(conn, name)
        pks = [c for c in columns if c[2] > 0]
        rowid = None
        if len(pks) == 1 and pks[0][1] == "INTEGER" and pks[0][0] != key:
            rowid = pks[0][0]
        refs = tuple((str(k[3]), str(k[2]), str(k[4])) for k in keys if k[2] != "items")
        tables.append(Table(name, key, tuple(c[0] for c in columns), rowid, refs))
    return tuple(tables)


def _schema(store: Store) -> Schema:
    conn = store.raw
    text = conn.execute(
        "SELECT group_concat(name || ':' || ifnull(sql, ''), ';') FROM"
        " (SELECT name, sql FROM sqlite_master ORDER BY name)"
    ).fetchone()[0]
    cached = _SCHEMAS.get(text)
    if cached is None:
        cached = Schema(
            item_columns=tuple(c[0] for c in _columns(conn, "items")),
            tables=item_tables(conn),
            tag_columns=tuple(c[0] for c in _columns(conn, "tags")),
        )
        _SCHEMAS[text] = cached
    return cached


# --- taking ------------------------------------------------------------------------


def _ids_param(ids: Iterable[int]) -> str:
    return json.dumps(sorted(set(ids)))


_IN = "IN (SELECT value FROM json_each(?))"


def take(store: Store, item_ids: Iterable[int]) -> Snapshot:
    """The state of `item_ids` and everything nested in them, and the ordering of the
    board and of the backlog, as they are now."""
    schema = _schema(store)
    roots = sorted({int(i) for i in item_ids})
    conn = store.raw
    conn.execute("BEGIN")  # one consistent read
    try:
        ids = subtree_ids(conn, roots)
        param = _ids_param(ids)
        cols = ", ".join(quote(c) for c in schema.item_columns)
        rows = {
            int(r[0]): tuple(r)
            for r in conn.execute(f"SELECT {cols} FROM items WHERE id {_IN}", (param,))
        }
        dependents: dict[int, list[list[tuple[object, ...]]]] = {
            i: [[] for _ in schema.tables] for i in rows
        }
        for index, table in enumerate(schema.tables):
            key = table.columns.index(table.key)
            for row in conn.execute(
                f"SELECT {', '.join(quote(c) for c in table.columns)} FROM {quote(table.name)}"
                f" WHERE {quote(table.key)} {_IN}",
                (param,),
            ):
                dependents[int(row[key])][index].append(tuple(row))
        tags = _tag_rows(conn, schema, dependents)
        items: dict[int, ItemState | None] = {
            i: ItemState(row, tuple(tuple(rows_) for rows_ in dependents[i]), tags.get(i, ()))
            for i, row in rows.items()
        }
        for i in roots:
            items.setdefault(i, None)
        marks = Marks(
            item=max_id(conn, "items"),
            tag=max_id(conn, "tags"),
            planned_week=max_id(conn, "planned_weeks"),
        )
        ordering = _ordering(store, conn)
    finally:
        conn.execute("COMMIT")
    return Snapshot(items=items, schema=schema, marks=marks, ordering=ordering)


def _tag_refs(schema: Schema) -> list[tuple[int, Table, str]]:
    """(index, table, column) of every item table column that refers to tags.id."""
    return [
        (index, table, column)
        for index, table in enumerate(schema.tables)
        for column, ref_table, _ in table.refs
        if ref_table == "tags"
    ]


def _tag_rows(
    conn: sqlite3.Connection,
    schema: Schema,
    dependents: Mapping[int, Sequence[Sequence[tuple[object, ...]]]],
) -> dict[int, tuple[tuple[object, ...], ...]]:
    """Per item, the rows of `tags` its rows refer to."""
    users: dict[int, set[int]] = {}
    for index, table, column in _tag_refs(schema):
        at = table.columns.index(column)
        for item_id, rows in dependents.items():
            for row in rows[index]:
                tag_id = row[at]
                if isinstance(tag_id, int):
                    users.setdefault(tag_id, set()).add(item_id)
    if not users:
        return {}
    found: dict[int, list[tuple[object, ...]]] = {}
    at = schema.tag_columns.index("id")
    for row in conn.execute(
        f"SELECT {', '.join(quote(c) for c in schema.tag_columns)} FROM tags WHERE id {_IN}",
        (_ids_param(users),),
    ):
        for item_id in users[int(row[at])]:
            found.setdefault(item_id, []).append(tuple(row))
    return {i: tuple(sorted(rows, key=repr)) for i, rows in found.items()}


class _Last(NamedTuple):
    conn: sqlite3.Connection
    version: tuple[int, int]
    ordering: Ordering
    tree_version: int


# Per store, the ordering taken last. When nothing was written since (the usual case
# between one operation's "after" and the next one's "before"), it is reused whole;
# otherwise groups that did not change are shared with it rather than copied.
_LAST: weakref.WeakKeyDictionary[Store, _Last] = weakref.WeakKeyDictionary()


def _version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Moves whenever anything is written: `data_version` when another connection
    commits (the ORM's, the command line's), `total_changes` when this one writes."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def _tree_version(conn: sqlite3.Connection) -> int:
    """Moves (by trigger, whoever writes) when an item's parent or position may have
    changed; reading every item's position is the expensive part of an ordering."""
    return int(conn.execute("SELECT version FROM tree_order").fetchone()[0])


def _ordering(store: Store, conn: sqlite3.Connection) -> Ordering:
    """Call inside the read transaction that took the items, so both see one state."""
    version = _version(conn)
    last = _LAST.get(store)
    if last is not None and last.conn is conn and last.version == version:
        return last.ordering
    old = last.ordering if last is not None else Ordering({}, {})
    tree_version = _tree_version(conn)

    cards: dict[tuple[str, str], Group] = {}
    rows = conn.execute(
        "SELECT week, col, item_id, rank, carried_over FROM board_cards"
        " ORDER BY week, col, rank, item_id"
    ).fetchall()
    for (week, col), grouped in groupby(rows, key=lambda r: (str(r[0]), str(r[1]))):
        members = list(grouped)
        group = Group(
            array("q"),
            array("q", [r[2] for r in members]),
            array("q", [r[3] for r in members]),
            array("q", [r[4] for r in members]),
        )
        previous = old.cards.get((week, col))
        cards[(week, col)] = previous if previous == group else group

    if last is not None and last.conn is conn and last.tree_version == tree_version:
        # Cards moved, or fields changed, but no item's place in the tree: keep it whole.
        ordering = Ordering(cards, old.positions)
        _LAST[store] = _Last(conn, version, ordering, tree_version)
        return ordering

    buckets: dict[int, list[tuple[int, int, int]]] = {}
    for row in conn.execute(
        "SELECT COALESCE(parent_id, 0), id, position FROM items ORDER BY parent_id, position, id"
    ):
        buckets.setdefault(row[0] % BUCKETS, []).append(row)
    positions: dict[int, Group] = {}
    for key, members in buckets.items():
        group = Group(
            array("q", [r[0] for r in members]),
            array("q", [r[1] for r in members]),
            array("q", [r[2] for r in members]),
            array("q"),
        )
        previous = old.positions.get(key)
        positions[key] = previous if previous == group else group

    ordering = Ordering(cards, positions)
    _LAST[store] = _Last(conn, version, ordering, tree_version)
    return ordering


# --- combining ----------------------------------------------------------------------


def absent(item_ids: Iterable[int]) -> Snapshot:
    """A snapshot saying that `item_ids` do not exist: for items an operation created.
    Merged into a snapshot taken before the operation, it keeps only the ids that
    really did not exist then (see `merge`)."""
    return Snapshot(items=dict.fromkeys((int(i) for i in item_ids), None))


def merge(first: Snapshot, second: Snapshot) -> Snapshot:
    """`first`, completed with what `second` says about items `first` does not record
    (the rule is `merge_rows`')."""
    items = merge_rows(
        first.items,
        second.items,
        ceiling=first.marks.item if first.marks is not None else None,
        second_declared=second.marks is None,
    )
    return Snapshot(
        items=items,
        schema=first.schema or second.schema,
        marks=first.marks or second.marks,
        ordering=first.ordering if first.ordering is not None else second.ordering,
    )


# --- restoring ----------------------------------------------------------------------


def restore(store: Store, snapshot: Snapshot, *, now: datetime) -> Changes:
    """Write the snapshot back, in one transaction: items recorded as absent are
    deleted (with their cards, tags links, trail...), the others get exactly the
    recorded row and dependent rows, under the same id and uid. `now` is not used:
    a restored item keeps the times it had."""
    del now
    schema = _schema(store)
    if snapshot.schema is not None and snapshot.schema != schema:
        raise InvalidInput("The data has changed shape since this step; it cannot be undone.")
    try:
        with store.raw_write() as conn:
            changed = _Restore(conn, schema, snapshot).run()
    except sqlite3.IntegrityError as exc:
        raise InvalidInput(
            f"The data no longer matches this step ({exc}); nothing was changed."
        ) from exc
    return Changes(items=frozenset(changed), board=True, tags=True)


class _Restore:
    def __init__(self, conn: sqlite3.Connection, schema: Schema, snapshot: Snapshot) -> None:
        self.conn = conn
        self.schema = schema
        self.snapshot = snapshot
        self.present = {i: s for i, s in snapshot.items.items() if s is not None}
        self.absent = [i for i, s in snapshot.items.items() if s is None]
        self.changed: set[int] = set(snapshot.items)
        self.param = _ids_param(snapshot.items)

    def run(self) -> set[int]:
        conn, schema = self.conn, self.schema
        current = {
            int(r[0]): (r[1], r[2])
            for r in conn.execute(
                f"SELECT id, uid, parent_id FROM items WHERE id {_IN}", (self.param,)
            )
        }
        uid_at = schema.item_columns.index("uid")
        for item_id, state in self.present.items():
            if item_id in current and current[item_id][0] != state.row[uid_at]:
                raise InvalidInput(
                    f"Item {item_id} is now a different item; this step cannot be restored."
                )
        # Where the snapshot's items are now, before anything moves: the groups whose
        # neighbours an operation may have respaced.
        groups = {
            (str(r[0]), str(r[1]))
            for r in conn.execute(
                f"SELECT week, col FROM board_cards WHERE item_id {_IN}", (self.param,)
            )
        }
        parents = {current[i][1] for i in current}
        new_tags = self._new_tags()

        if self.absent:
            conn.execute(f"DELETE FROM items WHERE id {_IN}", (_ids_param(self.absent),))
        self._upsert_items()
        self._replace_dependents()

        parent_at = schema.item_columns.index("parent_id")
        parents |= {state.row[parent_at] for state in self.present.values()}
        groups |= self._recorded_card_groups()
        if self.snapshot.ordering is not None:
            self._cards(self.snapshot.ordering, groups)
            self._positions(self.snapshot.ordering, parents)
        self._drop_unused_tags(new_tags)
        return self.changed

    # items and their own rows

    def _upsert_items(self) -> None:
        columns = self.schema.item_columns
        names = ", ".join(quote(c) for c in columns)
        updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c != "id")
        sql = (
            f"INSERT INTO items ({names}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        for item_id in self._parents_first():
            self.conn.execute(sql, self.present[item_id].row)

    def _parents_first(self) -> list[int]:
        parent_at = self.schema.item_columns.index("parent_id")
        ordered: list[int] = []
        seen: set[int] = set()

        def visit(item_id: int, depth: int) -> None:
            if item_id in seen or depth > len(self.present):
                return
            seen.add(item_id)
            parent = self.present[item_id].row[parent_at]
            if isinstance(parent, int) and parent in self.present:
                visit(parent, depth + 1)
            ordered.append(item_id)

        for item_id in sorted(self.present):
            visit(item_id, 0)
        return ordered

    def _replace_dependents(self) -> None:
        if not self.present:
            return
        conn = self.conn
        param = _ids_param(self.present)
        for index, table in enumerate(self.schema.tables):
            conn.execute(
                f"DELETE FROM {quote(table.name)} WHERE {quote(table.key)} {_IN}", (param,)
            )
            for item_id in sorted(self.present):
                state = self.present[item_id]
                for row in state.dependents[index]:
                    self._insert_dependent(table, row, state)

    def _insert_dependent(self, table: Table, row: tuple[object, ...], state: ItemState) -> None:
        values = dict(zip(table.columns, row, strict=True))
        for column, ref_table, ref_column in table.refs:
            value = values[column]
            if value is None:
                continue
            if ref_table == "tags":
                values[column] = self._tag_id(value, state)
            elif not self._exists(ref_table, ref_column, value):
                return  # what it pointed to is gone (a deleted goal): leave the row out
        if table.rowid is not None:
            taken = self.conn.execute(
                f"SELECT 1 FROM {quote(table.name)} WHERE {quote(table.rowid)} = ?",
                (values[table.rowid],),
            ).fetchone()
            if taken is not None:
                del values[table.rowid]  # the id went to another row meanwhile: a new one
        self.conn.execute(
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in values)})"
            f" VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )

    def _exists(self, table: str, column: str, value: object) -> bool:
        sql = f"SELECT 1 FROM {quote(table)} WHERE {quote(column)} = ? LIMIT 1"
        return self.conn.execute(sql, (value,)).fetchone() is not None

    def _tag_id(self, tag_id: object, state: ItemState) -> object:
        """The id of the tag the item used: the tag of that name (names are unique,
        case-insensitively) or, when an undo deleted it meanwhile, the tag made again,
        under its old id when that is free."""
        columns = self.schema.tag_columns
        recorded = next((r for r in state.tags if r[columns.index("id")] == tag_id), None)
        if recorded is None:
            return tag_id
        values = dict(zip(columns, recorded, strict=True))
        row = self.conn.execute("SELECT id FROM tags WHERE name = ?", (values["name"],)).fetchone()
        if row is not None:
            return row[0]
        if self._exists("tags", "id", tag_id):
            del values["id"]
        cursor = self.conn.execute(
            f"INSERT INTO tags ({', '.join(quote(c) for c in values)})"
            f" VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        return values.get("id", cursor.lastrowid)

    def _new_tags(self) -> set[int]:
        """Tags created after the snapshot was taken that its items use now."""
        marks = self.snapshot.marks
        if marks is None:
            return set()
        found: set[int] = set()
        for _, table, column in _tag_refs(self.schema):
            found.update(
                int(r[0])
                for r in self.conn.execute(
                    f"SELECT {quote(column)} FROM {quote(table.name)}"
                    f" WHERE {quote(table.key)} {_IN} AND {quote(column)} > ?",
                    (self.param, marks.tag),
                )
            )
        return found

    def _drop_unused_tags(self, tag_ids: set[int]) -> None:
        refs = _tag_refs(self.schema)
        for tag_id in sorted(tag_ids):
            if not any(self._exists(table.name, column, tag_id) for _, table, column in refs):
                self.conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))

    # other items' ordering

    def _recorded_card_groups(self) -> set[tuple[str, str]]:
        names = [t.name for t in self.schema.tables]
        if "board_cards" not in names:
            return set()
        index = names.index("board_cards")
        columns = self.schema.tables[index].columns
        week, col = columns.index("week"), columns.index("col")
        return {
            (str(row[week]), str(row[col]))
            for state in self.present.values()
            for row in state.dependents[index]
        }

    def _cards(self, ordering: Ordering, groups: set[tuple[str, str]]) -> None:
        conn = self.conn
        marks = self.snapshot.marks
        now = {
            int(r[0]): (str(r[1]), str(r[2]), int(r[3]), int(r[4]))
            for r in conn.execute("SELECT item_id, week, col, rank, carried_over FROM board_cards")
        }
        for (week, col), group in ordering.cards.items():
            for item_id, rank, carried in zip(group.ids, group.ranks, group.carried, strict=True):
                if item_id in self.snapshot.items:
                    continue
                card = now.get(item_id)
                if card is None or card == (week, col, rank, carried):
                    continue
                if card[3] != carried:
                    # Only a rollover changes the count: put the card back whole, and
                    # take the week it was carried into out of its trail again.
                    conn.execute(
                        "UPDATE board_cards SET week = ?, col = ?, rank = ?, carried_over = ?"
                        " WHERE item_id = ?",
                        (week, col, rank, carried, item_id),
                    )
                    if marks is not None:
                        conn.execute(
                            "DELETE FROM planned_weeks WHERE item_id = ? AND id > ?",
                            (item_id, marks.planned_week),
                        )
                    self.changed.add(item_id)
                elif card[:2] == (week, col) and (week, col) in groups:
                    conn.execute(
                        "UPDATE board_cards SET rank = ? WHERE item_id = ?", (rank, item_id)
                    )
                    self.changed.add(item_id)

    def _positions(self, ordering: Ordering, parents: set[object]) -> None:
        conn = self.conn
        for parent in parents:
            key = parent if isinstance(parent, int) else 0
            group = ordering.positions.get(key % BUCKETS)
            if group is None:
                continue
            now = {
                int(r[0]): int(r[1])
                for r in conn.execute(
                    "SELECT id, position FROM items WHERE parent_id IS ?",
                    (None if key == 0 else key,),
                )
            }
            for owner, item_id, position in zip(group.keys, group.ids, group.ranks, strict=True):
                if owner != key or item_id in self.snapshot.items:
                    continue
                if item_id in now and now[item_id] != position:
                    conn.execute("UPDATE items SET position = ? WHERE id = ?", (position, item_id))
                    self.changed.add(item_id)
