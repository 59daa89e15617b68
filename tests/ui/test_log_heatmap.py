"""The year of activity: 53 weeks × 7 days painted in one widget, shades from the year's
own busy days, a tooltip per day, a click shows the day; and the streak line."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.services.log_days import HeatDay, Streaks
from app.ui.log.heatmap import WEEKS, Heatmap, first_shown, level, shades, thresholds
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


def test_the_streak_line() -> None:
    day = date(2026, 11, 1)
    assert streak_text(Streaks(12, 40, day, day, day, True)) == (
        "Current streak 12 days · longest 40 days"
    )
    assert streak_text(Streaks(1, 1, day, day, day, False)) == (
        "Current streak 1 day · longest 1 day · write today to keep it going"
    )
    assert streak_text(Streaks(0, 0, None, None, None, False)).startswith("No streak yet")
