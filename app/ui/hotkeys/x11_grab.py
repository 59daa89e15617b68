"""A chord as a passive key grab on the X11 root window (python-xlib).

`XGrabKey` matches the modifier state exactly, and NumLock and CapsLock are modifiers
too (Mod2 and Lock on most keyboards), so the chord is grabbed four times: alone, with
each lock and with both; otherwise the key would do nothing while NumLock is on.

A grab another client holds fails with BadAccess, and X reports errors asynchronously:
the grabs are sent with an error catcher and followed by a round trip (`sync`), after
which any error has arrived. Then the grabs that did succeed are let go again, so a
refused chord leaves nothing held.

Which modifier bit Alt, Super and NumLock sit on is read from the server's modifier map,
with the usual bits where the map does not say.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from Xlib import XK, X
from Xlib.display import Display
from Xlib.error import BadAccess, CatchError
from Xlib.protocol.rq import Event

from app.ui.hotkeys.keys import Chord

# Modifier-map rows of Mod1 … Mod5 (rows 0 to 2 are Shift, Lock and Control).
_FIRST_MOD_ROW: Final = 3
# Shift, Lock, Control and Mod1 … Mod5; a key event's state also holds mouse buttons.
_KEY_MODIFIERS: Final = 0xFF


class Grab(NamedTuple):
    keycode: int
    modifiers: int  # the chord's modifier mask
    locks: tuple[int, ...]  # the lock masks grabbed with it: 0, Lock, NumLock, both

    def matches(self, event: Event) -> bool:
        """Whether a key press is this chord, whatever the locks."""
        held = event.state & _KEY_MODIFIERS
        for lock in self.locks:
            held &= ~lock
        return bool(event.detail == self.keycode and held == self.modifiers)


class GrabRefused(Exception):
    """The chord cannot be grabbed; `taken` when another client holds it."""

    def __init__(self, message: str, *, taken: bool = False) -> None:
        super().__init__(message)
        self.taken = taken


def grab_chord(display: Display, chord: Chord) -> Grab:
    """Grab `chord` on the root window with every lock variant; GrabRefused if not."""
    keycode = display.keysym_to_keycode(XK.string_to_keysym(chord.keysym))
    if not keycode:
        raise GrabRefused(f"this keyboard has no key for {chord.keysym}")
    masks = modifier_masks(display)
    modifiers = 0
    for name in chord.modifiers:
        modifiers |= masks[name]
    numlock = masks["numlock"]
    grab = Grab(keycode, modifiers, tuple(sorted({0, X.LockMask, numlock, X.LockMask | numlock})))
    root = display.screen().root
    catcher = CatchError()
    for lock in grab.locks:
        root.grab_key(
            keycode, modifiers | lock, False, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher
        )
    display.sync()  # any error for the grabs has arrived after this round trip
    error = catcher.get_error()
    if error is None:
        return grab
    ungrab(display, grab)
    if isinstance(error, BadAccess):
        raise GrabRefused("another X client grabbed it first", taken=True)
    raise GrabRefused(f"the X server refused the grab: {error}")


def ungrab(display: Display, grab: Grab) -> None:
    """Let go of the chord's grabs; a variant this client does not hold is left alone."""
    root = display.screen().root
    for lock in grab.locks:
        root.ungrab_key(grab.keycode, grab.modifiers | lock)
    display.sync()


def modifier_masks(display: Display) -> dict[str, int]:
    """The mask of each chord modifier, and of NumLock, on this server."""
    rows = display.get_modifier_mapping()

    def mask_of(keysym: str, usual: int) -> int:
        keycode = display.keysym_to_keycode(XK.string_to_keysym(keysym))
        for row in range(_FIRST_MOD_ROW, len(rows)):
            if keycode and keycode in rows[row]:
                return 1 << row
        return usual

    return {
        "ctrl": X.ControlMask,
        "shift": X.ShiftMask,
        "alt": mask_of("Alt_L", X.Mod1Mask),
        "meta": mask_of("Super_L", X.Mod4Mask),
        "numlock": mask_of("Num_Lock", X.Mod2Mask),
    }
