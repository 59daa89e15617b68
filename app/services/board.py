"""The weekly board: placing items in a week's To do / Active / Completed columns,
moving several cards at once, and carrying unfinished cards over to a new week."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.changes import Changes
from app.domain.enums import Column
from app.domain.errors import InvalidInput, NotFound
from app.domain.ranks import STEP, rank_between, spread
from app.domain.weeks import Week
from app.services.repeats import complete_occurrence, complete_occurrences, open_repeating
from app.services.use_case import use_case
from app.store.db import Store
from app.store.formats import utc_text
from app.store.models import BoardCard, Item, PlannedWeek

COLUMN_ORDER = {column.value: index for index, column in enumerate(Column)}
# Cards in these columns are unfinished: a new week carries them over.
OPEN_COLUMNS = (Column.TODO.value, Column.ACTIVE.value)


@use_case
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
    Completed reopens the item. A repeating item put in Completed completes its
    occurrence instead and waits in To do of its next occurrence's week."""
    if column is Column.DONE and open_repeating(store.raw, [item_id]):
        return complete_occurrence(store, item_id, now=now)[1]
    with store.write() as session:
        item = session.get(Item, item_id)
        if item is None or item.deleted_at is not None:
            raise NotFound(f"No item {item_id}.")
        if week is None:
            if item.card is None:
                raise InvalidInput(f"Item {item_id} is not on a board; say which week.")
            week = Week.parse(item.card.week)
        drop(session, [item], week, column, before_id=before_id, now=now)
    return Changes(items=frozenset({item_id}), board=True)


def _planned_key(session: Session, item_id: int, week: str) -> int | None:

    return session.scalar(
        select(PlannedWeek.id).where(PlannedWeek.item_id == item_id, PlannedWeek.week == week)
    )


@use_case
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


# --- several cards at once -----------------------------------------------------------


def unique_ids(item_ids: Iterable[int]) -> list[int]:
    """The ids in the order given, each once."""
    return list(dict.fromkeys(int(i) for i in item_ids))


def missing_message(missing: Iterable[int]) -> str:
    ids = sorted(missing)
    if len(ids) == 1:
        return f"No item {ids[0]}."
    return f"No items {', '.join(str(i) for i in ids)}."


def load_items(session: Session, item_ids: Sequence[int], *, live: bool) -> list[Item]:
    """The items with `item_ids`, in that order; NotFound naming every id that does
    not exist (or, with `live`, is in the trash)."""
    found = {
        item.id: item
        for item in session.scalars(select(Item).where(Item.id.in_(item_ids)))
        if not (live and item.deleted_at is not None)
    }
    missing = [i for i in item_ids if i not in found]
    if missing:
        raise NotFound(missing_message(missing))
    return [found[i] for i in item_ids]


def board_order(items: Sequence[Item]) -> list[Item]:
    """Cards in the order they show on the board (week, column, rank); items not on a
    board after them, in the order given. Sorting is stable, so ties keep that order."""

    def key(item: Item) -> tuple[int, str, int, int]:
        card = item.card
        if card is None:
            return (1, "", 0, 0)
        return (0, card.week, COLUMN_ORDER.get(card.column, 3), card.rank)

    return sorted(items, key=key)


def drop(
    session: Session,
    items: Sequence[Item],
    week: Week,
    column: Column,
    *,
    before_id: int | None,
    now: datetime,
) -> None:
    """Put `items`, in this order, into (week, column) just above `before_id` or at the
    bottom: each goes in with `place`, so ranks stay sparse and a full column is
    respaced once. Completion follows the column, the week joins each item's trail."""
    if before_id is not None and before_id in {item.id for item in items}:
        raise InvalidInput(f"Item {before_id} is one of the cards being moved.")
    for item in items:
        if item.card is None:
            item.card = BoardCard(item_id=item.id, week=str(week), column=column.value, rank=0)
            session.add(item.card)
        if _planned_key(session, item.id, str(week)) is None:
            session.add(PlannedWeek(item_id=item.id, week=str(week), planned_at=now))
        if column is Column.DONE and item.completed_at is None:
            item.completed_at = now
        elif column is not Column.DONE and item.completed_at is not None:
            item.completed_at = None
        item.updated_at = now
    # Above an anchor: last card first, each then becomes the anchor of the one before.
    # At the bottom: in order, each lands below the previous one.
    if before_id is None:
        for item in items:
            assert item.card is not None
            place(session, item.card, week, column, None)
    else:
        anchor = before_id
        for item in reversed(items):
            assert item.card is not None
            place(session, item.card, week, column, anchor)
            anchor = item.id


@use_case
def move_cards(
    store: Store,
    item_ids: Iterable[int],
    column: Column,
    *,
    week: Week,
    before_id: int | None = None,
    now: datetime,
) -> Changes:
    """A multi-card drop: put the items in `column` of `week`, above the card
    `before_id` or at the bottom, in one transaction. The cards keep their relative
    order on the board (week, column, rank); items that were on no board follow, in
    the order given. Items in the trash cannot be moved (NotFound). Repeating items
    dropped in Completed complete their occurrence (`move_card`)."""
    ids = unique_ids(item_ids)
    moved_on = Changes()
    if column is Column.DONE:
        ids, moved_on = complete_occurrences(store, ids, now=now)
    if not ids:
        return moved_on
    with store.write() as session:
        items = board_order(load_items(session, ids, live=True))
        drop(session, items, week, column, before_id=before_id, now=now)
    return moved_on | Changes(items=frozenset(ids), board=True)


def week_counts(store: Store, week: Week) -> dict[Column, int]:
    """How many cards each column of `week` holds (items in the trash do not count)."""
    counts = dict.fromkeys(Column, 0)
    for col, count in store.raw.execute(
        "SELECT c.col, COUNT(*) FROM board_cards c JOIN items i ON i.id = c.item_id"
        " WHERE c.week = ? AND i.deleted_at IS NULL GROUP BY c.col",
        (str(week),),
    ):
        counts[Column(col)] = int(count)
    return counts


# --- a new week ------------------------------------------------------------------------

_STALE = (
    "FROM board_cards c JOIN items i ON i.id = c.item_id"
    f" WHERE c.week < ? AND c.col IN ({', '.join('?' * len(OPEN_COLUMNS))})"
    " AND i.deleted_at IS NULL"
)


def pending_rollover(store: Store, current: Week) -> int:
    """How many unfinished cards in weeks before `current` a rollover would carry."""
    row = store.raw.execute(f"SELECT COUNT(*) {_STALE}", (str(current), *OPEN_COLUMNS))
    return int(row.fetchone()[0])


@use_case
def rollover(store: Store, current: Week, *, now: datetime) -> Changes:
    """Carry every card still in To do or Active in a week before `current` into
    `current`, same column, appended at the bottom in their old order (older week
    first, then rank). Each carried card counts one more carry-over, whatever the
    number of weeks it skipped, and `current` joins the item's trail. Completed cards
    and items in the trash stay where they are. Running it again changes nothing.

    The item rows are not touched (their `updated_at` stays): a rollover moves
    placements, it does not edit items."""
    week = str(current)
    moved: list[int] = []
    with store.raw_write() as conn:
        stale = conn.execute(
            f"SELECT c.item_id, c.col {_STALE} ORDER BY c.week, c.rank, c.item_id",
            (week, *OPEN_COLUMNS),
        ).fetchall()
        bottom: dict[str, int] = {}
        for item_id, col in stale:
            if col not in bottom:
                row = conn.execute(
                    "SELECT MAX(rank) FROM board_cards WHERE week = ? AND col = ?", (week, col)
                ).fetchone()
                bottom[col] = int(row[0] or 0)
            bottom[col] += STEP
            conn.execute(
                "UPDATE board_cards SET week = ?, rank = ?, carried_over = carried_over + 1"
                " WHERE item_id = ?",
                (week, bottom[col], item_id),
            )
            conn.execute(
                "INSERT OR IGNORE INTO planned_weeks (item_id, week, planned_at) VALUES (?, ?, ?)",
                (item_id, week, utc_text(now)),
            )
            moved.append(int(item_id))
    if not moved:
        return Changes()
    return Changes(items=frozenset(moved), board=True)
