"""What a hotkey backend says about its key: which path holds it, or why none does.

The text is the sentence the Settings dialog shows; the state lets it decide what else
to offer (where the key cannot be held, the command to bind by hand and a Copy button).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

# What the user binds in the desktop's own keyboard settings where no backend works.
FALLBACK_COMMAND: Final = "rizhi capture"
FALLBACK_TEXT: Final = (
    f"not available here: bind `{FALLBACK_COMMAND}` in your desktop's keyboard settings"
)


class HotkeyState(Enum):
    OFF = "off"  # no key set, or stopped
    STARTING = "starting"  # asked for the key; the answer is on its way
    ACTIVE = "active"  # the key is held: pressing it calls back
    TAKEN = "taken"  # another program holds this combination
    BAD_KEY = "bad key"  # the combination cannot be a global hotkey
    UNAVAILABLE = "unavailable"  # no path works here: the fallback command


@dataclass(frozen=True)
class HotkeyStatus:
    state: HotkeyState
    text: str  # for the user, in Settings
    detail: str = ""  # why, for the log and a tooltip

    @property
    def needs_command(self) -> bool:
        """True where the user should bind `rizhi capture` in the desktop's settings."""
        return self.state is HotkeyState.UNAVAILABLE


def off() -> HotkeyStatus:
    return HotkeyStatus(HotkeyState.OFF, "off: no key is set")


def starting(key: str, via: str) -> HotkeyStatus:
    return HotkeyStatus(HotkeyState.STARTING, f"{key}: asking {via} for the key…")


def active(key: str, via: str) -> HotkeyStatus:
    return HotkeyStatus(HotkeyState.ACTIVE, f"{key} via {via}")


def taken(key: str, detail: str = "") -> HotkeyStatus:
    return HotkeyStatus(
        HotkeyState.TAKEN, f"{key} is taken by another program: choose another key", detail
    )


def bad_key(why: str) -> HotkeyStatus:
    return HotkeyStatus(HotkeyState.BAD_KEY, why)


def unavailable(detail: str) -> HotkeyStatus:
    return HotkeyStatus(HotkeyState.UNAVAILABLE, FALLBACK_TEXT, detail)
