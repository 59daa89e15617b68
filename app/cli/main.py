"""`rizhi` on the command line. Never imports Qt; each command imports what it needs,
so `rizhi add` costs little more than starting Python.

The commands are declared as data (`COMMANDS`): where the handler and the argument
set-up of each live. Only the invoked command's module is imported and only its
arguments are built: argparse looks up translations for every help string, and
building all of them would cost more than the whole capture.

Exit codes (docs/cli.md): 0 ok, 1 not found, 2 bad input (bad arguments, dates, files
given to import, any other refusal), 3 storage or environment failure (read-only file,
unwritable data folder, locked past the busy timeout, disk full, damaged database) and
faults in Rizhi itself (the traceback goes to the log file). No command prints a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple, cast

from app import __version__
from app.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_PIPE
from app.domain.errors import DomainError, InvalidInput

Handler = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]


class Command(NamedTuple):
    help: str
    handler: str  # "module:function"
    configure: str  # "module:function", building its arguments
    json: bool = False  # whether it takes --json

    def load_handler(self) -> Handler:
        return cast(Handler, _load(self.handler))

    def load_configure(self) -> Configure:
        return cast(Configure, _load(self.configure))


def _load(target: str) -> object:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


ITEMS = "app.cli.item_commands"
STORE = "app.cli.store_commands"
BACKUPS = "app.cli.backup_commands"
REMINDERS = "app.cli.reminder_commands"
COMMANDS: dict[str, Command] = {
    "add": Command(
        'capture an item: rizhi add "read MAE paper #paper !high ~2h fri"',
        f"{ITEMS}:cmd_add",
        f"{ITEMS}:configure_add",
        json=True,
    ),
    "capture": Command(
        "quick capture: with text, as add; without, the running window's capture popup",
        "app.cli.capture_commands:cmd_capture",
        "app.cli.capture_commands:configure_capture",
        json=True,
    ),
    "list": Command(
        "list items (undone backlog items by default)",
        f"{ITEMS}:cmd_list",
        f"{ITEMS}:configure_list",
        json=True,
    ),
    "search": Command(
        "full-text search over titles and notes, best first",
        f"{ITEMS}:cmd_search",
        f"{ITEMS}:configure_search",
        json=True,
    ),
    "show": Command("show one item", f"{ITEMS}:cmd_show", f"{ITEMS}:configure_id", json=True),
    "edit": Command("change an item", f"{ITEMS}:cmd_edit", f"{ITEMS}:configure_edit", json=True),
    "move": Command(
        "move an item on the weekly board",
        f"{ITEMS}:cmd_move",
        f"{ITEMS}:configure_move",
        json=True,
    ),
    "done": Command(
        "mark an item completed", f"{ITEMS}:cmd_done", f"{ITEMS}:configure_done", json=True
    ),
    "rm": Command(
        "move an item (and its nested items) to the trash",
        f"{ITEMS}:cmd_rm",
        f"{ITEMS}:configure_id",
    ),
    "trash": Command(
        "list the trash, restore from it, or delete for ever",
        f"{ITEMS}:cmd_trash",
        f"{ITEMS}:configure_trash",
    ),
    "export": Command("export everything", f"{STORE}:cmd_export", f"{STORE}:configure_export"),
    "import": Command(
        "import an export (merges into existing data)",
        f"{STORE}:cmd_import",
        f"{STORE}:configure_import",
        json=True,
    ),
    "backup": Command(
        "copy the database (default: into the backups folder); a damaged one is refused",
        f"{BACKUPS}:cmd_backup",
        f"{BACKUPS}:configure_backup",
    ),
    "backups": Command(
        "list the backups, newest first, with what each holds and whether it is good",
        f"{BACKUPS}:cmd_backups",
        f"{BACKUPS}:configure_backups",
        json=True,
    ),
    "restore": Command(
        "replace the data with a backup, or start empty (current data is saved first)",
        f"{BACKUPS}:cmd_restore",
        f"{BACKUPS}:configure_restore",
    ),
    "check": Command(
        "check the database, repair what is safe to repair (after a backup)",
        f"{BACKUPS}:cmd_check",
        f"{BACKUPS}:configure_check",
        json=True,
    ),
    "unit": Command(
        "10-day study units: goals, counted progress, review (see docs/units.md)",
        "app.cli.unit_commands:run",
        "app.cli.unit_parser:configure",
    ),
    "log": Command(
        "the daily log: add, show, search, streak (see docs/journal.md)",
        "app.cli.journal_commands:cmd_log",
        "app.cli.journal_commands:configure_log",
    ),
    "config": Command(
        "settings shared by the window and the command line: list, get, set",
        "app.cli.settings_commands:cmd_config",
        "app.cli.settings_commands:configure",
    ),
    "remind": Command(
        "remind of an item: rizhi remind ID fri 9am, --before 30m, --clear",
        f"{REMINDERS}:cmd_remind",
        f"{REMINDERS}:configure_remind",
        json=True,
    ),
    "reminders": Command(
        "the reminders waiting, in the order they fire (local time and UTC)",
        f"{REMINDERS}:cmd_reminders",
        f"{REMINDERS}:configure_reminders",
        json=True,
    ),
    "snooze": Command(
        "fire a reminder again later: rizhi snooze REMINDER_ID 10m (1h, tomorrow)",
        f"{REMINDERS}:cmd_snooze",
        f"{REMINDERS}:configure_snooze",
    ),
    "repeat": Command(
        "make an item repeat: rizhi repeat ID every monday (or --rrule RULE, --stop)",
        f"{REMINDERS}:cmd_repeat",
        f"{REMINDERS}:configure_repeat",
    ),
    "skip": Command(
        "skip a repeating item's current occurrence: rizhi skip ID",
        f"{REMINDERS}:cmd_skip",
        f"{REMINDERS}:configure_skip",
    ),
    "plan": Command(
        "the day planner: rizhi plan [DATE], plan add ID --at 14:00 [--for 1h30m], plan rm B",
        "app.cli.plan_commands:cmd_plan",
        "app.cli.plan_commands:configure",
        json=True,
    ),
    "focus": Command(
        "the focus timer: rizhi focus start ID [--pomodoro], stop, next, status",
        "app.cli.focus_commands:cmd_focus",
        "app.cli.focus_commands:configure_focus",
    ),
    "time": Command(
        "time spent: rizhi time add ID 1h20m [--date D], time list, time rm ENTRY",
        "app.cli.focus_commands:cmd_time",
        "app.cli.focus_commands:configure_time",
    ),
    "report": Command(
        "reports: rizhi report time [--day D | --week W | --unit N] [--json | --csv]",
        "app.cli.report_commands:cmd_report",
        "app.cli.report_commands:configure",
    ),
    "changes": Command(
        "what changed since a revision of the store (what a sync reads)",
        "app.cli.revision_commands:cmd_changes",
        "app.cli.revision_commands:configure",
        json=True,
    ),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or just the top level and the command `only`."""
    parser = argparse.ArgumentParser(
        prog="rizhi",
        description="Rizhi: backlog, weekly board and daily log for researchers. "
        "Run without arguments to open the window (or bring the running one forward); "
        "`rizhi --background` starts it with no window.",
    )
    parser.add_argument("--version", action="version", version=f"rizhi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(name, help=command.help, description=command.help)
        if command.json:
            p.add_argument("--json", action="store_true", help="print JSON")
        command.load_configure()(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code (see EXIT_CODES). Bad arguments exit through
    argparse (SystemExit 2, with the usage); nothing else raises."""
    argv = sys.argv[1:] if argv is None else list(argv)
    invoked = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(invoked)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    # `--week` with no value means this week; argparse gives "" for that.
    if hasattr(args, "week_value"):
        args.week = args.week_value is not None
    try:
        check_text(args)
        code = int(COMMANDS[args.command].load_handler()(args))
        sys.stdout.flush()  # a reader gone away shows here, not as an error at exit
        return code
    except DomainError as exc:
        return _report(exc, args)
    except BrokenPipeError:
        # The reader stopped early (`rizhi list | head`): not a failure worth a traceback.
        # Output still buffered would fail again at exit, so it goes to /dev/null.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("rizhi: interrupted; a change in progress was not saved.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # storage, the system, or a fault: told, never a traceback
        from app.cli.failures import explain

        return _report(explain(exc), args)


# Arguments naming files: a file name may hold bytes that are not UTF-8, as Linux allows.
PATH_ARGUMENTS = frozenset({"file", "output"})


def check_text(args: argparse.Namespace) -> None:
    """Refuse text arguments that are not UTF-8 (Python keeps the bytes that do not decode
    as lone surrogates, which can be neither stored nor printed)."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
                    raise InvalidInput(
                        f"'{shown}' is not UTF-8 text; set the terminal to UTF-8 and try again."
                    ) from None


def _report(exc: DomainError, args: argparse.Namespace) -> int:
    if getattr(args, "json", False):
        import json

        json.dump({"error": str(exc), "exit_code": exc.exit_code}, sys.stderr, ensure_ascii=False)
        sys.stderr.write("\n")
    else:
        print(f"rizhi: {exc}", file=sys.stderr)
    return exc.exit_code


def entry() -> None:
    sys.exit(main())
