"""The main window: sidebar, pages, toolbar, status bar and tray.

Every command is declared once as data (window_actions.py) and bound here to what it
runs (`MainWindow.commands`); the action registry builds the menus, palette, shortcuts
and cheat sheet from both. The pages are built on first use (window_pages.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer
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
from app.ui.ops import Operations, local_now
from app.ui.pages import PageSlot
from app.ui.pass_notice import completed_short_notice, open_papers
from app.ui.rows import RowCache
from app.ui.screen_fit import fit_to_screen
from app.ui.settings import UiSettings
from app.ui.sidebar import Sidebar
from app.ui.theme import ThemeController
from app.ui.tray import build_tray
from app.ui.window_actions import MENU_ORDER, TOOLBAR, WINDOW_ACTIONS
from app.ui.window_pages import PAGE_BUILDERS, VIEW_TITLES, VIEWS
from app.ui.window_settings import load_preferences, save_preferences

if TYPE_CHECKING:
    from app.ui.backlog.view import BacklogPage
    from app.ui.board.view import BoardPage
    from app.ui.log.page import LogPage
    from app.ui.trash_page import TrashPage
    from app.ui.units.page import UnitsPage
    from app.ui.units.prompt import ReviewPrompter

# Services that write through SQLAlchemy are imported where they are used, and pages
# with their modules when first shown: the window paints its first frame without them.

STATUS_MS = 6000  # how long a sentence stays on the status bar


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        settings: UiSettings,
        clock: Callable[[], datetime] = local_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.setWindowTitle("Rizhi 日知")
        self.ops = Operations(store, clock, self)
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
        self.tray = build_tray(self, self.registry, self.bring_to_front)
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
        from app.ui.rollover import rollover_on_open

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
        self.sidebar.dropped.connect(self.file_dropped_items)
        rail_layout = QVBoxLayout(rail)
        rail_layout.setContentsMargins(0, 0, 0, 0)
        rail_layout.setSpacing(0)
        rail_layout.addWidget(heading)
        rail_layout.addWidget(self.sidebar, 1)
        self.stack = QStackedWidget()
        for view in VIEWS:
            self.stack.addWidget(self.slots[view])
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(rail)
        layout.addWidget(self.stack, 1)
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
        """What each action declared in window_actions.py runs, by id. Pages are reached
        inside lambdas, so a page is built when a command first needs it."""
        return {
            "file.new": self.new_item,
            "file.import_journal": self.import_journal,
            "file.settings": self.open_settings,
            "file.quit": self.quit,
            "edit.undo": self.ops.undo,
            "edit.redo": self.ops.redo,
            "edit.delete": self.delete_selected,
            "edit.complete": self.toggle_complete,
            "edit.empty_trash": self.empty_trash,
            "edit.open": self.open_selected,
            "view.backlog": lambda: self.show_view("backlog"),
            "view.board": lambda: self.show_view("board"),
            "view.units": lambda: self.show_view("units"),
            "view.log": lambda: self.show_view("log"),
            "view.trash": lambda: self.show_view("trash"),
            "view.filter": self.focus_filter,
            "view.palette": self.open_palette,
            "view.theme_system": lambda: self.set_theme("system"),
            "view.theme_light": lambda: self.set_theme("light"),
            "view.theme_dark": lambda: self.set_theme("dark"),
            "board.prev_week": lambda: self._on_board(lambda board: board.shift_week(-1)),
            "board.this_week": lambda: self._on_board(lambda board: board.go_to_this_week()),
            "board.next_week": lambda: self._on_board(lambda board: board.shift_week(1)),
            "board.pick_week": lambda: self._on_board(lambda board: board.pick_week()),
            "board.move_left": lambda: self.board.move_selection_sideways(-1),
            "board.move_right": lambda: self.board.move_selection_sideways(1),
            "board.move_up": lambda: self.board.move_selection_vertically(-1),
            "board.move_down": lambda: self.board.move_selection_vertically(1),
            "board.rollover": self.rollover,
            "backlog.plan_this_week": lambda: self.backlog.plan(0),
            "backlog.plan_next_week": lambda: self.backlog.plan(1),
            "backlog.tag": lambda: self.backlog.tag_selected(),  # noqa: PLW0108
            "backlog.indent": lambda: self.backlog.indent_selected(1),
            "backlog.outdent": lambda: self.backlog.indent_selected(-1),
            "units.new": lambda: self._on_units(lambda page: page.new_unit()),
            "units.edit": lambda: self._on_units(lambda page: page.edit_unit()),
            "units.review": lambda: self._on_units(lambda page: page.review_due_or_shown()),
            "units.history": lambda: self._on_units(lambda page: page.show_history()),
            "log.today": lambda: self._on_log(lambda page: page.go_today()),
            "log.prev_day": lambda: self._on_log(lambda page: page.step_logged(-1)),
            "log.next_day": lambda: self._on_log(lambda page: page.step_logged(1)),
            "log.prev_year": lambda: self._on_log(lambda page: page.step_year(-1)),
            "log.next_year": lambda: self._on_log(lambda page: page.step_year(1)),
            "log.new_entry": lambda: self._on_log(lambda page: page.new_entry()),
            "log.line_to_item": lambda: self._on_log(lambda page: page.line_to_item_here()),
            "log.move_entry": lambda: self._on_log(lambda page: page.move_entry()),
            "log.search": lambda: self._on_log(lambda page: page.focus_search()),
            "help.cheatsheet": self.open_cheatsheet,
            "help.about": self.about,
        }

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

    def selected_ids(self) -> list[int]:
        view = self.current_view()
        if view == "board":
            return self.board.selected_ids()
        if view == "backlog":
            return self.backlog.selected_ids()
        return []

    # --- commands -----------------------------------------------------------------

    def delete_selected(self) -> None:
        if self.current_view() == "backlog":
            self.backlog.trash_selected()
            return
        if self.current_view() == "log":
            self.log.delete_selected()
            return
        if self.current_view() == "trash":
            self.trash.purge_selected()  # asks first
            return
        ids = self.selected_ids()
        if ids:
            from app.services import bulk

            self.ops.run(
                "Delete",
                lambda now: bulk.trash_items(self.store, ids, now=now),
            )

    def empty_trash(self) -> None:
        self.show_view("trash")
        self.trash.empty()  # asks first

    def toggle_complete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        from app.services import bulk

        first = self.rows.get(ids[0])
        done = not (first is not None and first.done)
        self.ops.run(
            "Complete" if done else "Reopen",
            lambda now: bulk.complete_items(self.store, ids, done, now=now),
        )

    def open_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_item(ids[0])

    def open_item(self, item_id: int) -> None:
        from app.ui.editor import open_item_editor

        open_item_editor(self.ops, item_id, self)

    def file_dropped_items(self, view: str, ids: list[int]) -> None:
        """Items dropped on a sidebar entry: onto the board's To do, off the board, or into
        the trash."""
        from app.domain.enums import Column
        from app.services import bulk

        week = self.board.week
        if view == "board":
            self.ops.run(
                "Plan for the week",
                lambda now: bulk.plan_items(self.store, ids, week, column=Column.TODO, now=now),
            )
        elif view == "backlog":
            self.ops.run(
                "Back to backlog",
                lambda now: bulk.unplan_items(self.store, ids, now=now),
            )
        elif view == "trash":
            self.ops.run("Delete", lambda now: bulk.trash_items(self.store, ids, now=now))

    def rollover(self) -> bool:
        from app.services import board

        this_week = self.week_of(date.today())
        return self.ops.run(
            "Carry over unfinished cards",
            lambda now: board.rollover(self.store, this_week, now=now),
        )

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
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings,
            self.registry,
            self,
            theme=self.theme,
            prefs=self.prefs,
            save_store=lambda values: save_preferences(self.ops, values, self.show_error),
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
        if self.close():
            QApplication.quit()

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # --- changes ------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Every view refreshes from one Changes record (Anki's OpChanges)."""
        if changes.settings or changes.everything:
            self.reread_settings()  # set here or on the command line (`rizhi config`)
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.slots["log"].built and not self.log.close_page():
            event.ignore()  # the log's text could not be saved; the user kept the window
            return
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_last_view(self.current_view())
        self.live.stop()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
