"""Property tests through a real store: any text with a dated day or unit imports
without an error and loses no line, and any other text is refused with nothing written;
importing it again adds nothing; export then import into an empty store gives the same
days and entries, and importing that export into the first store adds nothing."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from app.domain.errors import InvalidInput
from app.domain.journal.dates import read_date_line, unescape_date_line
from app.domain.journal.parse import parse_journal, split_lines
from app.services.journal_export import export_markdown
from app.services.journal_import import import_journal
from app.store.db import Store
from tests.conftest import NOW
from tests.domain.test_journal_fuzz import journals

SETTINGS = settings(
    deadline=None,
    database=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store file; each example works on a copy (migrating is slow)."""
    folder = tmp_path_factory.mktemp("template")
    Store.open(folder / "rizhi.sqlite3", folder / "backups").close()
    return folder / "rizhi.sqlite3"


@contextmanager
def fresh_store(template: Path) -> Iterator[Store]:
    folder = Path(tempfile.mkdtemp(prefix="rizhi-journal-"))
    try:
        shutil.copy(template, folder / "rizhi.sqlite3")
        store = Store.open(folder / "rizhi.sqlite3", folder / "backups")
        try:
            yield store
        finally:
            store.close()
    finally:
        shutil.rmtree(folder)


def import_text(store: Store, text: str) -> dict[str, int]:
    report, _ = import_journal(store, parse_journal(text, year_hint=NOW.year), now=NOW)
    return dict(report.added)


def dated(text: str) -> bool:
    """Whether `text` holds a dated day or a unit: what makes it a journal to import."""
    parsed = parse_journal(text, year_hint=NOW.year)
    return bool(parsed.entries) or any(unit.start is not None for unit in parsed.units)


def stored_rows(store: Store) -> int:
    tables = ("log_entries", "journal_notes", "study_units", "items")
    return sum(store.raw.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)


def log(store: Store) -> list[tuple[str, str | None, str, str, int]]:
    return store.raw.execute(
        "SELECT day, end_day, heading, body, position FROM log_entries ORDER BY day, position"
    ).fetchall()


@SETTINGS
@given(journals)
def test_any_text_imports_and_loses_no_line(template: Path, text: str) -> None:
    with fresh_store(template) as store:
        if not dated(text):
            with pytest.raises(InvalidInput, match="no dated day headings"):
                import_text(store, text)
            assert stored_rows(store) == 0
            return
        added = import_text(store, text)
        bodies = [r[0] for r in store.raw.execute("SELECT body FROM log_entries")]
        bodies += [r[0] for r in store.raw.execute("SELECT body FROM journal_notes")]
        kept = {line for body in bodies for line in body.split("\n")}
        headings = {r[0] for r in store.raw.execute("SELECT heading FROM log_entries")}
        for line in split_lines(text):
            if not line.strip() or line in kept or unescape_date_line(line) in kept:
                continue
            found = read_date_line(line)
            assert found is not None, f"lost: {line!r}"
            assert found.title in headings or found.content in headings, line
        assert import_text(store, text) == dict.fromkeys(added, 0)
        check = store.raw.execute("PRAGMA integrity_check").fetchone()
        assert check == ("ok",)


@SETTINGS
@given(journals)
def test_import_export_import_is_stable(template: Path, text: str) -> None:
    if not parse_journal(text, year_hint=NOW.year).entries:
        return  # refused (the test above), or units only: an empty log to export
    with fresh_store(template) as first:
        import_text(first, text)
        exported, _ = export_markdown(first, now=NOW)
        with fresh_store(template) as second:
            import_text(second, exported)
            assert log(second) == log(first)
            again, _ = export_markdown(second, now=NOW)
            assert again == exported
        before = log(first)
        assert import_text(first, exported)["entries"] == 0
        assert log(first) == before
