"""Past reviews say which part of an achieved count was added by hand."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from app.domain.units import GoalSpec
from app.services.unit_records import get_unit
from app.services.unit_review import achievement_history, review_unit
from app.services.units import create_unit, set_adjustment
from app.store.db import Store
from app.ui.theme import tokens_for
from app.ui.units.history import AchievementChart, review_html

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_goal_met_by_hand_says_so_after_the_review(qtbot: QtBot, store: Store) -> None:
    unit, _ = create_unit(
        store,
        now=datetime(2022, 1, 31, tzinfo=SHANGHAI),
        start=date(2022, 2, 1),
        goals=[GoalSpec("Math", 1, description="chapter 3")],
    )
    set_adjustment(store, unit.goals[0].id, 3)
    review_unit(
        store, unit.id, reflection="", tz=SHANGHAI, now=datetime(2022, 2, 11, tzinfo=SHANGHAI)
    )
    (row,) = achievement_history(store)
    assert (row.achieved, row.by_hand) == (3, 3)
    assert "3 (3 by hand) / 1" in review_html(store, get_unit(store, unit.id))
    chart = AchievementChart(tokens_for(False))
    qtbot.addWidget(chart)
    chart.set_history([row])
    assert chart.accessibleDescription() == "Unit 1 Math: 3 (3 by hand) of 1"
