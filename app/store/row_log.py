"""The rows one connection changes, recorded by SQLite as it changes them.

`install` gives a connection TEMP triggers on every table of the file (found from the
schema, so a table added later is covered with no code for it): each insert, update and
delete appends the row's key and its images before and after to `temp.row_log`, in the
same transaction as the change, so a rolled-back change leaves no record. Only the
connection that installed them records; other processes pay nothing. `drain` reads and
clears the log. `read_rows` and `write_row` put rows back in a generic way. This is the
ground floor of undo (app/services/history.py).

Left out: SQLite's own tables, full-text indexes and their shadow tables, and the
store's bookkeeping (revisions, tombstones, the change feed, the schema version), which
triggers and the store keep. A row's `rev` is bookkeeping too, and so is `updated_at`
when nothing else changed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from app.store.tables import quote

BOOKKEEPING_TABLES = frozenset(
    {"alembic_version", "change_log", "store_revision", "tombstones", "sqlite_sequence"}
)
UNRECORDED_COLUMNS = frozenset({"rev"})
STAMP_COLUMN = "updated_at"  # set to the time of the write, never put back

Key = tuple[object, ...]
Row = tuple[object, ...]


class Reference(NamedTuple):
    """Rows of `table` whose `columns` hold the referenced row's `parent_columns`."""

    table: str
    columns: tuple[str, ...]
    parent_columns: tuple[str, ...]


class Parent(NamedTuple):
    """A foreign key of the table: its `columns` hold `table`'s `parent_columns`."""

    table: str
    columns: tuple[str, ...]
    parent_columns: tuple[str, ...]


class Shape(NamedTuple):
    """What the log knows of a table."""

    name: str
    columns: tuple[str, ...]  # recorded columns, in table order
    key: tuple[str, ...]  # the primary key (or rowid)
    references: tuple[Reference, ...]  # foreign keys of other tables pointing here
    parents: tuple[Parent, ...] = ()  # this table's own foreign keys

    @property
    def has_uid(self) -> bool:
        return "uid" in self.columns

    def value(self, row: Row, column: str) -> object:
        return row[self.columns.index(column)]

    def key_of(self, row: Row) -> Key:
        return tuple(row[self.columns.index(c)] for c in self.key)


class RowChange(NamedTuple):
    table: str
    key: Key
    before: Row | None  # None: the row did not exist
    after: Row | None


# Keyed by the schema's own text: right even when a restored backup replaced the file.
_SHAPES: dict[str, dict[str, Shape]] = {}


def shapes(conn: sqlite3.Connection) -> dict[str, Shape]:
    text = conn.execute(
        "SELECT group_concat(name || ':' || ifnull(sql, ''), ';') FROM"
        " (SELECT name, sql FROM main.sqlite_master ORDER BY name)"
    ).fetchone()[0]
    found = _SHAPES.get(text)
    if found is None:
        found = _read_shapes(conn)
        _SHAPES[text] = found
    return found


def _recorded_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    virtual = [str(n) for n, sql in rows if str(sql).upper().startswith("CREATE VIRTUAL")]
    return [
        str(name)
        for name, _ in rows
        if str(name) not in BOOKKEEPING_TABLES
        and not str(name).startswith("sqlite_")
        and str(name) not in virtual
        and not any(str(name).startswith(f"{v}_") for v in virtual)
    ]


def _read_shapes(conn: sqlite3.Connection) -> dict[str, Shape]:
    tables = _recorded_tables(conn)
    info = {t: conn.execute(f"PRAGMA main.table_info({quote(t)})").fetchall() for t in tables}
    references: dict[str, list[Reference]] = {t: [] for t in tables}
    parents: dict[str, list[Parent]] = {t: [] for t in tables}
    for table in tables:
        groups: dict[int, list[tuple[str, str, str]]] = {}
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({quote(table)})"):
            groups.setdefault(int(fk[0]), []).append((str(fk[2]), str(fk[3]), str(fk[4])))
        for pairs in groups.values():
            parent = pairs[0][0]
            columns = tuple(p[1] for p in pairs)
            parent_columns = tuple(p[2] for p in pairs)
            parents[table].append(Parent(parent, columns, parent_columns))
            if parent in references:
                references[parent].append(Reference(table, columns, parent_columns))
    found = {}
    for table in tables:
        columns = tuple(str(c[1]) for c in info[table] if str(c[1]) not in UNRECORDED_COLUMNS)
        key = tuple(str(c[1]) for c in sorted(info[table], key=lambda c: c[5]) if c[5] > 0)
        found[table] = Shape(
            table, columns, key or ("rowid",), tuple(references[table]), tuple(parents[table])
        )
    return found


# --- recording ----------------------------------------------------------------------------


def install(conn: sqlite3.Connection) -> None:
    """Record this connection's changes from now on (idempotent)."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS row_log (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL,"
        " old_key TEXT, new_key TEXT, old_row TEXT, new_row TEXT)"
    )
    for shape in shapes(conn).values():
        for statement in _triggers(shape):
            conn.execute(statement)


def _image(shape: Shape, alias: str) -> str:
    return "json_array(" + ", ".join(f"{alias}.{quote(c)}" for c in shape.columns) + ")"


def _key(shape: Shape, alias: str) -> str:
    return "json_array(" + ", ".join(f"{alias}.{quote(c)}" for c in shape.key) + ")"


def _triggers(shape: Shape) -> list[str]:
    table, name = quote(shape.name), shape.name.replace('"', "")
    insert = "INSERT INTO row_log (tbl, old_key, new_key, old_row, new_row) VALUES"
    compared = [c for c in shape.columns if c != STAMP_COLUMN]
    # BINARY: a column's own collation (NOCASE for names) would hide "reading" becoming
    # "Reading", and the step would not know it changed the row.
    changed = (
        " OR ".join(f"old.{quote(c)} IS NOT new.{quote(c)} COLLATE BINARY" for c in compared) or "0"
    )
    tag = f"'{name}'"
    return [
        f'CREATE TEMP TRIGGER IF NOT EXISTS "row_log_{name}_ai" AFTER INSERT ON main.{table}'
        f" BEGIN {insert} ({tag}, NULL, {_key(shape, 'new')}, NULL, {_image(shape, 'new')});"
        " END",
        f'CREATE TEMP TRIGGER IF NOT EXISTS "row_log_{name}_au" AFTER UPDATE ON main.{table}'
        f" WHEN {changed} BEGIN {insert} ({tag}, {_key(shape, 'old')}, {_key(shape, 'new')},"
        f" {_image(shape, 'old')}, {_image(shape, 'new')}); END",
        f'CREATE TEMP TRIGGER IF NOT EXISTS "row_log_{name}_ad" AFTER DELETE ON main.{table}'
        f" BEGIN {insert} ({tag}, {_key(shape, 'old')}, NULL, {_image(shape, 'old')}, NULL);"
        " END",
    ]


def drain(conn: sqlite3.Connection) -> list[RowChange]:
    """What was recorded since the last drain, one change per row (its first image
    before and last image after), in the order each row was first changed; rows that
    ended as they began are left out. The log is emptied."""
    events = conn.execute(
        "SELECT tbl, old_key, new_key, old_row, new_row FROM temp.row_log ORDER BY seq"
    ).fetchall()
    if not events:
        return []
    conn.execute("DELETE FROM temp.row_log")
    merged: dict[tuple[str, Key], list[Row | None]] = {}
    for table, old_key, new_key, old_row, new_row in events:
        old, new = _load(old_row), _load(new_row)
        if old_key is not None and new_key is not None and old_key != new_key:
            _merge(merged, table, _load_key(old_key), old, None)  # a key that changed:
            _merge(merged, table, _load_key(new_key), None, new)  # one row gone, one new
            continue
        _merge(merged, table, _load_key(old_key if old_key is not None else new_key), old, new)
    return [
        RowChange(table, key, before, after)
        for (table, key), (before, after) in merged.items()
        if before != after
    ]


def _merge(
    merged: dict[tuple[str, Key], list[Row | None]],
    table: str,
    key: Key,
    before: Row | None,
    after: Row | None,
) -> None:
    entry = merged.get((table, key))
    if entry is None:
        merged[(table, key)] = [before, after]
    else:
        entry[1] = after


def _load(text: str | None) -> Row | None:
    return None if text is None else tuple(json.loads(text))


def _load_key(text: str) -> Key:
    return tuple(json.loads(text))


# --- reading and writing rows ---------------------------------------------------------------


def _where(shape: Shape) -> str:
    return " AND ".join(f"{quote(c)} IS ?" for c in shape.key)


def read_rows(conn: sqlite3.Connection, shape: Shape, keys: Iterable[Key]) -> dict[Key, Row | None]:
    """The rows under `keys` as they are now (None where there is none), as the log
    writes them."""
    sql = (
        f"SELECT {_image(shape, quote(shape.name))} FROM {quote(shape.name)} WHERE {_where(shape)}"
    )
    found: dict[Key, Row | None] = {}
    for key in keys:
        row = conn.execute(sql, key).fetchone()
        found[key] = None if row is None else _load(row[0])
    return found


def write_row(
    conn: sqlite3.Connection, shape: Shape, current: Row | None, target: Row | None, stamp: str
) -> None:
    """Turn the row `current` into `target`: delete, insert or update only the columns
    that differ; `updated_at`, where there is one, takes `stamp` (a write is a change)."""
    table = quote(shape.name)
    if target is None:
        if current is not None:
            conn.execute(f"DELETE FROM {table} WHERE {_where(shape)}", shape.key_of(current))
        return
    values = list(target)
    if STAMP_COLUMN in shape.columns:
        values[shape.columns.index(STAMP_COLUMN)] = stamp
    if current is None:
        names = ", ".join(quote(c) for c in shape.columns)
        marks = ", ".join("?" * len(values))
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)
        return
    changed = [
        i
        for i, column in enumerate(shape.columns)
        if column != STAMP_COLUMN and current[i] != target[i]
    ]
    if not changed:
        return
    if STAMP_COLUMN in shape.columns:
        changed.append(shape.columns.index(STAMP_COLUMN))
    assignments = ", ".join(f"{quote(shape.columns[i])} = ?" for i in changed)
    conn.execute(
        f"UPDATE {table} SET {assignments} WHERE {_where(shape)}",
        [values[i] for i in changed] + list(shape.key_of(current)),
    )


def referring_rows(conn: sqlite3.Connection, shape: Shape, row: Row) -> list[tuple[str, Key]]:
    """Rows of other tables (or of this one) whose foreign keys refer to `row`."""
    found = []
    shapes_now = shapes(conn)
    for ref in shape.references:
        child = shapes_now.get(ref.table)
        if child is None:
            continue
        values = [shape.value(row, c) for c in ref.parent_columns]
        where = " AND ".join(f"{quote(c)} = ?" for c in ref.columns)
        for (key_text,) in conn.execute(
            f"SELECT {_key(child, quote(child.name))} FROM {quote(child.name)} WHERE {where}",
            values,
        ):
            found.append((child.name, _load_key(key_text)))
    return found


def missing_parent(conn: sqlite3.Connection, shape: Shape, row: Row) -> bool:
    """Whether `row` refers to a row that is not there (foreign key columns all set)."""
    for parent in shape.parents:
        values = [shape.value(row, c) for c in parent.columns if c in shape.columns]
        if len(values) != len(parent.columns) or any(v is None for v in values):
            continue
        where = " AND ".join(f"{quote(c)} = ?" for c in parent.parent_columns)
        if (
            conn.execute(f"SELECT 1 FROM {quote(parent.table)} WHERE {where}", values).fetchone()
            is None
        ):
            return True
    return False


def same(shape: Shape, a: Row | None, b: Row | None) -> bool:
    """Whether two images hold the same data (`updated_at` aside)."""
    if a is None or b is None:
        return a is b
    return all(
        x == y for column, x, y in zip(shape.columns, a, b, strict=True) if column != STAMP_COLUMN
    )


def changed_columns(shape: Shape, a: Row, b: Row) -> Sequence[int]:
    return [i for i, column in enumerate(shape.columns) if column != STAMP_COLUMN and a[i] != b[i]]
