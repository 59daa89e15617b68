"""The window's own preferences, kept in an INI file next to the database.

`UiSettings` is pure storage: typed getters with defaults, setters that validate, no
signals. Whoever changes a setting tells the window (the settings dialog emits its own
signal). The path is always given by the caller so tests never touch the user's file.

Values read back from disk are checked and fall back to their default when they are
not what we wrote — someone may have edited the file by hand — while setters raise
`ValueError` on bad input, because that is a bug in the caller.
"""

from __future__ import annotations

import logging
import os
from datetime import time
from typing import Final, Literal, TypeVar, cast, get_args

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

Theme = Literal["system", "light", "dark"]
RolloverMode = Literal["automatic", "ask", "manual"]

THEMES: Final[tuple[Theme, ...]] = get_args(Theme)
ROLLOVER_MODES: Final[tuple[RolloverMode, ...]] = get_args(RolloverMode)

DEFAULT_THEME: Final[Theme] = "system"
DEFAULT_WEEK_START: Final = 0  # Monday, as ISO weeks count
DEFAULT_WIP_LIMIT: Final = 3
# Moving unfinished cards into a new week changes the user's data, so by default we ask.
DEFAULT_ROLLOVER: Final[RolloverMode] = "ask"
MAX_WIP_LIMIT: Final = 99  # 0 means "no limit"
# On a unit's last day, the evening is when a review is asked for.
DEFAULT_REVIEW_TIME: Final = time(21, 0)

_SHORTCUTS: Final = "shortcuts"

_T = TypeVar("_T")


class UiSettings:
    """Typed access to `ui.ini`.

    Values are read-only properties; each `set_…` method writes through to disk at once.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = os.fspath(path)
        self._qs = QSettings(self._path, QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._path

    # --- appearance ------------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        raw = self._qs.value("appearance/theme", DEFAULT_THEME)
        return _one_of(raw, THEMES, DEFAULT_THEME)

    def set_theme(self, theme: str) -> None:
        _require(theme in THEMES, f"theme must be one of {THEMES}, not {theme!r}")
        self._set("appearance/theme", theme)

    # --- calendar and board ------------------------------------------------------------

    @property
    def week_start(self) -> int:
        """First day of the week shown on the board: 0 = Monday … 6 = Sunday."""
        return self._int("calendar/week_start", DEFAULT_WEEK_START, 0, 6)

    def set_week_start(self, day: int) -> None:
        _require(_is_int(day) and 0 <= day <= 6, f"week_start must be 0..6, not {day!r}")
        self._set("calendar/week_start", day)

    @property
    def wip_limit(self) -> int:
        """How many cards the Active column holds before it is marked; 0 means no limit."""
        return self._int("board/wip_limit", DEFAULT_WIP_LIMIT, 0, MAX_WIP_LIMIT)

    def set_wip_limit(self, limit: int) -> None:
        _require(
            _is_int(limit) and 0 <= limit <= MAX_WIP_LIMIT,
            f"wip_limit must be 0..{MAX_WIP_LIMIT}, not {limit!r}",
        )
        self._set("board/wip_limit", limit)

    @property
    def rollover_mode(self) -> RolloverMode:
        raw = self._qs.value("board/rollover_mode", DEFAULT_ROLLOVER)
        return _one_of(raw, ROLLOVER_MODES, DEFAULT_ROLLOVER)

    def set_rollover_mode(self, mode: str) -> None:
        _require(mode in ROLLOVER_MODES, f"rollover_mode must be one of {ROLLOVER_MODES}")
        self._set("board/rollover_mode", mode)

    # --- study units ------------------------------------------------------------------

    @property
    def review_time(self) -> time:
        """The time of day, on a unit's last day, when its review is asked for."""
        raw = self._qs.value("units/review_time", "")
        parsed = _time_of_day(raw) if isinstance(raw, str) else None
        return DEFAULT_REVIEW_TIME if parsed is None else parsed

    def set_review_time(self, moment: time) -> None:
        _require(isinstance(moment, time), f"review_time must be a time, not {moment!r}")
        self._set("units/review_time", moment.strftime("%H:%M"))

    # --- the log ----------------------------------------------------------------------

    @property
    def show_web_images(self) -> bool:
        """Whether the log fetches and shows pictures given by a web address; off, none is
        ever requested and they stay links (pictures on this computer still show)."""
        return self._bool("log/show_web_images", True)

    def set_show_web_images(self, shown: bool) -> None:
        _require(isinstance(shown, bool), f"show_web_images must be a bool, not {shown!r}")
        self._set("log/show_web_images", shown)

    # --- window ---------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray:
        """`QWidget.saveGeometry()` output; empty when never saved."""
        return self._bytes("window/geometry")

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._set("window/geometry", QByteArray(geometry))

    @property
    def window_state(self) -> QByteArray:
        """`QMainWindow.saveState()` output (docks, toolbars); empty when never saved."""
        return self._bytes("window/state")

    def set_window_state(self, state: QByteArray) -> None:
        self._set("window/state", QByteArray(state))

    @property
    def last_view(self) -> str:
        """Name of the view shown when the window closed; "" the first time."""
        raw = self._qs.value("window/last_view", "")
        return raw if isinstance(raw, str) else ""

    def set_last_view(self, view: str) -> None:
        self._set("window/last_view", str(view))

    # --- shortcuts ----------------------------------------------------------------------

    def shortcut_overrides(self) -> dict[str, str]:
        """The user's shortcuts by action id, in portable text; "" means "no shortcut"."""
        self._qs.beginGroup(_SHORTCUTS)
        try:
            pairs = {key: self._qs.value(key, "") for key in self._qs.childKeys()}
        finally:
            self._qs.endGroup()
        # A hand-edited "Ctrl+A, Ctrl+B" comes back as a list from INI; such entries are
        # not something we wrote, so they are dropped rather than guessed at.
        return {key: value for key, value in pairs.items() if isinstance(value, str)}

    def set_shortcut_override(self, action_id: str, sequence: str) -> None:
        _require(bool(action_id) and "/" not in action_id, f"bad action id {action_id!r}")
        self._set(f"{_SHORTCUTS}/{action_id}", str(sequence))

    def clear_shortcut_override(self, action_id: str) -> None:
        self._qs.remove(f"{_SHORTCUTS}/{action_id}")
        self._qs.sync()

    def clear_shortcut_overrides(self) -> None:
        self._qs.remove(_SHORTCUTS)
        self._qs.sync()

    # --- anything else ------------------------------------------------------------------

    def value(self, key: str, default: _T) -> _T:
        """A value for a later feature, coerced to the type of `default`.

        A stored value that cannot be read as that type gives `default`.
        """
        raw = self._qs.value(key, default)
        return _coerce(raw, default)

    def set_value(self, key: str, value: object) -> None:
        self._set(key, value)

    def remove(self, key: str) -> None:
        self._qs.remove(key)
        self._qs.sync()

    def problem(self) -> str | None:
        """A sentence for the user when the file cannot be read or written, else None."""
        status = self._qs.status()
        if status == QSettings.Status.AccessError:
            return f"Rizhi cannot write its window settings to {self._path}. Check permissions."
        if status == QSettings.Status.FormatError:
            return f"Rizhi's window settings in {self._path} are damaged; defaults are used."
        return None

    # --- helpers ------------------------------------------------------------------------

    def _set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)
        # Written at once: the window may be killed, and preferences are changed rarely.
        self._qs.sync()

    def _int(self, key: str, default: int, low: int, high: int) -> int:
        number = _coerce(self._qs.value(key, default), default)
        if low <= number <= high:
            return number
        log.info("ignoring %s=%r in %s: out of range", key, number, self._path)
        return default

    def _bool(self, key: str, default: bool) -> bool:
        return _coerce(self._qs.value(key, default), default)

    def _bytes(self, key: str) -> QByteArray:
        raw = self._qs.value(key, QByteArray())
        return raw if isinstance(raw, QByteArray) else QByteArray()


def _coerce(raw: object, default: _T) -> _T:
    """Read `raw` (as INI gives it back, often text) as the type of `default`."""
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return cast(_T, raw)
        if isinstance(raw, str) and raw.lower() in {"true", "false"}:
            return cast(_T, raw.lower() == "true")
        return default
    if isinstance(default, int | float):
        try:
            return cast(_T, type(default)(str(raw)))
        except ValueError:
            return default
    if isinstance(default, str):
        return cast(_T, raw) if isinstance(raw, str) else default
    if default is None or isinstance(raw, type(default)):
        return cast(_T, raw)
    return default


def _one_of(raw: object, choices: tuple[_T, ...], default: _T) -> _T:
    for choice in choices:
        if raw == choice:
            return choice
    return default


def _time_of_day(text: str) -> time | None:
    """The time written "21:00"; None for anything else."""
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)
