"""What the main window's commands run: the table binding each action id declared in
window_actions.py to a callable, and the commands on the selection (delete, complete,
open, items dropped on the sidebar, carrying cards over). The File menu's commands on
the data as a whole (backup, restore, export, import) are in file_commands.py.

Pages are reached inside lambdas, so a page is built when a command first needs it;
services that write through SQLAlchemy are imported where they are used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def _file_command(name: str, window: MainWindow) -> object:
    # The File menu's commands and their dialogs load when one is first chosen, not
    # with the window's first frame.
    from app.ui import file_commands

    return getattr(file_commands, name)(window)


def command_table(window: MainWindow) -> dict[str, Callable[[], object]]:
    """The callable each action id runs."""
    from functools import partial

    return {
        "file.new": window.new_item,
        "file.import_journal": window.import_journal,
        "file.import_json": partial(_file_command, "import_json", window),
        "file.export_json": partial(_file_command, "export_json", window),
        "file.export_markdown": partial(_file_command, "export_markdown", window),
        "file.backup_now": partial(_file_command, "backup_now", window),
        "file.restore": partial(_file_command, "restore_from_backup", window),
        "file.settings": window.open_settings,
        "file.quit": window.quit,
        "edit.undo": window.ops.undo,
        "edit.redo": window.ops.redo,
        "edit.delete": partial(delete_selected, window),
        "edit.complete": partial(toggle_complete, window),
        "edit.empty_trash": partial(empty_trash, window),
        "edit.open": partial(open_selected, window),
        "view.backlog": lambda: window.show_view("backlog"),
        "view.board": lambda: window.show_view("board"),
        "view.units": lambda: window.show_view("units"),
        "view.log": lambda: window.show_view("log"),
        "view.today": lambda: window.show_view("today"),
        "view.next7": lambda: window.show_view("next7"),
        "view.trash": lambda: window.show_view("trash"),
        "view.filter": window.focus_filter,
        "view.palette": window.open_palette,
        "view.reminders": partial(open_reminders, window),
        "view.time_report": partial(open_time_report, window),
        "view.theme_system": lambda: window.set_theme("system"),
        "view.theme_light": lambda: window.set_theme("light"),
        "view.theme_dark": lambda: window.set_theme("dark"),
        "board.prev_week": lambda: window._on_board(lambda board: board.shift_week(-1)),
        "board.this_week": lambda: window._on_board(lambda board: board.go_to_this_week()),
        "board.next_week": lambda: window._on_board(lambda board: board.shift_week(1)),
        "board.pick_week": lambda: window._on_board(lambda board: board.pick_week()),
        "board.move_left": lambda: window.board.move_selection_sideways(-1),
        "board.move_right": lambda: window.board.move_selection_sideways(1),
        "board.move_up": lambda: window.board.move_selection_vertically(-1),
        "board.move_down": lambda: window.board.move_selection_vertically(1),
        "board.rollover": partial(rollover, window),
        "board.plan_today": partial(plan_in_today, window),
        "backlog.plan_this_week": lambda: window.backlog.plan(0),
        "backlog.plan_next_week": lambda: window.backlog.plan(1),
        "backlog.tag": lambda: window.backlog.tag_selected(),  # noqa: PLW0108
        "backlog.indent": lambda: window.backlog.indent_selected(1),
        "backlog.outdent": lambda: window.backlog.indent_selected(-1),
        "units.new": lambda: window._on_units(lambda page: page.new_unit()),
        "units.edit": lambda: window._on_units(lambda page: page.edit_unit()),
        "units.review": lambda: window._on_units(lambda page: page.review_due_or_shown()),
        "units.history": lambda: window._on_units(lambda page: page.show_history()),
        "log.today": lambda: window._on_log(lambda page: page.go_today()),
        "log.prev_day": lambda: window._on_log(lambda page: page.step_logged(-1)),
        "log.next_day": lambda: window._on_log(lambda page: page.step_logged(1)),
        "log.prev_year": lambda: window._on_log(lambda page: page.step_year(-1)),
        "log.next_year": lambda: window._on_log(lambda page: page.step_year(1)),
        "log.new_entry": lambda: window._on_log(lambda page: page.new_entry()),
        "log.line_to_item": lambda: window._on_log(lambda page: page.line_to_item_here()),
        "log.move_entry": lambda: window._on_log(lambda page: page.move_entry()),
        "log.search": lambda: window._on_log(lambda page: page.focus_search()),
        "today.prev_day": lambda: window.on_today(lambda page: page.shift_day(-1)),
        "today.next_day": lambda: window.on_today(lambda page: page.shift_day(1)),
        "today.go_today": lambda: window.on_today(lambda page: page.go_today()),
        "today.add_block": lambda: window.on_today(lambda page: page.add_block_at(None)),
        "today.carry": lambda: window.on_today(lambda page: page.carry_from_yesterday()),
        "focus.start": partial(start_focus, window, pomodoro=False),
        "focus.pomodoro": partial(start_focus, window, pomodoro=True),
        "focus.stop": partial(focus_command, window, "stop"),
        "focus.next": partial(focus_command, window, "next_pomodoro"),
        "help.cheatsheet": window.open_cheatsheet,
        "help.about": window.about,
    }


def selected_ids(window: MainWindow) -> list[int]:
    view = window.current_view()
    if view == "board":
        return window.board.selected_ids()
    if view == "backlog":
        return window.backlog.selected_ids()
    return []


# --- commands -----------------------------------------------------------------


def plan_in_today(window: MainWindow) -> None:
    """The board's selected cards get blocks at the next free time of the day planner's
    day (today unless another day is shown there)."""
    ids = window.board.selected_ids() if window.current_view() == "board" else []
    if not ids:
        window.show_status("Select cards on the board to plan them in Today.")
        return
    if window.today.plan_next_free(ids):
        count = len(ids)
        window.show_status(f"Planned {count} card{'s' * (count != 1)} in Today (Ctrl+5 shows it).")


def open_reminders(window: MainWindow) -> None:
    from app.ui.reminders.recent_dialog import open_recent_reminders

    open_recent_reminders(window)


def open_time_report(window: MainWindow) -> None:
    from app.ui.report.dialog import open_time_report as open_report

    open_report(window)


def delete_selected(window: MainWindow) -> None:
    if window.current_view() == "backlog":
        window.backlog.trash_selected()
        return
    if window.current_view() == "log":
        window.log.delete_selected()
        return
    if window.current_view() == "trash":
        window.trash.purge_selected()  # asks first
        return
    ids = selected_ids(window)
    if ids:
        from app.services import bulk

        window.ops.run(
            "Delete",
            lambda now: bulk.trash_items(window.store, ids, now=now),
        )


def empty_trash(window: MainWindow) -> None:
    window.show_view("trash")
    window.trash.empty()  # asks first


def toggle_complete(window: MainWindow) -> None:
    ids = selected_ids(window)
    if not ids:
        return
    from app.services import bulk

    first = window.rows.get(ids[0])
    done = not (first is not None and first.done)
    window.ops.run(
        "Complete" if done else "Reopen",
        lambda now: bulk.complete_items(window.store, ids, done, now=now),
    )


def open_selected(window: MainWindow) -> None:
    ids = selected_ids(window)
    if ids:
        window.open_item(ids[0])


def file_dropped_items(window: MainWindow, view: str, ids: list[int]) -> None:
    """Items dropped on a sidebar entry: onto the board's To do, off the board, into the
    day planner at the next free time, or into the trash."""
    from app.domain.enums import Column
    from app.services import bulk

    week = window.board.week
    if view == "board":
        window.ops.run(
            "Plan for the week",
            lambda now: bulk.plan_items(window.store, ids, week, column=Column.TODO, now=now),
        )
    elif view == "backlog":
        window.ops.run(
            "Back to backlog",
            lambda now: bulk.unplan_items(window.store, ids, now=now),
        )
    elif view == "today":
        window.today.plan_next_free(ids)
    elif view == "trash":
        window.ops.run("Delete", lambda now: bulk.trash_items(window.store, ids, now=now))


def rollover(window: MainWindow) -> bool:
    from app.services import board

    this_week = window.week_of(date.today())
    return window.ops.run(
        "Carry over unfinished cards",
        lambda now: board.rollover(window.store, this_week, now=now),
    )


def start_focus(window: MainWindow, *, pomodoro: bool) -> None:
    from app.ui.focus.commands import start_on_selection

    start_on_selection(window, pomodoro=pomodoro)


def focus_command(window: MainWindow, name: str) -> None:
    from app.ui.focus.controller import focus_controller

    getattr(focus_controller(window.ops), name)()
