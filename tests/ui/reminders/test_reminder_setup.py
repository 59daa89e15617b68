"""The instance's reminders: the scheduler starts at once in the background and after
the first frame with a window; notices go where app/ui/notifications sends them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from app.store.db import Store
from app.ui.launch import when_ready
from app.ui.main_window import MainWindow
from app.ui.notifications.choose import NoticeRouter
from app.ui.notifications.notice import OPEN, Notice
from app.ui.ops import Operations
from app.ui.reminders.setup import Reminders
from app.ui.settings import UiSettings
from app.ui.tray import Tray
from tests.ui.reminders.conftest import Clock


class FakeInstance(QObject):
    """What the reminders use of app/ui/background.py's Instance."""

    def __init__(self, build: MainWindow | None = None) -> None:
        super().__init__()
        self.tray: Tray | None = None
        self.window = build
        self.shown = 0

    def show_window(self) -> None:
        self.shown += 1
        assert self.window is not None
        self.window.bring_to_front()


@pytest.fixture
def started() -> Iterator[list[Reminders]]:
    made: list[Reminders] = []
    yield made
    for reminders in made:
        reminders.stop()


Windowed = tuple[MainWindow, FakeInstance, Reminders]


@pytest.fixture
def windowed(
    qtbot: QtBot, store: Store, clock: Clock, ui_settings: UiSettings, started: list[Reminders]
) -> Windowed:
    """A window, the instance holding it, and its reminders, not started."""
    ops = Operations(store, clock)
    window = MainWindow(store, ui_settings, ops=ops)
    qtbot.addWidget(window)
    instance = FakeInstance(window)
    reminders = Reminders(instance, ops)  # type: ignore[arg-type]
    started.append(reminders)
    return window, instance, reminders


def test_in_the_background_the_scheduler_starts_at_once(
    qtbot: QtBot, store: Store, clock: Clock, qapp: object, started: list[Reminders]
) -> None:
    instance = FakeInstance()
    reminders = Reminders(instance, Operations(store, clock))  # type: ignore[arg-type]
    started.append(reminders)
    when_ready(None, reminders.start)
    qtbot.waitUntil(lambda: reminders.scheduler is not None)
    assert reminders.scheduler is not None and reminders.scheduler.running
    assert reminders.scheduler.ready.wait(3)
    assert isinstance(reminders.delivery.notifier if reminders.delivery else None, NoticeRouter)


def test_with_a_window_it_starts_after_the_first_frame(qtbot: QtBot, windowed: Windowed) -> None:
    window, _, reminders = windowed
    when_ready(window, reminders.start)
    assert reminders.scheduler is None  # nothing before the first frame
    window.show()
    qtbot.waitUntil(lambda: reminders.scheduler is not None, timeout=3000)


def test_without_a_session_bus_a_notice_reaches_the_window_s_banner_and_acts(
    qtbot: QtBot, windowed: Windowed
) -> None:
    window, _, reminders = windowed
    window.show()
    reminders.start()
    qtbot.waitUntil(lambda: reminders.delivery is not None)
    assert reminders.delivery is not None
    notifier = reminders.delivery.notifier
    acted: list[tuple[str, str]] = []
    notifier.action_invoked.connect(lambda key, action: acted.append((key, action)))
    assert notifier.show(Notice("reminder:1", "rebuttal", "Due now", ((OPEN, "Open"),)))
    assert window.banners.keys() == ["reminder:1"]
    qtbot.mouseClick(window.banners.rows()[0].buttons[OPEN], Qt.MouseButton.LeftButton)
    assert acted == [("reminder:1", OPEN)]


def test_the_tray_menu_opens_the_list(qtbot: QtBot, windowed: Windowed) -> None:
    from app.ui.reminders.recent_dialog import RecentReminders

    window, instance, reminders = windowed
    instance.tray = Tray(QIcon(), show=lambda: None, capture=lambda: None, quit=lambda: None)
    reminders.start()
    qtbot.waitUntil(lambda: reminders.scheduler is not None)
    assert reminders.delivery is not None
    assert isinstance(reminders.delivery.notifier, NoticeRouter)
    texts = [a.text() for a in instance.tray.menu.actions()]
    assert texts == ["Show Rizhi", "Quick capture", "Reminders…", "", "Quit Rizhi"]
    instance.tray.menu.actions()[2].trigger()
    assert instance.shown == 1
    dialog = window.findChild(RecentReminders)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
