"""Tab, Shift+Tab and Esc in the backlog of the real window, pressed on the X keyboard.

In a window Qt's focus chain takes Tab before a widget's own key handling, so only a
real window under X shows whether Tab nests the selected item or moves the focus away.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import Seed
from tests.e2e.harness import RunningApp, State, assert_not_blank, center, wait_for

pytestmark = pytest.mark.e2e

Launch = Callable[[str], RunningApp]


def parent_of(database: Path, item_id: int) -> int | None:
    connection = sqlite3.connect(database, timeout=5)
    try:
        row = connection.execute("SELECT parent_id FROM items WHERE id = ?", (item_id,)).fetchone()
    finally:
        connection.close()
    return None if row is None else row[0]


def shown_with_focus(item_id: int) -> Callable[[State], bool]:
    """The item's row is on screen (every row above it open) and the list has the focus."""

    def check(state: State) -> bool:
        return str(item_id) in state["backlog"]["rows"] and state["focus"] == "BacklogTree"

    return check


def test_tab_nests_shift_tab_takes_out_and_esc_clears_the_filter(
    launch: Launch, seed: Seed, screens: Path
) -> None:
    # Shown newest first: the thesis (holding a chapter, closed), the idea, the survey.
    survey = seed.add("精读：《自监督学习综述》第 3–5 节")
    idea = seed.add("Idea: pitch-shift augmentation")
    thesis = seed.add("Thesis")
    seed.add("Chapter 1 引言", parent_id=thesis)
    app = launch("backlog")
    state = app.state(
        lambda s: s["backlog"]["visible"] and str(idea) in s["backlog"]["rows"],
        what="the backlog rows",
    )
    app.input.click(center(state["backlog"]["rows"][str(idea)]))
    app.state(lambda s: s["focus"] == "BacklogTree", what="the list to take the focus")

    app.input.key("Tab")
    wait_for(lambda: parent_of(seed.database, idea) == thesis, what="the idea nested")
    # The thesis opens to show it; the list keeps the focus.
    app.state(shown_with_focus(idea), what="the nested idea shown, the list focused")

    app.input.key("shift+Tab")
    wait_for(lambda: parent_of(seed.database, idea) is None, what="the idea taken out")
    app.state(shown_with_focus(idea), what="the idea shown, the list focused")
    assert parent_of(seed.database, survey) is None  # only the selected item moved
    shot = app.screenshot(screens / "backlog-tab.png")
    assert_not_blank(shot)

    # Esc in the filter box clears it and gives the list the focus back.
    app.input.key("ctrl+f")
    app.state(lambda s: s["focus"] == "QLineEdit", what="the filter box focused")
    app.input.run("type", "--delay", "60", "pitch")
    app.state(lambda s: set(s["backlog"]["rows"]) == {str(idea)}, what="the filtered list")
    app.input.key("Escape")
    app.state(
        lambda s: str(survey) in s["backlog"]["rows"] and s["focus"] == "BacklogTree",
        what="the whole list back, focused",
    )
    assert app.quit() == 0, app.log()
