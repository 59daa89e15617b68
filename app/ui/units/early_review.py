"""What the window says before a unit's review opens: a unit that has not started cannot
be reviewed, and one before its last day is reviewed only when the user says so.

The rule itself is the service's (`check_review_day` in app/domain/units.py, applied by
`review_unit`); the window asks the question the command line asks for with `--early`,
and passes the answer on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import InvalidInput
from app.domain.units import check_review_day, early_review_question
from app.services.unit_records import UnitRecord
from app.ui.wording import short_day


def review_refusal(unit: UnitRecord, today: date) -> str:
    """Why `unit` cannot be reviewed on `today` even when meant early; "" when it can."""
    try:
        check_review_day(unit.number, unit.span, today, early=True)
    except InvalidInput as exc:
        return str(exc)
    return ""


def is_early(unit: UnitRecord, today: date) -> bool:
    """Whether a review on `today` comes before the unit's last day."""
    return unit.start <= today < unit.last


def ask_early_review(
    parent: QWidget, unit: UnitRecord, today: date, review: Callable[[], None]
) -> QMessageBox:
    """Ask "9 days left — review now?"; Yes calls `review`, No (the default, and Escape)
    leaves the unit open. Returns the open question."""
    box = QMessageBox(parent)
    box.setObjectName("EarlyReviewQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"Review unit {unit.number} early?")
    box.setText(early_review_question(unit.span, today))
    box.setInformativeText(
        f"{unit.title} ends on {short_day(unit.last)}. Reviewing it now freezes what each "
        "goal achieved and closes the unit: what you complete in the days left no longer "
        "counts toward it."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)

    def answered(_result: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            review()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
