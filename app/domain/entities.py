"""Plain records passed between layers: what an item is, independent of storage."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import NamedTuple

from app.domain.enums import Column, Horizon, ItemKind, Priority


class ItemDraft(NamedTuple):
    """What is needed to create an item."""

    title: str
    kind: ItemKind = ItemKind.TASK
    notes: str = ""
    tags: tuple[str, ...] = ()
    priority: Priority = Priority.NONE
    estimate_minutes: int | None = None
    due_date: date | None = None
    due_time: time | None = None
    horizon: Horizon | None = None
    parent_id: int | None = None


class Placement(NamedTuple):
    week: str
    column: Column
    rank: int
    carried_over: int = 0


class ItemRecord(NamedTuple):
    id: int
    uid: str
    kind: ItemKind
    title: str
    notes: str
    parent_id: int | None
    priority: Priority
    estimate_minutes: int | None
    due_date: date | None
    due_time: time | None
    horizon: Horizon | None
    reading_pass: int
    target_pass: int | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    deleted_at: datetime | None
    tags: tuple[str, ...] = ()
    placement: Placement | None = None
    planned_weeks: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.completed_at is not None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready; what `--json` prints."""
        return {
            "id": self.id,
            "uid": self.uid,
            "kind": self.kind.value,
            "title": self.title,
            "notes": self.notes,
            "parent_id": self.parent_id,
            "tags": list(self.tags),
            "priority": self.priority.name.lower(),
            "estimate_minutes": self.estimate_minutes,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "due_time": self.due_time.strftime("%H:%M") if self.due_time else None,
            "horizon": self.horizon.value if self.horizon else None,
            "reading_pass": self.reading_pass,
            "target_pass": self.target_pass,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "completed_at": self.completed_at.isoformat() if self.completed_at else None,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "week": self.placement.week if self.placement else None,
            "column": self.placement.column.value if self.placement else None,
            "carried_over": self.placement.carried_over if self.placement else 0,
            "planned_weeks": list(self.planned_weeks),
        }


class ItemPatch(NamedTuple):
    """Fields to change: None leaves a field as it is; names in `clear` empty theirs."""

    title: str | None = None
    notes: str | None = None
    kind: ItemKind | None = None
    priority: Priority | None = None
    estimate_minutes: int | None = None
    due_date: date | None = None
    due_time: time | None = None
    horizon: Horizon | None = None
    parent_id: int | None = None
    reading_pass: int | None = None
    target_pass: int | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    clear: frozenset[str] = frozenset()
