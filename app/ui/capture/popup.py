"""The capture popup: a small box over whatever the user is reading, one line in the
capture grammar, Enter and it is saved.

A frameless window titled "Rizhi quick capture" (window managers' rules can match it),
above other windows, centred on the screen with the pointer, focused as it opens. It is
the backlog's quick add (`QuickAdd`, with its live chips) with keys of its own:

    Enter           save, close              Esc          close, keep the draft
    Ctrl+Enter      save, stay for the next  Up / Down    the lines saved lately
    Ctrl+Shift+Enter  save, close and start the focus timer on the new item
    Tab, Shift+Tab  backlog / this week / today's log (Alt+B, Alt+W, Alt+L)
    Ctrl+Shift+V    paste the text selected in another window (else the clipboard)

It needs no main window: a writer (`Operations`: each save one transaction and one undo
step), its memory (memory.py) and the application's theme, so a Rizhi running in the
background shows it alone. A save that fails keeps the text in the box with the reason
under it; one that works says so in a toast (toast.py) with Undo, and in `saved`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Final, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.changes import Changes
from app.domain.quick_capture import CaptureLine, Destination, confirmation, read_line
from app.services.quick_capture import Saved, save_line
from app.ui.capture import paste
from app.ui.capture.destinations import DestinationBar, line_chips
from app.ui.capture.memory import CaptureMemory, Recall
from app.ui.capture.placement import pointer_screen, popup_geometry
from app.ui.capture.quick_add import LineReader, QuickAdd
from app.ui.capture.toast import CaptureToast
from app.ui.ops import Operations

WINDOW_TITLE: Final = "Rizhi quick capture"
PLACEHOLDER: Final = "Capture:  try token halting on ViT #idea  ·  明天下午三点 组会 ^week"
HINTS: Final = (
    "Enter save · Ctrl+Enter save, next · Ctrl+Shift+Enter save, focus · Esc close · "
    "↑ recent · Tab where · Ctrl+Shift+V paste selection"
)
NOT_UNDONE: Final = "Not undone: a later change came after it. Undo it in the Rizhi window."

_Key = Qt.Key
_ENTER: Final = (_Key.Key_Return, _Key.Key_Enter)


class CapturePopup(QFrame):
    saved = Signal(str)  # "Saved to backlog: …", for a status bar or the tray

    def __init__(
        self, ops: Operations, memory: CaptureMemory, parent: QWidget | None = None
    ) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(parent, flags)
        self.setObjectName("CapturePopup")
        self.setWindowTitle(WINDOW_TITLE)
        self._ops = ops
        self.memory = memory
        self._recall = Recall(memory.recent)
        self._failure = ""
        self._was_active = False
        self.destinations = DestinationBar(self)
        self.line = QuickAdd(
            ops.clock,
            self,
            placeholder=PLACEHOLDER,
            reader=LineReader(self._read, line_chips),
            keep_chip_row=True,
        )
        self.line.edit.setClearButtonEnabled(False)
        self.line.edit.installEventFilter(self)  # after QuickAdd's: this one sees keys first
        self.error = QLabel(self)
        self.error.setObjectName("CaptureError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.hints = QLabel(HINTS, self)
        self.hints.setObjectName("CaptureHints")
        self.hints.setWordWrap(True)  # a narrow screen wraps it rather than widening the box
        self.toast = CaptureToast()
        self.destinations.changed.connect(lambda _: self.line.refresh())
        self.line.edit.textChanged.connect(lambda _: self._show_error(""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.line)
        layout.addWidget(self.error)
        layout.addWidget(self.destinations)
        layout.addWidget(self.hints)
        self.line.edit.setText(memory.draft)

    # --- opening and closing ----------------------------------------------------------

    def open_popup(self) -> None:
        """Show the popup centred on the screen with the pointer, above other windows,
        with the keyboard in its line (the draft, if Esc left one, with the cursor at its
        end); raise and focus it again when it is open already."""
        self.toast.hide()
        if not self.isVisible() and QGuiApplication.focusWindow() == self.windowHandle():
            # Reopened before the platform said the keyboard left the hidden popup (xcb
            # says so a moment after the X server moves the focus): Qt still counts its
            # window focused, so the focus the X server gives it again would change
            # nothing for Qt, and the box would get the keys without knowing it is
            # active. A new native window is one Qt has not seen focused.
            self.destroy()
        if not self.isVisible():
            self._recall = Recall(self.memory.recent)
            area = pointer_screen().availableGeometry()
            width = popup_geometry(area, 1).width()
            self.setGeometry(popup_geometry(area, self._height_for(width)))
            self._was_active = False
        self.show()
        self.raise_()
        self.activateWindow()
        self.line.edit.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.line.edit.end(False)

    def dismiss(self) -> None:
        """Close, keeping what is in the box for the next open (and the next start)."""
        self.memory.keep_draft(self.line.edit.text())
        self._close()

    def _close(self) -> None:
        # Hiding the active window deactivates it while it still counts as visible: that
        # is no click into another window.
        self._was_active = False
        self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4 or the window manager's close: the draft is kept as Esc keeps it.
        self.memory.keep_draft(self.line.edit.text())
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Clicking into another window closes the popup as Esc does; only once it has
        # had the keyboard, so a window manager still placing it does not close it.
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self._was_active = True
            elif self._was_active and self.isVisible():
                self.dismiss()
        super().changeEvent(event)

    # --- keys -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line.edit and event.type() == QEvent.Type.KeyPress:
            handler = self._key_handler(cast(QKeyEvent, event))
            if handler is not None:
                handler()
                return True
        return super().eventFilter(watched, event)

    def _key_handler(self, event: QKeyEvent) -> Callable[[], object] | None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in _ENTER and ctrl and mods & Qt.KeyboardModifier.ShiftModifier:
            return lambda: self.save(focus=True)
        if key in _ENTER:
            return lambda: self.save(keep_open=ctrl)
        if key == _Key.Key_Escape:
            return self.dismiss
        if key == _Key.Key_Up:
            return lambda: self._show_recalled(self._recall.older(self.line.edit.text()))
        if key == _Key.Key_Down:
            return lambda: self._show_recalled(self._recall.newer())
        if key == _Key.Key_Tab:
            return lambda: self.destinations.step(1)
        if key == _Key.Key_Backtab:
            return lambda: self.destinations.step(-1)
        if key == _Key.Key_V and ctrl and mods & Qt.KeyboardModifier.ShiftModifier:
            return lambda: self.line.edit.insert(paste.selection_or_clipboard())
        if event.matches(QKeySequence.StandardKey.Paste):
            return lambda: self.line.edit.insert(paste.clipboard_text())
        return None

    def _show_recalled(self, text: str | None) -> None:
        if text is not None:
            self.line.edit.setText(text)

    # --- saving -----------------------------------------------------------------------

    @property
    def destination(self) -> Destination:
        return self.destinations.destination

    def _read(self, text: str, now: datetime) -> CaptureLine:
        return read_line(text, now, self.destinations.destination)

    def save(self, *, keep_open: bool = False, focus: bool = False) -> bool:
        """Save the line (Enter; Ctrl+Enter keeps the box open for the next one;
        Ctrl+Shift+Enter, `focus`, starts the focus timer on the item saved). An empty
        line just closes. What cannot be read or saved stays in the box, the reason under
        it; False then."""
        text = self.line.edit.text()
        if not text.strip():
            if not keep_open:
                self.dismiss()
            return False
        line = cast("CaptureLine | None", self.line.read())
        if line is None:
            return False  # the chips' row says which words could not be read
        saved = self._write(line)
        if saved is None:
            self._show_error(self._failure)
            return False
        step = self._ops.latest_step()
        self.memory.remember(text)
        self._recall = Recall(self.memory.recent)
        self.line.edit.clear()
        message = confirmation(saved.destination, saved.text)
        if not keep_open:
            self._close()
        undo = lambda: self._undo(step, saved.text)  # noqa: E731
        self.toast.show_message(message, self.frameGeometry(), undo)
        self.saved.emit(message)
        if focus and saved.item_id is not None:  # a log line has nothing to focus on
            from app.ui.focus.controller import focus_controller

            focus_controller(self._ops).start(saved.item_id)
        return True

    def _show_error(self, message: str) -> None:
        """The reason a save failed under the line (or none); the box grows downwards
        to hold it and gives the room back when it goes."""
        if message == self.error.text() and self.error.isVisible() == bool(message):
            return
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.resize(self.width(), self._height_for(self.width()))

    def _height_for(self, width: int) -> int:
        """What the layout needs at `width` (the hints wrap on a narrow screen)."""
        height = self.heightForWidth(width)
        return height if height > 0 else self.sizeHint().height()

    def _write(self, line: CaptureLine) -> Saved | None:
        done: list[Saved] = []

        def operation(now: datetime) -> Changes:
            saved, changes = save_line(self._ops.store, line, now=now)
            done.append(saved)
            return changes

        with self._failures():
            self._ops.run(f"Capture “{line.text}”", operation)
        return done[0] if done and not self._failure else None

    def _undo(self, step: object, text: str) -> str:
        with self._failures():
            undone = self._ops.undo_if_latest(step)
        if undone:
            return f"Undone: {text}"
        return self._failure or NOT_UNDONE

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """Keep what `Operations.failed` says while a save or an undo runs."""
        self._failure = ""

        def keep(message: str) -> None:
            self._failure = message

        self._ops.failed.connect(keep)
        try:
            yield
        finally:
            self._ops.failed.disconnect(keep)
