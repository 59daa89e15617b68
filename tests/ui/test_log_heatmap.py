"""The year of activity: 53 weeks × 7 days painted in one widget, shades from the year's
own busy days, a tooltip per day, a click shows the day; calendar years before this one,
paged to; and the streak line."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.services.log_days import HeatDay, Streaks
from app.ui.log.heatmap import (
    MAX_WEEKS,
    WEEKS,
    Heatmap,
    HeatSpan,
    earlier,
    first_shown,
    heat_span,
    later,
    level,
    shades,
    thresholds,
    year_holding,
)
from app.ui.log.wording import heat_tooltip, streak_text
from app.ui.theme import tokens_for

TODAY = date(2026, 11, 20)  # a Friday


def year(counts: dict[date, tuple[int, int]]) -> list[HeatDay]:
    first = first_shown(TODAY, 0)
    days = (TODAY - first).days + 1
    out = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        entries, completed = counts.get(day, (0, 0))
        out.append(HeatDay(day, entries, completed))
    return out


def test_the_grid_spans_53_weeks_ending_with_todays_week() -> None:
    first = first_shown(TODAY, 0)
    assert first.weekday() == 0  # weeks start on Monday here
    assert (TODAY - first).days // 7 == WEEKS - 1
    sunday_first = first_shown(TODAY, 6)
    assert sunday_first.weekday() == 6


def test_shades_follow_the_years_busy_days() -> None:
    assert thresholds([]) == (2, 3, 4)
    assert thresholds([1, 1, 0]) == (2, 3, 4)  # an entry a day is a quiet day
    marks = thresholds([1, 1, 2, 3, 5, 8, 13, 0, 0])
    assert marks == (3, 5, 7)  # a busy day: 8, the 95th percentile
    assert [level(c, marks) for c in (0, 1, 3, 5, 13)] == [0, 1, 2, 3, 4]
    # A single marathon day does not set the scale for the rest of the year.
    assert thresholds([6] * 40 + [60]) == (2, 4, 5)
    light, dark = shades(tokens_for(False)), shades(tokens_for(True))
    assert len(light) == len(dark) == 5
    assert light[4] == tokens_for(False).accent and dark[4] == tokens_for(True).accent


def test_counts_tooltips_and_clicks(qtbot: QtBot) -> None:
    heat = Heatmap(tokens_for(False))
    qtbot.addWidget(heat)
    busy = TODAY - timedelta(days=3)
    heat.set_days(year({busy: (2, 3), TODAY - timedelta(days=40): (1, 0)}), TODAY)
    heat.show()
    assert heat.count(busy) == 5
    assert heat.level_of(busy) == 4 and heat.level_of(TODAY) == 0
    assert heat.day_at(heat.cell_rect(busy).center()) == busy
    assert heat.day_at(QPoint(0, 0)) is None
    future = TODAY + timedelta(days=1)
    assert heat.day_at(heat.cell_rect(future).center()) is None  # the week's days to come
    assert heat_tooltip(HeatDay(busy, 2, 3), TODAY) == (
        "Tue 17 Nov 2026: 2 log entries, 3 items completed"
    )
    quiet = heat_tooltip(HeatDay(TODAY, 0, 0), TODAY)
    assert quiet == "Fri 20 Nov 2026: nothing logged or completed"
    with qtbot.waitSignal(heat.day_clicked) as clicked:
        qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=heat.cell_rect(busy).center())
    assert clicked.args == [busy]


def test_one_paint_shows_busy_days_darker(qtbot: QtBot) -> None:
    tokens = tokens_for(True)
    heat = Heatmap(tokens)
    qtbot.addWidget(heat)
    busy = TODAY - timedelta(days=10)
    heat.set_days(year({busy: (4, 4), TODAY - timedelta(days=11): (1, 0)}), TODAY)
    heat.resize(heat.sizeHint())
    image = QImage(heat.size(), QImage.Format.Format_ARGB32)
    image.fill(tokens.card_bg)
    heat.render(image)
    colours = shades(tokens)
    assert image.pixelColor(heat.cell_rect(busy).center()) == colours[4]
    assert image.pixelColor(heat.cell_rect(TODAY - timedelta(days=50)).center()) == colours[0]


def test_a_span_is_the_past_year_or_a_calendar_year_before_this_one() -> None:
    past = heat_span(None, TODAY, 0)
    assert past == HeatSpan(None, first_shown(TODAY, 0), first_shown(TODAY, 0), TODAY)
    assert past.weeks == WEEKS
    assert heat_span(TODAY.year, TODAY, 0) == past  # this year is the past year's
    year = heat_span(2019, TODAY, 0)
    assert (year.first, year.start, year.end) == (
        date(2018, 12, 31),
        date(2019, 1, 1),
        date(2019, 12, 31),
    )
    assert year.weeks == 53 and year.holds(date(2019, 1, 1)) and not year.holds(date(2018, 12, 31))
    # 2012 began on a Sunday and had 366 days: with weeks from Monday, 54 columns.
    assert heat_span(2012, TODAY, 0).weeks == MAX_WEEKS
    assert heat_span(2012, TODAY, 6).weeks == 53
    # Back a year at a time; forward to the past year, and no further.
    assert earlier(None, TODAY) == 2025 and earlier(2025, TODAY) == 2024
    assert later(2024, TODAY) == 2025 and later(2025, TODAY) is None and later(None, TODAY) is None
    # The span a day is shown in: the past year while it reaches back that far.
    assert year_holding(TODAY, TODAY, 0) is None
    assert year_holding(TODAY + timedelta(days=30), TODAY, 0) is None
    assert year_holding(first_shown(TODAY, 0), TODAY, 0) is None
    assert year_holding(first_shown(TODAY, 0) - timedelta(days=1), TODAY, 0) == 2025
    assert year_holding(date(2019, 11, 4), TODAY, 0) == 2019


def test_a_year_before_this_one_is_shown_and_clicked(qtbot: QtBot) -> None:
    heat = Heatmap(tokens_for(False))
    qtbot.addWidget(heat)
    thesis = date(2019, 11, 4)
    days = [HeatDay(date(2019, 1, 1) + timedelta(days=n), 0, 0) for n in range(365)]
    days[(thesis - date(2019, 1, 1)).days] = HeatDay(thesis, 3, 0)
    heat.set_days(days, TODAY, 2019)
    heat.resize(heat.sizeHint())
    heat.show()
    assert heat.accessibleName() == "Activity in 2019"
    assert heat.accessibleDescription() == "1 day logged in 2019"
    assert heat.count(thesis) == 3 and heat.level_of(thesis) == 3
    assert heat.day_at(heat.cell_rect(date(2019, 12, 31)).center()) == date(2019, 12, 31)
    # The first column's Monday is the year before's: not this page's, not clickable.
    assert heat.day_at(heat.cell_rect(date(2018, 12, 31)).center()) is None
    assert heat.day_at(heat.cell_rect(date(2020, 1, 1)).center()) is None
    with qtbot.waitSignal(heat.day_clicked) as clicked:
        qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=heat.cell_rect(thesis).center())
    assert clicked.args == [thesis]
    # The widget is as wide for any year: the 54 columns of the longest fit.
    width = heat.sizeHint().width()
    heat.set_days([], TODAY, 2012)
    assert heat.day_at(heat.cell_rect(date(2012, 12, 31)).center()) == date(2012, 12, 31)
    assert heat.cell_rect(date(2012, 12, 31)).right() < width == heat.sizeHint().width()
    heat.set_days(year({}), TODAY)
    assert heat.span.year is None and heat.accessibleName() == "Activity in the past year"


def test_the_streak_line() -> None:
    day = date(2026, 11, 1)
    assert streak_text(Streaks(12, 40, day, day, day, True)) == (
        "Current streak 12 days · longest 40 days"
    )
    assert streak_text(Streaks(1, 1, day, day, day, False)) == (
        "Current streak 1 day · longest 1 day · write today to keep it going"
    )
    assert streak_text(Streaks(0, 0, None, None, None, False)).startswith("No streak yet")
