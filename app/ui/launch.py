"""Start the desktop app: open the store (migrating it first, or by way of the recovery
dialog when the data file fails: launch_recovery.py), then show the window."""

from __future__ import annotations

import os
import sys


def run() -> int:
    from app.config.qt_runtime import EXIT_ENVIRONMENT, window_problem

    missing = window_problem()
    if missing is not None:
        # Qt would abort the process here; say what to install instead.
        print(missing, file=sys.stderr)
        return EXIT_ENVIRONMENT

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.ui.pyside_imports import declare_own_modules

    declare_own_modules()  # before the window's modules are imported

    from app import __version__
    from app.config.paths import backups_dir, data_dir, database_path, log_dir
    from app.ui import probe
    from app.ui.auto_backup import start_automatic_backups
    from app.ui.damage_notice import DamageNotice
    from app.ui.errors import install_excepthook
    from app.ui.launch_recovery import open_window
    from app.ui.main_window import MainWindow
    from app.ui.settings import UiSettings

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Rizhi")
    app.setApplicationDisplayName("Rizhi")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Rizhi")
    app.setDesktopFileName("rizhi")
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(icon_path()))
    # Damage a read meets once the window runs is offered a restore, not called a bug.
    damage = DamageNotice()
    install_excepthook(os.path.join(log_dir(), "rizhi.log"), damage.offer)
    settings = UiSettings(os.path.join(data_dir(), "ui.ini"))
    # A data file that cannot be opened gets the recovery dialog; quitting it opens nothing.
    opened = open_window(
        database_path(), backups_dir(), lambda store: MainWindow(store, settings), settings.theme
    )
    if opened is None:
        return EXIT_ENVIRONMENT
    store, window = opened.store, opened.window
    damage.window = window
    backups = start_automatic_backups(
        window, store, window.ops.clock, window.show_status, damaged=damage.offer
    )
    probe.install(window)
    window.show()
    if opened.notice:
        window.show_status(opened.notice)
    code = int(app.exec())
    backups.at_quit()
    store.close()
    return code


def icon_path() -> str:
    """The app icon in a checkout (resources/) or an installed wheel (app/_resources)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder in (os.path.join(os.path.dirname(package), "resources"),
                   os.path.join(package, "_resources")):  # fmt: skip
        candidate = os.path.join(folder, "icons", "rizhi.svg")
        if os.path.exists(candidate):
            return candidate
    return ""
