"""Settings › Focus: the Pomodoro lengths and how long idle counts before the timer asks.

Store settings (`focus.*`, app/domain/timebox_settings.py), shared with the command line
and the background instance that runs the timer; the dialog saves them with the other
store settings, as one change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox, QWidget

from app.domain.estimates import estimate_minutes
from app.domain.timebox_settings import MAX_LENGTH, OFF, count, length, length_or_off

KEYS: Final = (
    "focus.pomodoro",
    "focus.short_break",
    "focus.long_break",
    "focus.long_break_every",
    "focus.idle",
)


def _minutes_box(text: str, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, MAX_LENGTH)
    box.setSuffix(" min")
    box.setValue(estimate_minutes(text) or 1)
    box.setAccessibleName(name)
    return box


class FocusSettingsGroup(QGroupBox):
    """`texts`: the settings in force (`setting_texts`); `texts()` gives back what the
    controls say, as the store keeps it."""

    def __init__(self, texts: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__("The focus timer", parent)
        self.pomodoro = _minutes_box(texts["focus.pomodoro"], "Pomodoro length")
        self.short_break = _minutes_box(texts["focus.short_break"], "Break length")
        self.long_break = _minutes_box(texts["focus.long_break"], "Long break length")
        self.every = QSpinBox()
        self.every.setRange(1, 12)
        self.every.setValue(int(texts["focus.long_break_every"]))
        self.every.setSuffix(" pomodoros")
        self.every.setAccessibleName("A long break after every")
        idle = texts["focus.idle"]
        self.idle_check = QCheckBox("Ask what idle time counts as, after")
        self.idle_check.setChecked(idle != OFF)
        self.idle = _minutes_box("5m" if idle == OFF else idle, "Idle after")
        self.idle.setEnabled(idle != OFF)
        self.idle_check.toggled.connect(self.idle.setEnabled)
        idle_row = QWidget()
        row = QHBoxLayout(idle_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.idle_check)
        row.addWidget(self.idle)
        row.addStretch(1)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("&Pomodoro:", self.pomodoro)
        form.addRow("&Break:", self.short_break)
        form.addRow("&Long break:", self.long_break)
        form.addRow("Long break &after every:", self.every)
        form.addRow("Idle:", idle_row)

    def texts(self) -> dict[str, str]:
        idle = f"{self.idle.value()}m" if self.idle_check.isChecked() else OFF
        return {
            "focus.pomodoro": length(f"{self.pomodoro.value()}m"),
            "focus.short_break": length(f"{self.short_break.value()}m"),
            "focus.long_break": length(f"{self.long_break.value()}m"),
            "focus.long_break_every": count(str(self.every.value())),
            "focus.idle": length_or_off(idle),
        }


def focus_texts(texts: Mapping[str, str]) -> dict[str, str]:
    """The focus settings among all the settings in force."""
    return {key: texts[key] for key in KEYS}
