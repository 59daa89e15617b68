"""What the Units page shows before the first unit: what a unit is, and the button that
makes one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.ui.units.widgets import heading_font

EMPTY_TEXT = (
    "A unit is a run of days (10 by default) with goals: lectures to watch, papers to "
    "read, a chapter of maths, some code. Rizhi counts what you complete and log toward "
    "each goal, shows the days that stayed empty, and asks for a short review when the "
    "unit ends."
)


class UnitsEmptyState(QWidget):
    """A title, the explanation and "New unit…", centred; the page connects the button."""

    def __init__(self, font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("No study unit yet")
        self.title.setFont(heading_font(font, 1.6, QFont.Weight.DemiBold))
        self.text = QLabel(EMPTY_TEXT)
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(560)
        self.button = QPushButton("New unit…")
        self.button.setDefault(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The wrapped text is centred by stretches beside it, not by an alignment flag: a
        # layout gives an aligned item the height of its lines at the layout's full
        # width, and the text, narrower, would be cut off above and below. It takes the
        # room up to its maximum width, as its lines need no more height than that.
        policy = self.text.sizePolicy()  # wrapped: its height follows its width
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        self.text.setSizePolicy(policy)
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(self.text, 8)
        text_row.addStretch(1)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addLayout(text_row)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
