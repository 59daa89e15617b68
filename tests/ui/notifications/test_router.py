"""make_notifier's router with the desktop's service (the fake one on a private bus):
the desktop alone when it shows actions, the desktop and the banner when it does not,
and one answer for a notice shown in both places."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.notifications.banner import BannerArea
from app.ui.notifications.choose import NoticeRouter, make_notifier
from app.ui.notifications.notice import DONE, OPEN, Notice
from tests.support.fake_notify_service import FakeNotifyService
from tests.support.session_bus import SessionBus
from tests.ui.notifications.conftest import Heard

WAIT_MS = 10_000
NOTICE = Notice("reminder:3", "Camera-ready", "due 18:00", ((OPEN, "Open"), (DONE, "Done")))


@pytest.fixture
def area(qtbot: QtBot) -> Iterator[BannerArea]:
    host = QWidget()
    qtbot.addWidget(host)
    banners = BannerArea(host)
    host.show()
    yield banners
    host.close()


@pytest.fixture
def router(session_bus: SessionBus, area: BannerArea, heard: Heard) -> Iterator[NoticeRouter]:
    notifier = make_notifier(None, lambda: area, environ=session_bus.environment())
    heard.follow(notifier)
    yield notifier
    assert notifier.desktop is not None
    notifier.desktop.close()


def test_a_service_with_actions_shows_the_notice_alone_even_with_the_window_in_front(
    qtbot: QtBot, router: NoticeRouter, service: FakeNotifyService, area: BannerArea, heard: Heard
) -> None:
    qtbot.waitUntil(area.isActiveWindow)
    assert router.show(NOTICE)
    assert router.via == "desktop"
    assert area.keys() == []
    service.invoke(1, DONE)
    qtbot.waitUntil(lambda: heard.events == [("action", "reminder:3", DONE)], timeout=WAIT_MS)


def test_without_actions_the_banner_carries_them_and_an_action_there_closes_the_desktops(
    qtbot: QtBot,
    router: NoticeRouter,
    service_with: Callable[..., FakeNotifyService],
    area: BannerArea,
    heard: Heard,
) -> None:
    service = service_with("--no-actions")
    assert router.show(NOTICE)
    assert router.via == "desktop+banner"
    assert service.calls("Notify")[0]["body"][5] == []
    qtbot.mouseClick(area.rows()[0].buttons[DONE], Qt.MouseButton.LeftButton)
    assert heard.events == [("action", "reminder:3", DONE)]
    qtbot.waitUntil(lambda: bool(service.calls("CloseNotification")), timeout=WAIT_MS)


def test_a_notice_in_both_places_is_dismissed_once_both_let_it_go(
    qtbot: QtBot,
    router: NoticeRouter,
    service_with: Callable[..., FakeNotifyService],
    area: BannerArea,
    heard: Heard,
) -> None:
    service = service_with("--no-actions")
    router.show(NOTICE)
    service.close(1, 1)  # the desktop's notification expired: the banner still holds it
    router.show(Notice("marker", "m", ""))  # shown after the closing, so heard after it
    service.close(2, 2)
    qtbot.waitUntil(lambda: ("dismissed", "marker") in heard.events, timeout=WAIT_MS)
    assert ("dismissed", "reminder:3") not in heard.events
    assert area.keys() == ["reminder:3"]
    qtbot.mouseClick(area.rows()[0].close_button, Qt.MouseButton.LeftButton)
    assert heard.events[-1] == ("dismissed", "reminder:3")
