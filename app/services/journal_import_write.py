"""Writing a planned journal import (journal_import_plan.py) inside the import's
transaction: entries (with their days' rows and titles), backlog items from the
preamble, notes, then units with their goals and any new goal categories.

Raw SQL, entries in batches of `_PROGRESS_EVERY` rows, reporting progress as it goes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime

from app.domain.enums import EntrySource
from app.domain.ids import new_uid
from app.domain.journal.parse import NoteKind
from app.domain.units import GoalSpec, default_title
from app.services.default_reminders import NO_DUE, give_default
from app.services.journal_import_plan import ImportPlan
from app.services.journal_preamble import NewItem
from app.store import item_rows
from app.store.formats import utc_text

# `progress(done, total)`: called as the work advances, last with done == total.
Progress = Callable[[int, int], None]
_PROGRESS_EVERY = 200


class ImportWriter:
    """Writes one plan; `unit_ids` are the units it made."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        plan: ImportPlan,
        now: datetime,
        source: str,
        progress: Progress | None,
    ) -> None:
        self.conn = conn
        self.plan = plan
        self.stamp = utc_text(now)
        self.now = now
        self.source = source
        self.progress = progress
        self.done = 0
        self.unit_ids: list[int] = []
        self.reminded = False  # whether an item got the default reminder

    def advance(self, steps: int) -> None:
        self.done += steps
        if self.progress is not None:
            self.progress(self.done, self.plan.total)

    def run(self) -> list[int]:
        self.entries()
        item_ids = self.items()
        self.notes(item_ids)
        self.units()
        if self.progress is not None and self.done != self.plan.total:
            self.progress(self.plan.total, self.plan.total)
        return item_ids

    def entries(self) -> None:
        conn, new = self.conn, self.plan.entries
        titles: dict[str, str] = {}
        for planned in new:
            entry = planned.entry
            if entry.anomaly is None:
                titles.setdefault(entry.day.isoformat(), entry.heading)
        days = sorted({planned.entry.day.isoformat() for planned in new})
        conn.executemany(
            "INSERT OR IGNORE INTO log_days (day, title) VALUES (?, ?)",
            [(day, titles.get(day, "")) for day in days],
        )
        positions = self._next_positions(days)
        rows = []
        for planned in new:
            entry = planned.entry
            day = entry.day.isoformat()
            position = positions[day]
            positions[day] = position + 1
            anomaly = entry.anomaly
            rows.append(
                (
                    new_uid(),
                    day,
                    entry.end_day.isoformat() if entry.end_day else None,
                    entry.body,
                    EntrySource.IMPORT.value,
                    position,
                    self.stamp,
                    self.stamp,
                    entry.heading,
                    planned.key,
                    json.dumps(anomaly.to_dict(), ensure_ascii=False) if anomaly else None,
                )
            )
        for start in range(0, len(rows), _PROGRESS_EVERY):
            chunk = rows[start : start + _PROGRESS_EVERY]
            conn.executemany(
                "INSERT INTO log_entries (uid, day, end_day, body, source, position,"
                " created_at, updated_at, heading, import_key, anomaly)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                chunk,
            )
            self.advance(len(chunk))

    def _next_positions(self, days: Sequence[str]) -> dict[str, int]:
        positions = dict.fromkeys(days, 0)
        for start in range(0, len(days), 500):
            chunk = list(days[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for day, highest in self.conn.execute(
                f"SELECT day, MAX(position) FROM log_entries WHERE day IN ({marks}) GROUP BY day",
                chunk,
            ):
                positions[day] = int(highest) + 1
        return positions

    def items(self) -> list[int]:
        created: list[int] = []

        def insert(items: Sequence[NewItem], parent_id: int | None) -> None:
            # New items go above their siblings, so the last is inserted first and the
            # backlog lists them in the journal's order.
            for item in reversed(items):
                item_id = item_rows.insert_item(
                    self.conn, item.draft._replace(parent_id=parent_id), new_uid(), self.now
                )
                if item.done:
                    self.conn.execute(
                        "UPDATE items SET completed_at = ? WHERE id = ?", (self.stamp, item_id)
                    )
                elif item.draft.due_date is not None:
                    self.reminded |= give_default(self.conn, item_id, NO_DUE, now=self.now)
                created.append(item_id)
                self.advance(1)
                insert(item.children, item_id)

        insert(self.plan.items, None)
        return sorted(created)

    def notes(self, item_ids: Sequence[int]) -> None:
        for planned in self.plan.notes:
            note = planned.note
            meta: dict[str, object] = dict(note.meta)
            if note.kind is NoteKind.PREAMBLE and item_ids:
                meta = {"items": list(item_ids)}
            self.conn.execute(
                "INSERT INTO journal_notes (uid, title, body, meta, source, import_key,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    new_uid(),
                    note.title,
                    planned.body,
                    json.dumps(meta, ensure_ascii=False),
                    self.source,
                    planned.key,
                    self.stamp,
                ),
            )
            self.advance(1)

    def units(self) -> None:
        if not self.plan.units:
            return
        # Imported only when a journal defines units: it brings the week arithmetic.
        from app.services.goal_categories import FALLBACK_COLOR, PALETTE
        from app.services.units import insert_goal, insert_unit

        conn = self.conn
        for name in self.plan.categories:
            rows = conn.execute("SELECT color, position FROM goal_categories").fetchall()
            used = {str(color) for color, _ in rows}
            color = next((c for c in PALETTE if c not in used), FALLBACK_COLOR)
            position = max((int(p) for _, p in rows), default=-1) + 1
            conn.execute(
                "INSERT INTO goal_categories (uid, name, color, position, kinds)"
                " VALUES (?, ?, ?, ?, '')",
                (new_uid(), name, color, position),
            )
        ids = {
            str(name): int(category_id)
            for category_id, name in conn.execute("SELECT id, name FROM goal_categories")
        }
        for planned in self.plan.units:
            unit = planned.unit
            title = unit.title or default_title(planned.number, planned.span)
            unit_id = insert_unit(conn, planned.number, planned.span, title)
            self.unit_ids.append(unit_id)
            for position, goal in enumerate(planned.goals):
                spec = GoalSpec(goal.category, goal.target, goal.stretch, goal.description)
                insert_goal(conn, unit_id, ids[goal.category], spec, position)
            self.advance(1)
