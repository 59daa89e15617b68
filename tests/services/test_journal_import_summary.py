"""The words for what a journal import found and did, shared by the import dialog and
`rizhi import markdown`: counts, what is added and what was there, dates to check."""

from __future__ import annotations

from datetime import date

from app.domain.journal.parse import Anomaly, parse_journal
from app.services.journal_import import import_journal
from app.services.journal_import_summary import (
    ANOMALY_COLUMNS,
    ImportReport,
    anomaly_lines,
    anomaly_row,
    covered_span,
    dates_to_check,
    found_counts,
    nothing_new,
    outcome_sentences,
    placed_text,
)
from app.store.db import Store
from tests.conftest import NOW

NONE = {"entries": 0, "notes": 0, "units": 0, "items": 0, "categories": 0}
OUT_OF_SEQUENCE = Anomaly(
    3, "2012-12-09 Summer", date(2021, 12, 9), "2012-12-09 is out of sequence"
)
UNPLACED = Anomaly(7, "2021-13-40", None, "there is no month 13")


def report(
    *,
    dry_run: bool = False,
    added: dict[str, int] | None = None,
    skipped: dict[str, int] | None = None,
    units: int = 0,
    items: int = 0,
    anomalies: tuple[Anomaly, ...] = (),
    notices: tuple[str, ...] = (),
) -> ImportReport:
    return ImportReport(
        source="/home/ada/log.md",
        dry_run=dry_run,
        direction="oldest first",
        days=1,
        ranges=0,
        entries=2,
        notes=1,
        units=units,
        items=items,
        added=NONE | (added or {}),
        skipped={"entries": 0, "notes": 0, "units": 0} | (skipped or {}),
        anomalies=anomalies,
        notices=notices,
    )


def test_what_the_journal_holds() -> None:
    assert found_counts(report()) == ["1 day", "0 ranges", "2 entries", "1 note", "0 units"]
    with_units = report(units=2, items=3)
    assert found_counts(with_units)[4:] == ["2 units", "3 backlog items"]
    assert found_counts(with_units, goals=1)[4] == "2 units with 1 goal"
    assert found_counts(report(), goals=0)[4] == "0 units"  # no unit to have goals


def test_dates_to_check_are_counted() -> None:
    assert dates_to_check(report()) == "0 dates to check"
    assert dates_to_check(report(anomalies=(OUT_OF_SEQUENCE,))) == "1 date to check"


def test_what_a_dry_run_would_add_and_an_import_added() -> None:
    new = {"entries": 2, "units": 1}
    assert outcome_sentences(report(dry_run=True, added=new)) == ["Would add 2 entries, 1 unit."]
    assert outcome_sentences(report(added=new, skipped={"notes": 1})) == [
        "Added 2 entries, 1 unit.",
        "Already in your log, kept as they are: 1 note.",
    ]
    assert not nothing_new(report(added={"categories": 1}))


def test_a_journal_already_imported_and_one_with_nothing_to_import() -> None:
    again = report(skipped={"entries": 2, "notes": 1})
    assert nothing_new(again)
    assert outcome_sentences(again) == [
        "Already imported: everything in this file is in your log (2 entries, 1 note). "
        "Importing it again changes nothing."
    ]
    assert outcome_sentences(report(dry_run=True)) == [
        "Nothing to import: the file holds no dated entries, notes or units."
    ]


def test_notices_follow_what_importing_does() -> None:
    notice = "The front matter (lines 1 to 3) is not valid YAML."
    added = report(added={"entries": 2}, notices=(notice,))
    assert outcome_sentences(added) == ["Added 2 entries.", notice]
    again = report(skipped={"entries": 2}, notices=(notice,))
    assert outcome_sentences(again)[1:] == [notice]
    assert added.to_dict()["notices"] == [notice]
    assert report().to_dict()["notices"] == []


def test_dates_to_check_with_the_day_they_go_on_and_why() -> None:
    assert placed_text(OUT_OF_SEQUENCE) == "2021-12-09"
    assert placed_text(UNPLACED) == "not placed"
    assert anomaly_row(UNPLACED) == ("7", "2021-13-40", "not placed", "there is no month 13")
    assert len(ANOMALY_COLUMNS) == len(anomaly_row(UNPLACED))
    assert anomaly_lines(report()) == []
    assert anomaly_lines(report(anomalies=(OUT_OF_SEQUENCE, UNPLACED))) == [
        "2 dates to check (line, as written, placed on, why):",
        "  line 3: '2012-12-09 Summer' -> 2021-12-09: 2012-12-09 is out of sequence",
        "  line 7: '2021-13-40' -> not placed: there is no month 13",
    ]


def test_the_words_for_a_real_import_and_its_repeat(store: Store) -> None:
    text = "## 2021-12-08\n- a\n## 2012-12-09 Summer\n- b\n## 2021-12-10\n- c\n"
    parsed = parse_journal(text, year_hint=NOW.year)
    preview, _ = import_journal(store, parsed, now=NOW, dry_run=True)
    assert found_counts(preview) == ["3 days", "0 ranges", "3 entries", "0 notes", "0 units"]
    assert outcome_sentences(preview) == ["Would add 3 entries."]
    assert anomaly_lines(preview)[1].startswith("  line 3: '2012-12-09 Summer' -> 2021-12-09:")
    import_journal(store, parsed, now=NOW)
    repeat, _ = import_journal(store, parsed, now=NOW)
    assert outcome_sentences(repeat) == [
        "Already imported: everything in this file is in your log (3 entries). "
        "Importing it again changes nothing."
    ]


def test_the_report_carries_the_days_the_journal_covers(store: Store) -> None:
    # Newest first, the latest day being a range's last: the window's Log opens there.
    text = "## 2021-03-02 ~ 2021-03-04\n- c\n## 2021-03-01\n- b\n## 2019-11-04\n- a\n"
    parsed = parse_journal(text, year_hint=NOW.year)
    preview, _ = import_journal(store, parsed, now=NOW, dry_run=True)
    assert (preview.first_day, preview.last_day) == (date(2019, 11, 4), date(2021, 3, 4))
    done, _ = import_journal(store, parsed, now=NOW)
    assert (done.first_day, done.last_day) == (preview.first_day, preview.last_day)
    assert (done.to_dict()["first_day"], done.to_dict()["last_day"]) == (
        "2019-11-04",
        "2021-03-04",
    )
    assert covered_span(parse_journal("no dates here\n").entries) == (None, None)
