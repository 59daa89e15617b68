"""A stand-in for the desktop's notification service, for tests, on a private bus.

Run as `python fake_notify_service.py ADDRESS [--no-actions] [--no-body]`: it owns
org.freedesktop.Notifications on the bus at ADDRESS, prints "ready" once it does, and
serves until asked to quit. Like dunst, it checks each call's signature (a `replaces_id`
sent as `i` instead of `u` is refused with InvalidArgs), reuses the id a Notify call
asks to replace while that notification is open, and sends ActionInvoked and
NotificationClosed to the notification's sender only.

The test drives it through `org.rizhi.test.FakeNotifications` on the same object (see
`FakeNotifyService` below): `Calls()` returns every call as JSON (member, signature, body,
sender, in order), `Invoke(u id, s action)` and `Close(u id, u reason)` emit the signals,
`Quit()` ends it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    Message,
    MessageType,
    new_error,
    new_method_call,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CONTROL = "org.rizhi.test.FakeNotifications"
SIGNATURES = {"Notify": "susssasa{sv}i", "CloseNotification": "u", "GetCapabilities": ""}
WAIT_SECONDS = 10.0


class Quit(Exception):
    pass


class FakeService:
    def __init__(self, conn: DBusConnection, capabilities: list[str]) -> None:
        self.conn = conn
        self.capabilities = capabilities
        self.calls: list[dict[str, Any]] = []
        self.open: dict[int, str] = {}  # notification id -> its sender
        self.last_id = 0
        self.emitter = DBusAddress(PATH, interface=NAME)
        self.handlers: dict[tuple[str, str], Callable[[Message], None]] = {
            (NAME, "GetCapabilities"): self.get_capabilities,
            (NAME, "Notify"): self.notify,
            (NAME, "CloseNotification"): self.close_notification,
            (CONTROL, "Calls"): self.list_calls,
            (CONTROL, "Invoke"): self.invoke,
            (CONTROL, "Close"): self.close,
            (CONTROL, "Quit"): self.quit,
        }

    def serve(self) -> None:
        while True:
            message = self.conn.receive()
            if message.header.message_type is not MessageType.method_call:
                continue
            fields = message.header.fields
            interface, member = fields.get(HeaderFields.interface), fields[HeaderFields.member]
            signature = fields.get(HeaderFields.signature, "")
            if interface == NAME:
                self.calls.append(
                    {
                        "member": member,
                        "signature": signature,
                        "body": message.body,
                        "sender": fields[HeaderFields.sender],
                    }
                )
            handler = self.handlers.get((interface, member))
            if handler is None:
                self.error(message, "org.freedesktop.DBus.Error.UnknownMethod", str(member))
            elif interface == NAME and SIGNATURES[member] != signature:
                expected = SIGNATURES[member]
                self.error(
                    message,
                    "org.freedesktop.DBus.Error.InvalidArgs",
                    f"Type of message “({signature})” does not match expected type “({expected})”",
                )
            else:
                handler(message)

    # --- the service ----------------------------------------------------------------

    def get_capabilities(self, message: Message) -> None:
        self.conn.send(new_method_return(message, "as", (self.capabilities,)))

    def notify(self, message: Message) -> None:
        replaces_id = message.body[1]
        if replaces_id in self.open:
            notification_id = replaces_id
        else:
            self.last_id += 1
            notification_id = self.last_id
        self.open[notification_id] = message.header.fields[HeaderFields.sender]
        self.conn.send(new_method_return(message, "u", (notification_id,)))

    def close_notification(self, message: Message) -> None:
        self.conn.send(new_method_return(message))
        self.closed(message.body[0], 3)

    def closed(self, notification_id: int, reason: int) -> None:
        sender = self.open.pop(notification_id, None)
        if sender is not None:
            signal = new_signal(self.emitter, "NotificationClosed", "uu", (notification_id, reason))
            self.send_to(signal, sender)

    def send_to(self, signal: Message, destination: str) -> None:
        signal.header.fields[HeaderFields.destination] = destination
        self.conn.send(signal)

    def error(self, message: Message, name: str, text: str) -> None:
        self.conn.send(new_error(message, name, "s", (text,)))

    # --- the test's controls --------------------------------------------------------

    def list_calls(self, message: Message) -> None:
        self.conn.send(new_method_return(message, "s", (json.dumps(self.calls),)))

    def invoke(self, message: Message) -> None:
        notification_id, action = message.body
        sender = self.open.get(notification_id)
        if sender is not None:
            signal = new_signal(self.emitter, "ActionInvoked", "us", (notification_id, action))
            self.send_to(signal, sender)
        self.conn.send(new_method_return(message))

    def close(self, message: Message) -> None:
        self.closed(*message.body)
        self.conn.send(new_method_return(message))

    def quit(self, message: Message) -> None:
        self.conn.send(new_method_return(message))
        raise Quit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("address", help="the bus to serve on")
    parser.add_argument("--no-actions", action="store_true", help="no 'actions' capability")
    parser.add_argument("--no-body", action="store_true", help="no 'body' capability")
    options = parser.parse_args()
    capabilities = ["persistence"]
    if not options.no_body:
        capabilities.append("body")
    if not options.no_actions:
        capabilities.append("actions")
    with open_dbus_connection(options.address) as conn:
        conn.bus_proxy.RequestName(NAME)
        print("ready", flush=True)
        with contextlib.suppress(Quit):
            FakeService(conn, capabilities).serve()
    sys.exit(0)


class FakeNotifyService:
    """The fake service's process on the bus at `address`, and the test's connection to
    drive it."""

    def __init__(self, address: str, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__)), address, *options],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], WAIT_SECONDS)
        if not ready or self.process.stdout.readline().strip() != "ready":
            self.process.kill()
            raise RuntimeError("the fake notification service did not start")
        self.conn: DBusConnection = open_dbus_connection(address)

    def call(self, method: str, signature: str | None = None, *body: object) -> Any:
        control = DBusAddress(PATH, bus_name=NAME, interface=CONTROL)
        message = new_method_call(control, method, signature, body)
        return unwrap_msg(self.conn.send_and_get_reply(message, timeout=WAIT_SECONDS))

    def calls(self, member: str | None = None) -> list[dict[str, Any]]:
        recorded = json.loads(self.call("Calls")[0])
        return [call for call in recorded if member is None or call["member"] == member]

    def invoke(self, notification_id: int, action: str) -> None:
        self.call("Invoke", "us", notification_id, action)

    def close(self, notification_id: int, reason: int) -> None:
        self.call("Close", "uu", notification_id, reason)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(Exception):
                self.call("Quit")
            try:
                self.process.wait(WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(WAIT_SECONDS)
        self.conn.close()


if __name__ == "__main__":
    main()
