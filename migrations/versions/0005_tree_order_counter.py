"""tree order counter

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

A counter that moves whenever the backlog's tree order may have changed (an item added
or removed, or its parent or position changed), by any connection. Undo snapshots read
the order of 50,000 items only when it moved; a card moved on the board leaves it alone.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUMP = "UPDATE tree_order SET version = version + 1"


def upgrade() -> None:
    op.execute("CREATE TABLE tree_order (version INTEGER NOT NULL)")
    op.execute("INSERT INTO tree_order (version) VALUES (0)")
    op.execute(f"CREATE TRIGGER tree_order_ai AFTER INSERT ON items BEGIN {BUMP}; END")
    op.execute(f"CREATE TRIGGER tree_order_ad AFTER DELETE ON items BEGIN {BUMP}; END")
    op.execute(
        "CREATE TRIGGER tree_order_au AFTER UPDATE OF parent_id, position ON items"
        f" WHEN old.parent_id IS NOT new.parent_id OR old.position IS NOT new.position"
        f" BEGIN {BUMP}; END"
    )


def downgrade() -> None:
    for trigger in ("tree_order_au", "tree_order_ad", "tree_order_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS tree_order")
