"""A store at a researcher's real scale: many backlog items, some nested, a full week."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from app.domain.entities import ItemDraft
from app.domain.enums import Column, Horizon, ItemKind, Priority
from app.domain.weeks import Week
from app.store import item_rows
from app.store.db import Store

WORDS = ("masked", "autoencoder", "contrastive", "transducer", "ablation", "论文", "实验",
         "lecture", "energy-based", "diffusion", "tokenizer", "benchmark", "自监督学习",
         "attention", "对比学习", "speech", "vision", "survey", "baseline", "梯度")  # fmt: skip
TAGS = ("paper", "coding", "math", "lecture", "idea", "thesis", "论文", "meeting")


def seed(home: Path, items: int, cards: int) -> Path:
    """Fill a new store in `home` with `items` backlog items (one in ten nested under
    the one before) and `cards` of them on this week's board."""
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    now = datetime.now(UTC)
    week = str(Week.containing(date.today()))
    kinds, horizons = list(ItemKind), [None, *Horizon]
    columns = (Column.TODO, Column.ACTIVE, Column.DONE)
    with store.raw_write() as conn:
        previous = None
        for n in range(items):
            words = " ".join(WORDS[(n * k) % len(WORDS)] for k in (1, 3, 7))
            draft = ItemDraft(
                title=f"{words} {n}",
                kind=kinds[n % len(kinds)],
                notes=f"notes on {WORDS[n % 11]} and {WORDS[n % 13]}" if n % 4 == 0 else "",
                tags=(TAGS[n % len(TAGS)],) if n % 3 else (),
                priority=Priority(n % 4),
                estimate_minutes=30 * (n % 5) or None,
                horizon=horizons[n % len(horizons)],
                parent_id=previous if n % 10 == 9 else None,
            )
            item_id = item_rows.insert_item(conn, draft, str(uuid.uuid4()), now)
            previous = item_id
            if n < cards:
                item_rows.append_card(conn, item_id, week, columns[n % 3], now)
    store.close()
    return home / "rizhi.sqlite3"
