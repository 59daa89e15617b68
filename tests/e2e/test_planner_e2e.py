"""The day planner in the real window under Xvfb, driven with xdotool's pointer: a
board card carried over the sidebar's Today entry (which opens the planner) and dropped
on 14:00 in steps becomes a block there, its lower edge dragged to 15:30 makes it 90
minutes; SQLite says so."""

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
    """Select the block (a click gives the timeline the keyboard: after the drop it is
    still with the board's card), press F and read the running entry from SQLite."""
    state = app.state(lambda s: str(block_id) in s["today"]["blocks"], what="the block")
    app.input.click(center(state["today"]["blocks"][str(block_id)]))
    app.state(lambda s: s["focus"] == "Timeline", what="the timeline focused")
    app.input.key("f")

    def running() -> list[tuple[int | None, str]]:
        conn = sqlite3.connect(database, timeout=5)
        try:
            rows = conn.execute(
                "SELECT block_id, source FROM time_entries WHERE ended_at IS NULL"
            ).fetchall()
        finally:
            conn.close()
        return [(None if b is None else int(b), str(s)) for b, s in rows]

    assert wait_for(running, what="the running entry") == [(block_id, "timer")]


def drag_board_card_onto_14_00(app: RunningApp, item_id: int) -> State:
    """Press on the board's card, carry it onto the sidebar's Today entry (the button
    held), rest there until Today opens, and drop it on 14:00 of the timeline."""
    state = app.state(
        lambda s: s["board"]["visible"] and str(item_id) in s["board"]["cards"],
        what="the card on the board",
    )
    app.input.begin_drag(center(state["board"]["cards"][str(item_id)]["rect"]))
    entry = center(state["sidebar"]["today"])
    app.input.glide(entry, steps=12, pause=0.04)
    for _ in range(30):  # resting on an entry with dragged items opens its view
        app.input.hover(entry, 0.1)
        if app.state()["view"] == "today":
            break
    state = app.state(
        lambda s: bool(s["today"] and s["today"]["visible"]), what="Today while dragging"
    )
    timeline = state["today"]["timeline"]
    target = (timeline[0] + timeline[2] // 2, y_at(state, 14 * 60) + 2)
    app.input.glide(target, steps=16, pause=0.04)
    app.input.hover(target, 0.3)
    app.input.release()
    return state


def test_a_board_card_dragged_onto_14_00_stretched_to_15_30_and_focused_is_saved(
    launch: object, seed: Seed, screens: Path
) -> None:
    paper = seed.add("Second pass of the MAE paper", Column.TODO, estimate_minutes=60)
    app: RunningApp = launch("board")  # type: ignore[operator]
    drag_board_card_onto_14_00(app, paper)
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
