"""The item editor: where a researcher edits one backlog item in full.

Tabs: Details (kind, priority, estimate, due phrase, horizon, tags, parent), Notes
(Markdown with a live preview), Links, Subtasks, Reading (papers only: the three-pass
method, a target and notes per pass) and History (created, completed, weeks planned).

Nothing is written while the dialog is open. Save turns the differences between the
form and what was loaded into an `EditPlan` and applies it with `apply_edit`
(app/services/item_edit_plan.py), one transaction and one undoable operation
(`Operations.run`): a single Ctrl+Z in the window takes the whole edit back, subtasks
created by it included, and a refusal reaches the user through `Operations.failed` with
nothing saved.

Python code never calls `QModelIndex.data()` or `QComboBox.currentData()` here (see
tests/ui/test_pyside_none_refcount.py): combo boxes are read by index into Python
tuples, lists by row into Python lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Final, NamedTuple

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.capture import estimate_minutes, estimate_text
from app.domain.changes import Changes
from app.domain.dates import DueSpec, match_fast, parse_date_phrase
from app.domain.entities import ItemPatch, ItemRecord
from app.domain.enums import MAX_READING_PASS, Horizon, ItemKind, Priority
from app.domain.errors import CaptureError, DomainError, InvalidInput
from app.services.item_details import (
    ItemDetails,
    Link,
    item_details,
)
from app.services.item_edit_plan import EditPlan, apply_edit
from app.services.items import get_item
from app.ui.ops import Operations
from app.ui.theme import Tokens, chip_color, tokens_for

KIND_CHOICES: Final = tuple((kind.value.capitalize(), kind) for kind in ItemKind)
PRIORITY_CHOICES: Final = (
    ("None", Priority.NONE),
    ("Low", Priority.LOW),
    ("Medium", Priority.MEDIUM),
    ("High", Priority.HIGH),
)
HORIZON_CHOICES: Final[tuple[tuple[str, Horizon | None], ...]] = (
    ("Not set", None),
    ("This week", Horizon.WEEK),
    ("Short term", Horizon.SHORT),
    ("Long term", Horizon.LONG),
    ("Someday", Horizon.SOMEDAY),
)
PASS_NAMES: Final = ("Not started", "1st pass", "2nd pass", "3rd pass")
PASS_HINTS: Final = (
    "",
    "title, abstract, figures and conclusion",
    "the whole paper, skipping the maths",
    "critical re-read: assumptions, proofs, what you would do differently",
)
TARGET_CHOICES: Final[tuple[tuple[str, int | None], ...]] = (
    ("No target", None),
    ("1st pass", 1),
    ("2nd pass", 2),
    ("3rd pass", 3),
)
TABS: Final = ("details", "notes", "links", "subtasks", "reading", "history")
PREVIEW_DELAY_MS: Final = 250
DUE_FALLBACK_DELAY_MS: Final = 350

# What the links service accepts (app/services/item_details.py): a scheme of two
# letters or more, so a Windows path "C:\x.pdf" is not taken for a URL.
_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:\S")
_TAG_SEPARATORS: Final = re.compile(r"[\s,，、;；]+")


# --- reading and writing field text --------------------------------------------------


def parse_estimate(text: str) -> int | None:
    """Minutes from the estimate field; None when it is empty. Raises InvalidInput when
    the text is not an estimate (the capture grammar's reading, app.domain.capture)."""
    if not text.strip():
        return None
    minutes = estimate_minutes(text)
    if minutes is None:
        raise InvalidInput(
            f"Could not read the estimate '{text.strip()}'. Write minutes or hours: 30m, 2h, 1h30m."
        )
    return minutes


def format_estimate(minutes: int | None) -> str:
    return estimate_text(minutes) if minutes else ""


def describe_estimate(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tag names from text separated by commas or spaces; a leading # is dropped and
    names differing only in case are one tag (the first spelling wins)."""
    names: list[str] = []
    seen: set[str] = set()
    for word in _TAG_SEPARATORS.split(text):
        name = word.strip().lstrip("#＃")
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return tuple(names)


def has_scheme(url: str) -> bool:
    return _SCHEME.match(url.strip()) is not None


def due_text(spec: DueSpec | None) -> str:
    """A due date as the editor shows it for editing; the date parser reads it back."""
    if spec is None:
        return ""
    text = spec.date.isoformat()
    return f"{text} {spec.time:%H:%M}" if spec.time is not None else text


def describe_due(spec: DueSpec, today: date) -> str:
    """ "Fri 27 Nov 2026, 15:00 · in 5 days"."""
    text = f"{spec.date:%a %d %b %Y}"
    if spec.time is not None:
        text += f", {spec.time:%H:%M}"
    days = (spec.date - today).days
    relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
    if relative is None:
        relative = f"in {days} days" if days > 0 else f"{-days} days ago"
    return f"{text} · {relative}"


def _record_due(record: ItemRecord) -> DueSpec | None:
    return None if record.due_date is None else DueSpec(record.due_date, record.due_time)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"{moment.astimezone():%a %d %b %Y, %H:%M}"


def _week_text(week: str) -> str:
    from app.domain.weeks import Week

    try:
        parsed = Week.parse(week)
    except DomainError:
        return week
    return f"{week} · {parsed.monday:%d %b} – {parsed.sunday:%d %b %Y}"


# --- the dialog's own bookkeeping ------------------------------------------------------


class _Subtask:
    """One row of the Subtasks list: an existing child (id) or one added here (None)."""

    __slots__ = ("done", "id", "title", "was_done")

    def __init__(self, item_id: int | None, title: str, was_done: bool) -> None:
        self.id, self.title, self.was_done, self.done = item_id, title, was_done, was_done


class _Loaded(NamedTuple):
    """The form as it was filled from the store; Save writes what differs from it."""

    details: ItemDetails
    title: str
    estimate: str
    due: str
    tags: str
    notes: str
    links: tuple[tuple[str, str], ...]
    pass_notes: tuple[str, ...]  # passes 1 to 3
    target_index: int


class _FormError(Exception):
    def __init__(self, tab: str, widget: QWidget, message: str) -> None:
        super().__init__(message)
        self.tab, self.widget, self.message = tab, widget, message


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


def _no_default(button: QPushButton) -> QPushButton:
    # Enter in a line edit must not press a button of the dialog (Save is Ctrl+S).
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


# --- the dialog ------------------------------------------------------------------------


class ItemEditor(QDialog):
    """Edit one item. `open()` shows it without blocking the window; it deletes itself
    when closed. Raises NotFound when the item does not exist."""

    saved = Signal(int)  # the item's id, after a save that wrote something

    def __init__(self, ops: Operations, item_id: int, parent: QWidget | None = None) -> None:
        details = item_details(ops.store, item_id)  # NotFound, before any widget exists
        super().__init__(parent)
        self.ops = ops
        self.item_id = item_id
        # Asked before Cancel throws edits away; tests replace it.
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self._saving = False
        self._failure = ""
        self._gone = False  # the item disappeared while the dialog was open
        self._subtasks: list[_Subtask] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("ItemEditor")
        self.setSizeGripEnabled(True)
        self.setMinimumSize(620, 480)
        self.resize(800, 620)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.render_preview)
        self._due_timer = QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.setInterval(DUE_FALLBACK_DELAY_MS)
        self._due_timer.timeout.connect(lambda: self._show_due(fallback=True))

        self._build()
        self._load(details)
        self._paint()
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)
        self.ops.changed.connect(self.apply_changes)
        self.ops.failed.connect(self._record_failure)

    # --- public ----------------------------------------------------------------------

    def open(self) -> None:
        """Show the editor without blocking the window behind it (QDialog.open would
        make it window-modal) and give it the keyboard."""
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.show()
        self.raise_()
        self.activateWindow()
        self.title_edit.setFocus()

    def tab(self, name: str) -> int:
        """The index of a tab by name: one of TABS."""
        return TABS.index(name)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(self.tab(name))

    def has_unsaved_changes(self) -> bool:
        try:
            return not self.plan().empty
        except _FormError:
            return True  # something was typed that differs from what was loaded

    def plan(self) -> EditPlan:
        """What Save would write. Raises _FormError for input that cannot be saved."""

        loaded = self._loaded
        record = loaded.details.record
        fields, clear = self._patch_fields(loaded)
        fields.update(self._reading_fields(loaded))
        tags = parse_tags(self.tags_edit.text())
        new_keys = {t.casefold() for t in tags}
        old_keys = {t.casefold() for t in record.tags}
        add_tags = tuple(t for t in tags if t.casefold() not in old_keys)
        remove_tags = tuple(t for t in record.tags if t.casefold() not in new_keys)
        patch = None
        if fields or clear or add_tags or remove_tags:
            patch = ItemPatch(
                **fields,  # type: ignore[arg-type]
                add_tags=add_tags,
                remove_tags=remove_tags,
                clear=frozenset(clear),
            )
        links = self._links_for_save()
        notes = tuple(
            (pass_, edit.toPlainText())
            for pass_, edit, old in zip(
                range(1, MAX_READING_PASS + 1),
                self.pass_notes_edits,
                loaded.pass_notes,
                strict=True,
            )
            if edit.toPlainText() != old
        )
        return EditPlan(
            patch=patch,
            links=None if links == loaded.links else links,
            pass_notes=notes,
            new_subtasks=tuple(s.title for s in self._subtasks if s.id is None),
            completions=tuple(
                (s.id, s.done) for s in self._subtasks if s.id is not None and s.done != s.was_done
            ),
        )

    def save(self) -> bool:
        """Write the edit as one undoable operation and close. False, with the reason
        shown, when the input cannot be saved or a service refused it."""
        if self._saving or self._gone:
            return False
        self._flush_timers()
        try:
            plan = self.plan()
        except _FormError as error:
            self._show_form_error(error)
            return False
        if plan.empty:
            self._finish()
            return True
        store, item_id = self.ops.store, self.item_id
        title = self.title_edit.text().strip()
        self._saving, self._failure = True, ""
        try:
            ok = self.ops.run(
                f"Edit “{title}”",
                lambda now: apply_edit(store, item_id, plan, now=now),
            )
        finally:
            self._saving = False
        if not ok:
            self._show_error(self._failure or "The item could not be saved.")
            return False
        self.saved.emit(item_id)
        self._finish()
        return True

    def reject(self) -> None:
        """Cancel or Esc: close, asking first when there are edits to throw away."""
        if not self._gone and self.has_unsaved_changes() and not self.confirm_discard():
            return
        super().reject()

    def apply_changes(self, changes: Changes) -> None:
        """Something changed the store (an operation in the window, or the command line
        when connected to LiveUpdates.changed). Reload when this item is concerned and
        nothing was edited here; otherwise say so and keep the edits."""
        if self._saving:
            return
        ids = {self.item_id} | {s.id for s in self._subtasks if s.id is not None}
        if not (changes.everything or ids & changes.items):
            return
        try:
            details = item_details(self.ops.store, self.item_id)
        except DomainError:
            self._gone = True
            self.save_button.setEnabled(False)
            self._show_banner("This item no longer exists; there is nothing to save.", False)
            return
        if self._gone:
            self._gone = False
            self.save_button.setEnabled(True)
        if self.has_unsaved_changes():
            self._show_banner(
                "This item was changed elsewhere. Saving keeps those changes except in the "
                "fields you edited here.",
                True,
            )
            return
        self._load(details)

    def reload(self) -> None:
        """Throw local edits away and show the item as it is stored now."""
        try:
            self._load(item_details(self.ops.store, self.item_id))
        except DomainError as error:
            self._show_error(str(error))

    # Links

    def add_link(self, title: str, url: str) -> bool:
        """Append a link row; refused (with the reason shown) when the URL has no scheme."""
        url, title = url.strip(), title.strip()
        if not url:
            self._link_message("Type or paste a link first.")
            return False
        if not has_scheme(url):
            self._link_message(
                f"'{url}' is not a full link: start it with a scheme, such as https://{url}."
            )
            return False
        self._append_link_row(title, url)
        self._link_message("")
        self._links_changed()
        return True

    def remove_link(self, row: int) -> None:
        if 0 <= row < self.links_table.rowCount():
            self.links_table.removeRow(row)
            self._links_changed()

    def links(self) -> list[Link]:
        """The rows of the Links tab as they are now (blank rows left out)."""
        return [Link(url, title) for url, title in self._link_rows() if url or title]

    # Subtasks

    def add_subtask(self, title: str) -> bool:
        """Add a subtask, created when the edit is saved."""
        title = title.strip()
        if not title:
            return False
        self._subtasks.append(_Subtask(None, title, False))
        self._add_subtask_row(self._subtasks[-1])
        self._subtasks_changed()
        return True

    def set_subtask_done(self, row: int, done: bool) -> None:
        item = self.subtask_list.item(row)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)

    def subtask_progress(self) -> tuple[int, int]:
        return sum(s.done for s in self._subtasks), len(self._subtasks)

    # Notes

    def render_preview(self) -> None:
        self._preview_timer.stop()
        text = self.notes_edit.toPlainText()
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setMarkdown(text)
        self.preview.verticalScrollBar().setValue(scroll)

    def open_link(self, url: QUrl) -> bool:
        """Open a link from the notes preview or the Links tab in the system's handler."""
        if not url.isValid() or not url.scheme():
            return False
        return QDesktopServices.openUrl(url)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title")
        self.title_edit.setAccessibleName("Title")
        font = QFont(self.title_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.title_edit.setFont(font)
        self.meta_label = _muted()

        self.banner = QFrame()
        self.banner.setObjectName("editorBanner")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.reload_button = _no_default(QPushButton("Reload"))
        self.reload_button.setToolTip("Discard your edits and show the item as it is now")
        self.reload_button.clicked.connect(self.reload)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 6, 6)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.reload_button)
        self.banner.hide()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_details(), "Details")
        self.tabs.addTab(self._build_notes(), "Notes")
        self.tabs.addTab(self._build_links(), "Links")
        self.tabs.addTab(self._build_subtasks(), "Subtasks")
        self.tabs.addTab(self._build_reading(), "Reading")
        self.tabs.addTab(self._build_history(), "History")

        self.error_label = QLabel()
        self.error_label.setObjectName("editorError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = _no_default(self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.save_button.setToolTip("Save (Ctrl+S or Ctrl+Enter); one Undo takes it back")
        cancel = _no_default(self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        cancel.setToolTip("Close without saving (Esc)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _build_details(self) -> QWidget:
        self.kind_box = QComboBox()
        self.kind_box.addItems([label for label, _ in KIND_CHOICES])
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.priority_box = QComboBox()
        self.priority_box.addItems([label for label, _ in PRIORITY_CHOICES])
        self.horizon_box = QComboBox()
        self.horizon_box.addItems([label for label, _ in HORIZON_CHOICES])

        estimate_row, due_box = self._build_estimate_row(), self._build_due_box()

        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Separated by commas or spaces: reading, thesis")
        self.tags_edit.textChanged.connect(self._show_chips)
        self.chips = QWidget()
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 2, 0, 0)
        self.chips_layout.setSpacing(4)
        tags_box = QVBoxLayout()
        tags_box.setSpacing(2)
        tags_box.addWidget(self.tags_edit)
        tags_box.addWidget(self.chips)

        self.parent_label = QLabel()
        self.parent_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parent_label.setWordWrap(True)

        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(16, 16, 16, 16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for combo in (self.kind_box, self.priority_box, self.horizon_box):
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            combo.setMinimumWidth(160)
        form.addRow("&Kind", self.kind_box)
        form.addRow("&Priority", self.priority_box)
        form.addRow("&Estimate", estimate_row)
        form.addRow("&Due", due_box)
        form.addRow("&Horizon", self.horizon_box)
        form.addRow("&Tags", tags_box)
        form.addRow("Parent", self.parent_label)
        for field, buddy in (
            (estimate_row, self.estimate_edit),
            (due_box, self.due_edit),
            (tags_box, self.tags_edit),
        ):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(buddy)
        return page

    def _build_estimate_row(self) -> QHBoxLayout:
        self.estimate_edit = QLineEdit()
        self.estimate_edit.setPlaceholderText("e.g. 45m, 2h, 1h30m")
        self.estimate_edit.setMaximumWidth(160)
        self.estimate_edit.textChanged.connect(self._show_estimate)
        self.estimate_status = _muted()
        row = QHBoxLayout()
        row.addWidget(self.estimate_edit)
        row.addWidget(self.estimate_status, 1)
        return row

    def _build_due_box(self) -> QVBoxLayout:
        self.due_edit = QLineEdit()
        self.due_edit.setPlaceholderText("fri 3pm, next monday, dec 1, 明天下午三点, 下周五…")
        self.due_edit.setAccessibleName("Due")
        self.due_edit.textChanged.connect(lambda _text: self._show_due(fallback=False))
        self.due_clear = QToolButton()
        self.due_clear.setText("Clear")
        self.due_clear.setToolTip("Remove the due date")
        self.due_clear.clicked.connect(self.due_edit.clear)
        self.due_status = _muted()
        self.due_status.setObjectName("dueStatus")
        row = QHBoxLayout()
        row.addWidget(self.due_edit, 1)
        row.addWidget(self.due_clear)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.due_status)
        return box

    def _build_notes(self) -> QWidget:
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(
            "Notes in Markdown: # Heading, **bold**, - lists, [a link](https://…)"
        )
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.textChanged.connect(self._preview_timer.start)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.setPlaceholderText("The preview appears here as you type.")
        self.preview.anchorClicked.connect(self.open_link)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.notes_edit)
        splitter.addWidget(self.preview)
        splitter.setSizes([1, 1])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        heads = QHBoxLayout()
        heads.addWidget(_muted("Markdown"), 1)
        heads.addWidget(_muted("Preview — links open in your browser"), 1)
        layout.addLayout(heads)
        layout.addWidget(splitter, 1)
        return page

    def _build_links(self) -> QWidget:
        self.links_table = QTableWidget(0, 2)
        self.links_table.setHorizontalHeaderLabels(["Title", "Link"])
        header = self.links_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.links_table.setColumnWidth(0, 220)
        self.links_table.verticalHeader().hide()
        self.links_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.links_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.links_table.setAlternatingRowColors(True)
        self.links_table.itemChanged.connect(lambda _item: self._links_changed())
        self.links_table.itemSelectionChanged.connect(self._link_selection_changed)

        self.link_title_edit = QLineEdit()
        self.link_title_edit.setPlaceholderText("Title (optional)")
        self.link_url_edit = QLineEdit()
        self.link_url_edit.setPlaceholderText("https://arxiv.org/abs/…, zotero://…, file:///…")
        self.link_url_edit.returnPressed.connect(self._add_link_from_form)
        self.link_title_edit.returnPressed.connect(self._add_link_from_form)
        add = _no_default(QPushButton("Add link"))
        add.clicked.connect(self._add_link_from_form)
        self.link_remove = _no_default(QPushButton("Remove"))
        self.link_remove.clicked.connect(self._remove_selected_links)
        self.link_open = _no_default(QPushButton("Open"))
        self.link_open.clicked.connect(self._open_selected_link)
        self.link_error = QLabel()
        self.link_error.setObjectName("linkError")
        self.link_error.setWordWrap(True)
        self.link_error.hide()

        form = QHBoxLayout()
        form.addWidget(self.link_title_edit, 2)
        form.addWidget(self.link_url_edit, 3)
        form.addWidget(add)
        actions = QHBoxLayout()
        actions.addWidget(_muted("Double-click a cell to edit it."), 1)
        actions.addWidget(self.link_open)
        actions.addWidget(self.link_remove)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.links_table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        layout.addWidget(self.link_error)
        self._link_selection_changed()
        return page

    def _build_subtasks(self) -> QWidget:
        self.subtask_progress_label = QLabel()
        self.subtask_bar = QProgressBar()
        self.subtask_bar.setTextVisible(False)
        self.subtask_bar.setMaximumHeight(8)
        self.subtask_list = QListWidget()
        self.subtask_list.setAlternatingRowColors(True)
        self.subtask_list.itemChanged.connect(self._subtask_ticked)
        self.subtask_list.currentRowChanged.connect(lambda _row: self._subtask_selection())
        self.subtask_edit = QLineEdit()
        self.subtask_edit.setPlaceholderText("Add a subtask and press Enter")
        self.subtask_edit.returnPressed.connect(self._add_subtask_from_form)
        add = _no_default(QPushButton("Add"))
        add.clicked.connect(self._add_subtask_from_form)
        self.subtask_remove = _no_default(QPushButton("Remove"))
        self.subtask_remove.setToolTip("Remove a subtask added here before saving it")
        self.subtask_remove.clicked.connect(self._remove_new_subtask)

        top = QHBoxLayout()
        top.addWidget(self.subtask_progress_label)
        top.addWidget(self.subtask_bar, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.subtask_edit, 1)
        bottom.addWidget(add)
        bottom.addWidget(self.subtask_remove)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.subtask_list, 1)
        layout.addLayout(bottom)
        layout.addWidget(_muted("New subtasks and ticks are saved with the rest of the edit."))
        return page

    def _build_reading(self) -> QWidget:
        self.pass_group = QButtonGroup(self)
        self.pass_buttons: list[QRadioButton] = []
        passes = QGroupBox("Where you are")
        passes_layout = QVBoxLayout(passes)
        for number, (name, hint) in enumerate(zip(PASS_NAMES, PASS_HINTS, strict=True)):
            button = QRadioButton(f"{name} — {hint}" if hint else name)
            self.pass_group.addButton(button, number)
            self.pass_buttons.append(button)
            passes_layout.addWidget(button)
        self.pass_group.idToggled.connect(lambda _id, _on: self._show_reading_progress())
        self.target_box = QComboBox()
        self.target_box.addItems([label for label, _ in TARGET_CHOICES])
        self.target_box.currentIndexChanged.connect(lambda _i: self._show_reading_progress())
        self.reading_status = _muted()
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel("Read up to"))
        target_row.addWidget(self.target_box)
        target_row.addWidget(self.reading_status, 1)

        self.pass_notes_tabs = QTabWidget()
        self.pass_notes_edits: list[QPlainTextEdit] = []
        for number in range(1, MAX_READING_PASS + 1):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(f"Notes from the {PASS_NAMES[number]}: {PASS_HINTS[number]}")
            self.pass_notes_edits.append(edit)
            self.pass_notes_tabs.addTab(edit, PASS_NAMES[number])
        notes = QGroupBox("Notes per pass")
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.pass_notes_tabs)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(passes)
        layout.addLayout(target_row)
        layout.addWidget(notes, 1)
        return page

    def _build_history(self) -> QWidget:
        self.created_label = QLabel()
        self.updated_label = QLabel()
        self.completed_label = QLabel()
        self.board_label = QLabel()
        self.weeks_list = QListWidget()
        self.weeks_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.weeks_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(16, 16, 16, 16)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow("Created", self.created_label)
        form.addRow("Last changed", self.updated_label)
        form.addRow("Completed", self.completed_label)
        form.addRow("On the board", self.board_label)
        form.addRow("Planned in", self.weeks_list)
        return page

    # --- loading -------------------------------------------------------------------------

    def _load(self, details: ItemDetails) -> None:
        record = details.record
        self.setWindowTitle(f"{record.title} — Edit item")
        self.title_edit.setText(record.title)
        self.kind_box.setCurrentIndex([k for _, k in KIND_CHOICES].index(record.kind))
        self.priority_box.setCurrentIndex([p for _, p in PRIORITY_CHOICES].index(record.priority))
        self.horizon_box.setCurrentIndex([h for _, h in HORIZON_CHOICES].index(record.horizon))
        self.estimate_edit.setText(format_estimate(record.estimate_minutes))
        self.due_edit.setText(due_text(_record_due(record)))
        self.tags_edit.setText(", ".join(record.tags))
        self.parent_label.setText(self._parent_text(record))
        self.notes_edit.setPlainText(record.notes)
        self._load_links(details.links)
        self._load_subtasks(details.children)
        self._load_reading(details)
        self._load_history(record)
        self.meta_label.setText(self._meta_text(record))
        self._loaded = _Loaded(
            details=details,
            title=self.title_edit.text(),
            estimate=self.estimate_edit.text(),
            due=self.due_edit.text(),
            tags=self.tags_edit.text(),
            notes=self.notes_edit.toPlainText(),
            links=self._links_for_compare(),
            pass_notes=tuple(edit.toPlainText() for edit in self.pass_notes_edits),
            target_index=self.target_box.currentIndex(),
        )
        self._kind_changed()
        self._show_estimate()
        self._show_due(fallback=True)
        self._show_chips()
        self.render_preview()
        self.banner.hide()
        self._show_error("")

    def _parent_text(self, record: ItemRecord) -> str:
        if record.parent_id is None:
            return "None — a top-level item"
        try:
            parent = get_item(self.ops.store, record.parent_id)
        except DomainError:
            return f"#{record.parent_id}"
        return f"{parent.title}  (#{parent.id})"

    def _meta_text(self, record: ItemRecord) -> str:
        parts = [f"#{record.id}", KIND_CHOICES[self.kind_box.currentIndex()][0]]
        if record.done:
            parts.append("completed")
        if record.deleted_at is not None:
            parts.append("in the trash")
        return " · ".join(parts)

    def _load_links(self, links: Sequence[Link]) -> None:
        with QSignalBlocker(self.links_table):
            self.links_table.setRowCount(0)
            for link in links:
                self._append_link_row(link.title, link.url)
        self._links_changed()

    def _append_link_row(self, title: str, url: str) -> None:
        row = self.links_table.rowCount()
        with QSignalBlocker(self.links_table):
            self.links_table.insertRow(row)
            self.links_table.setItem(row, 0, QTableWidgetItem(title))
            url_item = QTableWidgetItem(url)
            url_item.setToolTip(url)
            self.links_table.setItem(row, 1, url_item)

    def _load_subtasks(self, children: Iterable[ItemRecord]) -> None:
        self._subtasks = [_Subtask(child.id, child.title, child.done) for child in children]
        with QSignalBlocker(self.subtask_list):
            self.subtask_list.clear()
            for subtask in self._subtasks:
                self._add_subtask_row(subtask)
        self._subtasks_changed()

    def _add_subtask_row(self, subtask: _Subtask) -> None:
        item = QListWidgetItem(subtask.title)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        if subtask.id is None:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip("New: created when you save")
        with QSignalBlocker(self.subtask_list):
            item.setCheckState(Qt.CheckState.Checked if subtask.done else Qt.CheckState.Unchecked)
            self.subtask_list.addItem(item)

    def _load_reading(self, details: ItemDetails) -> None:
        record = details.record
        self.pass_buttons[max(0, min(record.reading_pass, MAX_READING_PASS))].setChecked(True)
        target = record.target_pass
        self.target_box.setCurrentIndex(target if target and 0 < target <= MAX_READING_PASS else 0)
        for number, edit in enumerate(self.pass_notes_edits, start=1):
            edit.setPlainText(details.pass_notes.get(number, ""))
        self._show_reading_progress()

    def _load_history(self, record: ItemRecord) -> None:
        self.created_label.setText(_when(record.created_at))
        self.updated_label.setText(_when(record.updated_at))
        self.completed_label.setText(_when(record.completed_at) or "Not yet")
        placement = record.placement
        if placement is None:
            self.board_label.setText("Not on a board")
        else:
            text = f"{placement.week}, {placement.column.label}"
            if placement.carried_over:
                times = "once" if placement.carried_over == 1 else f"{placement.carried_over}×"
                text += f" (carried over {times})"
            self.board_label.setText(text)
        self.weeks_list.clear()
        for week in record.planned_weeks:
            self.weeks_list.addItem(_week_text(week))
        if not record.planned_weeks:
            self.weeks_list.addItem("Never planned on a weekly board")
        rows = max(1, min(len(record.planned_weeks), 8))
        self.weeks_list.setMaximumHeight(rows * self.weeks_list.fontMetrics().height() * 2 + 8)

    # --- reading the form --------------------------------------------------------------

    def _patch_fields(self, loaded: _Loaded) -> tuple[dict[str, object], set[str]]:
        record = loaded.details.record
        fields: dict[str, object] = {}
        clear: set[str] = set()
        title = self.title_edit.text().strip()
        if not title:
            raise _FormError("details", self.title_edit, "The title cannot be empty.")
        if self.title_edit.text() != loaded.title:
            fields["title"] = title
        kind = KIND_CHOICES[self.kind_box.currentIndex()][1]
        if kind is not record.kind:
            fields["kind"] = kind
        priority = PRIORITY_CHOICES[self.priority_box.currentIndex()][1]
        if priority is not record.priority:
            fields["priority"] = priority
        horizon = HORIZON_CHOICES[self.horizon_box.currentIndex()][1]
        if horizon is not record.horizon:
            if horizon is None:
                clear.add("horizon")
            else:
                fields["horizon"] = horizon
        if self.estimate_edit.text().strip() != loaded.estimate.strip():
            try:
                minutes = parse_estimate(self.estimate_edit.text())
            except InvalidInput as error:
                raise _FormError("details", self.estimate_edit, str(error)) from None
            if minutes is None:
                clear.add("estimate_minutes")
            elif minutes != record.estimate_minutes:
                fields["estimate_minutes"] = minutes
        if self.due_edit.text().strip() != loaded.due.strip():
            spec = self._read_due()
            if spec is None:
                clear.add("due")
            elif spec != _record_due(record):
                fields["due_date"], fields["due_time"] = spec.date, spec.time
        if self.notes_edit.toPlainText() != loaded.notes:
            fields["notes"] = self.notes_edit.toPlainText()
        return fields, clear

    def _reading_fields(self, loaded: _Loaded) -> dict[str, object]:
        record = loaded.details.record
        fields: dict[str, object] = {}
        current = self.pass_group.checkedId()
        if current != record.reading_pass and 0 <= current <= MAX_READING_PASS:
            fields["reading_pass"] = current
        index = self.target_box.currentIndex()
        if index != loaded.target_index:
            target = TARGET_CHOICES[index][1]
            fields["target_pass"] = target
        return fields

    def _read_due(self) -> DueSpec | None:
        """The due date typed, None when the field is empty; _FormError when unreadable."""
        text = self.due_edit.text().strip()
        if not text:
            return None
        try:
            return parse_date_phrase(text, self.ops.clock())
        except CaptureError as error:
            self._due_message(str(error), error=True)
            raise _FormError("details", self.due_edit, str(error)) from None

    def _link_rows(self) -> list[tuple[str, str]]:
        """(url, title) of every row, stripped."""
        rows = []
        for row in range(self.links_table.rowCount()):
            title_item = self.links_table.item(row, 0)
            url_item = self.links_table.item(row, 1)
            title = title_item.text().strip() if title_item is not None else ""
            url = url_item.text().strip() if url_item is not None else ""
            rows.append((url, title))
        return rows

    def _links_for_compare(self) -> tuple[tuple[str, str], ...]:
        return tuple(row for row in self._link_rows() if row[0] or row[1])

    def _links_for_save(self) -> tuple[tuple[str, str], ...]:
        for row, (url, title) in enumerate(self._link_rows()):
            if not url and not title:
                continue
            if not url:
                message = f"The link “{title}” has no URL; add one or remove the row."
            elif not has_scheme(url):
                message = f"'{url}' is not a full link: start it with a scheme, such as https://."
            else:
                continue
            self.links_table.setCurrentCell(row, 1)
            self._link_message(message)
            raise _FormError("links", self.links_table, message)
        return self._links_for_compare()

    # --- reacting to input -------------------------------------------------------------

    def _kind_changed(self) -> None:
        paper = KIND_CHOICES[self.kind_box.currentIndex()][1] is ItemKind.PAPER
        self.tabs.setTabVisible(self.tab("reading"), paper)

    def _show_estimate(self) -> None:
        try:
            minutes = parse_estimate(self.estimate_edit.text())
        except InvalidInput:
            self._set_status(self.estimate_status, "Write minutes or hours: 45m, 2h, 1h30m", True)
            return
        self._set_status(self.estimate_status, describe_estimate(minutes) if minutes else "")

    def _show_due(self, *, fallback: bool) -> None:
        """Show what the due phrase means. The fast parser answers as you type; phrases it
        does not know go to the slower fallback once typing pauses."""
        self._due_timer.stop()
        text = self.due_edit.text().strip()
        if not text:
            self._due_message("No due date")
            return
        now = self.ops.clock()
        try:
            spec = match_fast(text, now)
            if spec is None and fallback:
                spec = parse_date_phrase(text, now)
        except CaptureError as error:
            self._due_message(str(error), error=True)
            return
        if spec is None:
            self._due_message("Reading…")
            self._due_timer.start()
            return
        self._due_message(describe_due(spec, now.date()))

    def _due_message(self, text: str, *, error: bool = False) -> None:
        self._set_status(self.due_status, text, error)

    def _show_chips(self) -> None:
        while self.chips_layout.count():
            taken = self.chips_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        tokens = self._tokens()
        tags = parse_tags(self.tags_edit.text())
        for name in tags:
            chip = QLabel(f"#{name}")
            chip.setObjectName("tagChip")
            chip.setStyleSheet(
                f"QLabel#tagChip {{ background: {chip_color(name, tokens.dark).name()};"
                f" color: {tokens.chip_text.name()}; border-radius: 9px; padding: 1px 8px; }}"
            )
            self.chips_layout.addWidget(chip)
        self.chips_layout.addStretch(1)
        self.chips.setVisible(bool(tags))

    def _links_changed(self) -> None:
        count = len(self._links_for_compare())
        self.tabs.setTabText(self.tab("links"), f"Links ({count})" if count else "Links")
        self._link_selection_changed()

    def _link_selection_changed(self) -> None:
        rows = {index.row() for index in self.links_table.selectedIndexes()}
        self.link_remove.setEnabled(bool(rows))
        self.link_open.setEnabled(len(rows) == 1)

    def _add_link_from_form(self) -> None:
        if self.add_link(self.link_title_edit.text(), self.link_url_edit.text()):
            self.link_title_edit.clear()
            self.link_url_edit.clear()
            self.link_title_edit.setFocus()

    def _remove_selected_links(self) -> None:
        rows = sorted({index.row() for index in self.links_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.links_table.removeRow(row)
        self._links_changed()

    def _open_selected_link(self) -> None:
        row = self.links_table.currentRow()
        rows = self._link_rows()
        if 0 <= row < len(rows):
            self.open_link(QUrl(rows[row][0]))

    def _link_message(self, text: str) -> None:
        self._set_status(self.link_error, text, True)
        self.link_error.setVisible(bool(text))

    def _add_subtask_from_form(self) -> None:
        if self.add_subtask(self.subtask_edit.text()):
            self.subtask_edit.clear()

    def _remove_new_subtask(self) -> None:
        row = self.subtask_list.currentRow()
        if 0 <= row < len(self._subtasks) and self._subtasks[row].id is None:
            del self._subtasks[row]
            with QSignalBlocker(self.subtask_list):
                self.subtask_list.takeItem(row)
            self._subtasks_changed()

    def _subtask_ticked(self, item: QListWidgetItem) -> None:
        row = self.subtask_list.row(item)
        if 0 <= row < len(self._subtasks):
            self._subtasks[row].done = item.checkState() == Qt.CheckState.Checked
            self._subtasks_changed()

    def _subtask_selection(self) -> None:
        row = self.subtask_list.currentRow()
        self.subtask_remove.setEnabled(
            0 <= row < len(self._subtasks) and self._subtasks[row].id is None
        )

    def _subtasks_changed(self) -> None:
        done, total = self.subtask_progress()
        self.subtask_progress_label.setText(f"{done}/{total} done" if total else "No subtasks yet")
        self.subtask_bar.setMaximum(max(total, 1))
        self.subtask_bar.setValue(done)
        self.subtask_bar.setVisible(bool(total))
        self.tabs.setTabText(
            self.tab("subtasks"), f"Subtasks ({done}/{total})" if total else "Subtasks"
        )
        self._subtask_selection()

    def _show_reading_progress(self) -> None:
        current = max(0, self.pass_group.checkedId())
        target = TARGET_CHOICES[self.target_box.currentIndex()][1]
        if target is None:
            text = "" if current == 0 else f"{PASS_NAMES[current]} done"
        elif current >= target:
            text = "Target reached"
        else:
            text = f"{target - current} more pass{'es' * (target - current != 1)} to go"
        self.reading_status.setText(text)

    # --- saving, closing, errors ------------------------------------------------------

    def _record_failure(self, message: str) -> None:
        if self._saving:
            self._failure = message

    def _finish(self) -> None:
        self._flush_timers()
        super().accept()

    def _flush_timers(self) -> None:
        if self._preview_timer.isActive():
            self.render_preview()
        if self._due_timer.isActive():
            self._show_due(fallback=True)

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Discard changes?",
            "This item has changes that were not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _show_form_error(self, error: _FormError) -> None:
        self.tabs.setCurrentIndex(self.tab(error.tab))
        error.widget.setFocus()
        self._show_error(error.message)

    def _show_error(self, message: str) -> None:
        self._set_status(self.error_label, message, True)
        self.error_label.setVisible(bool(message))

    def _show_banner(self, message: str, can_reload: bool) -> None:
        self.banner_label.setText(message)
        self.reload_button.setVisible(can_reload)
        self.banner.show()

    # --- colours -------------------------------------------------------------------------

    def _tokens(self) -> Tokens:
        return tokens_for(self.palette().color(QPalette.ColorRole.Window).lightness() < 128)

    def _set_status(self, label: QLabel, text: str, error: bool = False) -> None:
        label.setText(text)
        label.setProperty("error", error)
        if error:
            label.setForegroundRole(QPalette.ColorRole.WindowText)
            label.setStyleSheet(f"color: {self._tokens().overdue.name()};")
        else:
            label.setStyleSheet("")
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

    def _paint(self) -> None:
        """Colours that the palette cannot give: errors, the banner, tag chips."""
        tokens = self._tokens()
        self.banner.setStyleSheet(
            f"QFrame#editorBanner {{ border: 1px solid {tokens.due_soon.name()};"
            f" border-left-width: 4px; border-radius: 6px; }}"
        )
        self.error_label.setContentsMargins(8, 4, 8, 4)
        for label in (self.error_label, self.link_error, self.due_status, self.estimate_status):
            if label.property("error"):
                label.setStyleSheet(f"color: {tokens.overdue.name()};")
        self._show_chips()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "banner"):
            self._paint()


def open_item_editor(
    ops: Operations, item_id: int, parent: QWidget | None = None
) -> ItemEditor | None:
    """Show the editor of `item_id`, bringing forward the one already open for it.
    None, after reporting through `ops.failed`, when the item does not exist."""
    candidates = parent.findChildren(ItemEditor) if parent is not None else [
        widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ItemEditor)
    ]  # fmt: skip
    for editor in candidates:
        if editor.item_id == item_id and editor.ops is ops and editor.isVisible():
            editor.raise_()
            editor.activateWindow()
            return editor
    try:
        editor = ItemEditor(ops, item_id, parent)
    except DomainError as error:
        ops.failed.emit(str(error))
        return None
    editor.open()
    return editor
