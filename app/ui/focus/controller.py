"""The focus timer as the app sees it: one controller per `Operations` (so the window,
the tray and the background instance share it), over app/services/focus.py.

The timer lives in the store, so the controller only reads it: at start (a timer started
before a restart is running still), after each of this process's operations and after
each commit of another process (the command line's `rizhi focus start`), heard through
the change feed (app/ui/live.py: the window's, or the controller's own in the background
instance), never by polling the timer. What is shown counts on a
one-second tick that runs only while a timer is shown counting. Writes go through
`Operations.run`, so starting and stopping are undo steps like any other.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.changes import Changes
from app.domain.timebox_settings import TimeboxSettings
from app.services import focus
from app.services.focus import FocusState
from app.services.settings import setting_texts
from app.ui.live import LiveUpdates
from app.ui.ops import Operations

TICK_MS = 1000


def timebox_settings(ops: Operations) -> TimeboxSettings:
    return TimeboxSettings.of(setting_texts(ops.store))


class FocusController(QObject):
    """`changed` says the timer started, stopped or moved to another phase; `tick` that
    a second passed while it counts (the views redraw its time)."""

    changed = Signal(object)  # FocusState | None
    tick = Signal()

    def __init__(self, ops: Operations, *, follow_others: bool = False) -> None:
        super().__init__(ops)
        # Weak: the controller is `ops`'s child, and a reference back would make the two a
        # cycle that only the garbage collector frees, on whichever thread it runs.
        self._ops = weakref.ref(ops)
        self.state: FocusState | None = None
        self._settings: TimeboxSettings | None = None  # read again when settings change
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.tick)
        # Another process's commits reach `ops.changed` through the window's feed
        # (`MainWindow.live` → `Operations.external`).
        ops.changed.connect(self._heard)
        self._others: LiveUpdates | None = None
        if follow_others:
            self.follow_others()
        self.refresh()

    def follow_others(self) -> None:
        """Hear other processes' commits without a window: the background instance's
        (app/ui/focus/setup.py). With a window too, a change is read twice: one query."""
        if self._others is None:
            self._others = LiveUpdates(self.ops.store, self)
            self._others.changed.connect(self._heard)
            self._others.start()

    @property
    def ops(self) -> Operations:
        ops = self._ops()
        if ops is None:
            raise RuntimeError("the controller's Operations are gone")
        return ops

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the timer again and tell the views when it differs."""
        state = focus.focus_status(self.ops.store)
        counting = state is not None and state.phase != "ready"
        if counting and not self._tick.isActive():
            self._tick.start()
        elif not counting:
            self._tick.stop()
        if state != self.state:
            self.state = state
            self.changed.emit(state)

    @property
    def running(self) -> bool:
        return self.state is not None

    @property
    def ticking(self) -> bool:
        return self._tick.isActive()

    def now(self) -> datetime:
        return self.ops.clock()

    def settings(self) -> TimeboxSettings:
        if self._settings is None:
            self._settings = timebox_settings(self.ops)
        return self._settings

    def _heard(self, changes: Changes) -> None:
        if changes.settings or changes.everything or changes.replaced:
            self._settings = None
        if changes.time or changes.everything or changes.replaced:
            self.refresh()
        elif self.state is not None and self.state.item_id in changes.items:
            self.refresh()  # the item was renamed: the title shown follows

    # --- writing ------------------------------------------------------------------------

    def start(
        self, item_id: int | None, block_id: int | None = None, *, pomodoro: bool = False
    ) -> bool:
        settings = self.settings()
        store = self.ops.store

        def run(now: datetime) -> Changes:
            return focus.start_focus(
                store,
                item_id=item_id,
                block_id=block_id,
                pomodoro=pomodoro,
                settings=settings,
                now=now,
            )[1]

        return self._run("Start pomodoro" if pomodoro else "Start focus", run)

    def stop(self, at: datetime | None = None) -> bool:
        """Stop the timer; its entry ends at `at` (the screen locked then) or now."""
        store = self.ops.store
        return self._run("Stop focus", lambda now: focus.stop_focus(store, now=now, at=at)[1])

    def next_pomodoro(self) -> bool:
        settings, store = self.settings(), self.ops.store
        return self._run(
            "Next pomodoro",
            lambda now: focus.next_pomodoro(store, settings=settings, now=now)[1],
        )

    def resolve_idle(
        self,
        idle_from: datetime,
        returned_at: datetime,
        choice: focus.IdleChoice,
        split_item_id: int | None = None,
    ) -> bool:
        store = self.ops.store

        def run(now: datetime) -> Changes:
            return focus.resolve_idle(
                store,
                idle_from=idle_from,
                returned_at=returned_at,
                choice=choice,
                split_item_id=split_item_id,
                now=now,
            )

        return self._run(f"Idle time: {choice}", run)

    def _run(self, text: str, operation: Callable[[datetime], Changes]) -> bool:
        done = self.ops.run(text, operation)
        self.refresh()  # also when refused: another process may have stopped it
        return done

    def stop_following(self) -> None:
        self._tick.stop()
        if self._others is not None:
            self._others.stop()


def focus_controller(ops: Operations) -> FocusController:
    """The controller of `ops`, made on first use: one per Operations, shared by the
    window, the tray, the capture popup and the reminder machinery."""
    found = ops.findChild(FocusController)
    if isinstance(found, FocusController):
        return found
    return FocusController(ops)
