"""A stand-in for xdg-desktop-portal's GlobalShortcuts, for tests, on a private bus.

Run under `dbus-run-session -- python fake_portal.py [options]`: it owns
org.freedesktop.portal.Desktop, prints the bus address once it does, and serves until
asked to quit. Like the real portal (1.21), it checks each call's signature, refuses
CreateSession to a caller that has not registered its app id first, answers through
Request objects (`Response` signals) and emits `Activated` on the session's shortcuts.

The test drives it through `org.rizhi.test.FakePortal` on the same object: `Calls()`
returns every portal call as JSON (interface, member, signature, body, sender, in
order), `Activate(s session, s id)` emits Activated ("" for the newest session),
`ChangeTrigger(s text)` emits ShortcutsChanged, and `Quit()` ends it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    Message,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import DBusConnection, open_dbus_connection

PATH = "/org/freedesktop/portal/desktop"
NAME = "org.freedesktop.portal.Desktop"
REGISTRY = "org.freedesktop.host.portal.Registry"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
CONTROL = "org.rizhi.test.FakePortal"

SIGNATURES = {
    (REGISTRY, "Register"): "sa{sv}",
    (SHORTCUTS, "CreateSession"): "a{sv}",
    (SHORTCUTS, "BindShortcuts"): "oa(sa{sv})sa{sv}",
}


class Quit(Exception):
    pass


class FakePortal:
    def __init__(self, conn: DBusConnection, options: argparse.Namespace) -> None:
        self.conn = conn
        self.options = options
        self.calls: list[dict[str, Any]] = []
        self.registered: set[str] = set()
        self.sessions: list[str] = []
        self.shortcuts: dict[str, list[Any]] = {}
        self.handlers: dict[tuple[str, str], Callable[[Message], None]] = {
            (CONTROL, "Calls"): self.list_calls,
            (CONTROL, "Activate"): self.activate,
            (CONTROL, "ChangeTrigger"): self.change_trigger,
            (CONTROL, "Quit"): self.quit,
            (SHORTCUTS, "CreateSession"): self.create_session,
            (SHORTCUTS, "BindShortcuts"): self.bind_shortcuts,
        }
        if not options.no_registry:
            self.handlers[(REGISTRY, "Register")] = self.register
        if options.no_shortcuts:
            for key in [key for key in self.handlers if key[0] == SHORTCUTS]:
                del self.handlers[key]

    def serve(self) -> None:
        while True:
            message = self.conn.receive()
            if message.header.message_type is not MessageType.method_call:
                continue
            fields = message.header.fields
            interface, member = fields.get(HeaderFields.interface), fields[HeaderFields.member]
            signature = fields.get(HeaderFields.signature, "")
            if interface != CONTROL:
                self.calls.append(
                    {
                        "interface": interface,
                        "member": member,
                        "signature": signature,
                        "body": message.body,
                        "sender": fields[HeaderFields.sender],
                    }
                )
            handler = self.handlers.get((interface, member))
            if handler is None:
                self.error(
                    message,
                    "org.freedesktop.DBus.Error.UnknownMethod",
                    f"No such interface “{interface}” on object at path {PATH}",
                )
            elif SIGNATURES.get((interface, member), signature) != signature:
                self.error(message, "org.freedesktop.DBus.Error.InvalidArgs", signature)
            else:
                handler(message)

    # --- the portal -----------------------------------------------------------------

    def register(self, message: Message) -> None:
        self.registered.add(message.header.fields[HeaderFields.sender])
        self.conn.send(new_method_return(message))

    def create_session(self, message: Message) -> None:
        sender = message.header.fields[HeaderFields.sender]
        if not self.options.no_registry and sender not in self.registered:
            self.error(message, "org.freedesktop.portal.Error.Failed", "An app id is required")
            return
        options = message.body[0]
        session = f"{PATH}/session/{escaped(sender)}/{options['session_handle_token'][1]}"
        self.sessions.append(session)
        self.respond(message, options["handle_token"][1], 0, {"session_handle": ("s", session)})

    def bind_shortcuts(self, message: Message) -> None:
        session, shortcuts, _parent, options = message.body
        token = options["handle_token"][1]
        if self.options.hold:  # the desktop is asking the user, who never answers
            self.conn.send(new_method_return(message, "o", (request(message, token),)))
            return
        if self.options.decline:
            self.respond(message, token, 1, {})
            return
        bound = [
            (shortcut_id, {**props, "trigger_description": ("s", self.options.trigger)})
            for shortcut_id, props in shortcuts
        ]
        self.shortcuts[session] = bound
        self.respond(message, token, 0, {"shortcuts": ("a(sa{sv})", bound)})

    def respond(self, message: Message, token: str, code: int, results: dict[str, Any]) -> None:
        path = request(message, token)
        self.conn.send(new_method_return(message, "o", (path,)))
        emitter = DBusAddress(path, interface="org.freedesktop.portal.Request")
        self.conn.send(new_signal(emitter, "Response", "ua{sv}", (code, results)))

    def error(self, message: Message, name: str, text: str) -> None:
        self.conn.send(new_error(message, name, "s", (text,)))

    # --- the test's controls --------------------------------------------------------

    def list_calls(self, message: Message) -> None:
        self.conn.send(new_method_return(message, "s", (json.dumps(self.calls),)))

    def activate(self, message: Message) -> None:
        session, shortcut_id = message.body
        emitter = DBusAddress(PATH, interface=SHORTCUTS)
        signal = new_signal(
            emitter,
            "Activated",
            "osta{sv}",
            (session or self.sessions[-1], shortcut_id, int(time.time() * 1000), {}),
        )
        self.conn.send(signal)
        self.conn.send(new_method_return(message))

    def change_trigger(self, message: Message) -> None:
        (text,) = message.body
        session = self.sessions[-1]
        changed = [
            (shortcut_id, {**props, "trigger_description": ("s", text)})
            for shortcut_id, props in self.shortcuts[session]
        ]
        emitter = DBusAddress(PATH, interface=SHORTCUTS)
        self.conn.send(new_signal(emitter, "ShortcutsChanged", "oa(sa{sv})", (session, changed)))
        self.conn.send(new_method_return(message))

    def quit(self, message: Message) -> None:
        self.conn.send(new_method_return(message))
        raise Quit


def escaped(sender: str) -> str:
    return sender.removeprefix(":").replace(".", "_")


def request(message: Message, token: str) -> str:
    return f"{PATH}/request/{escaped(message.header.fields[HeaderFields.sender])}/{token}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trigger", default="Ctrl+Alt+Space", help="the key the desktop binds")
    parser.add_argument("--no-registry", action="store_true", help="a portal before 1.19.4")
    parser.add_argument("--no-shortcuts", action="store_true", help="no GlobalShortcuts (GNOME 46)")
    parser.add_argument("--decline", action="store_true", help="the user refuses the shortcut")
    parser.add_argument("--hold", action="store_true", help="BindShortcuts is never answered")
    options = parser.parse_args()
    with open_dbus_connection("SESSION") as conn:
        conn.bus_proxy.RequestName(NAME)
        print(os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
        with contextlib.suppress(Quit):
            FakePortal(conn, options).serve()
    sys.exit(0)


if __name__ == "__main__":
    main()
