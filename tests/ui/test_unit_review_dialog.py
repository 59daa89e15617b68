"""The end-of-unit review in the window: what it shows, deciding with the keyboard and
the mouse, the checks, completing it in one undoable step (items and units come back
exactly), the next unit's goals, and the past reviews with their chart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.enums import Horizon
from app.domain.units import ReviewDecision, parse_goal_spec
from app.services.items import get_item
from app.services.unit_records import get_unit, unit_by_number
from app.services.unit_review import achievement_history, review_unit
from app.services.units import create_unit
from app.store.db import Store
from app.ui.ops import Operations
from app.ui.theme import contrast_ratio, tokens_for
from app.ui.units.decisions import DecisionModel, segment_rects
from app.ui.units.goals_editor import STRETCH, TARGET
from app.ui.units.history import AchievementChart, HistoryDialog, review_html
from app.ui.units.review_dialog import ReviewDialog
from app.ui.units.review_draft import ReviewDrafts
from app.ui.units.star_rating import StarRating
from tests.services.undo_harness import check_search_index, document
from tests.ui.conftest import redo_step, run_queued, undo_step
from tests.ui.test_units_page import SHANGHAI, Sample, at, fixed_ops

CARRY, BACKLOG, DROP = ReviewDecision.CARRY, ReviewDecision.BACKLOG, ReviewDecision.DROP
AFTER = datetime(2022, 2, 11, 9, 0, tzinfo=SHANGHAI)  # the morning after the last day


@pytest.fixture
def ops(store: Store, qapp: QApplication) -> Iterator[Operations]:
    operations = fixed_ops(store, AFTER)
    yield operations
    operations.undo_stack.clear()


def open_review(
    qtbot: QtBot, ops: Operations, unit_id: int, drafts: ReviewDrafts | None = None
) -> ReviewDialog:
    dialog = ReviewDialog(ops, unit_id, tokens=tokens_for(False), drafts=drafts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_review_shows_goals_empty_days_and_every_unfinished_linked_item(
    qtbot: QtBot, store: Store, ops: Operations, qtmodeltester: ModelTester
) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    assert dialog.windowTitle() == "Review unit 1"
    goals = dialog.goal_model.goals
    assert [(g.goal.category, g.achieved, g.goal.target) for g in goals] == [
        ("Lectures", 1, 3), ("Papers", 1, 2), ("Math", 0, 1), ("Coding", 0, 1),
    ]  # fmt: skip
    assert dialog.empty_label.text() == (
        "Empty days: Tue 1 Feb, Thu 3 Feb, Sat 5 Feb, Sun 6 Feb, Mon 7 Feb, Tue 8 Feb, "
        "Wed 9 Feb, Thu 10 Feb"
    )
    qtmodeltester.check(dialog.decisions)
    rows = dialog.decisions.rows
    assert [r.item.id for r in rows] == [s.survey, s.transducer, s.chapter, s.section]
    assert [r.goals for r in rows] == [("Papers",), ("Coding",), ("Math",), ("Math",)]
    assert {r.decision for r in rows} == {CARRY}  # the usual choice, shown, changeable
    assert dialog.decision_list.hasFocus()
    assert dialog.next_goals is not None
    assert [(d.category, d.target, d.origin) for d in dialog.next_goals.drafts] == [
        ("Lectures", 3, 0), ("Papers", 2, 1), ("Math", 1, 2), ("Coding", 1, 3),
    ]  # fmt: skip


def test_c_b_and_d_decide_and_move_on_left_and_right_step_through(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    view, model = dialog.decision_list, dialog.decisions
    for key in (Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_D):
        qtbot.keyClick(view, key)
    assert model.decisions() == {s.survey: BACKLOG, s.transducer: CARRY, s.chapter: DROP,
                                 s.section: DROP}  # fmt: skip
    view.setCurrentIndex(model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert model.row(0).decision is DROP
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert model.row(0).decision is CARRY  # round again
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert model.row(0).decision is DROP
    assert view.currentIndex().row() == 0  # stepping does not move on


def test_a_click_on_a_choice_takes_it(qtbot: QtBot, store: Store, ops: Operations) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    view = dialog.decision_list
    rect = view.visualRect(dialog.decisions.index(1)).adjusted(2, 2, -2, -2)
    backlog = segment_rects(rect, view.font())[1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=backlog.center())
    assert dialog.decisions.row(1).decision is BACKLOG
    # The chosen segment is filled with the accent colour.
    image = view.viewport().grab().toImage()
    ratio = view.devicePixelRatioF()
    probe = QPoint(int((backlog.left() + 4) * ratio), int(backlog.center().y() * ratio))
    assert image.pixelColor(probe) == tokens_for(False).accent


def test_keeping_an_item_nested_in_a_dropped_one_is_refused_with_a_reason(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    dialog.decisions.set_decision(2, DROP)  # chapter 3; section 3.1 still carried
    assert dialog.message.text() == (
        "“section 3.1” is nested in “chapter 3”, which is being dropped, and would go to the "
        "trash with it: drop it too, or choose again for “chapter 3”."
    )
    assert not dialog.complete_button.isEnabled()
    before = document(store)
    dialog.complete()
    assert dialog.isVisible() and document(store) == before
    dialog.decisions.set_decision(3, DROP)
    assert dialog.message.text() == "" and dialog.complete_button.isEnabled()


def test_completing_with_ctrl_enter_reviews_closes_and_starts_the_next_unit_in_one_undo(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_review(qtbot, ops, s.unit)
    for key in (Qt.Key.Key_C, Qt.Key.Key_B, Qt.Key.Key_D, Qt.Key.Key_D):
        qtbot.keyClick(dialog.decision_list, key)
    dialog.reflection.setFocus()
    qtbot.keyClicks(dialog.reflection, "A game came out on Feb 8th. ")
    dialog.reflection.insertPlainText("论文读得太慢。")  # QTest types Latin-1 only
    qtbot.keyClick(dialog.reflection, Qt.Key.Key_Tab)
    assert dialog.rating.hasFocus()
    qtbot.keyClick(dialog.rating, Qt.Key.Key_2)
    editor = dialog.next_goals
    assert editor is not None
    assert editor.model.setData(editor.model.index(1, STRETCH), 4)  # more papers next time
    assert editor.model.setData(editor.model.index(1, TARGET), 3)
    editor.table.selectRow(0)
    editor.remove_selected()  # no lectures next time
    editor.add_goal()
    dialog.reflection.setFocus()  # Ctrl+Enter completes even from the text
    qtbot.keyClick(dialog.reflection, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == 1, dialog.message.text()
    assert dialog.result_summary == (
        "Reviewed unit 1 (1 carried, 1 back to the backlog, 2 dropped). "
        "Unit 2: 2-11 to 2-20 starts Fri 11 Feb."
    )
    closed, following = unit_by_number(store, 1), unit_by_number(store, 2)
    assert closed.closed and closed.rating == 2
    assert closed.reflection == "A game came out on Feb 8th. 论文读得太慢。"
    assert [g.achieved_at_review for g in closed.goals] == [1, 1, 0, 0]
    assert [(g.category, g.target, g.stretch) for g in following.goals] == [
        ("Papers", 3, 4), ("Math", 1, None), ("Coding", 1, None), ("Lectures", 1, None),
    ]  # fmt: skip
    assert following.goals[0].item_ids == (s.survey,)  # carried to the edited goal
    transducer = get_item(store, s.transducer)
    assert transducer.placement is None and transducer.horizon is Horizon.SHORT
    assert get_item(store, s.chapter).deleted_at is not None
    assert get_item(store, s.section).deleted_at is not None
    after = document(store)

    assert ops.undo_stack.undoText() == "Review unit 1"
    undo_step(ops)
    assert document(store) == before
    check_search_index(store)
    redo_step(ops)
    assert document(store) == after
    undo_step(ops)
    assert document(store) == before


def test_a_goal_that_receives_carried_items_cannot_be_removed_from_the_next_unit(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    editor = dialog.next_goals
    assert editor is not None
    editor.table.selectRow(1)
    editor.remove_selected()  # Papers, where "survey" is carried
    assert dialog.message.text() == (
        "Items are carried to the next unit's Papers goal (“Read two papers on SSL”): keep "
        "that goal, or choose another decision for them."
    )
    dialog.decisions.set_decision(0, BACKLOG)
    assert dialog.message.text() == ""


def test_an_existing_next_unit_keeps_its_goals_and_receives_carried_items(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    create_unit(store, now=at(5), start=date(2022, 2, 14), goals=[parse_goal_spec("math=2")])
    dialog = open_review(qtbot, ops, s.unit)
    assert dialog.next_goals is None
    dialog.decisions.set_decision(1, BACKLOG)
    dialog.complete()
    following = unit_by_number(store, 2)
    assert [g.category for g in following.goals] == ["Math", "Papers"]
    assert following.goals[0].item_ids == (s.chapter, s.section)
    assert following.goals[1].item_ids == (s.survey,)
    assert dialog.result_summary.endswith("Unit 2: 2-14 to 2-23 starts Mon 14 Feb.")


def test_later_saves_nothing(qtbot: QtBot, store: Store, ops: Operations) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_review(qtbot, ops, s.unit)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed or chosen: no question
    assert not dialog.isVisible() and dialog.result() == 0
    assert document(store) == before and not get_unit(store, s.unit).closed


def answer(qtbot: QtBot, question: QMessageBox | None, key: Qt.Key, alt: bool = False) -> None:
    assert question is not None and question.isVisible()
    question.activateWindow()
    qtbot.waitUntil(question.isActiveWindow)
    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(question, key, modifier)


def test_escape_after_typing_asks_before_the_reflection_is_thrown_away(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_review(qtbot, ops, s.unit)
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_D)
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reflection, "A game came out on Feb 8th.")
    qtbot.keyClick(dialog.reflection, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # asking
    question = dialog.question
    assert question is not None and question.text() == "Discard your reflection?"
    assert question.defaultButton().text() == "&Keep editing"
    answer(qtbot, question, Qt.Key.Key_Escape)  # Keep editing
    assert dialog.isVisible() and dialog.question is None
    assert dialog.reflection.toPlainText() == "A game came out on Feb 8th."
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.reflection, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Later
    qtbot.waitUntil(lambda: dialog.question is not None)  # a mnemonic clicks after 100 ms
    answer(qtbot, dialog.question, Qt.Key.Key_D, alt=True)  # Discard
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == 0
    assert document(store) == before


def test_later_keeps_a_draft_that_the_next_review_brings_back(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    drafts: ReviewDrafts = {}
    dialog = open_review(qtbot, ops, s.unit, drafts)
    assert not dialog.restored_label.isVisible()
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_D)  # drop "implement transducer"
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reflection, "Three days lost. Next time: fewer goals.")
    qtbot.keyClick(dialog.reflection, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.rating, Qt.Key.Key_2)
    qtbot.keyClick(dialog.rating, Qt.Key.Key_Tab)
    assert dialog.next_goals is not None and dialog.next_goals.table.hasFocus()
    qtbot.keyClick(dialog.next_goals.table, Qt.Key.Key_Delete)  # no lectures next time
    qtbot.keyClick(dialog.next_goals.table, Qt.Key.Key_Escape)  # Later: no question
    assert not dialog.isVisible() and dialog.question is None
    assert not get_unit(store, s.unit).closed

    again = open_review(qtbot, ops, s.unit, drafts)
    assert again.restored and again.restored_label.isVisible()
    assert again.reflection.toPlainText() == "Three days lost. Next time: fewer goals."
    assert again.rating.rating == 2
    assert again.decisions.decisions() == {s.survey: CARRY, s.transducer: DROP,
                                           s.chapter: CARRY, s.section: CARRY}  # fmt: skip
    assert again.next_goals is not None
    assert [d.category for d in again.next_goals.drafts] == ["Papers", "Math", "Coding"]
    again.reflection.setFocus()
    qtbot.keyClick(again.reflection, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert again.result() == 1 and drafts == {}  # completed: the draft is done with
    closed = get_unit(store, s.unit)
    assert closed.reflection == "Three days lost. Next time: fewer goals." and closed.rating == 2
    assert get_item(store, s.transducer).deleted_at is not None


def test_return_anywhere_never_completes_the_review(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_review(qtbot, ops, s.unit)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(dialog.decision_list, key)  # "picking" a row
    assert dialog.isVisible() and not get_unit(store, s.unit).closed
    dialog.goal_tree.setFocus()
    qtbot.keyClick(dialog.goal_tree, Qt.Key.Key_Return)
    dialog.rating.setFocus()
    qtbot.keyClick(dialog.rating, Qt.Key.Key_Return)
    editor = dialog.next_goals
    assert editor is not None
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(1, TARGET))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # edits the cell, as in a spreadsheet
    spin = QApplication.focusWidget()
    assert spin is not None and table.viewport().isAncestorOf(spin)
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "4")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # takes the number, closes the editor
    qtbot.waitUntil(lambda: editor.model.draft(1).target == 4)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    run_queued(qtbot)  # a completion Return set off would have run by now
    assert dialog.isVisible() and dialog.result() == 0
    assert not get_unit(store, s.unit).closed and document(store) == before
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.findChildren(QPushButton))


def mnemonics(dialog: QWidget) -> list[str]:
    """The Alt+letter of every button and labelled field in `dialog`."""
    texts = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    return [t[t.index("&") + 1].lower() for t in texts if "&" in t]


def test_tab_leaves_the_goals_table_and_every_button_has_a_key(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    editor = dialog.next_goals
    assert editor is not None
    walk = []
    for _ in range(11):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walk.append(QApplication.focusWidget())
    assert walk == [dialog.reflection, dialog.rating, editor.table, editor.add_button,
                    editor.add_hours_button, editor.remove_button, dialog.complete_button,
                    dialog.later_button,
                    dialog.goal_tree, dialog.strip.parentWidget().parentWidget(),
                    dialog.decision_list]  # fmt: skip
    letters = mnemonics(dialog)
    assert sorted(letters) == sorted(set(letters))  # no two share a key
    for button in (editor.add_button, editor.add_hours_button, editor.remove_button,
                   dialog.complete_button, dialog.later_button):  # fmt: skip
        assert "&" in button.text(), button.text()
    # Alt+A adds a goal, Insert another, Delete takes the current one away again.
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(editor.drafts) == 5)
    assert editor.table.hasFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert len(editor.drafts) == 6
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [d.category for d in editor.drafts] == ["Lectures", "Papers", "Math", "Coding"]
    # Return on a focused button presses it: here, Later.
    dialog.later_button.setFocus()
    qtbot.keyClick(dialog.later_button, Qt.Key.Key_Return)
    assert not dialog.isVisible() and not get_unit(store, s.unit).closed


def test_the_chosen_decision_reads_in_the_dark_theme(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dark = tokens_for(True)
    dialog = ReviewDialog(ops, s.unit, tokens=dark)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.decision_list
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_D)  # the last row: Drop; the others stay on Carry
    image = view.viewport().grab().toImage()
    ratio = view.devicePixelRatioF()
    for row, fill in ((0, dark.accent), (3, dark.overdue)):
        rect = view.visualRect(dialog.decisions.index(row)).adjusted(2, 2, -2, -2)
        segment = segment_rects(rect, view.font())[0 if row == 0 else 2].adjusted(6, 3, -6, -3)
        pixels = [
            image.pixelColor(QPoint(int(x * ratio), int(y * ratio)))
            for x in range(segment.left(), segment.right())
            for y in range(segment.top(), segment.bottom())
        ]
        assert any(p == fill for p in pixels)  # the chosen segment is filled
        best = max(contrast_ratio(p, fill) for p in pixels)
        assert best >= 4.5, (row, round(best, 2))  # its label reads on the fill


def test_at_900_by_600_the_review_shows_three_items_and_fits(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_review(qtbot, ops, s.unit)
    dialog.resize(900, 600)
    run_queued(qtbot)  # the layouts the resize asked for
    assert dialog.width() == 900 and dialog.height() == 600
    view = dialog.decision_list
    row = view.sizeHintForRow(0)
    assert view.viewport().height() >= 3 * row - 2, (view.viewport().height(), row)
    assert dialog.complete_button.isVisible() and dialog.reflection.height() >= 50


def test_stars_follow_keys_and_clicks(qtbot: QtBot) -> None:
    stars = StarRating(tokens_for(True))
    qtbot.addWidget(stars)
    stars.show()
    seen: list[int | None] = []
    stars.changed.connect(seen.append)
    qtbot.keyClick(stars, Qt.Key.Key_4)
    qtbot.keyClick(stars, Qt.Key.Key_Right)
    qtbot.keyClick(stars, Qt.Key.Key_Right)  # stays at 5
    qtbot.keyClick(stars, Qt.Key.Key_0)
    width = stars.sizeHint().width() // 5
    qtbot.mouseClick(stars, Qt.MouseButton.LeftButton, pos=QPoint(4 + width * 2 + width // 2, 5))
    qtbot.mouseClick(stars, Qt.MouseButton.LeftButton, pos=QPoint(4 + width * 2 + width // 2, 5))
    assert seen == [4, 5, None, 3, None]


def test_the_decision_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store
) -> None:
    s = Sample(store)
    from app.ui.units.decisions import DecisionRow

    model = DecisionModel([DecisionRow(get_item(store, s.survey), ("Papers",), CARRY)])
    qtmodeltester.check(model)
    assert model.index(0).data() == "精读：《自监督学习综述》: Carry"


def test_past_reviews_show_the_reflection_the_goals_the_decisions_and_a_chart(
    qtbot: QtBot, store: Store
) -> None:
    s = Sample(store)
    decisions = {s.survey: CARRY, s.transducer: BACKLOG, s.chapter: DROP, s.section: DROP}
    review_unit(store, s.unit, reflection="Slow <week>.\nBetter at the end.", rating=3,
                decisions=decisions, tz=SHANGHAI, now=at(10, 22))  # fmt: skip
    text = review_html(store, get_unit(store, s.unit))
    assert "Slow &lt;week&gt;." in text and "<p>Better at the end.</p>" in text
    assert "Drop: chapter 3 (in the trash)" in text and "Backlog: implement transducer" in text
    assert "1 / 2–3" in text

    dialog = HistoryDialog(store, tokens=tokens_for(False))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [u.number for u in dialog.reviewed] == [1]
    assert "Slow &lt;week&gt;." in dialog.details.toHtml()
    chart = dialog.chart
    assert chart.rows == achievement_history(store)
    assert [name for name, _ in chart.categories()] == ["Lectures", "Papers", "Math", "Coding"]


def test_the_chart_paints_each_category_in_its_colour_up_to_its_share(qtbot: QtBot) -> None:
    from app.services.unit_review import Achievement

    rows = [
        Achievement(1, 1, date(2022, 2, 1), 10, 1, "Papers", "#16a34a", 2, 3, 2),
        Achievement(1, 1, date(2022, 2, 1), 10, 2, "Math", "#9333ea", 2, None, 1),
    ]
    chart = AchievementChart(tokens_for(False))
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.set_history(rows)
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    ratio = chart.devicePixelRatioF()
    colours = {
        image.pixelColor(QPoint(int(x * ratio), int(y * ratio))).name()
        for x in range(0, 400, 2)
        for y in range(60, 280, 4)
    }
    assert {QColor("#16a34a").name(), QColor("#9333ea").name()} <= colours
    assert len(chart._bars) == 2
    (papers, _), (math, _) = chart._bars
    assert papers.height() == pytest.approx(2 * math.height(), rel=0.02)  # 100% and 50%
