"""The item editor against a real store: every save is one undoable operation, bad
input is refused before anything is written, and nothing is ever half saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextBlockFormat
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.dates import parse_date_phrase
from app.domain.entities import ItemDraft
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.errors import NotFound
from app.domain.item_fields import describe_due
from app.services.item_details import item_details, set_links, set_pass_notes
from app.services.item_edits import ItemPatch, edit_item, set_completed
from app.services.items import create_item, get_item, trash_item
from app.store.db import Store
from app.ui.editor import PRIORITY_CHOICES, EditPlan, ItemEditor, apply_edit, open_item_editor
from app.ui.ops import Operations
from tests.ui.conftest import add, redo_step, undo_step

MakeEditor = Callable[[int], ItemEditor]


@pytest.fixture
def make_editor(qtbot: QtBot, ops: Operations) -> MakeEditor:
    def make(item_id: int) -> ItemEditor:
        editor = ItemEditor(ops, item_id)
        # Kept after closing so that tests can look at it; never asks in a test.
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        editor.confirm_discard = lambda: True
        qtbot.addWidget(editor)
        editor.open()
        return editor

    return make


def _priority_index(priority: Priority) -> int:
    return [p for _, p in PRIORITY_CHOICES].index(priority)


# --- showing the item ----------------------------------------------------------------


def test_the_editor_shows_the_item(store: Store, make_editor: MakeEditor) -> None:
    parent = add(store, "Thesis chapter 2")
    item = add(
        store,
        "Read the transformer paper",
        column=Column.TODO,
        kind=ItemKind.PAPER,
        tags=("nlp", "reading"),
        estimate_minutes=90,
        due_date=date(2026, 12, 1),
        due_time=time(15, 0),
        parent_id=parent,
        notes="# Summary",
    )
    editor = make_editor(item)
    assert editor.title_edit.text() == "Read the transformer paper"
    assert editor.details_tab.kind_box.currentText() == "Paper"
    assert editor.details_tab.estimate_edit.text() == "1h30m"
    assert editor.details_tab.due_edit.text() == "2026-12-01 15:00"
    assert "Tue 01 Dec 2026, 15:00" in editor.details_tab.due_status.text()
    assert editor.details_tab.tags_edit.text() == "nlp, reading"
    assert "Thesis chapter 2" in editor.details_tab.parent_label.text()
    assert editor.notes_tab.notes_edit.toPlainText() == "# Summary"
    assert editor.history_tab.created_label.text()
    assert editor.history_tab.completed_label.text() == "Not yet"
    week = get_item(store, item).planned_weeks[0]
    assert editor.history_tab.weeks_list.item(0).text().startswith(week)
    assert not editor.has_unsaved_changes()
    assert editor.isVisible() and not editor.isModal()


def test_the_editor_deletes_itself_when_closed_by_default(store: Store, ops: Operations) -> None:
    editor = ItemEditor(ops, add(store, "An item"))
    assert editor.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.deleteLater()


def test_a_missing_item_cannot_be_edited(store: Store, ops: Operations) -> None:
    with pytest.raises(NotFound):
        ItemEditor(ops, 4242)


# --- saving fields ---------------------------------------------------------------------


def test_title_priority_and_an_english_due_phrase_save_as_one_undoable_edit(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Draft the abstract")
    before = get_item(store, item)
    editor = make_editor(item)
    editor.title_edit.setText("Draft the abstract for NeurIPS")
    editor.details_tab.priority_box.setCurrentIndex(_priority_index(Priority.HIGH))
    editor.details_tab.due_edit.setText("fri 3pm")
    expected = parse_date_phrase("fri 3pm", ops.clock())
    assert editor.details_tab.due_status.text() == describe_due(expected, ops.clock().date())

    assert editor.save()
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Accepted
    record = get_item(store, item)
    assert record.title == "Draft the abstract for NeurIPS"
    assert record.priority is Priority.HIGH
    assert (record.due_date, record.due_time) == (expected.date, time(15, 0))
    assert ops.undo_stack.count() == 1

    undo_step(ops)
    # An undo is a new change: only its time differs from the item before the edit.
    undone = get_item(store, item)
    assert undone._replace(updated_at=before.updated_at) == before
    assert undone.updated_at > record.updated_at


def test_a_chinese_due_phrase_is_read_and_saved(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "组会报告")
    editor = make_editor(item)
    editor.details_tab.due_edit.setText("明天下午三点")
    expected = parse_date_phrase("明天下午三点", ops.clock())
    assert expected.time == time(15, 0)
    assert "tomorrow" in editor.details_tab.due_status.text()
    assert editor.save()
    record = get_item(store, item)
    assert (record.due_date, record.due_time) == (expected.date, expected.time)


def test_an_unreadable_due_date_is_shown_and_save_does_nothing(
    store: Store, ops: Operations, make_editor: MakeEditor, qtbot: QtBot
) -> None:
    item = add(store, "Review the draft")
    before = get_item(store, item)
    editor = make_editor(item)
    editor.title_edit.setText("Review the second draft")
    editor.show_tab("notes")
    editor.details_tab.due_edit.setText("when the moon is blue")
    qtbot.waitUntil(lambda: "Could not read" in editor.details_tab.due_status.text())

    assert not editor.save()
    assert editor.isVisible()
    assert editor.tabs.currentIndex() == editor.tab("details")
    assert not editor.error_label.isHidden()
    assert "Could not read the date" in editor.error_label.text()
    assert get_item(store, item) == before
    assert ops.undo_stack.count() == 0


def test_the_clear_button_removes_the_due_date(
    store: Store, make_editor: MakeEditor, qtbot: QtBot
) -> None:
    item = add(store, "Submit", due_date=date(2026, 12, 1))
    editor = make_editor(item)
    qtbot.mouseClick(editor.details_tab.due_clear, Qt.MouseButton.LeftButton)
    assert editor.details_tab.due_edit.text() == ""
    assert editor.details_tab.due_status.text() == "No due date"
    assert editor.save()
    assert get_item(store, item).due_date is None


def test_estimate_horizon_kind_and_tags_save(store: Store, make_editor: MakeEditor) -> None:
    item = add(store, "Run the ablation", tags=("ml", "old"))
    editor = make_editor(item)
    editor.details_tab.estimate_edit.setText("1h30m")
    assert editor.details_tab.estimate_status.text() == "1 h 30 min"
    editor.details_tab.horizon_box.setCurrentIndex(2)  # short term
    editor.details_tab.kind_box.setCurrentIndex(editor.details_tab.kind_box.findText("Experiment"))
    editor.details_tab.tags_edit.setText("ML, #gpu thesis")
    assert editor.save()
    record = get_item(store, item)
    assert record.estimate_minutes == 90
    assert record.horizon is Horizon.SHORT
    assert record.kind is ItemKind.EXPERIMENT
    assert sorted(t.casefold() for t in record.tags) == ["gpu", "ml", "thesis"]


def test_an_unreadable_estimate_or_an_empty_title_is_refused(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Something")
    editor = make_editor(item)
    editor.details_tab.estimate_edit.setText("a while")
    assert editor.details_tab.estimate_status.property("error")
    assert not editor.save()
    assert "estimate" in editor.error_label.text()
    editor.details_tab.estimate_edit.setText("")
    editor.title_edit.setText("   ")
    assert not editor.save()
    assert editor.error_label.text() == "The title cannot be empty."
    assert get_item(store, item).title == "Something"
    assert ops.undo_stack.count() == 0


def test_saving_without_changes_closes_without_an_undo_step(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    editor = make_editor(add(store, "Unchanged", due_date=date(2026, 12, 1)))
    assert editor.plan() == EditPlan()
    assert editor.save()
    assert not editor.isVisible()
    assert ops.undo_stack.count() == 0


def test_ctrl_s_saves(store: Store, make_editor: MakeEditor, qtbot: QtBot) -> None:
    item = add(store, "Old title")
    editor = make_editor(item)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.title_edit.setText("New title")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_item(store, item).title == "New title"
    assert not editor.isVisible()


def test_ctrl_enter_saves_from_the_notes(
    store: Store, make_editor: MakeEditor, qtbot: QtBot
) -> None:
    item = add(store, "Notes")
    editor = make_editor(item)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.show_tab("notes")
    editor.notes_tab.notes_edit.setFocus()
    qtbot.keyClicks(editor.notes_tab.notes_edit, "typed")
    qtbot.keyClick(
        editor.notes_tab.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert get_item(store, item).notes == "typed"
    assert not editor.isVisible()


# --- notes -------------------------------------------------------------------------------


def test_the_markdown_preview_renders_headings_and_links_as_you_type(
    store: Store, make_editor: MakeEditor, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = add(store, "Idea")
    editor = make_editor(item)
    editor.notes_tab.notes_edit.setPlainText(
        "# Big idea\n\nSee [the paper](https://example.org/p)."
    )
    qtbot.waitUntil(lambda: "Big idea" in editor.notes_tab.preview.toPlainText())
    first = editor.notes_tab.preview.document().firstBlock()
    assert first.text() == "Big idea"
    assert QTextBlockFormat(first.blockFormat()).headingLevel() == 1
    assert 'href="https://example.org/p"' in editor.notes_tab.preview.toHtml()

    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    editor.notes_tab.preview.anchorClicked.emit(QUrl("https://example.org/p"))
    assert opened == ["https://example.org/p"]
    assert editor.save()
    assert get_item(store, item).notes.startswith("# Big idea")


# --- links ---------------------------------------------------------------------------------


def test_links_are_added_removed_and_saved(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Attention is all you need", kind=ItemKind.PAPER)
    set_links(store, item, [("https://old.example/x", "Old"), ("https://keep.example", "Keep")],
              now=ops.clock())  # fmt: skip
    editor = make_editor(item)
    assert [link.title for link in editor.links_tab.links()] == ["Old", "Keep"]
    assert editor.tabs.tabText(editor.tab("links")) == "Links (2)"
    editor.links_tab.remove_link(0)
    assert editor.links_tab.add_link("arXiv", "https://arxiv.org/abs/1706.03762")
    assert editor.save()
    links = item_details(store, item).links
    assert [(link.url, link.title) for link in links] == [
        ("https://keep.example", "Keep"),
        ("https://arxiv.org/abs/1706.03762", "arXiv"),
    ]
    undo_step(ops)
    assert [link.title for link in item_details(store, item).links] == ["Old", "Keep"]


def test_a_link_without_a_scheme_is_refused(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Read later")
    editor = make_editor(item)
    assert not editor.links_tab.add_link("arXiv", "arxiv.org/abs/1706.03762")
    assert not editor.links_tab.link_error.isHidden()
    assert "https://" in editor.links_tab.link_error.text()
    assert editor.links_tab.links() == []

    # Typed straight into the table: Save refuses it and shows the Links tab.
    assert editor.links_tab.add_link("arXiv", "https://arxiv.org")
    cell = editor.links_tab.links_table.item(0, 1)
    assert cell is not None
    cell.setText("arxiv.org")
    assert not editor.save()
    assert editor.tabs.currentIndex() == editor.tab("links")
    assert "not a full link" in editor.error_label.text()
    assert item_details(store, item).links == ()
    assert ops.undo_stack.count() == 0


# --- subtasks ----------------------------------------------------------------------------------


def test_subtasks_are_added_and_completed_with_the_save(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Write the paper")
    outline = add(store, "Outline", parent_id=item)
    figures = add(store, "Figures", parent_id=item)
    set_completed(store, figures, True, now=ops.clock())
    editor = make_editor(item)
    assert editor.subtasks_tab.subtask_progress() == (1, 2)
    assert editor.subtasks_tab.subtask_progress_label.text() == "1/2 done"

    row = [editor.subtasks_tab.subtask_list.item(r).text() for r in range(2)].index("Outline")
    editor.subtasks_tab.set_subtask_done(row, True)
    assert editor.subtasks_tab.add_subtask("Related work")
    assert editor.subtasks_tab.add_subtask("Rebuttal")
    assert editor.subtasks_tab.subtask_progress_label.text() == "2/4 done"
    assert editor.save()

    children = item_details(store, item).children
    assert get_item(store, outline).done
    assert [c.title for c in children][-2:] == ["Related work", "Rebuttal"]
    assert all(c.parent_id == item for c in children)

    undo_step(ops)  # one step takes back the ticks and the new subtasks
    assert not get_item(store, outline).done
    assert sorted(c.title for c in item_details(store, item).children) == ["Figures", "Outline"]
    redo_step(ops)
    assert len(item_details(store, item).children) == 4


def test_a_new_subtask_can_be_removed_before_saving(store: Store, make_editor: MakeEditor) -> None:
    item = add(store, "Plan")
    editor = make_editor(item)
    assert editor.subtasks_tab.add_subtask("Oops")
    editor.subtasks_tab.subtask_list.setCurrentRow(0)
    assert editor.subtasks_tab.subtask_remove.isEnabled()
    editor.subtasks_tab.subtask_remove.click()
    assert editor.subtasks_tab.subtask_progress() == (0, 0)
    assert not editor.has_unsaved_changes()


# --- reading passes ------------------------------------------------------------------------


def test_reading_passes_and_notes_per_pass_are_saved_for_papers(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "BERT", kind=ItemKind.PAPER)
    set_pass_notes(store, item, 3, "old notes", now=ops.clock())
    editor = make_editor(item)
    assert editor.tabs.isTabVisible(editor.tab("reading"))
    assert editor.reading_tab.pass_buttons[0].isChecked()
    editor.reading_tab.pass_buttons[2].setChecked(True)
    editor.reading_tab.target_box.setCurrentIndex(3)
    assert editor.reading_tab.reading_status.text() == "Pass 2/3 · 1 more pass to go"
    editor.reading_tab.pass_notes_edits[0].setPlainText("Masked LM; figures clear")
    editor.reading_tab.pass_notes_edits[1].setPlainText("Pre-training details")
    editor.reading_tab.pass_notes_edits[2].setPlainText("")
    assert editor.save()

    record = get_item(store, item)
    assert (record.reading_pass, record.target_pass) == (2, 3)
    assert item_details(store, item).pass_notes == {
        1: "Masked LM; figures clear",
        2: "Pre-training details",
    }
    undo_step(ops)
    assert item_details(store, item).pass_notes == {3: "old notes"}
    assert get_item(store, item).reading_pass == 0


def test_the_reading_tab_is_only_for_papers(store: Store, make_editor: MakeEditor) -> None:
    editor = make_editor(add(store, "A task"))
    assert not editor.tabs.isTabVisible(editor.tab("reading"))
    editor.details_tab.kind_box.setCurrentIndex(editor.details_tab.kind_box.findText("Paper"))
    assert editor.tabs.isTabVisible(editor.tab("reading"))
    editor.details_tab.kind_box.setCurrentIndex(editor.details_tab.kind_box.findText("Idea"))
    assert not editor.tabs.isTabVisible(editor.tab("reading"))


# --- cancel, failures, changes elsewhere ---------------------------------------------------------


def test_cancel_discards_edits_after_asking(
    store: Store, ops: Operations, make_editor: MakeEditor, qtbot: QtBot
) -> None:
    item = add(store, "Keep me")
    editor = make_editor(item)
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    editor.confirm_discard = refuse
    editor.title_edit.setText("Changed")
    editor.reject()
    assert asked == [True]
    assert editor.isVisible()  # "keep editing"

    editor.confirm_discard = lambda: True
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert get_item(store, item).title == "Keep me"
    assert ops.undo_stack.count() == 0


def test_cancel_without_edits_does_not_ask(store: Store, make_editor: MakeEditor) -> None:
    editor = make_editor(add(store, "Untouched"))

    def fail() -> bool:
        raise AssertionError("asked without edits")

    editor.confirm_discard = fail
    editor.reject()
    assert not editor.isVisible()


def test_a_refused_service_leaves_nothing_half_saved(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Parent")
    child = add(store, "Child", parent_id=item)
    before = get_item(store, item)
    editor = make_editor(item)
    editor.title_edit.setText("Parent renamed")
    assert editor.subtasks_tab.add_subtask("New child")
    editor.subtasks_tab.set_subtask_done(0, True)
    trash_item(store, child, now=ops.clock())  # behind the editor's back

    assert not editor.save()
    assert editor.isVisible()
    assert f"No item {child}" in editor.error_label.text()
    assert get_item(store, item) == before  # the title edit was rolled back
    assert item_details(store, item).children == ()  # the new child too
    assert ops.undo_stack.count() == 0


def test_apply_edit_is_all_or_nothing(store: Store, ops: Operations) -> None:
    item = add(store, "Item")
    before = get_item(store, item)
    plan = EditPlan(
        patch=ItemPatch(title="Renamed"),
        new_subtasks=("A subtask",),
        completions=((987654, True),),
    )
    with pytest.raises(NotFound):
        apply_edit(store, item, plan, now=ops.clock())
    assert get_item(store, item) == before
    assert item_details(store, item).children == ()


def test_the_editor_reloads_when_the_item_changes_elsewhere_without_local_edits(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Before")
    editor = make_editor(item)
    assert ops.run(
        "Rename",
        lambda now: edit_item(store, item, ItemPatch(title="After"), now=now)[1],
    )
    assert editor.title_edit.text() == "After"
    assert editor.banner.isHidden()


def test_local_edits_survive_a_change_elsewhere(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Before")
    editor = make_editor(item)
    editor.notes_tab.notes_edit.setPlainText("my notes")
    assert ops.run(
        "Prioritise",
        lambda now: edit_item(store, item, ItemPatch(priority=Priority.HIGH), now=now)[1],
    )
    assert editor.notes_tab.notes_edit.toPlainText() == "my notes"
    assert not editor.banner.isHidden()
    # Only the edited field is written: the priority set elsewhere stays.
    assert editor.save()
    record = get_item(store, item)
    assert (record.notes, record.priority) == ("my notes", Priority.HIGH)


def test_an_item_removed_while_open_cannot_be_saved(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    made: list[int] = []

    def create(now: datetime) -> Changes:
        record, changes = create_item(store, ItemDraft("Made by an operation"), now=now)
        made.append(record.id)
        return changes

    assert ops.run("Add", create)
    editor = make_editor(made[0])
    undo_step(ops)  # the item is gone again
    assert not editor.save_button.isEnabled()
    assert "no longer exists" in editor.banner_label.text()
    assert not editor.save()
    editor.reject()  # closes without asking
    assert not editor.isVisible()


def test_open_item_editor_reuses_the_open_editor(
    store: Store, ops: Operations, qtbot: QtBot
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    item = add(store, "Once")
    first = open_item_editor(ops, item, window)
    assert first is not None
    assert open_item_editor(ops, item, window) is first
    with qtbot.waitSignal(ops.failed) as failed:
        assert open_item_editor(ops, 999999, window) is None
    assert failed.args == ["No item 999999."]
    first.confirm_discard = lambda: True
    first.close()
