"""The Log's year of activity paged by year: the past year first, back a calendar year at
a time to the first year with anything logged, the buttons' keys in their tooltips, a
year's days opened by a click, the heatmap following the day the Log goes to (and not
snapping back when the log changes), and an imported journal's newest day shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.journal.parse import parse_journal
from app.services import log_entries
from app.services.journal_import import import_journal
from app.store.db import Store
from app.ui.log.page import LogPage
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.theme import tokens_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
TODAY = NOW.date()
THESIS = date(2019, 11, 4)


@pytest.fixture
def ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: NOW)
    yield operations
    operations.undo_stack.clear()


@pytest.fixture
def page(qtbot: QtBot, ops: Operations, tmp_path: Path) -> LogPage:
    view = LogPage(ops, tokens_for(False), UiSettings(tmp_path / "ui.ini"))
    ops.changed.connect(view.apply)  # as the window does
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def statuses(page: LogPage) -> list[str]:
    """What the page says for the window's status bar."""
    said: list[str] = []
    page.status.connect(said.append)
    return said


def add(store: Store, body: str, day: date) -> None:
    log_entries.add_entry(store, day, body, now=NOW)


def read_again(page: LogPage) -> None:
    """The log changed (written here without the page's operations): read it again."""
    page.apply(Changes(log=True))
    page.reload()


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_the_heatmap_pages_back_to_the_first_year_logged_and_forward_again(
    qtbot: QtBot, store: Store, page: LogPage, statuses: list[str]
) -> None:
    add(store, "the thesis starts", THESIS)
    add(store, "this week", TODAY - timedelta(days=2))
    read_again(page)
    panel = page.activity
    back, forward = panel.prev_year_button, panel.next_year_button
    assert panel.period_label.text() == "Past year"
    assert "logged in the past year" in panel.year_label.text()
    assert back.isEnabled() and not forward.isEnabled()  # nothing after the past year
    assert back.toolTip() == "Show 2025 (Ctrl+Shift+PgUp)"
    click(qtbot, back)
    assert panel.period_label.text() == "2025" and panel.heatmap.span.year == 2025
    assert forward.isEnabled() and forward.toolTip() == "Show the past year (Ctrl+Shift+PgDown)"
    assert "<b>0 days</b> logged in 2025" in panel.year_label.text()
    for _ in range(6):
        click(qtbot, back)
    assert panel.period_label.text() == "2019"
    assert not back.isEnabled()  # nothing was logged before 2019
    assert "<b>1 day</b> logged in 2019" in panel.year_label.text()
    assert panel.heatmap.count(THESIS) == 1
    # A day of that year opens as before; the heatmap stays on its year.
    heat = panel.heatmap
    qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=heat.cell_rect(THESIS).center())
    assert page.day == THESIS and "the thesis starts" in page.day_view.toPlainText()
    assert panel.year == 2019
    page.step_year(-1)  # as Ctrl+Shift+PgUp does: there is no year before
    assert panel.year == 2019
    assert statuses[-1] == "Nothing was logged or completed before this year."
    for _ in range(6):
        page.step_year(1)
    assert panel.year == 2025
    page.step_year(1)
    assert panel.year is None and not forward.isEnabled()
    page.step_year(1)
    assert statuses[-1] == "The heatmap already shows the latest year."


def test_the_heatmap_follows_the_day_shown_and_keeps_its_year_while_the_log_changes(
    qtbot: QtBot, store: Store, page: LogPage
) -> None:
    add(store, "the thesis starts", THESIS)
    read_again(page)
    panel = page.activity
    page.show_day(THESIS)  # as the calendar, a search result or Ctrl+PgUp do
    assert panel.year == 2019 and panel.heatmap.span.holds(THESIS)
    page.show_day(TODAY - timedelta(days=40))
    assert panel.year is None  # the past year holds it
    page.step_year(-1)
    assert panel.year == 2025
    add(store, "written elsewhere", page.day)  # the log changes: the page reads it again
    page.apply(Changes(log=True))
    qtbot.waitUntil(lambda: "written elsewhere" in page.day_view.toPlainText())
    assert panel.year == 2025  # paging is left as the user left it
    page.go_today()
    assert panel.year is None


def test_a_hidden_heatmap_is_shown_to_page_it(store: Store, page: LogPage) -> None:
    add(store, "the thesis starts", THESIS)
    page.activity_button.setChecked(False)
    read_again(page)
    assert not page.activity.isVisible()
    page.step_year(-1)
    assert page.activity.isVisible() and page.activity.year == 2025


def test_after_an_import_the_log_shows_the_newest_day_and_its_year(
    store: Store, page: LogPage, statuses: list[str]
) -> None:
    text = "## 2021-03-01\n- a\n## 2021-03-02 ~ 2021-03-04\n- workshop\n## 2021-03-03\n- b\n"
    report, changes = import_journal(store, parse_journal(text), now=NOW)
    page.apply(changes)
    page.show_imported(report)
    assert page.day == date(2021, 3, 4)  # the range's last day is the newest
    assert "workshop" in page.day_view.toPlainText()
    assert page.activity.year == 2021
    assert page.activity.heatmap.count(date(2021, 3, 3)) == 2
    assert statuses[-1] == ("Imported 1 Mar – 4 Mar 2021; the Log shows the newest day.")
