"""Start the desktop app: open the store (migrating it first), then show the window."""

from __future__ import annotations

import os
import sqlite3
import sys


def run() -> int:
    from app.config.qt_runtime import EXIT_ENVIRONMENT, window_problem

    missing = window_problem()
    if missing is not None:
        # Qt would abort the process here; say what to install instead.
        print(missing, file=sys.stderr)
        return EXIT_ENVIRONMENT

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.ui.pyside_imports import declare_own_modules

    declare_own_modules()  # before the window's modules are imported

    from app import __version__
    from app.config.paths import backups_dir, data_dir, database_path, log_dir
    from app.domain.errors import DomainError
    from app.services.diagnosis import diagnose, diagnose_before_opening
    from app.store.db import Store
    from app.ui import probe
    from app.ui.auto_backup import start_automatic_backups
    from app.ui.errors import install_excepthook
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
    install_excepthook(os.path.join(log_dir(), "rizhi.log"))
    database, backups_folder = database_path(), backups_dir()
    # Thorough (SQLite's quick_check) for a store up to 8 MB, the quick look (header,
    # schema, revision) for a larger one, whose pages the automatic backup's thread
    # checks after the first frame; damage the first frame's reads meet is caught below.
    problem = diagnose_before_opening(database, backups_folder)
    if problem is not None:
        QMessageBox.critical(None, "Rizhi cannot open its data", problem.message())
        return 2
    try:
        store = Store.open(database, backups_folder, role="window")
    except DomainError as exc:
        QMessageBox.critical(None, "Rizhi cannot open its data", str(exc))
        return 2
    settings = UiSettings(os.path.join(data_dir(), "ui.ini"))
    try:
        window = MainWindow(store, settings)
    except sqlite3.DatabaseError as exc:
        store.close()
        problem = diagnose(database, backups_folder)
        QMessageBox.critical(
            None, "Rizhi cannot open its data", problem.message() if problem else str(exc)
        )
        return 2
    backups = start_automatic_backups(window, store, window.ops.clock, window.show_status)
    probe.install(window)
    window.show()
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
