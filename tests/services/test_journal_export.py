"""Exporting the log as Markdown: order, date limits, blog front matter, the file, and
import of an export giving back the same days and entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.domain.journal.parse import parse_journal
from app.services.journal_export import BlogFormat, export_file, export_markdown
from app.services.journal_import import import_file, import_journal
from app.services.log_entries import add_entry
from app.store.db import Store
from tests.conftest import NOW

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "journals"


def rows(store: Store) -> list[tuple[str, str | None, str, str, int]]:
    return store.raw.execute(
        "SELECT day, end_day, heading, body, position FROM log_entries ORDER BY day, position"
    ).fetchall()


def fill(store: Store) -> None:
    add_entry(store, date(2021, 6, 12), "- [DONE] ablations", now=NOW, heading="Summer workshop")
    add_entry(store, date(2021, 6, 12), "- second text of the day", now=NOW)
    add_entry(store, date(2021, 6, 10), "trip", now=NOW, end_day=date(2021, 6, 11))
    add_entry(
        store, date(2021, 6, 14), "- 读论文\n  - 对比学习\n## 2021-06-15 looks like a date", now=NOW
    )


def test_oldest_first_document(store: Store) -> None:
    fill(store)
    text, entries = export_markdown(store, now=NOW)
    assert len(entries) == 4
    assert text == (
        "## 2021-06-10 ~ 2021-06-11\n\ntrip\n\n"
        "## 2021-06-12 Summer workshop\n\n- [DONE] ablations\n\n"
        "## 2021-06-12\n\n- second text of the day\n\n"
        "## 2021-06-14\n\n- 读论文\n  - 对比学习\n\\## 2021-06-15 looks like a date\n"
    )


def test_newest_first_keeps_the_order_within_a_day(store: Store) -> None:
    fill(store)
    text, _ = export_markdown(store, now=NOW, newest_first=True)
    headings = [line for line in text.split("\n") if line.startswith("## ")]
    assert headings == [
        "## 2021-06-14",
        "## 2021-06-12 Summer workshop",
        "## 2021-06-12",
        "## 2021-06-10 ~ 2021-06-11",
    ]


def test_from_and_to_take_entries_overlapping_the_days(store: Store) -> None:
    fill(store)
    _, entries = export_markdown(store, now=NOW, start=date(2021, 6, 11), end=date(2021, 6, 12))
    assert [(e.day.day, e.body) for e in entries] == [
        (10, "trip"),
        (12, "- [DONE] ablations"),
        (12, "- second text of the day"),
    ]
    with pytest.raises(InvalidInput, match="before --from"):
        export_markdown(store, now=NOW, start=date(2021, 6, 12), end=date(2021, 6, 11))


def test_jekyll_and_hugo_posts(store: Store) -> None:
    fill(store)
    jekyll, _ = export_markdown(store, now=NOW, blog=BlogFormat.JEKYLL)
    assert jekyll.startswith(
        '---\nlayout: "post"\ntitle: "Research log, 2021-06-10 to 2021-06-14"\n'
        'date: "2026-11-20 10:00:00 +0800"\n---\n\n## 2021-06-10'
    )
    hugo, _ = export_markdown(store, now=NOW, blog=BlogFormat.HUGO, title="June")
    assert hugo.startswith(
        '---\ntitle: "June"\ndate: "2026-11-20T10:00:00+08:00"\ndraft: false\n---\n\n'
    )
    parsed = parse_journal(hugo)
    assert parsed.front_matter == {
        "title": "June",
        "date": "2026-11-20T10:00:00+08:00",
        "draft": False,
    }
    assert len(parsed.entries) == 4


def test_export_file_replaces_the_file_whole(store: Store, tmp_path: Path) -> None:
    fill(store)
    target = tmp_path / "log.md"
    target.write_text("old", encoding="utf-8")
    report = export_file(store, target, now=NOW)
    assert (report.days, report.entries, report.first, report.last) == (
        3,
        4,
        date(2021, 6, 10),
        date(2021, 6, 14),
    )
    assert target.read_text(encoding="utf-8").startswith("## 2021-06-10")
    assert not (tmp_path / "log.md.partial").exists()
    with pytest.raises(InvalidInput, match="Cannot write"):
        export_file(store, tmp_path / "no" / "such" / "dir.md", now=NOW)


def test_an_empty_log_exports_an_empty_document(store: Store, tmp_path: Path) -> None:
    report = export_file(store, tmp_path / "empty.md", now=NOW)
    assert (report.entries, report.first) == (0, None)
    assert (tmp_path / "empty.md").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("name", ["002_8eea454c8e736472.txt", "003_9d14d34ebda6bddb.txt"])
@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("blog", [None, BlogFormat.JEKYLL])
def test_an_export_imports_back_into_the_same_days_and_entries(
    store: Store, tmp_path: Path, name: str, newest_first: bool, blog: BlogFormat | None
) -> None:
    import_file(store, FIXTURES / name, now=NOW)
    fill(store)
    path = tmp_path / "export.md"
    export_file(store, path, now=NOW, newest_first=newest_first, blog=blog)
    fresh = Store.open(tmp_path / "fresh" / "rizhi.sqlite3", tmp_path / "fresh" / "backups")
    try:
        report, _ = import_file(fresh, path, now=NOW)
        assert report.anomalies == ()
        assert rows(fresh) == rows(store)
        days = "SELECT day FROM log_days ORDER BY day"
        assert fresh.raw.execute(days).fetchall() == store.raw.execute(days).fetchall()
    finally:
        fresh.close()


def test_flagged_entries_export_on_their_placed_day_with_the_original_text(store: Store) -> None:
    text = "## 2021-12-08\na\n## 2012-12-09 Summer\nb\n## 2021-12-10\nc\n"
    import_journal(store, parse_journal(text), now=NOW)
    exported, _ = export_markdown(store, now=NOW)
    assert "## 2021-12-09 2012-12-09 Summer\n\nb\n" in exported
