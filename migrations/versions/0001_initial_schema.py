"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    op.create_table(
        "goal_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64, collation="NOCASE"), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_categories")),
        sa.UniqueConstraint("name", name=op.f("uq_goal_categories_name")),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("estimate_minutes", sa.Integer(), nullable=True),
        sa.Column("due_date", sa.String(length=10), nullable=True),
        sa.Column("due_time", sa.String(length=5), nullable=True),
        sa.Column("horizon", sa.String(length=16), nullable=True),
        sa.Column("reading_pass", sa.Integer(), nullable=False),
        sa.Column("target_pass", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("completed_at", sa.String(length=32), nullable=True),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.CheckConstraint("priority BETWEEN 0 AND 3", name=op.f("ck_items_priority_range")),
        sa.CheckConstraint(
            "reading_pass BETWEEN 0 AND 3", name=op.f("ck_items_reading_pass_range")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["items.id"], name=op.f("fk_items_parent_id_items"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("uid", name=op.f("uq_items_uid")),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index("ix_items_completed_at", ["completed_at"], unique=False)
        batch_op.create_index("ix_items_due_date", ["due_date"], unique=False)
        batch_op.create_index("ix_items_parent_position", ["parent_id", "position"], unique=False)

    op.create_table(
        "log_days",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_log_days")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "study_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("reflection", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_units")),
        sa.UniqueConstraint("number", name=op.f("uq_study_units_number")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64, collation="NOCASE"), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "board_cards",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("col", sa.String(length=8), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("carried_over", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_board_cards_item_id_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_board_cards")),
    )
    with op.batch_alter_table("board_cards", schema=None) as batch_op:
        batch_op.create_index("ix_board_cards_week_col_rank", ["week", "col", "rank"], unique=False)

    op.create_table(
        "item_tags",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_tags_item_id_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_item_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", "tag_id", name=op.f("pk_item_tags")),
    )
    with op.batch_alter_table("item_tags", schema=None) as batch_op:
        batch_op.create_index("ix_item_tags_tag_id", ["tag_id"], unique=False)

    op.create_table(
        "log_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("end_day", sa.String(length=10), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["day"], ["log_days.day"], name=op.f("fk_log_entries_day_log_days"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_entries")),
        sa.UniqueConstraint("uid", name=op.f("uq_log_entries_uid")),
    )
    with op.batch_alter_table("log_entries", schema=None) as batch_op:
        batch_op.create_index("ix_log_entries_day_position", ["day", "position"], unique=False)

    op.create_table(
        "planned_weeks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("planned_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_planned_weeks_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_weeks")),
        sa.UniqueConstraint("item_id", "week", name="uq_planned_weeks_item_week"),
    )
    op.create_table(
        "unit_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("stretch", sa.Integer(), nullable=True),
        sa.Column("adjustment", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["goal_categories.id"],
            name=op.f("fk_unit_goals_category_id_goal_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["study_units.id"],
            name=op.f("fk_unit_goals_unit_id_study_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_goals")),
    )
    op.create_table(
        "goal_items",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["unit_goals.id"],
            name=op.f("fk_goal_items_goal_id_unit_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_goal_items_item_id_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("goal_id", "item_id", name=op.f("pk_goal_items")),
    )

    # Full-text search over titles and notes. The trigram tokenizer matches any
    # substring of three characters or more, which is what Chinese text needs
    # (there are no spaces to split words on). External content: the index stores
    # no copy of the text; triggers keep it current.
    op.execute(
        "CREATE VIRTUAL TABLE items_fts USING fts5("
        "title, notes, content='items', content_rowid='id', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN "
        "INSERT INTO items_fts(rowid, title, notes) VALUES (new.id, new.title, new.notes); END"
    )
    op.execute(
        "CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN "
        "INSERT INTO items_fts(items_fts, rowid, title, notes) "
        "VALUES ('delete', old.id, old.title, old.notes); END"
    )
    op.execute(
        "CREATE TRIGGER items_fts_au AFTER UPDATE OF title, notes ON items BEGIN "
        "INSERT INTO items_fts(items_fts, rowid, title, notes) "
        "VALUES ('delete', old.id, old.title, old.notes); "
        "INSERT INTO items_fts(rowid, title, notes) VALUES (new.id, new.title, new.notes); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS items_fts_au")
    op.execute("DROP TRIGGER IF EXISTS items_fts_ad")
    op.execute("DROP TRIGGER IF EXISTS items_fts_ai")
    op.execute("DROP TABLE IF EXISTS items_fts")
    op.drop_table("goal_items")
    op.drop_table("unit_goals")
    op.drop_table("planned_weeks")
    with op.batch_alter_table("log_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_log_entries_day_position")

    op.drop_table("log_entries")
    with op.batch_alter_table("item_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_item_tags_tag_id")

    op.drop_table("item_tags")
    with op.batch_alter_table("board_cards", schema=None) as batch_op:
        batch_op.drop_index("ix_board_cards_week_col_rank")

    op.drop_table("board_cards")
    op.drop_table("tags")
    op.drop_table("study_units")
    op.drop_table("settings")
    op.drop_table("log_days")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_parent_position")
        batch_op.drop_index("ix_items_due_date")
        batch_op.drop_index("ix_items_completed_at")

    op.drop_table("items")
    op.drop_table("goal_categories")
    op.drop_table("change_log")
