"""The backlog says which items are on a board week: a badge after the title ("this
week", "next week", "wk 49"), readable in both themes, and a tool tip naming the week
and the column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from app.domain.entities import Placement
from app.domain.enums import Column
from app.domain.weeks import Week
from app.store.db import Store
from app.ui.backlog.board_badge import TINT_ALPHA, badge_colors, board_badge, week_words
from app.ui.backlog.view import BacklogPage
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import contrast_ratio, palette_for, tokens_for
from tests.ui.conftest import add, this_week

WEEK = Week(2026, 49)


def test_weeks_are_named_from_this_week() -> None:
    assert week_words(WEEK, WEEK) == "this week"
    assert week_words(WEEK.shifted(1), WEEK) == "next week"
    assert week_words(WEEK.shifted(-1), WEEK) == "last week"
    assert week_words(Week(2026, 40), WEEK) == "wk 40"
    assert week_words(Week(2027, 2), WEEK) == "2027-W02"


def test_the_tip_names_the_week_and_the_column() -> None:
    badge = board_badge(Placement("2026-W49", Column.ACTIVE, 0), WEEK)
    assert badge is not None and badge.current
    assert badge.tip == "On the board: this week (2026-W49), in Active."
    later = board_badge(Placement("2027-W02", Column.TODO, 0), WEEK)
    assert later is not None and not later.current
    assert later.tip == "On the board: 2027-W02, in To do."
    assert board_badge(None, WEEK) is None


def over(colour: QColor, alpha: int, base: QColor) -> QColor:
    a = alpha / 255
    pairs = zip(colour.getRgb()[:3], base.getRgb()[:3], strict=True)
    return QColor(*(round(c * a + b * (1 - a)) for c, b in pairs))


@pytest.mark.parametrize("dark", [False, True])
def test_badge_words_read_on_the_badge_in_both_themes(dark: bool) -> None:
    tokens, base = tokens_for(dark), palette_for(dark).color(QPalette.ColorRole.Base)
    edge, text = badge_colors(tokens, True, None)
    assert contrast_ratio(text, over(edge, TINT_ALPHA[dark], base)) >= 4.5
    _, quiet = badge_colors(tokens, False, None)
    assert contrast_ratio(quiet, base) >= 4.5


def accent_pixels(page: BacklogPage, item_id: int, accent: QColor) -> int:
    """Pixels close to the accent at the end of the item's title cell."""
    tree = page.tree
    image = tree.viewport().grab().toImage()
    rect = tree.visualRect(page.model.index_of(item_id))
    title = QRect(rect.left(), rect.top(), tree.header().sectionSize(0), rect.height())
    count = 0
    for x in range(max(title.left(), title.right() - 130), title.right()):
        for y in range(title.top(), title.bottom()):
            pairs = zip(QColor(image.pixel(x, y)).getRgb()[:3], accent.getRgb()[:3], strict=True)
            if sum(abs(a - b) for a, b in pairs) < 60:
                count += 1
    return count


@pytest.mark.parametrize("dark", [False, True])
def test_an_item_on_this_weeks_board_shows_a_badge(
    qtbot: QtBot, store: Store, ops: Operations, rows: RowCache, dark: bool
) -> None:
    planned = add(store, "On the board", column=Column.ACTIVE)
    later = add(store, "Planned for next week", week=this_week().shifted(1))
    loose = add(store, "Only in the backlog")
    page = BacklogPage(ops, rows, lambda day: this_week())
    qtbot.addWidget(page)
    page.setPalette(palette_for(dark))
    page.resize(1000, 300)
    page.show()
    qtbot.waitExposed(page)
    accent = tokens_for(dark).accent
    assert accent_pixels(page, planned, accent) > 8  # its outline
    assert accent_pixels(page, later, accent) == 0  # another week is quiet
    assert accent_pixels(page, loose, accent) == 0

    tip = page.model.index_of(planned).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"On the board\nOn the board: this week ({this_week()}), in Active.")
    tip = page.model.index_of(later).data(Qt.ItemDataRole.ToolTipRole)
    assert f"next week ({this_week().shifted(1)}), in To do" in tip
    assert page.model.index_of(loose).data(Qt.ItemDataRole.ToolTipRole) == "Only in the backlog"
