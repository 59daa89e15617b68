"""The desktop notifier with a real daemon: dunst on Xvfb and a private session bus
(tests/support/dunst.py). dbus-monitor sees the Notify call with our actions and a
`uint32` replaces_id, a repeat replaces the notification on screen, dunst's default
action and a menu action come back as the notice's actions, and what the user closes
is a dismissal that dunst's history then lists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.ui.notifications.freedesktop import DesktopNotifier
from app.ui.notifications.notice import DONE, OPEN, Notice
from tests.support.dunst import NotificationDesktop, notification_desktop
from tests.ui.notifications.conftest import Heard

__all__ = ["notification_desktop"]

WAIT_MS = 10_000
ACTIONS = ((OPEN, "Open"), (DONE, "Done"), ("snooze:1h", "1 hour"))


@pytest.fixture
def notifier(notification_desktop: NotificationDesktop, heard: Heard) -> Iterator[DesktopNotifier]:
    desktop = DesktopNotifier(notification_desktop.bus.address)
    heard.follow(desktop)
    yield desktop
    desktop.close()


def test_dbus_monitor_sees_notify_with_our_actions_and_a_repeat_replaces_it(
    notification_desktop: NotificationDesktop, notifier: DesktopNotifier
) -> None:
    dunst, monitor = notification_desktop.dunst, notification_desktop.monitor
    assert notifier.show(Notice("reminder:1", "组会", "15:00", ACTIONS))
    assert notifier.has_actions
    assert notifier.show(Notice("reminder:1", "组会", "15:00, again", ACTIONS))
    assert dunst.displayed() == 1
    first, again = monitor.notify_calls()
    for label in ('string "default"', 'string "Open"', 'string "done"', 'string "1 hour"'):
        assert label in first
    assert 'string "desktop-entry"' in first
    assert "uint32 0" in first
    replaced = [line.strip() for line in again.splitlines() if line.strip().startswith("uint32")]
    assert replaced and replaced[0] != "uint32 0"  # the id dunst gave the first one


def test_the_default_action_and_a_menu_action_come_back(
    qtbot: QtBot,
    notification_desktop: NotificationDesktop,
    notifier: DesktopNotifier,
    heard: Heard,
) -> None:
    dunst = notification_desktop.dunst
    notifier.show(Notice("reminder:1", "Open me", "", ACTIONS))
    dunst.click()
    qtbot.waitUntil(lambda: heard.events == [("action", "reminder:1", OPEN)], timeout=WAIT_MS)
    notifier.show(Notice("reminder:2", "Snooze me", "", ACTIONS))
    dunst.choose("1 hour")
    qtbot.waitUntil(lambda: len(heard.events) == 2, timeout=WAIT_MS)
    assert heard.events[1] == ("action", "reminder:2", "snooze:1h")
    qtbot.waitUntil(lambda: dunst.displayed() == 0, timeout=WAIT_MS)


def test_what_the_user_closes_is_dismissed_and_only_then_in_the_history(
    qtbot: QtBot,
    notification_desktop: NotificationDesktop,
    notifier: DesktopNotifier,
    heard: Heard,
) -> None:
    dunst = notification_desktop.dunst
    notifier.show(Notice("reminder:9", "Write today's log", "", ACTIONS))
    assert [entry["summary"] for entry in dunst.history()] == []
    dunst.close()
    qtbot.waitUntil(lambda: heard.events == [("dismissed", "reminder:9")], timeout=WAIT_MS)
    assert [entry["summary"] for entry in dunst.history()] == ["Write today's log"]
    assert dunst.history()[0]["appname"] == "Rizhi"
