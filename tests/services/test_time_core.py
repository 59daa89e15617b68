"""The time-boxing core as services: blocks with push-later and board placement, the
focus timer's phases, one timer across connections, idle choices."""

from __future__ import annotations

from datetime import date, datetime, timedelta
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
