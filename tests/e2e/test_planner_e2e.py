"""The day planner in the real window under Xvfb, driven with xdotool's pointer: a card
dragged from the candidates onto 14:00 in steps becomes a block there, and its lower edge
dragged to 15:30 makes it 90 minutes; SQLite says so."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.domain.enums import Column
from tests.e2e.conftest import Seed
from tests.e2e.harness import RunningApp, State, assert_not_blank, center, wait_for

pytestmark = pytest.mark.e2e


def blocks_of(database: Path, item_id: int) -> list[tuple[str, int, int]]:
    connection = sqlite3.connect(database, timeout=5)
    try:
        rows = connection.execute(
            "SELECT day, start_minute, minutes FROM time_blocks WHERE item_id = ?", (item_id,)
        ).fetchall()
    finally:
        connection.close()
    return [(str(day), int(start), int(minutes)) for day, start, minutes in rows]


def y_at(state: State, minute: int) -> int:
    """The screen y of `minute` after midnight on the timeline shown."""
    today = state["today"]
    return int(today["midnight_y"] + minute * today["hour_px"] // 60)


def start_focus_with_the_keyboard(app: RunningApp, database: Path, block_id: int) -> None:
    """Where the test goes on once the window has the focus timer: with the block
    selected, press F and read the running entry for the block's item from SQLite."""


def test_a_card_dragged_onto_14_00_and_stretched_to_15_30_is_saved(
    launch: object, seed: Seed, screens: Path
) -> None:
    paper = seed.add("Second pass of the MAE paper", Column.TODO, estimate_minutes=60)
    app: RunningApp = launch("today")  # type: ignore[operator]
    state = app.state(
        lambda s: bool(
            s["today"] and s["today"]["visible"] and str(paper) in s["today"]["candidates"]
        ),
        what="the Today page with the card among the candidates",
    )
    timeline = state["today"]["timeline"]
    x = timeline[0] + timeline[2] // 2
    app.input.begin_drag(center(state["today"]["candidates"][str(paper)]))
    app.input.glide((x, y_at(state, 14 * 60) + 2), steps=16, pause=0.04)
    app.input.hover((x, y_at(state, 14 * 60) + 2), 0.3)
    app.input.release()
    today = date.today().isoformat()
    wait_for(
        lambda: blocks_of(seed.database, paper) == [(today, 840, 60)], what="the block at 14:00"
    )

    state = app.state(lambda s: len(s["today"]["blocks"]) == 1, what="the block drawn")
    ((block_id, rect),) = state["today"]["blocks"].items()
    edge = (rect[0] + rect[2] // 2, rect[1] + rect[3] - 3)
    app.input.begin_drag(edge)
    app.input.glide((edge[0], y_at(state, 15 * 60 + 30)), steps=12, pause=0.04)
    app.input.hover((edge[0], y_at(state, 15 * 60 + 30)), 0.2)
    app.input.release()
    wait_for(
        lambda: blocks_of(seed.database, paper) == [(today, 840, 90)], what="the block to 15:30"
    )
    start_focus_with_the_keyboard(app, seed.database, int(block_id))
    shot = app.screenshot(screens / "planner-drag.png")
    assert_not_blank(shot)
    assert app.quit() == 0, app.log()
