"""The day planner's model: blocks of one day with their lanes, focus time and missed
state; writes through the undoable operations; reloads on Changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

import pytest
from pytestqt.modeltest import ModelTester

from app.domain.changes import Changes
from app.domain.timebox import Lane
from app.services.time_blocks import add_block, day_blocks
from app.services.time_entries import add_entry
from app.store.db import Store
from app.ui.dnd import encode_ids
from app.ui.ops import Operations
from app.ui.planner.dnd import decode_blocks
from app.ui.planner.model import LANE_ROLE, MISSED_ROLE, DayModel
from tests.ui.planner_support import NOON, TODAY, item


@pytest.fixture
def noon_ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: NOON)
    yield operations
    operations.undo_stack.clear()


def at(minute: int) -> datetime:
    return datetime.combine(TODAY, time()).astimezone() + timedelta(minutes=minute)


def model_of(noon_ops: Operations) -> DayModel:
    model = DayModel(noon_ops, TODAY)
    noon_ops.changed.connect(model.apply)
    return model


def test_the_day_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store, noon_ops: Operations
) -> None:
    paper = item(store, "MAE paper", 90)
    add_block(store, day=TODAY, start=540, item_id=paper, now=NOON)
    add_block(store, day=TODAY, start=600, minutes=60, title="Group meeting", now=NOON)
    add_block(store, day=TODAY, start=840, minutes=30, title="Lunch walk", now=NOON)
    model = model_of(noon_ops)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert [model.data(model.index(r)) for r in range(3)] == [
        "MAE paper",
        "Group meeting",
        "Lunch walk",
    ]


def test_overlapping_blocks_share_the_width_in_lanes(store: Store, noon_ops: Operations) -> None:
    first = add_block(store, day=TODAY, start=540, minutes=90, title="Reading", now=NOON)[0]
    second = add_block(store, day=TODAY, start=600, minutes=60, title="Call", now=NOON)[0]
    alone = add_block(store, day=TODAY, start=720, minutes=30, title="Lunch", now=NOON)[0]
    model = model_of(noon_ops)
    lanes = {model.block(r).row.id: model.lane(r) for r in range(3)}  # type: ignore[union-attr]
    assert lanes == {first.id: Lane(0, 2), second.id: Lane(1, 2), alone.id: Lane(0, 1)}
    assert model.data(model.index(1), LANE_ROLE) == (1, 2)


def test_a_past_block_of_an_item_without_focus_time_is_missed(
    store: Store, noon_ops: Operations
) -> None:
    idle = item(store, "Idle paper")
    worked = item(store, "Worked paper")
    add_block(store, day=TODAY, start=540, minutes=60, item_id=idle, now=NOON)
    add_block(store, day=TODAY, start=600, minutes=60, item_id=worked, now=NOON)
    add_block(store, day=TODAY, start=480, minutes=30, title="Stand-up", now=NOON)
    add_block(store, day=TODAY, start=780, minutes=60, item_id=idle, now=NOON)  # after noon
    add_entry(store, item_id=worked, start=at(610), end=at(650), now=NOON)
    model = model_of(noon_ops)
    facts = {
        (b.row.title, b.row.start): (b.missed, round(b.spent))
        for b in (model.block(r) for r in range(model.rowCount()))
        if b is not None
    }
    assert facts == {
        ("Stand-up", 480): (False, 0),  # a meeting is not timed work
        ("Idle paper", 540): (True, 0),
        ("Worked paper", 600): (False, 40 * 60),
        ("Idle paper", 780): (False, 0),  # not over yet
    }
    assert model.data(model.index(1), MISSED_ROLE) is True


def test_dropping_cards_plans_them_one_after_another_and_undo_takes_it_back(
    store: Store, noon_ops: Operations
) -> None:
    paper = item(store, "MAE paper", 90)
    runs = item(store, "Ablation runs")
    model = model_of(noon_ops)
    assert model.drop(encode_ids([paper, runs]), 840)
    assert [(b.row.title, b.row.start, b.row.minutes) for b in map(model.block, range(2))] == [  # type: ignore[union-attr]
        ("MAE paper", 840, 90),
        ("Ablation runs", 930, 30),
    ]
    assert decode_blocks(model.mimeData([model.index(1)])) == [model.ids[1]]
    noon_ops.undo()
    assert model.rowCount() == 0 and day_blocks(store, TODAY) == []


def test_the_model_reloads_on_time_changes_from_elsewhere(
    store: Store, noon_ops: Operations
) -> None:
    model = model_of(noon_ops)
    add_block(store, day=TODAY, start=600, minutes=30, title="From the CLI", now=NOON)
    model.apply(Changes(items=frozenset({999})))  # not about this day's blocks
    assert model.rowCount() == 0
    model.apply(Changes(time=True))
    assert model.rowCount() == 1
