"""What the capture popup remembers across opens and restarts: the draft Esc left in it
and the lines saved lately, which Up brings back.

They are kept in a small JSON file in the data folder (`capture.json`), not in the
store: they are the box's memory of what was typed (markers and all), not data. In the
store they would be exported, synced and put in the change feed (every window would hear
of every keystroke Esc kept), and a capture's undo would have to leave them alone; as a
file, writing them costs nothing inside the capture's transaction, and a file that cannot
be written or read loses no item, only the recall. The file is replaced whole (written
beside it, then renamed), so a crash leaves the old one or the new one.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from typing import Final

FILE_NAME: Final = "capture.json"
RECENT_LIMIT: Final = 50

log = logging.getLogger(__name__)


class CaptureMemory:
    """The draft and the recent lines (newest first), written through to `path` at
    each change; with no path (tests, a data folder that cannot be written) they live
    as long as the process."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.draft = ""
        self.recent: list[str] = []
        if path is not None:
            self._load(path)

    def keep_draft(self, text: str) -> None:
        """What was in the box when it closed unsaved: shown again at the next open."""
        if text != self.draft:
            self.draft = text
            self._write()

    def remember(self, text: str) -> None:
        """A line was saved: it becomes the newest recent line (once), the draft goes."""
        line = text.strip()
        if line:
            self.recent = [line, *(kept for kept in self.recent if kept != line)]
            del self.recent[RECENT_LIMIT:]
        self.draft = ""
        self._write()

    def _load(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("The capture popup's memory %s could not be read: %s", path, exc)
            return
        if not isinstance(data, dict):
            return
        draft, recent = data.get("draft"), data.get("recent")
        self.draft = draft if isinstance(draft, str) else ""
        if isinstance(recent, list):
            self.recent = [line for line in recent if isinstance(line, str)][:RECENT_LIMIT]

    def _write(self) -> None:
        if self.path is None:
            return
        temporary = self.path + ".tmp"
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump({"draft": self.draft, "recent": self.recent}, handle, ensure_ascii=False)
            os.replace(temporary, self.path)
        except OSError as exc:
            # The recall is a convenience: the saved items are in the store already.
            log.warning("The capture popup's memory %s could not be written: %s", self.path, exc)


class Recall:
    """Up and Down through the recent lines, as in a shell: Up from the line being typed
    shows the newest, each Up an older one; Down goes back, and past the newest returns
    the line that was being typed."""

    def __init__(self, recent: Sequence[str]) -> None:
        self._recent = list(recent)
        self._index = -1  # -1: the line being typed
        self._typed = ""

    def older(self, current: str) -> str | None:
        """The line before the one shown, or None at the oldest."""
        if self._index + 1 >= len(self._recent):
            return None
        if self._index == -1:
            self._typed = current
        self._index += 1
        return self._recent[self._index]

    def newer(self) -> str | None:
        """The line after the one shown (the typed one after the newest), or None when
        the typed line is shown."""
        if self._index == -1:
            return None
        self._index -= 1
        return self._typed if self._index == -1 else self._recent[self._index]
