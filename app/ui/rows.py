"""Item records for the views, fetched by id in batches and kept until a change
invalidates them. Models hold ids; this is where the rows behind them come from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.domain.changes import Changes
from app.domain.entities import ItemRecord
from app.store import item_rows
from app.store.db import Store

BATCH = 200


class RowCache:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._records: dict[int, ItemRecord] = {}

    def get(self, item_id: int, neighbours: Sequence[int] = ()) -> ItemRecord | None:
        """The record for `item_id`; when it is missing, fetch it together with the
        nearby ids the caller is about to ask for (one query instead of a hundred)."""
        record = self._records.get(item_id)
        if record is None:
            self.prefetch([item_id, *neighbours[:BATCH]])
            record = self._records.get(item_id)
        return record

    def cached(self, item_id: int) -> ItemRecord | None:
        """The record held for `item_id`, without reading it when it is not held."""
        return self._records.get(item_id)

    def prefetch(self, ids: Iterable[int]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self._records]
        for record in item_rows.fetch_records(self._store.raw, missing):
            self._records[record.id] = record

    def invalidate(self, changes: Changes) -> None:
        if changes.everything or changes.tags:
            self._records.clear()
            return
        for item_id in changes.items:
            self._records.pop(item_id, None)
