"""The backups as a list to choose from: the recovery dialog at start-up and File ›
Restore from backup… both show it.

Good backups come first, newest first, so the row selected on opening is the newest one
that can be restored; the bad ones follow, greyed, with what is wrong with them, and
cannot be chosen for a restore. The backups are kept in a Python list beside the rows
(never read back from the items' data: see "PySide6 and empty variants" in
docs/architecture.md).
"""

from __future__ import annotations

import os
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.domain.backup_schedule import (
    AUTO,
    BEFORE_IMPORT,
    BEFORE_MIGRATION,
    BEFORE_REPAIR,
    BEFORE_RESTORE,
    MANUAL,
)
from app.domain.words import day_name, plural
from app.store.backup_files import BackupInfo
from app.ui.theme import tokens_for

HEADERS = ("Taken", "Why", "Size", "Items", "Log entries")
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ROW_PADDING = 12  # pixels above and below a row's text together: rows easy to aim at
KIND_WORDS = {
    AUTO: "automatic",
    MANUAL: "taken by you",
    BEFORE_RESTORE: "before a restore",
    BEFORE_IMPORT: "before an import",
    BEFORE_MIGRATION: "before an upgrade",
    BEFORE_REPAIR: "before a repair",
}


def taken_text(taken_at: datetime, now: datetime) -> str:
    """When a backup was taken, as a person reads it: "Today 10:00", "Mon 16 Nov
    09:30", "3 Mar 2025 18:00"."""
    local = taken_at.astimezone(now.tzinfo)
    named = day_name(local.date(), now.date(), capital=True)
    if named is not None:
        return f"{named} {local:%H:%M}"
    if local.year == now.year:
        return f"{local:%a %d %b %H:%M}"
    return f"{local:%d %b %Y %H:%M}"


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size / 1024, 1):,.0f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


def count_text(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def describe(info: BackupInfo, now: datetime) -> str:
    """One backup in a sentence, for a question or a status bar."""
    items = "? items" if info.items is None else plural(info.items, "item")
    entries = "? log entries" if info.log_entries is None else plural(info.log_entries, "log entry")
    return f"the backup taken {taken_text(info.taken_at, now).lower()} ({items}, {entries})"


def restore_order(found: list[BackupInfo]) -> list[BackupInfo]:
    """Good backups first, then the bad; newest first within each."""
    return sorted(found, key=lambda b: (not b.good, -b.taken_at.timestamp()))


class BackupList(QTreeWidget):
    """The backups, one row each; `chosen` tells which is selected (None: none)."""

    chosen = Signal(object)  # BackupInfo | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BackupList")
        self.backups: list[BackupInfo] = []
        self.setColumnCount(len(HEADERS))
        self.setHeaderLabels(list(HEADERS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(_RoomyRows(self))
        for column in (2, 3, 4):
            self.headerItem().setTextAlignment(column, NUMBER_ALIGNMENT)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.currentItemChanged.connect(lambda *_: self.chosen.emit(self.selected()))

    def show_backups(self, found: list[BackupInfo], now: datetime) -> None:
        """List `found` in restore order and select the first row (the newest good)."""
        self.clear()
        self.backups = restore_order(found)
        # The theme's muted text, which keeps AA contrast (the disabled colour does not).
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        muted = tokens_for(dark).muted_text
        for info in self.backups:
            why = KIND_WORDS.get(info.kind, info.kind)
            if not info.good:
                why = f"cannot be restored: {info.problem}"
            row = QTreeWidgetItem([
                taken_text(info.taken_at, now),
                why,
                size_text(info.size),
                count_text(info.items),
                count_text(info.log_entries),
            ])  # fmt: skip
            row.setToolTip(0, os.path.basename(info.path))
            row.setToolTip(1, why)
            for column in (2, 3, 4):
                row.setTextAlignment(column, NUMBER_ALIGNMENT)
            if not info.good:
                for column in range(len(HEADERS)):
                    row.setForeground(column, muted)
            self.addTopLevelItem(row)
        if self.backups:
            self.setCurrentIndex(self.model().index(0, 0))
        else:
            self.chosen.emit(None)

    def selected(self) -> BackupInfo | None:
        item = self.currentItem()
        if item is None:
            return None
        row = self.indexOfTopLevelItem(item)
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def select_path(self, path: str) -> bool:
        """Select the backup at `path`; False when it is not listed."""
        for row, info in enumerate(self.backups):
            if info.path == path:
                self.setCurrentIndex(self.model().index(row, 0))
                return True
        return False


class _RoomyRows(QStyledItemDelegate):
    """Rows taller than the text, as the other lists of the window have them."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + ROW_PADDING))
