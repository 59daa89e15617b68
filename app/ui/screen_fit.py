"""Windows and dialogs sized to the screen they open on.

A size chosen for a large monitor puts a dialog's buttons, or the window's status bar,
off the bottom of a 1366×768 laptop screen. Every top-level window asks for its preferred
size through `fit_to_screen`, which gives it no more than the screen's available area
(the desktop's panels excluded) less room for the title bar, and centres a dialog on its
parent.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window manager's frame: a title bar above, borders at the sides.
FRAME_ALLOWANCE = QSize(16, 48)


def available_area(widget: QWidget) -> QRect:
    """The usable area of the screen `widget` is (or will be) shown on."""
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitting_size(preferred: QSize, area: QRect) -> QSize:
    """`preferred`, shrunk to fit inside `area` with its frame."""
    return QSize(
        max(1, min(preferred.width(), area.width() - FRAME_ALLOWANCE.width())),
        max(1, min(preferred.height(), area.height() - FRAME_ALLOWANCE.height())),
    )


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to `width`×`height`, or less where its screen is smaller; a minimum
    size set on it gives way too, so the widget's layout decides how small it may go."""
    area = available_area(widget)
    size = fitting_size(QSize(width, height), area)
    minimum = widget.minimumSize()
    widget.setMinimumSize(min(minimum.width(), size.width()), min(minimum.height(), size.height()))
    widget.resize(size)
    parent = widget.parentWidget()
    if parent is None:
        frame = widget.frameGeometry()
        frame.moveCenter(area.center())
        widget.move(frame.topLeft())
