"""Notices inside the window: a bar at the top of the central area, a row per notice.

Where the desktop has no notification service, or one that shows no actions, this is
where a notice's actions are: a button each, and × (or Esc, with the focus in the bar)
to dismiss. Notices stack newest first; past `SHOWN` rows the rest wait behind an
"and N more" line and come up as the shown ones go. The bar hides when it holds nothing.
Its colours are the theme's (the `Notice*` rules of app/ui/theme.py's stylesheet).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.notifications.notice import Notice

SHOWN: Final = 3  # rows at most; a fourth notice is "and 1 more"


class BannerRow(QFrame):
    """One notice: its title and body, a button per action and a close button."""

    acted = Signal(str, str)  # notice key, action id
    closed = Signal(str)  # notice key

    def __init__(self, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.setObjectName("NoticeBanner")
        self.setProperty("critical", notice.critical)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(6)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(_label(notice.title, "NoticeTitle"))
        if notice.body:
            text.addWidget(_label(notice.body, "NoticeBody"))
        layout.addLayout(text, 1)
        self.buttons: dict[str, QPushButton] = {}
        for action_id, label in notice.actions:
            button = QPushButton(label, self)
            button.setObjectName("NoticeAction")
            button.clicked.connect(lambda _=False, a=action_id: self.acted.emit(notice.key, a))
            layout.addWidget(button)
            self.buttons[action_id] = button
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("NoticeClose")
        self.close_button.setText("×")
        self.close_button.setToolTip("Dismiss (Esc)")
        self.close_button.setAccessibleName(f"Dismiss {notice.title}")
        self.close_button.clicked.connect(lambda: self.closed.emit(notice.key))
        layout.addWidget(self.close_button)


class BannerArea(QFrame):
    """The bar the window hosts. `add` a notice (one under the same key is replaced and
    comes to the top), `remove` it; what the user does comes out as the signals."""

    action_invoked = Signal(str, str)  # notice key, action id
    dismissed = Signal(str)  # notice key: closed with × or Esc

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBanners")
        self._notices: list[Notice] = []  # newest first
        self._rows: list[BannerRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 4)
        self._layout.setSpacing(4)
        self.more = _label("", "NoticeMore")
        self._layout.addWidget(self.more)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._dismiss_top)
        self.hide()

    def add(self, notice: Notice) -> None:
        self._notices = [notice] + [n for n in self._notices if n.key != notice.key]
        self._rebuild()

    def remove(self, key: str) -> bool:
        """Take the notice under `key` away; False when none was there."""
        kept = [n for n in self._notices if n.key != key]
        if len(kept) == len(self._notices):
            return False
        self._notices = kept
        self._rebuild()
        return True

    def keys(self) -> list[str]:
        """The notices held, newest first (shown or waiting)."""
        return [n.key for n in self._notices]

    def rows(self) -> list[BannerRow]:
        """The rows shown, top first."""
        return list(self._rows)

    def _rebuild(self) -> None:
        # A handful of rows at most: building them again is simpler than moving them.
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = [BannerRow(notice, self) for notice in self._notices[:SHOWN]]
        for index, row in enumerate(self._rows):
            row.acted.connect(self._on_acted)
            row.closed.connect(self._on_closed)
            self._layout.insertWidget(index, row)
        waiting = len(self._notices) - len(self._rows)
        self.more.setText(f"and {waiting} more" if waiting else "")
        self.more.setVisible(waiting > 0)
        self.setVisible(bool(self._notices))

    def _on_acted(self, key: str, action_id: str) -> None:
        self.remove(key)
        self.action_invoked.emit(key, action_id)

    def _on_closed(self, key: str) -> None:
        self.remove(key)
        self.dismissed.emit(key)

    def _dismiss_top(self) -> None:
        if self._notices:
            self._on_closed(self._notices[0].key)
        if self._rows:  # the focus stays in the bar, so Esc goes on to the next one
            self._rows[0].close_button.setFocus()


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a title is the user's text, not markup
    label.setWordWrap(True)
    return label
