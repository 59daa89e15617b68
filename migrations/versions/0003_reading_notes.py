"""reading notes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Notes per reading pass of a paper (1 to 3); one row per pass that has notes.
    op.create_table(
        "reading_notes",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("pass", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint('"pass" BETWEEN 1 AND 3', name=op.f("ck_reading_notes_pass_range")),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_reading_notes_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "pass", name=op.f("pk_reading_notes")),
    )


def downgrade() -> None:
    op.drop_table("reading_notes")
