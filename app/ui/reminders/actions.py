"""What a reminder's actions do, wherever they are chosen: on a notification or in the
list of recent reminders.

Done and Snooze are the window's operations (`Operations.run`): undoable steps, seen by
every view. Done completes the item; a repeating item completes its occurrence and moves
on to the next one (`bulk.complete_items` does both). A snooze is kept in the store, so
it survives a restart. Open brings the window forward (building it when Rizhi runs in
the background) and shows the item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.reminders import snooze_until
from app.ui.ops import Operations

if TYPE_CHECKING:
    from datetime import datetime

    from app.ui.main_window import MainWindow

# The snoozes a notice offers, by the length `domain.reminders.snooze_until` reads.
SNOOZES: tuple[tuple[str, str], ...] = (
    ("10m", "Snooze 10 min"),
    ("1h", "Snooze 1 h"),
    ("tomorrow", "Tomorrow 9:00"),
)


class ReminderActions(QObject):
    def __init__(
        self,
        ops: Operations,
        window: Callable[[], MainWindow],
        current: Callable[[], MainWindow | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self._window = window  # shows the window, building it first if need be
        self.current_window = current  # the window if there is one, shown or not
        self.asking: QInputDialog | None = None  # the custom snooze's question, while open

    def window(self) -> MainWindow:
        """The window, brought forward (built first when Rizhi runs in the background)."""
        return self._window()

    def open_item(self, item_id: int) -> None:
        """The window forward, the item selected in the backlog and its editor open."""
        window = self.window()
        window.show_view("backlog")
        window.backlog.select([item_id])
        window.open_item(item_id)

    def done(self, item_id: int) -> bool:
        from app.services.bulk import complete_items

        def complete(now: datetime) -> Changes:
            return complete_items(self.ops.store, [item_id], True, now=now)

        return self.ops.run("Complete from a reminder", complete)

    def snooze(self, reminder_id: int, choice: str) -> bool:
        """Snooze for `choice` ("10m", "1h", "tomorrow", any duration); False, after
        saying why, for a choice that is not one."""
        from app.services.reminders import snooze

        def later(now: datetime) -> Changes:
            return snooze(self.ops.store, reminder_id, snooze_until(choice, now), now=now)[1]

        return self.ops.run("Snooze reminder", later)

    def ask_snooze(self, reminder_id: int) -> None:
        """The custom snooze: a small question in the window, how long or until when."""
        window = self.window()
        dialog = QInputDialog(window)
        dialog.setWindowTitle("Snooze reminder")
        dialog.setLabelText("Snooze for how long? (10m, 2h, 3d, tomorrow)")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue("30m")
        self.asking = dialog

        def answered(text: str) -> None:
            if not self._valid(text):
                window.show_error(f"'{text}' is not a snooze: give 10m, 2h, 3d or tomorrow.")
                return
            self.snooze(reminder_id, text)

        dialog.textValueSelected.connect(answered)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QInputDialog) -> None:
        if self.asking is dialog:
            self.asking = None
        dialog.deleteLater()

    def _valid(self, text: str) -> bool:
        try:
            snooze_until(text, self.ops.clock())
        except InvalidInput:
            return False
        return True
