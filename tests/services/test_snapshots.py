from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.entities import ItemDraft
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.errors import InvalidInput
from app.domain.weeks import Week
from app.services import board, bulk, item_details, snapshots, tree
from app.services.changes import Changes
from app.services.item_edits import ItemPatch, edit_item, set_completed
from app.services.items import create_item, restore_item, trash_item
from app.store.db import Store
from tests.conftest import NOW
from tests.services.undo_harness import document, run_accepted, run_undoable

WEEK = Week.of(NOW.date())
WEEKS = (WEEK.shifted(-2), WEEK.shifted(-1), WEEK, WEEK.shifted(1))


def add(store: Store, title: str, **fields: object) -> int:
    week = fields.pop("week", None)
    column = fields.pop("column", Column.TODO)
    draft = ItemDraft(title=title, **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=NOW, week=week, column=column)[0].id  # type: ignore[arg-type]


def column_ids(store: Store, week: Week, column: Column) -> list[int]:
    rows = store.raw.execute(
        "SELECT item_id FROM board_cards WHERE week = ? AND col = ? ORDER BY rank",
        (str(week), column.value),
    )
    return [r[0] for r in rows]


def squeeze_column(store: Store, week: Week, column: Column) -> None:
    """Leave no room between the cards of a column, so the next drop between two of
    them respaces the whole column."""
    for n, item_id in enumerate(column_ids(store, week, column)):
        store.raw.execute("UPDATE board_cards SET rank = ? WHERE item_id = ?", (n, item_id))


def squeeze_children(store: Store, parent_id: int | None) -> None:
    rows = store.raw.execute(
        "SELECT id FROM items WHERE parent_id IS ? ORDER BY position, id", (parent_id,)
    ).fetchall()
    for n, (item_id,) in enumerate(rows):
        store.raw.execute("UPDATE items SET position = ? WHERE id = ?", (n, item_id))


# --- what a snapshot records ----------------------------------------------------------


def test_a_snapshot_records_absence_and_the_whole_subtree(store: Store) -> None:
    parent = add(store, "parent", tags=("x",))
    child = add(store, "child", parent_id=parent)
    grandchild = add(store, "grandchild", parent_id=child)
    snapshot = snapshots.take(store, [parent, 999])
    assert snapshot.ids == {parent, child, grandchild, 999}
    assert snapshot.items[999] is None
    state = snapshot.items[parent]
    assert state is not None and state.tags and state.tags[0][1] == "x"


def test_every_table_that_belongs_to_an_item_is_covered(store: Store) -> None:
    # A table added later with a foreign key to items is snapshotted automatically;
    # this list makes its author look at whether that is what undo should do.
    tables = {t.name: t for t in snapshots.item_tables(store.raw)}
    assert set(tables) == {
        "board_cards",
        "goal_items",
        "item_links",
        "item_tags",
        "planned_weeks",
        "reading_notes",
        "unit_review_items",
    }
    assert tables["item_links"].rowid == "id" and tables["board_cards"].rowid is None
    assert ("tag_id", "tags", "id") in tables["item_tags"].refs


def test_orderings_are_shared_between_snapshots(store: Store) -> None:
    for n in range(20):
        add(store, f"card {n}", week=WEEK)
        add(store, f"item {n}")
    first = snapshots.take(store, [1])
    second = snapshots.take(store, [2])
    # Nothing written in between: the whole ordering is the same object.
    assert second.ordering is first.ordering
    board.move_card(store, 1, Column.ACTIVE, now=NOW)  # through the ORM's connection
    third = snapshots.take(store, [1])
    assert third.ordering is not None and first.ordering is not None
    assert third.ordering is not first.ordering
    todo, active = (str(WEEK), Column.TODO.value), (str(WEEK), Column.ACTIVE.value)
    assert list(third.ordering.cards[active].ids) == [1]
    assert third.ordering.cards[todo] is not first.ordering.cards[todo]
    # The backlog did not change: its groups are shared, not copied.
    assert all(third.ordering.positions[k] is g for k, g in first.ordering.positions.items())
    bulk.set_priority(store, [2], Priority.HIGH, now=NOW)  # through the raw connection
    assert snapshots.take(store, [2]).ordering is not third.ordering


# --- undo and redo of what an operation changes besides the items it was given ---------


def test_undo_of_a_drop_that_respaced_the_column(store: Store) -> None:
    cards = [add(store, f"c{n}", week=WEEK) for n in range(6)]
    mover = add(store, "mover", week=WEEK, column=Column.ACTIVE)
    squeeze_column(store, WEEK, Column.TODO)
    before = column_ids(store, WEEK, Column.TODO)
    ranks = store.raw.execute("SELECT rank FROM board_cards WHERE col = 'todo'").fetchall()
    run_accepted(
        store,
        lambda now: board.move_cards(
            store, [mover], Column.TODO, week=WEEK, before_id=cards[3], now=now
        ),
        [mover],
    )
    assert column_ids(store, WEEK, Column.TODO) == [*before[:3], mover, *before[3:]]
    # The neighbours were respaced (which the redo reproduced).
    assert store.raw.execute("SELECT rank FROM board_cards WHERE col = 'todo'").fetchall() != ranks


def test_undo_of_a_tree_move_that_respaced_the_siblings(store: Store) -> None:
    parent = add(store, "parent")
    kids = [add(store, f"k{n}", parent_id=parent) for n in range(5)]
    mover = add(store, "mover")
    squeeze_children(store, parent)
    run_accepted(
        store,
        lambda now: tree.move_in_tree(store, mover, parent_id=parent, before_id=kids[2], now=now),
        [mover],
    )
    squeeze_children(store, None)
    run_accepted(store, lambda now: tree.outdent(store, kids[0], now=now), [kids[0]])


def test_undo_of_a_rollover_that_named_no_items(store: Store) -> None:
    # The window runs a rollover without naming the cards it will carry.
    add(store, "here", week=WEEK)
    old = [add(store, f"old {n}", week=WEEK.shifted(-1)) for n in range(3)]
    add(store, "active", week=WEEK.shifted(-2), column=Column.ACTIVE)
    board.move_card(store, old[0], Column.TODO, now=NOW, week=WEEK)  # trail has WEEK already
    board.move_card(store, old[0], Column.TODO, now=NOW, week=WEEK.shifted(-1))
    changes = run_undoable(
        store, lambda now: board.rollover(store, WEEK, now=now + timedelta(days=2)), []
    )
    assert changes is not None and len(changes.items) == 4


def test_undo_of_a_creation_deletes_the_item_and_its_new_tags(store: Store) -> None:
    parent = add(store, "parent", tags=("old",))
    created = run_undoable(
        store,
        lambda now: create_item(
            store,
            ItemDraft(title="new", tags=("old", "brand new"), parent_id=parent),
            now=now,
            week=WEEK,
        )[1],
    )
    assert created is not None
    names = [t["name"] for t in document(store)["tags"]]
    assert "brand new" in names  # after the final redo


def test_undo_of_trash_brings_back_nested_items(store: Store) -> None:
    parent = add(store, "parent", week=WEEK)
    child = add(store, "child", parent_id=parent)
    add(store, "grandchild", parent_id=child, tags=("deep",))
    run_accepted(store, lambda now: bulk.trash_items(store, [parent], now=now), [parent])
    run_accepted(store, lambda now: restore_item(store, parent, now=now)[1], [parent])


def test_reported_neighbours_are_never_deleted_by_an_undo(store: Store) -> None:
    # A tree move reports the new parent too; the window adds every reported id it did
    # not name to the "absent" list. Merging must drop those ids: they existed.
    parent, item = add(store, "parent"), add(store, "item")
    before = snapshots.take(store, [item])
    changes = tree.move_in_tree(store, item, parent_id=parent, before_id=None, now=NOW)
    assert parent in changes.items
    merged = snapshots.merge(before, snapshots.absent(changes.items - {item}))
    assert parent not in merged.items
    snapshots.restore(store, merged, now=NOW)
    assert {r["id"] for r in document(store)["items"]} == {parent, item}


def test_undo_leaves_unrelated_changes_made_meanwhile_alone(store: Store) -> None:
    a = add(store, "a", week=WEEK)
    b = add(store, "b", week=WEEK)
    before = snapshots.take(store, [a])
    board.move_card(store, a, Column.ACTIVE, now=NOW)
    # Meanwhile, from the command line: another card moves, another item is added.
    board.move_card(store, b, Column.DONE, now=NOW)
    other = add(store, "added from the command line")
    snapshots.restore(store, before, now=NOW)
    assert column_ids(store, WEEK, Column.TODO) == [a]
    assert column_ids(store, WEEK, Column.DONE) == [b]
    assert other in {r["id"] for r in document(store)["items"]}


def test_restore_refuses_an_id_that_now_belongs_to_another_item(store: Store) -> None:
    add(store, "keep")
    before = snapshots.take(store, [])
    created, changes = create_item(store, ItemDraft(title="created"), now=NOW)
    merged = snapshots.merge(before, snapshots.absent(changes.items))
    after = snapshots.take(store, changes.items)
    snapshots.restore(store, merged, now=NOW)  # undo: gone
    reused, _ = create_item(store, ItemDraft(title="from the command line"), now=NOW)
    assert reused.id == created.id  # SQLite hands the highest id out again
    state = document(store)
    with pytest.raises(InvalidInput, match="different item"):
        snapshots.restore(store, after, now=NOW)  # redo would overwrite it
    assert document(store) == state


def test_a_goal_link_to_a_deleted_goal_is_left_out(store: Store) -> None:
    paper = add(store, "paper")
    conn = store.raw
    conn.execute(
        "INSERT INTO study_units (number, title, start_date, days, reflection)"
        " VALUES (1, 'u', '2026-11-01', 10, '')"
    )
    conn.execute(
        "INSERT INTO unit_goals (unit_id, category_id, description, target, adjustment,"
        " position) VALUES (1, 1, 'g', 1, 0, 0)"
    )
    conn.execute("INSERT INTO goal_items VALUES (1, ?)", (paper,))
    snapshot = snapshots.take(store, [paper])
    run_accepted(store, lambda now: bulk.trash_items(store, [paper], now=now), [paper])
    conn.execute("DELETE FROM study_units")
    snapshots.restore(store, snapshot, now=NOW)
    assert document(store)["goal_items"] == []


# --- any sequence of operations ----------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database to copy: migrating for every example is slow."""
    folder = tmp_path_factory.mktemp("template")
    Store.open(folder / "rizhi.sqlite3", folder / "backups").close()
    return folder / "rizhi.sqlite3"


def copy_of(template: Path) -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rizhi.sqlite3"
        shutil.copy(template, path)
        store = Store.open(path, Path(folder) / "backups")
        try:
            yield store
        finally:
            store.close()


TITLES = st.sampled_from(["Read MAE", "自监督学习", "ablation", "x", "Write intro", "复现 BYOL"])
TAGS = st.lists(st.sampled_from(["paper", "Vision", "vision", "新", "thesis"]), max_size=2)


class World:
    """Draws an operation on the current data; ids are drawn from what exists, with
    an occasional id that does not (the services must then refuse and write nothing)."""

    def __init__(self, store: Store, data: st.DataObject) -> None:
        self.store = store
        self.data = data

    def draw(self, strategy: st.SearchStrategy[object]) -> object:
        return self.data.draw(strategy)

    def ids(self, where: str = "1") -> list[int]:
        rows = self.store.raw.execute(f"SELECT id FROM items WHERE {where} ORDER BY id")
        return [r[0] for r in rows]

    def some(self, where: str = "1") -> int:
        ids = self.ids(where)
        if not ids or self.draw(st.integers(0, 15)) == 0:
            return 999  # an id that does not exist, now and then
        return self.draw(st.sampled_from(ids))  # type: ignore[return-value]

    def many(self, where: str = "1") -> list[int]:
        count = self.draw(st.integers(1, 4))
        return [self.some(where) for _ in range(count)]

    def maybe(self, where: str = "1") -> int | None:
        ids = self.ids(where)
        return self.draw(st.sampled_from([None, *ids]))  # type: ignore[return-value]

    def squeeze(self) -> None:
        """Leave no room between the neighbours of some column and some sibling group
        that have two or more members, so that drops between them respace."""
        conn = self.store.raw
        columns = conn.execute(
            "SELECT week, col FROM board_cards GROUP BY week, col HAVING COUNT(*) > 1"
        ).fetchall()
        if columns:
            week, col = self.draw(st.sampled_from(columns))  # type: ignore[misc]
            squeeze_column(self.store, Week.parse(week), Column(col))
        groups = conn.execute(
            "SELECT parent_id FROM items GROUP BY parent_id HAVING COUNT(*) > 1"
        ).fetchall()
        if groups:
            squeeze_children(self.store, self.draw(st.sampled_from(groups))[0])  # type: ignore[index]

    def column(self) -> Column:
        return self.draw(st.sampled_from(list(Column)))  # type: ignore[return-value]

    def week(self) -> Week:
        """Mostly a week that has cards."""
        used = [r[0] for r in self.store.raw.execute("SELECT DISTINCT week FROM board_cards")]
        return Week.parse(self.draw(st.sampled_from([*used, *used, *map(str, WEEKS)])))  # type: ignore[arg-type]

    def card_in(self, week: Week, column: Column) -> int | None:
        """Mostly a card that has one above it: a drop between two neighbours."""
        cards = column_ids(self.store, week, column)
        return self.draw(st.sampled_from([None, *cards, *cards[1:], *cards[1:]]))  # type: ignore[return-value]

    def child_of(self, parent: int | None) -> int | None:
        rows = self.store.raw.execute(
            "SELECT id FROM items WHERE parent_id IS ? ORDER BY position, id", (parent,)
        ).fetchall()
        kids = [r[0] for r in rows]
        return self.draw(st.sampled_from([None, *kids, *kids[1:], *kids[1:]]))  # type: ignore[return-value]

    def operation(self) -> tuple[str, object, list[int]]:
        s = self.store
        name = self.draw(st.sampled_from(sorted(OPERATIONS)))
        return OPERATIONS[name](self, s)  # type: ignore[index, no-any-return]


def _create(w: World, s: Store) -> tuple[str, object, list[int]]:
    draft = ItemDraft(
        title=w.draw(TITLES),  # type: ignore[arg-type]
        kind=w.draw(st.sampled_from(list(ItemKind))),  # type: ignore[arg-type]
        tags=tuple(w.draw(TAGS)),  # type: ignore[arg-type]
        parent_id=w.maybe("deleted_at IS NULL"),
    )
    week = w.draw(st.one_of(st.none(), st.sampled_from(WEEKS)))
    column = w.column()
    return "create", lambda now: create_item(s, draft, now=now, week=week, column=column)[1], []  # type: ignore[arg-type]


def _edit(w: World, s: Store) -> tuple[str, object, list[int]]:
    item = w.some()
    patch = ItemPatch(
        title=w.draw(st.one_of(st.none(), TITLES)),  # type: ignore[arg-type]
        notes=w.draw(st.one_of(st.none(), st.sampled_from(["", "对比学习 notes"]))),  # type: ignore[arg-type]
        priority=w.draw(st.one_of(st.none(), st.sampled_from(list(Priority)))),  # type: ignore[arg-type]
        parent_id=w.maybe(),
        add_tags=tuple(w.draw(TAGS)),  # type: ignore[arg-type]
        remove_tags=tuple(w.draw(TAGS)),  # type: ignore[arg-type]
        clear=w.draw(st.sampled_from([frozenset(), frozenset({"parent_id"})])),  # type: ignore[arg-type]
    )
    return "edit", lambda now: edit_item(s, item, patch, now=now)[1], [item]


def _move_card(w: World, s: Store) -> tuple[str, object, list[int]]:
    item, column = w.some(), w.column()
    week = w.draw(st.one_of(st.none(), st.sampled_from(WEEKS)))
    before = w.card_in(week or WEEK, column)  # type: ignore[arg-type]
    return (
        "move_card",
        lambda now: board.move_card(s, item, column, now=now, week=week, before_id=before),  # type: ignore[arg-type]
        [item],
    )


def _move_cards(w: World, s: Store) -> tuple[str, object, list[int]]:
    items, column, week = w.many(), w.column(), w.week()
    before = w.card_in(week, column)
    return (
        "move_cards",
        lambda now: board.move_cards(s, items, column, week=week, before_id=before, now=now),
        items,
    )


def _rollover(w: World, s: Store) -> tuple[str, object, list[int]]:
    week = w.draw(st.sampled_from(WEEKS[1:]))
    return "rollover", lambda now: board.rollover(s, week, now=now), []  # type: ignore[arg-type]


def _bulk(w: World, s: Store) -> tuple[str, object, list[int]]:
    items = w.many()
    kind = w.draw(st.sampled_from(["tag", "horizon", "priority", "plan", "unplan", "trash",
                                   "restore", "complete", "reopen"]))  # fmt: skip
    actions = {
        "tag": lambda now: bulk.tag_items(s, items, add=w.draw(TAGS), remove=w.draw(TAGS), now=now),  # type: ignore[arg-type]
        "horizon": lambda now: bulk.set_horizon(
            s, items, w.draw(st.sampled_from([None, *Horizon])), now=now
        ),  # type: ignore[arg-type]
        "priority": lambda now: bulk.set_priority(
            s, items, w.draw(st.sampled_from(list(Priority))), now=now
        ),  # type: ignore[arg-type]
        "plan": lambda now: bulk.plan_items(s, items, w.week(), column=w.column(), now=now),
        "unplan": lambda now: bulk.unplan_items(s, items, now=now),
        "trash": lambda now: bulk.trash_items(s, items, now=now),
        "restore": lambda now: bulk.restore_items(s, items, now=now),
        "complete": lambda now: bulk.complete_items(s, items, True, now=now),
        "reopen": lambda now: bulk.complete_items(s, items, False, now=now),
    }
    return f"bulk.{kind}", actions[kind], items  # type: ignore[index]


def _tree(w: World, s: Store) -> tuple[str, object, list[int]]:
    item = w.some()
    kind = w.draw(st.sampled_from(["move", "indent", "outdent", "move_many"]))
    if kind == "indent":
        return "indent", lambda now: tree.indent(s, item, now=now), [item]
    if kind == "outdent":
        return "outdent", lambda now: tree.outdent(s, item, now=now), [item]
    parent = w.maybe()
    before = w.child_of(parent)
    if kind == "move_many":
        items = w.many()
        return (
            "move_items_in_tree",
            lambda now: tree.move_items_in_tree(
                s, items, parent_id=parent, before_id=before, now=now
            ),
            items,
        )
    return (
        "move_in_tree",
        lambda now: tree.move_in_tree(s, item, parent_id=parent, before_id=before, now=now),
        [item],
    )


def _single(w: World, s: Store) -> tuple[str, object, list[int]]:
    item = w.some()
    kind = w.draw(st.sampled_from(["trash", "restore", "complete", "reopen", "remove_card"]))
    actions = {
        "trash": lambda now: trash_item(s, item, now=now),
        "restore": lambda now: restore_item(s, item, now=now)[1],
        "complete": lambda now: set_completed(s, item, True, now=now)[1],
        "reopen": lambda now: set_completed(s, item, False, now=now)[1],
        "remove_card": lambda now: board.remove_card(s, item),
    }
    return kind, actions[kind], [item]  # type: ignore[index]


def _details(w: World, s: Store) -> tuple[str, object, list[int]]:
    item = w.some()
    kind = w.draw(st.sampled_from(["notes", "pass", "links"]))
    number = w.draw(st.integers(0, 4))
    if kind == "notes":
        text = w.draw(st.sampled_from(["", "Masked patches", "三遍阅读"]))
        return (
            "pass notes",
            lambda now: item_details.set_pass_notes(s, item, number, text, now=now),
            [item],
        )  # type: ignore[arg-type]
    if kind == "pass":
        return (
            "reading pass",
            lambda now: item_details.set_reading_pass(s, item, number, now=now),
            [item],
        )  # type: ignore[arg-type]
    links = w.draw(
        st.lists(
            st.sampled_from([("https://arxiv.org/abs/1", "arXiv"), ("file:///a.pdf", "")]),
            max_size=2,
        )
    )
    return "links", lambda now: item_details.set_links(s, item, links, now=now), [item]  # type: ignore[arg-type]


def _tight(w: World, s: Store) -> tuple[str, object, list[int]]:
    """A drop between two neighbours that touch: the group must be respaced."""
    conn = s.raw
    if w.draw(st.booleans()):
        columns = conn.execute(
            "SELECT week, col FROM board_cards GROUP BY week, col HAVING COUNT(*) > 1"
        ).fetchall()
        if columns:
            week_text, col = w.draw(st.sampled_from(columns))  # type: ignore[misc]
            week, column = Week.parse(week_text), Column(col)
            squeeze_column(s, week, column)
            cards = column_ids(s, week, column)
            anchor = w.draw(st.sampled_from(cards[1:]))
            items = [i for i in w.many("deleted_at IS NULL") if i != anchor]
            return (
                "tight move_cards",
                lambda now: board.move_cards(
                    s, items, column, week=week, before_id=anchor, now=now
                ),  # type: ignore[arg-type]
                items,
            )
    groups = conn.execute(
        "SELECT parent_id FROM items GROUP BY parent_id HAVING COUNT(*) > 1"
    ).fetchall()
    if not groups:
        return _create(w, s)
    parent = w.draw(st.sampled_from(groups))[0]  # type: ignore[index]
    squeeze_children(s, parent)
    kids = [r[0] for r in conn.execute(
        "SELECT id FROM items WHERE parent_id IS ? ORDER BY position, id", (parent,)
    )]  # fmt: skip
    if w.draw(st.booleans()):
        # Outdenting a grandchild lands it between two touching siblings.
        grandchildren = [r[0] for r in conn.execute(
            f"SELECT id FROM items WHERE parent_id IN ({','.join('?' * len(kids[:-1]))})",
            kids[:-1],
        )]  # fmt: skip
        if grandchildren:
            item = w.draw(st.sampled_from(grandchildren))
            return "tight outdent", lambda now: tree.outdent(s, item, now=now), [item]  # type: ignore[arg-type]
    anchor = w.draw(st.sampled_from(kids[1:]))
    item = w.some()
    return (
        "tight move_in_tree",
        lambda now: tree.move_in_tree(s, item, parent_id=parent, before_id=anchor, now=now),  # type: ignore[arg-type]
        [item],
    )


OPERATIONS = {
    "tight": _tight,
    "create": _create,
    "create again": _create,  # creating is common; it also makes the rest interesting
    "edit": _edit,
    "move_card": _move_card,
    "move_cards": _move_cards,
    "rollover": _rollover,
    "bulk": _bulk,
    "tree": _tree,
    "single": _single,
    "details": _details,
}


@settings(
    # UNDO_EXAMPLES=3000 for a long bug hunt (about ten minutes).
    max_examples=int(os.environ.get("UNDO_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_undo_and_redo_reproduce_the_data_after_any_operation(
    template: Path, data: st.DataObject
) -> None:
    for store in copy_of(template):
        world = World(store, data)
        for _ in range(data.draw(st.integers(2, 6), label="seed items")):
            run_accepted(store, _create(world, store)[1])  # type: ignore[arg-type]
        for _ in range(data.draw(st.integers(3, 25), label="steps")):
            # Now and then leave no room between neighbours, so drops respace.
            if data.draw(st.integers(0, 4), label="squeeze") == 0:
                world.squeeze()
            name, operation, touches = world.operation()
            data.draw(st.just(name), label="operation")
            changes = run_undoable(store, operation, touches)  # type: ignore[arg-type]
            assert changes is None or isinstance(changes, Changes)
