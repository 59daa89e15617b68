"""Reading and changing the settings kept in the store (app/domain/settings.py says
which there are). Raw SQL and the standard library only: `rizhi add --week` reads the
week start on the capture path."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.changes import Changes
from app.domain.errors import InvalidInput
from app.domain.settings import SETTINGS, Preferences, canonical, in_force, setting
from app.services.use_case import use_case
from app.store.db import Store

if TYPE_CHECKING:
    from app.domain.weeks import Week


def stored_settings(store: Store) -> dict[str, str]:
    """What the store holds for the known keys (unset keys are absent)."""
    marks = ",".join("?" * len(SETTINGS))
    rows = store.raw.execute(
        f'SELECT "key", value FROM settings WHERE "key" IN ({marks})', list(SETTINGS)
    )
    return {str(key): str(value) for key, value in rows}


def preferences(store: Store) -> Preferences:
    return Preferences.of(stored_settings(store))


def board_week(store: Store, moment: datetime) -> Week:
    """The board week holding `moment`, starting on the day the `week.start` setting
    names: the week the window shows as this week."""
    from app.domain.weeks import Week  # only when a week is asked for: `rizhi add` rarely is

    return Week.containing(moment.date(), preferences(store).week_start)


def setting_texts(store: Store) -> dict[str, str]:
    """Every setting with the text in force: what is stored if it reads, else the default."""
    return in_force(stored_settings(store))


def get_setting(store: Store, key: str) -> str:
    setting(key)  # unknown keys are refused, saying which there are
    return setting_texts(store)[key]


@use_case
def set_settings(store: Store, values: Mapping[str, str]) -> Changes:
    """Store the settings given, all or (when one does not read) none. Values equal to
    what is in force already change nothing."""
    wanted = {key: canonical(key, text) for key, text in values.items()}
    current = setting_texts(store)
    changed = {key: text for key, text in wanted.items() if current[key] != text}
    with store.raw_write() as conn:
        conn.executemany(
            'INSERT INTO settings ("key", value) VALUES (?, ?)'
            ' ON CONFLICT ("key") DO UPDATE SET value = excluded.value',
            list(changed.items()),
        )
    return Changes(settings=frozenset(changed))


@use_case
def adopt_settings(store: Store, values: Mapping[str, str]) -> Changes:
    """Take settings from an older home (the window's ui.ini) for the keys the store
    does not hold yet; values that do not read are left behind."""
    stored = stored_settings(store)
    adopted = {}
    for key, text in values.items():
        if key in SETTINGS and key not in stored:
            try:
                adopted[key] = canonical(key, text)
            except InvalidInput:
                continue
    with store.raw_write() as conn:
        conn.executemany('INSERT INTO settings ("key", value) VALUES (?, ?)', list(adopted.items()))
    return Changes(settings=frozenset(adopted))
