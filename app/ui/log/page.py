"""The Log view: a calendar and the log's search beside a day page, the entry editor
under it, and a year of activity with the streak above.

The page lays these out (the header is app/ui/log/header.py, the year of activity
app/ui/log/activity.py, which pages the heatmap by year) and wires them together.
Reading goes through the log services (`day_page` and `logged_days` for the calendar's
six weeks only in log_days.py, `heatmap`, `streaks`, and `search_log` in log_search.py).
Going to a day in another year pages the heatmap there; after a journal import the
window shows the newest imported day (`show_imported`). Writing is elsewhere:

* **the editor's text** is saved as you type by the page's `Drafts`
  (app/ui/log/drafts.py), never as a window undo step; when the log changes elsewhere
  the page reloads around the editor and the drafts decide what it keeps. After
  Ctrl+Enter the entry just written stays marked and in view while the new one is empty;
* **deleting, moving, keeping a flagged date and making a backlog item of a line** are
  `EntryCommands` (app/ui/log/entry_commands.py), each one `Operations.run`, so Ctrl+Z
  in the window undoes them.

**Pictures** come from the page's own `ImageCache` (app/ui/log/images.py), the image
source of the day page and of the editor's preview. When a picture arrives, both are
rendered again once (within `PICTURE_RENDER_MS`), only if they show its URL; the
editor's text, cursor and saving are not touched, and the day keeps its scroll.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.config.zone import zone_of
from app.domain.changes import Changes
from app.services.journal_import_summary import ImportReport
from app.services.log_days import DayPage, day_page, logged_days, neighbour_day, streaks
from app.services.log_search import LogHit
from app.ui.log.activity import ActivityPanel
from app.ui.log.calendar import LogCalendar, from_qdate, to_qdate
from app.ui.log.day_view import DayView
from app.ui.log.drafts import Drafts, close_anyway
from app.ui.log.entry_commands import EntryCommands
from app.ui.log.entry_editor import EntryEditor
from app.ui.log.header import DayHeader
from app.ui.log.images import ImageCache
from app.ui.log.search_panel import LogSearch
from app.ui.log.style import page_style
from app.ui.log.wording import day_summary, day_title, range_text, streak_text
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.theme import Tokens

PICTURE_RENDER_MS = 100  # pictures arriving together are shown with one rendering
DAY_KEY, SAVED_ON_KEY, ACTIVITY_KEY = "log/day", "log/day_saved_on", "log/show_activity"


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
        self._stale = True
        self._heat_stale = True
        self._terms: list[str] = []
        self._just_written: int | None = None  # by Ctrl+Enter, marked while a draft is new

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_if_stale)
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

    def _build_header(self) -> DayHeader:
        header = DayHeader(self.font())
        self.title_label, self.sub_label = header.title_label, header.sub_label
        self.streak_label, self.activity_button = header.streak_label, header.activity_button
        self.prev_button, self.next_button = header.prev_button, header.next_button
        self.today_button = header.today_button
        self.prev_button.clicked.connect(lambda: self.step_logged(-1))
        self.next_button.clicked.connect(lambda: self.step_logged(1))
        self.today_button.clicked.connect(self.go_today)
        self.activity_button.toggled.connect(self._toggle_activity)
        return header

    def _build_activity(self) -> ActivityPanel:
        panel = ActivityPanel(self._ops, self.tokens, week_start=self._week_start)
        panel.day_clicked.connect(self.show_day)
        panel.follow(self.day, self.today)  # a day remembered from another year
        self.heatmap = panel.heatmap
        return panel

    def _build_side(self) -> QWidget:
        side = QWidget()
        side.setObjectName("LogSide")
        side.setMinimumWidth(300)
        side.setMaximumWidth(440)
        self.search = LogSearch(self._ops, self.tokens, self)
        self.calendar = LogCalendar(self.tokens, week_start=self._week_start)
        # The results take the calendar's room while a search shows them.
        self.search.results_shown.connect(lambda shown: self.calendar.setVisible(not shown))
        self.search.hit_opened.connect(self._open_hit)
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
        filters.addWidget(self.search.status_combo, 1)
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 10, 0)
        box.setSpacing(8)
        box.addWidget(self.search.edit)
        box.addLayout(filters)
        box.addWidget(self.calendar)
        box.addWidget(self.search.results_label)
        box.addWidget(self.search.results, 1)
        box.addStretch(0)  # takes the room while no search shows results
        return side

    def _build_main(self) -> QWidget:
        self.day_view = DayView(self.tokens, images=self.images.image)
        self.editor = EntryEditor(self.tokens, images=self.images.image)
        self.drafts = Drafts(self._ops, self.editor, lambda: self.day, self)
        self.drafts.status.connect(self.status)
        self.drafts.draft_started.connect(self._draft_started)
        self.drafts.entry_opened.connect(self._entry_opened)
        self.drafts.written.connect(self._written)
        self.commands = EntryCommands(self._ops, self.drafts, self)
        self.commands.status.connect(self.status)
        self.commands.moved.connect(lambda day, entry: self.show_day(day, entry=entry))
        view, drafts, commands = self.day_view, self.drafts, self.commands
        view.entry_clicked.connect(drafts.edit)
        view.edit_requested.connect(drafts.edit_and_focus)
        view.move_requested.connect(commands.move)
        view.confirm_requested.connect(commands.confirm)
        view.delete_requested.connect(commands.delete)
        view.line_to_item_requested.connect(commands.line_to_item)
        view.item_requested.connect(self.open_item)
        view.unit_requested.connect(self.open_unit)
        self.editor.submitted.connect(drafts.submit)
        self.editor.new_requested.connect(drafts.new_entry)
        self.editor.delete_requested.connect(commands.delete_from_editor)
        self.editor.line_to_item_requested.connect(commands.editor_line_to_item)
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
        self.setStyleSheet(page_style(self.tokens))

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
        if self.search.active():
            self.search.run()

    def _reload_if_stale(self) -> None:
        if self._stale:
            self.reload()

    def _reload_day(self) -> None:
        store = self._ops.store
        self.page_data = day_page(store, self.day, tz=self.tz, now=self._ops.clock())
        self.drafts.follow()
        self.day_view.show_page(self.page_data, self.marked_entry(), self.tz)
        self.title_label.setText(day_title(self.day))
        self.sub_label.setText(day_summary(self.page_data, self.today))
        self.today_button.setEnabled(self.day != self.today)
        with QSignalBlocker(self.calendar):
            self.calendar.set_today(self.today)
            self.calendar.setSelectedDate(to_qdate(self.day))
        self._mark_calendar()  # the month may have turned with its signals blocked
        self.activity.set_selected(self.day)

    def _mark_calendar(self) -> None:
        start, end = self.calendar.visible_range()
        days = logged_days(self._ops.store, start=start, end=end)
        self.calendar.set_marked(d.day for d in days)

    def _reload_activity(self) -> None:
        self._heat_stale = False
        store = self._ops.store
        streak = streaks(store, today=self.today)
        self.streak_label.setText(streak_text(streak))
        if not self.activity.isVisible() and not self.activity_button.isChecked():
            self._heat_stale = True  # the heatmap is read when shown
            return
        self.activity.reload(self.today, self.tz, streak)

    @property
    def editor_entry_id(self) -> int | None:
        return self.drafts.entry_id

    def marked_entry(self) -> int | None:
        """The entry the day page marks: the editor's, else the one Ctrl+Enter just
        wrote while the new draft is not saved yet (once it is, it takes the mark)."""
        if self.editor_entry_id is not None:
            self._just_written = None
            return self.editor_entry_id
        return self._just_written

    def _draft_started(self) -> None:
        self._just_written = None
        if self.page_data is not None and self.day_view.selected is not None:
            self.day_view.show_page(self.page_data, None, self.tz)

    def _entry_opened(self, entry_id: int) -> None:
        self._just_written = None
        if self.page_data is not None:
            self.day_view.show_page(self.page_data, entry_id, self.tz)

    def _written(self, entry_id: int) -> None:
        """Ctrl+Enter saved `entry_id` and started another entry: the page shows it as
        saved, marked and in view, however long the day."""
        self._just_written = entry_id
        self.reload()  # now, not when the change arrives: the entry is scrolled to below
        self.day_view.reveal_entry(entry_id)

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
        if self.drafts.held():
            with QSignalBlocker(self.calendar):
                self.calendar.setSelectedDate(to_qdate(self.day))
            return
        changed = day != self.day
        self.day = day
        entry_here = self.editor.entry is not None and self.editor.entry.covers(day)
        if (changed or self.editor.is_draft) and not entry_here:
            self.drafts.start_draft(focus=False)
        self._terms = list(terms or [])
        self.day_view.highlight(self._terms)
        self._clock()
        if changed:
            self._just_written = None
            self.activity.follow(day, self.today)
        self._reload_day()
        self.day_view.highlight(self._terms)
        if entry is not None:
            self.day_view.scroll_to_entry(entry, line)

    def go_today(self) -> None:
        self._clock()
        self.show_day(self.today)

    def step_logged(self, step: int) -> None:
        target = neighbour_day(self._ops.store, self.day, step)
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

    def step_year(self, step: int) -> None:
        """The heatmap's year before (`step` < 0) or after, shown if it was hidden."""
        self.activity_button.setChecked(True)
        if not self.activity.step_year(step):
            self.status.emit(
                "Nothing was logged or completed before this year."
                if step < 0
                else "The heatmap already shows the latest year."
            )

    def show_imported(self, report: ImportReport) -> None:
        """After a journal import: the newest day it covers, its year in the heatmap."""
        first, last = report.first_day, report.last_day
        if first is None or last is None:
            return
        self.show_day(last)
        self.status.emit(f"Imported {range_text(first, last)}; the Log shows the newest day.")

    def focus_search(self) -> None:
        self.search.focus()

    def _open_hit(self, hit: LogHit) -> None:
        self.show_day(hit.day, entry=hit.entry_id, line=hit.line, terms=self.search.model.terms)

    # --- editing (app/ui/log/drafts.py) and commands (entry_commands.py) ----------------

    def new_entry(self) -> None:
        self.drafts.new_entry()

    def delete_selected(self) -> None:
        """Del in the window: the selected entry, while the day page has the focus (the
        editor and the search box keep Del for their text)."""
        if self.day_view.hasFocus() and self.editor_entry_id is not None:
            self.commands.delete()

    def move_entry(self, entry_id: int | None = None) -> None:
        self.commands.move(entry_id)

    def line_to_item_here(self) -> None:
        """The action: the line under the editor's cursor, or the one clicked in the page."""
        if self.editor.text.hasFocus():
            self.commands.editor_line_to_item(self.editor.text.current_line())
            return
        ref = self.day_view.current_line()
        if ref is None:
            self.status.emit("Click a line of an entry (or put the cursor on it) first.")
            return
        self.commands.line_to_item(ref.key, ref.line, self.day_view.body_line(ref))

    # --- changes ------------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        if not (changes.any_log or changes.items or changes.any_units or changes.time):
            return
        if not self.drafts.saving or changes.items or changes.everything:
            self._heat_stale = True  # our own autosave changes words, not days
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        for widget in (self.day_view, self.editor, self.activity, self.calendar, self.search):
            widget.set_tokens(tokens)
        self._restyle()
        if self.page_data is not None:
            self.day_view.show_page(self.page_data, self.marked_entry(), self.tz)

    def reread_settings(self) -> None:
        """The settings were changed: whether pictures from the web show is noticed by
        the reload (the week's first day comes through `set_week_start`)."""
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def set_week_start(self, week_start: int) -> None:
        self._week_start = week_start
        self.calendar.set_week_start(week_start)
        self.activity.set_week_start(week_start)
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
        unsaved = not self.drafts.flush() and not self.editor.is_empty()
        if unsaved and not close_anyway(self, self.drafts.error):
            return False
        if self._settings is not None:
            self._settings.set_value(DAY_KEY, self.day.isoformat())
            self._settings.set_value(SAVED_ON_KEY, self.today.isoformat())
        return True

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)
