"""The Log view's header: the day's title and summary on the left; the streak, the
Activity toggle and the buttons to the previous or next day with entries and to today
on the right. The page connects the buttons and fills the labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout


class DayHeader(QHBoxLayout):
    def __init__(self, font: QFont) -> None:
        super().__init__()
        self.title_label = QLabel()
        self.title_label.setObjectName("LogDayTitle")
        title_font = QFont(font)
        title_font.setPointSizeF(font.pointSizeF() * 1.45)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(title_font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sub_label = QLabel()
        self.sub_label.setObjectName("LogDaySummary")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.sub_label)

        arrows = QFont(font)
        arrows.setPointSizeF(font.pointSizeF() * 1.5)
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Previous day with entries (Ctrl+PgUp)")
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Next day with entries (Ctrl+PgDown)")
        for button in (self.prev_button, self.next_button):
            button.setFont(arrows)
            button.setAutoRaise(True)
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Show today's log")

        self.streak_label = QLabel()
        self.streak_label.setObjectName("LogStreak")
        self.activity_button = QToolButton()
        self.activity_button.setText("Activity")
        self.activity_button.setCheckable(True)
        self.activity_button.setToolTip("Show or hide the year of activity")

        self.setSpacing(6)
        self.addLayout(titles, 1)
        self.addWidget(self.streak_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self.addSpacing(10)
        self.addWidget(self.activity_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.addSpacing(10)
        for widget in (self.prev_button, self.today_button, self.next_button):
            self.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
