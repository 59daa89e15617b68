"""What every command shares: exit codes, the clock, opening the store, this week.

Command modules import from here, never from app.cli.main, which imports them."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.enums import Column

if TYPE_CHECKING:
    from app.domain.weeks import Week
    from app.store.db import Store

# 0 done, 1 not found, 2 bad input, 3 storage or environment failure (and faults in
# Rizhi); docs/cli.md has the table.
EXIT_OK, EXIT_NOT_FOUND, EXIT_BAD_INPUT, EXIT_FAILURE = 0, 1, 2, 3
EXIT_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command cut off by a pipe
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl+C
COLUMN_NAMES = {"todo": Column.TODO, "active": Column.ACTIVE, "done": Column.DONE}


# SQLite keeps 64-bit integers: a larger number given for an id or a count is bad input,
# not something to hand to the database.
LARGEST_NUMBER = (1 << 63) - 1


def whole_number(text: str) -> int:
    """The type of every integer argument: argparse reports what it refuses as bad input."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if abs(value) > LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(f"{text} is too large a number")
    return value


def now() -> datetime:
    """The local wall clock, timezone-aware."""
    return datetime.now().astimezone()


def open_store() -> Store:
    from app.config.paths import backups_dir, database_path
    from app.store.db import Store

    store = Store.open(database_path(), backups_dir(), role="cli")
    if store.migration and store.migration.backup:
        print(
            f"Upgraded the database to schema {store.migration.to_revision}; "
            f"the previous file is saved as {store.migration.backup}",
            file=sys.stderr,
        )
    return store


def this_week(store: Store, moment: datetime) -> Week:
    """The board week holding `moment`, starting on the day the settings say, as the
    window shows it."""
    from app.services.settings import board_week

    return board_week(store, moment)


def parse_week(store: Store, text: str | None) -> str:
    from app.domain.weeks import Week

    return str(Week.parse(text) if text else this_week(store, now()))
