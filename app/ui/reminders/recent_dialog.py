"""Reminders… : what fired, what is snoozed and what comes next, with their actions.

The list reads the store (`list_reminders`), so it shows what every process did: the
background instance's notices, a snooze from the command line. Open, Done and the
snoozes are the same actions a notification offers (actions.py). It follows every change
the window hears of, its own and other writers'.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.domain.changes import Changes
from app.domain.reminders import ReminderState
from app.store.reminder_rows import ReminderRow
from app.ui.reminders.actions import SNOOZES, ReminderActions

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

RECENT: Final = timedelta(days=7)  # how far back "fired" reaches
NEXT_SHOWN: Final = 50  # upcoming reminders listed

FIRED, SNOOZED, NEXT = "Fired", "Snoozed", "Next"


def grouped(rows: list[ReminderRow], now: datetime) -> list[tuple[str, list[ReminderRow]]]:
    """The reminders under their headings: fired in the last week (newest first),
    snoozed, and the next ones to fire."""
    since = now.astimezone(UTC) - RECENT
    fired = [
        r for r in rows if r.state is ReminderState.SHOWN and r.shown_at and r.shown_at >= since
    ]
    fired.sort(key=lambda r: r.shown_at or since, reverse=True)
    snoozed = [r for r in rows if r.state is ReminderState.SNOOZED]
    waiting = (ReminderState.PENDING, ReminderState.CLAIMED)
    upcoming = [r for r in rows if r.state in waiting and r.next_fire is not None]
    return [(FIRED, fired), (SNOOZED, snoozed), (NEXT, upcoming[:NEXT_SHOWN])]


def _when(heading: str, row: ReminderRow) -> str:
    if heading == FIRED and row.shown_at is not None:
        return f"shown {row.shown_at.astimezone():%a %d %b, %H:%M}"
    if row.next_fire is None:
        return ""
    return f"{row.next_fire:%a %d %b, %H:%M}"


class RecentReminders(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("RecentReminders")
        self.setWindowTitle("Reminders")
        self.resize(620, 420)
        self._window = window
        self.reminder_actions = ReminderActions(window.ops, self._front, lambda: window, self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Item", "When", "Reminder"])
        self.tree.setRootIsDecorated(False)
        self.tree.itemSelectionChanged.connect(self._enable)
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, run in (
            ("open", "Open", self.open_selected),
            ("done", "Done", self.done_selected),
            *(
                (f"snooze:{n}", text, lambda _checked=False, n=n: self.snooze_selected(n))
                for n, text in SNOOZES
            ),
            ("snooze:custom", "Snooze…", self.ask_snooze_selected),
        ):
            button = QPushButton(label)
            button.clicked.connect(run)  # clicked(checked): the snoozes skip it
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        window.ops.changed.connect(self._changed)
        window.live.changed.connect(self._changed)
        self.refresh()

    def _front(self) -> MainWindow:
        self._window.bring_to_front()
        return self._window

    def refresh(self) -> None:
        from app.services.reminders import list_reminders

        chosen = self.selected()
        self.tree.clear()
        rows = list_reminders(self._window.store, every=True)
        for heading, members in grouped(rows, self._window.ops.clock()):
            top = QTreeWidgetItem([f"{heading} ({len(members)})"])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for member in members:
                entry = QTreeWidgetItem(
                    [member.title, _when(heading, member), member.spec.describe()]
                )
                entry.setData(0, Qt.ItemDataRole.UserRole, member)
                top.addChild(entry)
                if chosen is not None and member.id == chosen.id:
                    entry.setSelected(True)
            top.setExpanded(True)
        self.tree.setRootIsDecorated(True)
        # The title and the time both: a time cut short ("Wed 1…") says nothing.
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        self._enable()

    def selected(self) -> ReminderRow | None:
        for entry in self.tree.selectedItems():
            row = entry.data(0, Qt.ItemDataRole.UserRole)
            if isinstance(row, ReminderRow):
                return row
        return None

    def _entries(self) -> Iterator[tuple[str, QTreeWidgetItem, ReminderRow]]:
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is None:
                continue
            for i in range(top.childCount()):
                entry = top.child(i)
                row = entry.data(0, Qt.ItemDataRole.UserRole) if entry is not None else None
                if entry is not None and isinstance(row, ReminderRow):
                    yield top.text(0), entry, row

    def rows(self, heading: str) -> list[ReminderRow]:
        """The reminders listed under `heading` (FIRED, SNOOZED, NEXT)."""
        return [row for top, _entry, row in self._entries() if top.startswith(heading)]

    def select(self, reminder_id: int) -> None:
        self.tree.clearSelection()
        for _top, entry, row in self._entries():
            if row.id == reminder_id:
                entry.setSelected(True)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.reminder_actions.open_item(row.item_id)

    def done_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.reminder_actions.done(row.item_id)

    def snooze_selected(self, length: str) -> None:
        row = self.selected()
        if row is not None:
            self.reminder_actions.snooze(row.id, length)

    def ask_snooze_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.reminder_actions.ask_snooze(row.id)

    def _enable(self) -> None:
        some = self.selected() is not None
        for button in self.buttons.values():
            button.setEnabled(some)

    def _changed(self, changes: Changes) -> None:
        if changes.reminders or changes.items or changes.everything:
            self.refresh()

    def done(self, result: int) -> None:
        self._window.ops.changed.disconnect(self._changed)
        self._window.live.changed.disconnect(self._changed)
        super().done(result)


def open_recent_reminders(window: MainWindow) -> RecentReminders:
    """Show the list, bringing forward the one already open."""
    for dialog in window.findChildren(RecentReminders):
        if dialog.isVisible():
            dialog.refresh()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = RecentReminders(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
