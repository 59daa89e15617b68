"""Creating and editing a unit in the window: the form, its checks, the goals table, the
linked items, the categories editor, and undo and redo of each as one step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.units import GoalMeasure, ReviewDecision, parse_goal_spec
from app.services.goal_categories import list_categories
from app.services.unit_forms import CategoryDraft, category_problems
from app.services.unit_records import get_unit, list_units, unit_by_number
from app.services.unit_review import review_unit
from app.services.units import create_unit, edit_unit
from app.store.db import Store
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.theme import tokens_for
from app.ui.units.categories_dialog import CategoriesDialog
from app.ui.units.goals_editor import (
    ADJUSTMENT,
    CATEGORY,
    DESCRIPTION,
    ITEMS,
    STRETCH,
    TARGET,
    GoalDraft,
    GoalsModel,
)
from app.ui.units.item_picker import ItemPicker
from app.ui.units.unit_dialog import UnitDialog
from tests.services.undo_harness import document
from tests.ui.conftest import redo_step, run_queued, undo_step
from tests.ui.test_units_page import CREATED, DAY_SIX, SHANGHAI, Sample, at, fixed_ops


@pytest.fixture
def ops(store: Store, qapp: QApplication) -> Iterator[Operations]:
    operations = fixed_ops(store, DAY_SIX)
    yield operations
    operations.undo_stack.clear()


def open_dialog(qtbot: QtBot, ops: Operations, unit_id: int | None) -> UnitDialog:
    dialog = UnitDialog(ops, unit_id, today=DAY_SIX.date(), tokens=tokens_for(False))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # its shortcuts (Ctrl+Enter) need it active
    return dialog


def save_button(dialog: UnitDialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_new_unit_follows_the_last_one_with_its_goals_and_is_undone_whole(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_dialog(qtbot, ops, None)
    assert dialog.windowTitle() == "New unit · Unit 2"
    assert dialog.start_edit.date() == QDate(2022, 2, 11) and dialog.days_spin.value() == 10
    assert dialog.title_edit.placeholderText() == "Unit 2: 2-11 to 2-20"
    assert [(d.category, d.target, d.stretch) for d in dialog.goals.drafts] == [
        ("Lectures", 3, None), ("Papers", 2, 3), ("Math", 1, None), ("Coding", 1, None),
    ]  # fmt: skip
    model = dialog.goals.model
    assert model.setData(model.index(1, model.columns.index(ADJUSTMENT)), 1)
    model.replace(1, model.draft(1)._replace(items=(s.survey,)))
    dialog.days_spin.setValue(7)
    dialog.title_edit.setText("Unit 2: exams")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1
    unit = unit_by_number(store, 2)
    assert (unit.title, unit.start, unit.days) == ("Unit 2: exams", date(2022, 2, 11), 7)
    assert dialog.saved_unit_id == unit.id
    papers = unit.goals[1]
    assert papers.item_ids == (s.survey,) and papers.adjustment == 1
    after = document(store)
    assert ops.undo_stack.undoText() == "New unit 2"
    undo_step(ops)
    assert document(store) == before
    redo_step(ops)
    assert document(store) == after


def test_redo_refuses_to_overwrite_a_unit_made_elsewhere_after_the_undo(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    Sample(store)
    made = ops.run(
        "New unit 2",
        lambda now: create_unit(store, now=now, title="Unit 2: from the window")[1],
    )
    assert made
    window_unit = unit_by_number(store, 2)
    undo_step(ops)
    # Meanwhile the command line makes unit 2 (under a new id: ids are never reused).
    terminal_unit, _ = create_unit(store, now=DAY_SIX, title="Unit 2: from the terminal")
    assert terminal_unit.id != window_unit.id and terminal_unit.number == 2
    with qtbot.waitSignal(ops.failed) as failure:
        ops.redo()
    assert "now holds what this step would bring back" in failure.args[0]
    assert "nothing was changed" in failure.args[0]
    assert unit_by_number(store, 2).title == "Unit 2: from the terminal"


def test_the_form_says_what_is_wrong_and_saves_nothing(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    Sample(store)
    before = document(store)
    dialog = open_dialog(qtbot, ops, None)
    dialog.start_edit.setDate(QDate(2022, 2, 8))
    assert "Unit 1 already covers Tue 1 Feb to Thu 10 Feb 2022" in dialog.message.text()
    assert not save_button(dialog).isEnabled()  # type: ignore[attr-defined]
    dialog.start_edit.setDate(QDate(2022, 2, 11))
    model = dialog.goals.model
    assert model.setData(model.index(1, model.columns.index(STRETCH)), 2)
    assert dialog.message.text() == (
        "Goal 2: the stretch (2) must be more than the target (2), or left empty."
    )
    dialog.accept()  # Ctrl+Enter or a click while the form is wrong
    assert dialog.isVisible() and document(store) == before
    assert model.setData(model.index(1, model.columns.index(STRETCH)), 0)  # "—": no stretch
    assert dialog.message.text() == "" and save_button(dialog).isEnabled()  # type: ignore[attr-defined]
    assert model.draft(1).stretch is None


def test_editing_a_unit_changes_its_goals_links_and_adjustments_in_one_step(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    assert dialog.title_edit.text() == ""  # the default title, which follows the dates
    model = dialog.goals.model
    dialog.days_spin.setValue(12)
    assert model.setData(model.index(0, model.columns.index(TARGET)), 4)
    assert model.setData(model.index(0, model.columns.index(DESCRIPTION)), "  NYU   weeks 5-7 ")
    model.replace(2, model.draft(2)._replace(items=(s.chapter,), adjustment=2))  # Math
    dialog.goals.table.selectRow(3)
    dialog.goals.remove_selected()  # Coding
    dialog.goals.add_goal()
    assert model.setData(model.index(3, model.columns.index(CATEGORY)), "Coding")
    assert model.setData(model.index(3, model.columns.index(TARGET)), 2)
    save_button(dialog).click()  # type: ignore[attr-defined]
    unit = get_unit(store, s.unit)
    assert unit.title == "Unit 1: 2-01 to 2-12"
    assert [(g.category, g.description, g.target) for g in unit.goals] == [
        ("Lectures", "NYU weeks 5-7", 4), ("Papers", "Read two papers on SSL", 2),
        ("Math", "", 1), ("Coding", "", 2),
    ]  # fmt: skip
    math = unit.goals[2]
    assert math.item_ids == (s.chapter,) and math.adjustment == 2
    assert unit.goals[3].item_ids == ()  # a new goal, not the removed one
    after = document(store)
    undo_step(ops)
    assert document(store) == before
    redo_step(ops)
    assert document(store) == after


def test_a_reviewed_unit_can_only_be_renamed(qtbot: QtBot, store: Store, ops: Operations) -> None:
    s = Sample(store)
    decisions = dict.fromkeys([s.survey, s.transducer, s.chapter, s.section], ReviewDecision.CARRY)
    review_unit(store, s.unit, reflection="", decisions=decisions, tz=SHANGHAI, now=at(10, 22))
    dialog = open_dialog(qtbot, ops, s.unit)
    assert dialog.note.isVisible()
    assert not dialog.start_edit.isEnabled() and not dialog.days_spin.isEnabled()
    assert not dialog.goals.add_button.isEnabled() and not dialog.categories_button.isEnabled()
    model = dialog.goals.model
    assert not model.setData(model.index(0, model.columns.index(TARGET)), 9)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    dialog.title_edit.setText("Unit 1: the game")
    save_button(dialog).click()  # type: ignore[attr-defined]
    assert get_unit(store, s.unit).title == "Unit 1: the game"


def test_the_goals_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = GoalsModel([CATEGORY, DESCRIPTION, TARGET, STRETCH, ADJUSTMENT, ITEMS], str)
    model.set_drafts(
        [GoalDraft(None, "Papers", "SSL", 2, 3, 0, (4, 5)), GoalDraft(7, "Math", "", 1)]
    )
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(6)] == ["Papers", "SSL", "2", "3", "—",
                                                             "2 items"]  # fmt: skip
    assert model.index(1, 3).data() == "—" and model.index(1, 5).data() == "none"
    assert model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole) == "4\n5"


def test_the_item_picker_finds_and_ticks_items(
    qtbot: QtBot, store: Store, qtmodeltester: ModelTester
) -> None:
    s = Sample(store)
    picker = ItemPicker(store, RowCache(store), [s.survey], "Items for Papers")
    qtbot.addWidget(picker)
    model = picker.model
    qtmodeltester.check(model)
    assert model.ids[0] == s.survey  # linked first, then open items, newest first
    assert s.barlow not in model.ids  # completed: not offered unless searched
    qtbot.keyClicks(picker.search, "Barlow")
    assert model.ids == [s.survey, s.barlow]
    assert model.setData(
        model.index(1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.setData(
        model.index(0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert picker.chosen == [s.barlow]
    assert "✓ Barlow Twins" in str(model.index(1).data())


def test_categories_are_renamed_recoloured_added_and_undone(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    Sample(store)
    before = document(store)
    dialog = CategoriesDialog(ops, tokens_for(True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.names == ["Lectures", "Papers", "Math", "Coding"]
    dialog.select("Math")
    assert not dialog.remove_button.isEnabled()  # a goal uses it
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Mathematics")
    dialog.set_color(2, "#0891B2")
    dialog.add()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Writing")
    dialog.kind_boxes[next(k for k in dialog.kind_boxes if k.value == "note")].setChecked(True)
    dialog.accept()
    by_name = {c.name: c for c in list_categories(store)}
    assert by_name["Mathematics"].color == "#0891b2"
    assert by_name["Writing"].kinds == ("note",)
    assert [g.category for g in unit_by_number(store, 1).goals][2] == "Mathematics"
    after = document(store)
    undo_step(ops)
    assert document(store) == before
    redo_step(ops)
    assert document(store) == after


def test_category_names_are_checked_before_anything_is_saved(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    drafts = [
        CategoryDraft(1, "Papers", "#000000", ()),
        CategoryDraft(None, "paper", "#111111", ()),
    ]
    assert category_problems(drafts) == [
        "'paper' and 'Papers' would be the same category (names match in any case, singular "
        "or plural)."
    ]
    assert category_problems([CategoryDraft(None, "a=b", "#000000", ())])[0].startswith(
        "Category 1"
    )
    dialog = CategoriesDialog(ops, tokens_for(False))
    qtbot.addWidget(dialog)
    dialog.add()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "lecture")
    assert "would be the same category" in dialog.message.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.remove()  # the new one is not used: it goes
    assert dialog.names == ["Lectures", "Papers", "Math", "Coding"]
    assert dialog.message.text() == ""


def test_a_unit_operation_refused_half_way_leaves_nothing_behind(
    store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    failures: list[str] = []
    ops.failed.connect(failures.append)

    def half(now: datetime) -> Changes:
        from app.services.units import add_goal

        changes = edit_unit(store, s.unit, title="renamed", days=12)[1]
        changes |= create_unit(store, now=now, start=date(2022, 3, 1))[1]
        return changes | add_goal(store, s.unit, parse_goal_spec("writing=1"))[1]

    assert not ops.run("Edit unit 1", half)
    assert failures and "There is no goal category 'writing'" in failures[0]
    assert document(store) == before
    assert [u.number for u in list_units(store)] == [1]
    assert not ops.undo_stack.canUndo()
    # The same steps outside the window do leave the first ones: the test is not empty.
    with pytest.raises(InvalidInput):
        half(CREATED)
    assert get_unit(store, s.unit).title == "renamed"


def test_ctrl_enter_saves_a_number_still_being_typed(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    table = dialog.goals.table
    table.setFocus()
    table.setCurrentIndex(dialog.goals.model.index(0, TARGET))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and table.viewport().isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1
    assert get_unit(store, s.unit).goals[0].target == 5


# --- the keyboard, closing, categories renamed from the dialog ----------------------------


def wait_active(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_return_edits_cells_and_opens_the_item_search_but_never_saves(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    dialog.title_edit.setFocus()
    qtbot.keyClicks(dialog.title_edit, "half-typed title")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    table, model = dialog.goals.table, dialog.goals.model
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.columns.index(TARGET)))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # opens the cell's editor, as in a spreadsheet
    spin = QApplication.focusWidget()
    assert spin is not None and table.viewport().isAncestorOf(spin)
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "4")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.draft(0).target == 4)

    table.setCurrentIndex(model.index(1, model.columns.index(ITEMS)))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the item search
    picker = dialog.picker
    assert isinstance(picker, ItemPicker) and picker.isVisible()
    wait_active(qtbot, picker)
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)  # looked, and cancelled
    qtbot.waitUntil(lambda: not picker.isVisible())
    run_queued(qtbot)  # what closing the search set off, before looking at the dialog
    assert dialog.isVisible() and dialog.result() == 0
    assert model.draft(1).items == (s.barlow, s.survey)

    qtbot.keyClick(table, Qt.Key.Key_Return)  # again, and this time tick one more
    picker = dialog.picker
    assert isinstance(picker, ItemPicker)
    wait_active(qtbot, picker)
    qtbot.keyClicks(picker.search, "transducer")
    assert picker.model.ids[-1] == s.transducer
    picker.list.setFocus()
    picker.list.setCurrentIndex(picker.model.index(len(picker.model.ids) - 1))
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)  # the search's own OK
    qtbot.waitUntil(lambda: not picker.isVisible())
    run_queued(qtbot)
    assert model.draft(1).items == (s.barlow, s.survey, s.transducer)
    assert dialog.isVisible() and document(store) == before  # nothing saved yet
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.findChildren(QPushButton))

    wait_active(qtbot, dialog)
    failures: list[str] = []
    ops.failed.connect(failures.append)
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1, (failures, dialog.message.text(), QApplication.focusWidget())
    unit = get_unit(store, s.unit)
    assert unit.title == "half-typed title" and unit.goals[0].target == 4
    assert unit.goals[1].item_ids == (s.barlow, s.survey, s.transducer)


def test_tab_leaves_the_goals_table_and_every_button_has_its_own_key(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    goals = dialog.goals
    goals.table.setFocus()
    walk = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walk.append(QApplication.focusWidget())
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    buttons = [goals.add_button, goals.add_hours_button, goals.remove_button,
               dialog.categories_button, save, cancel]  # fmt: skip
    assert walk == buttons
    assert all("&" in b.text() for b in buttons)
    texts = [b.text() for b in buttons] + [
        label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None
    ]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(set(letters)) == 9, letters  # + Starts, Title, Goals
    # Insert adds a goal and Delete removes the current one, in the table only.
    goals.table.setFocus()
    qtbot.keyClick(goals.table, Qt.Key.Key_Insert)
    assert len(goals.drafts) == 5 and goals.table.currentIndex().row() == 4
    qtbot.keyClick(goals.table, Qt.Key.Key_Up)
    qtbot.keyClick(goals.table, Qt.Key.Key_Delete)  # Coding
    assert [d.category for d in goals.drafts] == ["Lectures", "Papers", "Math", "Lectures"]
    table = goals.table
    table.setCurrentIndex(goals.model.index(0, goals.model.columns.index(DESCRIPTION)))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and table.viewport().isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # deletes a character, not the goal
    assert len(goals.drafts) == 4
    # Alt+A is Add goal; Alt+H adds one in hours.
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(goals.drafts) == 5)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(goals.drafts) == 6)
    assert (goals.drafts[5].measure, goals.drafts[5].target) == (GoalMeasure.MINUTES, 60)


def test_cancel_asks_before_changes_are_thrown_away(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    before = document(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)  # nothing changed: closes at once
    assert not dialog.isVisible()

    dialog = open_dialog(qtbot, ops, s.unit)
    qtbot.keyClicks(dialog.title_edit, "Unit 1: exams week")
    dialog.goals.table.setFocus()
    qtbot.keyClick(dialog.goals.table, Qt.Key.Key_Insert)
    qtbot.keyClick(dialog.goals.table, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # asking
    question = dialog.question
    assert question is not None and question.text() == "Discard your changes to unit 1?"
    wait_active(qtbot, question)
    qtbot.keyClick(question, Qt.Key.Key_Return)  # the default: Keep editing
    assert dialog.isVisible() and dialog.title_edit.text() == "Unit 1: exams week"
    assert len(dialog.goals.drafts) == 5
    wait_active(qtbot, dialog)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Cancel
    qtbot.waitUntil(lambda: dialog.question is not None)
    question = dialog.question
    assert question is not None
    wait_active(qtbot, question)
    qtbot.keyClick(question, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Discard
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == 0 and document(store) == before


def test_a_category_renamed_from_the_dialog_keeps_its_goals(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.categories_dialog is not None)
    categories = dialog.categories_dialog
    assert isinstance(categories, CategoriesDialog)
    wait_active(qtbot, categories)
    categories.select("Math")
    categories.name_edit.setFocus()
    categories.name_edit.selectAll()
    qtbot.keyClicks(categories.name_edit, "Mathematics")
    qtbot.keyClick(categories.name_edit, Qt.Key.Key_Return)  # its OK
    qtbot.waitUntil(lambda: not categories.isVisible())
    model = dialog.goals.model
    assert [model.index(r, 0).data() for r in range(4)] == [
        "Lectures", "Papers", "Mathematics", "Coding",
    ]  # fmt: skip
    assert dialog.message.text() == "" and save_button(dialog).isEnabled()  # type: ignore[attr-defined]
    wait_active(qtbot, dialog)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)  # the rename is saved already
    assert not dialog.isVisible() and dialog.question is None
    assert [g.category for g in get_unit(store, s.unit).goals][2] == "Mathematics"


def test_a_goal_in_hours_is_added_in_the_dialog_and_saved_in_minutes(
    qtbot: QtBot, store: Store, ops: Operations
) -> None:
    s = Sample(store)
    dialog = open_dialog(qtbot, ops, s.unit)
    goals = dialog.goals
    goals.add_hours_button.click()
    model = goals.model
    row = len(goals.drafts) - 1
    assert model.setData(model.index(row, model.columns.index(CATEGORY)), "Coding")
    assert model.setData(model.index(row, model.columns.index(TARGET)), 360)
    assert "6h" in str(model.data(model.index(row, model.columns.index(TARGET))))
    save_button(dialog).click()  # type: ignore[attr-defined]
    saved = get_unit(store, s.unit).goals[-1]
    assert (saved.category, saved.target, saved.measure) == ("Coding", 360, GoalMeasure.MINUTES)
