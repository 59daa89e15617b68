"""Start the desktop app: become the instance for the data folder (or hand over to the
one running: background.py), open the store (migrating it first, or by way of the
recovery dialog when the data file fails: launch_recovery.py), then show the window, or
with `--background` wait for the first "show" to build it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.store.db import Store
    from app.ui.background import Instance
    from app.ui.hotkeys.choose import CaptureHotkey
    from app.ui.main_window import MainWindow
    from app.ui.ops import Operations
    from app.ui.settings import UiSettings


def run(*, background: bool = False) -> int:
    from app.config.qt_runtime import EXIT_ENVIRONMENT, window_problem

    missing = window_problem()
    if missing is not None:
        # Qt would abort the process here; say what to install instead.
        print(missing, file=sys.stderr)
        return EXIT_ENVIRONMENT

    from app.instance.restart import take_note

    note = take_note()  # restarted after a newer Rizhi upgraded the file
    if note is not None:
        background = not note.window

    from app.ui.pyside_imports import declare_own_modules

    declare_own_modules()  # before the window's modules are imported

    from app.config.paths import data_dir
    from app.domain.errors import DomainError
    from app.instance.address import address_for
    from app.ui.background import Instance

    app = make_application()
    instance = Instance(app, background=background, note=note)
    try:
        # Connect first; listen only when nobody answers (under the start-up lock).
        answered = instance.claim(address_for(data_dir()))
        if answered is None and background:  # no frame to wait for: answer at once
            instance.listen()
    except DomainError as exc:
        if background:  # nothing could ever reach it: no use running
            print(f"rizhi: {exc}", file=sys.stderr)
            return exc.exit_code
        # The window still opens, on its own: `rizhi` cannot bring it forward.
        instance.show_status(f"{exc} Starting `rizhi` again opens a second window.")
        answered = None
    if answered is None:
        return serve(app, instance, background=background)
    if answered.get("ok") is not True:  # another start got there first and refused
        print(f"rizhi: {answered.get('error')}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    return 0  # another start got there first; it was asked to show its window


def make_application() -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import __version__

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Rizhi")
    app.setApplicationDisplayName("Rizhi")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Rizhi")
    app.setDesktopFileName("rizhi")
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(icon_path()))
    return app


def serve(app: QApplication, instance: Instance, *, background: bool) -> int:
    """Open the store (and the window, unless in the background), run until quit."""
    from app.config.paths import backups_dir, data_dir, database_path, log_dir
    from app.config.qt_runtime import EXIT_ENVIRONMENT
    from app.ui import probe
    from app.ui.auto_backup import start_automatic_backups
    from app.ui.damage_notice import DamageNotice
    from app.ui.errors import install_excepthook
    from app.ui.launch_recovery import open_window
    from app.ui.ops import Operations, local_now
    from app.ui.settings import UiSettings

    # Damage a read meets once the window runs is offered a restore, not called a bug.
    damage = DamageNotice()
    install_excepthook(os.path.join(log_dir(), "rizhi.log"), damage.offer)
    settings = UiSettings(os.path.join(data_dir(), "ui.ini"))

    shared: list[tuple[Store, Operations]] = []

    def ops_for(store: Store) -> Operations:
        # One Operations per open store, for the window and the capture popup alike: a
        # capture is one of the window's undo steps, and two would both record its rows.
        for known, ops in shared:
            if known is store:
                return ops
        shared.append((store, Operations(store, local_now, instance)))
        return shared[-1][1]

    def make_window(store: Store) -> MainWindow:
        # Imported here: in the background nothing of the window loads until it is shown.
        from app.ui.main_window import MainWindow

        return MainWindow(store, settings, ops=ops_for(store))

    # A data file that cannot be opened gets the recovery dialog; quitting it opens nothing.
    opened = open_window(
        database_path(),
        backups_dir(),
        (lambda store: None) if background else make_window,
        settings.theme,
        before_asking=instance.listen_or_say,  # a second start finds this one, not the lock
    )
    if opened is None:
        instance.stop()
        return EXIT_ENVIRONMENT
    store = opened.store

    def damaged(message: str) -> None:
        # Found before any window exists (in the background): said where it can be seen.
        if not damage.offer(message):
            instance.show_status(message)

    backups = start_automatic_backups(
        opened.window, store, local_now, instance.show_status, damaged=damaged, parent=instance
    )

    hotkeys: list[CaptureHotkey] = []

    def quick_capture() -> None:
        hotkeys.append(start_quick_capture(instance, ops_for(store), settings))
        if instance.window is not None:
            instance.window.capture_hotkey = hotkeys[0]

    if opened.window is None:  # in the background: ready for the first key at once
        from app.ui.theme import apply_theme

        # No window sets the theme yet, and the popup draws from the application's.
        apply_theme(app, settings.theme)
    # About 50 ms of imports and widgets: not before the window's first frame.
    when_ready(opened.window, quick_capture)

    def adopted(window: MainWindow) -> None:
        damage.window = window
        window.capture_hotkey = hotkeys[0] if hotkeys else None
        # After the backups' first-paint work: the probe quits before it runs.
        probe.install(window)

    # The instance owning the data folder fires reminders and watches the focus timer
    # (stopped as the app quits); registered before the probe (in `adopted`), which must
    # run first to time start-up.
    when_ready(opened.window, lambda: start_reminders(instance, ops_for(store)))
    if opened.window is not None:  # the first drop then writes at once (ui/warm_up.py)
        when_ready(opened.window, warm_up_writes)
    instance.start(
        store, settings, lambda: make_window(store), window=opened.window, adopted=adopted
    )
    if opened.notice:
        instance.show_status(opened.notice)
    code = int(app.exec())
    instance.stop()
    backups.at_quit()
    store.close()
    return code


def when_ready(window: MainWindow | None, step: Callable[[], None]) -> None:
    """Run `step` now in the background, after the window's first frame otherwise: work
    the user does not need to see the window never delays it."""
    if window is None:
        step()
        return
    from app.ui.first_paint import after_first_paint

    after_first_paint(window, step)


def warm_up_writes() -> None:
    from app.ui.warm_up import warm_up

    warm_up()


def start_reminders(instance: Instance, ops: Operations) -> None:
    """The reminder machinery, kept by the instance, and the focus timer's tray entry,
    idle and screen-lock watch (app/ui/focus/setup.py); imported here, when they start,
    so the first frame never loads them."""
    from app.ui.focus.setup import start_focus
    from app.ui.reminders.setup import Reminders

    Reminders(instance, ops).start()
    start_focus(instance, ops)


def start_quick_capture(instance: Instance, ops: Operations, settings: UiSettings) -> CaptureHotkey:
    """The capture popup behind every way quick capture is asked for (the tray, `rizhi
    capture`, the global hotkey), and the hotkey, held by this instance: the one that
    owns the data folder's socket."""
    from app.config.paths import data_dir
    from app.ui.capture.setup import build_capture_popup
    from app.ui.hotkeys.choose import CaptureHotkey, start_capture_hotkey

    popup = build_capture_popup(ops, data_dir())
    instance.set_capture_handler(popup.open_popup)  # which keeps the popup
    backend = start_capture_hotkey(settings, instance.open_quick_capture, instance)
    return CaptureHotkey(backend, instance.open_quick_capture)


def icon_path() -> str:
    """The app icon in a checkout (resources/) or an installed wheel (app/_resources)."""
    from app.ui.resources import resource_path

    return resource_path("icons", "rizhi.svg")
