"""Stable identifiers for records that travel between stores (export, sync)."""

from __future__ import annotations

import os


def new_uid() -> str:
    """A random (version 4) UUID as text.

    Built from os.urandom rather than the uuid module, which imports `platform` and
    costs milliseconds on the capture path.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
