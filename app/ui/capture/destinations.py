"""Where the popup's line goes, chosen under the box, and what its chips say.

Three buttons, one checked: Backlog (the default), This week (its To do), Today's log.
Tab and Shift+Tab in the box move between them, Alt+B, Alt+W and Alt+L pick one; the
line itself can say so too (`^week`, `^log`), and the first chip says where it will go.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from app.domain.quick_capture import CaptureLine, Destination
from app.ui.capture.quick_add import chip_texts

ORDER: Final = (Destination.BACKLOG, Destination.WEEK, Destination.LOG)
BUTTON_TEXT: Final = {
    Destination.BACKLOG: "&Backlog",
    Destination.WEEK: "This &week",
    Destination.LOG: "Today's &log",
}


def line_chips(line: CaptureLine) -> list[str]:
    """Where the line goes, then what the grammar read, then its links."""
    chips = [f"→ {line.destination.label}"]
    if line.capture is not None:
        chips += chip_texts(line.capture)
    chips += [link.title or f"link {urlsplit(link.url).hostname or link.url}"
              for link in line.links]  # fmt: skip
    return chips


class DestinationBar(QWidget):
    changed = Signal(object)  # Destination

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Destination, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for destination in ORDER:
            button = QToolButton(self)
            button.setObjectName("CaptureDestination")
            button.setText(BUTTON_TEXT[destination])
            button.setCheckable(True)
            # The keyboard stays in the line: a click or Alt+letter picks, Tab cycles.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.toggled.connect(
                lambda on, chosen=destination: self.changed.emit(chosen) if on else None
            )
            self.group.addButton(button)
            self.buttons[destination] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons[Destination.BACKLOG].setChecked(True)

    @property
    def destination(self) -> Destination:
        for destination, button in self.buttons.items():
            if button.isChecked():
                return destination
        return Destination.BACKLOG

    def choose(self, destination: Destination) -> None:
        self.buttons[destination].setChecked(True)

    def step(self, by: int) -> None:
        """The next destination (Tab), or the one before (Shift+Tab), round the three."""
        index = ORDER.index(self.destination)
        self.choose(ORDER[(index + by) % len(ORDER)])
