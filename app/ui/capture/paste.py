"""Pasting into the one-line capture box: what was selected in another window (a paper's
title in a PDF reader, a link in the browser), made into one line."""

from __future__ import annotations

import re
from typing import Final

from PySide6.QtGui import QClipboard, QGuiApplication

# A line broken after a hyphen in a PDF ("self-\nsupervised") joins without a space.
_BROKEN_AFTER_HYPHEN: Final = re.compile(r"-[ \t]*\r?\n\s*(?=\w)")


def one_line(text: str) -> str:
    """`text` as one line: line breaks and runs of spaces become one space."""
    return " ".join(_BROKEN_AFTER_HYPHEN.sub("-", text).split())


def selection_or_clipboard() -> str:
    """The text selected in any window (X11's primary selection) when there is one and
    the platform has it, else the clipboard's; as one line."""
    clipboard = QGuiApplication.clipboard()
    if clipboard.supportsSelection():
        selected = clipboard.text(QClipboard.Mode.Selection)
        if selected.strip():
            return one_line(selected)
    return one_line(clipboard.text(QClipboard.Mode.Clipboard))


def clipboard_text() -> str:
    """The clipboard's text as one line (Ctrl+V)."""
    return one_line(QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard))
