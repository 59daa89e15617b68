"""What `rizhi check` looks for in an open database, and the repairs that are safe.

Each check returns `Finding`s. A finding with a `repair` (SQL run on the connection
inside the caller's write transaction) can be put right without losing anything the
user wrote: rebuilding an index from its table, deleting a row whose owner is gone (what
deleting the owner would have done), emptying a reference to a row that is gone,
breaking a loop in the item tree. What needs a person gets `advice` instead.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import NamedTuple

from app.domain.enums import Column, EntrySource, Horizon, ItemKind

Repair = Callable[[sqlite3.Connection], None]
SHOWN = 5  # rows named in a finding; the count says how many in all


class Finding(NamedTuple):
    check: str  # integrity, foreign keys, full-text index, item tree, values
    problem: str
    repair: Repair | None = None  # what puts it right; None: it needs the user
    advice: str = ""  # what the user can do, when there is no repair


def integrity(conn: sqlite3.Connection) -> list[Finding]:
    """SQLite's full `integrity_check`. Damage confined to indexes is repaired by
    rebuilding them (`REINDEX`, from the tables); anything else is not safe to touch."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(100)")]
    except sqlite3.DatabaseError as exc:  # too damaged for the check to go through
        return [Finding("integrity", f"the file is damaged ({exc})")]
    if rows == ["ok"]:
        return []
    shown = "; ".join(rows[:SHOWN]) + ("; …" if len(rows) > SHOWN else "")
    if all(_about_an_index(row) for row in rows):
        return [Finding("integrity", f"indexes disagree with their tables ({shown})", _reindex)]
    return [Finding("integrity", f"the file is damaged ({shown})")]


def _about_an_index(message: str) -> bool:
    return bool(re.match(r"(row \d+ missing from index|wrong # of entries in index) ", message))


def _reindex(conn: sqlite3.Connection) -> None:
    conn.execute("REINDEX")


def foreign_keys(conn: sqlite3.Connection) -> list[Finding]:
    """Rows that refer to a row that is gone, grouped by reference."""
    broken: dict[tuple[str, int], list[int]] = {}
    for table, rowid, _parent, fkid in conn.execute("PRAGMA foreign_key_check"):
        broken.setdefault((str(table), int(fkid)), []).append(int(rowid))
    return [_orphans(conn, table, fkid, rowids) for (table, fkid), rowids in broken.items()]


def _orphans(conn: sqlite3.Connection, table: str, fkid: int, rowids: list[int]) -> Finding:
    reference = next(r for r in conn.execute(f"PRAGMA foreign_key_list({table})") if r[0] == fkid)
    parent, column, action = str(reference[2]), str(reference[3]), str(reference[6]).upper()
    problem = (
        f"{_rows(len(rowids))} of {table} refer to {parent} that are gone "
        f"({column}, rows {_first(rowids)})"
    )
    marks = ",".join("?" * len(rowids))
    # A day row only holds the day's title: the entries, which hold what was written,
    # get their day back rather than follow it.
    if (table, parent) == ("log_entries", "log_days"):

        def add_days(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT OR IGNORE INTO log_days (day, title) SELECT day, '' FROM log_entries"
                f" WHERE rowid IN ({marks})",
                rowids,
            )

        return Finding("foreign keys", problem + "; the days are added back", add_days)
    if action == "CASCADE":

        def delete(conn: sqlite3.Connection) -> None:
            conn.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", rowids)

        return Finding("foreign keys", problem + "; they belong to what is gone", delete)
    if action == "SET NULL":

        def clear(conn: sqlite3.Connection) -> None:
            conn.execute(f"UPDATE {table} SET {column} = NULL WHERE rowid IN ({marks})", rowids)

        return Finding("foreign keys", problem + "; the reference is emptied", clear)
    return Finding(
        "foreign keys",
        problem,
        advice=f"Restore a backup from before they went missing ({RESTORE_HINT}).",
    )


RESTORE_HINT = "`rizhi backups` lists them, `rizhi restore FILE` puts one back"


def full_text(conn: sqlite3.Connection) -> list[Finding]:
    """Each full-text index against the table it indexes; rebuilt from it when they
    disagree (the index holds nothing the table does not)."""
    found = []
    for name in fts_tables(conn):
        try:
            conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:

            def rebuild(conn: sqlite3.Connection, name: str = name) -> None:
                conn.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")

            problem = f"the search index {name} disagrees with its table ({exc})"
            found.append(Finding("full-text index", problem, rebuild))
    return found


def fts_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name"
        )
    ]


def item_tree(conn: sqlite3.Connection) -> list[Finding]:
    """Items nested under themselves, through a chain of parents: they would vanish from
    the backlog's tree. The loop is broken by moving one item of it to the top level."""
    parents = {int(i): p for i, p in conn.execute("SELECT id, parent_id FROM items")}
    loops = _loops(parents)
    if not loops:
        return []
    heads = sorted(min(loop) for loop in loops)
    marks = ",".join("?" * len(heads))

    def break_loops(conn: sqlite3.Connection) -> None:
        conn.execute(f"UPDATE items SET parent_id = NULL WHERE id IN ({marks})", heads)

    problem = (
        f"{len(loops)} loop{'s' * (len(loops) != 1)} of items nested under themselves "
        f"(items {_first(sorted(i for loop in loops for i in loop))}); item "
        f"{_first(heads)} move{'s' * (len(heads) == 1)} to the top level"
    )
    return [Finding("item tree", problem, break_loops)]


def _loops(parents: dict[int, int | None]) -> list[set[int]]:
    done: set[int] = set()
    loops = []
    for start in parents:
        path: list[int] = []
        on_path: set[int] = set()
        node: int | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parents.get(node)
        if node is not None and node in on_path:
            loops.append(set(path[path.index(node) :]))
        done.update(path)
    return loops


# --- values the services would refuse -----------------------------------------------


def _date(text: str) -> bool:
    return _parses(r"\d{4}-\d{2}-\d{2}", date.fromisoformat, text)


def _time(text: str) -> bool:
    return _parses(r"\d{2}:\d{2}", time.fromisoformat, text)


def _parses(form: str, parse: Callable[[str], object], text: str) -> bool:
    if re.fullmatch(form, text) is None:
        return False
    try:
        parse(text)
    except ValueError:
        return False
    return True


def _timestamp(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _wall(text: str) -> bool:
    """A reminder's wall-clock time, YYYY-MM-DDTHH:MM."""
    return _parses(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", datetime.fromisoformat, text)


def _week(text: str) -> bool:
    from app.domain.errors import InvalidInput
    from app.domain.weeks import Week

    try:
        Week.parse(text)
    except (InvalidInput, ValueError):
        return False
    return True


def _one_of(values: Iterable[str]) -> Callable[[str], bool]:
    allowed = frozenset(values)
    return lambda text: text in allowed


class Rule(NamedTuple):
    table: str
    column: str
    valid: Callable[[str], bool]
    expected: str  # what a valid value looks like, in words


RULES = (
    Rule("items", "kind", _one_of(ItemKind), "a kind: " + ", ".join(ItemKind)),
    Rule("items", "due_date", _date, "a date, YYYY-MM-DD"),
    Rule("items", "due_time", _time, "a time, HH:MM"),
    Rule("items", "horizon", _one_of(Horizon), "a horizon: " + ", ".join(Horizon)),
    Rule("items", "created_at", _timestamp, "a timestamp with its zone"),
    Rule("items", "updated_at", _timestamp, "a timestamp with its zone"),
    Rule("items", "completed_at", _timestamp, "a timestamp with its zone"),
    Rule("items", "deleted_at", _timestamp, "a timestamp with its zone"),
    Rule("board_cards", "week", _week, "a week, YYYY-Www"),
    Rule("board_cards", "col", _one_of(Column), "a column: " + ", ".join(Column)),
    Rule("planned_weeks", "week", _week, "a week, YYYY-Www"),
    Rule("log_days", "day", _date, "a date, YYYY-MM-DD"),
    Rule("log_entries", "day", _date, "a date, YYYY-MM-DD"),
    Rule("log_entries", "end_day", _date, "a date, YYYY-MM-DD"),
    Rule("log_entries", "source", _one_of(EntrySource), "one of " + ", ".join(EntrySource)),
    Rule("log_entries", "created_at", _timestamp, "a timestamp with its zone"),
    Rule("study_units", "start_date", _date, "a date, YYYY-MM-DD"),
    Rule("study_units", "closed_at", _timestamp, "a timestamp with its zone"),
    Rule("reminders", "at_time", _wall, "a wall-clock time, YYYY-MM-DDTHH:MM"),
    Rule("reminders", "clock", _time, "a time, HH:MM"),
    Rule("reminders", "next_fire", _wall, "a wall-clock time, YYYY-MM-DDTHH:MM"),
    Rule("reminders", "snooze_until", _wall, "a wall-clock time, YYYY-MM-DDTHH:MM"),
    Rule("reminders", "lease_until", _timestamp, "a timestamp with its zone"),
    Rule("reminders", "created_at", _timestamp, "a timestamp with its zone"),
    Rule("repeat_history", "due_date", _date, "a date, YYYY-MM-DD"),
    Rule("repeat_history", "due_time", _time, "a time, HH:MM"),
)


def stored_values(conn: sqlite3.Connection) -> list[Finding]:
    """Values in a form the services would refuse (a date that does not parse, a kind
    that does not exist): the schema lets text in, older imports did not check it."""
    found = []
    for rule in RULES:
        bad = [
            (int(rowid), value)
            for rowid, value in conn.execute(
                f"SELECT rowid, {rule.column} FROM {rule.table} WHERE {rule.column} IS NOT NULL"
            )
            if not isinstance(value, str) or not rule.valid(value)
        ]
        if bad:
            found.append(_bad_values(rule, bad))
    return found


def _bad_values(rule: Rule, bad: list[tuple[int, object]]) -> Finding:
    examples = ", ".join(f"row {rowid}: {value!r}" for rowid, value in bad[:SHOWN])
    problem = (
        f"{_rows(len(bad))} of {rule.table} hold a {rule.column} that is not "
        f"{rule.expected} ({examples}{', …' if len(bad) > SHOWN else ''})"
    )
    if rule.table == "reminders":
        advice = (
            "Set the item's reminders again: `rizhi remind --clear ID`, then `rizhi remind ID`"
            " (`rizhi reminders --all --json` lists them by item)."
        )
    elif rule.table == "items" and rule.column in ("due_date", "due_time"):
        first = bad[0][0]
        advice = (
            f"Set it with `rizhi edit {first} --due DATE`, or clear it with "
            f"`rizhi edit {first} --no-due`."
        )
    else:
        advice = f"Restore a backup from before these values came in ({RESTORE_HINT})."
    return Finding("values", problem, advice=advice)


def _rows(count: int) -> str:
    return f"{count:,} row{'s' * (count != 1)}"


def _first(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:SHOWN])
    return shown + (", …" if len(numbers) > SHOWN else "")


CHECKS: tuple[Callable[[sqlite3.Connection], list[Finding]], ...] = (
    foreign_keys,
    full_text,
    item_tree,
    stored_values,
)
