"""The backlog's filtered pages: reading the display order and the full-text index
must give the same items, in the same order, page after page."""

from __future__ import annotations

import pytest

from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.store import backlog_query
from app.store.backlog_query import BacklogFilter, filtered_ids
from app.store.db import Store
from tests.conftest import NOW

WORDS = ("masked", "Autoencoder", "contrastive", "论文", "自监督学习", "Über", "über", "梯度")


@pytest.fixture
def filled(store: Store) -> Store:
    for n in range(400):
        words = " ".join(WORDS[(n * k) % len(WORDS)] for k in (1, 3))
        notes = f"notes {WORDS[n % 5]} {n}" if n % 4 == 0 else ""
        create_item(store, ItemDraft(title=f"{words} {n}", notes=notes), now=NOW)
    return store


def through_index(store: Store, f: BacklogFilter, limit: int, offset: int) -> list[int]:
    where, params = backlog_query._conditions(f)
    sql = (
        f"SELECT i.id FROM items i WHERE {' AND '.join(where)}"
        " ORDER BY i.position, i.id LIMIT ? OFFSET ?"
    )
    return [row[0] for row in store.raw.execute(sql, [*params, limit, offset])]


QUERIES = ("m", "mas", "MASKED", "auto 1", "论文", "论", "自监督 3", "über", "Über", "梯度 7", "z")


@pytest.mark.parametrize("budget", [50, 2000])
@pytest.mark.parametrize("text", QUERIES)
def test_reading_the_order_matches_the_index(
    filled: Store, monkeypatch: pytest.MonkeyPatch, text: str, budget: int
) -> None:
    monkeypatch.setattr(backlog_query, "SCAN_BUDGET", budget)
    f = BacklogFilter(text=text)
    for offset in (0, 30, 90):
        assert filtered_ids(filled.raw, f, limit=31, offset=offset) == through_index(
            filled, f, 31, offset
        ), (text, offset)


def test_common_words_are_found_without_the_index(filled: Store) -> None:
    assert backlog_query._scan_display_order(filled.raw, BacklogFilter(text="mas"), 20)
    # A word rarer than the budget allows, or one with non-ASCII capitals, uses the index.
    assert backlog_query._scan_display_order(filled.raw, BacklogFilter(text="zzz"), 20) is None
    assert backlog_query._scan_display_order(filled.raw, BacklogFilter(text="Über"), 20) is None


def test_a_match_comes_with_every_item_above_it(store: Store) -> None:
    def add(title: str, parent: int | None = None) -> int:
        return create_item(store, ItemDraft(title=title, parent_id=parent), now=NOW)[0].id

    thesis = add("Thesis")
    chapter = add("Chapter", thesis)
    figure = add("Figure", chapter)
    loose = add("Loose")
    found = backlog_query.with_ancestors(store.raw, [figure, loose])
    assert {(n.id, n.parent_id) for n in found} == {
        (figure, chapter), (chapter, thesis), (thesis, None), (loose, None),
    }  # fmt: skip
    # The climb stops below a parent in the trash: what is under it has no parent shown.
    with store.raw_write() as conn:
        conn.execute("UPDATE items SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?", (thesis,))
    assert {n.id for n in backlog_query.with_ancestors(store.raw, [figure])} == {figure, chapter}
    assert backlog_query.with_ancestors(store.raw, []) == []
