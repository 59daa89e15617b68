"""Start the desktop app: open the store (migrating it first), then show the window."""

from __future__ import annotations

import sys


def run() -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app import __version__
    from app.config.paths import backups_dir, database_path
    from app.domain.errors import DomainError
    from app.store.db import Store
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Rizhi")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Rizhi")
    try:
        store = Store.open(database_path(), backups_dir())
    except DomainError as exc:
        QMessageBox.critical(None, "Rizhi cannot open its data", str(exc))
        return 2
    window = MainWindow(store)
    window.show()
    return int(app.exec())
