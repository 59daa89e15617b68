from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput, NotFound
from app.services import tree
from app.services.item_edits import set_completed
from app.services.items import create_item, get_item, trash_item
from app.services.transfer import export_data
from app.store.db import Store
from tests.conftest import NOW

LATER = NOW + timedelta(hours=1)


def add(store: Store, title: str, parent_id: int | None = None) -> int:
    return create_item(store, ItemDraft(title=title, parent_id=parent_id), now=NOW)[0].id


def children(store: Store, parent_id: int | None) -> list[int]:
    rows = store.raw.execute(
        "SELECT id FROM items WHERE parent_id IS ? ORDER BY position, id", (parent_id,)
    )
    return [r[0] for r in rows]


def outline(store: Store, parent_id: int | None = None) -> list[object]:
    """The tree as nested lists: [id, [children...]]."""
    return [[i, outline(store, i)] for i in children(store, parent_id)]


def test_new_items_go_above_their_siblings(store: Store) -> None:
    a, b = add(store, "a"), add(store, "b")
    assert children(store, None) == [b, a]


def test_move_in_tree_reparents_and_reorders(store: Store) -> None:
    c, b, a = add(store, "c"), add(store, "b"), add(store, "a")  # shown a, b, c
    changes = tree.move_in_tree(store, c, parent_id=None, before_id=a, now=LATER)
    assert children(store, None) == [c, a, b] and changes.items == {c}
    changes = tree.move_in_tree(store, a, parent_id=b, before_id=None, now=LATER)
    assert children(store, b) == [a] and children(store, None) == [c, b]
    assert changes.items == {a, b}  # the new parent's child list changed
    assert get_item(store, a).updated_at == LATER
    changes = tree.move_in_tree(store, c, parent_id=a, before_id=None, now=LATER)
    assert outline(store) == [[b, [[a, [[c, []]]]]]]
    # Dropping an item where it already is changes nothing.
    assert tree.move_in_tree(store, c, parent_id=a, before_id=None, now=LATER).empty


def test_move_in_tree_refuses_cycles_and_bad_anchors(store: Store) -> None:
    root = add(store, "root")
    child = add(store, "child", root)
    grandchild = add(store, "grandchild", child)
    other = add(store, "other")
    before = export_data(store, now=NOW)
    for target in (root, child, grandchild):
        with pytest.raises(InvalidInput, match="inside"):
            tree.move_in_tree(store, root, parent_id=target, before_id=None, now=LATER)
    with pytest.raises(NotFound, match="not under item"):
        tree.move_in_tree(store, other, parent_id=root, before_id=grandchild, now=LATER)
    with pytest.raises(NotFound):
        tree.move_in_tree(store, other, parent_id=999, before_id=None, now=LATER)
    with pytest.raises(InvalidInput, match="being moved"):
        tree.move_in_tree(store, other, parent_id=None, before_id=other, now=LATER)
    trash_item(store, other, now=NOW)
    before = export_data(store, now=NOW)
    with pytest.raises(NotFound):  # in the trash: neither moved nor a parent
        tree.move_in_tree(store, other, parent_id=root, before_id=None, now=LATER)
    with pytest.raises(NotFound):
        tree.move_in_tree(store, child, parent_id=other, before_id=None, now=LATER)
    assert export_data(store, now=NOW) == before


def test_move_items_in_tree_lands_them_together_in_order(store: Store) -> None:
    d, c, b, a = add(store, "d"), add(store, "c"), add(store, "b"), add(store, "a")
    target = add(store, "target")
    x = add(store, "x", target)
    tree.move_items_in_tree(store, [d, b], parent_id=target, before_id=x, now=LATER)
    assert children(store, target) == [d, b, x]
    assert children(store, None) == [target, a, c]
    with pytest.raises(InvalidInput):
        tree.move_items_in_tree(store, [a, c], parent_id=None, before_id=c, now=LATER)


def test_indent_nests_under_the_sibling_above_as_its_last_child(store: Store) -> None:
    c, b, a = add(store, "c"), add(store, "b"), add(store, "a")  # a, b, c
    inner = add(store, "inner", a)
    changes = tree.indent(store, b, now=LATER)
    assert children(store, a) == [inner, b] and children(store, None) == [a, c]
    assert changes.items == {a, b}
    with pytest.raises(InvalidInput, match="no item above"):
        tree.indent(store, a, now=LATER)
    with pytest.raises(InvalidInput):
        tree.indent(store, inner, now=LATER)


def test_indent_skips_the_trash_and_hidden_completed_items(store: Store) -> None:
    c, done, gone, a = add(store, "c"), add(store, "done"), add(store, "gone"), add(store, "a")
    trash_item(store, gone, now=NOW)
    set_completed(store, done, True, now=NOW)
    tree.indent(store, c, now=LATER)  # the item above it that the backlog shows is a
    assert children(store, a) == [c]
    tree.move_in_tree(store, c, parent_id=None, before_id=None, now=LATER)  # last again
    assert children(store, None) == [a, gone, done, c]
    tree.indent(store, c, now=LATER, include_done=True)
    assert children(store, done) == [c]


def test_indent_items_keeps_a_selection_together(store: Store) -> None:
    d, c, b, a = add(store, "d"), add(store, "c"), add(store, "b"), add(store, "a")
    inner = add(store, "inner", c)
    # Given in any order, indented in sibling order: both end up under a, in order;
    # `inner` moves with c rather than being indented again.
    tree.indent_items(store, [c, inner, b], now=LATER)
    assert outline(store) == [[a, [[b, []], [c, [[inner, []]]]]], [d, []]]
    tree.outdent_items(store, [c, b], now=LATER)
    assert outline(store) == [[a, []], [b, []], [c, [[inner, []]]], [d, []]]


def test_outdent_makes_the_item_its_parents_next_sibling(store: Store) -> None:
    after, parent = add(store, "after"), add(store, "parent")  # parent, after
    second, first = add(store, "second", parent), add(store, "first", parent)
    changes = tree.outdent(store, first, now=LATER)
    assert children(store, None) == [parent, first, after]
    assert children(store, parent) == [second]
    assert changes.items == {first, parent}
    with pytest.raises(InvalidInput, match="top level"):
        tree.outdent(store, first, now=LATER)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6)), min_size=1, max_size=45))
def test_reordering_matches_a_list_model_through_respacing(moves: list[tuple[int, int]]) -> None:
    # Moves among six siblings, mostly to the same spots: gaps run out and the sibling
    # group is respaced; the order must always be what a list would give.
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "r.sqlite3", Path(folder) / "b")
        parent = add(store, "parent")
        model = list(reversed([add(store, f"c{n}", parent) for n in range(6)]))
        for pick, spot in moves:
            item = model[pick]
            rest = [i for i in model if i != item]
            index = min(spot, len(rest))
            before = rest[index] if index < len(rest) else None
            tree.move_in_tree(store, item, parent_id=parent, before_id=before, now=LATER)
            model = [*rest[:index], item, *rest[index:]]
            assert children(store, parent) == model
        store.close()
