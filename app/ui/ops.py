"""Running services from the window: one place that executes an operation, records it
for undo, reports errors, and tells every view what changed.

An operation is a function `(now) -> Changes` calling services. It runs as one
transaction (services inside it compose), which also puts its Changes in the change
feed for other processes. The window's connection records the rows the operation
changed (app/services/history.py); that record is the undo step, whatever tables the
operation touched. Undo and redo refuse, changing nothing and keeping the step where it
is, when another writer changed those rows since.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain.changes import Changes
from app.domain.errors import DomainError
from app.store.db import Store

if TYPE_CHECKING:
    # Imported with the first operation: the window paints its first frame without it.
    from app.services.history import History, Step

Operation = Callable[[datetime], Changes]
# What makes a step fail without changing anything: the services refusing, or the database
# (locked by another program for longer than the busy timeout, a full disk, a read-only
# file). Each operation writes in one transaction, which SQLite rolls back.
REFUSALS = (DomainError, sqlite3.Error)
UNDO_LIMIT = 500


def refusal_text(exc: Exception) -> str:
    if isinstance(exc, sqlite3.Error):
        return (
            f"The change could not be saved: the database said “{exc}”. Close other programs "
            "using Rizhi's data, check that the disk has room, and try again."
        )
    return str(exc)


def local_now() -> datetime:
    return datetime.now().astimezone()


class Operations(QObject):
    """The window's gateway to the services."""

    changed = Signal(object)  # Changes, after any operation, undo or redo
    failed = Signal(str)  # a message for the user; nothing was changed
    # After a push, undo or redo. (QUndoStack's own signals also fire while it is being
    # destroyed, which makes them unsafe to connect to a window's slots.)
    history_changed = Signal()
    # Before an undo or redo: views holding text not saved yet save it first.
    about_to_restore = Signal()

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self._history: History | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)

    @property
    def history(self) -> History:
        if self._history is None:
            from app.services.history import History

            self._history = History(self.store)
        return self._history

    def run(self, text: str, operation: Operation) -> bool:
        """Run an undoable operation. Returns False, after reporting why, when the
        services or the database refused; then nothing was changed."""
        try:
            changes, step = self.history.run(lambda: operation(self.clock()), text)
        except REFUSALS as exc:
            self.failed.emit(refusal_text(exc))
            return False
        self.changed.emit(changes)
        if step is not None:
            # push() calls redo(); the command knows its first run already happened.
            self.undo_stack.push(_StepCommand(self, step))
            self.history_changed.emit()
        return True

    def latest_step(self) -> object | None:
        """The step Ctrl+Z would take back now (None when there is none), to be named
        later by a confirmation's Undo (`undo_if_latest`)."""
        index = self.undo_stack.index()
        command = self.undo_stack.command(index - 1) if index > 0 else None
        return command.step if isinstance(command, _StepCommand) else None

    def undo_if_latest(self, step: object) -> bool:
        """Undo `step` if it is still the latest: a confirmation's Undo ("Saved to
        backlog: … Undo") must take back what it confirms, never a step made after it.
        False, with nothing undone, when another step came since, it was undone
        already, or the undo was refused (then `failed` said why)."""
        if step is None or self.latest_step() is not step:
            return False
        index = self.undo_stack.index()
        self.undo()
        return self.undo_stack.index() == index - 1

    def run_once(self, operation: Operation) -> bool:
        """Run an operation that is not an undo step (the log editor's saves). A refusal
        of the services is reported; a database error is raised to the caller, which
        knows what to keep: the editor keeps the text and tries again."""
        try:
            with self.store.raw_write():
                changes = operation(self.clock())
                self.store.publish(changes)
        except DomainError as exc:
            self.failed.emit(str(exc))
            return False
        self.changed.emit(changes)
        return True

    def external(self, changes: Changes) -> None:
        """Changes made by another writer: every view hears of them like of our own.
        Undo steps stay (each checks, when used, that its rows were not changed since),
        unless the store was replaced (a restore): then they describe another file."""
        if changes.replaced:
            self.clear_history()
        self.changed.emit(changes)

    def reconnected(self, changes: Changes) -> None:
        """This window replaced the store's file itself (File › Restore from backup…),
        closing its connection to do so. The undo steps go, as after any restore: they
        describe another file, and no undo may reach across a restore. The history goes
        with them: its recording lived on the closed connection, and the next step
        starts recording on the new one. Every view hears `changes` (all of it)."""
        self.undo_stack.clear()
        self._history = None
        self.history_changed.emit()
        if not changes.empty:
            self.changed.emit(changes)

    def clear_history(self) -> None:
        self.undo_stack.clear()
        if self._history is not None:
            self._history.forget()
        self.history_changed.emit()

    def undo(self) -> None:
        self.about_to_restore.emit()
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        self.undo_stack.undo()
        if isinstance(command, _StepCommand) and command.take_refusal():
            # Nothing was undone: the step stays where it was, so a second Ctrl+Z does
            # not undo the step before it on top of data this one still holds.
            self.undo_stack.redo()
        self.history_changed.emit()

    def redo(self) -> None:
        self.about_to_restore.emit()
        command = self.undo_stack.command(self.undo_stack.index())
        self.undo_stack.redo()
        if isinstance(command, _StepCommand) and command.take_refusal():
            self.undo_stack.undo()
        self.history_changed.emit()


class _StepCommand(QUndoCommand):
    def __init__(self, ops: Operations, step: Step) -> None:
        super().__init__(step.text)
        self._ops = ops
        self.step = step
        self._ran = False
        # An undo or redo that was refused, and the stack move that puts it back.
        self._refused = False
        self._skip = False

    def take_refusal(self) -> bool:
        """Whether the last undo or redo was refused; if so, the next one does nothing
        (it is the stack being put back)."""
        refused, self._refused = self._refused, False
        self._skip = refused
        return refused

    def redo(self) -> None:
        if not self._ran:
            self._ran = True  # the first redo is the run itself, done in Operations.run
            return
        self._restore(undo=False)

    def undo(self) -> None:
        self._restore(undo=True)

    def _restore(self, *, undo: bool) -> None:
        if self._skip:
            self._skip = False
            return
        ops = self._ops
        try:
            if undo:
                changes = ops.history.undo(self.step, now=ops.clock())
            else:
                changes = ops.history.redo(self.step, now=ops.clock())
        except REFUSALS as exc:
            ops.failed.emit(f"Could not {'undo' if undo else 'redo'} “{self.text()}”: "
                            f"{refusal_text(exc)}")  # fmt: skip
            self._refused = True
            return
        ops.changed.emit(changes)
