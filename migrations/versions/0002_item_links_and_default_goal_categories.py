"""item links and default goal categories

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "item_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_links_item_id_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_links")),
    )
    with op.batch_alter_table("item_links", schema=None) as batch_op:
        batch_op.create_index(
            "ix_item_links_item_id_position", ["item_id", "position"], unique=False
        )

    # The categories a 10-day study unit starts with; users rename, recolour and add.
    categories = sa.table(
        "goal_categories",
        sa.column("name", sa.String),
        sa.column("color", sa.String),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        categories,
        [
            {"name": "Lectures", "color": "#2563eb", "position": 0},
            {"name": "Papers", "color": "#16a34a", "position": 1},
            {"name": "Math", "color": "#9333ea", "position": 2},
            {"name": "Coding", "color": "#ea580c", "position": 3},
        ],
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM goal_categories WHERE name IN ('Lectures', 'Papers', 'Math', 'Coding')"
        " AND id NOT IN (SELECT category_id FROM unit_goals)"
    )
    with op.batch_alter_table("item_links", schema=None) as batch_op:
        batch_op.drop_index("ix_item_links_item_id_position")

    op.drop_table("item_links")
