"""Where the capture popup opens: centred on the screen holding the pointer (the one the
user is looking at), no wider than that screen. Under Wayland an app cannot place its
windows; the compositor does, and the position asked for is ignored."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QCursor, QGuiApplication, QScreen

from app.ui.screen_fit import fitting_size

WIDTH: Final = 640


def pointer_screen() -> QScreen:
    """The screen holding the pointer, or the primary one where the pointer is unknown."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def popup_geometry(area: QRect, height: int, width: int = WIDTH) -> QRect:
    """The popup's rectangle: `width` (or the area's width, less a margin, when that is
    smaller) by `height`, centred in `area` (a screen's available geometry)."""
    size = fitting_size(QSize(width, height), area)
    rect = QRect(area.topLeft(), size)
    rect.moveCenter(area.center())
    return rect
