"""Settings in the store: typed defaults, validation that changes nothing, one value for
the window, the command line and any background process."""

from __future__ import annotations

from datetime import time

import pytest

from app.domain.errors import InvalidInput
from app.domain.settings import SETTINGS, Preferences
from app.services.settings import (
    adopt_settings,
    get_setting,
    preferences,
    set_settings,
    setting_texts,
)
from app.store.db import Store

TIMEBOX_DEFAULTS = {
    "planner.day_start": "08:00",
    "planner.day_end": "20:00",
    "focus.pomodoro": "25m",
    "focus.short_break": "5m",
    "focus.long_break": "15m",
    "focus.long_break_every": "4",
    "focus.idle": "5m",
}


def test_a_new_store_has_the_defaults(store: Store) -> None:
    assert setting_texts(store) == {
        "week.start": "monday",
        "board.wip_limit": "3",
        "board.rollover": "ask",
        "units.review_time": "21:00",
        "backups.every_hours": "4",
        "reminders.default_timed": "0m",
        "reminders.default_dated": "off",
        "reminders.unit_review": "on",
        "reminders.weekly_planning": "09:00",
        "reminders.evening_log": "off",
        **TIMEBOX_DEFAULTS,
    }
    assert preferences(store) == Preferences(0, 3, "ask", time(21, 0))


def test_values_are_read_as_people_write_them_and_kept_in_one_form(store: Store) -> None:
    changes = set_settings(
        store,
        {
            "week.start": "Sun",
            "board.wip_limit": " 0 ",
            "board.rollover": "automatic",
            "units.review_time": "7:05",
            "backups.every_hours": " 12h",
            "reminders.default_timed": "15m before",
            "reminders.default_dated": "8:30",
            "reminders.unit_review": "off",
            "reminders.weekly_planning": "none",
            "reminders.evening_log": "21:30",
            "planner.day_start": "7:30",
            "planner.day_end": "24:00",
            "focus.pomodoro": "50",
            "focus.short_break": "10 min",
            "focus.long_break": "0.5h",
            "focus.long_break_every": " 3",
            "focus.idle": "none",
        },
    )
    assert changes.settings == set(SETTINGS)
    assert setting_texts(store) == {
        "week.start": "sunday",
        "board.wip_limit": "0",
        "board.rollover": "auto",
        "units.review_time": "07:05",
        "backups.every_hours": "12",
        "reminders.default_timed": "15m",
        "reminders.default_dated": "08:30",
        "reminders.unit_review": "off",
        "reminders.weekly_planning": "off",
        "reminders.evening_log": "21:30",
        "planner.day_start": "07:30",
        "planner.day_end": "24:00",
        "focus.pomodoro": "50m",
        "focus.short_break": "10m",
        "focus.long_break": "30m",
        "focus.long_break_every": "3",
        "focus.idle": "off",
    }
    assert preferences(store) == Preferences(6, 0, "auto", time(7, 5))
    assert get_setting(store, "week.start") == "sunday"


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("week.start", "someday", "day of the week"),
        ("week.start", "s", "day of the week"),  # saturday or sunday?
        ("board.wip_limit", "100", "0 to 99"),
        ("board.wip_limit", "three", "0 to 99"),
        ("board.rollover", "weekly", "auto, ask or manual"),
        ("units.review_time", "25:00", "HH:MM"),
        ("units.review_time", "21:00:30", "HH:MM"),
        ("units.review_time", "²:00", "HH:MM"),
        ("board.wip_limit", "٣", "0 to 99"),
        ("backups.every_hours", "0", "1 to 168"),
        ("backups.every_hours", "169", "1 to 168"),
        ("backups.every_hours", "often", "1 to 168"),
        ("theme", "dark", "no setting 'theme'"),
        ("planner.day_start", "25:00", "HH:MM"),
        ("focus.pomodoro", "5h", "up to 4h"),
        ("focus.long_break_every", "0", "1 to 12"),
        ("focus.idle", "soon", "up to 4h"),
    ],
)
def test_a_bad_value_is_refused_and_changes_nothing(
    store: Store, key: str, value: str, words: str
) -> None:
    set_settings(store, {"board.wip_limit": "5"})
    before = setting_texts(store)
    feed = store.raw.execute("SELECT COUNT(*) FROM change_log").fetchone()[0]
    with pytest.raises(InvalidInput, match=words):
        set_settings(store, {"week.start": "friday", key: value})
    assert setting_texts(store) == before
    assert store.raw.execute("SELECT COUNT(*) FROM change_log").fetchone()[0] == feed


def test_setting_what_is_already_in_force_changes_nothing(store: Store) -> None:
    assert set_settings(store, {"board.rollover": "ask"}).empty
    assert store.raw.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


def test_a_value_edited_into_the_file_by_hand_gives_the_default(store: Store) -> None:
    store.raw.execute("INSERT INTO settings VALUES ('board.wip_limit', 'lots')")
    store.raw.execute("INSERT INTO settings VALUES ('units.review_time', '²:00')")
    assert preferences(store).wip_limit == 3
    assert preferences(store).review_time == time(21, 0)
    assert get_setting(store, "board.wip_limit") == "3"


def test_adopting_keeps_what_the_store_holds_and_skips_what_does_not_read(
    store: Store,
) -> None:
    set_settings(store, {"week.start": "tuesday"})
    changes = adopt_settings(
        store, {"week.start": "sunday", "board.wip_limit": "7", "units.review_time": "noon"}
    )
    assert changes.settings == {"board.wip_limit"}
    assert preferences(store) == Preferences(1, 7, "ask", time(21, 0))
