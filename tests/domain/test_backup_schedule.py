"""The rolling backup schedule: what it keeps, what it lets go, and what it never
touches."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain.backup_schedule import (
    AUTO,
    BEFORE_IMPORT,
    BEFORE_RESTORE,
    MANUAL,
    Schedule,
    Snapshot,
    to_delete,
)

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
MB = 1024 * 1024


def snap(hours_ago: float, kind: str = AUTO, size: int = MB) -> Snapshot:
    moment = NOW - timedelta(hours=hours_ago)
    return Snapshot(f"{kind}-{hours_ago}", moment, kind, size)


def kept(snapshots: list[Snapshot], **kwargs: object) -> set[str]:
    protect = kwargs.pop("protect", None)
    schedule = Schedule(**kwargs)  # type: ignore[arg-type]
    gone = to_delete(snapshots, now=NOW, protect=protect, schedule=schedule)  # type: ignore[arg-type]
    return {s.name for s in snapshots} - {s.name for s in gone}


def test_a_few_recent_backups_are_all_kept() -> None:
    snapshots = [snap(h) for h in range(0, 40, 4)]
    assert kept(snapshots) == {s.name for s in snapshots}


def test_one_a_day_one_a_week_one_a_month_beyond_the_recent_ones() -> None:
    # Every four hours for a year: 2,190 backups.
    snapshots = [snap(h) for h in range(0, 365 * 24, 4)]
    names = kept(snapshots)
    assert len(names) <= 12 + 7 + 4 + 12
    kept_times = sorted((s.taken_at for s in snapshots if s.name in names), reverse=True)
    assert kept_times[0] == NOW  # the newest
    # One for each of the last seven days, and one from about a year ago.
    days = {t.date() for t in kept_times}
    assert all((NOW - timedelta(days=n)).date() in days for n in range(7))
    assert min(kept_times) < NOW - timedelta(days=300)


def test_the_newest_of_each_day_is_the_one_kept() -> None:
    snapshots = [snap(h) for h in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)]
    snapshots += [snap(24 * 3 + h) for h in (0, 2, 4)]  # three on one older day
    names = kept(snapshots, recent=12)
    assert "auto-72" in names and "auto-74" not in names and "auto-76" not in names


def test_a_day_without_backups_uses_up_nothing() -> None:
    # A laptop closed for a month: the seven daily ones are the last seven days used.
    snapshots = [snap(24 * d) for d in range(7)] + [snap(24 * (40 + d)) for d in range(7)]
    names = kept(snapshots, recent=0, weekly=0, monthly=0)
    assert names == {s.name for s in snapshots[:7]}


def test_manual_backups_are_never_deleted_nor_counted() -> None:
    snapshots = [snap(24 * 400 + h, MANUAL, size=3000 * MB) for h in range(30)]
    snapshots.append(snap(1))
    assert kept(snapshots, recent=1, daily=0, weekly=0, monthly=0) == {s.name for s in snapshots}


def test_safety_copies_are_kept_for_their_days_then_thinned() -> None:
    young = [snap(24 * d, BEFORE_RESTORE) for d in range(1, 29)]
    old = [snap(24 * d, BEFORE_IMPORT) for d in range(31, 60)]
    names = kept(young + old, recent=0, daily=0, weekly=0, monthly=0)
    assert names == {s.name for s in young}


def test_the_size_cap_lets_the_oldest_go_first() -> None:
    snapshots = [snap(h, size=100 * MB) for h in range(12)]
    names = kept(snapshots, max_total_bytes=450 * MB)
    assert names == {f"auto-{h}" for h in range(4)}


def test_the_newest_good_backup_is_kept_whatever_the_cap() -> None:
    snapshots = [snap(0, size=10 * MB), snap(1, size=500 * MB)]
    names = kept(snapshots, max_total_bytes=100 * MB, protect="auto-1")
    assert names == {"auto-0", "auto-1"}  # auto-0 fits; auto-1 is protected
    assert kept([snap(0, size=500 * MB)], max_total_bytes=1, protect="auto-0") == {"auto-0"}


def test_kinds_it_does_not_know_are_left_alone() -> None:
    strange = Snapshot("someone-elses", NOW - timedelta(days=900), "before-sync-v9", MB)
    assert kept([strange, snap(0)], recent=1, daily=0, weekly=0, monthly=0) == {
        "someone-elses",
        "auto-0",
    }
