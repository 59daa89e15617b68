"""The weekly board: placing items in a week's To do / Active / Completed columns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import Column
from app.domain.errors import InvalidInput, NotFound
from app.domain.ranks import rank_between, spread
from app.domain.weeks import Week
from app.services.changes import Changes
from app.store.db import Store
from app.store.models import BoardCard, Item, PlannedWeek


def move_card(
    store: Store,
    item_id: int,
    column: Column,
    *,
    now: datetime,
    week: Week | None = None,
    before_id: int | None = None,
) -> Changes:
    """Put an item in `column` of `week` (its current week if None), before the card
    `before_id` or at the bottom. Completed records the completion time; leaving
    Completed reopens the item."""
    with store.write() as session:
        item = session.get(Item, item_id)
        if item is None or item.deleted_at is not None:
            raise NotFound(f"No item {item_id}.")
        card = item.card
        if week is None:
            if card is None:
                raise InvalidInput(f"Item {item_id} is not on a board; say which week.")
            week = Week.parse(card.week)
        if card is None:
            card = BoardCard(item_id=item_id, week=str(week), column=column.value, rank=0)
            session.add(card)
            item.card = card
        if _planned_key(session, item_id, str(week)) is None:
            session.add(PlannedWeek(item_id=item_id, week=str(week), planned_at=now))
        place(session, card, week, column, before_id)
        if column is Column.DONE and item.completed_at is None:
            item.completed_at = now
        elif column is not Column.DONE and item.completed_at is not None:
            item.completed_at = None
        item.updated_at = now
    return Changes(items=frozenset({item_id}), board=True)


def _planned_key(session: Session, item_id: int, week: str) -> int | None:

    return session.scalar(
        select(PlannedWeek.id).where(PlannedWeek.item_id == item_id, PlannedWeek.week == week)
    )


def remove_card(store: Store, item_id: int) -> Changes:
    """Take an item off the board, back to the backlog; its week trail stays."""
    with store.write() as session:
        card = session.get(BoardCard, item_id)
        if card is None:
            raise NotFound(f"Item {item_id} is not on the board.")
        session.delete(card)
    return Changes(items=frozenset({item_id}), board=True)


def place(
    session: Session, card: BoardCard, week: Week, column: Column, before_id: int | None
) -> None:
    """Give `card` a rank in (week, column) just above `before_id`, or at the bottom."""

    session.flush()
    siblings = list(
        session.scalars(
            select(BoardCard)
            .where(
                BoardCard.week == str(week),
                BoardCard.column == column.value,
                BoardCard.item_id != card.item_id,
            )
            .order_by(BoardCard.rank)
        )
    )
    index = len(siblings)
    if before_id is not None:
        positions = [s.item_id for s in siblings]
        if before_id not in positions:
            raise NotFound(f"Item {before_id} is not in {column.label} of {week}.")
        index = positions.index(before_id)
    above = siblings[index - 1].rank if index > 0 else None
    below = siblings[index].rank if index < len(siblings) else None
    rank = rank_between(above, below)
    card.week, card.column = str(week), column.value
    if rank is not None:
        card.rank = rank
        return
    # No room between neighbours: respace the whole column once.
    ordered = [*siblings[:index], card, *siblings[index:]]
    for sibling, fresh in zip(ordered, spread(len(ordered)), strict=True):
        sibling.rank = fresh
