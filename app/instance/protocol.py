"""The instance's protocol: one request, one reply, each a line of JSON.

Requests are objects with a `cmd`:

    {"cmd": "ping"}      is anyone there? (the reply says who: pid, version, schema)
    {"cmd": "show"}      bring the window forward, building it if the instance runs in
                         the background
    {"cmd": "capture"}   open the quick-capture popup
    {"cmd": "quit"}      end the instance, as File › Quit does

Replies are `{"ok": true, ...}` or `{"ok": false, "error": "what went wrong"}`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

PING, SHOW, CAPTURE, QUIT = "ping", "show", "capture", "quit"
COMMANDS = (PING, SHOW, CAPTURE, QUIT)
MAX_LINE = 64 * 1024  # a request or reply longer than this is not one of ours

Message = dict[str, object]


def encode(message: Mapping[str, object]) -> bytes:
    return json.dumps(dict(message), ensure_ascii=False).encode("utf-8") + b"\n"


def decode(line: bytes) -> Message:
    """The object on one line; ValueError when it is not a JSON object."""
    value = json.loads(line.decode("utf-8"))
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def ok(**fields: object) -> Message:
    return {"ok": True, **fields}


def refusal(error: str) -> Message:
    return {"ok": False, "error": error}
