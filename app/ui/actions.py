"""Every command of the window, declared once.

An `ActionSpec` says what a command is called, where it sits in the menus and which keys
run it by default. The `ActionRegistry` turns specs into `QAction`s, applies the user's
shortcut overrides from `UiSettings`, and builds the menus. The command palette, the
cheat sheet and the settings dialog all read the registry, so a command registered here
shows up everywhere with the same title and keys.

Shortcuts are kept as Qt's *portable* text ("Ctrl+Right") so the INI file reads the same on
every platform; the UI shows them as native text (⌘→ on macOS).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from app.ui.settings import UiSettings

log = logging.getLogger(__name__)

# Actions in this scope are window-wide; any other scope names a view that adds the
# actions to itself and only fires them while it (or a child) has focus.
WINDOW_SCOPE: Final = "window"
MENU_SEPARATOR: Final = "/"

_PORTABLE = QKeySequence.SequenceFormat.PortableText
_NATIVE = QKeySequence.SequenceFormat.NativeText


class ActionSpec(NamedTuple):
    """What a command is; registering it with a callback makes it a `QAction`.

    `shortcut` and `alternates` are portable key text ("Ctrl+K"); a user's override
    replaces both. `menu` is a path such as "Board" or "View/Theme" ("" keeps the command
    out of the menus but in the palette). Commands in one menu that differ in `group` are
    separated by a line. `scope` other than "window" makes the shortcut fire only while
    the view that added the action has focus (Qt.WidgetWithChildrenShortcut).
    """

    id: str
    title: str
    shortcut: str = ""
    menu: str = ""
    description: str = ""
    checkable: bool = False
    alternates: tuple[str, ...] = ()
    group: str = ""
    scope: str = WINDOW_SCOPE

    @property
    def default_shortcuts(self) -> tuple[str, ...]:
        keys = (self.shortcut, *self.alternates)
        return tuple(normalize_sequence(k) for k in keys if k)

    @property
    def context(self) -> Qt.ShortcutContext:
        if self.scope == WINDOW_SCOPE:
            return Qt.ShortcutContext.WindowShortcut
        return Qt.ShortcutContext.WidgetWithChildrenShortcut


class Conflict(NamedTuple):
    """Two commands that the same keys would run (Qt then runs neither)."""

    sequence: str
    first: str
    second: str


def normalize_sequence(text: str) -> str:
    """Portable text for `text` ("ctrl+right" → "Ctrl+Right"); ValueError if unreadable."""
    text = text.strip()
    if not text:
        return ""
    seq = QKeySequence.fromString(text, _PORTABLE)
    keys = [seq[i].key() for i in range(seq.count())]  # type: ignore[index]
    normalized = seq.toString(_PORTABLE)
    if not keys or Qt.Key.Key_unknown in keys or not normalized:
        raise ValueError(f"{text!r} is not a key sequence Rizhi understands")
    return normalized


def native_text(portable: str) -> str:
    """How a shortcut is shown to the user on this platform."""
    return QKeySequence.fromString(portable, _PORTABLE).toString(_NATIVE)


def find_conflicts(assignments: Iterable[tuple[str, str, Sequence[str]]]) -> list[Conflict]:
    """Pairs of commands whose keys collide, from (action id, scope, sequences).

    Two commands collide when they share a sequence and either is window-wide or both
    belong to the same view; views with their own scopes may reuse keys.
    """
    owners: dict[str, list[tuple[str, str]]] = {}
    for action_id, scope, sequences in assignments:
        for sequence in dict.fromkeys(sequences):  # the same key twice is not a conflict
            if sequence:
                owners.setdefault(sequence, []).append((action_id, scope))
    found: list[Conflict] = []
    for sequence, users in owners.items():
        for i, (first, first_scope) in enumerate(users):
            for second, second_scope in users[i + 1 :]:
                if WINDOW_SCOPE in (first_scope, second_scope) or first_scope == second_scope:
                    found.append(Conflict(sequence, first, second))
    return found


class ActionRegistry(QObject):
    """The window's commands and their current shortcuts."""

    shortcuts_changed = Signal()

    def __init__(self, settings: UiSettings, parent: QObject) -> None:
        super().__init__(parent)
        self._settings = settings
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}
        # The registry is the only writer of overrides, so it reads them once.
        self._overrides = _readable_overrides(settings)

    # --- registering ----------------------------------------------------------------

    def register(self, spec: ActionSpec, callback: Callable[..., object]) -> QAction:
        """Create the command's QAction; `callback()` runs when it is triggered.

        For checkable specs the callback receives the new checked state.
        """
        if spec.id in self._specs:
            raise ValueError(f"action {spec.id!r} is registered twice")
        _ = spec.default_shortcuts  # a typo in a default shortcut fails here, not later
        action = QAction(spec.title, self)
        action.setObjectName(spec.id)
        action.setData(spec.id)
        action.setCheckable(spec.checkable)
        action.setShortcutContext(spec.context)
        action.setStatusTip(spec.description)
        action.triggered.connect(_slot_for(callback, spec.checkable))
        self._specs[spec.id] = spec
        self._actions[spec.id] = action
        self._apply_shortcuts(spec.id)
        return action

    def register_all(
        self, specs: Iterable[ActionSpec], callbacks: Mapping[str, Callable[..., object]]
    ) -> None:
        """Register each spec with the callback under its id, in the order of `specs`.

        A spec without a callback, or a callback for no spec, is a slip in the caller's
        tables; ValueError names every one of them, and nothing is registered.
        """
        specs = list(specs)
        unbound, unknown = unmatched(specs, callbacks)
        if unbound or unknown:
            raise ValueError(
                f"actions declared but not bound: {unbound or 'none'}; "
                f"bound but not declared: {unknown or 'none'}"
            )
        for spec in specs:
            self.register(spec, callbacks[spec.id])

    # --- reading ----------------------------------------------------------------------

    def action(self, action_id: str) -> QAction:
        return self._actions[self._known(action_id)]

    def spec(self, action_id: str) -> ActionSpec:
        return self._specs[self._known(action_id)]

    def specs(self) -> list[ActionSpec]:
        """All specs in registration order."""
        return list(self._specs.values())

    def window_actions(self) -> list[QAction]:
        """The actions the main window adds to itself (`window.addActions(...)`)."""
        return [self._actions[s.id] for s in self._specs.values() if s.scope == WINDOW_SCOPE]

    def scoped_actions(self, scope: str) -> list[QAction]:
        """The actions a view named `scope` adds to itself."""
        return [self._actions[s.id] for s in self._specs.values() if s.scope == scope]

    def effective_shortcuts(self, action_id: str) -> tuple[str, ...]:
        """All sequences that run the command now: the override, else the defaults."""
        spec = self.spec(action_id)
        override = self._overrides.get(spec.id)
        return spec.default_shortcuts if override is None else _as_tuple(override)

    def effective_shortcut(self, action_id: str) -> str:
        """The main sequence (portable text) that runs the command; "" if none."""
        shortcuts = self.effective_shortcuts(action_id)
        return shortcuts[0] if shortcuts else ""

    def is_overridden(self, action_id: str) -> bool:
        return self._known(action_id) in self._overrides

    def conflicts(self) -> list[Conflict]:
        """(sequence, first id, second id) for every pair of commands sharing keys."""
        return find_conflicts(
            (s.id, s.scope, self.effective_shortcuts(s.id)) for s in self._specs.values()
        )

    # --- changing ---------------------------------------------------------------------

    def set_shortcut(self, action_id: str, sequence: str) -> None:
        """Give the command `sequence` ("" = no shortcut) and remember it in the settings.

        Setting exactly the default again removes the override, so a later change of
        the default reaches this user too.
        """
        spec = self.spec(action_id)
        normalized = normalize_sequence(sequence)
        if _as_tuple(normalized) == spec.default_shortcuts:
            self._settings.clear_shortcut_override(action_id)
            self._overrides.pop(action_id, None)
        else:
            self._settings.set_shortcut_override(action_id, normalized)
            self._overrides[action_id] = normalized
        self._apply_shortcuts(action_id)
        self.shortcuts_changed.emit()

    def reset_shortcut(self, action_id: str) -> None:
        self._known(action_id)
        self._settings.clear_shortcut_override(action_id)
        self._overrides.pop(action_id, None)
        self._apply_shortcuts(action_id)
        self.shortcuts_changed.emit()

    def reset_all_shortcuts(self) -> None:
        self._settings.clear_shortcut_overrides()
        self._overrides.clear()
        for action_id in self._specs:
            self._apply_shortcuts(action_id)
        self.shortcuts_changed.emit()

    def set_enabled(self, action_id: str, enabled: bool) -> None:
        self.action(action_id).setEnabled(enabled)

    def set_checked(self, action_id: str, checked: bool) -> None:
        """Show a state without running the callback (for state changed elsewhere)."""
        self.action(action_id).setChecked(checked)

    # --- menus ----------------------------------------------------------------------

    def build_menus(self, menubar: QMenuBar, order: Sequence[str]) -> dict[str, QMenu]:
        """Fill `menubar` once: top-level menus named in `order` first, then the rest.

        Commands appear in registration order. Returns every menu by its path, so the
        window can add dynamic entries (recent items, say) afterwards.
        """
        tops = list(dict.fromkeys([*order, *(_top(s.menu) for s in self._specs.values())]))
        tops = [top for top in tops if top]
        menus: dict[str, QMenu] = {}
        used_mnemonics: set[str] = set()
        for top in tops:
            menus[top] = menubar.addMenu(_with_mnemonic(top, used_mnemonics))
        last_group: dict[str, str] = {}
        for spec in self._specs.values():
            if not spec.menu:
                continue
            menu = self._menu_for(spec.menu, menus)
            if spec.menu in last_group and last_group[spec.menu] != spec.group:
                menu.addSeparator()
            last_group[spec.menu] = spec.group
            menu.addAction(self._actions[spec.id])
        # A name in `order` with no commands would be an empty, dead menu.
        for top in tops:
            if menus[top].isEmpty():
                menubar.removeAction(menus.pop(top).menuAction())
        return menus

    # --- helpers ----------------------------------------------------------------------

    def _menu_for(self, path: str, menus: dict[str, QMenu]) -> QMenu:
        parts = path.split(MENU_SEPARATOR)
        for depth in range(2, len(parts) + 1):
            sub_path = MENU_SEPARATOR.join(parts[:depth])
            if sub_path not in menus:
                parent_menu = menus[MENU_SEPARATOR.join(parts[: depth - 1])]
                menus[sub_path] = parent_menu.addMenu(parts[depth - 1])
        return menus[path]

    def _known(self, action_id: str) -> str:
        if action_id not in self._specs:
            raise KeyError(f"no action {action_id!r} is registered")
        return action_id

    def _apply_shortcuts(self, action_id: str) -> None:
        action = self._actions[action_id]
        sequences = self.effective_shortcuts(action_id)
        action.setShortcuts([QKeySequence.fromString(s, _PORTABLE) for s in sequences])
        title = self._specs[action_id].title
        shown = native_text(sequences[0]) if sequences else ""
        action.setToolTip(f"{title} ({shown})" if shown else title)


def unmatched(
    specs: Iterable[ActionSpec], callbacks: Mapping[str, object]
) -> tuple[list[str], list[str]]:
    """(ids of specs with no callback, ids of callbacks with no spec), each in order."""
    declared = [spec.id for spec in specs]
    unbound = [action_id for action_id in declared if action_id not in callbacks]
    unknown = [action_id for action_id in callbacks if action_id not in declared]
    return unbound, unknown


def _slot_for(callback: Callable[..., object], checkable: bool) -> Callable[[bool], None]:
    """`triggered` carries `checked`: checkable commands get it, plain ones take nothing.

    An explicit one-argument slot, because PySide passes as many arguments as it thinks
    the callable takes, and passes nothing to one that takes `*args`.
    """

    def slot(checked: bool = False) -> None:
        if checkable:
            callback(checked)
        else:
            callback()

    return slot


def _readable_overrides(settings: UiSettings) -> dict[str, str]:
    """The stored overrides, minus any that no longer parse (a hand-edited file)."""
    readable: dict[str, str] = {}
    for action_id, text in settings.shortcut_overrides().items():
        try:
            readable[action_id] = normalize_sequence(text)
        except ValueError:
            log.warning("ignoring the shortcut %r for %s in %s", text, action_id, settings.path)
    return readable


def _as_tuple(sequence: str) -> tuple[str, ...]:
    return (sequence,) if sequence else ()


def display_path(menu: str) -> str:
    """A menu path as shown to people: "View/Theme" → "View › Theme"."""
    return " › ".join(part for part in menu.split(MENU_SEPARATOR) if part)


def _top(menu: str) -> str:
    return menu.split(MENU_SEPARATOR, 1)[0]


def _with_mnemonic(title: str, used: set[str]) -> str:
    """Mark a letter no other menu uses: "Board" → "&Board", so Alt+B opens it."""
    if "&" in title:
        return title
    for index, char in enumerate(title):
        if char.isalnum() and char.lower() not in used:
            used.add(char.lower())
            return f"{title[:index]}&{title[index:]}"
    return title
