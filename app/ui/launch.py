"""Start the desktop app: open the store (migrating it first), then show the window."""

from __future__ import annotations

import os
import sys


def run() -> int:
    from app.config.qt_runtime import EXIT_ENVIRONMENT, window_problem

    problem = window_problem()
    if problem is not None:
        # Qt would abort the process here; say what to install instead.
        print(problem, file=sys.stderr)
        return EXIT_ENVIRONMENT

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.ui.pyside_imports import declare_own_modules

    declare_own_modules()  # before the window's modules are imported

    from app import __version__
    from app.config.paths import backups_dir, data_dir, database_path, log_dir
    from app.domain.errors import DomainError
    from app.store.db import Store
    from app.ui import probe
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
    try:
        store = Store.open(database_path(), backups_dir(), role="window")
    except DomainError as exc:
        QMessageBox.critical(None, "Rizhi cannot open its data", str(exc))
        return 2
    settings = UiSettings(os.path.join(data_dir(), "ui.ini"))
    window = MainWindow(store, settings)
    probe.install(window)
    window.show()
    code = int(app.exec())
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
