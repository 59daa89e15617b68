"""The entry editor under the day page: a title, the Markdown text and its preview.

The editor only holds text and says what happens to it; the page's drafts decide when
to save (app/ui/log/drafts.py). It is either a *draft* (a new entry for the day shown,
not in the store yet; an optional last day makes it a range) or bound to an entry.
Typing keeps the editor's own undo (Ctrl+Z inside the text); Ctrl+Enter asks for the
entry to be added (or saved) and a new one started. The preview shows the pictures the page's image
source has (app/ui/log/images.py), fitted to the preview's width.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.journal.sequence import MAX_RANGE_DAYS
from app.services.log_entries import LogEntryRecord
from app.ui.log.render import MAX_IMAGE_WIDTH, ImageSource, render_body
from app.ui.theme import Tokens
from app.ui.wording import short_day

PREVIEW_DELAY_MS = 250
# Room beside a picture in the preview: its frame and padding, a list's indent, a scroll bar.
PICTURE_ROOM = 2 * 4 + 2 * 4 + 40 + 20
SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PLACEHOLDER = (
    "Write in Markdown: # headings, 1. plans, - bullets, [links](https://…), "
    "[DONE] [DELAY] [TODO] or ~~struck~~ for a line's status."
)


# Keys a text field gives up to the window's commands. Under X11, Qt's text fields take
# Ctrl+E for "end of line" (QKeySequence.MoveToEndOfLine; End does it too), so "New log
# entry" (Ctrl+E) would never fire while the user writes. When no command has the key,
# the field still gets it and moves to the end of the line.
WINDOW_KEYS = (QKeySequence("Ctrl+E"),)


def is_window_key(event: QKeyEvent) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in WINDOW_KEYS)


class WindowKeys(QObject):
    """An event filter letting the window's commands have WINDOW_KEYS first: the text
    field's claim on them (ShortcutOverride) is turned down."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if is_window_key(event):
                event.ignore()
                return True
        return super().eventFilter(watched, event)


def _is_submit(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in SUBMIT_KEYS and modifiers == Qt.KeyboardModifier.ControlModifier


class MarkdownEdit(QPlainTextEdit):
    """Plain text with Ctrl+Enter for "add", and the line under the pointer offered as a
    backlog item in the context menu."""

    submitted = Signal()
    left = Signal()  # focus went elsewhere
    line_to_item_requested = Signal(int)  # the line's index in the text

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+Enter before the window's shortcut for it (complete / reopen) runs.
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if _is_submit(event):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_submit(event):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        line = self.cursorForPosition(event.pos()).blockNumber()
        has_words = bool(self.document().findBlockByNumber(line).text().strip())
        first = menu.actions()[0] if menu.actions() else None
        action = menu.addAction("Make a backlog item of this line")
        action.setEnabled(has_words)
        action.triggered.connect(lambda: self.line_to_item_requested.emit(line))
        if first is not None:
            menu.removeAction(action)
            menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())

    def current_line(self) -> int:
        return self.textCursor().blockNumber()


class EntryEditor(QFrame):
    edited = Signal()  # the text, the title or the range changed
    left = Signal()  # focus left the editor's fields
    submitted = Signal()  # Ctrl+Enter or the Add button
    new_requested = Signal()
    delete_requested = Signal()
    line_to_item_requested = Signal(int)  # line index in the text

    def __init__(
        self, tokens: Tokens, parent: QWidget | None = None, *, images: ImageSource | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogEditor")
        self.tokens = tokens
        self.images = images
        self._pictures = False  # the preview shows pictures
        self._picture_width = MAX_IMAGE_WIDTH  # as wide as they were rendered
        self.entry: LogEntryRecord | None = None  # None: a draft
        self.day = date.today()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.render_preview)
        self._build()
        self.show_draft(self.day)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self._build_fields()
        self._build_text()
        self._build_buttons()
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.mode_label)
        top.addWidget(self.title_edit, 1)
        top.addWidget(self.range_check)
        top.addWidget(self.range_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.preview_button)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.add_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 12, 10)
        box.setSpacing(8)
        box.addLayout(top)
        box.addWidget(self.splitter, 1)
        box.addLayout(bottom)

    def _build_fields(self) -> None:
        self.mode_label = QLabel()
        self.mode_label.setObjectName("LogEditorMode")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("LogEntryTitle")
        self.title_edit.setPlaceholderText("Title (optional)")
        self.title_edit.setClearButtonEnabled(True)
        self.title_edit.textEdited.connect(self._changed)
        self.title_edit.installEventFilter(self)
        self.window_keys = WindowKeys(self)
        self.title_edit.installEventFilter(self.window_keys)
        self.range_check = QCheckBox("Until")
        self.range_check.setToolTip("Make the entry cover a range of days")
        self.range_edit = QDateEdit()
        self.range_edit.setCalendarPopup(True)
        self.range_edit.setDisplayFormat("d MMM yyyy")
        self.range_edit.setEnabled(False)
        for widget in (self.range_check, self.range_edit):
            widget.installEventFilter(self)  # focus leaving them is leaving the editor
        self.range_check.toggled.connect(self.range_edit.setEnabled)
        self.range_check.toggled.connect(self._changed)
        self.range_edit.dateChanged.connect(self._changed)

    def _build_text(self) -> None:
        self.preview_button = QToolButton()
        self.preview_button.setText("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setChecked(True)
        self.preview_button.setToolTip("Show the rendered entry beside the text")
        self.preview_button.toggled.connect(self._toggle_preview)

        self.text = MarkdownEdit()
        self.text.setObjectName("LogEntryText")
        self.text.setPlaceholderText(PLACEHOLDER)
        self.text.setAccessibleName("Entry text (Markdown)")
        self.text.installEventFilter(self.window_keys)
        self.text.textChanged.connect(self._text_changed)
        self.text.submitted.connect(self.submitted)
        self.text.left.connect(self.left)
        self.text.line_to_item_requested.connect(self.line_to_item_requested)
        self.preview = QTextBrowser()
        self.preview.setObjectName("LogEntryPreview")
        self.preview.setOpenExternalLinks(True)
        self.preview.setPlaceholderText("The entry as it will look.")
        self.preview.setAccessibleName("Preview of the entry")
        self.preview.installEventFilter(self)  # its width fits the pictures
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.text)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([1, 1])

    def _build_buttons(self) -> None:
        self.state_label = QLabel()
        self.state_label.setObjectName("LogEditorState")
        self.add_button = QPushButton("Add entry")
        self.add_button.setToolTip("Add the entry and start another (Ctrl+Enter)")
        self.add_button.clicked.connect(self.submitted)
        self.new_button = QPushButton("New entry")
        self.new_button.setToolTip("Start another entry for this day")
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete this entry (Ctrl+Z brings it back)")
        self.delete_button.clicked.connect(self.delete_requested)

    # --- content ------------------------------------------------------------------------

    @property
    def is_draft(self) -> bool:
        return self.entry is None

    def show_draft(self, day: date, *, keep_text: bool = False) -> None:
        """A new entry for `day`; the text typed so far stays with `keep_text`."""
        self.entry = None
        self.day = day
        with QSignalBlocker(self.range_check), QSignalBlocker(self.range_edit):
            self.range_check.setChecked(False)
            self.range_edit.setEnabled(False)
            self.range_edit.setMinimumDate(QDate(day.year, day.month, day.day).addDays(1))
            last = day.toordinal() + MAX_RANGE_DAYS
            end = date.fromordinal(last)
            self.range_edit.setMaximumDate(QDate(end.year, end.month, end.day))
            self.range_edit.setDate(QDate(day.year, day.month, day.day).addDays(1))
        if not keep_text:
            self._set_text("", "")
        self.range_check.setVisible(True)
        self.range_edit.setVisible(True)
        self.mode_label.setText(f"New entry · {short_day(day)}")
        self.add_button.setText("Add entry")
        self.delete_button.setEnabled(keep_text)
        self.delete_button.setText("Discard" if keep_text else "Delete")
        self.set_state("")

    def show_entry(self, entry: LogEntryRecord, *, keep_text: bool = False) -> None:
        """Edit `entry`; with `keep_text` the editor keeps what is typed (a refresh)."""
        self.entry = entry
        self.day = entry.day
        if not keep_text:
            self._set_text(entry.heading, entry.body)
            self.text.moveCursor(QTextCursor.MoveOperation.End)  # a log grows at its end
        self.range_check.setVisible(False)
        self.range_edit.setVisible(False)
        what = "Entry" if entry.end_day is None else "Range entry"
        self.mode_label.setText(f"{what} · {short_day(entry.day)}")
        self.add_button.setText("Done")
        self.add_button.setToolTip("Save and start another entry (Ctrl+Enter)")
        self.delete_button.setText("Delete")
        self.delete_button.setEnabled(True)

    def _set_text(self, heading: str, body: str) -> None:
        with QSignalBlocker(self.title_edit), QSignalBlocker(self.text):
            self.title_edit.setText(heading)
            self.text.setPlainText(body)
        self.render_preview()

    def body(self) -> str:
        return self.text.toPlainText()

    def heading(self) -> str:
        return self.title_edit.text()

    def range_end(self) -> date | None:
        if not self.is_draft or not self.range_check.isChecked():
            return None
        picked = self.range_edit.date()
        return date(picked.year(), picked.month(), picked.day())

    def is_empty(self) -> bool:
        return not self.body().strip() and not self.heading().strip()

    def has_focus(self) -> bool:
        """The focus is in one of the editor's fields: the text, the title or the range
        (its check box, its date and the date's calendar popup)."""
        return self.text.hasFocus() or self.title_edit.hasFocus() or self.range_focused()

    def range_focused(self) -> bool:
        focus = QApplication.focusWidget()
        if focus is None:
            return False
        popup = self.range_edit.calendarWidget()
        return any(
            focus is widget or widget.isAncestorOf(focus)
            for widget in (self.range_check, self.range_edit, popup)
        )

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_state(self, text: str, *, error: bool = False) -> None:
        self.state_label.setText(text)
        colour = self.tokens.overdue if error else self.tokens.muted_text
        self.state_label.setStyleSheet(f"color: {colour.name()};")

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.render_preview()

    def body_line(self, line: int) -> int:
        """The index in the stored body of line `line` of the text: the store keeps a
        body without the blank lines at its start."""
        lines = self.body().split("\n")
        leading = 0
        while leading < len(lines) and not lines[leading].strip():
            leading += 1
        return line - leading

    # --- reacting -----------------------------------------------------------------------

    def _text_changed(self) -> None:
        self._preview_timer.start()
        self._changed()

    def _changed(self) -> None:
        if self.is_draft:
            self.delete_button.setEnabled(not self.is_empty())
            self.delete_button.setText("Discard")
        self.edited.emit()

    def render_preview(self) -> None:
        self._preview_timer.stop()
        if not self.preview.isVisible() and not self.preview_button.isChecked():
            return
        bar = self.preview.verticalScrollBar()
        scroll = bar.value()
        doc = self.preview.document()
        doc.setDefaultFont(self.preview.font())
        self._pictures = False
        self._picture_width = self.picture_width()
        render_body(
            doc,
            self.body(),
            self.tokens,
            images=self._picture if self.images is not None else None,
            width=self._picture_width,
            ratio=self.preview.devicePixelRatioF(),
        )
        bar.setValue(scroll)

    def picture_width(self) -> int:
        """How wide a picture may be shown in the preview now, in logical pixels."""
        if not self.preview.isVisible():
            return MAX_IMAGE_WIDTH  # the real width comes when it is shown
        return max(48, min(MAX_IMAGE_WIDTH, self.preview.width() - PICTURE_ROOM))

    def _picture(self, url: str) -> QImage | None:
        assert self.images is not None
        found = self.images(url)
        if found is not None:
            self._pictures = True
        return found

    def _toggle_preview(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        if shown:
            self.render_preview()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.preview:
            resized = event.type() in (QEvent.Type.Resize, QEvent.Type.Show)
            if resized and self._pictures and self.picture_width() != self._picture_width:
                self._preview_timer.start()  # the pictures fit the new width
        elif watched in (self.range_check, self.range_edit):
            if event.type() == QEvent.Type.FocusOut:
                self.left.emit()
        elif watched is self.title_edit:
            if event.type() == QEvent.Type.FocusOut:
                self.left.emit()
            elif event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if _is_submit(event):
                    self.submitted.emit()
                    return True
            elif event.type() == QEvent.Type.ShortcutOverride:
                assert isinstance(event, QKeyEvent)
                if _is_submit(event):
                    event.accept()
                    return True
        return super().eventFilter(watched, event)
