"""Settings › Reminders: the reminders Rizhi gives without being asked. The default for
items with a due time and for items with a date only, the end-of-unit review, weekly
planning and the evening log.

They are store settings (`reminders.*`, app/domain/reminder_settings.py says what each
takes), shared with the command line and the background instance that fires them: the
dialog saves them together with the other store settings, as one change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from typing import Final

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QWidget,
)

from app.domain.reminder_settings import (
    OFF,
    clock_or_off,
    dated_default,
    on_off,
    timed_default,
)
from app.domain.reminders import duration_minutes, duration_text

KEYS: Final = (
    "reminders.default_timed",
    "reminders.default_dated",
    "reminders.unit_review",
    "reminders.weekly_planning",
    "reminders.evening_log",
)
TIMED_CHOICES: Final = (
    ("No reminder", OFF),
    ("At the due time", "0m"),
    ("5 minutes before", "5m"),
    ("10 minutes before", "10m"),
    ("15 minutes before", "15m"),
    ("30 minutes before", "30m"),
    ("1 hour before", "1h"),
    ("1 day before", "1d"),
)
_FALLBACK_CLOCK: Final = time(9, 0)


class ClockChoice(QWidget):
    """A check box that turns a reminder on and the time of day it comes at."""

    def __init__(self, text: str, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        clock = _FALLBACK_CLOCK if value == OFF else time.fromisoformat(value)
        self.time_edit = QTimeEdit(QTime(clock.hour, clock.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(f"{text.replace('&', '')}: time")
        self.check.toggled.connect(self.time_edit.setEnabled)
        self.check.setChecked(value != OFF)
        self.time_edit.setEnabled(value != OFF)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.time_edit)
        row.addStretch(1)

    def text(self) -> str:
        """HH:MM, or off."""
        if not self.check.isChecked():
            return OFF
        chosen = self.time_edit.time()
        return f"{chosen.hour():02d}:{chosen.minute():02d}"


class ReminderSettingsGroup(QGroupBox):
    """`texts`: the reminder settings in force (`setting_texts`); `texts()` gives back
    what the controls say, as the store keeps it."""

    def __init__(self, texts: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Reminders Rizhi gives without being asked", parent)
        self._choices = list(TIMED_CHOICES)
        timed = texts["reminders.default_timed"]
        if timed not in [value for _, value in self._choices]:  # set with rizhi config
            minutes = duration_minutes(timed) or 0
            self._choices.append((f"{duration_text(minutes)} before", timed))
        self.timed_box = QComboBox()
        self.timed_box.addItems([label for label, _ in self._choices])
        self.timed_box.setCurrentIndex([value for _, value in self._choices].index(timed))
        self.timed_box.setToolTip("The reminder an item gets when it gets a due time")
        self.dated = ClockChoice("On the due date, &at", texts["reminders.default_dated"])
        self.dated.setToolTip("The reminder an item with a due date and no time gets")
        self.unit_review_check = QCheckBox("On a &unit's last day, to review it")
        self.unit_review_check.setChecked(texts["reminders.unit_review"] == "on")
        self.unit_review_check.setToolTip("At the unit review time set under General")
        self.weekly = ClockChoice(
            "On the first day of the week, to &plan it, at", texts["reminders.weekly_planning"]
        )
        self.evening = ClockChoice(
            "Every &evening, to write the day's log, at", texts["reminders.evening_log"]
        )
        note = QLabel(
            "The defaults are given to items when they get a due date or time; a change "
            "here applies from then on. Reminders show while Rizhi runs, in the window or "
            "in the background."
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Items with a due &time:", self.timed_box)
        form.addRow("Items with a date only:", self.dated)
        form.addRow("Built in:", self.unit_review_check)
        form.addRow("", self.weekly)
        form.addRow("", self.evening)
        form.addRow(note)

    def texts(self) -> dict[str, str]:
        """The five settings, each as its setting's own validation writes it."""
        return {
            "reminders.default_timed": timed_default(
                self._choices[self.timed_box.currentIndex()][1]
            ),
            "reminders.default_dated": dated_default(self.dated.text()),
            "reminders.unit_review": on_off("on" if self.unit_review_check.isChecked() else OFF),
            "reminders.weekly_planning": clock_or_off(self.weekly.text()),
            "reminders.evening_log": clock_or_off(self.evening.text()),
        }


def reminder_texts(texts: Mapping[str, str]) -> dict[str, str]:
    """The reminder settings among all the settings in force."""
    return {key: texts[key] for key in KEYS}
