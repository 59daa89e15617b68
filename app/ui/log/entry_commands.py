"""The Log view's commands on entries: delete one, move it to another day, keep a flagged
date, make a backlog item of a line.

Each is one `Operations.run` (an undo step: Ctrl+Z in the window takes it back) calling
one service of app/services/log_entries.py. Unsaved words in the editor are saved first
(app/ui/log/drafts.py), so that an undo brings back the last words too; while they
cannot be saved, a command on the entry being edited waits.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.domain.errors import NotFound
from app.services.log_entries import delete_entry, get_entry, line_to_item, move_entry
from app.ui.log.drafts import Drafts
from app.ui.log.wording import day_title
from app.ui.ops import Operations


class EntryCommands(QObject):
    """Commands on entries by id; `parent` is the widget their dialogs belong to."""

    status = Signal(str)  # a sentence for the window's status bar
    # An entry was moved: the page shows its new day (the day, the entry's id).
    moved = Signal(object, int)

    def __init__(self, ops: Operations, drafts: Drafts, parent: QWidget) -> None:
        super().__init__(parent)
        self._ops = ops
        self._drafts = drafts
        self._parent = parent
        self._dialog: QDialog | None = None  # the move dialog open, kept alive

    def delete(self, entry_id: int | None = None) -> bool:
        """Delete an entry (by default the one in the editor)."""
        drafts = self._drafts
        entry_id = entry_id if entry_id is not None else drafts.entry_id
        if entry_id is None:
            return False
        if entry_id == drafts.entry_id and drafts.held():
            return False  # saved first, so that undo brings back the last words too
        store = self._ops.store
        done = self._ops.run("Delete log entry", lambda now: delete_entry(store, entry_id))
        if done:
            if entry_id == drafts.entry_id:
                drafts.start_draft(focus=False)
            self.status.emit("Entry deleted. Undo (Ctrl+Z) brings it back.")
        return done

    def delete_from_editor(self) -> None:
        """The editor's Delete: a draft never saved is discarded, an entry deleted."""
        if self._drafts.editor.is_draft:
            self._drafts.start_draft(focus=True)
            return
        self.delete()

    def move(self, entry_id: int | None = None) -> None:
        """Ask for the day to move an entry to (by default the one in the editor)."""
        from app.ui.log.move_dialog import MoveDialog

        drafts = self._drafts
        entry_id = entry_id if entry_id is not None else drafts.entry_id
        if entry_id is None:
            self.status.emit("Select an entry to move first.")
            return
        if entry_id == drafts.entry_id and drafts.held():
            return
        try:
            record = get_entry(self._ops.store, entry_id)
        except NotFound:
            return
        dialog = MoveDialog(record, self._parent)
        dialog.accepted.connect(lambda: self.move_to(entry_id, dialog.day(), dialog.end_day()))
        self._dialog = dialog
        dialog.open()

    def move_to(self, entry_id: int, day: date, end_day: date | None) -> None:
        """Move an entry to `day` (to `end_day` for a range), then show it there."""
        if self._move(entry_id, day, end_day, "Move log entry"):
            self.moved.emit(day, entry_id)
            self.status.emit(f"Entry moved to {day_title(day)}.")

    def confirm(self, entry_id: int) -> None:
        """Keep a flagged entry where the importer placed it: the flag goes."""
        try:
            record = get_entry(self._ops.store, entry_id)
        except NotFound:
            return
        if self._move(entry_id, record.day, record.end_day, "Keep the entry's date"):
            self.status.emit("The date is confirmed; the flag is gone.")

    def _move(self, entry_id: int, day: date, end_day: date | None, text: str) -> bool:
        store = self._ops.store
        return self._ops.run(
            text,
            lambda now: move_entry(store, entry_id, day, now=now, end_day=end_day)[1],
        )

    def line_to_item(self, entry_id: int, line: int, shown: str | None = None) -> bool:
        """Make a backlog item of line `line` of an entry's body. `shown` is the line as
        the page showed it: the entry may have been saved with lines added since (the
        editor's unsaved words go first), so the line is found again by its text."""
        if entry_id == self._drafts.entry_id and not self._drafts.flush():
            return False
        if shown is not None:
            found = self._find_line(entry_id, line, shown)
            if found is None:
                self.status.emit("That line has changed since; right-click it again.")
                return False
            line = found
        made: list[ItemRecord] = []

        def make(now: datetime) -> Changes:
            record, changes = line_to_item(self._ops.store, entry_id, line, now=now)
            made.append(record)
            return changes

        if not self._ops.run("Backlog item from the log", make):
            return False
        self.status.emit(f"Added “{made[0].title}” to the backlog.")
        return True

    def editor_line_to_item(self, line: int) -> None:
        """A line of the editor's text (its index there) as a backlog item."""
        editor = self._drafts.editor
        if not self._drafts.flush() or editor.entry is None:
            return
        self.line_to_item(editor.entry.id, editor.body_line(line))

    def _find_line(self, entry_id: int, line: int, shown: str) -> int | None:
        """The index of the line reading `shown` in the stored entry, nearest `line`."""
        try:
            lines = get_entry(self._ops.store, entry_id).body.split("\n")
        except NotFound:
            return None
        same = [i for i, text in enumerate(lines) if text == shown]
        return min(same, key=lambda i: abs(i - line)) if same else None
