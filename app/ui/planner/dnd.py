"""What a dragged time block carries: its id (cards carry item ids, app/ui/dnd.py)."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

MIME_BLOCK_IDS = "application/x-rizhi-block-ids"


def encode_blocks(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_BLOCK_IDS, json.dumps(ids).encode())
    return mime


def decode_blocks(mime: QMimeData) -> list[int]:
    """The block ids in a drag; [] for anything else."""
    if not mime.hasFormat(MIME_BLOCK_IDS):
        return []
    try:
        ids = json.loads(bytes(mime.data(MIME_BLOCK_IDS).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [int(i) for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
