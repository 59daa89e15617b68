"""Reminder rows in raw SQL: reading them, and the claim that lets one process show a
reminder.

Wall-clock times (`next_fire`, `snooze_until`, `at_time`) are local text, YYYY-MM-DDTHH:MM;
moments (`lease_until`, `shown_at`, `created_at`) are UTC text like every other stored
moment (app/store/formats.py).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, tzinfo
from typing import NamedTuple

from app.domain.reminders import (
    Anchor,
    ReminderSpec,
    ReminderState,
    read_wall,
    wall_now,
    wall_text,
)
from app.store.formats import parse_time, parse_utc, time_text, utc_text


class ReminderRow(NamedTuple):
    id: int
    uid: str
    item_id: int
    title: str
    spec: ReminderSpec
    next_fire: datetime | None  # wall clock
    state: ReminderState
    snooze_until: datetime | None  # wall clock
    claimed_by: str | None
    lease_until: datetime | None  # UTC
    shown_at: datetime | None  # UTC


_COLUMNS = (
    "r.id, r.uid, r.item_id, i.title, r.anchor, r.at_time, r.before_minutes, r.clock,"
    " r.next_fire, r.state, r.snooze_until, r.claimed_by, r.lease_until, r.shown_at"
)
_FROM = "FROM reminders r JOIN items i ON i.id = r.item_id"


def _row(values: tuple[object, ...]) -> ReminderRow:
    (
        rid,
        uid,
        item_id,
        title,
        anchor,
        at,
        before,
        clock,
        fire,
        state,
        snooze,
        owner,
        lease,
        shown,
    ) = values
    spec = ReminderSpec(
        Anchor(str(anchor)),
        at=read_wall(str(at)) if at is not None else None,
        before_minutes=int(str(before)) if before is not None else None,
        clock=parse_time(str(clock)) if clock is not None else None,
    )
    return ReminderRow(
        id=int(str(rid)),
        uid=str(uid),
        item_id=int(str(item_id)),
        title=str(title),
        spec=spec,
        next_fire=read_wall(str(fire)) if fire is not None else None,
        state=ReminderState(str(state)),
        snooze_until=read_wall(str(snooze)) if snooze is not None else None,
        claimed_by=None if owner is None else str(owner),
        lease_until=parse_utc(str(lease)) if lease is not None else None,
        shown_at=parse_utc(str(shown)) if shown is not None else None,
    )


def spec_values(spec: ReminderSpec) -> tuple[str, str | None, int | None, str | None]:
    """(anchor, at_time, before_minutes, clock) as the table keeps them."""
    return (
        spec.anchor.value,
        wall_text(spec.at) if spec.at is not None else None,
        spec.before_minutes,
        time_text(spec.clock) if spec.clock is not None else None,
    )


def insert(
    conn: sqlite3.Connection,
    uid: str,
    item_id: int,
    spec: ReminderSpec,
    fire: datetime | None,
    *,
    now: datetime,
) -> int:
    cursor = conn.execute(
        "INSERT INTO reminders (uid, item_id, anchor, at_time, before_minutes, clock,"
        " next_fire, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
        (
            uid,
            item_id,
            *spec_values(spec),
            wall_text(fire) if fire is not None else None,
            utc_text(now),
        ),
    )
    return int(cursor.lastrowid or 0)


def read(conn: sqlite3.Connection, reminder_id: int) -> ReminderRow | None:
    found = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE r.id = ?", (reminder_id,)).fetchone()
    return None if found is None else _row(tuple(found))


def of_item(conn: sqlite3.Connection, item_id: int) -> list[ReminderRow]:
    rows = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE r.item_id = ? ORDER BY r.id", (item_id,))
    return [_row(tuple(r)) for r in rows]


def listed(conn: sqlite3.Connection, *, every: bool) -> list[ReminderRow]:
    """Reminders of live items in the order they fire (those with no fire time last):
    the ones still to fire, or with `every` all of them."""
    waiting = "" if every else " AND r.state IN ('pending', 'snoozed', 'claimed')"
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE i.deleted_at IS NULL{waiting}"
        " ORDER BY r.next_fire IS NULL, r.next_fire, r.id"
    )
    return [_row(tuple(r)) for r in rows]


# Items in the trash or completed are never reminded of.
_LIVE_ITEM = "r.item_id IN (SELECT id FROM items WHERE deleted_at IS NULL AND completed_at IS NULL)"

# Due: waiting with its fire time reached, or claimed by a process whose lease ran out
# (it died between the claim and recording the reminder as shown).
_DUE = (
    "((r.state IN ('pending', 'snoozed') AND r.next_fire <= :wall)"
    " OR (r.state = 'claimed' AND r.lease_until <= :utc))"
    f" AND {_LIVE_ITEM}"
)


def due(conn: sqlite3.Connection, *, now: datetime) -> list[ReminderRow]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE {_DUE} ORDER BY r.next_fire, r.id",
        {"wall": wall_text(wall_now(now)), "utc": utc_text(now)},
    )
    return [_row(tuple(r)) for r in rows]


def claim(
    conn: sqlite3.Connection, *, owner: str, now: datetime, lease_until: datetime
) -> list[int]:
    """Claim every due reminder for `owner` in one statement. SQLite runs one writer at a
    time and the statement reads each row's state as it updates it, so a reminder is
    claimed by one connection only; the others find it claimed and leave it."""
    rows = conn.execute(
        "UPDATE reminders AS r SET state = 'claimed', claimed_by = :owner, lease_until = :lease"
        f" WHERE {_DUE} RETURNING id",
        {
            "owner": owner,
            "lease": utc_text(lease_until),
            "wall": wall_text(wall_now(now)),
            "utc": utc_text(now),
        },
    )
    return sorted(int(r[0]) for r in rows)


def next_due(conn: sqlite3.Connection, zone: tzinfo) -> datetime | None:
    """The earliest moment a reminder falls due, aware in `zone`: what a scheduler aims
    its one timer at. That is a waiting reminder's fire time (wall clock in `zone`) or
    the end of a claim's lease: a process that died between its claim and recording the
    reminder shown leaves it to be claimed again then, so it is shown when the lease
    ends rather than at some later look at the store."""
    fire, lease = conn.execute(
        "SELECT (SELECT min(r.next_fire) FROM reminders r"
        f" WHERE r.state IN ('pending', 'snoozed') AND {_LIVE_ITEM}),"
        " (SELECT min(r.lease_until) FROM reminders r"
        f" WHERE r.state = 'claimed' AND {_LIVE_ITEM})"
    ).fetchone()
    moments = []
    if fire is not None:
        moments.append(read_wall(str(fire)).replace(tzinfo=zone))
    if lease is not None:
        moments.append(parse_utc(str(lease)).astimezone(zone))
    return min(moments, default=None)
