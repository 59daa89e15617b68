"""The main window's commands, declared as data.

Every command the window offers is one `ActionSpec` here: its title, default keys, menu,
group (a line between groups in a menu), scope and description. The window binds each id
to what it runs (`MainWindow.commands`) and registers both with its `ActionRegistry`,
which builds the menus, the palette, the cheat sheet and the shortcut editor from them.
The order below is the order of the commands in their menus.
"""

from __future__ import annotations

from typing import Final

from app.ui.actions import ActionSpec

# The menu bar's menus, left to right.
MENU_ORDER: Final = [
    "File",
    "Edit",
    "View",
    "Board",
    "Backlog",
    "Units",
    "Log",
    "Today",
    "Focus",
    "Help",
]

# The toolbar, left to right; None is a separator.
TOOLBAR: Final[tuple[str | None, ...]] = (
    "file.new",
    None,
    "edit.undo",
    "edit.redo",
    None,
    "board.prev_week",
    "board.this_week",
    "board.next_week",
    None,
    "view.palette",
)

WINDOW_ACTIONS: Final[tuple[ActionSpec, ...]] = (
    # --- File ---
    ActionSpec(
        "file.new",
        "New item",
        "Ctrl+N",
        "File",
        description="Type a new item into the backlog's quick add",
    ),
    ActionSpec(
        "file.import_journal",
        "Import journal…",
        "Ctrl+Shift+I",
        "File",
        group="b",
        description="Preview and import a Markdown journal into the daily log",
    ),
    ActionSpec(
        "file.import_json",
        "Import JSON…",
        "",
        "File",
        group="b",
        description="Add what a Rizhi JSON export holds (a backup is taken first)",
    ),
    ActionSpec(
        "file.export_json",
        "Export JSON…",
        "",
        "File",
        group="c",
        description="Everything in one JSON file, as `rizhi export json` writes it",
    ),
    ActionSpec(
        "file.export_markdown",
        "Export Markdown…",
        "",
        "File",
        group="c",
        description="The daily log as one Markdown document",
    ),
    ActionSpec(
        "file.backup_now",
        "Back up now",
        "",
        "File",
        group="d",
        description="A checked copy of your data in the backups folder, kept until you delete it",
    ),
    ActionSpec(
        "file.restore",
        "Restore from backup…",
        "",
        "File",
        group="d",
        description="Put a backup in place of your data (the data now is backed up first)",
    ),
    ActionSpec("file.settings", "Settings…", "Ctrl+,", "File", group="z"),
    ActionSpec("file.quit", "Quit", "Ctrl+Q", "File", group="zz"),
    # --- Edit ---
    ActionSpec("edit.undo", "Undo", "Ctrl+Z", "Edit"),
    ActionSpec("edit.redo", "Redo", "Ctrl+Shift+Z", "Edit", alternates=("Ctrl+Y",)),
    ActionSpec(
        "edit.delete",
        "Delete",
        "Del",
        "Edit",
        group="b",
        description="Move the selected items to the trash",
    ),
    ActionSpec("edit.complete", "Complete / reopen", "Ctrl+Return", "Edit", group="b"),
    ActionSpec("edit.empty_trash", "Empty trash…", "", "Edit", group="c"),
    ActionSpec("edit.open", "Open item…", "Ctrl+O", "Edit", group="b"),
    # --- View ---
    ActionSpec("view.backlog", "Backlog", "Ctrl+1", "View"),
    ActionSpec("view.board", "This week's board", "Ctrl+2", "View"),
    ActionSpec("view.units", "Units", "Ctrl+3", "View"),
    ActionSpec("view.log", "Log", "Ctrl+4", "View"),
    ActionSpec(
        "view.today",
        "Today",
        "Ctrl+5",
        "View",
        description="The day planner: give this week's cards a time on the day",
    ),
    ActionSpec("view.next7", "Next 7 days", "", "View", description="Overdue and due this week"),
    ActionSpec(
        "view.trash",
        "Trash",
        "Ctrl+6",
        "View",
        description="Deleted items: restore them or delete them for ever",
    ),
    ActionSpec("view.filter", "Filter the backlog", "Ctrl+F", "View", group="b"),
    ActionSpec(
        "view.palette",
        "Command palette…",
        "Ctrl+K",
        "View",
        group="c",
        alternates=("Ctrl+Shift+P",),
    ),
    ActionSpec(
        "view.reminders",
        "Reminders…",
        "Ctrl+Shift+M",
        "View",
        group="c",
        description="What fired, what is snoozed and what comes next: open, complete, snooze",
    ),
    ActionSpec(
        "view.time_report",
        "Time report…",
        "Ctrl+Shift+H",
        "View",
        group="c",
        description="Hours planned and spent per day, category, tag and item; export as CSV",
    ),
    ActionSpec("view.theme_system", "Follow the system", "", "View/Theme"),
    ActionSpec("view.theme_light", "Light", "", "View/Theme"),
    ActionSpec("view.theme_dark", "Dark", "", "View/Theme"),
    # --- Board ---
    ActionSpec("board.prev_week", "Previous week", "Ctrl+[", "Board"),
    ActionSpec("board.this_week", "This week", "Ctrl+T", "Board"),
    ActionSpec("board.next_week", "Next week", "Ctrl+]", "Board"),
    ActionSpec("board.pick_week", "Go to week…", "Ctrl+G", "Board"),
    # These act on the board's selection, so their keys work only while the board has focus.
    ActionSpec("board.move_left", "Move card left", "Ctrl+Left", "Board", group="b", scope="board"),
    ActionSpec(
        "board.move_right", "Move card right", "Ctrl+Right", "Board", group="b", scope="board"
    ),
    ActionSpec("board.move_up", "Move card up", "Ctrl+Up", "Board", group="b", scope="board"),
    ActionSpec("board.move_down", "Move card down", "Ctrl+Down", "Board", group="b", scope="board"),
    ActionSpec("board.rollover", "Carry unfinished cards to this week", "", "Board", group="c"),
    ActionSpec(
        "board.plan_today",
        "Plan in Today",
        "Ctrl+Shift+D",
        "Board",
        group="c",
        scope="board",
        description="Give the selected cards a block at the next free time today",
    ),
    # --- Backlog ---
    ActionSpec(
        "backlog.plan_this_week", "Plan for this week", "Ctrl+Shift+W", "Backlog", scope="backlog"
    ),
    ActionSpec(
        "backlog.plan_next_week", "Plan for next week", "Ctrl+Shift+N", "Backlog", scope="backlog"
    ),
    ActionSpec("backlog.tag", "Add tag…", "Ctrl+Shift+T", "Backlog", scope="backlog"),
    # The backlog's list adds these to itself: Tab and Shift+Tab nest while it has the
    # focus (a shortcut comes before Qt's focus chain) and move focus everywhere else.
    ActionSpec("backlog.indent", "Indent", "Tab", "Backlog", group="b", scope="backlog-tree"),
    ActionSpec(
        "backlog.outdent", "Outdent", "Shift+Tab", "Backlog", group="b", scope="backlog-tree"
    ),
    # --- Units ---
    ActionSpec("units.new", "New unit…", "Ctrl+Shift+U", "Units"),
    ActionSpec("units.edit", "Edit unit…", "Ctrl+Shift+E", "Units"),
    ActionSpec(
        "units.review",
        "Review unit…",
        "Ctrl+Shift+R",
        "Units",
        description="Review the unit that ended, or the unit shown",
    ),
    ActionSpec("units.history", "Past reviews…", "", "Units", group="b"),
    # --- Log ---
    ActionSpec("log.today", "Today's log", "Ctrl+D", "Log"),
    ActionSpec("log.prev_day", "Previous day with entries", "Ctrl+PgUp", "Log", scope="log"),
    ActionSpec("log.next_day", "Next day with entries", "Ctrl+PgDown", "Log", scope="log"),
    ActionSpec(
        "log.prev_year",
        "Previous year of activity",
        "Ctrl+Shift+PgUp",
        "Log",
        scope="log",
        description="Page the heatmap back a year",
    ),
    ActionSpec(
        "log.next_year",
        "Next year of activity",
        "Ctrl+Shift+PgDown",
        "Log",
        scope="log",
        description="Page the heatmap forward a year",
    ),
    ActionSpec(
        "log.new_entry",
        "New log entry",
        "Ctrl+E",
        "Log",
        group="b",
        description="Write a new entry for the day shown; Ctrl+Enter adds it",
    ),
    ActionSpec(
        "log.line_to_item",
        "Turn line into backlog item",
        "Ctrl+Shift+B",
        "Log",
        group="b",
        scope="log",
        description="Make a backlog item of the log line under the cursor",
    ),
    ActionSpec("log.move_entry", "Move entry to another day…", "", "Log", group="b", scope="log"),
    ActionSpec("log.search", "Search the log", "Ctrl+Shift+F", "Log", group="c"),
    # --- Today (the day planner) ---
    ActionSpec("today.prev_day", "Previous day", "Alt+Left", "Today", scope="today"),
    ActionSpec("today.next_day", "Next day", "Alt+Right", "Today", scope="today"),
    ActionSpec("today.go_today", "Back to today", "Alt+Home", "Today", scope="today"),
    ActionSpec("today.add_block", "Add block…", "", "Today", group="b"),
    ActionSpec(
        "today.carry",
        "Move yesterday's unfinished blocks to today",
        "",
        "Today",
        group="b",
    ),
    # --- Focus (app/ui/focus/) ---
    # Start acts on the card or block selected, so its keys work where there is one: the
    # pages that add the "focus-target" scope (the board, the planner).
    ActionSpec(
        "focus.start",
        "Start focus",
        "F",
        "Focus",
        scope="focus-target",
        description="Count up the time spent on the selected card or block",
    ),
    ActionSpec(
        "focus.pomodoro",
        "Start pomodoro",
        "Shift+F",
        "Focus",
        scope="focus-target",
        description="A pomodoro on the selected card or block, then a break",
    ),
    ActionSpec("focus.stop", "Stop focus", "Ctrl+Shift+S", "Focus", group="b"),
    ActionSpec("focus.next", "Start next pomodoro", "", "Focus", group="b"),
    # --- Help ---
    ActionSpec("help.cheatsheet", "Keyboard shortcuts", "F1", "Help", alternates=("?",)),
    ActionSpec("help.about", "About Rizhi", "", "Help", group="b"),
)
