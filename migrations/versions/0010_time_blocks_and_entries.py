"""time blocks, time entries and the focus timer

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08

- `time_blocks`: the day planner's plans. A block lies on one local day (`day`), from
  `start_minute` after that day's midnight for `minutes`, in wall-clock time, so a plan
  for 14:00 stays at 14:00 whatever the zone's offset that day. It is tied to an item,
  or stands alone with a title ("Group meeting"). Blocks may overlap.
- `time_entries`: the time actually spent, as moments in UTC (a stretch across midnight
  or a clock change keeps its true length), with the way it was recorded (`source`:
  timer, pomodoro or manual). An entry without an end is the one running now.
- `focus_timer`: the running focus timer, one row at most (its key is always 1), so one
  timer runs across the window, the command line and the background instance. It holds
  what the timer is on, its mode (count-up or Pomodoro), the phase (focus, break, long
  break, or ready for the next pomodoro), when the phase started and ends, and the
  running entry.
- `unit_goals.measure`: a goal counts items (as before) or minutes of time entries
  ("coding=6h" is 360 minutes); `target` and `stretch` are in that measure.
- Blocks and entries are rows a sync could carry (uid, revision, tombstones, triggers
  written out as 0007's); the timer is this machine's state and has none.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BLOCKS = """CREATE TABLE time_blocks (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	uid VARCHAR(36) NOT NULL,
	day VARCHAR(10) NOT NULL,
	start_minute INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	item_id INTEGER,
	title TEXT NOT NULL,
	created_at VARCHAR(32) NOT NULL,
	rev INTEGER DEFAULT '0' NOT NULL,
	CONSTRAINT ck_time_blocks_within_day CHECK (start_minute >= 0 AND minutes > 0 AND start_minute + minutes <= 1440),
	CONSTRAINT fk_time_blocks_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE,
	CONSTRAINT uq_time_blocks_uid UNIQUE (uid)
)"""
ENTRIES = """CREATE TABLE time_entries (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	uid VARCHAR(36) NOT NULL,
	item_id INTEGER,
	block_id INTEGER,
	started_at VARCHAR(32) NOT NULL,
	ended_at VARCHAR(32),
	source VARCHAR(8) NOT NULL,
	note TEXT NOT NULL,
	created_at VARCHAR(32) NOT NULL,
	rev INTEGER DEFAULT '0' NOT NULL,
	CONSTRAINT ck_time_entries_source_kind CHECK (source IN ('timer', 'pomodoro', 'manual')),
	CONSTRAINT ck_time_entries_ends_after_start CHECK (ended_at IS NULL OR ended_at >= started_at),
	CONSTRAINT fk_time_entries_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE,
	CONSTRAINT fk_time_entries_block_id_time_blocks FOREIGN KEY(block_id) REFERENCES time_blocks (id) ON DELETE SET NULL,
	CONSTRAINT uq_time_entries_uid UNIQUE (uid)
)"""
TIMER = """CREATE TABLE focus_timer (
	id INTEGER NOT NULL,
	mode VARCHAR(8) NOT NULL,
	phase VARCHAR(10) NOT NULL,
	item_id INTEGER,
	block_id INTEGER,
	entry_id INTEGER,
	phase_started_at VARCHAR(32) NOT NULL,
	phase_ends_at VARCHAR(32),
	pomodoros INTEGER NOT NULL,
	CONSTRAINT pk_focus_timer PRIMARY KEY (id),
	CONSTRAINT ck_focus_timer_one_timer CHECK (id = 1),
	CONSTRAINT ck_focus_timer_mode_kind CHECK (mode IN ('timer', 'pomodoro')),
	CONSTRAINT ck_focus_timer_phase_kind CHECK (phase IN ('focus', 'break', 'long_break', 'ready')),
	CONSTRAINT fk_focus_timer_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE SET NULL,
	CONSTRAINT fk_focus_timer_block_id_time_blocks FOREIGN KEY(block_id) REFERENCES time_blocks (id) ON DELETE SET NULL,
	CONSTRAINT fk_focus_timer_entry_id_time_entries FOREIGN KEY(entry_id) REFERENCES time_entries (id) ON DELETE SET NULL
)"""
INDEXES = {
    "ix_time_blocks_day_start_minute": "time_blocks (day, start_minute)",
    "ix_time_blocks_item_id": "time_blocks (item_id)",
    "ix_time_blocks_rev": "time_blocks (rev)",
    "ix_time_entries_started_at": "time_entries (started_at)",
    "ix_time_entries_item_id_started_at": "time_entries (item_id, started_at)",
    "ix_time_entries_block_id": "time_entries (block_id)",
    "ix_time_entries_rev": "time_entries (rev)",
    # Entries running or longer than a day: the few that a search for the entries
    # overlapping a time cannot bound by their start (app/store/time_rows.py).
    "ix_time_entries_long": "time_entries (started_at) WHERE ended_at IS NULL"
    " OR julianday(ended_at) - julianday(started_at) >= 1.0",
}

NOW = "strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000+00:00'"
BUMP = "UPDATE store_revision SET value = value + 1;"


def _revision_triggers(table: str) -> dict[str, str]:
    stamp = f"UPDATE {table} SET rev = (SELECT value FROM store_revision) WHERE id = new.id;"
    return {
        f"{table}_rev_ai": f"AFTER INSERT ON {table} BEGIN {BUMP} {stamp}"
        f" DELETE FROM tombstones WHERE tbl = '{table}' AND uid = new.uid; END",
        f"{table}_rev_au": f"AFTER UPDATE ON {table} WHEN new.rev IS old.rev BEGIN {BUMP} {stamp} END",
        f"{table}_rev_ad": f"AFTER DELETE ON {table} BEGIN {BUMP}"
        " INSERT OR REPLACE INTO tombstones (tbl, uid, rev, at)"
        f" SELECT '{table}', old.uid, value, {NOW} FROM store_revision; END",
    }


GOAL_MEASURE = "ALTER TABLE unit_goals ADD COLUMN measure VARCHAR(8) DEFAULT 'items' NOT NULL"

TRIGGERS = _revision_triggers("time_blocks") | _revision_triggers("time_entries")


def upgrade() -> None:
    op.execute(BLOCKS)
    op.execute(ENTRIES)
    op.execute(TIMER)
    for name, target in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(GOAL_MEASURE)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("DROP TABLE focus_timer")
    op.execute("DROP TABLE time_entries")
    op.execute("DROP TABLE time_blocks")
    op.execute("ALTER TABLE unit_goals DROP COLUMN measure")
