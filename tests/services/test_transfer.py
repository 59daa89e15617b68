from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import Column, ItemKind
from app.domain.errors import InvalidInput
from app.domain.weeks import Week
from app.services.backups import backup, restore
from app.services.board import move_card
from app.services.items import create_item, list_items, trash_item
from app.services.transfer import export_data, export_file, import_data, load_file
from app.store.db import Store
from app.store.formats import utc_text
from app.store.item_rows import ItemQuery
from tests.conftest import NOW

WEEK = Week.of(NOW.date())


def fill(store: Store) -> None:
    parent, _ = create_item(store, ItemDraft(title="Thesis 论文", tags=("thesis",)), now=NOW)
    create_item(
        store, ItemDraft(title="Related work", parent_id=parent.id, kind=ItemKind.NOTE), now=NOW
    )
    paper, _ = create_item(
        store,
        ItemDraft(
            title="MAE", kind=ItemKind.PAPER, tags=("paper", "vision"), due_date=date(2026, 12, 1)
        ),
        now=NOW,
        week=WEEK,
    )
    move_card(store, paper.id, Column.ACTIVE, now=NOW)
    gone, _ = create_item(store, ItemDraft(title="old idea"), now=NOW)
    trash_item(store, gone.id, now=NOW)
    conn = store.raw
    conn.execute(
        "INSERT INTO item_links (item_id, url, title, position) VALUES (?, ?, ?, 0)",
        (paper.id, "https://arxiv.org/abs/2111.06377", "arXiv"),
    )
    conn.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
        " VALUES ('u-1', 1, 'Unit 1', '2022-02-01', 10, '')"
    )
    conn.execute(
        "INSERT INTO unit_goals (uid, unit_id, category_id, description, target, stretch,"
        " adjustment, position) VALUES ('g-1', 1, 2, 'two papers', 2, 3, 0, 0)"
    )
    conn.execute("INSERT INTO goal_items VALUES (1, ?)", (paper.id,))
    conn.execute("INSERT INTO log_days VALUES ('2022-02-01', '')")
    conn.execute(
        "INSERT INTO log_entries (uid, day, body, source, position, created_at, updated_at)"
        " VALUES ('e-1', '2022-02-01', '- watched NYU 5L', 'import', 0, ?, ?)",
        (utc_text(NOW), utc_text(NOW)),  # as the store writes moments
    )


def other_store(tmp_path: Path, name: str) -> Store:
    return Store.open(tmp_path / name / "rizhi.sqlite3", tmp_path / name / "backups")


def test_export_import_export_is_exact(store: Store, tmp_path: Path) -> None:
    fill(store)
    target = tmp_path / "export.json"
    export_file(store, target, now=NOW)
    fresh = other_store(tmp_path, "fresh")
    report, changes = import_data(fresh, load_file(target))
    assert report.exact and changes.everything
    assert export_data(fresh, now=NOW) == export_data(store, now=NOW)
    fresh.close()


def test_import_into_existing_data_merges_without_duplicates(store: Store, tmp_path: Path) -> None:
    fill(store)
    document = export_data(store, now=NOW)
    report, _ = import_data(store, document)  # the same data again
    assert not report.exact
    assert report.added == {}
    assert report.skipped["items"] == 4
    other = other_store(tmp_path, "other")
    create_item(other, ItemDraft(title="already here"), now=NOW)
    report, _ = import_data(other, document)
    assert report.added["items"] == 4
    titles = {r.title: r for r in list_items(other, ItemQuery())}
    assert titles["Related work"].parent_id == titles["Thesis 论文"].id
    assert titles["MAE"].tags == ("paper", "vision")
    assert titles["MAE"].placement is not None
    assert titles["MAE"].placement.column is Column.ACTIVE
    other.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a Rizhi export"),
        ('{"format": "rizhi-export", "version": 99}', "version 99"),
        ('{"format": "rizhi-export", "version": 1, "items": [{"id": 1}]}', "has no 'uid'"),
        ('{"format": "rizhi-export", "version": 1, "items": 3}', "must be a list"),
    ],
)
def test_broken_files_are_refused_with_a_clear_error(
    store: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        load_file(path)


def test_an_inconsistent_import_rolls_back_completely(store: Store, tmp_path: Path) -> None:
    fill(store)
    document = export_data(store, now=NOW)
    document["item_tags"].append({"item_id": 1, "tag_id": 999})  # a tag that does not exist
    fresh = other_store(tmp_path, "fresh")
    with pytest.raises(
        InvalidInput, match=r"item_tags\[3\].*tag_id: the file has no tag with id 999"
    ):
        import_data(fresh, json.loads(json.dumps(document)))
    assert list_items(fresh, ItemQuery()) == []
    fresh.close()


def test_backup_and_restore_round_trip(store: Store, tmp_path: Path) -> None:
    fill(store)
    saved = backup(store, tmp_path / "snapshot.sqlite3", now=NOW)
    before = export_data(store, now=NOW)
    create_item(store, ItemDraft(title="added after the backup"), now=NOW)
    safety, changes = restore(store, saved, now=NOW)
    assert changes.everything and safety.exists()
    assert export_data(store, now=NOW) == before
    # The data that the restore replaced is in the safety backup.
    with sqlite3.connect(safety) as conn:
        titles = [r[0] for r in conn.execute("SELECT title FROM items")]
    assert "added after the backup" in titles


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"hello", "not a SQLite database"), (None, "not a Rizhi database")],
)
def test_restore_refuses_files_that_are_not_rizhi_databases(
    store: Store, tmp_path: Path, content: bytes | None, message: str
) -> None:
    fill(store)
    before = export_data(store, now=NOW)
    path = tmp_path / "wrong.sqlite3"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (x)")
    else:
        path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        restore(store, path, now=NOW)
    assert export_data(store, now=NOW) == before


def test_reading_notes_travel_with_exports_and_merges(store: Store, tmp_path: Path) -> None:
    from app.services.item_details import item_details, set_pass_notes

    fill(store)
    paper = next(r for r in list_items(store, ItemQuery()) if r.title == "MAE")
    set_pass_notes(store, paper.id, 1, "Masked autoencoders: 75% of patches.", now=NOW)
    set_pass_notes(store, paper.id, 2, "Asymmetric encoder-decoder.", now=NOW)
    document = export_data(store, now=NOW)
    assert [(n["pass"], n["item_id"]) for n in document["reading_notes"]] == [
        (1, paper.id),
        (2, paper.id),
    ]
    fresh = other_store(tmp_path, "fresh")
    import_data(fresh, json.loads(json.dumps(document)))
    assert export_data(fresh, now=NOW) == document
    other = other_store(tmp_path, "other")
    create_item(other, ItemDraft(title="already here"), now=NOW)
    report, _ = import_data(other, document)
    assert report.added["reading_notes"] == 2
    merged = next(r for r in list_items(other, ItemQuery()) if r.title == "MAE")
    assert item_details(other, merged.id).pass_notes == {
        1: "Masked autoencoders: 75% of patches.",
        2: "Asymmetric encoder-decoder.",
    }
    fresh.close()
    other.close()


def test_pass_dates_travel_with_exports_and_merges(store: Store, tmp_path: Path) -> None:
    from app.services.item_details import set_reading_pass
    from app.store.reading_passes import reached_at

    fill(store)
    paper = next(r for r in list_items(store, ItemQuery()) if r.title == "MAE")
    set_reading_pass(store, paper.id, 2, now=NOW)
    document = export_data(store, now=NOW)
    assert [(r["item_id"], r["pass"]) for r in document["reading_passes"]] == [
        (paper.id, 1),
        (paper.id, 2),
    ]
    fresh = other_store(tmp_path, "fresh")
    import_data(fresh, json.loads(json.dumps(document)))
    assert export_data(fresh, now=NOW) == document
    other = other_store(tmp_path, "other")
    create_item(other, ItemDraft(title="already here"), now=NOW)
    report, _ = import_data(other, document)
    assert report.added["reading_passes"] == 2
    merged = next(r for r in list_items(other, ItemQuery()) if r.title == "MAE")
    assert reached_at(other.raw, merged.id) == {1: NOW, 2: NOW}
    fresh.close()
    other.close()


def test_an_export_without_pass_dates_gets_them_on_import(store: Store, tmp_path: Path) -> None:
    """An export written before the dates were kept: each pass reached is dated as the
    migration dated them (an open paper: by its last change)."""
    from app.services.item_details import set_reading_pass
    from app.services.item_edits import ItemPatch, edit_item
    from app.store.reading_passes import reached_at

    fill(store)
    paper = next(r for r in list_items(store, ItemQuery()) if r.title == "MAE")
    set_reading_pass(store, paper.id, 2, now=NOW)
    edited = NOW + timedelta(days=3)
    edit_item(store, paper.id, ItemPatch(title="MAE (He et al.)"), now=edited)
    document = export_data(store, now=NOW)
    del document["reading_passes"]
    fresh = other_store(tmp_path, "fresh")
    import_data(fresh, document)
    assert reached_at(fresh.raw, paper.id) == {1: edited, 2: edited}
    fresh.close()


def test_a_goal_without_its_category_is_refused(store: Store, tmp_path: Path) -> None:
    fill(store)
    document = export_data(store, now=NOW)
    document["goal_categories"] = []
    other = other_store(tmp_path, "other")
    create_item(other, ItemDraft(title="already here"), now=NOW)
    with pytest.raises(InvalidInput, match="category"):
        import_data(other, document)
    assert [r.title for r in list_items(other, ItemQuery())] == ["already here"]
    other.close()
