"""The running instance: one per user and data folder, with its window or without.

`rizhi` starts it with the window; `rizhi --background` without (at login, or for `rizhi
capture`), and the window is built on the first "show" (the tray icon, a second `rizhi`).
The instance owns what outlives the window: the socket it answers on
(instance_server.py), the tray icon, SIGTERM's clean stop, the watch for a newer schema
and the process. Closing the window hides it while Rizhi keeps running in the
background (`UiSettings.keep_in_background`: on by default where a tray icon can bring
it back), otherwise it ends the process, as Quit always does.

For the quick-capture popup the instance holds what it needs without any window (the
store, the settings) and a hook, `set_capture_handler`, that the tray's Quick capture,
`rizhi capture` and the global hotkey all reach.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.domain.errors import DomainError
from app.instance.address import Address
from app.instance.protocol import CAPTURE, PING, QUIT, SHOW, Message, ok
from app.instance.restart import RestartNote, restart
from app.instance.running import ACTIVATION_ENV, show_request
from app.instance.startup_lock import StartupLock
from app.store.db import Store
from app.store.schema import SCHEMA_HEAD
from app.ui.instance_server import InstanceServer, claim
from app.ui.settings import UiSettings

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.schema_watch import SchemaWatch
    from app.ui.stop_signals import StopSignals
    from app.ui.tray import Tray

log = logging.getLogger(__name__)

LISTEN_AT_THE_LATEST_MS = 3000  # a window never painted (minimized at start) still answers


class Instance(QObject):
    """The process's instance: `claim` the socket, `start` once the store is open,
    `stop` after the event loop ended."""

    def __init__(
        self, app: QApplication, *, background: bool, note: RestartNote | None = None
    ) -> None:
        super().__init__()
        self.app = app
        self.background = background
        self.note = note
        self.server = InstanceServer(self)
        self.store: Store | None = None
        self.settings: UiSettings | None = None
        self.window: MainWindow | None = None
        self.tray: Tray | None = None
        self._build: Callable[[], MainWindow] | None = None
        self._adopted: Callable[[MainWindow], None] = lambda window: None
        self._capture: Callable[[], None] | None = None
        self._waiting: list[Callable[[], None]] = []  # asked for before the store was open
        self._notices: list[str] = []  # said while no window showed them
        self._watch: SchemaWatch | None = None
        self._signals: StopSignals | None = None
        self._claimed: tuple[Address, StartupLock] | None = None  # until `listen`
        # The instance, not Qt, ends the process: a popup or a dialog closing while the
        # window is hidden or not built is no reason to quit.
        app.setQuitOnLastWindowClosed(False)
        self.server.handle(PING, self._ping)
        self.server.handle(SHOW, self._show_requested)
        self.server.handle(CAPTURE, lambda _message: self._later(self.open_quick_capture))
        self.server.handle(QUIT, lambda _message: self._later(self.quit))

    # --- start-up -------------------------------------------------------------------

    def claim(self, address: Address) -> Message | None:
        """Become the instance for `address`: None once it is this process's, with the
        start-up lock held until `listen`. When another one answers there, its reply (it
        was asked to show its window, unless this start is a background one) and this
        process ends."""
        forward = {"cmd": PING} if self.background else show_request()
        found = claim(address, forward)
        if isinstance(found, StartupLock):
            self._claimed = (address, found)
            return None
        return found

    def listen(self) -> None:
        """Answer at the claimed address, then let the next start in (a start that waited
        on the lock meanwhile finds this one answering). Once only; InstanceError when
        the socket cannot be listened at."""
        claimed, self._claimed = self._claimed, None
        if claimed is None:
            return
        address, lock = claimed
        try:
            self.server.listen(address.socket)
        finally:
            lock.release()

    def listen_when_shown(self, window: QWidget) -> None:
        """The window's way to `listen`: after its first frame, which the socket (and
        QtNetwork with it) would otherwise delay; at the latest after a few seconds."""
        from app.ui.first_paint import after_first_paint

        after_first_paint(window, self.listen_or_say)
        QTimer.singleShot(LISTEN_AT_THE_LATEST_MS, self, self.listen_or_say)

    def listen_or_say(self) -> None:
        try:
            self.listen()
        except DomainError as exc:  # the window runs on, on its own
            self.show_status(f"{exc} Starting `rizhi` again opens a second window.")

    def start(
        self,
        store: Store,
        settings: UiSettings,
        build: Callable[[], MainWindow],
        *,
        window: MainWindow | None = None,
        adopted: Callable[[MainWindow], None] | None = None,
    ) -> None:
        """Run with the store open: the window given (start-up built it) is shown, or
        `build` makes one on the first "show". `adopted` is told of the window once it
        exists (the damage notice, the start-up probe)."""
        from app.ui.schema_watch import SchemaWatch
        from app.ui.stop_signals import StopSignals
        from app.ui.tray import build_tray

        self.store, self.settings, self._build = store, settings, build
        if adopted is not None:
            self._adopted = adopted
        self.tray = build_tray(
            self.app.windowIcon(),
            show=self.show_window,
            capture=self.open_quick_capture,
            quit=self.quit,
            parent=self,
        )
        self._watch = SchemaWatch(store, self)
        self._watch.moved.connect(self._schema_moved)
        self._watch.start()
        self._signals = StopSignals(self.stop_now, self)
        if self.note is not None:
            self.show_status(self.note.notice)
        if window is not None:
            # Before `_adopt`, whose start-up probe must run (and quit) first: of the
            # callbacks on one first frame, the one registered last runs first.
            self.listen_when_shown(window)
            self._adopt(window)
            self.show_window()
        waiting, self._waiting = self._waiting, []
        for later in waiting:
            later()

    def stop(self) -> None:
        """After the event loop ended: nobody is answered any more, the socket goes."""
        if self._claimed is not None:  # ended before it listened: the next start may
            self._claimed[1].release()
            self._claimed = None
        if self._watch is not None:
            self._watch.stop()
        if self._signals is not None:
            self._signals.uninstall()
            self._signals = None
        self.server.close()
        if self.tray is not None:
            self.tray.hide()

    # --- what the instance is asked -------------------------------------------------

    def set_capture_handler(self, handler: Callable[[], None] | None) -> None:
        """What quick capture opens (the tray's Quick capture, `rizhi capture`, the
        global hotkey): wire the capture popup's `open_popup` here. Until one is set,
        quick capture opens the window with its own quick add focused."""
        self._capture = handler

    def show_window(self) -> None:
        """Bring the window forward, building it on the first call in the background."""
        if self.store is None:
            self._waiting.append(self.show_window)
            return
        window = self.window
        if window is None:
            assert self._build is not None
            window = self._build()
            self._adopt(window)
        window.bring_to_front()
        self._tell_without_tray(window)
        notices, self._notices = self._notices, []
        for message in notices:
            window.show_status(message)

    def open_quick_capture(self) -> None:
        if self.store is None:
            self._waiting.append(self.open_quick_capture)
            return
        if self._capture is not None:
            self._capture()
            return
        self.show_window()
        if self.window is not None:  # a capture goes to the backlog, as the popup's would
            self.window.show_view("backlog")
            self.window.backlog.focus_quick_add()

    def quit(self) -> None:
        """As File › Quit: the window closes for good first (it may refuse, keeping text
        in the log's editor it could not save), then the event loop ends."""
        if self.window is not None:
            self.window.quit()
        else:
            self.app.quit()

    def stop_now(self) -> None:
        """SIGTERM or SIGINT: quit, and end even when the window would rather not."""
        self.quit()
        self.app.quit()

    def show_status(self, message: str) -> None:
        """A sentence for the user: in the window's status bar while it shows, else in
        the tray's bubble, else kept for when the window next opens."""
        window = self.window
        if window is not None and window.isVisible():
            window.show_status(message)
        elif self.tray is not None:
            self.tray.showMessage("Rizhi", message)
        else:
            self._notices.append(message)

    def window_state(self) -> str:
        if self.window is None:
            return "none"
        return "visible" if self.window.isVisible() else "hidden"

    def keeps_running(self) -> bool:
        """Whether closing the window leaves Rizhi running (Settings › General)."""
        settings = self.settings
        return settings is not None and settings.keep_in_background(self.tray is not None)

    # --- inside -----------------------------------------------------------------------

    def _ping(self, _message: Message) -> Message:
        store = self.store
        return ok(
            pid=os.getpid(),
            version=__version__,
            schema=SCHEMA_HEAD,
            window=self.window_state() if store is not None else "starting",
            writing=store is not None and not store.writing_refused,
        )

    def _show_requested(self, message: Message) -> Message:
        token = message.get("activation_token")
        if isinstance(token, str) and token:
            # Wayland lets a window come forward with the token of the user's action;
            # Qt's Wayland plugin takes it from the environment once, and removes it.
            os.environ[ACTIVATION_ENV] = token
        return self._later(self.show_window)

    def _later(self, step: Callable[[], None]) -> Message:
        """Reply at once and do `step` from the event loop: the client does not wait for
        a window to be built."""
        QTimer.singleShot(0, self, step)
        return ok(pid=os.getpid())

    def _adopt(self, window: MainWindow) -> None:
        self.window = window
        window.keep_running = self.keeps_running
        window.closed.connect(self.app.quit)
        self._adopted(window)

    def _tell_without_tray(self, window: MainWindow) -> None:
        """Where no tray icon can bring the window back, say so once, in the status bar."""
        settings = self.settings
        if self.tray is not None or settings is None or settings.no_tray_told:
            return
        settings.set_no_tray_told()
        if self.keeps_running():
            window.show_status(
                "This desktop shows no tray icon: closing the window keeps Rizhi running in "
                "the background, and `rizhi` or quick capture brings it back; File › Quit "
                "ends it."
            )
        else:
            window.show_status(
                "This desktop shows no tray icon, so closing the window quits Rizhi; "
                "Settings › General can keep it running in the background for quick capture."
            )

    def _schema_moved(self, revision: str) -> None:
        """A newer Rizhi upgraded the file: stop writing, say so, start again as the
        installation now on disk (the same process)."""
        assert self.store is not None
        found = f"schema {revision}" if revision else "no schema"
        told = (
            f"A newer Rizhi upgraded the data file ({found}; this one knows {SCHEMA_HEAD}). "
            "Rizhi stops saving and restarts to open it."
        )
        log.warning(told)
        self.store.refuse_writes(f"{told} This change was not saved.")
        self.show_status(told)
        note = RestartNote(
            notice=f"Rizhi restarted to open the data file a newer Rizhi upgraded ({found}).",
            window=self.window_state() == "visible",
        )
        QTimer.singleShot(0, self, lambda: self._restart(note))

    def _restart(self, note: RestartNote) -> None:
        if self.window is not None:
            self.window.remember_state()
        self.stop()
        if self.store is not None:
            self.store.close()
        restart(note)
