"""unit reviews, category kinds, journal import and log search

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

- A goal category names the item kinds that count for it (a paper counts for Papers).
- A closed unit keeps each goal's achieved count as it stood at the review, and what
  the review decided for each unfinished item (carry, backlog, drop).
- Log entries keep the heading text after their date, a key that makes re-importing
  the same journal a no-op, and any anomaly the importer flagged (a typo'd date).
- Journal notes hold what a journal says outside its dated days (front matter, a
  title, to-do sections before the first date).
- Full-text search over the log, trigram like the items index, so Chinese matches.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("goal_categories", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kinds", sa.Text(), nullable=False, server_default=""))
    op.execute("UPDATE goal_categories SET kinds = 'paper' WHERE name = 'Papers'")

    with op.batch_alter_table("unit_goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("achieved_at_review", sa.Integer(), nullable=True))

    op.create_table(
        "unit_review_items",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["study_units.id"],
            name=op.f("fk_unit_review_items_unit_id_study_units"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_unit_review_items_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_id", "item_id", name=op.f("pk_unit_review_items")),
    )

    with op.batch_alter_table("log_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("heading", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("import_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("anomaly", sa.Text(), nullable=True))
        batch_op.create_index("ix_log_entries_import_key", ["import_key"], unique=True)

    op.create_table(
        "journal_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("import_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_notes")),
        sa.UniqueConstraint("uid", name=op.f("uq_journal_notes_uid")),
        sa.UniqueConstraint("import_key", name=op.f("uq_journal_notes_import_key")),
    )

    op.execute(
        "CREATE VIRTUAL TABLE log_fts USING fts5("
        "heading, body, content='log_entries', content_rowid='id', tokenize='trigram')"
    )
    op.execute("INSERT INTO log_fts(log_fts) VALUES ('rebuild')")
    op.execute(
        "CREATE TRIGGER log_fts_ai AFTER INSERT ON log_entries BEGIN "
        "INSERT INTO log_fts(rowid, heading, body) VALUES (new.id, new.heading, new.body); END"
    )
    op.execute(
        "CREATE TRIGGER log_fts_ad AFTER DELETE ON log_entries BEGIN "
        "INSERT INTO log_fts(log_fts, rowid, heading, body) "
        "VALUES ('delete', old.id, old.heading, old.body); END"
    )
    op.execute(
        "CREATE TRIGGER log_fts_au AFTER UPDATE OF heading, body ON log_entries BEGIN "
        "INSERT INTO log_fts(log_fts, rowid, heading, body) "
        "VALUES ('delete', old.id, old.heading, old.body); "
        "INSERT INTO log_fts(rowid, heading, body) VALUES (new.id, new.heading, new.body); END"
    )


def downgrade() -> None:
    for trigger in ("log_fts_au", "log_fts_ad", "log_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS log_fts")
    op.drop_table("journal_notes")
    with op.batch_alter_table("log_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_log_entries_import_key")
        batch_op.drop_column("anomaly")
        batch_op.drop_column("import_key")
        batch_op.drop_column("heading")
    op.drop_table("unit_review_items")
    with op.batch_alter_table("unit_goals", schema=None) as batch_op:
        batch_op.drop_column("achieved_at_review")
    with op.batch_alter_table("goal_categories", schema=None) as batch_op:
        batch_op.drop_column("kinds")
