"""The schema, as SQLAlchemy 2 typed ORM classes. Alembic migrations must match it
(a test runs autogenerate and expects no difference).

Designed for the whole product: items and their tags, board placement with the trail
of weeks an item was planned in, 10-day study units with goals, and the daily log.
reminders and repeat rules, time blocks, time entries and the focus timer. Sync links
arrive in a later migration.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.domain.ids import new_uid
from app.store.types import IsoDate, IsoTime, UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Row ids are never reused (a sync link or an undo step that names a deleted row must
# never find another row under its id), so tables with their own ids AUTOINCREMENT.
AUTOINCREMENT = {"sqlite_autoincrement": True}


def uid_column() -> Mapped[str]:
    """A stable identity across stores and sync services."""
    return mapped_column(String(36), unique=True, default=new_uid)


def rev_column() -> Mapped[int]:
    """The store-wide revision of the row's last change, set by triggers (app/store/
    revisions.py); never written by the app."""
    return mapped_column(Integer, server_default="0", index=True)


class Item(Base):
    """Anything in the backlog: task, idea, paper, experiment or note."""

    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint("reading_pass BETWEEN 0 AND 3", name="reading_pass_range"),
        CheckConstraint("priority BETWEEN 0 AND 3", name="priority_range"),
        Index("ix_items_parent_position", "parent_id", "position"),
        # A filtered backlog is listed in this order; walking the index lets SQLite stop
        # after one page of matches instead of sorting every match.
        Index("ix_items_position_id", "position", "id"),
        Index("ix_items_completed_at", "completed_at"),
        Index("ix_items_due_date", "due_date"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    kind: Mapped[str] = mapped_column(String(16), default="task")
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    estimate_minutes: Mapped[int | None] = mapped_column(Integer)
    due_date: Mapped[date | None] = mapped_column(IsoDate)
    due_time: Mapped[time | None] = mapped_column(IsoTime)
    horizon: Mapped[str | None] = mapped_column(String(16))
    reading_pass: Mapped[int] = mapped_column(Integer, default=0)
    target_pass: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    rev: Mapped[int] = rev_column()
    # An RFC 5545 RRULE (app/domain/repeats.py); counted from the day an occurrence was
    # completed rather than from its due date when the flag is set.
    repeat_rule: Mapped[str | None] = mapped_column(Text)
    repeat_from_completion: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    tags: Mapped[list[Tag]] = relationship(secondary="item_tags", order_by="Tag.name")
    card: Mapped[BoardCard | None] = relationship(back_populates="item")


class ItemLink(Base):
    """A URL attached to an item: the paper's PDF, a repository, a blog post."""

    __tablename__ = "item_links"
    __table_args__ = (Index("ix_item_links_item_id_position", "item_id", "position"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ReadingNote(Base):
    """What one pass of reading a paper yielded (first skim, careful read, re-derivation)."""

    __tablename__ = "reading_notes"
    __table_args__ = (CheckConstraint('"pass" BETWEEN 1 AND 3', name="pass_range"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    # `pass` is a Python keyword, so the attribute carries an underscore.
    pass_: Mapped[int] = mapped_column("pass", Integer, primary_key=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReadingPass(Base):
    """When an item reached one reading pass: a row for each pass from the first up to
    the item's `reading_pass` (lowering the pass removes the rows above it). A paper
    counts toward a unit's goal on the day it reaches its chosen pass (docs/units.md)."""

    __tablename__ = "reading_passes"
    __table_args__ = (
        CheckConstraint('"pass" BETWEEN 1 AND 3', name="pass_range"),
        Index("ix_reading_passes_reached_at", "reached_at"),
    )

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    pass_: Mapped[int] = mapped_column("pass", Integer, primary_key=True)
    reached_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Reminder(Base):
    """When to remind of an item: at a wall-clock time, or relative to its due date and
    time; the next fire time and the claim that makes a reminder shown once
    (docs/reminders.md)."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint("anchor IN ('at', 'due')", name="anchor_kind"),
        CheckConstraint(
            "state IN ('pending', 'claimed', 'shown', 'snoozed', 'done')", name="state_kind"
        ),
        Index("ix_reminders_next_fire", "next_fire"),
        Index("ix_reminders_item_id", "item_id"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    anchor: Mapped[str] = mapped_column(String(8))
    # Wall-clock times are local text, YYYY-MM-DDTHH:MM, so they follow the user's zone.
    at_time: Mapped[str | None] = mapped_column(String(16))
    before_minutes: Mapped[int | None] = mapped_column(Integer)
    clock: Mapped[str | None] = mapped_column(String(5))
    next_fire: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(8))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    # A lease measures elapsed time, so it is kept in UTC like every other moment.
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    snooze_until: Mapped[str | None] = mapped_column(String(16))
    shown_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rev: Mapped[int] = rev_column()


class TimeBlock(Base):
    """A stretch of one local day planned for an item, or standing alone with a title;
    wall-clock minutes after that day's midnight (docs/timeboxing.md)."""

    __tablename__ = "time_blocks"
    __table_args__ = (
        CheckConstraint(
            "start_minute >= 0 AND minutes > 0 AND start_minute + minutes <= 1440",
            name="within_day",
        ),
        Index("ix_time_blocks_day_start_minute", "day", "start_minute"),
        Index("ix_time_blocks_item_id", "item_id"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    day: Mapped[date] = mapped_column(IsoDate)
    start_minute: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rev: Mapped[int] = rev_column()


# Entries running or longer than a day, indexed apart: the only ones a search for
# entries overlapping a time cannot bound by their start.
LONG_ENTRY = "ended_at IS NULL OR julianday(ended_at) - julianday(started_at) >= 1.0"


class TimeEntry(Base):
    """Time spent, as moments in UTC; no end while it runs."""

    __tablename__ = "time_entries"
    __table_args__ = (
        CheckConstraint("source IN ('timer', 'pomodoro', 'manual')", name="source_kind"),
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
        Index("ix_time_entries_started_at", "started_at"),
        Index("ix_time_entries_item_id_started_at", "item_id", "started_at"),
        Index("ix_time_entries_block_id", "block_id"),
        Index("ix_time_entries_long", "started_at", sqlite_where=text(LONG_ENTRY)),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    block_id: Mapped[int | None] = mapped_column(ForeignKey("time_blocks.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rev: Mapped[int] = rev_column()


class FocusTimer(Base):
    """The one running focus timer (its key is always 1)."""

    __tablename__ = "focus_timer"
    __table_args__ = (
        CheckConstraint("id = 1", name="one_timer"),
        CheckConstraint("mode IN ('timer', 'pomodoro')", name="mode_kind"),
        CheckConstraint("phase IN ('focus', 'break', 'long_break', 'ready')", name="phase_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mode: Mapped[str] = mapped_column(String(8))
    phase: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    block_id: Mapped[int | None] = mapped_column(ForeignKey("time_blocks.id", ondelete="SET NULL"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("time_entries.id", ondelete="SET NULL"))
    phase_started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    phase_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pomodoros: Mapped[int] = mapped_column(Integer)


class RepeatOccurrence(Base):
    """An occurrence of a repeating item that was completed or skipped, kept when the
    item moves on to its next occurrence."""

    __tablename__ = "repeat_history"
    __table_args__ = (
        CheckConstraint("outcome IN ('done', 'skipped')", name="outcome_kind"),
        Index("ix_repeat_history_item_id_due_date", "item_id", "due_date"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    due_date: Mapped[date] = mapped_column(IsoDate)
    due_time: Mapped[time | None] = mapped_column(IsoTime)
    outcome: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64, collation="NOCASE"), unique=True)
    color: Mapped[str | None] = mapped_column(String(9))


class ItemTag(Base):
    __tablename__ = "item_tags"
    __table_args__ = (Index("ix_item_tags_tag_id", "tag_id"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class BoardCard(Base):
    """Where an item sits on the weekly board: one placement per item at a time."""

    __tablename__ = "board_cards"
    __table_args__ = (Index("ix_board_cards_week_col_rank", "week", "col", "rank"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    week: Mapped[str] = mapped_column(String(8))
    # "column" is an SQL keyword; the database calls it `col`.
    column: Mapped[str] = mapped_column("col", String(8))
    rank: Mapped[int] = mapped_column(Integer)
    carried_over: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[Item] = relationship(back_populates="card")


class PlannedWeek(Base):
    """The trail of weeks an item was planned in, kept when cards carry over."""

    __tablename__ = "planned_weeks"
    __table_args__ = (
        UniqueConstraint("item_id", "week", name="uq_planned_weeks_item_week"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    planned_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GoalCategory(Base):
    __tablename__ = "goal_categories"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    name: Mapped[str] = mapped_column(String(64, collation="NOCASE"), unique=True)
    color: Mapped[str] = mapped_column(String(9), default="#6b7280")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Item kinds that count for this category, space-separated ("paper" for Papers).
    kinds: Mapped[str] = mapped_column(Text, default="", server_default="")
    rev: Mapped[int] = rev_column()


class StudyUnit(Base):
    """A run of days (10 by default) with goals and, once closed, a review."""

    __tablename__ = "study_units"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    number: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date] = mapped_column(IsoDate)
    days: Mapped[int] = mapped_column(Integer, default=10)
    reflection: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    rev: Mapped[int] = rev_column()

    goals: Mapped[list[UnitGoal]] = relationship(
        back_populates="unit", order_by="UnitGoal.position", cascade="all, delete-orphan"
    )


class UnitGoal(Base):
    __tablename__ = "unit_goals"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    unit_id: Mapped[int] = mapped_column(ForeignKey("study_units.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("goal_categories.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[int] = mapped_column(Integer, default=1)
    stretch: Mapped[int | None] = mapped_column(Integer)
    adjustment: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The achieved count frozen when the unit's review closed it.
    achieved_at_review: Mapped[int | None] = mapped_column(Integer)
    rev: Mapped[int] = rev_column()
    # What the goal counts: "items", or "minutes" of time entries (target in minutes).
    measure: Mapped[str] = mapped_column(String(8), server_default="items", default="items")

    unit: Mapped[StudyUnit] = relationship(back_populates="goals")
    category: Mapped[GoalCategory] = relationship()


class GoalItem(Base):
    __tablename__ = "goal_items"

    goal_id: Mapped[int] = mapped_column(
        ForeignKey("unit_goals.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )


class UnitReviewItem(Base):
    """What a unit's review decided for one unfinished item: carry, backlog or drop."""

    __tablename__ = "unit_review_items"

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("study_units.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    decision: Mapped[str] = mapped_column(String(8))


class LogDay(Base):
    """A day of the daily log; `title` is what followed the date in an imported heading."""

    __tablename__ = "log_days"

    day: Mapped[date] = mapped_column(IsoDate, primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")


class LogEntry(Base):
    """Markdown written under a day, or under a range of days when `end_day` is set."""

    __tablename__ = "log_entries"
    __table_args__ = (
        Index("ix_log_entries_day_position", "day", "position"),
        Index("ix_log_entries_import_key", "import_key", unique=True),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    day: Mapped[date] = mapped_column(ForeignKey("log_days.day", ondelete="CASCADE"))
    end_day: Mapped[date | None] = mapped_column(IsoDate)
    body: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(8), default="user")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The text after the date in the heading it came from ("Summer workshop").
    heading: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Set on imported entries: a digest that makes re-importing the same file a no-op.
    import_key: Mapped[str | None] = mapped_column(String(64))
    # JSON describing what the importer flagged (original text, suggested date, why).
    anomaly: Mapped[str | None] = mapped_column(Text)
    rev: Mapped[int] = rev_column()


class JournalNote(Base):
    """What a journal holds outside its dated days: front matter, a title, to-do lists."""

    __tablename__ = "journal_notes"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = uid_column()
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    meta: Mapped[str] = mapped_column(Text, default="{}")  # front matter as JSON
    source: Mapped[str] = mapped_column(Text, default="")  # the file it came from
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rev: Mapped[int] = rev_column()


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeLog(Base):
    """The change feed (app/store/feed.py): one record per write transaction, from any
    writer, saying what it changed and who wrote it, so others refresh precisely."""

    __tablename__ = "change_log"
    __table_args__ = AUTOINCREMENT

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    origin: Mapped[str] = mapped_column(String(64), server_default="")
    payload: Mapped[str] = mapped_column(Text)


class StoreRevision(Base):
    """One row: the store-wide revision, moved by triggers on every change to a row a
    sync could carry (app/store/revisions.py)."""

    __tablename__ = "store_revision"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Tombstone(Base):
    """A row a sync could carry that was deleted (or, for items, moved to the trash):
    which table, its uid, and the revision of the deletion. Kept, so a deletion
    travels and never comes back."""

    __tablename__ = "tombstones"
    __table_args__ = (Index("ix_tombstones_rev", "rev"),)

    tbl: Mapped[str] = mapped_column(String(32), primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
