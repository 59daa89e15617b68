"""A global hotkey as a chord: modifiers and one key, read from the shortcut editor's text.

The Settings dialog's shortcut editor writes Qt's portable text ("Ctrl+Alt+Space"). A
global hotkey is one chord of it, its key named by its X keysym ("space"), the name both
an X11 grab (through XStringToKeysym) and the portal's preferred trigger (the XDG
shortcuts format, "CTRL+ALT+space") use.

Only keys whose keysym is the same on every keyboard layout are offered: letters, digits,
function keys, the named keys and unshifted ASCII punctuation. A key that types text
needs Ctrl, Alt or Meta with it, or it would be taken from every other program.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence

_PORTABLE: Final = QKeySequence.SequenceFormat.PortableText
_NATIVE: Final = QKeySequence.SequenceFormat.NativeText

# Qt's modifier, the chord's name for it, and the XDG trigger's name for it, in the order
# a trigger is written.
_MODIFIERS: Final = (
    (Qt.KeyboardModifier.ControlModifier, "ctrl", "CTRL"),
    (Qt.KeyboardModifier.AltModifier, "alt", "ALT"),
    (Qt.KeyboardModifier.ShiftModifier, "shift", "SHIFT"),
    (Qt.KeyboardModifier.MetaModifier, "meta", "LOGO"),  # the Super (Windows) key
)
# Modifiers that keep a key from typing text in other programs.
_GUARDS: Final = frozenset({"ctrl", "alt", "meta"})

_NAMED: Final = {
    Qt.Key.Key_Space: "space",
    Qt.Key.Key_Return: "Return",
    Qt.Key.Key_Enter: "KP_Enter",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Escape: "Escape",
    Qt.Key.Key_Backspace: "BackSpace",
    Qt.Key.Key_Insert: "Insert",
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Home: "Home",
    Qt.Key.Key_End: "End",
    Qt.Key.Key_PageUp: "Prior",
    Qt.Key.Key_PageDown: "Next",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Down: "Down",
    Qt.Key.Key_Print: "Print",
    Qt.Key.Key_Pause: "Pause",
    Qt.Key.Key_ScrollLock: "Scroll_Lock",
    Qt.Key.Key_Menu: "Menu",
}
_PUNCTUATION: Final = {
    "`": "grave",
    "-": "minus",
    "=": "equal",
    "[": "bracketleft",
    "]": "bracketright",
    "\\": "backslash",
    ";": "semicolon",
    "'": "apostrophe",
    ",": "comma",
    ".": "period",
    "/": "slash",
}
# Keys that type nothing, so they may stand alone or with Shift only.
_SILENT: Final = frozenset({"Print", "Pause", "Scroll_Lock", "Menu"})


class Chord(NamedTuple):
    modifiers: frozenset[str]  # of "ctrl", "alt", "shift", "meta"
    keysym: str  # the key's X keysym name: "space", "k", "F5"
    text: str  # as the user reads it: "Ctrl+Alt+Space"
    portable: str  # as the settings store it

    def xdg_trigger(self) -> str:
        """The chord as the portal's `preferred_trigger`: "CTRL+ALT+space"."""
        names = [xdg for _, name, xdg in _MODIFIERS if name in self.modifiers]
        return "+".join([*names, self.keysym])


def chord_of(sequence: str) -> Chord | None:
    """The chord the shortcut editor's `sequence` names; None for "" (no hotkey).

    Raises ValueError, with a sentence for the user, for what cannot be a global hotkey.
    """
    keys = QKeySequence.fromString(sequence.strip(), _PORTABLE)
    combinations = [keys[i] for i in range(keys.count())]  # type: ignore[index]
    if not combinations and not sequence.strip():
        return None
    if not combinations or any(c.key() == Qt.Key.Key_unknown for c in combinations):
        raise ValueError(f"“{sequence}” is not a key combination Rizhi can read.")
    if len(combinations) > 1:
        raise ValueError(
            f"{keys.toString(_NATIVE)} is a sequence of keys; a global hotkey is one "
            "combination, such as Ctrl+Alt+Space."
        )
    combination = combinations[0]
    text = keys.toString(_NATIVE)
    keysym = _keysym(combination.key())
    if keysym is None:
        raise ValueError(
            f"{text} cannot be a global hotkey: use a letter, a digit, a function key or "
            "Space with Ctrl, Alt or Meta."
        )
    modifiers = _modifiers(combination)
    if not modifiers & _GUARDS and not _stands_alone(keysym):
        raise ValueError(
            f"{text} alone would take the key from every other program: add Ctrl, Alt or Meta."
        )
    return Chord(modifiers, keysym, text, keys.toString(_PORTABLE))


def _modifiers(combination: QKeyCombination) -> frozenset[str]:
    held = combination.keyboardModifiers()
    return frozenset(name for flag, name, _ in _MODIFIERS if held & flag)


def _keysym(key: Qt.Key) -> str | None:
    if key in _NAMED:
        return _NAMED[key]
    code = key.value
    if Qt.Key.Key_F1.value <= code <= Qt.Key.Key_F35.value:
        return f"F{code - Qt.Key.Key_F1.value + 1}"
    if Qt.Key.Key_A.value <= code <= Qt.Key.Key_Z.value:
        return chr(code).lower()
    if Qt.Key.Key_0.value <= code <= Qt.Key.Key_9.value:
        return chr(code)
    if code < 0x80:
        return _PUNCTUATION.get(chr(code))
    return None


def _stands_alone(keysym: str) -> bool:
    return keysym in _SILENT or (keysym.startswith("F") and keysym[1:].isdigit())
