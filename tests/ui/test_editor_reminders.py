"""The item editor's Reminders & repeat tab against a real store: reminders listed in
words, added (a preset, a typed time or phrase) and removed, the repeat rule chosen,
previewed and saved with the rest of the edit as one undoable step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from app.domain.reminders import ReminderSpec
from app.domain.repeat_fields import KINDS, RepeatKind
from app.domain.repeats import Repeat
from app.services.item_details import item_details
from app.services.reminders import reminders_of, set_reminder
from app.services.repeats import complete_occurrence, set_repeat
from app.store.db import Store
from app.ui.editor import ItemEditor
from app.ui.ops import Operations
from app.ui.theme import apply_theme, tokens_for
from tests.ui.conftest import add, undo_step

MakeEditor = Callable[[int], ItemEditor]


@pytest.fixture
def make_editor(qtbot: QtBot, ops: Operations) -> MakeEditor:
    def make(item_id: int) -> ItemEditor:
        editor = ItemEditor(ops, item_id)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        editor.confirm_discard = lambda: True
        qtbot.addWidget(editor)
        editor.open()
        editor.show_tab("reminders")
        return editor

    return make


def _soon(days: int) -> date:
    return datetime.now().astimezone().date() + timedelta(days=days)


def _choose(editor: ItemEditor, kind: RepeatKind) -> None:
    editor.reminders_tab.repeat_box.kind_box.setCurrentIndex(KINDS.index(kind))


def _type(editor: ItemEditor, text: str) -> bool:
    editor.reminders_tab.add_box.setEditText(text)
    return editor.reminders_tab.add_typed()


def _lines(editor: ItemEditor) -> list[str]:
    listed = editor.reminders_tab.list
    return [listed.item(row).text() for row in range(listed.count())]


def test_the_tab_lists_the_reminders_and_the_repeat(store: Store, make_editor: MakeEditor) -> None:
    now = datetime.now().astimezone()
    item = add(store, "Group meeting", due_date=_soon(3), due_time=time(15, 0))
    set_repeat(store, item, Repeat("FREQ=DAILY"), now=now)
    set_reminder(store, item, ReminderSpec.before_due(30), now=now)
    complete_occurrence(store, item, now=now)
    editor = make_editor(item)
    lines = _lines(editor)
    assert lines[0].startswith("At the due time · ")  # the default the due time gave
    assert lines[1].startswith("30m before · ") and lines[1].endswith("14:30")
    assert editor.tabs.tabText(editor.tab("reminders")) == "Reminders (2) && repeat"
    box = editor.reminders_tab.repeat_box
    assert box.kind_box.currentText() == "Daily"
    assert box.status.text().startswith("Daily. Next: ")
    assert box.history_list.count() == 1 and box.history_list.item(0).text().startswith("Done")
    assert not editor.has_unsaved_changes()


def test_reminders_and_a_repeat_are_saved_with_the_edit_and_undone_in_one_step(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Rebuttal", due_date=_soon(4), due_time=time(18, 0))
    old = reminders_of(store, item)  # the default, at the due time
    before = item_details(store, item)
    editor = make_editor(item)
    editor.reminders_tab.add_box.setCurrentIndex(3)  # "1 hour before"
    assert editor.reminders_tab.add_typed()
    assert _type(editor, "1d before 9am")
    editor.reminders_tab.list.setCurrentRow(0)
    editor.reminders_tab.remove_selected()
    _choose(editor, RepeatKind.WEEKLY)
    box = editor.reminders_tab.repeat_box
    assert box.day_buttons[_soon(4).weekday()].isChecked()  # the due date's weekday
    assert editor.save()
    assert ops.undo_stack.count() == 1
    saved = item_details(store, item)
    assert [r.spec for r in saved.reminders] == [
        ReminderSpec.before_due(60),
        ReminderSpec.before_due(1440, time(9, 0)),
    ]
    days = saved.repeat.rule.split("=")[-1] if saved.repeat else ""
    assert (
        saved.repeat is not None
        and days == ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[_soon(4).weekday()]
    )

    undo_step(ops)
    undone = item_details(store, item)
    assert undone.repeat is None and undone.reminders == tuple(old)
    assert undone.record.due_date == before.record.due_date


def test_a_reminder_before_the_due_date_needs_one(store: Store, make_editor: MakeEditor) -> None:
    editor = make_editor(add(store, "No date yet"))
    assert not _type(editor, "30m before")
    assert "has none" in editor.reminders_tab.status.text()
    assert editor.reminders_tab.status.property("error")
    assert editor.plan().new_reminders == ()
    assert _type(editor, "明天上午九点")  # a time needs no due date
    assert editor.plan().new_reminders[0].at is not None


def test_a_relative_reminder_whose_due_date_was_cleared_is_not_saved(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Camera-ready", due_date=_soon(5))
    editor = make_editor(item)
    assert _type(editor, "提前1天")
    editor.show_tab("details")
    editor.details_tab.due_edit.clear()
    assert not editor.save()
    assert editor.tabs.currentIndex() == editor.tab("reminders")
    assert "due date" in editor.error_label.text()
    assert ops.undo_stack.count() == 0 and reminders_of(store, item) == []


def test_a_typed_rule_is_previewed_and_a_bad_one_refused(
    store: Store, ops: Operations, make_editor: MakeEditor
) -> None:
    item = add(store, "Stand-up", due_date=_soon(1))
    editor = make_editor(item)
    _choose(editor, RepeatKind.TYPED)
    box = editor.reminders_tab.repeat_box
    box.typed_edit.setText("每个工作日")
    assert box.status.text().startswith("Every weekday (Mon–Fri). Next: ")
    box.typed_edit.setText("FREQ=DAILY;COUNT=3")
    assert box.status.property("error")
    assert not editor.save()
    assert ops.undo_stack.count() == 0
    assert item_details(store, item).repeat is None
    box.typed_edit.setText("every 3 days after completion")
    assert editor.save()
    assert item_details(store, item).repeat == Repeat("FREQ=DAILY;INTERVAL=3", True)


def test_every_part_is_reachable_from_the_keyboard(store: Store, make_editor: MakeEditor) -> None:
    editor = make_editor(add(store, "Keys", due_date=_soon(2)))
    tab = editor.reminders_tab
    # Alt+M and Alt+P go to the two groups, Alt+A to the new reminder.
    group = tab.list.parentWidget()
    assert isinstance(group, QGroupBox)
    assert (group.title(), tab.repeat_box.title()) == ("Re&minders", "Re&peat")
    assert any(label.buddy() is tab.add_box for label in tab.findChildren(QLabel))
    for widget in (tab.list, tab.add_box, tab.remove_button, tab.repeat_box.kind_box):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    line = tab.add_box.lineEdit()
    assert line is not None
    tab.add_box.setEditText("2h before")
    line.returnPressed.emit()  # Enter in the field adds it
    assert _lines(editor)[-1].startswith("2h before")


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    palette, sheet = qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, "dark")
    yield
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    if hasattr(qapp.styleHints(), "unsetColorScheme"):
        qapp.styleHints().unsetColorScheme()


@pytest.mark.usefixtures("dark")
def test_errors_and_the_preview_follow_the_theme(store: Store, make_editor: MakeEditor) -> None:
    editor = make_editor(add(store, "Dark"))
    assert not _type(editor, "whenever")
    status = editor.reminders_tab.status
    assert tokens_for(dark=True).overdue.name() in status.styleSheet()
    apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]  # the error follows
    assert tokens_for(dark=False).overdue.name() in status.styleSheet()
