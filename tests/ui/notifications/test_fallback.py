"""Without the desktop's notification service: the banner in the window carries the
actions (stacked, replaced by key, dismissed with × or Esc), the tray's message is Open,
and make_notifier falls back by itself where there is no session bus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.notifications.banner import SHOWN, BannerArea
from app.ui.notifications.choose import make_notifier, session_bus_address
from app.ui.notifications.fallback import TrayNotifier
from app.ui.notifications.notice import DONE, OPEN, Notice
from app.ui.settings import UiSettings
from tests.ui.notifications.conftest import Heard

ACTIONS = ((OPEN, "Open"), (DONE, "Done"), ("snooze:1h", "1 hour"))


def notice(number: int, **fields: object) -> Notice:
    return Notice(f"reminder:{number}", f"title {number}", f"body {number}", ACTIONS)._replace(
        **fields  # type: ignore[arg-type]
    )


@pytest.fixture
def area(qtbot: QtBot) -> Iterator[BannerArea]:
    host = QWidget()  # held here: qtbot holds its widgets weakly
    qtbot.addWidget(host)
    banners = BannerArea(host)
    host.show()
    yield banners
    host.close()


class FakeTray(QSystemTrayIcon):
    """A tray icon that is shown and notes its messages (offscreen Qt has no tray)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def isVisible(self) -> bool:
        return True

    def showMessage(self, title: str, body: str, *_: object) -> None:  # type: ignore[override]
        self.messages.append((title, body))


def test_the_banner_shows_a_notice_with_a_button_per_action(
    qtbot: QtBot, area: BannerArea, heard: Heard
) -> None:
    heard.follow(area)
    area.add(notice(1))
    assert area.isVisible()
    (row,) = area.rows()
    assert [button.text() for button in row.buttons.values()] == ["Open", "Done", "1 hour"]
    qtbot.mouseClick(row.buttons[DONE], Qt.MouseButton.LeftButton)
    assert heard.events == [("action", "reminder:1", DONE)]
    assert area.keys() == []
    assert not area.isVisible()


def test_notices_stack_newest_first_and_the_rest_wait_as_and_n_more(area: BannerArea) -> None:
    for number in range(1, SHOWN + 3):
        area.add(notice(number))
    assert [row.notice.key for row in area.rows()] == ["reminder:5", "reminder:4", "reminder:3"]
    assert area.more.isVisible()
    assert area.more.text() == "and 2 more"
    area.add(notice(1, body="again"))  # the same key replaces and comes to the top
    assert area.keys() == ["reminder:1", "reminder:5", "reminder:4", "reminder:3", "reminder:2"]
    assert area.rows()[0].notice.body == "again"
    assert area.remove("reminder:5")
    assert not area.remove("reminder:5")
    assert area.more.text() == "and 1 more"


def test_close_and_escape_dismiss(qtbot: QtBot, area: BannerArea, heard: Heard) -> None:
    heard.follow(area)
    for number in (1, 2, 3):
        area.add(notice(number))
    qtbot.mouseClick(area.rows()[1].close_button, Qt.MouseButton.LeftButton)
    assert heard.events == [("dismissed", "reminder:2")]
    area.rows()[0].close_button.setFocus()
    qtbot.waitUntil(area.rows()[0].close_button.hasFocus)
    qtbot.keyClick(area.rows()[0].close_button, Qt.Key.Key_Escape)
    qtbot.keyClick(area.focusWidget(), Qt.Key.Key_Escape)
    assert heard.events[1:] == [("dismissed", "reminder:3"), ("dismissed", "reminder:1")]
    assert not area.isVisible()


def test_the_tray_message_is_open_and_the_banner_keeps_the_actions(
    qtbot: QtBot, area: BannerArea, heard: Heard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    tray = FakeTray()
    notifier = TrayNotifier(tray, lambda: area)
    heard.follow(notifier)
    qtbot.waitUntil(area.isActiveWindow)
    assert notifier.show(notice(2))  # the window in front: its banner says it
    assert tray.messages == []
    notifier.withdraw("reminder:2")
    area.window().hide()  # the window in the background: the tray says it as well
    assert notifier.show(notice(1))
    assert tray.messages == [("title 1", "body 1")]
    assert area.keys() == ["reminder:1"]
    tray.messageClicked.emit()
    assert heard.events == [("action", "reminder:1", OPEN)]
    assert area.keys() == []
    tray.messageClicked.emit()  # a message already acted on opens nothing
    assert len(heard.events) == 1


def test_without_a_window_nor_a_tray_nothing_is_shown() -> None:
    assert not TrayNotifier(None, lambda: None).show(notice(1))


def test_no_session_bus_gives_the_fallback_and_its_banner_acts(
    qtbot: QtBot, area: BannerArea, heard: Heard, tmp_path: Path
) -> None:
    environ = {"XDG_RUNTIME_DIR": str(tmp_path)}  # and no DBUS_SESSION_BUS_ADDRESS
    assert session_bus_address(environ) is None
    notifier = make_notifier(None, lambda: area, environ=environ)
    assert notifier.desktop is None
    heard.follow(notifier)
    assert notifier.show(notice(1))
    assert notifier.via == "fallback"
    qtbot.mouseClick(area.rows()[0].buttons["snooze:1h"], Qt.MouseButton.LeftButton)
    assert heard.events == [("action", "reminder:1", "snooze:1h")]


def test_a_bus_that_is_not_there_falls_back_at_each_show(
    qtbot: QtBot, area: BannerArea, heard: Heard, tmp_path: Path
) -> None:
    environ = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}
    notifier = make_notifier(None, lambda: area, environ=environ)
    assert notifier.desktop is not None  # only tried at the first show
    heard.follow(notifier)
    assert notifier.show(notice(1))
    assert notifier.via == "fallback"
    qtbot.mouseClick(area.rows()[0].close_button, Qt.MouseButton.LeftButton)
    assert heard.events == [("dismissed", "reminder:1")]


def test_the_window_hosts_the_banner_above_its_pages(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.banners.isVisible()
    window.banners.add(notice(1))
    qtbot.waitUntil(lambda: window.banners.height() > 0 and window.banners.isVisible())
    top_of_banner = window.banners.mapTo(window, window.banners.rect().topLeft()).y()
    top_of_pages = window.stack.mapTo(window, window.stack.rect().topLeft()).y()
    assert top_of_banner < top_of_pages


def test_the_banner_is_painted_in_the_theme(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    for mode in ("light", "dark"):
        window.theme.set_mode(mode)
        window.banners.add(notice(1))
        row = window.banners.rows()[0]
        window.show()
        qtbot.waitExposed(window)
        image = row.grab().toImage()
        inside = image.pixelColor(image.width() // 2, image.height() - 4)
        assert inside == window.theme.tokens.column_header_bg, mode
