"""Importing Markdown journals: the two sample logs, re-imports, dry runs, progress,
anomalies, units, the preamble as backlog items, and all-or-nothing writes."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.domain.journal.dates import read_date_line
from app.domain.journal.parse import parse_journal, split_lines
from app.services.journal_export import export_markdown
from app.services.journal_import import import_file, import_journal
from app.services.journal_import_summary import ImportReport
from app.services.log_entries import edit_entry
from app.store.db import Store
from tests.conftest import NOW

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "journals"
THESIS_LOG = FIXTURES / "002_8eea454c8e736472.txt"
UNITS_LOG = FIXTURES / "003_9d14d34ebda6bddb.txt"
TYPOS = (
    "# Lab notebook\n"
    "## 2021-12-07\n- a\n## 2021-12-08\n- b\n## 2012-12-09 Summer workshop\n- c\n"
    "## 2021-12-10\n- d\n## 2021-1211\n- e\n## 2021-12-12\n- f\n"
)


def entries(store: Store) -> list[tuple[str, str | None, str, str]]:
    return store.raw.execute(
        "SELECT day, end_day, heading, body FROM log_entries ORDER BY day, position"
    ).fetchall()


def count(store: Store, table: str) -> int:
    return int(store.raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def import_text(store: Store, text: str, **options: bool) -> ImportReport:
    report, _ = import_journal(store, parse_journal(text, year_hint=NOW.year), now=NOW, **options)
    return report


def assert_no_line_lost(store: Store, path: Path) -> None:
    """Every non-blank line of the file is in the log or a note: a date line as its
    entry's day and heading, any other line verbatim."""
    bodies = [row[0] for row in store.raw.execute("SELECT body FROM log_entries")]
    bodies += [row[0] for row in store.raw.execute("SELECT body FROM journal_notes")]
    kept = {line for body in bodies for line in body.split("\n")}
    headings = set(store.raw.execute("SELECT day, heading FROM log_entries").fetchall())
    for line in split_lines(path.read_text(encoding="utf-8")):
        if not line.strip() or line in kept:
            continue
        found = read_date_line(line)
        assert found is not None, f"lost: {line!r}"
        assert any(found.title == heading for _, heading in headings), line


def test_the_thesis_log(store: Store) -> None:
    report, changes = import_file(store, THESIS_LOG, now=NOW)
    assert (report.days, report.ranges, report.entries, report.notes, report.units) == (
        18,
        1,
        18,
        1,
        0,
    )
    assert report.anomalies == ()
    assert report.direction == "oldest first"
    assert report.added == {"entries": 18, "notes": 1, "units": 0, "items": 0, "categories": 0}
    assert report.source == str(THESIS_LOG)
    assert changes.log and not changes.units and not changes.items
    rows = entries(store)
    assert [row[0] for row in rows][:3] == ["2019-11-04", "2019-11-05", "2019-11-06"]
    assert rows[-1][0] == "2019-11-29"
    assert [row for row in rows if row[1]] == [
        (
            "2019-11-06",
            "2019-11-08",
            "",
            rows[2][3],
        )
    ]
    assert rows[2][3].startswith("- Met up with Patrick for the first time.")
    assert "##### Meeting patrick:" in dict((r[0], r[3]) for r in rows)["2019-11-13"]
    title, body, source = store.raw.execute(
        "SELECT title, body, source FROM journal_notes"
    ).fetchone()
    assert title == "LOG"
    assert body.split("\n") == [
        "# **LOG**",
        '<body onLoad="window.scrollBy(0, window.height)">',
        "## **Exploration**-stage",
    ]
    assert source == str(THESIS_LOG)
    assert count(store, "log_days") == 18
    assert_no_line_lost(store, THESIS_LOG)


def test_the_study_units_log(store: Store) -> None:
    report, changes = import_file(store, UNITS_LOG, now=NOW)
    assert (report.days, report.ranges, report.entries, report.notes, report.units) == (
        7,
        0,
        8,
        1,
        1,
    )
    assert report.anomalies == ()
    assert changes.units and changes.log
    days = [row[0] for row in entries(store)]
    assert days == [
        "2022-02-01",
        "2022-02-02",
        "2022-02-03",
        "2022-02-04",
        "2022-02-05",
        "2022-02-05",
        "2022-02-06",
        "2022-02-27",
    ]
    first, second = [row[3] for row in entries(store) if row[0] == "2022-02-05"]
    assert first.startswith("- Trained some toy models")
    assert second.startswith("- Second half of [NYU 6L]")
    unit = store.raw.execute("SELECT number, title, start_date, days FROM study_units").fetchone()
    assert unit == (1, "Unit 1: 2-01 to 2-10", "2022-02-01", 10)
    goals = store.raw.execute(
        "SELECT c.name, g.target, g.stretch, g.description FROM unit_goals g"
        " JOIN goal_categories c ON c.id = g.category_id ORDER BY g.position"
    ).fetchall()
    # The introduction: "at least 2-3 papers, 3 lectures, 1 section in the math ... textbook".
    assert goals == [
        ("Lectures", 3, None, "Watch weeks 5-6 of [NYU]"),
        ("Papers", 2, 3, ""),
        ("Math", 1, None, "[2. Linear Algebra ]"),
        ("Coding", 1, None, "Canoodling with machine translation"),
    ]
    assert report.added["categories"] == 0  # "Lecture" is the existing "Lectures"
    note = store.raw.execute("SELECT title, body FROM journal_notes").fetchone()
    assert note[0] == "February, 2022: A Lost ~~Ark~~ Month"
    assert "Unit 1: 2-01 to 2-10" in note[1].split("\n")
    assert_no_line_lost(store, UNITS_LOG)


@pytest.mark.parametrize("path", [THESIS_LOG, UNITS_LOG])
def test_importing_the_same_file_again_changes_nothing(store: Store, path: Path) -> None:
    first, _ = import_file(store, path, now=NOW)
    before = {t: count(store, t) for t in ("log_entries", "log_days", "journal_notes")}
    before["study_units"] = count(store, "study_units")
    again, changes = import_file(store, path, now=NOW)
    after = {t: count(store, t) for t in before}
    assert after == before
    assert changes.empty
    assert again.added == {"entries": 0, "notes": 0, "units": 0, "items": 0, "categories": 0}
    assert again.skipped == {
        "entries": first.entries,
        "notes": first.notes,
        "units": first.units,
    }


def test_a_dry_run_reports_the_same_and_writes_nothing(store: Store) -> None:
    dry, changes = import_file(store, UNITS_LOG, now=NOW, dry_run=True)
    assert dry.dry_run and changes.empty
    assert count(store, "log_entries") == count(store, "journal_notes") == 0
    assert count(store, "study_units") == 0
    real, _ = import_file(store, UNITS_LOG, now=NOW)
    assert dry._replace(dry_run=False) == real
    again, _ = import_file(store, UNITS_LOG, now=NOW, dry_run=True)
    assert again.added["entries"] == 0 and again.skipped["entries"] == 8


@pytest.mark.parametrize("dry_run", [False, True])
def test_progress_is_reported_up_to_the_total(store: Store, dry_run: bool) -> None:
    calls: list[tuple[int, int]] = []
    text = THESIS_LOG.read_text(encoding="utf-8") * 30  # 540 entries, many the same day
    report = import_text(store, text, dry_run=dry_run, progress=lambda d, t: calls.append((d, t)))
    total = report.added["entries"] + report.added["notes"]
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    if not dry_run:
        assert len(calls) > 2  # a bar that moves


def test_typos_are_placed_flagged_and_stored_with_their_anomaly(store: Store) -> None:
    report = import_text(store, TYPOS)
    assert [(a.line, a.original, a.suggested) for a in report.anomalies] == [
        (6, "2012-12-09 Summer workshop", date(2021, 12, 9)),
        (10, "2021-1211", date(2021, 12, 11)),
    ]
    stored = store.raw.execute(
        "SELECT day, heading, anomaly FROM log_entries WHERE anomaly IS NOT NULL ORDER BY day"
    ).fetchall()
    assert [(day, heading) for day, heading, _ in stored] == [
        ("2021-12-09", "2012-12-09 Summer workshop"),
        ("2021-12-11", "2021-1211"),
    ]
    first = json.loads(stored[0][2])
    assert first == {
        "line": 6,
        "original": "2012-12-09 Summer workshop",
        "suggested": "2021-12-09",
        "reason": "2012-12-09 is out of sequence between 2021-12-08 and 2021-12-10",
    }
    # A flagged heading does not name its day.
    titles = dict(store.raw.execute("SELECT day, title FROM log_days").fetchall())
    assert titles["2021-12-09"] == ""


def test_an_edited_entry_survives_a_re_import(store: Store) -> None:
    import_file(store, UNITS_LOG, now=NOW)
    entry_id = store.raw.execute("SELECT id FROM log_entries WHERE day = '2022-02-27'").fetchone()[
        0
    ]
    edit_entry(store, entry_id, now=NOW, body="my corrected reflection")
    report, _ = import_file(store, UNITS_LOG, now=NOW)
    assert report.added["entries"] == 0
    body = store.raw.execute("SELECT body FROM log_entries WHERE id = ?", (entry_id,)).fetchone()
    assert body == ("my corrected reflection",)


def test_an_export_of_the_log_imports_into_the_same_store_as_nothing_new(store: Store) -> None:
    import_file(store, THESIS_LOG, now=NOW)
    import_text(store, "## 2019-12-02 written by hand\n- [TODO] plan\n")
    text, _ = export_markdown(store, now=NOW)
    before = entries(store)
    report = import_text(store, text)
    assert report.added["entries"] == 0
    assert report.skipped["entries"] == 19
    assert entries(store) == before


def test_identical_entries_in_one_file_stay_two(store: Store) -> None:
    report = import_text(store, "## 2021-06-12\n- same\n## 2021-06-12\n- same\n")
    assert report.added["entries"] == 2
    assert (
        import_text(store, "## 2021-06-12\n- same\n## 2021-06-12\n- same\n").added["entries"] == 0
    )
    # A third copy in a longer file is new.
    third = import_text(store, "## 2021-06-12\n- same\n" * 3)
    assert (third.added["entries"], third.skipped["entries"]) == (1, 2)


def test_entries_join_the_end_of_a_day_that_has_entries(store: Store) -> None:
    import_text(store, "## 2021-06-12\n- first\n")
    import_text(store, "## 2021-06-12\n- second\n")
    rows = store.raw.execute(
        "SELECT body, position FROM log_entries WHERE day = '2021-06-12' ORDER BY position"
    ).fetchall()
    assert rows == [("- first", 0), ("- second", 1)]


def test_front_matter_is_kept_as_a_note_with_metadata(store: Store) -> None:
    text = "---\ntitle: Research log\ntags: [phd]\n---\n## 2021-06-12\n- a\n"
    report = import_text(store, text)
    assert report.notes == 1
    title, body, meta = store.raw.execute("SELECT title, body, meta FROM journal_notes").fetchone()
    assert title == "Research log"
    assert body == "---\ntitle: Research log\ntags: [phd]\n---"
    assert json.loads(meta) == {"title": "Research log", "tags": ["phd"]}


def test_front_matter_values_are_read_as_yaml(store: Store) -> None:
    text = "---\ntitle: 日志\ntags:  #标签\n- private\n---\n## 2021-06-12\n- a\n"
    import_text(store, text)
    body, meta = store.raw.execute("SELECT body, meta FROM journal_notes").fetchone()
    assert body == "---\ntitle: 日志\ntags:  #标签\n- private\n---"
    assert json.loads(meta) == {"title": "日志", "tags": ["private"]}


def test_front_matter_that_is_not_yaml_is_kept_as_text_and_reported(store: Store) -> None:
    text = "---\ntitle: Log\nsummary: a: b\n---\n## 2021-06-12\n- a\n"
    report = import_text(store, text)
    assert report.added["notes"] == 1 and report.added["entries"] == 1
    (notice,) = report.notices
    assert notice == (
        "The front matter (lines 1 to 4) is not valid YAML at line 3, column 11 (mapping "
        "values are not allowed here). Its text is kept as written, in a note; its values "
        "are not read."
    )
    title, body, meta = store.raw.execute("SELECT title, body, meta FROM journal_notes").fetchone()
    assert (title, body, json.loads(meta)) == (
        "Front matter",
        "---\ntitle: Log\nsummary: a: b\n---",
        {},
    )


def test_the_preamble_as_backlog_items(store: Store) -> None:
    text = (
        "# TODO\n"
        "## Today\n- [ ] read the MAE paper #paper !high\n  - take notes on masking\n"
        "- [x] send the draft\n"
        "## ShortTerm\n- finish ablations due whenever\n- ~~old idea~~\n"
        "## LongTerm\n1. submit to NeurIPS\n"
        "Some words in between\n\n"
        "## 2021-06-12\n- a\n"
    )
    report, changes = import_journal(store, parse_journal(text), now=NOW, preamble_as_items=True)
    assert report.items == 5
    rows = store.raw.execute(
        "SELECT i.id, i.title, i.kind, i.priority, i.horizon, i.completed_at IS NOT NULL,"
        " (SELECT title FROM items p WHERE p.id = i.parent_id) FROM items i"
        " ORDER BY i.parent_id IS NOT NULL, i.position"
    ).fetchall()
    assert [row[1:] for row in rows] == [
        ("read the MAE paper", "paper", 3, "week", False, None),
        ("send the draft", "task", 0, "week", True, None),
        ("finish ablations due whenever", "task", 0, "short", False, None),
        ("submit to NeurIPS", "task", 0, "long", False, None),
        ("take notes on masking", "task", 0, "week", False, "read the MAE paper"),
    ]
    assert changes.items == frozenset(row[0] for row in rows)
    body, meta = store.raw.execute("SELECT body, meta FROM journal_notes").fetchone()
    assert body == (
        "# TODO\n## Today\n## ShortTerm\n- ~~old idea~~\n## LongTerm\nSome words in between"
    )
    assert sorted(json.loads(meta)["items"]) == sorted(changes.items)
    again, _ = import_journal(store, parse_journal(text), now=NOW, preamble_as_items=True)
    assert again.added["items"] == 0 and count(store, "items") == 5


def test_code_in_the_preamble_stays_in_the_note(store: Store) -> None:
    text = (
        "## Today\n"
        "- run the sweep with `--mark [DONE]` off\n"
        "```bash\n# rerun\n- not an item\n```\n"
        "- check results\n"
        "## 2021-06-12\n- a\n"
    )
    report, _ = import_journal(store, parse_journal(text), now=NOW, preamble_as_items=True)
    rows = store.raw.execute(
        "SELECT title, horizon, completed_at IS NOT NULL FROM items ORDER BY position"
    ).fetchall()
    assert rows == [
        ("run the sweep with `--mark [DONE]` off", "week", False),
        ("check results", "week", False),
    ]
    assert report.items == 2
    (body,) = store.raw.execute("SELECT body FROM journal_notes").fetchone()
    assert body == "## Today\n```bash\n# rerun\n- not an item\n```"


def units(store: Store) -> list[tuple[int, str, str, int]]:
    return store.raw.execute(
        "SELECT number, title, start_date, days FROM study_units ORDER BY number"
    ).fetchall()


def test_a_unit_whose_number_exists_on_other_days_takes_the_next_free_number(
    store: Store,
) -> None:
    for number, start in ((1, "2022-01-01"), (2, "2022-01-11")):
        store.raw.execute(
            "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
            " VALUES (?, ?, 'mine', ?, 10, '')",
            (f"u-{number}", number, start),
        )
    dry, _ = import_file(store, UNITS_LOG, now=NOW, dry_run=True)
    report, changes = import_file(store, UNITS_LOG, now=NOW)
    assert dry._replace(dry_run=False) == report
    assert report.added["units"] == 1 and report.skipped["units"] == 0
    assert report.notices == (
        "Unit 1 (line 3, 2022-02-01 to 2022-02-10) is imported as unit 3: "
        "unit 1 is already on other days (2022-01-01 to 2022-01-10).",
    )
    assert units(store) == [
        (1, "mine", "2022-01-01", 10),
        (2, "mine", "2022-01-11", 10),
        (3, "Unit 3: 2-01 to 2-10", "2022-02-01", 10),
    ]
    assert len(changes.units) == 1
    goals = store.raw.execute(
        "SELECT COUNT(*) FROM unit_goals g JOIN study_units u ON u.id = g.unit_id"
        " WHERE u.number = 3"
    ).fetchone()
    assert goals == (4,)
    # Importing it again finds the unit on its days, under its new number.
    again, _ = import_file(store, UNITS_LOG, now=NOW)
    assert again.added["units"] == 0 and again.skipped["units"] == 1
    assert again.notices == () and again.anomalies == ()
    assert len(units(store)) == 3


def test_a_renumbered_unit_leaves_the_numbers_the_journal_uses_to_its_units(
    store: Store,
) -> None:
    store.raw.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
        " VALUES ('u-1', 1, 'mine', '2022-01-01', 10, '')"
    )
    text = "Unit 1: 2-01 to 2-10\nUnit 2: 2-11 to 2-20\n## 2022-02-01\n- a\n"
    report = import_text(store, text)
    assert report.added["units"] == 2
    assert [row[:3] for row in units(store)] == [
        (1, "mine", "2022-01-01"),
        (2, "Unit 2: 2-11 to 2-20", "2022-02-11"),
        (3, "Unit 3: 2-01 to 2-10", "2022-02-01"),
    ]
    assert [notice.split(":")[0] for notice in report.notices] == [
        "Unit 1 (line 1, 2022-02-01 to 2022-02-10) is imported as unit 3"
    ]


@pytest.mark.parametrize("number", [1, 7])
def test_a_unit_on_the_same_days_is_present_whatever_its_number(store: Store, number: int) -> None:
    store.raw.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
        " VALUES ('u', ?, 'mine', '2022-02-01', 10, '')",
        (number,),
    )
    report, _ = import_file(store, UNITS_LOG, now=NOW)
    assert report.skipped["units"] == 1 and report.added["units"] == 0
    assert report.notices == () and report.anomalies == ()
    assert units(store) == [(number, "mine", "2022-02-01", 10)]


def test_a_unit_sharing_days_with_another_is_reported_not_imported(store: Store) -> None:
    store.raw.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
        " VALUES ('u-5', 5, 'mine', '2022-02-05', 10, '')"
    )
    report, _ = import_file(store, UNITS_LOG, now=NOW)
    assert report.added["units"] == 0
    (anomaly,) = report.anomalies
    assert (anomaly.line, anomaly.original, anomaly.suggested) == (3, "Unit 1: 2-01 to 2-10", None)
    assert "share days with unit 5" in anomaly.reason
    assert count(store, "log_entries") == 8  # the rest is imported


def test_a_goal_in_a_new_category_adds_the_category(store: Store) -> None:
    text = "Unit 3: 3-01 to 3-10\n- Reading: 4 books\n- Papers: two\n## 2022-03-01\n- a\n"
    report = import_text(store, text)
    assert report.added["categories"] == 1
    name, color, position = store.raw.execute(
        "SELECT name, color, position FROM goal_categories ORDER BY position DESC"
    ).fetchone()
    assert (name, position) == ("Reading", 4)
    assert color.startswith("#")
    goals = store.raw.execute(
        "SELECT c.name, g.target FROM unit_goals g JOIN goal_categories c ON c.id = g.category_id"
        " ORDER BY g.position"
    ).fetchall()
    assert goals == [("Reading", 4), ("Papers", 1)]


def test_a_failure_while_writing_leaves_nothing_behind(store: Store) -> None:
    store.raw.execute(
        "CREATE TRIGGER no_notes BEFORE INSERT ON journal_notes"
        " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        import_file(store, UNITS_LOG, now=NOW)
    assert count(store, "log_entries") == count(store, "log_days") == 0
    assert count(store, "study_units") == 0


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "just some thoughts\n\n- a list\n",
        "---\ntitle: A post\n---\nNo dates here.\n",
        "    ## 2021-06-12 (indented: code)\n- 2021-06-13 a list item\n",
    ],
)
def test_a_journal_with_no_dated_day_is_refused(store: Store, text: str, dry_run: bool) -> None:
    with pytest.raises(InvalidInput, match="has no dated day headings, so nothing was imported"):
        import_journal(store, parse_journal(text), now=NOW, source="notes.md", dry_run=dry_run)
    assert count(store, "journal_notes") == count(store, "log_entries") == 0


def test_units_without_entries_are_a_journal(store: Store) -> None:
    report = import_text(store, "Unit 4: 3-01 to 3-10\n- Papers: 2 papers\n")
    assert report.added["units"] == 1


def test_files_that_cannot_be_read(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Cannot read"):
        import_file(store, tmp_path / "missing.md", now=NOW)
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"## 2021-06-12\n- caf\xe9\n")
    with pytest.raises(InvalidInput, match=r"not UTF-8 text \(line 2"):
        import_file(store, latin, now=NOW)
    assert count(store, "log_entries") == 0


def test_a_byte_order_mark_and_windows_line_endings(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes("\ufeff## 2021-06-12\r\n- 读论文\r\n".encode())
    report, _ = import_file(store, path, now=NOW)
    assert report.entries == 1
    assert entries(store) == [("2021-06-12", None, "", "- 读论文")]
