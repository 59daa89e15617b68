"""What time reports need to know about the items time was spent on: title, tags, and the
goal category the time counts for. One query per question for a whole set of items.

An item's category follows the rules that make an item count toward a goal
(app/services/unit_progress.py): linked to a goal of the category, a tag naming it (any
case, singular or plural), or a kind the category lists. Time is counted once, so an item
matching several categories is reported under one: a goal link first, then a tag, then a
kind, the user's order of categories breaking ties.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from app.domain.units import name_key
from app.services.goal_categories import CategoryRecord, load_categories


class ItemFacts(NamedTuple):
    title: str
    kind: str
    tags: tuple[str, ...]  # as written, in name order
    category: str | None  # the goal category its time counts for, or None


def item_facts(
    conn: sqlite3.Connection,
    item_ids: Iterable[int],
    categories: Sequence[CategoryRecord] | None = None,
) -> dict[int, ItemFacts]:
    """Facts of each item in `item_ids` (items in the trash too: their time was spent)."""
    ids = json.dumps(sorted(set(item_ids)))
    known = load_categories(conn) if categories is None else list(categories)
    tags: dict[int, list[str]] = {}
    for item_id, name in conn.execute(
        "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
        " WHERE it.item_id IN (SELECT value FROM json_each(?)) ORDER BY t.name",
        (ids,),
    ):
        tags.setdefault(int(item_id), []).append(str(name))
    linked: dict[int, set[int]] = {}
    for item_id, category_id in conn.execute(
        "SELECT gi.item_id, g.category_id FROM goal_items gi JOIN unit_goals g"
        " ON g.id = gi.goal_id WHERE gi.item_id IN (SELECT value FROM json_each(?))",
        (ids,),
    ):
        linked.setdefault(int(item_id), set()).add(int(category_id))
    facts: dict[int, ItemFacts] = {}
    for item_id, title, kind in conn.execute(
        "SELECT id, title, kind FROM items WHERE id IN (SELECT value FROM json_each(?))", (ids,)
    ):
        own = tuple(tags.get(int(item_id), ()))
        category = category_of(known, str(kind), own, linked.get(int(item_id), set()))
        facts[int(item_id)] = ItemFacts(str(title), str(kind), own, category)
    return facts


def category_of(
    categories: Sequence[CategoryRecord], kind: str, tags: Iterable[str], linked: set[int]
) -> str | None:
    """The one category an item's time counts for (see the module's rules)."""
    keys = {name_key(tag) for tag in tags}
    rules: tuple[Callable[[CategoryRecord], bool], ...] = (
        lambda c: c.id in linked,
        lambda c: name_key(c.name) in keys,
        lambda c: kind in c.kinds,
    )
    for matches in rules:
        for category in categories:
            if matches(category):
                return category.name
    return None


def matches_category(category: CategoryRecord, facts: ItemFacts, linked: bool) -> bool:
    """Whether an item's time may count for `category` at all (a goal in hours counts
    every item the category matches, as an item goal does)."""
    keys = {name_key(tag) for tag in facts.tags}
    return linked or name_key(category.name) in keys or facts.kind in category.kinds
