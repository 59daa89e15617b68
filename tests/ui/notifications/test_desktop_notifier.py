"""The desktop notifier against a fake org.freedesktop.Notifications on a private bus:
the exact Notify call, a repeat replacing the earlier notification, actions and closings
coming back as the Notifier's signals on the GUI thread, a service without actions, and
a service or bus that is not there or goes away."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.ui.notifications.freedesktop import DesktopNotifier
from app.ui.notifications.notice import DONE, OPEN, Notice
from tests.support.fake_notify_service import FakeNotifyService
from tests.ui.notifications.conftest import Heard

WAIT_MS = 10_000
ACTIONS = ((OPEN, "Open"), (DONE, "Done"), ("snooze:10m", "10 min"))
NOTICE = Notice("reminder:7", "组会", "Today 15:00 & <room 3>", ACTIONS)


def test_notify_goes_out_with_the_exact_signature_and_what_the_notice_says(
    desktop: DesktopNotifier, service: FakeNotifyService
) -> None:
    assert desktop.show(NOTICE)
    assert desktop.has_actions
    (notify,) = service.calls("Notify")
    assert notify["signature"] == "susssasa{sv}i"
    app_name, replaces_id, icon, summary, body, actions, hints, timeout = notify["body"]
    assert (app_name, replaces_id, icon) == ("Rizhi", 0, "rizhi")
    assert (summary, body) == ("组会", "Today 15:00 & <room 3>")  # no body-markup: as is
    assert actions == ["default", "Open", "done", "Done", "snooze:10m", "10 min"]
    assert hints == {
        "urgency": ["y", 1],
        "desktop-entry": ["s", "rizhi"],
        "category": ["s", "x-rizhi.reminder"],
    }
    assert timeout == -1
    assert [call["member"] for call in service.calls()] == ["GetCapabilities", "Notify"]


def test_a_repeat_of_the_same_key_replaces_the_earlier_notification(
    desktop: DesktopNotifier, service: FakeNotifyService
) -> None:
    assert desktop.show(NOTICE)
    assert desktop.show(NOTICE._replace(body="again"))
    assert desktop.show(Notice("reminder:8", "another", "", critical=True))
    first, again, other = service.calls("Notify")
    assert first["body"][1] == 0
    assert again["body"][1] == 1  # the id the service answered first, sent as `u`
    assert other["body"][1] == 0
    assert other["body"][6]["urgency"] == ["y", 2]
    assert other["body"][7] == 0  # a critical notice stays until acted on


def test_an_action_comes_back_on_the_gui_thread_and_its_closing_is_no_dismissal(
    qtbot: QtBot, desktop: DesktopNotifier, service: FakeNotifyService, heard: Heard
) -> None:
    heard.follow(desktop)
    threads: list[int] = []
    desktop.action_invoked.connect(lambda *_: threads.append(threading.get_ident()))
    desktop.show(NOTICE)
    service.invoke(1, "snooze:10m")
    qtbot.waitUntil(
        lambda: heard.events == [("action", "reminder:7", "snooze:10m")], timeout=WAIT_MS
    )
    assert threads == [threading.get_ident()]
    # The notifier closes the notification itself after an action.
    qtbot.waitUntil(lambda: bool(service.calls("CloseNotification")), timeout=WAIT_MS)
    assert service.calls("CloseNotification")[0]["body"] == [1]
    desktop.show(Notice("reminder:8", "next", ""))
    service.close(2, 2)  # a later event, so the earlier ones have all arrived
    qtbot.waitUntil(lambda: len(heard.events) == 2, timeout=WAIT_MS)
    assert heard.events[1] == ("dismissed", "reminder:8")


def test_expired_and_dismissed_notifications_are_dismissals_and_withdrawn_ones_are_not(
    qtbot: QtBot, desktop: DesktopNotifier, service: FakeNotifyService, heard: Heard
) -> None:
    heard.follow(desktop)
    for number in (1, 2, 3):
        desktop.show(Notice(f"k{number}", f"notice {number}", ""))
    desktop.withdraw("k3")
    qtbot.waitUntil(lambda: bool(service.calls("CloseNotification")), timeout=WAIT_MS)
    assert service.calls("CloseNotification")[0]["body"] == [3]
    service.close(1, 1)  # expired
    service.close(2, 2)  # dismissed by the user
    qtbot.waitUntil(lambda: len(heard.events) == 2, timeout=WAIT_MS)
    assert heard.events == [("dismissed", "k1"), ("dismissed", "k2")]
    # Once closed, the key's next notice still names the id it had: a daemon that keeps
    # it (dunst) shows the same notification again, this one makes a new one.
    desktop.show(Notice("k1", "notice 1 again", ""))
    assert service.calls("Notify")[-1]["body"][1] == 1


def test_a_notice_acted_on_and_shown_again_names_the_id_it_had(
    qtbot: QtBot, desktop: DesktopNotifier, service: FakeNotifyService, heard: Heard
) -> None:
    """A reminder snoozed from its notification comes back when the snooze ends: as
    the notification it was, though that one closed with the action."""
    heard.follow(desktop)
    desktop.show(NOTICE)
    service.invoke(1, "snooze:10m")
    qtbot.waitUntil(lambda: bool(service.calls("CloseNotification")), timeout=WAIT_MS)
    desktop.show(Notice("reminder:8", "next", ""))
    service.close(2, 2)  # a later event, so the first one's closing has arrived
    qtbot.waitUntil(lambda: len(heard.events) == 2, timeout=WAIT_MS)
    desktop.withdraw(NOTICE.key)  # closed already: nothing to close
    assert len(service.calls("CloseNotification")) == 1
    assert desktop.show(NOTICE._replace(body="snooze over"))
    assert service.calls("Notify")[-1]["body"][1] == 1
    assert heard.events == [("action", "reminder:7", "snooze:10m"), ("dismissed", "reminder:8")]
    # The service made it anew (id 3): that is the one a withdraw closes now.
    desktop.withdraw(NOTICE.key)
    qtbot.waitUntil(lambda: len(service.calls("CloseNotification")) == 2, timeout=WAIT_MS)
    assert service.calls("CloseNotification")[-1]["body"] == [3]


def test_a_service_without_actions_is_told_to_the_caller(
    desktop: DesktopNotifier, service_with: Callable[..., FakeNotifyService]
) -> None:
    service = service_with("--no-actions", "--no-body")
    assert desktop.show(NOTICE)
    assert not desktop.has_actions
    (notify,) = service.calls("Notify")
    assert notify["body"][3:6] == ["组会: Today 15:00 & <room 3>", "", []]


def test_markup_in_the_body_is_escaped_where_the_service_reads_markup() -> None:
    from app.ui.notifications import freedesktop_messages as fdn

    capabilities = fdn.Capabilities(["body", "body-markup", "actions"])
    message = fdn.notify(NOTICE, 0, capabilities)
    assert message.body[4] == "Today 15:00 &amp; &lt;room 3&gt;"


def test_no_service_on_the_bus_means_show_answers_false(
    qtbot: QtBot, desktop: DesktopNotifier
) -> None:
    assert not desktop.available()
    assert not desktop.show(NOTICE)


def test_no_bus_at_all_means_show_answers_false() -> None:
    notifier = DesktopNotifier("unix:path=/nonexistent/rizhi-test-bus")
    assert not notifier.show(NOTICE)
    notifier.close()


def test_a_service_that_goes_away_is_found_again_at_the_next_show(
    qtbot: QtBot,
    desktop: DesktopNotifier,
    service_with: Callable[..., FakeNotifyService],
    heard: Heard,
    caplog: pytest.LogCaptureFixture,
) -> None:
    heard.follow(desktop)
    first = service_with()
    assert desktop.show(NOTICE)
    first.stop()  # NameOwnerChanged: the notifier lets the connection go
    qtbot.waitUntil(lambda: not desktop.show(NOTICE), timeout=WAIT_MS)
    # Heard from the bus, or met by the call if that came first.
    assert "left the bus" in caplog.text or "ServiceUnknown" in caplog.text
    caplog.clear()
    second = service_with("--no-actions")
    assert desktop.show(NOTICE)
    assert not desktop.has_actions  # asked again: the new service differs
    (notify,) = second.calls("Notify")
    assert notify["body"][1] == 0  # the old service's id means nothing here
    second.close(1, 2)
    qtbot.waitUntil(lambda: heard.events == [("dismissed", "reminder:7")], timeout=WAIT_MS)
