"""Which backups to keep: a rolling schedule, as Anki and restic keep theirs.

Backups are named by kind (app/store/backup_files.py):

* `auto`: taken by the window while it runs and on quit. The schedule thins them.
* `before-restore`, `before-import`, `before-migration`, `before-repair`: safety copies
  taken just before something that replaces or rewrites data. The schedule thins them
  too, but each is kept at least `safety_days`, so the data a restore or an import
  replaced can be had back for a month whatever happens meanwhile.
* `manual`: asked for by name (`rizhi backup`, File › Back up now). Never deleted
  automatically, and not counted against the size cap: the user took it, the user
  decides when it goes.

Among the scheduled ones, a backup is kept when it is one of the `recent` newest, or
the newest of one of the last `daily` days, `weekly` ISO weeks or `monthly` months that
have a backup at all (a day without one uses up nothing, so a laptop shut for a month
keeps its history). What is kept must fit under `max_total_bytes`: past it the oldest
go first. Whatever else happens, the newest good backup is never deleted.

Days, weeks and months are those of the times given: callers pass local times.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timedelta
from typing import Final, NamedTuple

AUTO: Final = "auto"
MANUAL: Final = "manual"
BEFORE_RESTORE: Final = "before-restore"
BEFORE_IMPORT: Final = "before-import"
BEFORE_MIGRATION: Final = "before-migration"
BEFORE_REPAIR: Final = "before-repair"
KINDS: Final = (AUTO, MANUAL, BEFORE_RESTORE, BEFORE_IMPORT, BEFORE_MIGRATION, BEFORE_REPAIR)
SCHEDULED: Final = frozenset(KINDS) - {MANUAL}
SAFETY: Final = frozenset({BEFORE_RESTORE, BEFORE_IMPORT, BEFORE_MIGRATION, BEFORE_REPAIR})


class Snapshot(NamedTuple):
    """One backup file as the schedule sees it."""

    name: str
    taken_at: datetime
    kind: str
    size: int


class Schedule(NamedTuple):
    recent: int = 12
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    safety_days: int = 30
    max_total_bytes: int = 2 * 1024**3


DEFAULT_SCHEDULE: Final = Schedule()


def to_delete(
    snapshots: Iterable[Snapshot],
    *,
    now: datetime,
    protect: str | None,
    schedule: Schedule = DEFAULT_SCHEDULE,
) -> list[Snapshot]:
    """The backups the schedule lets go, oldest first. `protect` names the newest good
    backup, which is kept whatever the schedule says; kinds the schedule does not know
    (and `manual`) are never in the answer."""
    scheduled = sorted(
        (s for s in snapshots if s.kind in SCHEDULED), key=lambda s: s.taken_at, reverse=True
    )
    keep = _by_schedule(scheduled, now, schedule)
    keep = _under_cap([s for s in scheduled if s.name in keep], schedule.max_total_bytes)
    if protect is not None:
        keep.add(protect)
    return [s for s in reversed(scheduled) if s.name not in keep]


def _by_schedule(newest_first: list[Snapshot], now: datetime, schedule: Schedule) -> set[str]:
    keep = {s.name for s in newest_first[: schedule.recent]}
    buckets: tuple[tuple[int, Callable[[datetime], Hashable]], ...] = (
        (schedule.daily, lambda t: t.date()),
        (schedule.weekly, lambda t: t.isocalendar()[:2]),
        (schedule.monthly, lambda t: (t.year, t.month)),
    )
    for count, bucket in buckets:
        keep |= _newest_per_bucket(newest_first, bucket, count)
    young = now - timedelta(days=schedule.safety_days)
    keep |= {s.name for s in newest_first if s.kind in SAFETY and s.taken_at >= young}
    return keep


def _newest_per_bucket(
    newest_first: list[Snapshot], bucket: Callable[[datetime], Hashable], count: int
) -> set[str]:
    """The newest snapshot of each of the `count` newest buckets that hold one."""
    seen: dict[Hashable, str] = {}
    for snapshot in newest_first:
        key = bucket(snapshot.taken_at)
        if key not in seen:
            if len(seen) == count:
                break
            seen[key] = snapshot.name
    return set(seen.values())


def _under_cap(kept_newest_first: list[Snapshot], cap: int) -> set[str]:
    """The newest of the kept that fit under `cap` bytes together."""
    total, fits = 0, set()
    for snapshot in kept_newest_first:
        total += snapshot.size
        if total > cap:
            break
        fits.add(snapshot.name)
    return fits
