"""The focus timer in the tray icon's menu and tooltip: the running timer as a disabled
line, Stop focus, and "Start focus on" this week's Active and To do cards. Added to the
instance's tray from outside (as the reminders add their entry), so the tray itself knows
nothing of the timer."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.services.focus_targets import week_cards
from app.ui.focus.controller import FocusController
from app.ui.focus.targets import no_args
from app.ui.focus.words import status_text, tooltip_text


class FocusTrayEntry:
    def __init__(self, tray: QSystemTrayIcon, menu: QMenu, controller: FocusController) -> None:
        self.tray = tray
        self.controller = controller
        self.line = QAction("", menu)
        self.line.setEnabled(False)
        self.stop = QAction("Stop focus", menu)
        self.stop.triggered.connect(no_args(controller.stop))
        self.start_menu = QMenu("Start focus on")
        self.start_menu.aboutToShow.connect(self._fill)
        separators = [a for a in menu.actions() if a.isSeparator()]
        before = separators[0] if separators else None
        for action in (self.line, self.stop, self.start_menu.menuAction()):
            menu.insertAction(before, action)  # type: ignore[arg-type]
        controller.changed.connect(lambda _state: self.redraw())
        controller.tick.connect(self.redraw)
        self.redraw()

    def redraw(self) -> None:
        state = self.controller.state
        every = self.controller.settings().long_break_every if state is not None else 4
        now = self.controller.now()
        self.line.setVisible(state is not None)
        self.stop.setVisible(state is not None)
        if state is not None:
            self.line.setText(status_text(state, now, every))
        self.tray.setToolTip(tooltip_text(state, now, every))

    def _fill(self) -> None:
        self.start_menu.clear()
        cards = week_cards(self.controller.ops.store, self.controller.now())
        if not cards:
            self.start_menu.addAction("No open cards this week").setEnabled(False)
        for item_id, title in cards:
            self.start_menu.addAction(title, no_args(partial(self.controller.start, item_id)))
