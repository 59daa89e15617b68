"""The instance for this process's data folder (RIZHI_HOME, or the platform's folder)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from app.instance.address import Address, address_for
from app.instance.client import request
from app.instance.protocol import Message

# A launcher's token for bringing a window forward under Wayland's focus-stealing
# prevention; handed on with "show" (app/ui/background.py).
ACTIVATION_ENV = "XDG_ACTIVATION_TOKEN"


def address_here() -> Address:
    from app.config.paths import data_dir_location

    return address_for(data_dir_location())


def ask(message: Mapping[str, object]) -> Message | None:
    """The running instance's reply; None when none runs for this data folder."""
    return request(address_here(), message)


def show_request() -> Message:
    """The "show" request, with the launcher's activation token when there is one."""
    message: Message = {"cmd": "show"}
    token = os.environ.get(ACTIVATION_ENV)
    if token:
        message["activation_token"] = token
    return message
