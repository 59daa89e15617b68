"""Export and import of the whole store as JSON.

Importing into an empty store reproduces it exactly (ids included), so export →
import → export gives the same document. Importing into a store that already has data
merges: items and log entries already present (same uid) are kept as they are, new
ones are added with fresh ids, units whose number exists are skipped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.ids import new_uid
from app.domain.units import UnitSpan, name_key
from app.domain.words import plural
from app.services.files import write_whole
from app.services.transfer_checks import check_document, where
from app.services.transfer_fields import shown
from app.services.units import check_free
from app.services.use_case import use_case
from app.store import reading_passes
from app.store.db import Store
from app.store.formats import utc_text
from app.store.schema import SCHEMA_HEAD
from app.store.tables import column_names

FORMAT = "rizhi-export"
VERSION = 1
# Parents before children, so foreign keys hold while rows are inserted in this order.
TABLES = (
    "tags",
    "items",
    "item_tags",
    "item_links",
    "reading_notes",
    "reading_passes",
    "board_cards",
    "planned_weeks",
    "reminders",
    "repeat_history",
    "time_blocks",
    "time_entries",
    "goal_categories",
    "study_units",
    "unit_goals",
    "goal_items",
    "unit_review_items",
    "log_days",
    "log_entries",
    "journal_notes",
    "settings",
)
ORDER_BY = {
    "item_tags": "item_id, tag_id",
    "board_cards": "item_id",
    "reading_notes": "item_id, pass",
    "reading_passes": "item_id, pass",
    "goal_items": "goal_id, item_id",
    "unit_review_items": "unit_id, item_id",
    "log_days": "day",
    "settings": "key",
}


class ImportReport(NamedTuple):
    added: Mapping[str, int]
    skipped: Mapping[str, int]
    exact: bool

    def to_dict(self) -> dict[str, object]:
        return {"added": dict(self.added), "skipped": dict(self.skipped), "exact": self.exact}


# Bookkeeping of this store, not data: the revision of a row's last change.
LOCAL_COLUMNS = frozenset({"rev"})


def export_data(store: Store, *, now: datetime) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_HEAD,
        "exported_at": utc_text(now),
    }
    with store.raw_read() as conn:  # one snapshot for every table
        for table in TABLES:
            columns = _data_columns(conn, table)
            order = ORDER_BY.get(table, "id")
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
            document[table] = [dict(zip(columns, row, strict=True)) for row in rows]
    return document


def _data_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [c for c in column_names(conn, table) if c not in LOCAL_COLUMNS]


def export_file(store: Store, target: Path, *, now: datetime) -> dict[str, int]:
    """Write the export to `target`, replacing it whole; how many rows of each table
    it holds."""
    document = export_data(store, now=now)
    write_whole(target, json.dumps(document, ensure_ascii=False, indent=1))
    return {table: len(document[table]) for table in TABLES}


# The records a person counts, as an export's summary names them; the other tables
# (tags, cards, links, goals, ...) belong to these.
SUMMARY = (
    ("items", "item"),
    ("study_units", "unit"),
    ("log_entries", "log entry"),
    ("journal_notes", "journal note"),
)


def export_summary(counts: Mapping[str, int]) -> str:
    """ "0 items, 488 log entries": the items always, the others when there are any."""
    return ", ".join(
        plural(counts.get(table, 0), word)
        for table, word in SUMMARY
        if table == "items" or counts.get(table)
    )


def load_file(source: Path) -> dict[str, Any]:
    """The export in `source`, checked whole (`check_document`): InvalidInput naming the
    file, the record and the field when anything in it would not be kept as it is."""
    try:
        text = source.read_text(encoding="utf-8-sig")  # a byte-order mark is no harm
    except OSError as exc:
        raise InvalidInput(f"Cannot read {source}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{source} is not UTF-8 text, so not a Rizhi export.") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    except RecursionError as exc:
        raise InvalidInput(
            f"{source} nests lists or objects too deeply to be read; a Rizhi export "
            "nests three levels."
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f"{source} is JSON but not a Rizhi export (no 'format': '{FORMAT}').")
    if document.get("version") != VERSION:
        raise InvalidInput(
            f"{source} is export version {shown(document.get('version'))}; "
            f"this Rizhi reads {VERSION}."
        )
    try:
        check_document(document)
    except InvalidInput as exc:
        raise InvalidInput(f"{source}: {exc}") from exc
    return document


@use_case
def import_data(store: Store, document: Mapping[str, Any]) -> tuple[ImportReport, Changes]:
    """All or nothing: the document is checked whole first (`check_document`), and any
    error rolls the whole import back."""
    check_document(document)
    with store.raw_write() as conn:
        empty = all(
            conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() is None
            for t in ("items", "study_units", "log_entries")
        )
        try:
            report = _import_exact(conn, document) if empty else _Merge(conn, document).run()
            # An export written before pass dates were kept has none: date them as
            # migration 0008 did.
            reading_passes.fill_missing(conn)
        except sqlite3.IntegrityError as exc:
            raise InvalidInput(
                f"The export is inconsistent ({exc}); nothing was imported."
            ) from exc
    return report, Changes(everything=True)


def _insert(
    conn: sqlite3.Connection, table: str, row: Mapping[str, Any], columns: Sequence[str]
) -> int:
    values = dict(row)
    if "uid" in columns:
        # Exports made before units, goals and categories had uids have none; a uid
        # this store already uses belongs to another record.
        values["uid"] = _free_uid(conn, table, values.get("uid"))
    present = [c for c in columns if c in values and c not in LOCAL_COLUMNS]
    cursor = conn.execute(
        f"INSERT INTO {table} ({', '.join(present)}) VALUES ({', '.join('?' * len(present))})",
        [values[c] for c in present],
    )
    return int(cursor.lastrowid or 0)


def _free_uid(conn: sqlite3.Connection, table: str, uid: object) -> str:
    if isinstance(uid, str) and uid:
        taken = conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone()
        if taken is None:
            return uid
    return new_uid()


# Present in a new store (seeded by migrations) but referenced by nothing while the
# store holds no items, units or log: an exact import replaces them.
SEEDED = ("goal_categories", "tags", "settings")


def _import_exact(conn: sqlite3.Connection, document: Mapping[str, Any]) -> ImportReport:
    for table in SEEDED:
        conn.execute(f"DELETE FROM {table}")
    added = {}
    for table in TABLES:
        columns = column_names(conn, table)
        rows = document.get(table, [])
        for row in rows:
            _insert(conn, table, row, columns)
        added[table] = len(rows)
    return ImportReport(added=added, skipped={}, exact=True)


class _Merge:
    """Merging an export into a store that has data: ids in the file are remapped to
    the store's, records already present (by uid, name or number) are kept as they are."""

    def __init__(self, conn: sqlite3.Connection, document: Mapping[str, Any]) -> None:
        self.conn = conn
        self.document = document
        self.added: dict[str, int] = {}
        self.skipped: dict[str, int] = {}
        self.item_ids: dict[int, int] = {}
        self.new_items: set[int] = set()

    def rows(self, table: str) -> list[dict[str, Any]]:
        return list(self.document.get(table, []))

    def count(self, book: dict[str, int], table: str) -> None:
        book[table] = book.get(table, 0) + 1

    def columns(self, table: str) -> list[str]:
        return [c for c in column_names(self.conn, table) if c != "id"]

    def id_by_name(self, table: str, name: str) -> int:
        return int(
            self.conn.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()[0]
        )

    def run(self) -> ImportReport:
        tag_ids = self.tags()
        self.items(tag_ids)
        self.time()
        self.units()
        self.log()
        for setting in self.rows("settings"):
            self.conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                (setting["key"], setting["value"]),
            )
        return ImportReport(added=self.added, skipped=self.skipped, exact=False)

    def tags(self) -> dict[int, int]:
        tag_ids = {}
        for tag in self.rows("tags"):
            self.conn.execute(
                "INSERT OR IGNORE INTO tags (name, color) VALUES (?, ?)",
                (tag["name"], tag.get("color")),
            )
            tag_ids[tag["id"]] = self.id_by_name("tags", tag["name"])
        return tag_ids

    def items(self, tag_ids: dict[int, int]) -> None:
        conn, item_ids = self.conn, self.item_ids
        columns = self.columns("items")
        for item in self.rows("items"):
            existing = conn.execute("SELECT id FROM items WHERE uid = ?", (item["uid"],)).fetchone()
            if existing:
                item_ids[item["id"]] = existing[0]
                self.count(self.skipped, "items")
                continue
            item_ids[item["id"]] = _insert(conn, "items", dict(item, parent_id=None), columns)
            self.new_items.add(item["id"])
            self.count(self.added, "items")
        for item in self.rows("items"):  # parents may come after children in the file
            if item["id"] in self.new_items and item.get("parent_id") in item_ids:
                conn.execute(
                    "UPDATE items SET parent_id = ? WHERE id = ?",
                    (item_ids[item["parent_id"]], item_ids[item["id"]]),
                )
        for link in self.rows("item_tags"):
            if link["item_id"] in self.new_items and link["tag_id"] in tag_ids:
                conn.execute(
                    "INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)",
                    (item_ids[link["item_id"]], tag_ids[link["tag_id"]]),
                )
        for table in (
            "item_links",
            "reading_notes",
            "reading_passes",
            "board_cards",
            "planned_weeks",
            "reminders",
            "repeat_history",
        ):
            columns = self.columns(table)
            for row in self.rows(table):
                if row["item_id"] in self.new_items:
                    _insert(conn, table, dict(row, item_id=item_ids[row["item_id"]]), columns)
                    self.count(self.added, table)

    def time(self) -> None:
        """Blocks and entries are their own records (by uid): those of an item present on
        both sides are merged too, unlike the item's other parts."""
        block_ids: dict[int, int] = {}
        for table in ("time_blocks", "time_entries"):
            columns = self.columns(table)
            for row in self.rows(table):
                present = self.conn.execute(
                    f"SELECT id FROM {table} WHERE uid = ?", (row["uid"],)
                ).fetchone()
                if present:
                    block_ids[row["id"]] = int(present[0])
                    self.count(self.skipped, table)
                    continue
                item = row.get("item_id")
                fields = dict(row, item_id=None if item is None else self.item_ids[item])
                if table == "time_entries":
                    fields["block_id"] = block_ids.get(row.get("block_id") or 0)
                new_id = _insert(self.conn, table, fields, columns)
                if table == "time_blocks":
                    block_ids[row["id"]] = new_id
                self.count(self.added, table)

    def units(self) -> None:
        conn = self.conn
        category_ids = self.categories()
        unit_ids = {}
        for index, unit in enumerate(self.rows("study_units")):
            number = unit["number"]
            if conn.execute("SELECT 1 FROM study_units WHERE number = ?", (number,)).fetchone():
                self.count(self.skipped, "study_units")
                continue
            try:  # units never share a day, those of the file and the store's alike
                check_free(conn, UnitSpan(date.fromisoformat(unit["start_date"]), unit["days"]))
            except InvalidInput as exc:
                raise InvalidInput(
                    f"{where('study_units', index, unit)}: {exc} Nothing was imported."
                ) from exc
            unit_ids[unit["id"]] = _insert(conn, "study_units", unit, self.columns("study_units"))
            self.count(self.added, "study_units")
        goal_ids = {}
        for goal in self.rows("unit_goals"):
            if goal["unit_id"] in unit_ids:
                if goal["category_id"] not in category_ids:
                    raise InvalidInput(
                        f"A goal refers to category {goal['category_id']}, which the export"
                        " does not contain; nothing was imported."
                    )
                row = dict(
                    goal,
                    unit_id=unit_ids[goal["unit_id"]],
                    category_id=category_ids[goal["category_id"]],
                )
                goal_ids[goal["id"]] = _insert(conn, "unit_goals", row, self.columns("unit_goals"))
        for link in self.rows("goal_items"):
            if link["goal_id"] in goal_ids and link["item_id"] in self.item_ids:
                conn.execute(
                    "INSERT OR IGNORE INTO goal_items (goal_id, item_id) VALUES (?, ?)",
                    (goal_ids[link["goal_id"]], self.item_ids[link["item_id"]]),
                )
        for decision in self.rows("unit_review_items"):
            if decision["unit_id"] in unit_ids and decision["item_id"] in self.item_ids:
                conn.execute(
                    "INSERT OR IGNORE INTO unit_review_items (unit_id, item_id, decision)"
                    " VALUES (?, ?, ?)",
                    (
                        unit_ids[decision["unit_id"]],
                        self.item_ids[decision["item_id"]],
                        decision["decision"],
                    ),
                )

    def categories(self) -> dict[int, int]:
        """The file's category ids mapped to the store's: a category the store has under
        the same name (in any case, singular or plural) is that one, as the services
        match names; the others are added."""
        conn = self.conn
        known = {
            name_key(str(name)): int(id_)
            for id_, name in conn.execute("SELECT id, name FROM goal_categories")
        }
        category_ids = {}
        for category in self.rows("goal_categories"):
            key = name_key(category["name"])
            if key not in known:
                known[key] = _insert(
                    conn, "goal_categories", category, self.columns("goal_categories")
                )
            category_ids[category["id"]] = known[key]
        return category_ids

    def log(self) -> None:
        conn = self.conn
        for day in self.rows("log_days"):
            conn.execute(
                "INSERT OR IGNORE INTO log_days (day, title) VALUES (?, ?)",
                (day["day"], day.get("title", "")),
            )
        columns = self.columns("log_entries")
        for entry in self.rows("log_entries"):
            # An entry imported from the same journal on both sides shares its import key.
            present = conn.execute(
                "SELECT 1 FROM log_entries WHERE uid = ? OR import_key = ?",
                (entry["uid"], entry.get("import_key")),
            ).fetchone()
            if present:
                self.count(self.skipped, "log_entries")
                continue
            _insert(conn, "log_entries", entry, columns)
            self.count(self.added, "log_entries")
        columns = self.columns("journal_notes")
        for note in self.rows("journal_notes"):
            present = conn.execute(
                "SELECT 1 FROM journal_notes WHERE uid = ? OR import_key = ?",
                (note["uid"], note.get("import_key")),
            ).fetchone()
            if present:
                self.count(self.skipped, "journal_notes")
                continue
            _insert(conn, "journal_notes", note, columns)
            self.count(self.added, "journal_notes")
