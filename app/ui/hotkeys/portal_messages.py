"""The D-Bus messages of the desktop portal's GlobalShortcuts, built with jeepney.

jeepney writes each message with the signature given here, which the portal checks:
`BindShortcuts` takes `oa(sa{sv})sa{sv}`. (PySide6's QtDBus cannot build that array of
structs, and sends Python ints only as `i`; see docs/architecture.md.)

A portal call that needs the desktop's (or the user's) answer returns a Request object
at once and delivers the answer later as the Request's `Response(u code, a{sv} results)`.
The Request's path is known before the call, from the caller's unique bus name and the
`handle_token` it passes, so the caller listens on it before calling and cannot miss a
quick answer.
"""

from __future__ import annotations

import secrets
from typing import Any, Final

from jeepney import DBusAddress, MatchRule, Message, new_method_call

from app.ui.hotkeys.keys import Chord

PORTAL: Final = DBusAddress(
    "/org/freedesktop/portal/desktop", bus_name="org.freedesktop.portal.Desktop"
)
REGISTRY: Final = "org.freedesktop.host.portal.Registry"
SHORTCUTS: Final = "org.freedesktop.portal.GlobalShortcuts"
REQUEST: Final = "org.freedesktop.portal.Request"

# The basename of the installed desktop entry (packaging/rizhi.desktop): a program
# outside Flatpak names itself by it, or the portal refuses to create a session.
APP_ID: Final = "rizhi"
SHORTCUT_ID: Final = "quick-capture"
DESCRIPTION: Final = "Quick capture in Rizhi"

Results = dict[str, tuple[str, Any]]  # a{sv}: each value with its signature


def new_token() -> str:
    """A handle token: letters, digits and underscores, unique within this connection."""
    return f"rizhi_{secrets.token_hex(6)}"


def request_path(unique_name: str, token: str) -> str:
    """Where the portal puts the Request of a call made with `token`."""
    sender = unique_name.removeprefix(":").replace(".", "_")
    return f"/org/freedesktop/portal/desktop/request/{sender}/{token}"


def response_rule(path: str) -> MatchRule:
    return MatchRule(type="signal", interface=REQUEST, member="Response", path=path)


def shortcut_signals_rule() -> MatchRule:
    """Activated, Deactivated and ShortcutsChanged of every session."""
    return MatchRule(type="signal", interface=SHORTCUTS, path=PORTAL.object_path)


def register() -> Message:
    """Registry.Register(s app_id, a{sv} options): must be the first portal call."""
    return new_method_call(PORTAL.with_interface(REGISTRY), "Register", "sa{sv}", (APP_ID, {}))


def create_session(token: str) -> Message:
    options = {"handle_token": ("s", token), "session_handle_token": ("s", new_token())}
    return new_method_call(PORTAL.with_interface(SHORTCUTS), "CreateSession", "a{sv}", (options,))


def bind_shortcuts(session: str, chord: Chord, token: str) -> Message:
    shortcut = {
        "description": ("s", DESCRIPTION),
        "preferred_trigger": ("s", chord.xdg_trigger()),
    }
    return new_method_call(
        PORTAL.with_interface(SHORTCUTS),
        "BindShortcuts",
        "oa(sa{sv})sa{sv}",
        (session, [(SHORTCUT_ID, shortcut)], "", {"handle_token": ("s", token)}),
    )


def session_of(results: Results) -> str:
    """The session handle in CreateSession's results (typed `s` by the spec, `o` by some
    portals); "" when missing."""
    _, handle = results.get("session_handle", ("s", ""))
    return str(handle)


def trigger_of(shortcuts: list[tuple[str, Results]]) -> str:
    """What the desktop says our shortcut's key is ("Ctrl+Alt+Space"); "" if it does not."""
    for shortcut_id, properties in shortcuts:
        if shortcut_id == SHORTCUT_ID:
            _, text = properties.get("trigger_description", ("s", ""))
            return str(text)
    return ""
