"""The week's time report over five years of time entries (target: <= 50 ms).

The store holds `--years` years (5) of entries, about eleven a day (~20,000) over 300
items with tags and goal categories, and a few blocks a day; the report is the one
`rizhi report time` and the report window build for a board week, timed over `--runs`
weeks spread over the years. The floor, timed in the same run, is the two reads any
report needs (the week's entries and blocks) without building anything from them.

    .venv/bin/python bench/time_report.py [--runs 50] [--years 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.ids import new_uid
from app.domain.time_days import midnight
from app.domain.weeks import Week
from app.services.time_report import time_report, week_span
from app.store import time_rows
from app.store.db import Store
from app.store.formats import utc_text
from bench.common import save, summary

TARGET_MS = 50.0
ZONE = ZoneInfo("Europe/Berlin")
TAGS = ("paper", "coding", "ssl", "writing", "lecture", "admin")


def seed(store: Store, years: int, rng: random.Random) -> tuple[date, int]:
    """Entries and blocks from `years` years before today to today; (first day, entries)."""
    now = datetime.now(UTC)
    first = now.date() - timedelta(days=365 * years)
    with store.raw_write() as conn:
        stamp = utc_text(now)
        conn.executemany(
            "INSERT INTO tags (name) VALUES (?) ON CONFLICT DO NOTHING", [(t,) for t in TAGS]
        )
        items = []
        for n in range(300):
            cursor = conn.execute(
                "INSERT INTO items (uid, kind, title, notes, position, priority, reading_pass,"
                " created_at, updated_at) VALUES (?, ?, ?, '', ?, 0, 0, ?, ?)",
                (new_uid(), "paper" if n % 4 == 0 else "task", f"Item {n}", n, stamp, stamp),
            )
            items.append(int(cursor.lastrowid or 0))
        conn.executemany(
            "INSERT INTO item_tags (item_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
            [(item, TAGS[item % len(TAGS)]) for item in items],
        )
        entries, blocks = [], []
        day = first
        while day <= now.date():
            start = midnight(day, ZONE) + timedelta(hours=7)
            for _ in range(11):
                start += timedelta(minutes=rng.randint(5, 40))
                end = start + timedelta(minutes=rng.randint(10, 50))
                item = rng.choice(items) if rng.random() < 0.95 else None
                entries.append((new_uid(), item, utc_text(start), utc_text(end), stamp))
                start = end
            for hour in (9, 11, 14, 16):
                blocks.append((new_uid(), day.isoformat(), hour * 60, 60, rng.choice(items), stamp))
            day += timedelta(days=1)
        conn.executemany(
            "INSERT INTO time_entries (uid, item_id, started_at, ended_at, source, note,"
            " created_at) VALUES (?, ?, ?, ?, 'manual', '', ?)",
            entries,
        )
        conn.executemany(
            "INSERT INTO time_blocks (uid, day, start_minute, minutes, item_id, title,"
            " created_at) VALUES (?, ?, ?, ?, ?, '', ?)",
            blocks,
        )
    return first, len(entries)


def timed(run: object, weeks: list[Week]) -> list[float]:
    assert callable(run)
    times = []
    for week in weeks:
        start = time.perf_counter()
        run(week)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        store = Store.open(home / "rizhi.sqlite3", home / "backups")
        first, count = seed(store, args.years, rng)
        now = datetime.now(UTC)
        span_weeks = (now.date() - first).days // 7
        weeks = [
            Week.of(first + timedelta(weeks=rng.randrange(span_weeks))) for _ in range(args.runs)
        ]
        weeks.append(Week.of(now.date()))

        def report(week: Week) -> None:
            time_report(store, week_span(week), now=now, zone=ZONE)

        def floor(week: Week) -> None:
            span = week_span(week)
            time_rows.blocks_between(store.raw, span.first, span.last)
            end = midnight(span.last + timedelta(days=1), ZONE)
            time_rows.entries_between(store.raw, midnight(span.first, ZONE), end)

        report(weeks[0])  # the first run warms SQLite's page cache, as an open window has
        floors = timed(floor, weeks)
        reports = timed(report, weeks)
        store.close()
    week_ms, floor_ms = summary(reports), summary(floors)
    result = {"entries": count, "week_report_ms": week_ms, "floor_ms": floor_ms}
    path = save("time_report", {**result, "target_ms": TARGET_MS})
    print(
        f"week time report over {count:,} entries: median {week_ms['median']:.1f} ms, "
        f"p95 {week_ms['p95']:.1f} ms (floor, the week's reads alone: median "
        f"{floor_ms['median']:.1f} ms; target <= {TARGET_MS:.0f} ms)"
    )
    print(f"saved {path}")
    return 0 if week_ms["p95"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
