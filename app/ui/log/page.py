"""The Log view: a calendar and the log's search beside a day page, the entry editor
under it, and a year of activity with the streak above.

Reading goes through the log services (`day_page`, `logged_days` for the calendar's six
weeks only, `heatmap`, `streaks`, `search_log`). Writing:

* **The editor saves as you type**: a second after typing stops, when focus leaves it,
  before the day changes or an undo runs, and when the window closes. A draft's first
  save adds the entry, later saves edit it; none of them is a window undo step (typing
  has the editor's own undo, Ctrl+Z in the text). So a window Ctrl+Z never takes away
  words typed into the editor: an undo step that removed a typed entry would delete
  everything written into it since, and the next keystroke would save it again as a
  new entry, wiping the redo. Ctrl+Enter saves and starts another entry; to take an
  entry back, Delete it (that is a step, and Ctrl+Z brings it back).
* **Deleting, moving, keeping a flagged date and making a backlog item of a line** run
  through `Operations.run` (entries=...), so Ctrl+Z in the window undoes them.
* **Refreshes never overwrite typing**: when the log changes elsewhere (the command
  line, an undo), the page reloads around the editor; the entry being edited takes the
  stored text only while nothing unsaved is in the editor. If that entry disappears
  (deleted from the command line, say), unsaved words stay in the editor as a new draft.
* **A save that fails** (the disk is full, the file read-only, the database locked by
  another program) says so in the editor and keeps the text there; saving is tried
  again. Nothing that would replace the editor's text (another day, another entry, a
  new one) goes ahead meanwhile, and closing the window asks first.
* **Pictures** come from the page's own `ImageCache` (app/ui/log/images.py), the image
  source of the day page and of the editor's preview. When a picture arrives, both are
  rendered again once (within `PICTURE_RENDER_MS`), only if they show its URL; the
  editor's text, cursor and saving are not touched, and the day keeps its scroll.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.domain.errors import NotFound
from app.domain.journal.status import LineStatus
from app.domain.words import plural
from app.services import log_days, log_entries, log_search
from app.services.log_days import DayPage
from app.services.log_drafts import save_text
from app.services.log_entries import LogEntryRecord
from app.ui.log.calendar import LogCalendar, from_qdate, to_qdate
from app.ui.log.day_view import DayView
from app.ui.log.entry_editor import EntryEditor, WindowKeys
from app.ui.log.heatmap import Heatmap, first_shown
from app.ui.log.images import ImageCache
from app.ui.log.search import SearchDelegate, SearchModel
from app.ui.log.wording import (
    STATUS_CHOICES,
    day_title,
    range_text,
    streak_text,
    when_text,
)
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.theme import Tokens

AUTOSAVE_MS = 1000
# After a failed save (disk full, file read-only, database locked): try again this long
# after, not every second (a locked database makes each try wait).
RETRY_MS = 10_000
SEARCH_DELAY_MS = 150
PICTURE_RENDER_MS = 100  # pictures arriving together are shown with one rendering
SEARCH_LIMIT = 200
DAY_KEY, SAVED_ON_KEY, ACTIVITY_KEY = "log/day", "log/day_saved_on", "log/show_activity"
SEARCH_HINT = (
    "Search every entry, Chinese included. Pick a status to list, say, every delayed line."
)


def neighbour_day(ops: Operations, day: date, step: int) -> date | None:
    """The nearest logged day before (`step` < 0) or after `day`: a month is read first,
    then a year, then everything, so the common case reads little."""
    store = ops.store
    for span in (31, 366, None):
        if step < 0:
            start = day - timedelta(days=span) if span else None
            days = log_days.logged_days(store, start=start, end=day - timedelta(days=1))
            if days:
                return days[-1].day
        else:
            end = day + timedelta(days=span) if span else None
            days = log_days.logged_days(store, start=day + timedelta(days=1), end=end)
            if days:
                return days[0].day
    return None


class LogPage(QWidget):
    open_item = Signal(int)
    open_unit = Signal(int)
    status = Signal(str)  # a sentence for the window's status bar

    def __init__(
        self,
        ops: Operations,
        tokens: Tokens,
        settings: UiSettings | None = None,
        *,
        week_start: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogPage")
        self._ops = ops
        self._settings = settings
        self.tokens = tokens
        self._week_start = week_start
        now = ops.clock()
        self.tz: tzinfo = zone_of(now)
        self.today = now.astimezone(self.tz).date()
        self.day = self._remembered_day()
        self.page_data: DayPage | None = None
        self._saved: tuple[str, str] = ("", "")  # (heading, body) as last loaded or saved
        self._saving = False  # our own autosave is running: its refresh is a light one
        self._stale = True
        self._heat_stale = True
        self._terms: list[str] = []
        self._save_error = ""  # why the last save failed; "" once one succeeds

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_due)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_if_stale)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.images = ImageCache(self, allow_web=self._web_images_allowed)
        self.images.loaded.connect(self._picture_loaded)
        self._arrived: set[str] = set()  # pictures fetched since the last rendering
        self._web_images = self._web_images_allowed()
        self._picture_timer = QTimer(self)
        self._picture_timer.setSingleShot(True)
        self._picture_timer.setInterval(PICTURE_RENDER_MS)
        self._picture_timer.timeout.connect(self._show_arrived)

        self._build()
        self._restyle()
        ops.about_to_restore.connect(self._before_restore)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(14, 10, 14, 12)
        root.setSpacing(10)
        root.addLayout(self._build_header())
        self.activity = self._build_activity()
        root.addWidget(self.activity)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_side())
        self.splitter.addWidget(self._build_main())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([310, 900])
        root.addWidget(self.splitter, 1)
        shown = self._settings.value(ACTIVITY_KEY, True) if self._settings else True
        self.activity_button.setChecked(shown)
        self.activity.setVisible(shown)

    def _build_header(self) -> QHBoxLayout:
        self.title_label = QLabel()
        self.title_label.setObjectName("LogDayTitle")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sub_label = QLabel()
        self.sub_label.setObjectName("LogDaySummary")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.sub_label)

        arrows = QFont(self.font())
        arrows.setPointSizeF(arrows.pointSizeF() * 1.5)
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Previous day with entries (Ctrl+PgUp)")
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Next day with entries (Ctrl+PgDown)")
        for button in (self.prev_button, self.next_button):
            button.setFont(arrows)
            button.setAutoRaise(True)
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Show today's log")
        self.prev_button.clicked.connect(lambda: self.step_logged(-1))
        self.next_button.clicked.connect(lambda: self.step_logged(1))
        self.today_button.clicked.connect(self.go_today)

        self.streak_label = QLabel()
        self.streak_label.setObjectName("LogStreak")
        self.activity_button = QToolButton()
        self.activity_button.setText("Activity")
        self.activity_button.setCheckable(True)
        self.activity_button.setToolTip("Show or hide the year of activity")
        self.activity_button.toggled.connect(self._toggle_activity)

        header = QHBoxLayout()
        header.setSpacing(6)
        header.addLayout(titles, 1)
        header.addWidget(self.streak_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addSpacing(10)
        header.addWidget(self.activity_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addSpacing(10)
        for widget in (self.prev_button, self.today_button, self.next_button):
            header.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        return header

    def _build_activity(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("LogActivity")
        self.heatmap = Heatmap(self.tokens, week_start=self._week_start)
        self.heatmap.day_clicked.connect(self.show_day)
        self.year_label = QLabel()
        self.year_label.setObjectName("LogYearSummary")
        self.year_label.setWordWrap(True)
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        box = QHBoxLayout(panel)
        box.setContentsMargins(14, 10, 14, 8)
        box.setSpacing(18)
        box.addWidget(self.heatmap, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.year_label, 1)
        return panel

    def _build_side(self) -> QWidget:
        side = QWidget()
        side.setObjectName("LogSide")
        side.setMinimumWidth(300)
        side.setMaximumWidth(440)
        self._build_search()
        self.calendar = LogCalendar(self.tokens, week_start=self._week_start)
        self.calendar.setSelectedDate(to_qdate(self.day))
        self.calendar.currentPageChanged.connect(lambda year, month: self._mark_calendar())
        self.calendar.selectionChanged.connect(self._calendar_picked)
        self.calendar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Rows tall enough for a day's number with its dot under it.
        rows = QFontMetrics(self.calendar.font()).height() * 2 + 4
        self.calendar.setMinimumHeight(7 * rows + 8)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(QLabel("Lines:"))
        filters.addWidget(self.status_combo, 1)
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 10, 0)
        box.setSpacing(8)
        box.addWidget(self.search_edit)
        box.addLayout(filters)
        box.addWidget(self.calendar)
        box.addWidget(self.results_label)
        box.addWidget(self.results, 1)
        box.addStretch(0)  # takes the room while no search shows results
        return side

    def _build_search(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("LogSearch")
        self.search_edit.setPlaceholderText("Search the log…  (Ctrl+Shift+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the log")
        self._window_keys = WindowKeys(self)  # Ctrl+E starts an entry from here too
        self.search_edit.installEventFilter(self._window_keys)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._open_first_hit)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search_edit.clear)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Only lines with this status")
        for label, _ in STATUS_CHOICES:
            self.status_combo.addItem(label)
        self.status_combo.currentIndexChanged.connect(self.run_search)
        self.results_label = QLabel(SEARCH_HINT)
        self.results_label.setObjectName("LogResultsLabel")
        self.results_label.setWordWrap(True)
        self.search_model = SearchModel(self)
        self.search_delegate = SearchDelegate(self.tokens, self)
        self.results = QListView()
        self.results.setObjectName("LogResults")
        self.results.setModel(self.search_model)
        self.results.setItemDelegate(self.search_delegate)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setMouseTracking(True)
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setUniformItemSizes(True)
        self.results.setAccessibleName("Search results")
        self.results.activated.connect(lambda index: self.open_hit(index.row()))
        self.results.clicked.connect(lambda index: self.open_hit(index.row()))
        self.results.setVisible(False)

    def _build_main(self) -> QWidget:
        self.day_view = DayView(self.tokens, images=self.images.image)
        self.day_view.entry_clicked.connect(self.edit_entry)
        self.day_view.edit_requested.connect(self._edit_and_focus)
        self.day_view.move_requested.connect(self.move_entry)
        self.day_view.confirm_requested.connect(self.confirm_entry)
        self.day_view.delete_requested.connect(self.delete_entry)
        self.day_view.line_to_item_requested.connect(self.line_to_item)
        self.day_view.item_requested.connect(self.open_item)
        self.day_view.unit_requested.connect(self.open_unit)
        self.editor = EntryEditor(self.tokens, images=self.images.image)
        self.editor.edited.connect(self._edited)
        self.editor.left.connect(self._editor_left)
        self.editor.submitted.connect(self.submit)
        self.editor.new_requested.connect(self.new_entry)
        self.editor.delete_requested.connect(self._delete_from_editor)
        self.editor.line_to_item_requested.connect(self._editor_line_to_item)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.addWidget(self.day_view)
        self.main_splitter.addWidget(self.editor)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setSizes([520, 230])
        self.editor.setMinimumHeight(190)
        return self.main_splitter

    def _restyle(self) -> None:
        t = self.tokens
        muted, text, accent = t.muted_text.name(), t.text.name(), t.accent.name()
        border, card, window = t.card_border.name(), t.card_bg.name(), t.window_bg.name()
        panel, selected = t.column_header_bg.name(), t.selected.name()
        self.setStyleSheet(f"""
QLabel#LogDaySummary, QLabel#LogStreak, QLabel#LogResultsLabel, QLabel#LogYearSummary
    {{ color: {muted}; }}
QTextBrowser#LogDayView {{ background: {window}; border: none; }}
QFrame#LogActivity {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QFrame#LogEditor {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QFrame#LogEditor QPlainTextEdit, QFrame#LogEditor QTextBrowser {{
    background: {card}; border: 1px solid {border}; border-radius: 6px; padding: 4px;
}}
QFrame#LogEditor QPlainTextEdit:focus {{ border-color: {accent}; }}
QLabel#LogEditorMode {{ color: {text}; font-weight: 600; }}
QLineEdit#LogSearch, QLineEdit#LogEntryTitle {{
    background: {card}; color: {text}; border: 1px solid {border};
    border-radius: 8px; padding: 4px 10px;
}}
QLineEdit#LogSearch:focus, QLineEdit#LogEntryTitle:focus {{ border-color: {accent}; }}
QListView#LogResults {{ background: transparent; }}
QCalendarWidget#LogCalendar QWidget#qt_calendar_navigationbar {{
    background: {panel}; border-radius: 8px;
}}
QCalendarWidget#LogCalendar QToolButton {{ color: {text}; font-weight: 600; }}
QCalendarWidget#LogCalendar QAbstractItemView {{
    background: {card}; selection-background-color: {selected}; outline: 0;
}}
""")

    # --- reading ------------------------------------------------------------------------

    def _remembered_day(self) -> date:
        """The day shown when the window last closed, if that was today; else today."""
        if self._settings is None:
            return self.today
        saved_on = self._settings.value(SAVED_ON_KEY, "")
        day = self._settings.value(DAY_KEY, "")
        if saved_on != self.today.isoformat():
            return self.today
        try:
            return date.fromisoformat(day)
        except ValueError:
            return self.today

    def _clock(self) -> datetime:
        now = self._ops.clock()
        self.tz = zone_of(now)
        self.today = now.astimezone(self.tz).date()
        return now

    def reload(self) -> None:
        """Read the day again (and the calendar, the activity and the search)."""
        self._stale = False
        self._clock()
        self._reload_day()
        if self._web_images != self._web_images_allowed():  # the setting changed
            self._web_images = not self._web_images
            self.editor.render_preview()
        if self._heat_stale:
            self._reload_activity()
        if self.search_edit.text().strip() or self._status_filter() is not None:
            self.run_search()

    def _reload_if_stale(self) -> None:
        if self._stale:
            self.reload()

    def _reload_day(self) -> None:
        store = self._ops.store
        self.page_data = log_days.day_page(store, self.day, tz=self.tz)
        self._sync_editor()
        self.day_view.show_page(self.page_data, self.editor_entry_id, self.tz)
        self.title_label.setText(day_title(self.day))
        entries = len(self.page_data.entries)
        completed = sum(1 for a in self.page_data.auto if a.kind.value == "completed")
        parts = [when_text(self.day, self.today)]
        parts.append(plural(entries, "entry") if entries else "no entries")
        if completed:
            parts.append(plural(completed, "item completed", "items completed"))
        self.sub_label.setText(" · ".join(parts))
        self.today_button.setEnabled(self.day != self.today)
        with QSignalBlocker(self.calendar):
            self.calendar.set_today(self.today)
            self.calendar.setSelectedDate(to_qdate(self.day))
        self._mark_calendar()  # the month may have turned with its signals blocked
        self.heatmap.set_selected(self.day)

    def _mark_calendar(self) -> None:
        start, end = self.calendar.visible_range()
        days = log_days.logged_days(self._ops.store, start=start, end=end)
        self.calendar.set_marked(d.day for d in days)

    def _reload_activity(self) -> None:
        self._heat_stale = False
        store = self._ops.store
        streaks = log_days.streaks(store, today=self.today)
        self.streak_label.setText(streak_text(streaks))
        if not self.activity.isVisible() and not self.activity_button.isChecked():
            self._heat_stale = True  # the heatmap is read when shown
            return
        first = first_shown(self.today, self._week_start)
        days = log_days.heatmap(store, start=first, end=self.today, tz=self.tz)
        self.heatmap.set_days(days, self.today)
        logged = sum(1 for d in days if d.entries)
        completed = sum(d.completed for d in days)
        longest = streaks.longest
        lines = [
            f"<b>{plural(logged, 'day')}</b> logged in the past year",
            f"<b>{plural(completed, 'item')}</b> completed",
            f"Longest streak <b>{plural(longest, 'day')}</b>",
        ]
        if streaks.longest_start and streaks.longest_end and longest > 1:
            lines[-1] += f" ({range_text(streaks.longest_start, streaks.longest_end)})"
        self.year_label.setText("<br>".join(lines))

    @property
    def editor_entry_id(self) -> int | None:
        return self.editor.entry.id if self.editor.entry is not None else None

    def _sync_editor(self) -> None:
        """After a reload: the editor follows the store where that loses nothing."""
        entry = self.editor.entry
        if entry is None:
            if self.editor.day != self.day:
                self.editor.show_draft(self.day, keep_text=True)
            if self._dirty():
                self._autosave.start(AUTOSAVE_MS)  # held back by an undo, say
            return
        try:
            record = log_entries.get_entry(self._ops.store, entry.id)
        except NotFound:
            if self._dirty():
                # Gone (an undo, say) with unsaved words: they become a new draft.
                self.editor.show_draft(self.day, keep_text=True)
                self._saved = ("", "")
                self.editor.set_state(
                    "The entry was removed; your text will be saved as a new entry."
                )
                self._autosave.start(AUTOSAVE_MS)
            else:
                self._start_draft(focus=False)
            return
        stored = (record.heading, record.body)
        typing = self._dirty() or self.editor.has_focus()
        if typing or stored == (_clean(self._saved[0]), _clean_body(self._saved[1])):
            self.editor.show_entry(record, keep_text=True)
        else:
            self.editor.show_entry(record)
            self._saved = stored

    # --- pictures -----------------------------------------------------------------------

    def _web_images_allowed(self) -> bool:
        return self._settings.show_web_images if self._settings is not None else True

    def _picture_loaded(self, url: str) -> None:
        self._arrived.add(url)
        if not self._picture_timer.isActive():  # at most one rendering per interval
            self._picture_timer.start()

    def _show_arrived(self) -> None:
        arrived, self._arrived = self._arrived, set()
        entries = self.page_data.entries if self.page_data is not None else ()
        if any(url in entry.body for entry in entries for url in arrived):
            self.day_view.render_again()  # same day, same selection: the scroll stays
        body = self.editor.body()
        if any(url in body for url in arrived):
            self.editor.render_preview()

    # --- navigation ---------------------------------------------------------------------

    def show_day(
        self,
        day: date,
        *,
        entry: int | None = None,
        line: int | None = None,
        terms: list[str] | None = None,
    ) -> None:
        """Show `day`; scroll to `entry` (and `line`), marking `terms` when given."""
        if self._held():
            with QSignalBlocker(self.calendar):
                self.calendar.setSelectedDate(to_qdate(self.day))
            return
        changed = day != self.day
        self.day = day
        entry_here = self.editor.entry is not None and self.editor.entry.covers(day)
        if (changed or self.editor.is_draft) and not entry_here:
            self._start_draft(focus=False)
        self._terms = list(terms or [])
        self.day_view.highlight(self._terms)
        self._clock()
        self._reload_day()
        self.day_view.highlight(self._terms)
        if entry is not None:
            self.day_view.scroll_to_entry(entry, line)

    def go_today(self) -> None:
        self._clock()
        self.show_day(self.today)

    def step_logged(self, step: int) -> None:
        target = neighbour_day(self._ops, self.day, step)
        if target is None:
            self.status.emit(
                "No earlier day has entries." if step < 0 else "No later day has entries."
            )
            return
        self.show_day(target)

    def _calendar_picked(self) -> None:
        picked = from_qdate(self.calendar.selectedDate())
        if picked != self.day:
            self.show_day(picked)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # --- editing ------------------------------------------------------------------------

    def _dirty(self) -> bool:
        return (self.editor.heading(), self.editor.body()) != self._saved

    def _edited(self) -> None:
        if self._dirty():
            if not self._save_error:
                self.editor.set_state("Editing…")
            self._autosave.start(AUTOSAVE_MS)

    def _autosave_due(self) -> None:
        if self.editor.is_draft and self.editor.range_focused():
            # Adding the draft would hide the range while its last day is being picked.
            self._autosave.start(AUTOSAVE_MS)
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
            self._autosave.stop()
        else:
            self.flush()

    def flush(self) -> bool:
        """Save what the editor holds now; False when it could not be saved."""
        self._autosave.stop()
        if not self._dirty():
            return True
        heading, body = self.editor.heading(), self.editor.body()
        entry = self.editor.entry
        if entry is None:
            if self.editor.is_empty():
                return True
            created = self._add(body, heading, self.editor.range_end())
            if created is None:
                return False
            self._saved = (heading, body)
            self.editor.show_entry(created, keep_text=True)
            self.editor.set_state("Saved")
            return True
        if self.editor.is_empty():
            self.editor.set_state(
                "An empty entry is not saved; use Delete to remove it.", error=True
            )
            return False
        saved: list[LogEntryRecord] = []

        def save(now: datetime) -> Changes:
            # Removed meanwhile: save_text keeps the words as a new entry of its day.
            record, changes = save_text(
                self._ops.store, entry.id, day=entry.day, body=body, heading=heading, now=now
            )
            saved.append(record)
            return changes

        self._saving = True
        try:
            ok = self._write(save)
        finally:
            self._saving = False
        if ok:
            self._saved = (heading, body)
            self.editor.show_entry(saved[0], keep_text=True)
            self.editor.set_state("Saved")
        return ok

    def _add(self, body: str, heading: str, end_day: date | None) -> LogEntryRecord | None:
        day, made = self.day, []

        def add(now: datetime) -> Changes:
            record, changes = log_entries.add_entry(
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
            self._save_error = str(exc) or type(exc).__name__
            self.editor.set_state(
                f"Not saved: {self._save_error}. Your text is kept here and saving is tried"
                " again; check that the disk has room and the data file can be written.",
                error=True,
            )
            self._autosave.start(RETRY_MS)
            return False
        if ok:
            self._save_error = ""
        return ok

    def _held(self) -> bool:
        """True, after saying so, when unsaved text could not be saved: whatever would
        replace the editor's text waits. (An emptied entry holds nothing to lose.)"""
        if self.flush() or self.editor.is_empty():
            return False
        self.status.emit("Your text could not be saved yet, so it stays in the editor.")
        return True

    def submit(self) -> None:
        """Ctrl+Enter: save the entry and start another one for the day."""
        was_draft = self.editor.is_draft
        if not self.flush():
            return
        if self.editor.is_draft:  # nothing was typed
            self.editor.focus_text()
            return
        self.status.emit("Entry added." if was_draft else "Entry saved.")
        self._start_draft(focus=True)

    def new_entry(self) -> None:
        """Start a new entry for the day shown (the one being edited is saved first)."""
        if self._held():
            return
        self._start_draft(focus=True)

    def _start_draft(self, *, focus: bool) -> None:
        self._autosave.stop()
        self.editor.show_draft(self.day)
        self._saved = ("", "")
        if self.page_data is not None and self.day_view.selected is not None:
            self.day_view.show_page(self.page_data, None, self.tz)
        if focus:
            self.editor.focus_text()

    def edit_entry(self, entry_id: int) -> None:
        """Open an entry of the day in the editor (the one there is saved first)."""
        if entry_id == self.editor_entry_id or self._held():
            return
        try:
            record = log_entries.get_entry(self._ops.store, entry_id)
        except NotFound:
            return
        self._autosave.stop()
        self.editor.show_entry(record)
        self._saved = (record.heading, record.body)
        self.editor.set_state("")
        if self.page_data is not None:
            self.day_view.show_page(self.page_data, entry_id, self.tz)

    def _edit_and_focus(self, entry_id: int) -> None:
        self.edit_entry(entry_id)
        self.editor.focus_text()

    def selected_entry(self) -> int | None:
        return self.editor_entry_id

    # --- operations ---------------------------------------------------------------------

    def delete_entry(self, entry_id: int | None = None) -> bool:
        entry_id = entry_id if entry_id is not None else self.editor_entry_id
        if entry_id is None:
            return False
        if entry_id == self.editor_entry_id and self._held():
            return False  # saved first, so that undo brings back the last words too
        store = self._ops.store
        done = self._ops.run(
            "Delete log entry",
            lambda now: log_entries.delete_entry(store, entry_id),
        )
        if done:
            if entry_id == self.editor_entry_id:
                self._start_draft(focus=False)
            self.status.emit("Entry deleted. Undo (Ctrl+Z) brings it back.")
        return done

    def delete_selected(self) -> None:
        """Del in the window: the selected entry, while the day page has the focus (the
        editor and the search box keep Del for their text)."""
        if self.day_view.hasFocus() and self.editor_entry_id is not None:
            self.delete_entry()

    def _delete_from_editor(self) -> None:
        if self.editor.is_draft:
            self._start_draft(focus=True)  # discard a draft that was never saved
            return
        self.delete_entry()

    def move_entry(self, entry_id: int | None = None) -> None:
        from app.ui.log.move_dialog import MoveDialog

        entry_id = entry_id if entry_id is not None else self.editor_entry_id
        if entry_id is None:
            self.status.emit("Select an entry to move first.")
            return
        if entry_id == self.editor_entry_id and self._held():
            return
        try:
            record = log_entries.get_entry(self._ops.store, entry_id)
        except NotFound:
            return
        dialog = MoveDialog(record, self)
        dialog.accepted.connect(lambda: self._moved(entry_id, dialog.day(), dialog.end_day()))
        self._dialog = dialog
        dialog.open()

    def _moved(self, entry_id: int, day: date, end_day: date | None) -> None:
        if self._move(entry_id, day, end_day, "Move log entry"):
            self.show_day(day, entry=entry_id)
            self.status.emit(f"Entry moved to {day_title(day)}.")

    def confirm_entry(self, entry_id: int) -> None:
        """Keep a flagged entry where the importer placed it: the flag goes."""
        try:
            record = log_entries.get_entry(self._ops.store, entry_id)
        except NotFound:
            return
        if self._move(entry_id, record.day, record.end_day, "Keep the entry's date"):
            self.status.emit("The date is confirmed; the flag is gone.")

    def _move(self, entry_id: int, day: date, end_day: date | None, text: str) -> bool:
        store = self._ops.store
        return self._ops.run(
            text,
            lambda now: log_entries.move_entry(store, entry_id, day, now=now, end_day=end_day)[1],
        )

    def line_to_item(self, entry_id: int, line: int, shown: str | None = None) -> bool:
        """Make a backlog item of line `line` of an entry's body. `shown` is the line as
        the page showed it: the entry may have been saved with lines added since (the
        editor's unsaved words go first), so the line is found again by its text."""
        if entry_id == self.editor_entry_id and not self.flush():
            return False
        if shown is not None:
            found = self._find_line(entry_id, line, shown)
            if found is None:
                self.status.emit("That line has changed since; right-click it again.")
                return False
            line = found
        made = []

        def make(now: datetime) -> Changes:
            record, changes = log_entries.line_to_item(self._ops.store, entry_id, line, now=now)
            made.append(record)
            return changes

        if not self._ops.run("Backlog item from the log", make):
            return False
        self.status.emit(f"Added “{made[0].title}” to the backlog.")
        return True

    def _find_line(self, entry_id: int, line: int, shown: str) -> int | None:
        """The index of the line reading `shown` in the stored entry, nearest `line`."""
        try:
            lines = log_entries.get_entry(self._ops.store, entry_id).body.split("\n")
        except NotFound:
            return None
        same = [i for i, text in enumerate(lines) if text == shown]
        return min(same, key=lambda i: abs(i - line)) if same else None

    def _editor_line_to_item(self, line: int) -> None:
        if not self.flush() or self.editor.entry is None:
            return
        self.line_to_item(self.editor.entry.id, self.editor.body_line(line))

    def line_to_item_here(self) -> None:
        """The action: the line under the editor's cursor, or the one clicked in the page."""
        if self.editor.text.hasFocus():
            self._editor_line_to_item(self.editor.text.current_line())
            return
        ref = self.day_view.current_line()
        if ref is None:
            self.status.emit("Click a line of an entry (or put the cursor on it) first.")
            return
        self.line_to_item(ref.key, ref.line, self.day_view.body_line(ref))

    # --- search -------------------------------------------------------------------------

    def _status_filter(self) -> LineStatus | None:
        return STATUS_CHOICES[max(self.status_combo.currentIndex(), 0)][1]

    def run_search(self) -> None:
        self._search_timer.stop()
        query = self.search_edit.text()
        status = self._status_filter()
        searching = bool(query.strip()) or status is not None
        self.results.setVisible(searching)
        self.calendar.setVisible(not searching)  # the results take its room meanwhile
        if not searching:
            self.search_model.set_hits([], [])
            self.results_label.setText(SEARCH_HINT)
            return
        hits = log_search.search_log(self._ops.store, query, status=status, limit=SEARCH_LIMIT)
        self.search_model.set_hits(hits, query.split())
        if not hits:
            self.results_label.setText("No entry matches.")
        elif len(hits) >= SEARCH_LIMIT:
            self.results_label.setText(f"The first {SEARCH_LIMIT} matches, best first.")
        else:
            self.results_label.setText(plural(len(hits), "match") + ", best first.")

    def open_hit(self, row: int) -> None:
        hit = self.search_model.hit(row)
        if hit is None:
            return
        self.show_day(hit.day, entry=hit.entry_id, line=hit.line, terms=self.search_model.terms)

    def _open_first_hit(self) -> None:
        self.run_search()
        if self.search_model.rowCount():
            self.results.setCurrentIndex(self.search_model.index(0))
            self.open_hit(0)

    # --- changes ------------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        if not (changes.any_log or changes.items or changes.any_units):
            return
        if not self._saving or changes.items or changes.everything:
            self._heat_stale = True  # our own autosave changes words, not days
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        for widget in (self.day_view, self.editor, self.heatmap, self.calendar,
                       self.search_delegate):  # fmt: skip
            widget.set_tokens(tokens)
        self._restyle()
        if self.page_data is not None:
            self.day_view.show_page(self.page_data, self.editor_entry_id, self.tz)
        self.results.viewport().update()

    def reread_settings(self) -> None:
        """The settings were changed: the week's first day, and whether pictures from
        the web show (the reload that follows notices that one)."""
        if self._settings is not None:
            self.set_week_start(self._settings.week_start)

    def set_week_start(self, week_start: int) -> None:
        self._week_start = week_start
        self.calendar.set_week_start(week_start)
        self.heatmap.week_start = week_start
        self._heat_stale = True
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def _toggle_activity(self, shown: bool) -> None:
        self.activity.setVisible(shown)
        if self._settings is not None:
            self._settings.set_value(ACTIVITY_KEY, shown)
        if shown and self._heat_stale:
            self._reload_activity()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def close_page(self) -> bool:
        """The window closes: save what is typed and remember the day. False when the
        text could not be saved and the user chose to keep the window open."""
        if not self.flush() and not self.editor.is_empty() and not self._close_unsaved():
            return False
        if self._settings is not None:
            self._settings.set_value(DAY_KEY, self.day.isoformat())
            self._settings.set_value(SAVED_ON_KEY, self.today.isoformat())
        return True

    def _close_unsaved(self) -> bool:
        """Ask whether to close although the editor's text could not be saved."""
        why = self._save_error or "It was refused."
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Save failed")
        box.setText("Your log entry could not be saved.")
        box.setInformativeText(
            f"{why}\n\nIf you close now, what you typed since the last save is lost. "
            "Keep the window open to copy the text or free some room, then close again."
        )
        keep = box.addButton("Keep the window open", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Close anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is not keep

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)


def _clean(heading: str) -> str:
    from app.domain.journal.render import clean_heading

    return clean_heading(heading)


def _clean_body(body: str) -> str:
    from app.domain.journal.parse import split_lines, trim_blank_lines

    return trim_blank_lines("\n".join(split_lines(body)))
