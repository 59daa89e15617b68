"""The main window: sidebar, pages, toolbar and status bar.

Every command is declared once as data (window_actions.py) and bound here to what it
runs (`MainWindow.commands`); the action registry builds the menus, palette, shortcuts
and cheat sheet from both. The pages are built on first use (window_pages.py).

The running instance (app/ui/background.py) owns the window, the tray icon and the
process: closing the window hides it when Rizhi keeps running in the background
(`keep_running`), and otherwise closes it for good (`closed`); Quit always does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.weeks import Week
from app.store.db import Store
from app.ui.actions import ActionRegistry
from app.ui.first_paint import after_first_paint
from app.ui.live import LiveUpdates
from app.ui.notifications.banner import BannerArea
from app.ui.ops import Operations, local_now
from app.ui.pages import PageSlot
from app.ui.rows import RowCache
from app.ui.screen_fit import fit_to_screen
from app.ui.settings import UiSettings
from app.ui.sidebar import Sidebar
from app.ui.theme import ThemeController
from app.ui.window_actions import MENU_ORDER, TOOLBAR, WINDOW_ACTIONS
from app.ui.window_commands import file_dropped_items
from app.ui.window_pages import PAGE_BUILDERS, VIEW_TITLES, VIEWS
from app.ui.window_settings import load_preferences, save_preferences

if TYPE_CHECKING:
    from app.ui.backlog.view import BacklogPage
    from app.ui.board.view import BoardPage
    from app.ui.hotkeys.choose import CaptureHotkey
    from app.ui.log.page import LogPage
    from app.ui.planner.page import PlannerPage
    from app.ui.trash_page import TrashPage
    from app.ui.units.page import UnitsPage
    from app.ui.units.prompt import ReviewPrompter

# Services that write through SQLAlchemy are imported where they are used, and pages
# with their modules when first shown: the window paints its first frame without them.

STATUS_MS = 6000  # how long a sentence stays on the status bar


class MainWindow(QMainWindow):
    closed = Signal()  # closed for good, not hidden to the background

    def __init__(
        self,
        store: Store,
        settings: UiSettings,
        clock: Callable[[], datetime] = local_now,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.setWindowTitle("Rizhi 日知")
        # The instance's, when given: the capture popup writes through it too, and two
        # Operations on one connection would both record its rows for undo.
        self.ops = ops if ops is not None else Operations(store, clock, self)
        # The global capture hotkey, for Settings to show and move (set by the instance).
        self.capture_hotkey: CaptureHotkey | None = None
        # Following the feed starts before anything is read, so no change made
        # meanwhile (a `rizhi config set`) goes unheard.
        self.live = LiveUpdates(store, self)
        # Settings shared with the command line, from the store.
        self.prefs = load_preferences(store, settings)
        self.rows = RowCache(store)
        self.registry = ActionRegistry(settings, self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # Follows the system's light/dark switch live while the mode is "system".
        self.theme = ThemeController(app, settings.theme, parent=self)
        self.slots = {view: PageSlot(partial(build, self)) for view, build in PAGE_BUILDERS.items()}
        self._build_central()
        self._register_actions()
        self._build_toolbar()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        # Counting open items scans the table; bursts of operations share one count.
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(250)
        self._status_timer.timeout.connect(self.refresh_status)
        # Whether closing hides the window, Rizhi running on (the instance decides).
        self.keep_running: Callable[[], bool] = lambda: False
        self._quitting = False
        self.live.changed.connect(self.ops.external)
        self.live.changed.connect(self._report_external)
        self.ops.changed.connect(self.apply)
        self.ops.failed.connect(self.show_error)
        self.ops.history_changed.connect(self._update_undo_actions)
        self._restore_state()
        self._update_undo_actions()
        self._status_timer.start()  # counting scans the table: after the first paint
        self.live.start()
        self.review_prompt: ReviewPrompter | None = None
        after_first_paint(self, self._after_first_paint)

    # --- pages --------------------------------------------------------------------

    @property
    def backlog(self) -> BacklogPage:
        return cast("BacklogPage", self.slots["backlog"].page())

    @property
    def board(self) -> BoardPage:
        return cast("BoardPage", self.slots["board"].page())

    @property
    def units(self) -> UnitsPage:
        return cast("UnitsPage", self.slots["units"].page())

    @property
    def log(self) -> LogPage:
        return cast("LogPage", self.slots["log"].page())

    @property
    def trash(self) -> TrashPage:
        return cast("TrashPage", self.slots["trash"].page())

    @property
    def today(self) -> PlannerPage:
        return cast("PlannerPage", self.slots["today"].page())

    def on_today(self, step: Callable[[PlannerPage], None]) -> None:
        self.show_view("today")
        step(self.today)

    def _on_board(self, step: Callable[[BoardPage], None]) -> None:
        self.show_view("board")
        step(self.board)

    def _on_units(self, step: Callable[[UnitsPage], None]) -> None:
        self.show_view("units")
        step(self.units)

    def _on_log(self, step: Callable[[LogPage], None]) -> None:
        self.show_view("log")
        step(self.log)

    def show_unit(self, unit_id: int) -> None:
        self._on_units(lambda page: page.show_unit(unit_id))

    def _after_first_paint(self) -> None:
        from app.ui.focus.commands import attach_focus
        from app.ui.rollover import rollover_on_open

        attach_focus(self)  # the running timer on the status bar
        rollover_on_open(self)
        self._start_review_prompt()

    def _start_review_prompt(self) -> None:
        """Ask for the reviews of units that ended meanwhile, and wait for the next one
        to fall due."""
        from app.ui.units.prompt import ReviewPrompter

        prompt = ReviewPrompter(self.store, self.ops.clock, lambda: self.prefs.review_time, self)
        prompt.review_requested.connect(
            lambda unit_id: self._on_units(lambda page: page.review(unit_id))
        )
        self.review_prompt = prompt
        prompt.check()

    # --- layout -------------------------------------------------------------------

    def _build_central(self) -> None:
        # The navigation rail: the app's name over the sidebar (styled in app/ui/theme.py).
        rail = QWidget()
        rail.setObjectName("SidebarRail")
        rail.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        rail.setFixedWidth(190)
        heading = QLabel("Rizhi 日知", rail)
        heading.setObjectName("SidebarHeading")
        self.sidebar = Sidebar(VIEW_TITLES, rail)
        self.sidebar.dropped.connect(partial(file_dropped_items, self))
        rail_layout = QVBoxLayout(rail)
        rail_layout.setContentsMargins(0, 0, 0, 0)
        rail_layout.setSpacing(0)
        rail_layout.addWidget(heading)
        rail_layout.addWidget(self.sidebar, 1)
        self.stack = QStackedWidget()
        for view in VIEWS:
            self.stack.addWidget(self.slots[view])
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        # Notices in the window (the notifiers' banner), over whichever page is shown.
        self.banners = BannerArea()
        pane = QVBoxLayout()
        pane.setSpacing(0)
        pane.addWidget(self.banners)
        pane.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(rail)
        layout.addLayout(pane, 1)
        self.setCentralWidget(central)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action_id in TOOLBAR:
            if action_id is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.registry.action(action_id))
        self.addToolBar(toolbar)

    # --- actions ----------------------------------------------------------------

    def _register_actions(self) -> None:
        self.registry.register_all(WINDOW_ACTIONS, self.commands())
        self.addActions(self.registry.window_actions())
        self.registry.build_menus(self.menuBar(), MENU_ORDER)

    def commands(self) -> dict[str, Callable[[], object]]:
        """What each action declared in window_actions.py runs, by id."""
        from app.ui.window_commands import command_table

        return command_table(self)

    def _update_undo_actions(self) -> None:
        stack = self.ops.undo_stack
        undo, redo = self.registry.action("edit.undo"), self.registry.action("edit.redo")
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        for action, word, can, what in (
            (undo, "Undo", stack.canUndo(), stack.undoText()),
            (redo, "Redo", stack.canRedo(), stack.redoText()),
        ):
            # The menu names the step; the toolbar button keeps its one word, so the
            # buttons after it do not shift each time the step changes.
            action.setText(f"{word} {what}" if can else word)
            action.setIconText(word)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})" if keys else action.text())

    # --- views --------------------------------------------------------------------

    def current_view(self) -> str:
        return VIEWS[max(self.stack.currentIndex(), 0)]

    def show_view(self, view: str) -> None:
        self.sidebar.setCurrentRow(VIEWS.index(view))

    def week_of(self, day: date) -> Week:
        return Week.containing(day, self.prefs.week_start)

    def new_item(self) -> None:
        """On the board a new card goes into To do; anywhere else into the backlog."""
        if not self.isActiveWindow():
            self.bring_to_front()
        if self.current_view() == "board":
            self.board.start_adding()
            return
        self.show_view("backlog")
        self.backlog.focus_quick_add()

    def focus_filter(self) -> None:
        self.show_view("backlog")
        self.backlog.focus_filter()

    def open_item(self, item_id: int) -> None:
        from app.ui.editor import open_item_editor

        open_item_editor(self.ops, item_id, self)

    def import_journal(self) -> None:
        """Choose a journal file, then preview and import it (app/ui/log/import_dialog.py);
        once imported, the Log shows the newest day the journal covers."""
        from app.ui.log.import_dialog import open_import_dialog

        dialog = open_import_dialog(self.ops, self)
        if dialog is not None:
            dialog.imported.connect(lambda report: self._on_log(lambda p: p.show_imported(report)))

    def set_theme(self, mode: str) -> None:
        self.settings.set_theme(mode)
        self.theme.set_mode(mode)

    def open_palette(self) -> None:
        from app.ui.palette import CommandPalette

        CommandPalette(self.registry, self).open()

    def open_cheatsheet(self) -> None:
        from app.ui.cheatsheet import CheatSheet

        CheatSheet(self.registry, self).open()

    def open_settings(self) -> None:
        from app.services.settings import setting_texts
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings,
            self.registry,
            self,
            theme=self.theme,
            prefs=self.prefs,
            save_store=lambda values: save_preferences(self.ops, values, self.show_error),
            hotkey=self.capture_hotkey,
            stored=setting_texts(self.store),
        )
        dialog.settings_changed.connect(self.reread_settings)
        dialog.open()

    def reread_settings(self) -> None:
        from app.services.settings import preferences

        self.prefs = preferences(self.store)
        self.theme.set_mode(self.settings.theme)
        if self.review_prompt is not None:
            self.review_prompt.refresh()
        if self.slots["units"].built:
            self.units.week_start = self.prefs.week_start
        if self.slots["log"].built:
            self.log.set_week_start(self.prefs.week_start)
            self.log.reread_settings()
        if not self.slots["board"].built:
            return  # built later, from the settings as they are then
        self.board.week_start = self.prefs.week_start
        self.board.wip_limit = self.prefs.wip_limit or None  # 0 means no limit
        self.board.refresh_header()

    def about(self) -> None:
        from app import __version__

        QMessageBox.about(
            self,
            "About Rizhi",
            f"<b>Rizhi 日知</b> {__version__}<br>A task board and daily log for researchers."
            f"<br><br>Data: {self.store.path}",
        )

    def quit(self) -> None:
        # The window may refuse to close (text in the log's editor it could not save).
        self._quitting = True
        if self.close():
            QApplication.quit()
        self._quitting = False

    def bring_to_front(self) -> None:
        # Out of the minimized state, keeping a maximized or full-screen one.
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    # --- changes ------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Every view refreshes from one Changes record (Anki's OpChanges)."""
        if changes.settings or changes.everything:
            self.reread_settings()  # set here or on the command line (`rizhi config`)
        from app.ui.pass_notice import completed_short_notice, open_papers

        papers = open_papers(self.rows, changes)  # read before the cache lets them go
        self.rows.invalidate(changes)
        if self.slots["backlog"].built:
            self.backlog.apply(changes)
        if self.slots["board"].built:
            self.board.apply(changes)
        units_changed = changes.any_units or changes.items or changes.board or changes.any_log
        if self.slots["units"].built and units_changed:
            self.units.apply(changes)
        if self.review_prompt is not None and changes.any_units:
            self.review_prompt.refresh()
        if self.slots["log"].built:
            self.log.apply(changes)
        for planner in ("today", "next7"):
            if self.slots[planner].built:
                self.slots[planner].page().apply(changes)  # type: ignore[attr-defined]
        if self.slots["trash"].built:
            self.trash.apply(changes)
        self._status_timer.start()
        notice = completed_short_notice(self.rows, papers) if papers else ""
        if notice:
            self.show_status(notice)

    def _report_external(self, changes: Changes) -> None:
        count = len(changes.items)
        if count:
            self.statusBar().showMessage(
                f"{count} item{'s' * (count != 1)} changed outside the window.", STATUS_MS
            )

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS * 2)
        QMessageBox.warning(self, "Rizhi", message)

    def refresh_status(self) -> None:
        from app.services.items import open_item_count

        self.status.setText(f"{open_item_count(self.store):,} open items")
        self.refresh_smart_counts()

    def refresh_smart_counts(self) -> None:
        """The sidebar's counts of the smart lists (one query, after the status count)."""
        from app.services.smart_lists import smart_counts

        counts = smart_counts(self.store, self.ops.clock())
        self.sidebar.set_count("today", counts.today)
        self.sidebar.set_count("next7", counts.next_days)

    # --- state --------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.window_geometry
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self, 1280, 820)
        state = self.settings.window_state
        if not state.isEmpty():
            self.restoreState(state)
        last = self.settings.last_view
        self.show_view(last if last in VIEWS else "board")

    def remember_state(self) -> None:
        """Size, place and view, for the next time the window opens."""
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_last_view(self.current_view())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.slots["log"].built and not self.log.close_page():
            event.ignore()  # the log's text could not be saved; the user kept the window
            return
        self.remember_state()
        if not self._quitting and self.keep_running():
            # Rizhi runs on in the background; the tray, `rizhi` or quick capture bring
            # the window back as it was (an import under way goes on meanwhile).
            event.ignore()
            self.hide()
            return
        from app.ui.file_commands import finish_imports

        finish_imports(self)
        self.live.stop()
        super().closeEvent(event)
        self.closed.emit()
