"""reminders and repeating items

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-21

- `reminders`: an item's reminders. Each is set at an absolute wall-clock time
  (`anchor` 'at', `at_time`) or relative to the item's due date and time (`anchor`
  'due': `before_minutes` before it, or, with `clock`, at that time of the day
  `before_minutes` before the due date). `next_fire` is the next time it fires as local
  wall-clock text (YYYY-MM-DDTHH:MM), so a reminder follows the user's zone when it
  changes; it is indexed, because a scheduler only asks what falls due next.
- A reminder is claimed in one UPDATE before it is shown (`state` 'claimed',
  `claimed_by`, `lease_until` in UTC: a lease measures elapsed time, not the wall
  clock); a claim whose process died is claimable again once its lease has run out.
  `snooze_until` (wall clock) keeps a snooze across restarts.
- A reminder is a row a sync could carry: its own uid and revision, a tombstone when
  it goes (triggers written out like 0007's).
- Items repeat by an RFC 5545 RRULE (`repeat_rule`), counted from the due date or,
  with `repeat_from_completion`, from the day an occurrence was completed.
- `repeat_history` keeps each occurrence of a repeating item that was completed or
  skipped, so moving the item to its next occurrence loses nothing. Its rows belong to
  their item, as reading passes do: a change to them is a change of the item.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REMINDERS = """CREATE TABLE reminders (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	uid VARCHAR(36) NOT NULL,
	item_id INTEGER NOT NULL,
	anchor VARCHAR(8) NOT NULL,
	at_time VARCHAR(16),
	before_minutes INTEGER,
	clock VARCHAR(5),
	next_fire VARCHAR(16),
	state VARCHAR(8) NOT NULL,
	claimed_by VARCHAR(64),
	lease_until VARCHAR(32),
	snooze_until VARCHAR(16),
	shown_at VARCHAR(32),
	created_at VARCHAR(32) NOT NULL,
	rev INTEGER DEFAULT '0' NOT NULL,
	CONSTRAINT ck_reminders_anchor_kind CHECK (anchor IN ('at', 'due')),
	CONSTRAINT ck_reminders_state_kind CHECK (state IN ('pending', 'claimed', 'shown', 'snoozed', 'done')),
	CONSTRAINT fk_reminders_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE,
	CONSTRAINT uq_reminders_uid UNIQUE (uid)
)"""
HISTORY = """CREATE TABLE repeat_history (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	item_id INTEGER NOT NULL,
	due_date VARCHAR(10) NOT NULL,
	due_time VARCHAR(5),
	outcome VARCHAR(8) NOT NULL,
	at VARCHAR(32) NOT NULL,
	CONSTRAINT ck_repeat_history_outcome_kind CHECK (outcome IN ('done', 'skipped')),
	CONSTRAINT fk_repeat_history_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)"""
INDEXES = {
    "ix_reminders_next_fire": "reminders (next_fire)",
    "ix_reminders_item_id": "reminders (item_id)",
    "ix_reminders_rev": "reminders (rev)",
    "ix_repeat_history_item_id_due_date": "repeat_history (item_id, due_date)",
}
ITEM_COLUMNS = (
    "ALTER TABLE items ADD COLUMN repeat_rule TEXT",
    "ALTER TABLE items ADD COLUMN repeat_from_completion INTEGER DEFAULT '0' NOT NULL",
)

NOW = "strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000+00:00'"
BUMP = "UPDATE store_revision SET value = value + 1;"
STAMP = "UPDATE reminders SET rev = (SELECT value FROM store_revision) WHERE id = new.id;"
TOUCH = "UPDATE items SET rev = rev WHERE id"
TRIGGERS = {
    "reminders_rev_ai": f"AFTER INSERT ON reminders BEGIN {BUMP} {STAMP}"
    " DELETE FROM tombstones WHERE tbl = 'reminders' AND uid = new.uid; END",
    "reminders_rev_au": f"AFTER UPDATE ON reminders WHEN new.rev IS old.rev BEGIN {BUMP} {STAMP} END",
    "reminders_rev_ad": f"AFTER DELETE ON reminders BEGIN {BUMP}"
    " INSERT OR REPLACE INTO tombstones (tbl, uid, rev, at)"
    f" SELECT 'reminders', old.uid, value, {NOW} FROM store_revision; END",
    "repeat_history_rev_ai": f"AFTER INSERT ON repeat_history BEGIN {TOUCH} = new.item_id; END",
    "repeat_history_rev_au": "AFTER UPDATE ON repeat_history BEGIN "
    f"{TOUCH} IN (old.item_id, new.item_id); END",
    "repeat_history_rev_ad": f"AFTER DELETE ON repeat_history BEGIN {TOUCH} = old.item_id; END",
}


def upgrade() -> None:
    op.execute(REMINDERS)
    op.execute(HISTORY)
    for name, target in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")
    for statement in ITEM_COLUMNS:
        op.execute(statement)
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("DROP TABLE repeat_history")
    op.execute("DROP TABLE reminders")
    op.execute("ALTER TABLE items DROP COLUMN repeat_from_completion")
    op.execute("ALTER TABLE items DROP COLUMN repeat_rule")
