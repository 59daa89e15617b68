"""The day planner page, offscreen: drops, moves and resizes with the pointer on the
15-minute grid, the keyboard, push-later, lanes, the missed state and the header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app.domain.timebox import Lane
from app.domain.timebox_settings import TimeboxSettings
from app.services.time_blocks import add_block, day_blocks
from app.store.db import Store
from app.ui.dnd import encode_ids
from app.ui.ops import Operations
from app.ui.planner.page import PlannerPage
from app.ui.planner.painting import MISSED, PAST, PLANNED, SELECTED
from app.ui.rows import RowCache
from app.ui.theme import tokens_for
from tests.ui.planner_support import NOON, TODAY, drag, item, lower_edge, y_of


@pytest.fixture
def noon_ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: NOON)
    yield operations
    operations.undo_stack.clear()


@pytest.fixture
def page(qtbot: QtBot, store: Store, noon_ops: Operations) -> PlannerPage:
    shown = PlannerPage(noon_ops, RowCache(store), tokens_for(False), settings=TimeboxSettings())
    noon_ops.changed.connect(shown.apply)
    qtbot.addWidget(shown)
    shown.resize(1100, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def blocks(store: Store) -> list[tuple[str, int, int]]:
    return [(b.title, b.start, b.minutes) for b in day_blocks(store, TODAY)]


def drop_card(page: PlannerPage, item_id: int, y: int) -> None:
    timeline = page.timeline
    mime = encode_ids([item_id], "board")  # the event does not own it: keep it alive
    event = QDropEvent(
        QPointF(timeline.viewport().width() / 2, y),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    timeline.dropEvent(event)


def test_a_card_dropped_on_the_timeline_is_a_block_at_the_snapped_time(
    store: Store, page: PlannerPage
) -> None:
    paper = item(store, "MAE paper", 90)
    runs = item(store, "Ablation runs")
    drop_card(page, paper, y_of(page.timeline, 14 * 60 + 6))  # nearest line: 14:00
    drop_card(page, runs, y_of(page.timeline, 16 * 60 + 9))  # nearest line: 16:15
    assert blocks(store) == [("MAE paper", 840, 90), ("Ablation runs", 975, 30)]
    assert page.model.rowCount() == 2
    assert "Planned 2h of 12h" in page.total_label.text()


def test_the_lower_edge_resizes_and_the_body_moves_on_the_grid(
    store: Store, page: PlannerPage
) -> None:
    block = add_block(store, day=TODAY, start=840, minutes=60, title="Ablation", now=NOON)[0]
    page.model.reload()
    timeline = page.timeline
    drag(timeline, lower_edge(timeline, block.id), QPoint(300, y_of(timeline, 15 * 60 + 28)))
    assert blocks(store) == [("Ablation", 840, 90)]
    body = timeline.block_rect(block.id).center()
    drag(timeline, body, body + QPoint(0, y_of(timeline, 60) - y_of(timeline, 0) + 3))
    assert blocks(store) == [("Ablation", 900, 90)]
    top = timeline.block_rect(block.id).topLeft() + QPoint(20, 2)
    drag(timeline, top, QPoint(top.x(), y_of(timeline, 14 * 60 + 30)))
    assert blocks(store) == [("Ablation", 870, 120)]
    page.model._ops.undo()
    assert blocks(store) == [("Ablation", 900, 90)]


def test_keys_move_resize_select_open_and_delete(
    qtbot: QtBot, store: Store, page: PlannerPage
) -> None:
    paper = item(store, "MAE paper")
    first = add_block(store, day=TODAY, start=540, minutes=60, item_id=paper, now=NOON)[0]
    second = add_block(store, day=TODAY, start=720, minutes=30, title="Lunch", now=NOON)[0]
    page.model.reload()
    timeline = page.timeline
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.selected == first.id
    qtbot.keyClick(timeline, Qt.Key.Key_Down)
    qtbot.keyClick(timeline, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert blocks(store)[0] == ("MAE paper", 555, 75)
    qtbot.keyClick(timeline, Qt.Key.Key_Up)
    assert blocks(store)[0] == ("MAE paper", 540, 75)
    assert page.focus_target() == (paper, first.id)
    with qtbot.waitSignal(page.open_item) as opened:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert opened.args == [paper]
    qtbot.keyClick(timeline, Qt.Key.Key_Tab)
    assert timeline.selected == second.id
    assert page.focus_target() == (None, second.id)
    qtbot.keyClick(timeline, Qt.Key.Key_Delete)
    assert [b[0] for b in blocks(store)] == ["MAE paper"]
    assert timeline.selected is None and page.focus_target() is None


def test_push_later_moves_the_next_blocks_and_off_they_overlap_side_by_side(
    store: Store, page: PlannerPage
) -> None:
    first = add_block(store, day=TODAY, start=540, minutes=60, title="Reading", now=NOON)[0]
    add_block(store, day=TODAY, start=600, minutes=30, title="Call", now=NOON)
    page.model.reload()
    timeline = page.timeline
    assert page.push_toggle.isChecked()  # on by default
    drag(timeline, lower_edge(timeline, first.id), QPoint(300, y_of(timeline, 10 * 60 + 30)))
    assert blocks(store) == [("Reading", 540, 90), ("Call", 630, 30)]
    page.push_toggle.setChecked(False)
    drag(timeline, lower_edge(timeline, first.id), QPoint(300, y_of(timeline, 11 * 60)))
    assert blocks(store) == [("Reading", 540, 120), ("Call", 630, 30)]
    assert [page.model.lane(r) for r in range(2)] == [Lane(0, 2), Lane(1, 2)]
    left, right = (timeline.block_rect(i) for i in page.model.ids)
    assert left.right() < right.left() and left.top() < right.top() < left.bottom()


def test_a_missed_block_is_drawn_apart_from_past_and_planned_ones(
    store: Store, page: PlannerPage
) -> None:
    paper = item(store, "Idle paper")
    add_block(store, day=TODAY, start=540, minutes=60, item_id=paper, now=NOON)
    add_block(store, day=TODAY, start=600, minutes=30, title="Stand-up", now=NOON)
    add_block(store, day=TODAY, start=900, minutes=30, item_id=paper, now=NOON)
    page.model.reload()
    timeline = page.timeline
    found = [page.model.block(r) for r in range(3)]
    assert [timeline.style_of(b, NOON) for b in found if b] == [MISSED, PAST, PLANNED]
    timeline.select(page.model.ids[0])
    assert timeline.style_of(found[0], NOON) == SELECTED  # type: ignore[arg-type]
    image = timeline.viewport().grab().toImage()
    assert not image.isNull()


def test_the_week_strip_moves_between_days_and_shows_their_totals(
    store: Store, page: PlannerPage
) -> None:
    from datetime import timedelta

    tomorrow = TODAY + timedelta(days=1)
    add_block(store, day=tomorrow, start=600, minutes=45, title="Seminar", now=NOON)
    page.refresh_header()
    totals = {t.day: t.planned for t in page.week_strip.totals}
    assert len(totals) == 7 and TODAY in totals
    if tomorrow in totals:
        assert totals[tomorrow] == 45
    page.shift_day(1)
    assert page.day == tomorrow and page.model.rowCount() == 1
    assert page.today_button.isEnabled()
    page.go_today()
    assert page.day == TODAY and page.model.rowCount() == 0


def test_the_candidates_hold_this_weeks_cards_and_what_is_due(
    qtbot: QtBot, store: Store, page: PlannerPage
) -> None:
    from app.domain.enums import Column
    from tests.ui.conftest import add

    on_board = add(store, "On the board", column=Column.TODO, estimate_minutes=60)
    due = add(store, "Due today", due_date=TODAY)
    add(store, "Someday")
    page.candidates_model.reload()
    assert page.candidates_model.ids == [on_board, due]
    page.candidates.search.setText("Someday")
    qtbot.waitUntil(lambda: page.candidates_model.heading(0) == "Search")
    assert page.candidates_model.detail(on_board) == "est 1h"
