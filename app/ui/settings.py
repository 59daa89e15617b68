"""The window's own preferences, kept in an INI file next to the database.

Only what the window alone uses lives here (theme, pictures from the web, geometry, the
last view, shortcuts, the global capture hotkey, whether closing the window keeps Rizhi
running in the background). Settings that the command line or a background process read
too (the week start, the WIP limit, rollover, the review time) live in the store
(app/services/settings.py); older files that still hold them hand them over once
(`legacy_store_settings`, `forget_legacy_store_settings`).

`UiSettings` is pure storage: typed getters with defaults, setters that validate, no
signals. Whoever changes a setting tells the window (the settings dialog emits its own
signal). The path is always given by the caller so tests never touch the user's file.

Values read back from disk are checked and fall back to their default when they are
not what we wrote — someone may have edited the file by hand — while setters raise
`ValueError` on bad input, because that is a bug in the caller.
"""

from __future__ import annotations

import os
from typing import Final, Literal, TypeVar, cast, get_args

from PySide6.QtCore import QByteArray, QSettings

Theme = Literal["system", "light", "dark"]

THEMES: Final[tuple[Theme, ...]] = get_args(Theme)

DEFAULT_THEME: Final[Theme] = "system"

# Where ui.ini kept the settings that moved to the store, and the store's key for each.
_LEGACY: Final = {
    "calendar/week_start": "week.start",
    "board/wip_limit": "board.wip_limit",
    "board/rollover_mode": "board.rollover",
    "units/review_time": "units.review_time",
}
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_SHORTCUTS: Final = "shortcuts"

_CAPTURE_HOTKEY: Final = "hotkeys/capture"
DEFAULT_CAPTURE_HOTKEY: Final = "Ctrl+Alt+Space"

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

    # --- the log ----------------------------------------------------------------------

    @property
    def show_web_images(self) -> bool:
        """Whether the log fetches and shows pictures given by a web address; off, none is
        ever requested and they stay links (pictures on this computer still show)."""
        return self._bool("log/show_web_images", True)

    def set_show_web_images(self, shown: bool) -> None:
        _require(isinstance(shown, bool), f"show_web_images must be a bool, not {shown!r}")
        self._set("log/show_web_images", shown)

    # --- running in the background ----------------------------------------------------

    # Here rather than in the store: it is about this desktop (whether it shows a tray
    # icon), not the data, and must not travel with the data to another machine.

    def keep_in_background(self, tray: bool) -> bool:
        """Whether closing the window leaves Rizhi running in the background: as chosen
        in Settings, else on where the desktop shows a tray icon to come back by."""
        raw = self._qs.value("background/keep_running", None)
        return tray if raw is None else _coerce(raw, tray)

    def keep_in_background_chosen(self) -> bool:
        return self._qs.value("background/keep_running", None) is not None

    def set_keep_in_background(self, keep: bool) -> None:
        _require(isinstance(keep, bool), f"keep_in_background must be a bool, not {keep!r}")
        self._set("background/keep_running", keep)

    @property
    def no_tray_told(self) -> bool:
        """Whether the user was told that this desktop shows no tray icon (said once)."""
        return self._bool("background/no_tray_told", False)

    def set_no_tray_told(self) -> None:
        self._set("background/no_tray_told", True)

    # --- settings that moved to the store -------------------------------------------

    def legacy_store_settings(self) -> dict[str, str]:
        """Values an older Rizhi kept here for settings the store holds now, by the
        store's key, as text the store reads (the store checks them)."""
        found = {}
        for ini_key, store_key in _LEGACY.items():
            raw = self._qs.value(ini_key, None)
            if raw is None:
                continue
            text = str(raw)
            if store_key == "week.start" and text.isdigit() and int(text) < len(_WEEKDAYS):
                text = _WEEKDAYS[int(text)]
            found[store_key] = text
        return found

    def forget_legacy_store_settings(self) -> None:
        for ini_key in _LEGACY:
            self._qs.remove(ini_key)
        self._qs.sync()

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

    # --- the global hotkey --------------------------------------------------------------

    @property
    def capture_hotkey(self) -> str:
        """The key that opens quick capture from any window (app/ui/hotkeys), in the
        shortcut editor's portable text; "" for none. A stored text that is no usable
        global hotkey gives the default."""
        # Imported here: the key table is needed only once the hotkey starts.
        from app.ui.hotkeys.keys import chord_of

        raw = self._qs.value(_CAPTURE_HOTKEY, DEFAULT_CAPTURE_HOTKEY)
        if not isinstance(raw, str):
            return DEFAULT_CAPTURE_HOTKEY
        try:
            chord = chord_of(raw)
        except ValueError:
            return DEFAULT_CAPTURE_HOTKEY
        return chord.portable if chord is not None else ""

    def set_capture_hotkey(self, sequence: str) -> None:
        """Keep `sequence` ("" for none); ValueError, in a sentence for the user, for a
        combination that cannot be a global hotkey (check it with `chord_of` first)."""
        from app.ui.hotkeys.keys import chord_of

        chord = chord_of(sequence)
        self._set(_CAPTURE_HOTKEY, chord.portable if chord is not None else "")

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


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)
