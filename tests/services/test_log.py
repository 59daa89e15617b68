"""The daily log service: entries, day pages with derived entries, a line made into a
backlog item, search (Chinese too, by status), the heatmap and streaks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.entities import ItemDraft
from app.domain.enums import EntrySource, ItemKind, Priority
from app.domain.errors import InvalidInput, NotFound
from app.domain.journal.status import LineStatus
from app.services.item_edits import set_completed
from app.services.items import create_item, trash_item
from app.services.log_days import (
    AutoKind,
    day_page,
    first_active_day,
    heatmap,
    logged_days,
    streaks,
    streaks_of,
)
from app.services.log_entries import (
    add_entry,
    delete_entry,
    edit_entry,
    get_entry,
    line_to_item,
    move_entry,
)
from app.services.log_search import search_log
from app.store.db import Store
from tests.conftest import NOW, TZ

DAY = NOW.date()  # Friday 2026-11-20 in Shanghai
UTC = ZoneInfo("UTC")


def write(store: Store, day: date, body: str, **options: object) -> int:
    record, _ = add_entry(store, day, body, now=NOW, **options)  # type: ignore[arg-type]
    return record.id


# --- entries ------------------------------------------------------------------------------


def test_add_entry_creates_the_day_and_returns_the_record(store: Store) -> None:
    record, changes = add_entry(store, DAY, "\n\n1. [DONE] ran it\n- ~~old~~\n\n", now=NOW)
    assert changes.entries == {record.id} and not changes.items
    assert record.day == DAY and record.end_day is None
    assert record.body == "1. [DONE] ran it\n- ~~old~~"
    assert record.source is EntrySource.USER
    assert record.statuses == ((0, LineStatus.DONE), (1, LineStatus.STRUCK))
    assert record.created_at == NOW and record.anomaly is None
    assert store.raw.execute("SELECT day, title FROM log_days").fetchall() == [
        (DAY.isoformat(), "")
    ]
    second = write(store, DAY, "more")
    assert get_entry(store, second).position == record.position + 1


def test_an_entry_over_a_range(store: Store) -> None:
    record, _ = add_entry(store, DAY, "trip", now=NOW, end_day=DAY + timedelta(days=4))
    assert record.end_day == DAY + timedelta(days=4)
    assert record.covers(DAY + timedelta(days=2)) and not record.covers(DAY + timedelta(days=5))
    same, _ = add_entry(store, DAY, "one day", now=NOW, end_day=DAY)
    assert same.end_day is None


@pytest.mark.parametrize(
    ("body", "end_day", "day", "message"),
    [
        ("  \n ", None, DAY, "needs some text"),
        ("x", DAY - timedelta(days=1), DAY, "on or after its first day"),
        ("x", DAY + timedelta(days=400), DAY, "at most 367 days"),
        ("x", None, date(1850, 1, 1), "outside 1900-2199"),
    ],
)
def test_invalid_entries_save_nothing(
    store: Store, body: str, end_day: date | None, day: date, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        add_entry(store, day, body, now=NOW, end_day=end_day)
    assert store.raw.execute("SELECT COUNT(*) FROM log_entries").fetchone()[0] == 0


def test_edit_keeps_what_is_not_given(store: Store) -> None:
    entry_id = write(store, DAY, "body", heading="Title")
    later = NOW + timedelta(hours=1)
    record, _ = edit_entry(store, entry_id, now=later, body="new body\r\nsecond")
    assert (record.heading, record.body, record.updated_at) == ("Title", "new body\nsecond", later)
    record, _ = edit_entry(store, entry_id, now=later, heading="  Workshop\n day ")
    assert record.heading == "Workshop day"
    with pytest.raises(InvalidInput, match="left empty"):
        edit_entry(store, entry_id, now=later, body="", heading="")
    with pytest.raises(NotFound):
        edit_entry(store, 999, now=later, body="x")


def test_move_goes_to_the_end_of_the_new_day_and_clears_the_flag(store: Store) -> None:
    store.raw.execute("INSERT INTO log_days (day, title) VALUES ('2021-12-09', '')")
    store.raw.execute(
        "INSERT INTO log_entries (uid, day, body, source, position, created_at, updated_at,"
        " heading, anomaly) VALUES ('u1', '2021-12-09', 'b', 'import', 0, ?, ?, '2012-12-09',"
        ' \'{"reason": "out of sequence"}\')',
        (NOW.isoformat(), NOW.isoformat()),
    )
    flagged = int(store.raw.execute("SELECT id FROM log_entries").fetchone()[0])
    assert get_entry(store, flagged).anomaly == {"reason": "out of sequence"}
    other = write(store, date(2012, 12, 9), "already there")
    record, _ = move_entry(store, flagged, date(2012, 12, 9), now=NOW)
    assert (record.day, record.position, record.anomaly) == (date(2012, 12, 9), 1, None)
    assert get_entry(store, other).position == 0
    days = [row[0] for row in store.raw.execute("SELECT day FROM log_days ORDER BY day")]
    assert days == ["2012-12-09"]  # the emptied day is gone


def test_delete_removes_an_emptied_day_unless_it_has_a_title(store: Store) -> None:
    first = write(store, DAY, "a")
    delete_entry(store, first)
    assert store.raw.execute("SELECT COUNT(*) FROM log_days").fetchone()[0] == 0
    second = write(store, DAY, "b")
    store.raw.execute("UPDATE log_days SET title = 'Workshop'")
    delete_entry(store, second)
    assert store.raw.execute("SELECT title FROM log_days").fetchall() == [("Workshop",)]
    with pytest.raises(NotFound, match="No log entry 999"):
        delete_entry(store, 999)


def test_logged_days_count_ranges_for_each_day(store: Store) -> None:
    write(store, date(2021, 6, 10), "trip", end_day=date(2021, 6, 12))
    write(store, date(2021, 6, 12), "home")
    store.raw.execute("UPDATE log_days SET title = 'Back' WHERE day = '2021-06-12'")
    found = logged_days(store, start=date(2021, 6, 11), end=date(2021, 6, 30))
    assert [(d.day.day, d.title, d.entries) for d in found] == [(11, "", 1), (12, "Back", 2)]


# --- the day page -------------------------------------------------------------------------


def test_day_page_holds_entries_ranges_and_what_the_board_did(store: Store) -> None:
    morning = datetime(2026, 11, 20, 8, 30, tzinfo=TZ)
    paper, _ = create_item(store, ItemDraft("Read MAE paper", kind=ItemKind.PAPER), now=morning)
    set_completed(store, paper.id, True, now=datetime(2026, 11, 20, 23, 30, tzinfo=TZ))
    late, _ = create_item(
        store, ItemDraft("late idea"), now=datetime(2026, 11, 21, 0, 5, tzinfo=TZ)
    )
    gone, _ = create_item(store, ItemDraft("trashed"), now=morning)
    trash_item(store, gone.id, now=morning)
    store.raw.execute(
        "INSERT INTO study_units (uid, number, title, start_date, days, reflection, closed_at)"
        " VALUES ('u-4', 4, 'Unit 4: 11-10 to 11-19', '2026-11-10', 10, 'ok', ?)",
        (
            datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
            .astimezone(UTC)
            .isoformat(timespec="microseconds"),
        ),
    )
    trip = write(store, DAY - timedelta(days=1), "conference", end_day=DAY + timedelta(days=1))
    today = write(store, DAY, "- [DONE] wrote the importer")
    page = day_page(store, DAY, tz=TZ)
    assert [e.id for e in page.entries] == [today, trip]
    assert [(a.kind, a.text, a.at.hour) for a in page.auto] == [
        (AutoKind.CAPTURED, "Read MAE paper", 8),
        (AutoKind.REVIEWED, "Unit 4: 11-10 to 11-19", 12),
        (AutoKind.COMPLETED, "Read MAE paper", 23),
    ]
    assert page.auto[0].item_id == paper.id and page.auto[1].unit_id is not None
    # In UTC the late completion falls on the same day, and the late idea too.
    in_utc = day_page(store, DAY, tz=UTC)
    assert (AutoKind.CAPTURED, "late idea") in [(a.kind, a.text) for a in in_utc.auto]
    assert late.id in [a.item_id for a in in_utc.auto]
    assert day_page(store, DAY + timedelta(days=2), tz=TZ) == (
        DAY + timedelta(days=2),
        "",
        (),
        (),
        None,  # no time spent that day
    )
    assert page.to_dict()["entries"][0]["statuses"] == [{"line": 0, "status": "done"}]  # type: ignore[index]


# --- a line as a backlog item -------------------------------------------------------------


def test_a_line_becomes_a_backlog_item_through_the_capture_grammar(store: Store) -> None:
    entry_id = write(store, DAY, "Plans\n1. [TODO] read MAE paper #paper !high ~2h\n- ~~x~~")
    item, changes = line_to_item(store, entry_id, 1, now=NOW)
    assert (item.title, item.kind, item.priority, item.estimate_minutes) == (
        "read MAE paper",
        ItemKind.PAPER,
        Priority.HIGH,
        120,
    )
    assert item.tags == ("paper",)
    assert item.notes == "From the log of 2026-11-20."
    assert changes.items == frozenset({item.id})
    with pytest.raises(InvalidInput, match="there is no line 3"):
        line_to_item(store, entry_id, 3, now=NOW)
    empty = write(store, DAY, "- [DONE]\nx")
    with pytest.raises(InvalidInput, match="no words"):
        line_to_item(store, empty, 0, now=NOW)


def test_a_line_with_week_becomes_a_card_on_this_weeks_board(store: Store) -> None:
    entry_id = write(store, DAY, "- [TODO] rerun the ablation ^week")
    item, changes = line_to_item(store, entry_id, 0, now=NOW)
    assert item.title == "rerun the ablation"
    assert item.placement is not None and item.planned_weeks == ("2026-W47",)
    assert changes.board


# --- search -------------------------------------------------------------------------------


@pytest.fixture
def searchable(store: Store) -> Store:
    write(store, date(2021, 6, 10), "- read the MAE paper\n- 读了一篇关于对比学习的论文")
    write(store, date(2021, 6, 11), "1. [DELAY] ablation study\n2. [DONE] 组会 with Bob")
    write(
        store,
        date(2021, 6, 12),
        "- ~~train the transformer~~\n- transformer notes",
        heading="Summer workshop",
    )
    write(store, date(2021, 6, 13), "- " + "long line " * 30 + "MAE at the end " + "tail " * 20)
    return store


def test_search_matches_any_substring_and_shows_the_matching_line(searchable: Store) -> None:
    hits = search_log(searchable, "对比学习")
    assert [(h.day.day, h.snippet, h.line) for h in hits] == [
        (10, "- 读了一篇关于对比学习的论文", 1)
    ]
    hits = search_log(searchable, "ablation")
    assert [(h.day.day, h.status) for h in hits] == [(11, LineStatus.DELAY)]


def test_short_words_use_substring_search(searchable: Store) -> None:
    hits = search_log(searchable, "组会")
    assert [(h.day.day, h.snippet) for h in hits] == [(11, "2. [DONE] 组会 with Bob")]
    assert [h.day.day for h in search_log(searchable, "论文 MAE")] == [10]


def test_every_word_must_match_and_the_best_line_is_shown(searchable: Store) -> None:
    assert search_log(searchable, "transformer nonexistent") == []
    hits = search_log(searchable, "transformer notes")
    assert [(h.day.day, h.snippet, h.heading) for h in hits] == [
        (12, "- transformer notes", "Summer workshop")
    ]
    assert [h.line for h in search_log(searchable, "summer")] == [-1]


def test_long_lines_are_shortened_around_the_match(searchable: Store) -> None:
    (hit,) = [h for h in search_log(searchable, "MAE") if h.day.day == 13]
    assert "MAE" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 122


def test_search_by_status(searchable: Store) -> None:
    done = search_log(searchable, "", status=LineStatus.DONE)
    assert [(h.day.day, h.snippet) for h in done] == [(11, "2. [DONE] 组会 with Bob")]
    struck = search_log(searchable, "transformer", status=LineStatus.STRUCK)
    assert [(h.day.day, h.snippet, h.line) for h in struck] == [
        (12, "- ~~train the transformer~~", 0)
    ]
    # "notes" is in that entry, but not on its struck line.
    assert search_log(searchable, "notes", status=LineStatus.STRUCK) == []
    assert search_log(searchable, "MAE", status=LineStatus.TODO) == []
    assert search_log(searchable, "") == []


def test_markers_in_code_are_not_found_by_status(store: Store) -> None:
    write(store, date(2021, 1, 4), "- the fix:\n```\n[DONE] grep for it\n```\n- `[TODO]` is a tag")
    write(store, date(2021, 1, 5), "- [DONE] grep for the real bug")
    done = search_log(store, "grep", status=LineStatus.DONE)
    assert [(h.day.day, h.line) for h in done] == [(5, 0)]
    assert search_log(store, "", status=LineStatus.TODO) == []


def test_search_results_are_limited(store: Store) -> None:
    for offset in range(12):
        write(store, date(2021, 1, 1) + timedelta(days=offset), f"experiment {offset} [TODO]")
    assert len(search_log(store, "experiment", limit=5)) == 5
    assert len(search_log(store, "", status=LineStatus.TODO, limit=5)) == 5
    with pytest.raises(InvalidInput, match="at least 1"):
        search_log(store, "experiment", limit=0)


@pytest.mark.parametrize(
    "query", ['"', '"x', "*", "AND", "NEAR(a b)", "^x", "-x", "(", "a OR b", "%", "_", "'; --"]
)
def test_search_words_are_words_not_query_syntax(store: Store, query: str) -> None:
    write(store, DAY, f"odd text: {query} here")
    hits = search_log(store, query)
    assert [h.snippet for h in hits] == [f"odd text: {query} here"]


# --- heatmap and streaks ------------------------------------------------------------------


def test_heatmap_counts_entries_and_completed_items_per_local_day(store: Store) -> None:
    start = date(2026, 11, 16)
    write(store, date(2026, 11, 15), "range", end_day=date(2026, 11, 17))
    write(store, date(2026, 11, 17), "one")
    item, _ = create_item(store, ItemDraft("done late"), now=NOW)
    set_completed(store, item.id, True, now=datetime(2026, 11, 18, 23, 50, tzinfo=TZ))
    days = heatmap(store, start=start, end=date(2026, 11, 20), tz=TZ)
    assert [(d.day.day, d.entries, d.completed) for d in days] == [
        (16, 1, 0),
        (17, 2, 0),
        (18, 0, 1),
        (19, 0, 0),
        (20, 0, 0),
    ]
    in_london = heatmap(store, start=start, end=date(2026, 11, 20), tz=ZoneInfo("Europe/London"))
    assert [d.completed for d in in_london] == [0, 0, 1, 0, 0]
    with pytest.raises(InvalidInput):
        heatmap(store, start=date(2026, 11, 20), end=start, tz=TZ)


def test_the_first_active_day_is_how_far_back_the_heatmap_goes(store: Store) -> None:
    assert first_active_day(store, tz=TZ) is None
    write(store, date(2024, 3, 9), "later")
    assert first_active_day(store, tz=TZ) == date(2024, 3, 9)
    item, _ = create_item(store, ItemDraft("done early"), now=NOW)
    # Completed at 00:30 on the 2nd in Shanghai, which is still the 1st in UTC.
    set_completed(store, item.id, True, now=datetime(2024, 3, 2, 0, 30, tzinfo=TZ))
    assert first_active_day(store, tz=TZ) == date(2024, 3, 2)
    assert first_active_day(store, tz=UTC) == date(2024, 3, 1)
    write(store, date(2019, 11, 4), "an imported journal's first day")
    assert first_active_day(store, tz=TZ) == date(2019, 11, 4)


def test_streaks_from_the_store(store: Store) -> None:
    write(store, date(2026, 11, 1), "a", end_day=date(2026, 11, 5))  # 5 days
    write(store, date(2026, 11, 8), "b")
    for day in (17, 18, 19):
        write(store, date(2026, 11, day), "c")
    found = streaks(store, today=DAY)
    assert (found.current, found.current_start, found.today_logged) == (
        3,
        date(2026, 11, 17),
        False,
    )
    assert (found.longest, found.longest_start, found.longest_end) == (
        5,
        date(2026, 11, 1),
        date(2026, 11, 5),
    )
    write(store, DAY, "today")
    assert streaks(store, today=DAY)[:1] == (4,)
    assert streaks(store, today=DAY + timedelta(days=2)).current == 0


@pytest.mark.parametrize(
    ("logged", "current", "longest"),
    [
        ([], 0, 0),
        ([DAY], 1, 1),
        ([DAY - timedelta(days=1)], 1, 1),  # today is not over yet
        ([DAY - timedelta(days=2)], 0, 1),
        ([DAY + timedelta(days=1)], 0, 0),  # the future does not count
        ([DAY - timedelta(days=n) for n in range(10)], 10, 10),
    ],
)
def test_streak_rules(logged: list[date], current: int, longest: int) -> None:
    found = streaks_of(logged, today=DAY)
    assert (found.current, found.longest) == (current, longest)


def test_reads_join_a_transaction_already_open(store: Store) -> None:
    entry_id = write(store, DAY, "inside")
    with store.raw_write() as conn:
        conn.execute("UPDATE log_entries SET body = 'changed, not committed yet'")
        page = day_page(store, DAY, tz=TZ)
        assert [e.body for e in page.entries] == ["changed, not committed yet"]
        assert conn.in_transaction
    assert get_entry(store, entry_id).body == "changed, not committed yet"
