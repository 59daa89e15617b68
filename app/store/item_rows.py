"""Items as rows, through raw SQL: the capture insert and the reads that build
`ItemRecord`s. These are the hot paths (a whole `rizhi add`, the window's row cache),
so they avoid SQLAlchemy; other mutations go through ORM sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from app.domain.entities import ItemDraft, ItemRecord, Placement
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.ranks import STEP
from app.store.formats import date_text, parse_time, parse_utc, time_text, utc_text

ITEM_COLUMNS = (
    "i.id, i.uid, i.kind, i.title, i.notes, i.parent_id, i.priority, i.estimate_minutes, "
    "i.due_date, i.due_time, i.horizon, i.reading_pass, i.target_pass, i.created_at, "
    "i.updated_at, i.completed_at, i.deleted_at, c.week, c.col, c.rank, c.carried_over"
)
FTS_MIN_CHARS = 3  # the trigram tokenizer indexes three-character windows


def insert_item(conn: sqlite3.Connection, draft: ItemDraft, uid: str, now: datetime) -> int:
    stamp = utc_text(now)
    cursor = conn.execute(
        "INSERT INTO items (uid, kind, title, notes, parent_id, position, priority,"
        " estimate_minutes, due_date, due_time, horizon, reading_pass, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        (
            uid,
            draft.kind.value,
            draft.title,
            draft.notes,
            draft.parent_id,
            _next_position(conn, draft.parent_id),
            int(draft.priority),
            draft.estimate_minutes,
            date_text(draft.due_date) if draft.due_date else None,
            time_text(draft.due_time) if draft.due_time else None,
            draft.horizon.value if draft.horizon else None,
            stamp,
            stamp,
        ),
    )
    item_id = cursor.lastrowid
    assert item_id is not None
    if draft.tags:
        link_tags(conn, item_id, draft.tags)
    return item_id


def _next_position(conn: sqlite3.Connection, parent_id: int | None) -> int:
    # Newest first in the backlog: each new item goes above its siblings.
    row = conn.execute(
        "SELECT MIN(position) FROM items WHERE parent_id IS ?", (parent_id,)
    ).fetchone()
    return (row[0] or 0) - STEP


def tag_ids(conn: sqlite3.Connection, names: Iterable[str]) -> list[int]:
    """Ids of the named tags, creating the missing ones; names match case-insensitively."""
    ids = []
    for name in names:
        conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
        row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        ids.append(int(row[0]))
    return ids


def link_tags(conn: sqlite3.Connection, item_id: int, names: Iterable[str]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)",
        [(item_id, tag_id) for tag_id in tag_ids(conn, names)],
    )


def append_card(
    conn: sqlite3.Connection, item_id: int, week: str, column: Column, now: datetime
) -> int:
    """Put an item at the bottom of a board column and note the week in its trail."""
    row = conn.execute(
        "SELECT MAX(rank) FROM board_cards WHERE week = ? AND col = ?", (week, column.value)
    ).fetchone()
    rank = (row[0] or 0) + STEP
    conn.execute(
        "INSERT INTO board_cards (item_id, week, col, rank, carried_over) VALUES (?, ?, ?, ?, 0)",
        (item_id, week, column.value, rank),
    )
    note_planned_week(conn, item_id, week, now)
    return rank


def note_planned_week(conn: sqlite3.Connection, item_id: int, week: str, now: datetime) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO planned_weeks (item_id, week, planned_at) VALUES (?, ?, ?)",
        (item_id, week, utc_text(now)),
    )


def _record(row: Sequence[Any], tags: tuple[str, ...], weeks: tuple[str, ...]) -> ItemRecord:
    (
        id_,
        uid,
        kind,
        title,
        notes,
        parent_id,
        priority,
        estimate,
        due_date,
        due_time,
        horizon,
        reading_pass,
        target_pass,
        created,
        updated,
        completed,
        deleted,
        week,
        col,
        rank,
        carried,
    ) = row
    placement = None
    if week is not None:
        placement = Placement(str(week), Column(col), int(rank), int(carried))
    return ItemRecord(
        id=int(id_),
        uid=str(uid),
        kind=ItemKind(kind),
        title=str(title),
        notes=str(notes),
        parent_id=None if parent_id is None else int(parent_id),
        priority=Priority(priority),
        estimate_minutes=None if estimate is None else int(estimate),
        due_date=None if due_date is None else date.fromisoformat(str(due_date)),
        due_time=None if due_time is None else parse_time(str(due_time)),
        horizon=None if horizon is None else Horizon(horizon),
        reading_pass=int(reading_pass),
        target_pass=None if target_pass is None else int(target_pass),
        created_at=parse_utc(str(created)),
        updated_at=parse_utc(str(updated)),
        completed_at=None if completed is None else parse_utc(str(completed)),
        deleted_at=None if deleted is None else parse_utc(str(deleted)),
        tags=tags,
        placement=placement,
        planned_weeks=weeks,
    )


def fetch_records(conn: sqlite3.Connection, ids: Sequence[int]) -> list[ItemRecord]:
    """Records for `ids`, in the order given; unknown ids are skipped."""
    if not ids:
        return []
    rows: dict[int, Sequence[Any]] = {}
    tags: dict[int, list[str]] = {}
    weeks: dict[int, list[str]] = {}
    # SQLite limits bound parameters; 500 per query stays well inside it.
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items i LEFT JOIN board_cards c ON c.item_id = i.id"
            f" WHERE i.id IN ({marks})",
            chunk,
        ):
            rows[row[0]] = row
        for item_id, name in conn.execute(
            "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
            f" WHERE it.item_id IN ({marks}) ORDER BY t.name COLLATE NOCASE",
            chunk,
        ):
            tags.setdefault(item_id, []).append(name)
        for item_id, week in conn.execute(
            f"SELECT item_id, week FROM planned_weeks WHERE item_id IN ({marks}) ORDER BY week",
            chunk,
        ):
            weeks.setdefault(item_id, []).append(week)
    return [
        _record(rows[i], tuple(tags.get(i, ())), tuple(weeks.get(i, ()))) for i in ids if i in rows
    ]


class ItemQuery(NamedTuple):
    """Filters for listing items; None means 'any'."""

    week: str | None = None
    column: Column | None = None
    tag: str | None = None
    kind: ItemKind | None = None
    include_done: bool = True
    trashed: bool = False


def query_ids(conn: sqlite3.Connection, query: ItemQuery) -> list[int]:
    """Ids matching `query`: board order for a week, newest first otherwise."""
    where = ["i.deleted_at IS NOT NULL" if query.trashed else "i.deleted_at IS NULL"]
    params: list[object] = []
    join = "LEFT JOIN board_cards c ON c.item_id = i.id"
    if query.week is not None:
        join = "JOIN board_cards c ON c.item_id = i.id"
        where.append("c.week = ?")
        params.append(query.week)
    if query.column is not None:
        join = "JOIN board_cards c ON c.item_id = i.id"
        where.append("c.col = ?")
        params.append(query.column.value)
    if query.kind is not None:
        where.append("i.kind = ?")
        params.append(query.kind.value)
    if query.tag is not None:
        where.append(
            "EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id"
            " WHERE it.item_id = i.id AND t.name = ?)"
        )
        params.append(query.tag.lstrip("#"))
    if not query.include_done:
        where.append("i.completed_at IS NULL")
    order = (
        "CASE c.col WHEN 'todo' THEN 0 WHEN 'active' THEN 1 ELSE 2 END, c.rank"
        if query.week is not None or query.column is not None
        else "i.created_at DESC, i.id DESC"
    )
    sql = f"SELECT i.id FROM items i {join} WHERE {' AND '.join(where)} ORDER BY {order}"
    return [row[0] for row in conn.execute(sql, params)]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_ids(conn: sqlite3.Connection, text: str, limit: int = 200) -> list[int]:
    """Live items whose title or notes contain every term, best match first.

    Terms of three characters or more go through the trigram index (ranked by bm25);
    shorter ones (common in Chinese: 论文) cannot, so they filter by substring.
    """
    terms = [t for t in text.split() if t]
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= FTS_MIN_CHARS]
    short_terms = [t for t in terms if len(t) < FTS_MIN_CHARS]
    params: list[object] = []
    short_sql = ""
    for term in short_terms:
        short_sql += (
            " AND (instr(lower(i.title), lower(?)) > 0 OR instr(lower(i.notes), lower(?)) > 0)"
        )
        params.extend([term, term])
    if long_terms:
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        sql = (
            "SELECT i.id FROM items_fts f JOIN items i ON i.id = f.rowid"
            f" WHERE items_fts MATCH ? AND i.deleted_at IS NULL{short_sql}"
            " ORDER BY bm25(items_fts, 4.0, 1.0), i.id DESC LIMIT ?"
        )
        return [row[0] for row in conn.execute(sql, [match, *params, limit])]
    sql = (
        f"SELECT i.id FROM items i WHERE i.deleted_at IS NULL{short_sql}"
        " ORDER BY instr(i.title, ?) = 0, i.id DESC LIMIT ?"
    )
    return [row[0] for row in conn.execute(sql, [*params, short_terms[0], limit])]
