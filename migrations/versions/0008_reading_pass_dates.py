"""the day each reading pass was reached

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-14

- `reading_passes` keeps when an item reached each reading pass: a row per pass from
  the first up to the item's `reading_pass`. A paper counts toward a unit's goal on the
  day it reaches its chosen pass, ticked done or not, so that day must be kept.
- Items already past pass 0 get their rows now. The store never kept the day, so each
  pass reached is dated by what is known: a completed item's completion (or its last
  change, if that came first), an open one's last change (`updated_at`, the last moment
  it is known to have stood at that pass). A completed paper therefore still counts on
  the day it counted before.
- The rows belong to their item, as its reading notes do: a change to them is a change
  of the item for sync (its `rev` moves, by triggers written out like 0007's). They are
  made after the existing rows are filled in, so the upgrade itself moves no revision.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE = """CREATE TABLE reading_passes (
	item_id INTEGER NOT NULL,
	pass INTEGER NOT NULL,
	reached_at VARCHAR(32) NOT NULL,
	CONSTRAINT pk_reading_passes PRIMARY KEY (item_id, pass),
	CONSTRAINT ck_reading_passes_pass_range CHECK ("pass" BETWEEN 1 AND 3),
	CONSTRAINT fk_reading_passes_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)"""
INDEX = "CREATE INDEX ix_reading_passes_reached_at ON reading_passes (reached_at)"

# Every pass up to the item's own, dated as the docstring says. Stored times are ISO
# text in UTC of one width, so comparing the text compares the moments.
FILL = """INSERT INTO reading_passes (item_id, "pass", reached_at)
SELECT items.id, passes.n,
       CASE WHEN completed_at IS NOT NULL AND completed_at < updated_at
            THEN completed_at ELSE updated_at END
FROM items JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS passes
  ON passes.n <= items.reading_pass"""

TOUCH = "UPDATE items SET rev = rev WHERE id"
TRIGGERS = {
    "reading_passes_rev_ai": f"AFTER INSERT ON reading_passes BEGIN {TOUCH} = new.item_id; END",
    "reading_passes_rev_au": "AFTER UPDATE ON reading_passes BEGIN "
    f"{TOUCH} IN (old.item_id, new.item_id); END",
    "reading_passes_rev_ad": f"AFTER DELETE ON reading_passes BEGIN {TOUCH} = old.item_id; END",
}


def upgrade() -> None:
    op.execute(CREATE)
    op.execute(INDEX)
    op.execute(FILL)
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP INDEX ix_reading_passes_reached_at")
    op.execute("DROP TABLE reading_passes")
