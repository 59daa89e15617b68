"""Unexpected errors reach the user as a dialog with a copyable report and a log file,
never as a silent crash (the one path for errors the services did not anticipate)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

log = logging.getLogger("app.ui")


def install_excepthook(log_file: str) -> None:
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("app").addHandler(handler)

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        report = "".join(traceback.format_exception(kind, error, trace))
        log.error("Unexpected error\n%s", report)
        if sys.__stderr__ is not None:
            sys.__stderr__.write(report)
        if QApplication.instance() is None:
            return
        # Imported here: a message box's classes cost milliseconds of start-up to set up.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "Rizhi hit an unexpected error", "")
        box.setText(
            f"{kind.__name__}: {error}\n\nYour saved data is safe: every change is saved "
            "when it is made. The details are in the log file:\n" + log_file
        )
        box.setDetailedText(report)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    sys.excepthook = hook
