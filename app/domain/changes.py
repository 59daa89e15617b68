"""What a change touched, so every view (in this process or another) can decide whether
and what to refresh. Services return it; the store appends it to the change feed in the
same transaction (app/store/feed.py)."""

from __future__ import annotations

import json
from typing import NamedTuple


class Changes(NamedTuple):
    items: frozenset[int] = frozenset()
    board: bool = False
    tags: bool = False
    units: frozenset[int] = frozenset()  # study units, including their goals and reviews
    categories: bool = False  # goal categories
    entries: frozenset[int] = frozenset()  # daily-log entries
    log: bool = False  # the log as a whole: day titles, journal notes, an import
    settings: frozenset[str] = frozenset()  # keys of settings in the store
    everything: bool = False  # reload every view (a restore, a feed read too late)
    replaced: bool = False  # the data is another file's now (a restore): undo steps go
    # Reminders were set, cleared, claimed, shown or snoozed, or an item's due time they
    # follow moved: whoever schedules them looks at the next one again.
    reminders: bool = False
    # Time blocks, time entries or the focus timer changed: the planner, the timer and
    # every total of time spent look again.
    time: bool = False

    def __or__(self, other: object) -> Changes:
        if not isinstance(other, Changes):
            return NotImplemented
        return Changes(
            items=self.items | other.items,
            board=self.board or other.board,
            tags=self.tags or other.tags,
            units=self.units | other.units,
            categories=self.categories or other.categories,
            entries=self.entries | other.entries,
            log=self.log or other.log,
            settings=self.settings | other.settings,
            everything=self.everything or other.everything,
            replaced=self.replaced or other.replaced,
            reminders=self.reminders or other.reminders,
            time=self.time or other.time,
        )

    @property
    def empty(self) -> bool:
        return self == Changes()

    @property
    def any_units(self) -> bool:
        """Whether anything a study-unit view shows changed (units, goals, categories)."""
        return bool(self.units) or self.categories or self.everything

    @property
    def any_log(self) -> bool:
        """Whether anything the daily log shows as written text changed."""
        return bool(self.entries) or self.log or self.everything

    def to_json(self) -> str:
        data: dict[str, object] = {}
        for name in ("items", "units", "entries", "settings"):
            values = getattr(self, name)
            if values:
                data[name] = sorted(values)
        for name in (
            "board",
            "tags",
            "categories",
            "log",
            "everything",
            "replaced",
            "reminders",
            "time",
        ):
            if getattr(self, name):
                data[name] = True
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Changes:
        """Read a feed record; anything unreadable means 'reload everything', so that a
        record written by another version never leaves a view stale."""
        try:
            data = json.loads(text)
            return cls(
                items=frozenset(int(i) for i in data.get("items", ())),
                board=bool(data.get("board")),
                tags=bool(data.get("tags")),
                units=_ids(data.get("units", ())),
                categories=bool(data.get("categories")),
                entries=frozenset(int(i) for i in data.get("entries", ())),
                log=bool(data.get("log")),
                settings=frozenset(str(k) for k in data.get("settings", ())),
                everything=bool(data.get("everything")),
                replaced=bool(data.get("replaced")),
                reminders=bool(data.get("reminders")),
                time=bool(data.get("time")),
            )
        except (ValueError, TypeError, AttributeError):
            return cls(everything=True)


def _ids(value: object) -> frozenset[int]:
    # Records written before units carried ids said `"units": true`.
    if value is True:
        raise ValueError("units without ids")
    if not isinstance(value, list | tuple):
        raise TypeError("ids must be a list")
    return frozenset(int(i) for i in value)
