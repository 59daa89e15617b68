"""The board header's line about the week's time: spent so far, what To do and Active
still need against the working hours the week has left, and what is planned in blocks.
Amber when the estimates ask for more hours than are left: an overfull week shows
before it starts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.timebox import seconds_text, span_text
from app.services.card_time import WeekLoad
from app.store.db import Store
from app.ui.theme import Tokens


def work_day(store: Store) -> tuple[int, int]:
    """The planner's working hours (minutes after midnight), for the week's load."""
    from app.domain.settings import in_force
    from app.domain.timebox_settings import TimeboxSettings
    from app.services.settings import stored_settings

    settings = TimeboxSettings.of(in_force(stored_settings(store)))
    return settings.day_start, settings.day_end


def restyle(label: QLabel, sheet: str) -> None:
    """Set a label's style sheet when it changes: setting one polishes the label again,
    and the board's header is refreshed after every change."""
    if label.styleSheet() != sheet:
        label.setStyleSheet(sheet)


def load_text(load: WeekLoad) -> str:
    return (
        f"◷ {seconds_text(load.spent_seconds)} spent · "
        f"{span_text(load.remaining_minutes)} to do of {span_text(load.available_minutes)} "
        f"working hours left · {span_text(load.planned_minutes)} planned"
    )


class WeekLoadLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WeekLoad")

    def show_load(self, load: WeekLoad, tokens: Tokens) -> None:
        self.setText(load_text(load))
        color = tokens.due_soon if load.overfull else tokens.muted_text
        restyle(self, f"color: {color.name()};")
        self.setToolTip(
            "The cards' estimates ask for more than the week's working hours left: "
            "move something to another week."
            if load.overfull
            else f"Estimates of all the week's cards: {span_text(load.estimate_minutes)}"
        )
