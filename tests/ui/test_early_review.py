"""Reviewing a unit before its last day asks first, with the right count of days left;
before its first day the review is refused, with the reason on the disabled button."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.units import parse_goal_spec
from app.services.unit_records import unit_by_number
from app.services.units import create_unit
from app.store.db import Store
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import tokens_for
from app.ui.units.page import UnitsPage
from app.ui.units.review_dialog import ReviewDialog

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2022, 1, 31, 9, 0, tzinfo=SHANGHAI)
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
PageOn = Callable[[datetime], UnitsPage]


def on(day: int, hour: int = 10) -> datetime:
    return datetime(2022, 2, day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def units(store: Store) -> None:
    """Unit 1 from 1 to 10 February 2022, unit 2 from the 11th."""
    for start in (date(2022, 2, 1), date(2022, 2, 11)):
        create_unit(store, now=CREATED, start=start, goals=[parse_goal_spec("papers=2")])


@pytest.fixture
def page_on(qtbot: QtBot, store: Store, qapp: QApplication) -> Iterator[PageOn]:
    made: list[Operations] = []

    def make(now: datetime) -> UnitsPage:
        ops = Operations(store, clock=lambda: now)
        made.append(ops)
        page = UnitsPage(ops, RowCache(store), tokens_for(False))
        ops.changed.connect(page.apply)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        return page

    yield make
    for ops in made:
        ops.undo_stack.clear()


def question_of(qtbot: QtBot, page: UnitsPage) -> QMessageBox:
    qtbot.waitUntil(lambda: page.question is not None and page.question.isVisible())
    assert page.question is not None
    return page.question


@pytest.mark.usefixtures("units")
@pytest.mark.parametrize(
    ("day", "left"), [(1, "9 days left"), (6, "4 days left"), (9, "1 day left")]
)
def test_a_review_before_the_last_day_asks_first_and_no_is_the_default(
    qtbot: QtBot, store: Store, page_on: PageOn, day: int, left: str
) -> None:
    page = page_on(on(day))
    assert page.unit is not None and page.unit.number == 1 and page.review_button.isEnabled()
    page.review_button.click()
    question = question_of(qtbot, page)
    assert question.text() == f"{left} — review now?"
    assert question.windowTitle() == "Review unit 1 early?"
    assert "ends on Thu 10 Feb" in question.informativeText()
    assert question.defaultButton() is question.button(NO)
    assert question.escapeButton() is question.button(NO)
    question.button(NO).click()
    qtbot.waitUntil(lambda: page.question is None)
    assert page._dialog is None and not unit_by_number(store, 1).closed


@pytest.mark.usefixtures("units")
def test_yes_opens_the_review_which_then_closes_the_unit_early(
    qtbot: QtBot, store: Store, page_on: PageOn
) -> None:
    page = page_on(on(1))
    page.review()
    question_of(qtbot, page).button(YES).click()
    qtbot.waitUntil(lambda: isinstance(page._dialog, ReviewDialog))
    dialog = page._dialog
    assert isinstance(dialog, ReviewDialog) and dialog.early and dialog.unit.number == 1
    dialog.complete()
    assert unit_by_number(store, 1).closed
    assert page.question is None


@pytest.mark.usefixtures("units")
def test_on_the_last_day_the_review_opens_without_a_question(qtbot: QtBot, page_on: PageOn) -> None:
    page = page_on(on(10, 8))
    page.review()
    assert page.question is None
    dialog = page._dialog
    assert isinstance(dialog, ReviewDialog) and not dialog.early
    dialog.reject()


@pytest.mark.usefixtures("units")
def test_a_unit_not_started_cannot_be_reviewed_and_the_window_says_why(
    qtbot: QtBot, store: Store, page_on: PageOn
) -> None:
    page = page_on(on(6))
    page.next_button.click()
    assert page.unit is not None and page.unit.number == 2
    assert not page.review_button.isEnabled()
    assert "Unit 2 has not started yet" in page.review_button.toolTip()
    said: list[str] = []
    page.status.connect(said.append)
    page.review()  # as Ctrl+Shift+R or the palette would
    assert page.question is None and page._dialog is None
    assert said and said[0].startswith("Unit 2 has not started yet: it starts on Fri 11 Feb 2022")
    page.review(unit_by_number(store, 2).id)
    assert page.question is None and page._dialog is None and len(said) == 2
