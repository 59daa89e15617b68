from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import Column, ItemKind
from app.domain.errors import InvalidInput, NotFound
from app.domain.weeks import Week
from app.services.board import move_card
from app.services.item_details import (
    Link,
    item_details,
    set_links,
    set_pass_notes,
    set_reading_pass,
    subtask_progress,
)
from app.services.item_edits import set_completed
from app.services.items import create_item, get_item, trash_item
from app.services.transfer import export_data
from app.store.db import Store
from tests.conftest import NOW

WEEK = Week.of(NOW.date())
LATER = NOW + timedelta(hours=1)


def add(store: Store, title: str, parent_id: int | None = None, **fields: object) -> int:
    draft = ItemDraft(title=title, parent_id=parent_id, **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=NOW)[0].id


def test_pass_notes_are_written_replaced_and_cleared(store: Store) -> None:
    paper = add(store, "MAE", kind=ItemKind.PAPER)
    changes = set_pass_notes(store, paper, 1, "Masked patches, 75%.", now=LATER)
    set_pass_notes(store, paper, 3, "Re-derive the loss.", now=LATER)
    assert changes.items == {paper} and get_item(store, paper).updated_at == LATER
    assert item_details(store, paper).pass_notes == {
        1: "Masked patches, 75%.",
        3: "Re-derive the loss.",
    }
    set_pass_notes(store, paper, 1, "Asymmetric encoder.", now=LATER)
    set_pass_notes(store, paper, 3, "  ", now=LATER)  # empty: gone
    assert item_details(store, paper).pass_notes == {1: "Asymmetric encoder."}
    for bad in (0, 4):
        with pytest.raises(InvalidInput, match="1 to 3"):
            set_pass_notes(store, paper, bad, "x", now=LATER)
    with pytest.raises(NotFound):
        set_pass_notes(store, 999, 1, "x", now=LATER)


def test_the_database_guards_the_pass_range_and_cascades(store: Store) -> None:
    paper = add(store, "MAE")
    with pytest.raises(sqlite3.IntegrityError):
        store.raw.execute(
            "INSERT INTO reading_notes VALUES (?, 4, 'x', '2026-01-01T00:00:00.000000+00:00')",
            (paper,),
        )
    set_pass_notes(store, paper, 2, "notes", now=NOW)
    store.raw.execute("DELETE FROM items WHERE id = ?", (paper,))
    assert store.raw.execute("SELECT COUNT(*) FROM reading_notes").fetchone()[0] == 0


def test_reading_pass_is_zero_to_three(store: Store) -> None:
    paper = add(store, "MAE", kind=ItemKind.PAPER)
    set_reading_pass(store, paper, 2, now=LATER)
    assert get_item(store, paper).reading_pass == 2
    with pytest.raises(InvalidInput, match="0 to 3"):
        set_reading_pass(store, paper, 4, now=LATER)
    with pytest.raises(InvalidInput):
        set_reading_pass(store, paper, -1, now=LATER)


@pytest.mark.parametrize("way", ["set_reading_pass", "edit_item"])
def test_the_day_each_pass_is_reached_is_kept(store: Store, way: str) -> None:
    from app.services.history import History
    from app.services.item_edits import ItemPatch, edit_item
    from app.store.reading_passes import reached_at

    def to_pass(number: int, now: datetime) -> None:
        if way == "set_reading_pass":
            set_reading_pass(store, paper, number, now=now)
        else:
            edit_item(store, paper, ItemPatch(reading_pass=number), now=now)

    paper = add(store, "MAE", kind=ItemKind.PAPER)
    days = [NOW + timedelta(days=n) for n in range(5)]
    to_pass(2, days[1])
    assert reached_at(store.raw, paper) == {1: days[1], 2: days[1]}
    to_pass(3, days[2])
    assert reached_at(store.raw, paper) == {1: days[1], 2: days[1], 3: days[2]}
    to_pass(1, days[3])  # a pass taken back is forgotten
    assert reached_at(store.raw, paper) == {1: days[1]}
    # Undo brings the dates back with the pass.
    history = History(store)
    _, step = history.run(lambda: set_reading_pass(store, paper, 3, now=days[4]))
    assert step is not None and reached_at(store.raw, paper)[3] == days[4]
    history.undo(step, now=days[4])
    assert get_item(store, paper).reading_pass == 1
    assert reached_at(store.raw, paper) == {1: days[1]}


def test_links_are_replaced_in_order_and_need_a_scheme(store: Store) -> None:
    paper = add(store, "MAE")
    set_links(
        store,
        paper,
        [(" https://arxiv.org/abs/2111.06377 ", "arXiv"), ("file:///home/me/mae.pdf", "")],
        now=LATER,
    )
    assert item_details(store, paper).links == (
        Link("https://arxiv.org/abs/2111.06377", "arXiv"),
        Link("file:///home/me/mae.pdf", ""),
    )
    before = export_data(store, now=NOW)
    for bad in ("arxiv.org/abs/2111.06377", "C:\\papers\\mae.pdf", "", "https:"):
        with pytest.raises(InvalidInput, match="scheme"):
            set_links(store, paper, [("zotero://select/items/ABC", "Zotero"), (bad, "")], now=LATER)
    assert export_data(store, now=NOW) == before
    set_links(store, paper, [], now=LATER)
    assert item_details(store, paper).links == ()


def test_item_details_gathers_everything_about_an_item(store: Store) -> None:
    parent = add(store, "Survey")
    first = add(store, "Section 1", parent)
    second = add(store, "Section 2", parent)  # above the first: newest first
    gone = add(store, "Dropped", parent)
    trash_item(store, gone, now=NOW)
    add(store, "Nested deeper", first)
    move_card(store, parent, Column.TODO, now=NOW, week=WEEK)
    details = item_details(store, parent)
    assert details.record == get_item(store, parent)
    assert [c.id for c in details.children] == [second, first]
    assert details.planned_weeks == (str(WEEK),)
    assert details.links == () and details.pass_notes == {}
    with pytest.raises(NotFound):
        item_details(store, 999)


def test_subtask_progress_in_one_query_for_many_items(store: Store) -> None:
    parent = add(store, "parent")
    done = add(store, "done", parent)
    add(store, "open", parent)
    gone = add(store, "gone", parent)
    add(store, "grandchild", done)  # not a direct child of parent
    set_completed(store, done, True, now=NOW)
    trash_item(store, gone, now=NOW)
    lone = add(store, "lone")
    many = [add(store, f"p{n}") for n in range(300)]
    for p in many[:150]:
        add(store, "child", p)

    statements: list[str] = []
    store.raw.set_trace_callback(statements.append)
    try:
        progress = subtask_progress(store, [parent, lone, 999, *many])
    finally:
        store.raw.set_trace_callback(None)
    assert len(statements) == 1
    assert progress[parent] == (1, 2)
    assert progress[lone] == (0, 0) and progress[999] == (0, 0)
    assert done not in progress
    assert [progress[p] for p in many[149:151]] == [(0, 1), (0, 0)]
    assert subtask_progress(store, []) == {}
