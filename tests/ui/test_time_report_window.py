"""View › Time report…: the painted charts hold the report's figures, the picker moves
between days, weeks and units, the window follows time changes, and Export CSV writes the
report (offscreen)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.domain.entities import ItemDraft
from app.domain.units import parse_goal_spec
from app.services.items import create_item
from app.services.settings import set_settings
from app.services.time_blocks import add_block
from app.services.time_entries import add_entry
from app.services.units import create_unit
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.report.charts import day_stacks, hour_step
from app.ui.report.dialog import TimeReportDialog
from app.ui.settings import UiSettings
from app.ui.theme import tokens_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=SHANGHAI)  # a Friday, W47


@pytest.fixture
def ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: NOW)
    yield operations
    operations.undo_stack.clear()


def seed(store: Store) -> tuple[int, int]:
    paper = create_item(store, ItemDraft(title="MAE paper", tags=("paper",)), now=NOW)[0].id
    code = create_item(store, ItemDraft(title="ablation", tags=("coding",)), now=NOW)[0].id
    add_block(store, day=NOW.date(), start=9 * 60, minutes=120, item_id=paper, now=NOW)
    for day, item_id, minutes in ((19, paper, 60), (20, paper, 80), (20, code, 50)):
        start = datetime(2026, 11, day, 10, 0, tzinfo=SHANGHAI)
        add_entry(store, item_id=item_id, start=start, end=start + timedelta(minutes=minutes),
                  now=NOW)  # fmt: skip
    return paper, code


def open_dialog(qtbot: QtBot, ops: Operations) -> TimeReportDialog:
    dialog = TimeReportDialog(ops, tokens_for(False))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_week_shows_a_stacked_bar_per_day_and_the_breakdowns(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    seed(store)
    dialog = open_dialog(qtbot, ops)
    assert dialog.span_label.text().startswith("2026-W47 · 16 Nov – 22 Nov 2026")
    assert dialog.totals_label.text() == "Spent 3h10m · planned 2h"
    stacks = day_stacks(dialog.report)  # type: ignore[arg-type]
    assert [s.day.day for s in stacks] == list(range(16, 23))
    friday = stacks[4]
    assert friday.planned_minutes == 120
    assert friday.parts == (("Papers", 80.0), ("Coding", 50.0))
    assert [r.label for r in dialog.categories.rows] == ["Papers", "Coding"]
    assert [r.label for r in dialog.tags.rows] == ["#paper", "#coding"]
    assert "MAE paper: 2h20m spent, 2h planned" in dialog.items.accessibleDescription()
    # The bar is painted in the category's colour, stacked from the axis up.
    image = QImage(dialog.days.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    dialog.days.render(image)
    papers = dialog.categories.rows[0].color
    bottom = dialog.days.bar_rect(4, 1)
    assert image.pixelColor(int(bottom.center().x()), int(bottom.bottom()) - 2) == papers
    assert hour_step(190) == 60


def test_the_picker_moves_between_days_weeks_and_units(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    seed(store)
    create_unit(store, now=NOW, start=date(2026, 11, 15), goals=[parse_goal_spec("papers=3h")])
    dialog = open_dialog(qtbot, ops)
    dialog.set_kind("day")
    assert dialog.span_label.text() == "Friday 20 November 2026"
    assert dialog.totals_label.text() == "Spent 2h10m · planned 2h"
    dialog.step(-1)
    assert dialog.totals_label.text() == "Spent 1h · planned 0m"
    dialog.set_kind("unit")
    assert dialog.span_label.text().startswith("Unit 1: 11-15 to 11-24")
    assert len(dialog.days.stacks) == 10
    dialog.set_kind("week")
    dialog.step(1)
    assert dialog.span_label.text().startswith("2026-W48")
    dialog.go_now()
    assert dialog.span_label.text().startswith("2026-W47")


def test_it_follows_time_changes_and_exports_csv(
    qtbot: QtBot, store: Store, ops: Operations, tmp_path: Path
) -> None:
    paper, _ = seed(store)
    dialog = open_dialog(qtbot, ops)
    start = datetime(2026, 11, 18, 10, 0, tzinfo=SHANGHAI)
    _, changes = add_entry(store, item_id=paper, start=start,
                           end=start + timedelta(minutes=30), now=NOW)  # fmt: skip
    dialog.apply(changes)
    assert dialog.totals_label.text() == "Spent 3h40m · planned 2h"
    target = tmp_path / "week.csv"
    dialog.export_csv(str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert sum(float(r["spent_minutes"]) for r in rows) == 220.0
    assert {r["date"] for r in rows} == {"2026-11-18", "2026-11-19", "2026-11-20"}


def test_view_time_report_opens_it_from_the_window(
    qtbot: QtBot, store: Store, ui_settings: UiSettings
) -> None:
    set_settings(store, {"board.rollover": "manual"})
    window = MainWindow(store, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.registry.action("view.time_report")
    assert action.shortcut().toString() == "Ctrl+Shift+H"
    action.trigger()
    found = window.findChildren(TimeReportDialog)
    assert len(found) == 1 and found[0].isVisible()
    action.trigger()  # the open one comes forward; no second one
    assert len(window.findChildren(TimeReportDialog)) == 1
    found[0].close()
    window.ops.undo_stack.clear()
