"""The Log view's drafts: the entry editor's unsaved text, and saving it as you type.

* **The editor saves as you type**: a second after typing stops, when focus leaves it,
  before the day changes or an undo runs, and when the window closes. A draft's first
  save adds the entry, later saves edit it (app/services/log_drafts.py); none of them is
  a window undo step (`Operations.run_once`; typing has the editor's own undo, Ctrl+Z in
  the text). So a window Ctrl+Z never takes away words typed into the editor: an undo
  step that removed a typed entry would delete everything written into it since, and
  the next keystroke would save it again as a new entry, wiping the redo. Ctrl+Enter
  saves and starts another entry; to take an entry back, Delete it (that is a step, and
  Ctrl+Z brings it back).
* **Refreshes never overwrite typing**: when the log changes elsewhere (the command
  line, an undo), the page reloads around the editor; the entry being edited takes the
  stored text only while nothing unsaved is in the editor. If that entry disappears
  (deleted from the command line, say), unsaved words stay in the editor as a new draft.
* **A save that fails** (the disk is full, the file read-only, the database locked by
  another program) says so in the editor and keeps the text there; saving is tried
  again. Nothing that would replace the editor's text (another day, another entry, a
  new one) goes ahead meanwhile (`held`), and closing the window asks first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.changes import Changes
from app.domain.errors import NotFound
from app.services.log_drafts import save_text
from app.services.log_entries import LogEntryRecord, add_entry, get_entry
from app.ui.log.entry_editor import EntryEditor
from app.ui.ops import Operations

AUTOSAVE_MS = 1000
# After a failed save (disk full, file read-only, database locked): try again this long
# after, not every second (a locked database makes each try wait).
RETRY_MS = 10_000


class Drafts(QObject):
    """What the editor holds and what of it is saved. `day` is the day the page shows:
    a draft is a new entry of that day."""

    status = Signal(str)  # a sentence for the window's status bar
    # The editor took a new draft, or an entry (its id): the page marks which.
    draft_started = Signal()
    entry_opened = Signal(int)
    written = Signal(int)  # Ctrl+Enter saved this entry (and a new draft started)

    def __init__(
        self,
        ops: Operations,
        editor: EntryEditor,
        day: Callable[[], date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self.editor = editor
        self._day = day
        self.saved: tuple[str, str] = ("", "")  # (heading, body) as last loaded or saved
        self.saving = False  # our own save is running: its refresh is a light one
        self.error = ""  # why the last save failed; "" once one succeeds
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self._autosave_due)
        editor.edited.connect(self._edited)
        editor.left.connect(self._editor_left)
        ops.about_to_restore.connect(self._before_restore)

    @property
    def entry_id(self) -> int | None:
        return self.editor.entry.id if self.editor.entry is not None else None

    def dirty(self) -> bool:
        return (self.editor.heading(), self.editor.body()) != self.saved

    # --- what the editor shows ----------------------------------------------------------

    def start_draft(self, *, focus: bool) -> None:
        """A new, empty entry for the day shown."""
        self.autosave.stop()
        self.editor.show_draft(self._day())
        self.saved = ("", "")
        self.draft_started.emit()
        if focus:
            self.editor.focus_text()

    def edit(self, entry_id: int) -> None:
        """Open an entry in the editor (the one there is saved first)."""
        if entry_id == self.entry_id or self.held():
            return
        try:
            record = get_entry(self._ops.store, entry_id)
        except NotFound:
            return
        self.autosave.stop()
        self.editor.show_entry(record)
        self.saved = (record.heading, record.body)
        self.editor.set_state("")
        self.entry_opened.emit(entry_id)

    def edit_and_focus(self, entry_id: int) -> None:
        self.edit(entry_id)
        self.editor.focus_text()

    def submit(self) -> None:
        """Ctrl+Enter: save the entry and start another one for the day."""
        was_draft = self.editor.is_draft
        if not self.flush():
            return
        if self.editor.is_draft:  # nothing was typed
            self.editor.focus_text()
            return
        written = self.entry_id
        self.status.emit("Entry added." if was_draft else "Entry saved.")
        self.start_draft(focus=True)
        if written is not None:
            self.written.emit(written)

    def new_entry(self) -> None:
        """Start a new entry for the day shown (the one being edited is saved first)."""
        if self.held():
            return
        self.start_draft(focus=True)

    def follow(self) -> None:
        """After a reload: the editor follows the store where that loses nothing."""
        entry, day = self.editor.entry, self._day()
        if entry is None:
            if self.editor.day != day:
                self.editor.show_draft(day, keep_text=True)
            if self.dirty():
                self.autosave.start(AUTOSAVE_MS)  # held back by an undo, say
            return
        try:
            record = get_entry(self._ops.store, entry.id)
        except NotFound:
            if self.dirty():
                # Gone (an undo, say) with unsaved words: they become a new draft.
                self.editor.show_draft(day, keep_text=True)
                self.saved = ("", "")
                self.editor.set_state(
                    "The entry was removed; your text will be saved as a new entry."
                )
                self.autosave.start(AUTOSAVE_MS)
            else:
                self.start_draft(focus=False)
            return
        stored = (record.heading, record.body)
        typing = self.dirty() or self.editor.has_focus()
        if typing or stored == (_clean(self.saved[0]), _clean_body(self.saved[1])):
            self.editor.show_entry(record, keep_text=True)
        else:
            self.editor.show_entry(record)
            self.saved = stored

    # --- saving -------------------------------------------------------------------------

    def _edited(self) -> None:
        if self.dirty():
            if not self.error:
                self.editor.set_state("Editing…")
            self.autosave.start(AUTOSAVE_MS)

    def _autosave_due(self) -> None:
        if self.editor.is_draft and self.editor.range_focused():
            # Adding the draft would hide the range while its last day is being picked.
            self.autosave.start(AUTOSAVE_MS)
            return
        self.flush()

    def _editor_left(self) -> None:
        # Focus moving between the editor's own fields is not leaving it.
        QTimer.singleShot(0, lambda: None if self.editor.has_focus() else self.flush())

    def _before_restore(self) -> None:
        """An undo or redo is about to run: words typed into an entry are saved first, so
        the step restores around them. A draft is not added now: its new row could take
        the id of an entry the undo brings back (SQLite reuses the highest id); it stays
        in the editor and is saved after."""
        if self.editor.is_draft:
            self.autosave.stop()
        else:
            self.flush()

    def flush(self) -> bool:
        """Save what the editor holds now; False when it could not be saved."""
        self.autosave.stop()
        if not self.dirty():
            return True
        heading, body = self.editor.heading(), self.editor.body()
        entry = self.editor.entry
        if entry is None:
            if self.editor.is_empty():
                return True
            created = self._add(body, heading, self.editor.range_end())
            if created is None:
                return False
            self.saved = (heading, body)
            self.editor.show_entry(created, keep_text=True)
            self.editor.set_state("Saved")
            return True
        if self.editor.is_empty():
            self.editor.set_state(
                "An empty entry is not saved; use Delete to remove it.", error=True
            )
            return False
        return self._save(entry, heading, body)

    def held(self) -> bool:
        """True, after saying so, when unsaved text could not be saved: whatever would
        replace the editor's text waits. (An emptied entry holds nothing to lose.)"""
        if self.flush() or self.editor.is_empty():
            return False
        self.status.emit("Your text could not be saved yet, so it stays in the editor.")
        return True

    def _save(self, entry: LogEntryRecord, heading: str, body: str) -> bool:
        saved: list[LogEntryRecord] = []

        def save(now: datetime) -> Changes:
            record, changes = save_text(
                self._ops.store, entry.id, day=entry.day, body=body, heading=heading, now=now
            )
            saved.append(record)
            return changes

        self.saving = True
        try:
            ok = self._write(save)
        finally:
            self.saving = False
        if ok:
            self.saved = (heading, body)
            self.editor.show_entry(saved[0], keep_text=True)
            self.editor.set_state("Saved")
        return ok

    def _add(self, body: str, heading: str, end_day: date | None) -> LogEntryRecord | None:
        day, made = self._day(), []

        def add(now: datetime) -> Changes:
            record, changes = add_entry(
                self._ops.store, day, body, now=now, end_day=end_day, heading=heading
            )
            made.append(record)
            return changes

        # Not an undo step (see the module's docstring): run once, like later saves.
        if not self._write(add):
            return None
        return made[0]

    def _write(self, operation: Callable[[datetime], Changes]) -> bool:
        """Run a save; a failure of the file itself is told in the editor, the text stays
        there and saving is tried again."""
        try:
            ok = self._ops.run_once(operation)
        except (sqlite3.Error, OSError) as exc:
            self.error = str(exc) or type(exc).__name__
            self.editor.set_state(
                f"Not saved: {self.error}. Your text is kept here and saving is tried"
                " again; check that the disk has room and the data file can be written.",
                error=True,
            )
            self.autosave.start(RETRY_MS)
            return False
        if ok:
            self.error = ""
        return ok


def close_anyway(parent: QWidget, why: str) -> bool:
    """Ask whether to close although the editor's text could not be saved (`why`)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Save failed")
    box.setText("Your log entry could not be saved.")
    box.setInformativeText(
        f"{why or 'It was refused.'}\n\nIf you close now, what you typed since the last "
        "save is lost. Keep the window open to copy the text or free some room, then "
        "close again."
    )
    keep = box.addButton("Keep the window open", QMessageBox.ButtonRole.RejectRole)
    box.addButton("Close anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is not keep


def _clean(heading: str) -> str:
    from app.domain.journal.render import clean_heading

    return clean_heading(heading)


def _clean_body(body: str) -> str:
    from app.domain.journal.parse import split_lines, trim_blank_lines

    return trim_blank_lines("\n".join(split_lines(body)))
