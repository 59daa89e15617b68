"""The settings the window shares with the command line: read from the store when the
window opens (taking over what an older ui.ini still holds), saved from the settings
dialog as one change."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping

from app.domain.errors import DomainError
from app.domain.settings import Preferences
from app.store.db import Store
from app.ui.ops import Operations, refusal_text
from app.ui.settings import UiSettings


def load_preferences(store: Store, settings: UiSettings) -> Preferences:
    """The settings shared with the command line. An older ui.ini that still holds some
    of them hands them to the store once, for the keys the store does not hold yet."""
    from app.services.settings import adopt_settings, preferences

    legacy = settings.legacy_store_settings()
    if legacy:
        try:
            adopt_settings(store, legacy)
        except (DomainError, sqlite3.Error):
            return preferences(store)  # kept in ui.ini, to try again next time
        settings.forget_legacy_store_settings()
    return preferences(store)


def save_preferences(
    ops: Operations, values: Mapping[str, str], show_error: Callable[[str], None]
) -> bool:
    """Store settings shared with the command line; False, after saying why, when they
    could not be saved."""
    from app.services.settings import set_settings

    try:
        return ops.run_once(lambda now: set_settings(ops.store, values))
    except sqlite3.Error as exc:
        show_error(refusal_text(exc))
        return False
