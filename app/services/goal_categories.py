"""Goal categories: what a goal is about (Papers, Lectures), each with a name matched in
any case, singular or plural, a colour, and the item kinds that count for it. Listing,
adding, editing and removing them; a goal names its category.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from app.domain.changes import Changes
from app.domain.errors import InvalidInput, NotFound
from app.domain.ids import new_uid
from app.domain.units import (
    check_category_name,
    check_color,
    find_category,
    parse_kinds,
    same_name,
    unknown_category,
)
from app.services.use_case import use_case
from app.store.db import Store

# New categories take the first colour no other category uses.
PALETTE = ("#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#db2777", "#ca8a04")
FALLBACK_COLOR = "#6b7280"


class CategoryRecord(NamedTuple):
    id: int
    name: str
    color: str
    position: int
    kinds: tuple[str, ...]  # item kinds that count for it ("paper" for Papers)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "color": self.color,
            "position": self.position,
            "kinds": list(self.kinds),
        }


def list_categories(store: Store) -> list[CategoryRecord]:
    return load_categories(store.raw)


def category_named(store: Store, name: str) -> CategoryRecord:
    """The category `name` names (any case, singular or plural)."""
    categories = load_categories(store.raw)
    found = find_category(name, [c.name for c in categories])
    if found is None:
        raise unknown_category(name, [c.name for c in categories])
    return next(c for c in categories if c.name == found)


@use_case
def add_category(
    store: Store, name: str, *, color: str | None = None, kinds: Iterable[str] = ()
) -> tuple[CategoryRecord, Changes]:
    """A new goal category, last in order; its colour defaults to an unused one."""
    clean = check_category_name(name)
    kind_values = parse_kinds(kinds)
    chosen = check_color(color) if color is not None else None
    with store.raw_write() as conn:
        existing = load_categories(conn)
        _check_unique(clean, existing)
        if chosen is None:
            used = {c.color for c in existing}
            chosen = next((c for c in PALETTE if c not in used), FALLBACK_COLOR)
        position = max((c.position for c in existing), default=-1) + 1
        cursor = conn.execute(
            "INSERT INTO goal_categories (uid, name, color, position, kinds)"
            " VALUES (?, ?, ?, ?, ?)",
            (new_uid(), clean, chosen, position, " ".join(kind_values)),
        )
        assert cursor.lastrowid is not None
        category = _category(conn, cursor.lastrowid)
    return category, Changes(categories=True)


@use_case
def edit_category(
    store: Store,
    category_id: int,
    *,
    name: str | None = None,
    color: str | None = None,
    kinds: Iterable[str] | None = None,
) -> tuple[CategoryRecord, Changes]:
    """Rename, recolour or change the kinds of a category; its goals follow."""
    clean = check_category_name(name) if name is not None else None
    kind_values = parse_kinds(kinds) if kinds is not None else None
    chosen = check_color(color) if color is not None else None
    with store.raw_write() as conn:
        category = _category(conn, category_id)
        if clean is not None:
            _check_unique(clean, [c for c in load_categories(conn) if c.id != category.id])
        conn.execute(
            "UPDATE goal_categories SET name = ?, color = ?, kinds = ? WHERE id = ?",
            (
                clean or category.name,
                chosen or category.color,
                " ".join(kind_values) if kind_values is not None else " ".join(category.kinds),
                category.id,
            ),
        )
        edited = _category(conn, category.id)
    return edited, Changes(categories=True)


@use_case
def remove_category(store: Store, category_id: int) -> Changes:
    """Delete a category no goal uses."""
    with store.raw_write() as conn:
        category = _category(conn, category_id)
        numbers = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT u.number FROM unit_goals g JOIN study_units u ON u.id = g.unit_id"
                " WHERE g.category_id = ? ORDER BY u.number",
                (category.id,),
            )
        ]
        if numbers:
            listed = ", ".join(map(str, numbers))
            raise InvalidInput(
                f"Goals in unit{'s' * (len(numbers) > 1)} {listed} use {category.name}; "
                "it is kept so they keep their history. Rename it instead if the name is wrong."
            )
        conn.execute("DELETE FROM goal_categories WHERE id = ?", (category.id,))
    return Changes(categories=True)


def load_categories(conn: sqlite3.Connection) -> list[CategoryRecord]:
    """Every category, in the user's order."""
    return [
        _category_record(row)
        for row in conn.execute(
            "SELECT id, name, color, position, kinds FROM goal_categories ORDER BY position, id"
        )
    ]


def resolve_category(conn: sqlite3.Connection, name: str) -> int:
    """The id of the category `name` names (any case, singular or plural), for a goal."""
    categories = load_categories(conn)
    found = find_category(name, [c.name for c in categories])
    if found is None:
        raise unknown_category(name, [c.name for c in categories])
    return next(c.id for c in categories if c.name == found)


def _category(conn: sqlite3.Connection, category_id: int) -> CategoryRecord:
    row = conn.execute(
        "SELECT id, name, color, position, kinds FROM goal_categories WHERE id = ?",
        (category_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"No goal category with id {category_id}.")
    return _category_record(row)


def _category_record(row: Sequence[object]) -> CategoryRecord:
    return CategoryRecord(
        id=int(str(row[0])),
        name=str(row[1]),
        color=str(row[2]),
        position=int(str(row[3])),
        kinds=tuple(str(row[4]).split()),
    )


def _check_unique(name: str, others: Sequence[CategoryRecord]) -> None:
    for other in others:
        if same_name(name, other.name):
            raise InvalidInput(
                f"'{name}' would be the same category as {other.name} "
                "(names match in any case, singular or plural)."
            )
