"""What a service changed, so every view can decide whether and what to refresh."""

from __future__ import annotations

import json
from typing import NamedTuple


class Changes(NamedTuple):
    items: frozenset[int] = frozenset()
    board: bool = False
    tags: bool = False
    units: bool = False
    log: bool = False
    everything: bool = False  # a restore or an import: reload all views

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            items=self.items | other.items,
            board=self.board or other.board,
            tags=self.tags or other.tags,
            units=self.units or other.units,
            log=self.log or other.log,
            everything=self.everything or other.everything,
        )

    @property
    def empty(self) -> bool:
        return self == Changes()

    def to_json(self) -> str:
        return json.dumps(
            {
                "items": sorted(self.items),
                "board": self.board,
                "tags": self.tags,
                "units": self.units,
                "log": self.log,
                "everything": self.everything,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Changes:
        data = json.loads(text)
        return cls(
            items=frozenset(int(i) for i in data.get("items", ())),
            board=bool(data.get("board")),
            tags=bool(data.get("tags")),
            units=bool(data.get("units")),
            log=bool(data.get("log")),
            everything=bool(data.get("everything")),
        )
