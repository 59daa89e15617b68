"""A reminder from the command line to the desktop and back, with a real notification
daemon: dunst on a virtual X screen and a private session bus (tests/support/dunst.py),
and Rizhi running in the background as login starts it (tests/e2e/background.py).

A user types `rizhi remind ID` with the current minute while Rizhi runs: within a few
seconds dbus-monitor sees one Notify naming the item, with its actions and a `uint32`
replaces_id, and `rizhi reminders` calls it shown. A click (dunst's default action,
Open) brings the window forward with the item's editor open. A second reminder is
snoozed from dunst's menu and comes back when its ten minutes have passed (the snooze is
written again from here with `now` ten minutes ago, as if they had), as the notification
it was: its replaces_id is the id dunst gave it before. Done from the menu completes the
item, and dunst's history lists the notifications only once they are closed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.reminders import snooze_until
from app.services.reminders import snooze
from app.store.db import Store
from tests.e2e.background import BackgroundRizhi, visible_window
from tests.e2e.harness import ROOT, Input, wait_for
from tests.support.dunst import NotificationDesktop, notification_desktop

__all__ = ["notification_desktop"]

pytestmark = pytest.mark.e2e

TITLE = "Rebuttal draft for reviewer 2"
EDITOR_TITLE = f"{TITLE} — Edit item"  # app/ui/editor/dialog.py
WINDOW_TITLE = "Rizhi 日知"
ACTION_LABELS = ("Open", "Done", "Snooze 10 min", "Snooze 1 h", "Tomorrow 9:00", "Snooze…")
# "Within a few seconds": the commit is heard within a quarter of a second, then shown.
NOTIFY_WAIT_S = 5.0


def rizhi(home: Path, *args: str) -> str:
    """`rizhi ARGS` as a user runs it in a terminal; what it printed."""
    env = {
        **os.environ,
        "RIZHI_HOME": str(home),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, f"rizhi {' '.join(args)}: {result.stderr}"
    return result.stdout


def rizhi_json(home: Path, *args: str) -> Any:
    return json.loads(rizhi(home, *args, "--json"))


def reminder(home: Path, reminder_id: int) -> dict[str, Any]:
    (row,) = [r for r in rizhi_json(home, "reminders", "--all") if r["id"] == reminder_id]
    return row  # type: ignore[no-any-return]


def remind_now(home: Path, item_id: int) -> int:
    """`rizhi remind ID YYYY-MM-DD HH:MM` for the minute the clock shows; the reminder's
    id. With its date: a time alone is the next time the clock shows it, tomorrow once
    its minute has begun (app/domain/date_reading.py)."""
    return int(rizhi_json(home, "remind", str(item_id), f"{datetime.now():%Y-%m-%d %H:%M}")["id"])


def replaces_id(call: str) -> int:
    """The replaces_id of a Notify call as dbus-monitor prints it: its first uint32
    (after the application's name)."""
    found = re.search(r"^\s*uint32 (\d+)\s*$", call, re.MULTILINE)
    assert found, call
    return int(found.group(1))


def calls_naming(desktop: NotificationDesktop, title: str) -> list[str]:
    """The Notify calls dbus-monitor saw whose summary is `title`, in order."""
    return [call for call in desktop.monitor.notify_calls() if f'string "{title}"' in call]


def write_snooze_ended(home: Path, reminder_id: int) -> None:
    """Ten minutes pass without waiting for them: the snooze is written again as if made
    ten minutes ago, so it ends at the current minute. The running app hears the commit
    as it hears the command line's."""
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    try:
        ago = datetime.now().astimezone() - timedelta(minutes=10)
        snooze(store, reminder_id, snooze_until("10m", ago), now=ago)
    finally:
        store.close()


def test_a_reminder_set_from_the_command_line_is_notified_opened_snoozed_back_and_done(
    notification_desktop: NotificationDesktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desktop = notification_desktop
    dunst = desktop.dunst
    home = tmp_path / "home"
    item_id = int(rizhi_json(home, "add", TITLE)["id"])
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.bus.address)  # for the app only
    display = dunst.env["DISPLAY"]
    app = BackgroundRizhi(home, display, tmp_path)
    keys = Input(display)
    try:
        app.wait_until_serving()

        # 1. Set for now while Rizhi runs: one Notify naming the item, with its actions.
        first = remind_now(home, item_id)
        wait_for(lambda: calls_naming(desktop, TITLE), NOTIFY_WAIT_S, "the reminder's Notify")
        wait_for(lambda: reminder(home, first)["state"] == "shown", what="it recorded shown")
        (call,) = calls_naming(desktop, TITLE)
        for action in ("default", "done", "snooze:10m", "snooze:1h", "snooze:tomorrow"):
            assert f'string "{action}"' in call
        for label in ACTION_LABELS:
            assert f'string "{label}"' in call
        assert replaces_id(call) == 0  # a uint32, as dunst insists
        assert dunst.displayed() == 1
        assert dunst.history() == []  # shown, not closed: not in the history

        # 2. A click (the default action, Open): the window comes forward, the item's
        # editor open in front of it.
        assert visible_window(keys, WINDOW_TITLE) is None  # in the background until now
        dunst.click()
        wait_for(lambda: visible_window(keys, EDITOR_TITLE), what="the item's editor")
        assert visible_window(keys, WINDOW_TITLE) is not None
        wait_for(lambda: dunst.displayed() == 0, what="the clicked notification closed")

        # 3. Another reminder, snoozed for 10 minutes from dunst's menu ...
        second = remind_now(home, item_id)
        wait_for(lambda: len(calls_naming(desktop, TITLE)) == 2, NOTIFY_WAIT_S, "another Notify")
        assert replaces_id(calls_naming(desktop, TITLE)[1]) == 0  # another reminder's
        wait_for(lambda: reminder(home, second)["state"] == "shown", what="it recorded shown")
        dunst.choose("Snooze 10 min")
        snoozed = wait_for(
            lambda: (row := reminder(home, second))["state"] == "snoozed" and row,
            what="the reminder snoozed",
        )
        fires = datetime.strptime(snoozed["next_fire"], "%Y-%m-%d %H:%M")
        assert abs(fires - (datetime.now() + timedelta(minutes=10))) < timedelta(minutes=1)
        wait_for(lambda: dunst.displayed() == 0, what="the snoozed notification closed")
        snoozed_id = dunst.history()[0]["id"]  # the id dunst gave it (newest first)
        # ... comes back when they have passed, as the notification it was.
        write_snooze_ended(home, second)
        wait_for(lambda: len(calls_naming(desktop, TITLE)) == 3, NOTIFY_WAIT_S, "it back")
        assert replaces_id(calls_naming(desktop, TITLE)[2]) == snoozed_id
        wait_for(lambda: reminder(home, second)["state"] == "shown", what="shown again")
        assert dunst.displayed() == 1
        assert len(dunst.history()) == 2  # the two closed, not the one shown again

        # 4. Done from the menu completes the item.
        dunst.choose("Done")
        wait_for(lambda: rizhi_json(home, "show", str(item_id))["completed_at"], what="done")
        wait_for(lambda: dunst.displayed() == 0, what="the answered notification closed")

        # 5. dunst's history: the three notifications closed, newest first; the one
        # shown again kept the id it had.
        closed = dunst.history()
        assert [entry["summary"] for entry in closed] == [TITLE] * 3
        assert [entry["id"] for entry in closed[:2]] == [snoozed_id, snoozed_id]
        assert len(calls_naming(desktop, TITLE)) == 3  # each shown once, none twice
        assert app.terminate() == 0
    finally:
        app.kill()
    logged = (home / "logs" / "rizhi.log").read_text(encoding="utf-8")
    assert not re.search(r" (WARNING|ERROR|CRITICAL) ", logged), logged
