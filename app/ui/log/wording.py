"""How the Log view writes days, ranges, counts and streaks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.journal.status import LineStatus
from app.domain.words import day_name, plural, relative_day
from app.services.log_days import AutoKind, DayPage, HeatDay, Streaks
from app.ui.wording import short_day

STATUS_LABELS = {
    LineStatus.DONE: "Done",
    LineStatus.DELAY: "Delayed",
    LineStatus.TODO: "To do",
    LineStatus.STRUCK: "Dropped",
}
# The status filter of the search: (label, status); None is every line.
STATUS_CHOICES: tuple[tuple[str, LineStatus | None], ...] = (
    ("Any line", None),
    ("Done", LineStatus.DONE),
    ("Delayed", LineStatus.DELAY),
    ("To do", LineStatus.TODO),
    ("Dropped", LineStatus.STRUCK),
)


def day_title(day: date) -> str:
    """`Wednesday, 18 November 2026`."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def range_text(first: date, last: date) -> str:
    """`26 Nov – 30 Nov 2021`; across years `30 Dec 2021 – 2 Jan 2022`."""
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"


def when_text(day: date, today: date) -> str:
    """Where `day` stands from today: `Today`, `Yesterday`, `3 days ago`, `in 2 days`,
    `5 weeks ago`: as precise as a glance needs."""
    return day_name(day, today, capital=True) or relative_day(day, today, coarse=True)


def day_summary(page: DayPage, today: date) -> str:
    """Under the day's title: `Yesterday · 2 entries · 3 items completed`."""
    entries = len(page.entries)
    completed = sum(1 for a in page.auto if a.kind is AutoKind.COMPLETED)
    parts = [when_text(page.day, today)]
    parts.append(plural(entries, "entry") if entries else "no entries")
    if completed:
        parts.append(plural(completed, "item completed", "items completed"))
    return " · ".join(parts)


def streak_text(streaks: Streaks) -> str:
    """`Current streak 12 days · longest 40 days`, with a nudge while today is open."""
    if not streaks.longest:
        return "No streak yet: write today to start one"
    current, longest = plural(streaks.current, "day"), plural(streaks.longest, "day")
    text = f"Current streak {current} · longest {longest}"
    if streaks.current and not streaks.today_logged:
        text += " · write today to keep it going"
    return text


def period_name(year: int | None, *, capital: bool = False) -> str:
    """What the heatmap shows: `2025`, or `the past year` (the 53 weeks up to today)."""
    if year is not None:
        return str(year)
    return "Past year" if capital else "the past year"


def year_summary(days: Sequence[HeatDay], streaks: Streaks, year: int | None = None) -> str:
    """The year beside the heatmap, as rich text: days logged, items completed (in
    `year`, or the past year), and the longest streak ever (with its dates when it is
    longer than a day)."""
    logged = sum(1 for d in days if d.entries)
    completed = sum(d.completed for d in days)
    longest = streaks.longest
    lines = [
        f"<b>{plural(logged, 'day')}</b> logged in {period_name(year)}",
        f"<b>{plural(completed, 'item')}</b> completed",
        f"Longest streak <b>{plural(longest, 'day')}</b>",
    ]
    if streaks.longest_start and streaks.longest_end and longest > 1:
        lines[-1] += f" ({range_text(streaks.longest_start, streaks.longest_end)})"
    return "<br>".join(lines)


def heat_tooltip(heat: HeatDay, today: date) -> str:
    head = short_day(heat.day, year=True)
    if heat.day > today:
        return f"{head}: still to come"
    parts = []
    if heat.entries:
        parts.append(plural(heat.entries, "log entry"))
    if heat.completed:
        parts.append(plural(heat.completed, "item completed", "items completed"))
    if not parts:
        return f"{head}: nothing logged or completed"
    return f"{head}: {', '.join(parts)}"


def anomaly_text(anomaly: dict[str, object]) -> str:
    """Why the importer flagged an entry's date, in one sentence."""
    original = str(anomaly.get("original", "")).strip()
    reason = str(anomaly.get("reason", "")).strip()
    written = f"Written as “{original}”" if original else "Its date was unclear"
    return f"{written}: {reason}." if reason else f"{written}."
