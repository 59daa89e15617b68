"""What a drag carries between Rizhi's views: item ids, and where they came from (a
card leaving the board means something else than a backlog row being re-ordered)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData

MIME_ITEM_IDS = "application/x-rizhi-item-ids"
MIME_SOURCE = "application/x-rizhi-source"
BOARD, BACKLOG = "board", "backlog"


def encode_ids(ids: Sequence[int], source: str = "") -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_ITEM_IDS, json.dumps(list(ids)).encode())
    if source:
        mime.setData(MIME_SOURCE, source.encode())
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    """The ids in a drag; [] for anything that is not a well-formed list of ids."""
    if not mime.hasFormat(MIME_ITEM_IDS):
        return []
    try:
        ids = json.loads(bytes(mime.data(MIME_ITEM_IDS).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [int(i) for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def source_of(mime: QMimeData) -> str:
    return bytes(mime.data(MIME_SOURCE).data()).decode(errors="replace")
