"""A unit's review, done with the keyboard in the real window on a virtual X screen.

The store holds a unit that ended three days ago with three unfinished linked items. At
start the window asks for the review; "Later" (Escape) puts it off, Ctrl+Shift+R opens
it anyway, C, B and D decide for the three items, the reflection and the rating are
typed, Ctrl+Enter completes it. SQLite, read with a fresh connection, must then show the
unit closed with its reflection, the decisions applied and the next unit created.
A unit on its first day is asked about before its review opens, No by default.

The screenshot of the window with the review filled in goes to the test's temporary
folder; `make screenshots` runs this test to take docs/screenshots/unit-review.png.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.domain.enums import Column, Horizon, ItemKind
from app.domain.units import parse_goal_spec
from app.services.item_edits import set_completed
from app.services.units import create_unit, link_items
from tests.e2e.conftest import Seed
from tests.e2e.harness import RunningApp, assert_not_blank, wait_for

pytestmark = pytest.mark.e2e


class AskingApp(RunningApp):
    """The app, started on a store whose unit is waiting for its review: the question it
    asks at start holds the focus, so the main window is not awaited as the active one."""

    def _wait_for_window(self) -> int:
        found = self.input.run("search", "--sync", "--onlyvisible", "--name", "Rizhi", timeout=30)
        window = int(found.split()[0])
        self.state(lambda s: s["window"][2] > 0)
        return window


REFLECTION = "Two papers short: a game came out mid-unit. Mornings worked best."


def seed_ended_unit(seed: Seed) -> dict[str, int]:
    today = date.today()
    start = today - timedelta(days=12)  # ten days, the last one three days ago
    unit, _ = create_unit(
        seed.store,
        now=datetime.now().astimezone(),
        start=start,
        goals=[
            parse_goal_spec("papers=2..3 Read two papers on SSL"),
            parse_goal_spec("coding=1 Transducer decoding"),
            parse_goal_spec("math=1 Linear algebra 3.4"),
        ],
    )
    ids = {
        "done": seed.add("Graves '12: sequence transduction", kind=ItemKind.PAPER, tags=("paper",)),
        "carry": seed.add("Read: Barlow Twins (Zbontar et al.)", Column.TODO, kind=ItemKind.PAPER),
        "backlog": seed.add("Beam search for the transducer", Column.TODO, horizon=Horizon.WEEK),
        "drop": seed.add("Strang 3.4 exercises"),
    }
    completed = datetime.combine(start + timedelta(days=2), time(15, 0)).astimezone()
    set_completed(seed.store, ids["done"], True, now=completed)
    goals = {g.category: g.id for g in unit.goals}
    link_items(seed.store, goals["Papers"], [ids["done"], ids["carry"]])
    link_items(seed.store, goals["Coding"], [ids["backlog"]])
    link_items(seed.store, goals["Math"], [ids["drop"]])
    ids["unit"] = unit.id
    return ids


def window_named(app: RunningApp, name: str) -> int:
    """The id of the visible X window titled `name`, once it is mapped, focused."""
    found = app.input.run("search", "--sync", "--onlyvisible", "--name", name, timeout=20)
    window = int(found.split()[0])
    app.input.run("windowfocus", "--sync", str(window))
    return window


def window_gone(app: RunningApp, name: str) -> None:
    """Until no visible X window is titled `name`: a dialog closed is unmapped only once
    the app has handled the key, which may come after other start-up work."""

    def gone() -> bool:
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env=app.input.env,
            capture_output=True,
            text=True,
            check=False,
        )
        return not result.stdout.split()

    wait_for(gone, what=f"the {name!r} window to close")


def read(database: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(database, timeout=5)
    try:
        return [tuple(row) for row in connection.execute(sql, params)]
    finally:
        connection.close()


@pytest.mark.skipif(shutil.which("import") is None, reason="ImageMagick's import is needed")
def test_a_review_is_put_off_then_completed_with_the_keyboard(
    display: str, seed: Seed, screens: Path, tmp_path: Path
) -> None:
    ids = seed_ended_unit(seed)
    seed.finish("units")
    app = AskingApp(seed.home, display, tmp_path)
    try:
        review_with_the_keyboard(app, seed, ids, screens)
    finally:
        app.kill()


def review_with_the_keyboard(
    app: RunningApp, seed: Seed, ids: dict[str, int], screens: Path
) -> None:

    # The window asks at start; Escape is "Later", and the question does not come back.
    window_named(app, "Unit review due")
    app.input.key("Escape")
    window_gone(app, "Unit review due")  # focus given before it closes would go with it
    app.input.run("windowfocus", "--sync", str(app.window_id))
    app.state(lambda s: s["view"] == "units" and s["active"], what="the Units view, active")

    app.input.key("ctrl+shift+r")
    window_named(app, "Review unit 1")
    app.input.key("c", "b", "d")  # the three items, in the order shown
    app.input.key("Tab")
    app.input.run("type", "--delay", "25", REFLECTION)
    app.input.key("Tab", "4")
    app.state(
        lambda s: (
            s["dialogs"].get("Review unit 1", {}).get("reflection") == REFLECTION
            and s["dialogs"]["Review unit 1"]["rating"] == 4
        ),
        what="the reflection typed and the rating given",
    )
    shot = app.grab(screens / "unit-review.png")  # the window, the review over it
    assert_not_blank(shot)
    app.input.key("ctrl+Return")

    database = seed.database
    wait_for(
        lambda: read(database, "SELECT closed_at FROM study_units WHERE id = ?", ids["unit"])[0][0],
        what="the unit closed",
    )
    assert read(
        database, "SELECT reflection, rating FROM study_units WHERE id = ?", ids["unit"]
    ) == [(REFLECTION, 4)]
    decided = read(
        database, "SELECT item_id, decision FROM unit_review_items WHERE unit_id = ?", ids["unit"]
    )
    assert sorted(decided) == sorted(
        [(ids["carry"], "carry"), (ids["backlog"], "backlog"), (ids["drop"], "drop")]
    )
    following = read(database, "SELECT id, start_date, days FROM study_units WHERE number = 2")
    assert len(following) == 1
    next_id, next_start, days = following[0]
    assert days == 10 and next_start == (date.today() - timedelta(days=2)).isoformat()
    carried = read(
        database,
        "SELECT g.unit_id FROM goal_items gi JOIN unit_goals g ON g.id = gi.goal_id"
        " WHERE gi.item_id = ? ORDER BY g.unit_id",
        ids["carry"],
    )
    assert carried == [(ids["unit"],), (next_id,)]
    assert read(database, "SELECT 1 FROM board_cards WHERE item_id = ?", ids["backlog"]) == []
    assert read(database, "SELECT horizon FROM items WHERE id = ?", ids["backlog"]) == [("short",)]
    assert read(database, "SELECT deleted_at IS NOT NULL FROM items WHERE id = ?", ids["drop"]) == [
        (1,)
    ]
    assert app.quit() == 0, app.log()


def test_an_early_review_is_asked_about_and_no_is_the_default(
    display: str, seed: Seed, tmp_path: Path
) -> None:
    """On a unit's first day Ctrl+Shift+R asks "9 days left — review now?": Enter takes
    the default, No, and nothing happens; Alt+Y opens the review, which closes the unit."""
    create_unit(
        seed.store,
        now=datetime.now().astimezone(),
        start=date.today(),
        goals=[parse_goal_spec("papers=2")],
    )
    seed.finish("units")
    app = RunningApp(seed.home, display, tmp_path)
    question = "Review unit 1 early?"
    try:
        app.state(lambda s: s["view"] == "units" and s["active"], what="the Units view")
        app.input.key("ctrl+shift+r")
        window_named(app, question)
        app.state(lambda s: question in s["dialogs"], what="the question")
        app.input.key("Return")
        app.state(lambda s: not s["dialogs"], what="the question answered No")
        # No window manager on the virtual screen gives the focus back: the test does.
        app.input.run("windowfocus", "--sync", str(app.window_id))
        app.state(lambda s: s["active"] and not s["dialogs"], what="the window, no review")
        assert read(seed.database, "SELECT closed_at FROM study_units") == [(None,)]

        app.input.key("ctrl+shift+r")
        window_named(app, question)
        app.input.key("alt+y")
        app.state(
            lambda s: (
                s["dialogs"].get("Review unit 1", {}).get("class") == "ReviewDialog"
                and question not in s["dialogs"]
            ),
            what="the review, opened by Yes",
        )
        window_named(app, "^Review unit 1$")
        app.input.key("ctrl+Return")
        wait_for(
            lambda: read(seed.database, "SELECT closed_at FROM study_units WHERE number = 1")[0][0],
            what="the unit closed early",
        )
        assert app.quit() == 0, app.log()
    finally:
        app.kill()
