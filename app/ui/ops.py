"""Running services from the window: one place that executes an operation, records
it for undo, reports errors, and tells every view what changed.

An operation is a function `(now) -> Changes` calling services. Undo is generic: before
the first run the items it will touch are snapshotted (app/services/snapshots.py); after
it, the items it did touch. Undo restores the first snapshot, redo the second. Items the
operation created did not exist before, so undo removes them. An operation on study
units names them (`units=`): their rows are snapshotted the same way
(app/services/unit_snapshots.py), and units it creates are removed by undo. An
operation on daily-log entries names them (`entries=`), the same way
(app/services/log_snapshots.py); an entry's text is saved as it is typed without being
an undo step, so undo and redo of entries change only what the step itself changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain.errors import DomainError
from app.services.changes import Changes
from app.store.db import Store

if TYPE_CHECKING:
    # Imported on the first operation: the window paints its first frame without them.
    from app.services import log_snapshots, snapshots, unit_snapshots

Operation = Callable[[datetime], Changes]
# What makes a step fail without changing anything: the services refusing, or the database
# (locked by another program for longer than the busy timeout, a full disk, a read-only
# file). Each service writes in one transaction, which SQLite rolls back.
REFUSALS = (DomainError, sqlite3.Error)


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
        self.undo_stack = QUndoStack(self)

    def run(
        self,
        text: str,
        operation: Operation,
        touches: Iterable[int] = (),
        *,
        units: Iterable[int] | None = None,
        categories: bool = False,
        entries: Iterable[int] | None = None,
    ) -> bool:
        """Run an undoable operation that changes the items `touches` (and any it
        creates). Returns False, after reporting why, when the services refused.

        `units` (possibly empty) makes it an operation on study units: the units named
        and any it creates are covered by undo too, and so are the goal categories with
        `categories`. Such an operation may call several services; if one refuses,
        what the others wrote is put back before the refusal is reported.

        `entries` (possibly empty) makes it an operation on daily-log entries: the
        entries named and any it creates are covered by undo too."""
        scope = None if units is None else _UnitScope(frozenset(units), categories)
        log_scope = None if entries is None else frozenset(entries)
        command = _OperationCommand(
            self, text, operation, frozenset(touches), scope, log_scope=log_scope
        )
        try:
            command.first_run()
        except REFUSALS as exc:
            self.failed.emit(refusal_text(exc))
            return False
        # push() calls redo(); the command knows its first run already happened.
        self.undo_stack.push(command)
        self.history_changed.emit()
        return True

    def external(self, changes: Changes) -> None:
        """Changes made by another process: every view hears of them like of our own."""
        if changes.everything:
            # A restore or an import elsewhere replaced the data the undo snapshots
            # describe; undoing them now would write old rows over new ones.
            self.clear_history()
        self.changed.emit(changes)

    def clear_history(self) -> None:
        self.undo_stack.clear()
        self.history_changed.emit()

    def undo(self) -> None:
        self.about_to_restore.emit()
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        self.undo_stack.undo()
        if isinstance(command, _OperationCommand) and command.take_refusal():
            # Nothing was undone: the step stays where it was, so a second Ctrl+Z does
            # not undo the step before it on top of data this one still holds.
            self.undo_stack.redo()
        self.history_changed.emit()

    def redo(self) -> None:
        self.about_to_restore.emit()
        command = self.undo_stack.command(self.undo_stack.index())
        self.undo_stack.redo()
        if isinstance(command, _OperationCommand) and command.take_refusal():
            self.undo_stack.undo()
        self.history_changed.emit()

    def run_once(self, operation: Operation) -> bool:
        """Run an operation that is not undoable (the log editor's saves). A database
        error is raised to the caller, which knows what to keep: the editor keeps the
        text and tries again."""
        try:
            changes = operation(self.clock())
        except DomainError as exc:
            self.failed.emit(str(exc))
            return False
        self.changed.emit(changes)
        return True

    def _apply(
        self,
        snapshot: snapshots.Snapshot,
        units: unit_snapshots.UnitSnapshot | None = None,
        log: _LogRestore | None = None,
    ) -> bool:
        """Write a step's snapshot back; False, after saying why, when it was refused."""
        try:
            changes = _restore(self.store, snapshot, units, now=self.clock(), log=log)
        except REFUSALS as exc:
            self.failed.emit(f"Could not undo or redo: {refusal_text(exc)}")
            return False
        self.changed.emit(changes)
        return True


class _UnitScope(NamedTuple):
    units: frozenset[int]
    categories: bool


class _LogRestore(NamedTuple):
    """Log entries to write back, and the other side of the step to compare them with."""

    target: log_snapshots.LogSnapshot
    changed_from: log_snapshots.LogSnapshot


def _restore(
    store: Store,
    snapshot: snapshots.Snapshot,
    units: unit_snapshots.UnitSnapshot | None,
    *,
    now: datetime,
    log: _LogRestore | None = None,
) -> Changes:
    """Log entries first (they refer to nothing else), then units and items; if a later
    part refuses, the entries go back to how they were, so nothing is left half-restored."""
    if log is None:
        return _restore_units_and_items(store, snapshot, units, now=now)
    from app.services import log_snapshots

    current = log_snapshots.take(store, log.target.ids)
    changes = log_snapshots.restore(store, log.target, changed_from=log.changed_from)
    if not snapshot.items and units is None:
        return changes
    try:
        return changes | _restore_units_and_items(store, snapshot, units, now=now)
    except REFUSALS:
        log_snapshots.restore(store, current)
        raise


def _restore_units_and_items(
    store: Store,
    snapshot: snapshots.Snapshot,
    units: unit_snapshots.UnitSnapshot | None,
    *,
    now: datetime,
) -> Changes:
    """Units first (an item's goal links need their goal), then items; if the items
    refuse, the units go back to how they were, so nothing is left half-restored."""
    from app.services import snapshots, unit_snapshots

    if units is None:
        return snapshots.restore(store, snapshot, now=now)
    current = unit_snapshots.take(store, units.ids, categories=units.categories is not None)
    changes = unit_snapshots.restore(store, units)
    if not snapshot.items:
        return changes
    try:
        return changes | snapshots.restore(store, snapshot, now=now)
    except REFUSALS:
        unit_snapshots.restore(store, current)
        raise


class _OperationCommand(QUndoCommand):
    def __init__(
        self,
        ops: Operations,
        text: str,
        operation: Operation,
        touches: frozenset[int],
        scope: _UnitScope | None = None,
        *,
        log_scope: frozenset[int] | None = None,
    ) -> None:
        super().__init__(text)
        self._ops = ops
        self._operation = operation
        self._touches = touches
        self._scope = scope
        self._log_scope = log_scope
        self._log_before: log_snapshots.LogSnapshot | None = None
        self._log_after: log_snapshots.LogSnapshot | None = None
        self._before: snapshots.Snapshot | None = None
        self._after: snapshots.Snapshot | None = None
        self._units_before: unit_snapshots.UnitSnapshot | None = None
        self._units_after: unit_snapshots.UnitSnapshot | None = None
        self._units_made: frozenset[int] = frozenset()
        self._ran = False
        # An undo or redo that was refused, and the stack move that puts it back.
        self._refused = False
        self._skip = False

    def first_run(self) -> None:
        from app.services import snapshots, unit_snapshots

        store, scope = self._ops.store, self._scope
        before = snapshots.take(store, self._touches)
        units_before = None
        if scope is not None:
            units_before = unit_snapshots.take(store, scope.units, categories=scope.categories)
        log_before = None
        if self._log_scope is not None:
            from app.services import log_snapshots

            log_before = log_snapshots.take(store, self._log_scope)
        try:
            changes = self._operation(self._ops.clock())
        except REFUSALS:
            if units_before is not None:
                # Several services may have run; put back what the first ones wrote.
                made = unit_snapshots.created_since(store, units_before)
                whole = unit_snapshots.merge(units_before, unit_snapshots.absent(made))
                self._ops.changed.emit(_restore(store, before, whole, now=self._ops.clock()))
            raise
        touched = self._touches | changes.items
        created = touched - self._touches
        self._before = snapshots.merge(before, snapshots.absent(created))
        self._after = snapshots.take(store, touched)
        if scope is not None and units_before is not None:
            made = unit_snapshots.created_since(store, units_before)
            self._units_made = made
            self._units_before = unit_snapshots.merge(units_before, unit_snapshots.absent(made))
            self._units_after = unit_snapshots.take(
                store, scope.units | made, categories=scope.categories
            )
        if log_before is not None:
            from app.services import log_snapshots

            made = log_snapshots.created_since(store, log_before)
            self._log_before = log_snapshots.merge(log_before, log_snapshots.absent(made))
            self._log_after = log_snapshots.take(store, log_before.ids | made)
        self._ops.changed.emit(changes)

    def take_refusal(self) -> bool:
        """Whether the last undo or redo was refused; if so, the next one does nothing
        (it is the stack being put back)."""
        refused, self._refused = self._refused, False
        self._skip = refused
        return refused

    def _refuse(self, message: str) -> None:
        self._ops.failed.emit(message)
        self._refused = True

    def _units_changed(self, expected: unit_snapshots.UnitSnapshot | None) -> bool:
        """Whether the step's units differ from how the step left them (changed in
        another process since): restoring would throw that work away."""
        if expected is None:
            return False
        from app.services import unit_snapshots

        if not unit_snapshots.changed_since(self._ops.store, expected):
            return False
        self._refuse(
            "A study unit this step changed has been changed since, outside this window; "
            "undoing or redoing the step would throw that away, so nothing was changed."
        )
        return True

    def redo(self) -> None:
        if not self._ran:
            self._ran = True  # the first redo is the run itself, done in first_run()
            return
        if self._skip:
            self._skip = False
            return
        assert self._after is not None
        if self._units_made:
            from app.services import unit_snapshots

            # Undo removed the units this step made; a unit made since (from the command
            # line) may have been given the same id, and redoing would write over it.
            if unit_snapshots.present(self._ops.store, self._units_made):
                self._refuse(
                    "A unit made outside the window since this step was undone now holds "
                    "its place; redoing the step would overwrite it, so nothing was changed."
                )
                return
        if self._units_changed(self._units_before):
            return
        log = None
        if self._log_after is not None and self._log_before is not None:
            from app.services import log_snapshots

            # Entries this step deleted were typed into since undo brought them back; a
            # later undo brings them back so, not as they were when first deleted.
            self._log_before = log_snapshots.refresh(
                self._ops.store, self._log_before, self._log_after
            )
            log = _LogRestore(self._log_after, self._log_before)
        if not self._ops._apply(self._after, self._units_after, log):
            self._refused = True

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        assert self._before is not None
        if self._units_changed(self._units_after):
            return
        log = None
        if self._log_after is not None and self._log_before is not None:
            from app.services import log_snapshots

            # Entries this step made were typed into since; redo brings them back so.
            self._log_after = log_snapshots.refresh(
                self._ops.store, self._log_after, self._log_before
            )
            log = _LogRestore(self._log_before, self._log_after)
        if not self._ops._apply(self._before, self._units_before, log):
            self._refused = True
