"""The units page and the review show goals in hours as hours, and the review the time
planned against the time spent per category over the unit's days."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot

from app.domain.units import parse_goal_spec
from app.services.time_blocks import add_block
from app.services.unit_progress import unit_progress
from app.services.unit_records import get_unit
from app.services.units import create_unit
from app.store.db import Store
from app.ui.theme import tokens_for
from app.ui.units.review_dialog import ReviewDialog
from app.ui.units.review_time import time_rows_html, unit_time
from app.ui.units.wording import counted_text, goal_range
from tests.services.test_unit_hours import CREATED, LATER, SHANGHAI, START, item, spend
from tests.ui.test_units_page import fixed_ops


def test_the_review_shows_planned_against_spent_per_category(
    qtbot: QtBot, store: Store, qapp: object
) -> None:
    unit, _ = create_unit(store, now=CREATED, start=START, goals=[parse_goal_spec("coding=6h")])
    code = item(store, "translation model", ("coding",))
    add_block(store, day=date(2022, 2, 3), start=9 * 60, minutes=180, item_id=code, now=CREATED)
    spend(store, code, datetime(2022, 2, 3, 9, 0, tzinfo=SHANGHAI), 150)
    coding = unit_progress(store, unit.id, tz=SHANGHAI, now=LATER).goals[0]
    assert goal_range(coding.goal) == "6h" and counted_text(coding) == "2h30m"
    report = unit_time(store, get_unit(store, unit.id), now=LATER, zone=SHANGHAI)
    assert [(name, t.planned_minutes, t.spent_minutes) for name, t in report.categories()] == [
        ("Coding", 180, 150.0)
    ]
    html = time_rows_html(report)
    assert "<td>Coding</td><td align='right'>3h</td><td align='right'>2h30m</td>" in html
    ops = fixed_ops(store, datetime(2022, 2, 11, 9, 0, tzinfo=SHANGHAI))
    dialog = ReviewDialog(ops, unit.id, tokens=tokens_for(False))
    qtbot.addWidget(dialog)
    assert "Coding" in dialog.time_table.text() and "2h30m" in dialog.time_table.text()
    ops.undo_stack.clear()
