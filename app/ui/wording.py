"""Dates and folders in words the views share, so the board, the backlog, the log and
the units say the same thing. Where a day stands from today (`Today`, `in 3 days`) is
said by app/domain/words.py, shared with the command line."""

from __future__ import annotations

import os
from datetime import date


def short_day(day: date, *, year: bool = False) -> str:
    """`Tue 3 Feb`, or `Tue 3 Feb 2022` with the year."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def folder_text(folder: str) -> str:
    """A folder (or a file) as people say it: inside the home folder, from "~"."""
    home = os.path.expanduser("~")
    if home not in ("", "~", os.sep) and (folder == home or folder.startswith(home + os.sep)):
        return "~" + folder[len(home) :]
    return folder
