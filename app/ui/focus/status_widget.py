"""The running timer on the window's status bar: "● 23:41 MAE paper", "🍅 2/4 12:03
left", "Break 04:10". A click opens a small menu: stop, the next pomodoro, open the item,
and the idle question when one waits. Hidden while no timer runs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.services.focus import FocusState
from app.ui.focus.controller import FocusController
from app.ui.focus.idle_dialog import ask_idle
from app.ui.focus.idle_guard import IdleGuard
from app.ui.focus.targets import no_args
from app.ui.focus.words import status_text


class FocusStatus(QToolButton):
    open_item = Signal(int)  # the timer's item, to open in the editor

    def __init__(self, controller: FocusController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._every = controller.settings().long_break_every
        self.shown_menu: QMenu | None = None  # the menu while it shows
        self.setAutoRaise(True)
        self.setAccessibleName("Focus timer")
        self.setToolTip("The focus timer: click to stop it or open its item")
        self.clicked.connect(self.open_menu)
        controller.changed.connect(self._changed)
        controller.tick.connect(self.redraw)
        self._changed(controller.state)

    def _changed(self, state: FocusState | None) -> None:
        if state is not None:
            self._every = self.controller.settings().long_break_every
        self.setVisible(state is not None)
        self.redraw()

    def redraw(self) -> None:
        state = self.controller.state
        text = "" if state is None else status_text(state, self.controller.now(), self._every)
        self.setText(text)

    def menu_actions(self) -> list[tuple[str, Callable[[], object]]]:
        """What the menu offers for the timer as it is."""
        state = self.controller.state
        if state is None:
            return []
        found: list[tuple[str, Callable[[], object]]] = [("Stop focus", self.controller.stop)]
        if state.mode == "pomodoro" and state.phase != "focus":
            found.append(("Start next pomodoro", self.controller.next_pomodoro))
        item_id = state.item_id
        if item_id is not None:
            found.append(("Open the item", partial(self.open_item.emit, item_id)))
        guard = self.controller.findChild(IdleGuard)
        if isinstance(guard, IdleGuard) and guard.waiting is not None:
            found.append(("Idle time…", partial(ask_idle, guard, self.window())))
        return found

    def open_menu(self) -> None:
        menu = QMenu(self)
        for text, run in self.menu_actions():
            # Called with no argument: `triggered` would pass `checked` as `stop`'s `at`.
            menu.addAction(text, no_args(run))
        self.shown_menu = menu
        menu.popup(self.mapToGlobal(QPoint(0, -menu.sizeHint().height())))
