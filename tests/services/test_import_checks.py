"""An import checks every field of every record, and what ties records together, before
it writes anything: the error names the record and the field."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.domain.errors import InvalidInput
from app.services.item_details import set_pass_notes, set_reading_pass
from app.services.settings import set_settings
from app.services.transfer import TABLES, export_data, import_data, load_file
from app.services.transfer_checks import FIELDS, check_document
from app.store.db import Store
from app.store.formats import utc_text
from app.store.tables import column_names
from tests.cli.support import set_zone
from tests.conftest import NOW
from tests.services.test_transfer import fill, other_store

STAMP = utc_text(NOW)


@pytest.fixture
def document(store: Store) -> dict[str, Any]:
    """An export with a record in every table."""
    fill(store)
    set_pass_notes(store, 3, 1, "patches", now=NOW)
    set_reading_pass(store, 3, 1, now=NOW)
    set_settings(store, {"week.start": "sunday"})
    conn = store.raw
    conn.execute("INSERT INTO unit_review_items VALUES (1, 1, 'carry')")
    conn.execute("UPDATE study_units SET rating = 4, closed_at = ? WHERE id = 1", (STAMP,))
    conn.execute(
        "UPDATE log_entries SET end_day = '2022-02-03', import_key = 'k-1',"
        ' anomaly = \'{"reason": "typo"}\''
    )
    conn.execute(
        "INSERT INTO journal_notes (uid, title, body, meta, source, import_key, created_at)"
        " VALUES ('n-1', 'Preamble', 'text', '{}', 'journal.md', 'p-1', ?)",
        (STAMP,),
    )
    conn.execute("UPDATE tags SET color = '#2563eb' WHERE name = 'paper'")
    conn.execute(
        "INSERT INTO reminders (uid, item_id, anchor, before_minutes, clock, next_fire, state,"
        " snooze_until, created_at) VALUES ('r-1', 1, 'due', 1440, '09:00',"
        " '2026-11-21T09:00', 'snoozed', '2026-11-21T09:00', ?)",
        (STAMP,),
    )
    conn.execute(
        "INSERT INTO repeat_history (item_id, due_date, due_time, outcome, at)"
        " VALUES (1, '2026-11-13', '15:00', 'done', ?)",
        (STAMP,),
    )
    conn.execute("UPDATE items SET repeat_rule = 'FREQ=WEEKLY' WHERE id = 1")
    conn.execute(
        "INSERT INTO time_blocks (uid, day, start_minute, minutes, item_id, title, created_at)"
        " VALUES ('b-1', '2026-11-20', 840, 90, 1, '', ?), ('b-2', '2026-11-20', 900, 60,"
        " NULL, 'Group meeting', ?)",
        (STAMP, STAMP),
    )
    conn.execute(
        "INSERT INTO time_entries (uid, item_id, block_id, started_at, ended_at, source, note,"
        " created_at) VALUES ('e-1', 1, 1, ?, ?, 'pomodoro', '', ?)",
        ("2026-11-20T06:00:00.000000+00:00", "2026-11-20T06:25:00.000000+00:00", STAMP),
    )
    exported = export_data(store, now=NOW)
    assert all(exported[table] for table in TABLES), [t for t in TABLES if not exported[t]]
    return exported


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Store]:
    opened = other_store(tmp_path, "fresh")
    yield opened
    opened.close()


def test_the_rules_cover_every_column_of_every_table(store: Store) -> None:
    assert tuple(FIELDS) == TABLES
    for table in TABLES:
        columns = set(column_names(store.raw, table)) - {"rev"}
        assert {field.name for field in FIELDS[table]} == columns, table


def test_what_the_store_writes_passes(document: dict[str, Any], fresh: Store) -> None:
    check_document(document)
    import_data(fresh, copy.deepcopy(document))
    assert export_data(fresh, now=NOW) == document


BAD_FIELDS = [
    ("items", 0, "created_at", "not a date", "is not a moment as Rizhi keeps it"),
    ("items", 0, "created_at", "2026-11-20T10:00:00", "is not a moment"),
    ("items", 0, "updated_at", "2026-11-20T10:00:00+08:00", "UTC, to the microsecond"),
    ("items", 0, "completed_at", "9999-12-31T23:59:59.999999+00:00", "outside the years"),
    ("items", 0, "deleted_at", "0001-01-01T00:00:00.000000+00:00", "outside the years"),
    ("items", 2, "due_date", "2026-13-45", "is not a date written YYYY-MM-DD"),
    ("items", 2, "due_date", "20261201", "is not a date written YYYY-MM-DD"),
    ("items", 0, "due_time", "25:00", "is not a time of day written HH:MM"),
    ("items", 0, "kind", "book", "is not one of task, idea, paper"),
    ("items", 0, "kind", None, "is not one of"),
    ("items", 0, "priority", 7, "7 is not between 0 and 3"),
    ("time_blocks", 0, "minutes", 0, "0 is not between 1 and 1440"),
    ("time_blocks", 0, "minutes", 700, "would leave the day"),
    ("time_entries", 0, "source", "stopwatch", "is not one of timer"),
    ("time_entries", 0, "ended_at", "2026-11-20T05:00:00.000000+00:00", "ends after it starts"),
    ("items", 0, "priority", True, "true is not a whole number"),
    ("items", 0, "priority", "high", "is not a whole number"),
    ("items", 0, "title", "   ", "The text is empty"),
    ("items", 0, "title", 5, "5 is not text"),
    ("items", 0, "title", ["a"], "is not text"),
    ("items", 0, "notes", "\ud800", "lone surrogate"),
    ("items", 0, "estimate_minutes", 0, "is not between 1"),
    ("items", 0, "horizon", "never", "is not one of week, short"),
    ("items", 0, "reading_pass", 4, "4 is not between 0 and 3"),
    ("items", 0, "target_pass", -1, "is not between 0 and 3"),
    ("items", 0, "position", 2**70, "is not between"),
    ("items", 0, "id", 0, "is not between 1"),
    ("items", 0, "uid", "x" * 37, "at most 36 are kept"),
    ("items", 1, "parent_id", 999, "the file has no item with id 999"),
    ("tags", 0, "color", "blue", "'blue' is not a colour"),
    ("tags", 0, "name", "", "The text is empty"),
    ("item_links", 0, "url", "arxiv.org/abs/2111.06377", "is not a full link"),
    ("item_links", 0, "item_id", 77, "the file has no item with id 77"),
    ("reading_notes", 0, "pass", 0, "is not between 1 and 3"),
    ("board_cards", 0, "week", "2026-W60", "2026 has no week 60"),
    ("board_cards", 0, "week", "2026-w48", "not a week as Rizhi writes it"),
    ("board_cards", 0, "col", "doing", "is not one of todo, active, done"),
    ("board_cards", 0, "carried_over", -1, "is not between 0"),
    ("planned_weeks", 0, "planned_at", "yesterday", "is not a moment"),
    ("goal_categories", 0, "name", "a=b", "cannot name a category"),
    ("goal_categories", 0, "name", "two  spaces", "spaces tidied"),
    ("goal_categories", 0, "kinds", "paper book", "'book' is not a kind of item"),
    ("goal_categories", 0, "color", "#12345", "is not a colour"),
    ("study_units", 0, "days", 400, "A unit lasts 1 to 366 days, not 400"),
    ("study_units", 0, "rating", 9, "A unit is rated 1 to 5, not 9"),
    ("study_units", 0, "start_date", "2022-02-30", "is not a date"),
    ("study_units", 0, "start_date", "9999-12-30", "A unit's days lie between 1900-01-01 and"),
    ("study_units", 0, "closed_at", "2022-02-11", "is not a moment"),
    ("unit_goals", 0, "stretch", 1, "A stretch goal is more than the target (2)"),
    # The field's bound is a goal in hours' (60,000 minutes); the row's rule bounds items.
    ("unit_goals", 0, "target", 0, "is not between 1 and 60000"),
    ("unit_goals", 0, "target", 1001, "A goal's target is 1 to 1000, not 1001"),
    ("unit_goals", 0, "measure", "hours", "is not one of"),
    ("unit_goals", 0, "adjustment", 5000, "An adjustment is between -1000 and 1000"),
    ("unit_goals", 0, "category_id", 99, "the file has no goal category with id 99"),
    ("unit_goals", 0, "unit_id", 5, "the file has no unit with id 5"),
    ("goal_items", 0, "item_id", 50, "the file has no item with id 50"),
    ("unit_review_items", 0, "decision", "keep", "is not one of carry, backlog, drop"),
    ("log_days", 0, "day", "1800-01-01", "is outside 1900-2199"),
    ("log_days", 0, "day", "bad-day", "is not a date written YYYY-MM-DD"),
    ("log_entries", 0, "day", "2022-02-02", "the file has no log day with day"),
    ("log_entries", 0, "end_day", "2022-01-01", "A range ends on or after its first day"),
    ("log_entries", 0, "end_day", "2024-01-01", "A range covers at most"),
    ("log_entries", 0, "source", "robot", "is not one of user, auto, import"),
    ("log_entries", 0, "anomaly", "{not json", "is not a JSON object written as text"),
    ("log_entries", 0, "anomaly", {"reason": "typo"}, "is not text"),
    ("log_entries", 0, "import_key", "", "The text is empty"),
    ("journal_notes", 0, "meta", "[]", "is not a JSON object written as text"),
    ("journal_notes", 0, "created_at", 0, "is not a moment"),
    ("settings", 0, "value", "someday", "is not a day of the week"),
]


def without_file(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.mark.parametrize("case", BAD_FIELDS, ids=[f"{c[0]}.{c[2]}" for c in BAD_FIELDS])
def test_a_field_that_does_not_read_is_refused_naming_record_and_field(
    document: dict[str, Any], store: Store, fresh: Store, case: tuple[str, int, str, object, str]
) -> None:
    table, index, field, value, message = case
    bad = copy.deepcopy(document)
    bad[table][index][field] = value
    before = [without_file(export_data(s, now=NOW)) for s in (store, fresh)]
    for target in (fresh, store):  # into an empty store (exact) and merging
        with pytest.raises(InvalidInput) as refused:
            import_data(target, bad)
        text = str(refused.value)
        assert text.startswith(f"{table}[{index}] ("), text
        assert f", {field}: " in text and message in text, text
        assert text.endswith("Nothing was imported.")
    assert [without_file(export_data(s, now=NOW)) for s in (store, fresh)] == before


@pytest.mark.parametrize(
    ("table", "field"), [("items", "title"), ("study_units", "days"), ("log_days", "title")]
)
def test_a_missing_field_is_named(document: dict[str, Any], table: str, field: str) -> None:
    del document[table][0][field]
    with pytest.raises(InvalidInput, match=rf"^{table}\[0\] \(.*\) has no '{field}'\."):
        check_document(document)


def test_records_that_appear_twice_are_refused(document: dict[str, Any]) -> None:
    twice = copy.deepcopy(document)
    twice["items"][1]["uid"] = twice["items"][0]["uid"]
    with pytest.raises(InvalidInput, match=r"items\[1\] .*items\[0\] has the same uid"):
        check_document(twice)
    twice = copy.deepcopy(document)
    twice["tags"].append(dict(twice["tags"][0], id=99, name=twice["tags"][0]["name"].upper()))
    with pytest.raises(InvalidInput, match=r"tags\[3\] .*tags\[0\] has the same name"):
        check_document(twice)
    twice = copy.deepcopy(document)
    assert "Papers" in [c["name"] for c in twice["goal_categories"][:-1]]
    twice["goal_categories"][-1]["name"] = "paper"  # the same category as "Papers"
    with pytest.raises(InvalidInput, match=r"goal_categories\[\d\] .* has the same name"):
        check_document(twice)


def test_an_item_nested_in_itself_is_refused(document: dict[str, Any]) -> None:
    document["items"][0]["parent_id"] = document["items"][1]["id"]  # 1 -> 2 -> 1
    with pytest.raises(InvalidInput, match=r"items\[0\] .*parent_id: .*nested inside itself"):
        check_document(document)


def test_units_that_share_days_are_refused(document: dict[str, Any], fresh: Store) -> None:
    unit = document["study_units"][0]
    document["study_units"].append(
        dict(unit, id=2, uid="u-2", number=2, start_date="2022-02-10", closed_at=None)
    )
    with pytest.raises(InvalidInput, match=r"study_units\[1\] .*shares days with unit 1"):
        check_document(document)
    # Nor with a unit the store has under another number.
    fresh.raw.execute(
        "INSERT INTO items (uid, kind, title, notes, position, priority, reading_pass,"
        " created_at, updated_at) VALUES ('x', 'task', 'here', '', 0, 0, 0, ?, ?)",
        (STAMP, STAMP),
    )
    fresh.raw.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection)"
        " VALUES ('u-9', 9, 'Unit 9', '2022-02-05', 10, '')"
    )
    document["study_units"].pop()
    with pytest.raises(InvalidInput, match=r"study_units\[0\] .*Unit 9 already covers"):
        import_data(fresh, document)


def test_a_merge_takes_a_category_of_the_same_name_as_the_store_s(
    document: dict[str, Any], fresh: Store
) -> None:
    fresh.raw.execute(
        "INSERT INTO items (uid, kind, title, notes, position, priority, reading_pass,"
        " created_at, updated_at) VALUES ('x', 'task', 'here', '', 0, 0, 0, ?, ?)",
        (STAMP, STAMP),
    )
    names = [c["name"] for c in document["goal_categories"]]
    renamed = {name: name.upper() + ("s" if not name.endswith("s") else "") for name in names}
    for category in document["goal_categories"]:
        category["name"] = renamed[category["name"]]
    import_data(fresh, document)
    stored = [r[0] for r in fresh.raw.execute("SELECT name FROM goal_categories ORDER BY id")]
    assert stored == names  # the store's own, none added twice


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests lists or objects too deeply"),
        ('{"format": "rizhi-export", "version": 1, "items": [3]}', r"items\[0\] must be an"),
        ('{"format": "rizhi-export", "version": "1"}', 'export version "1"'),
    ],
)
def test_files_that_are_not_exports_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"^{re.escape(str(path))}.*{message}"):
        load_file(path)


def test_a_refused_file_is_named_and_the_store_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"format": "rizhi-export", "version": 1, "log_days": [{"day": "bad-day"}]}),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=rf"^{re.escape(str(path))}: log_days\[0\] \(day"):
        load_file(path)


def test_an_integrity_failure_still_rolls_back(document: dict[str, Any], fresh: Store) -> None:
    # A journal note already in the store under the same import key: the database refuses.
    fresh.raw.execute(
        "INSERT INTO journal_notes (uid, title, body, meta, source, import_key, created_at)"
        " VALUES ('other', 'x', '', '{}', 'x.md', 'p-1', ?)",
        (STAMP,),
    )
    with pytest.raises(InvalidInput, match="inconsistent"):
        import_data(fresh, document)
    with sqlite3.connect(fresh.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone() == (0,)


# --- whatever an import accepts, every command reads ------------------------------------------

TRICKY = [None, "", " ", 0, 1, -1, 2, 3, 4, 366, 1000, 2**53 - 1, -(2**60), True, 1.5, [], {},
     "2026-02-29", "2024-02-29", "1900-01-01", "2199-12-31", "0001-01-01", "9999-12-31",
     "2026-W53", "2020-W53", "9999-W52", "00:00", "23:59", "#fff", "#FFFFFF", "paper",
     "task", "done", "carry", "import", "auto", "week", "someday", "sunday", "{}",
     '{"reason": 1}', "https://x", "zotero://select", "u-1", "e-1",
     "0001-01-01T00:00:00.000000+00:00", "9999-12-31T23:59:59.999999+00:00",
     "1900-01-01T00:00:00.000000+00:00", "2199-12-31T23:59:59.999999+00:00"]  # fmt: skip


SHAPES = [r"\d{4}-\d\d-\d\dT.*", r"\d{4}-\d\d-\d\d", r"\d{4}-W\d\d", r"\d\d:\d\d", r".*"]


def shape(value: object) -> tuple[type, str]:
    text = str(value)
    return type(value), next(p for p in SHAPES if re.fullmatch(p, text))


def like(value: object) -> st.SearchStrategy[object]:
    """A tricky value, mostly of the same shape as `value` (a moment for a moment, a day
    for a day), so that many are kept."""
    same = [v for v in TRICKY if shape(v) == shape(value)] or TRICKY
    return st.one_of(st.sampled_from(same), st.sampled_from(same), st.sampled_from(TRICKY))


@st.composite
def edited(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """The export with a few fields set to values that may or may not be kept."""
    changed = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 2))):
        table = draw(st.sampled_from([t for t in TABLES if changed[t]]))
        row = draw(st.sampled_from(changed[table]))
        field = draw(st.sampled_from(sorted(row)))
        row[field] = draw(like(row[field]))
    return changed


READS = [["list", "--all", "--json"], ["list", "--all"], ["list", "--week"], ["trash"],
         ["search", "paper"], ["log", "search", "read"], ["log", "streak"],
         ["export", "markdown", "-o", "-"], ["unit", "list"], ["unit", "history"],
         ["unit", "due"], ["changes"], ["config", "list"],
         ["unit", "category", "list"]]  # fmt: skip


@settings(
    max_examples=int(os.environ.get("RIZHI_FUZZ_EXAMPLES", "100")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_an_import_accepts_every_command_reads(
    document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    changed = data.draw(edited(document))
    folder = tmp_path_factory.mktemp("imported")
    target = Store.open(folder / "rizhi.sqlite3", folder / "backups")
    try:
        import_data(target, changed)
    except InvalidInput:
        event("refused")
        return
    finally:
        target.close()
    event("imported")
    days = [row["day"] for row in changed["log_days"]]
    items = [str(row["id"]) for row in changed["items"]]
    units = [str(row["number"]) for row in changed["study_units"]]
    argvs = [*READS, *(["show", i] for i in items), *(["log", "show", d] for d in days)]
    argvs += [["unit", "show", n] for n in units]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIZHI_HOME", str(folder))
        # Moments are shown in local time: at the ends of the calendar, far from UTC.
        set_zone(patch, data.draw(st.sampled_from(["Pacific/Kiritimati", "Pacific/Pago_Pago"])))
        for argv in argvs:
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = main(argv)
            assert code in (0, 1), (argv, err.getvalue(), changed)
    time.tzset()  # the zone the patch restored
