"""The real window on a virtual X screen, driven only by X pointer and key events.

Each test seeds a data folder, starts the app in its own process (harness.py), aims at
widgets by the rectangles the app reports, moves the pointer and presses keys with
xdotool, then reads the saved result from SQLite with a fresh connection and saves a
screenshot of the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.enums import Column, Horizon, ItemKind, Priority
from tests.e2e.conftest import Seed
from tests.e2e.harness import (
    RunningApp,
    State,
    assert_not_blank,
    card_of,
    center,
    completed,
    inside,
    wait_for,
)

pytestmark = pytest.mark.e2e

Launch = Callable[[str], RunningApp]


def board_cards(seed: Seed) -> dict[str, int]:
    return {
        "grading": seed.add("批改第 8 次作业（信号处理）", Column.TODO, tags=("teaching",)),
        "rebuttal": seed.add(
            "Reply to reviewer 2 — ICASSP rebuttal", Column.TODO, priority=Priority.HIGH
        ),
        "ablation": seed.add(
            "Ablation: mask ratio 0.4 / 0.6 / 0.8", Column.ACTIVE, kind=ItemKind.EXPERIMENT
        ),
        "notes": seed.add("整理上周组会记录", Column.DONE),
    }


def backlog_items(seed: Seed) -> dict[str, int]:
    return {
        "idea": seed.add("Idea: pitch-shift augmentation", horizon=Horizon.SOMEDAY),
        "survey": seed.add(
            "精读：《自监督学习综述》第 3–5 节", kind=ItemKind.PAPER, tags=("论文",)
        ),
        "hubert": seed.add("复现 HuBERT 第二轮迭代 baseline", kind=ItemKind.EXPERIMENT),
    }


def shows_card(item_id: int, column: str) -> Callable[[State], bool]:
    def check(state: State) -> bool:
        card = state["board"]["cards"].get(str(item_id))
        return bool(state["board"]["visible"] and card and card["column"] == column)

    return check


def finish(app: RunningApp, screens: Path, name: str) -> None:
    shot = app.screenshot(screens / f"{name}.png")
    assert_not_blank(shot)
    assert app.quit() == 0, app.log()


def test_dragging_a_card_from_todo_to_active_saves_it(
    launch: Launch, seed: Seed, screens: Path
) -> None:
    cards = board_cards(seed)
    card, week = cards["grading"], str(seed.week)
    app = launch("board")
    state = app.state(shows_card(card, "todo"), what="the card in To do")

    active = state["board"]["columns"]["active"]
    app.input.drag(center(state["board"]["cards"][str(card)]["rect"]), inside(active, 0.5, 0.8))

    wait_for(lambda: card_of(seed.database, card) == (week, "active"), what="the saved move")
    app.state(shows_card(card, "active"), what="the card shown in Active")
    assert card_of(seed.database, cards["rebuttal"]) == (week, "todo")  # only the dragged one
    finish(app, screens, "drag-card")


def test_ctrl_right_moves_the_selected_card_and_ctrl_z_undoes_it(
    launch: Launch, seed: Seed, screens: Path
) -> None:
    cards = board_cards(seed)
    card, week = cards["rebuttal"], str(seed.week)
    app = launch("board")
    state = app.state(shows_card(card, "todo"), what="the card in To do")

    app.input.click(center(state["board"]["cards"][str(card)]["rect"]))
    app.state(lambda s: s["board"]["cards"][str(card)]["selected"], what="the card selected")
    app.input.key("ctrl+Right")
    wait_for(lambda: card_of(seed.database, card) == (week, "active"), what="the saved move")
    app.state(shows_card(card, "active"), what="the card shown in Active")

    app.input.key("ctrl+z")
    wait_for(lambda: card_of(seed.database, card) == (week, "todo"), what="the undone move")
    finish(app, screens, "keyboard-move")


def drag_to_this_week(app: RunningApp, item_id: int) -> State:
    """Press on a backlog row and carry it to the sidebar's 'This week' (button held)."""
    state = app.state(
        lambda s: s["backlog"]["visible"] and str(item_id) in s["backlog"]["rows"],
        what="the backlog row",
    )
    assert state["sidebar_accepts_drops"], "the sidebar no longer takes dragged items"
    app.input.begin_drag(center(state["backlog"]["rows"][str(item_id)]))
    app.input.glide(center(state["sidebar"]["board"]), steps=12, pause=0.04)
    return state


def test_a_backlog_item_dragged_over_this_week_can_be_dropped_on_the_board(
    launch: Launch, seed: Seed, screens: Path
) -> None:
    board_cards(seed)
    item = backlog_items(seed)["survey"]
    app = launch("backlog")
    state = drag_to_this_week(app, item)

    # Hovering 'This week' with the item shows the board, as tabs do in a browser.
    for _ in range(30):
        app.input.hover(center(state["sidebar"]["board"]), 0.1)
        if app.state()["view"] == "board":
            break
    board = app.state(lambda s: s["board"]["visible"], what="the board while dragging")
    active = board["board"]["columns"]["active"]
    target = inside(active, 0.5, 0.8)
    app.input.glide(target, steps=12, pause=0.04)
    app.input.hover(target, 0.3)
    app.input.release()

    expected = (str(seed.week), "active")
    wait_for(lambda: card_of(seed.database, item) == expected, what="the planned item")
    app.state(shows_card(item, "active"), what="the item shown in Active")
    finish(app, screens, "backlog-to-board")


def test_a_backlog_item_dropped_on_this_week_is_planned_into_todo(
    launch: Launch, seed: Seed, screens: Path
) -> None:
    item = backlog_items(seed)["hubert"]
    app = launch("backlog")
    state = drag_to_this_week(app, item)
    app.input.hover(center(state["sidebar"]["board"]), 0.2)
    app.input.release()

    expected = (str(seed.week), "todo")
    wait_for(lambda: card_of(seed.database, item) == expected, what="the planned item")
    finish(app, screens, "backlog-on-this-week")


def test_clicking_a_backlog_check_box_completes_the_item(
    launch: Launch, seed: Seed, screens: Path
) -> None:
    items = backlog_items(seed)
    item = items["survey"]
    app = launch("backlog")
    state = app.state(
        lambda s: s["backlog"]["visible"] and str(item) in s["backlog"]["checks"],
        what="the backlog row",
    )
    app.input.click(center(state["backlog"]["checks"][str(item)]))

    wait_for(lambda: completed(seed.database, item), what="the item saved as done")
    # The backlog hides finished items; the others stay.
    app.state(lambda s: str(item) not in s["backlog"]["rows"], what="the row to go")
    assert not completed(seed.database, items["hubert"])
    finish(app, screens, "backlog-check")
