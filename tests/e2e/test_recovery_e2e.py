"""A damaged data file restored from the recovery dialog with the keyboard alone, on a
virtual X screen.

The data folder holds two backups, an older and a newer one; then the live file's header
is overwritten, as a disk or a sync tool can leave it. The app starts as a user starts
it and shows the recovery dialog instead of the window: the list has the focus with the
newest good backup selected, Down and Up choose, Enter restores. The window then opens on
the restored data: the backlog shows the items of the newer backup (read from the app's
own report, app_under_test.py), not the one added after it, and the damaged file is kept
beside the restored one. The dialog's picture is saved (docs/screenshots/recovery.png
when scripts/screenshots.py runs this test).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.services.backups import backup
from app.services.settings import set_settings
from tests.damage import damage
from tests.e2e.conftest import Seed
from tests.e2e.harness import RunningApp, State, assert_not_blank

pytestmark = pytest.mark.e2e

TITLE = "Rizhi cannot open its data"  # app/ui/recovery_dialog.py


def recovery(state: State) -> dict[str, Any] | None:
    about = state["dialogs"].get(TITLE)
    return about if about is not None and about["class"] == "RecoveryDialog" else None


def selected(state: State, path: Path) -> bool:
    about = recovery(state)
    return about is not None and about["selected"] == str(path)


@pytest.fixture
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Seed]:
    """The data folder where Rizhi keeps it on Linux, in a home folder of the test's own:
    the dialog shows its paths from "~", as a user sees them."""
    home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(home))
    seeded = Seed(home / ".local" / "share" / "rizhi")
    yield seeded
    seeded.store.close()  # closing twice is harmless


def test_a_damaged_file_is_restored_from_the_dialog_with_the_keyboard(
    display: str, seed: Seed, screens: Path, tmp_path: Path
) -> None:
    now = datetime.now().astimezone()
    set_settings(seed.store, {"board.rollover": "manual"})  # in the backups too
    first = [seed.add(title) for title in ("Read the Conformer paper", "批改作业")]
    older = backup(seed.store, None, now=now - timedelta(days=2))
    kept = [*first, seed.add("Reply to reviewer 2"), seed.add("组会汇报：消融实验")]
    newer = backup(seed.store, None, now=now - timedelta(hours=1))
    lost = seed.add("Added after the last backup")
    seed.finish("backlog")
    damage(seed.database, "header overwritten")
    damaged = seed.database.read_bytes()

    app = RunningApp(seed.home, display, tmp_path, window=False)
    try:
        restore_with_the_keyboard(app, older, newer, screens)
        app.wait_for_window()
        state = app.state(
            lambda s: (
                s["backlog"]["visible"] and {str(i) for i in kept} <= set(s["backlog"]["rows"])
            ),
            what="the restored items in the backlog",
        )
        assert str(lost) not in state["backlog"]["rows"]
        (aside,) = seed.home.glob("rizhi.sqlite3.damaged-*[0-9]")
        assert aside.read_bytes() == damaged
        assert app.quit() == 0, app.log()
    finally:
        app.kill()


def restore_with_the_keyboard(app: RunningApp, older: Path, newer: Path, screens: Path) -> None:
    found = app.input.run("search", "--sync", "--onlyvisible", "--name", TITLE, timeout=30)
    dialog = int(found.split()[0])
    app.input.run("windowfocus", "--sync", str(dialog))
    state = app.state(
        lambda s: selected(s, newer) and s["focus"] == "BackupList",
        timeout=30,
        what="the recovery dialog, its list focused on the newest good backup",
    )
    about = recovery(state)
    assert about is not None and about["rows"] == 2
    if shutil.which("import"):
        shot = app.grab(screens / "recovery.png", dialog)
        assert_not_blank(shot)
    app.input.key("Down")
    app.state(lambda s: selected(s, older), what="the older backup selected")
    app.input.key("Up")
    app.state(lambda s: selected(s, newer), what="the newer backup selected again")
    app.input.key("Return")
