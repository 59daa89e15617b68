"""The time-boxing core as services: blocks with push-later and board placement, the
focus timer's phases, one timer across connections, idle choices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.entities import ItemDraft
from app.domain.errors import InvalidInput, NotFound
from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.services.items import create_item
from app.services.time_blocks import add_block, carry_unfinished, day_blocks, move_block
from app.services.time_entries import spent_seconds
from app.store.db import Store
from tests.conftest import NOW, TZ

DAY = NOW.date()
SETTINGS = TimeboxSettings()


def item(store: Store, title: str = "MAE paper", **fields: object) -> int:
    draft = ItemDraft(title=title, **fields)  # type: ignore[arg-type]
    return create_item(store, draft, now=NOW)[0].id


def test_a_block_lasts_the_items_remaining_estimate_and_puts_it_on_the_weeks_board(
    store: Store,
) -> None:
    paper = item(store, estimate_minutes=120)
    block, changes = add_block(store, day=DAY, start=14 * 60, item_id=paper, now=NOW)
    assert (block.start, block.minutes, block.title) == (840, 120, "MAE paper")
    assert changes.time and paper in changes.items and changes.board
    week = store.raw.execute("SELECT week, col FROM board_cards WHERE item_id = ?", (paper,))
    assert week.fetchone() == ("2026-W47", "todo")


def test_growing_a_block_pushes_the_later_ones_down_only_as_far_as_needed(store: Store) -> None:
    first = add_block(store, day=DAY, start=540, minutes=60, title="Reading", now=NOW)[0]
    second = add_block(store, day=DAY, start=600, minutes=30, title="Ablation", now=NOW)[0]
    third = add_block(store, day=DAY, start=660, minutes=30, title="Lunch", now=NOW)[0]
    move_block(store, first.id, start=540, minutes=90, push=True, now=NOW)
    starts = {b.title: b.start for b in day_blocks(store, DAY)}
    assert starts == {"Reading": 540, "Ablation": 630, "Lunch": 660}
    assert second.id != third.id
    with pytest.raises(InvalidInput):
        move_block(store, first.id, start=540, minutes=900, push=True, now=NOW)
    assert {b.title: b.start for b in day_blocks(store, DAY)} == starts


def test_a_block_that_would_leave_the_day_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput):
        add_block(store, day=DAY, start=23 * 60 + 30, minutes=60, title="Late", now=NOW)
    assert day_blocks(store, DAY) == []


def test_unfinished_blocks_of_yesterday_move_to_today_after_now(store: Store) -> None:
    paper = item(store)
    yesterday = DAY - timedelta(days=1)
    add_block(store, day=yesterday, start=9 * 60, minutes=60, item_id=paper, now=NOW)
    add_block(store, day=yesterday, start=9 * 60, minutes=60, title="Standup", now=NOW)
    moved, _ = carry_unfinished(store, from_day=yesterday, to_day=DAY, now=NOW)
    assert [(b.day, b.start) for b in moved] == [(DAY, 10 * 60)]
    assert [b.title for b in day_blocks(store, yesterday)] == ["Standup"]


def test_a_pomodoro_records_its_focus_and_moves_through_breaks_by_its_stored_end(
    store: Store,
) -> None:
    paper = item(store)
    state, _ = focus.start_focus(store, item_id=paper, pomodoro=True, settings=SETTINGS, now=NOW)
    assert state.phase == "focus" and state.remaining(NOW) == 25 * 60
    later = NOW + timedelta(minutes=40)  # the app was closed through the whole break
    ended, _ = focus.advance(store, settings=SETTINGS, now=later)
    assert [(e.phase, e.next_phase) for e in ended] == [("focus", "break"), ("break", "ready")]
    assert spent_seconds(store, [paper], later) == {paper: 25 * 60}
    state, _ = focus.next_pomodoro(store, settings=SETTINGS, now=later)
    assert state.phase == "focus" and state.pomodoros == 1


def test_starting_a_timer_on_one_connection_stops_the_other_connections_timer(
    store: Store,
) -> None:
    first, second = item(store, "one"), item(store, "two")
    other = Store.open(Path(store.path), Path(store.path).parent / "backups")
    try:
        focus.start_focus(store, item_id=first, settings=SETTINGS, now=NOW)
        focus.start_focus(other, item_id=second, settings=SETTINGS, now=NOW + timedelta(minutes=10))
    finally:
        other.close()
    running = store.raw.execute("SELECT item_id FROM time_entries WHERE ended_at IS NULL")
    assert running.fetchall() == [(second,)]
    assert spent_seconds(store, [first], NOW + timedelta(hours=1)) == {first: 600}


def test_idle_time_dropped_or_split_off(store: Store) -> None:
    paper, other = item(store), item(store, "admin")
    focus.start_focus(store, item_id=paper, settings=SETTINGS, now=NOW)
    away, back = NOW + timedelta(minutes=20), NOW + timedelta(minutes=50)
    focus.resolve_idle(
        store, idle_from=away, returned_at=back, choice="split", split_item_id=other, now=back
    )
    end = NOW + timedelta(minutes=60)
    focus.stop_focus(store, now=end)
    assert spent_seconds(store, [paper, other], end) == {paper: 30 * 60, other: 30 * 60}
    with pytest.raises(NotFound):
        focus.stop_focus(store, now=end)


def test_a_stretch_across_a_clock_change_keeps_its_true_length(store: Store) -> None:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    paper = item(store)
    start = datetime(2026, 10, 25, 1, 30, tzinfo=berlin)  # clocks go back at 03:00
    focus.start_focus(store, item_id=paper, settings=SETTINGS, now=start)
    end = datetime(2026, 10, 25, 3, 30, tzinfo=berlin)
    focus.stop_focus(store, now=end)
    assert spent_seconds(store, [paper], end) == {paper: 3 * 3600}
    assert date(2026, 10, 25) != DAY and TZ is not None


def _focus_in_a_process(path: str, backups: str, item_id: int, minute: int, start: object) -> None:
    store = Store.open(path, backups)
    try:
        start.wait()  # type: ignore[attr-defined]
        at = NOW + timedelta(minutes=minute)
        focus.start_focus(store, item_id=item_id, settings=SETTINGS, now=at)
    finally:
        store.close()


def test_processes_starting_timers_at_once_leave_one_running(store: Store) -> None:
    import multiprocessing

    items = [item(store, f"task {n}") for n in range(4)]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(4) as pool:
            jobs = [
                pool.apply_async(
                    _focus_in_a_process,
                    (str(store.path), str(store.backups), item_id, 2 * n, start),
                )
                for n, item_id in enumerate(items)
            ]
            start.set()
            for job in jobs:
                job.get(timeout=60)
    running = store.raw.execute("SELECT item_id FROM time_entries WHERE ended_at IS NULL")
    (last,) = running.fetchall()
    state = focus.focus_status(store)
    assert state is not None and state.item_id == last[0] and state.entry is not None
    assert state.entry.item_id == last[0]


def test_entries_across_midnight_and_a_clock_change_count_on_each_side(store: Store) -> None:
    from zoneinfo import ZoneInfo

    from app.domain.timebox import DAY_MINUTES
    from app.services.time_entries import add_entry, entries_between, spent_in_blocks, wall

    berlin = ZoneInfo("Europe/Berlin")
    paper = item(store)
    start = datetime(2026, 10, 24, 23, 0, tzinfo=berlin)  # to 03:00 on the 25th: 5 hours
    end = datetime(2026, 10, 25, 3, 0, tzinfo=berlin)
    add_entry(store, item_id=paper, start=start, end=end, now=end)
    day = date(2026, 10, 25)
    midnight, next_midnight = (wall(day, m, berlin).astimezone(UTC) for m in (0, DAY_MINUTES))
    assert next_midnight - midnight == timedelta(hours=25)
    found = entries_between(store, midnight, next_midnight)
    assert [e.seconds(end) for e in found] == [5 * 3600]
    night = add_block(store, day=day, start=0, minutes=180, item_id=paper, now=end)[0]
    evening = add_block(
        store, day=day - timedelta(days=1), start=22 * 60, minutes=120, item_id=paper, now=end
    )[0]
    spent = spent_in_blocks(store, [night, evening], berlin, end)
    # 00:00-03:00 on the day the clocks go back is four hours of real time.
    assert spent == {night.id: 4 * 3600, evening.id: 3600}
