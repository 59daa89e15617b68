"""Fixtures for the notifiers: a private session bus (tests/support/session_bus.py), the
fake notification service on it, and notifiers closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.ui.notifications.freedesktop import DesktopNotifier
from tests.support.fake_notify_service import FakeNotifyService
from tests.support.session_bus import SessionBus, session_bus

__all__ = ["session_bus"]


class Heard:
    """What a notifier reported: (signal, key, action) in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, ...]] = []

    def follow(self, notifier: object) -> None:
        notifier.action_invoked.connect(  # type: ignore[attr-defined]
            lambda key, action: self.events.append(("action", key, action))
        )
        notifier.dismissed.connect(  # type: ignore[attr-defined]
            lambda key: self.events.append(("dismissed", key))
        )


@pytest.fixture
def heard() -> Heard:
    return Heard()


@pytest.fixture
def service_with(session_bus: SessionBus) -> Iterator[Callable[..., FakeNotifyService]]:
    started: list[FakeNotifyService] = []

    def start(*options: str) -> FakeNotifyService:
        started.append(FakeNotifyService(session_bus.address, *options))
        return started[-1]

    yield start
    for service in started:
        service.stop()


@pytest.fixture
def service(service_with: Callable[..., FakeNotifyService]) -> FakeNotifyService:
    return service_with()


@pytest.fixture
def desktop(session_bus: SessionBus) -> Iterator[DesktopNotifier]:
    notifier = DesktopNotifier(session_bus.address)
    yield notifier
    notifier.close()
