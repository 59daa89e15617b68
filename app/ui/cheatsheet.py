"""The keyboard cheat sheet (F1 or ?): every command's keys, grouped by menu, in columns.

Colours come from the palette (`palette(...)` in the stylesheet), so the sheet reads well
in both themes without knowing which one is showing.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.actions import ActionRegistry, ActionSpec, display_path, native_text
from app.ui.screen_fit import fit_to_screen

COLUMNS: Final = 3
NO_SHORTCUT: Final = "—"
OTHER_GROUP: Final = "Other"


def keycap_style(palette: QPalette) -> str:
    """Key caps: a hairline of the text colour, so they show on light and dark alike."""
    text = palette.color(QPalette.ColorRole.Text)
    edge = f"rgba({text.red()}, {text.green()}, {text.blue()}, 70)"
    return (
        f"QLabel#keycap {{ border: 1px solid {edge}; border-bottom-width: 2px;"
        " border-radius: 5px; background: palette(base); padding: 1px 6px; }"
    )


class SheetEntry(NamedTuple):
    action_id: str
    group: str
    title: str
    keys: tuple[str, ...]  # as shown (native text); empty when the command has none


def sheet_entries(registry: ActionRegistry, query: str = "") -> list[SheetEntry]:
    """Commands to list, menu by menu in registration order, filtered by `query`.

    The query matches the title, the menu or the keys ("ctrl+k"), ignoring case.
    """
    needle = query.strip().casefold()
    entries = [_entry(registry, spec) for spec in registry.specs()]
    if needle:
        entries = [e for e in entries if needle in _searchable(e)]
    order = {group: index for index, group in enumerate(dict.fromkeys(e.group for e in entries))}
    return sorted(entries, key=lambda e: order[e.group])  # stable: keeps order within a menu


def _entry(registry: ActionRegistry, spec: ActionSpec) -> SheetEntry:
    keys = tuple(native_text(s) for s in registry.effective_shortcuts(spec.id))
    return SheetEntry(spec.id, display_path(spec.menu) or OTHER_GROUP, spec.title, keys)


def _searchable(entry: SheetEntry) -> str:
    return " ".join((entry.group, entry.title, *entry.keys)).casefold()


def split_columns(entries: list[SheetEntry], columns: int) -> list[list[list[SheetEntry]]]:
    """Groups distributed over `columns` in reading order, each column about as tall.

    A group is never split; a group heading counts as a row.
    """
    groups: list[list[SheetEntry]] = []
    for entry in entries:
        if groups and groups[-1][0].group == entry.group:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    total = sum(len(g) + 1 for g in groups)
    target = total / max(columns, 1)
    result: list[list[list[SheetEntry]]] = [[]]
    height = 0
    for group in groups:
        if height and height + len(group) / 2 > target and len(result) < columns:
            result.append([])
            height = 0
        result[-1].append(group)
        height += len(group) + 1
    return result


class CheatSheet(QDialog):
    """A dialog listing every shortcut; type to filter, Esc to close.

    Make one each time it opens (`CheatSheet(registry, window).open()`); it deletes itself
    on closing.
    """

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("cheatSheet")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(keycap_style(self.palette()))
        self._registry = registry
        self._entries: list[SheetEntry] = []
        self._filter = QLineEdit(self)
        self._filter.setPlaceholderText("Filter by command, menu or key…")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._rebuild)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._empty = QLabel("No shortcut matches the filter.", self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hint = QLabel("Change shortcuts in Settings › Shortcuts.", self)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self._filter)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._empty, 1)
        layout.addWidget(hint)
        fit_to_screen(self, 960, 620)
        self._rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.resize(min(960, parent.width() - 80), min(620, parent.height() - 80))
        super().showEvent(event)
        self._filter.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        # The theme can change while the sheet is open; the caps follow it.
        if event.type() == QEvent.Type.PaletteChange:
            style = keycap_style(self.palette())
            if style != self.styleSheet():
                self.setStyleSheet(style)
        super().changeEvent(event)

    def filter_field(self) -> QLineEdit:
        return self._filter

    def entries(self) -> list[SheetEntry]:
        """What the sheet lists now."""
        return list(self._entries)

    def _rebuild(self) -> None:
        # Rebuilt whole on each change: a hundred labels take well under a frame.
        self._entries = sheet_entries(self._registry, self._filter.text())
        self._empty.setVisible(not self._entries)
        self._scroll.setVisible(bool(self._entries))
        self._scroll.setWidget(_sheet_widget(self._entries))


def _sheet_widget(entries: list[SheetEntry]) -> QWidget:
    sheet = QWidget()
    row = QHBoxLayout(sheet)
    row.setContentsMargins(4, 8, 4, 8)
    row.setSpacing(32)
    for column in split_columns(entries, COLUMNS):
        box = QVBoxLayout()
        box.setSpacing(4)
        for group in column:
            box.addWidget(_group_heading(group[0].group))
            box.addLayout(_group_grid(group))
            box.addSpacing(12)
        box.addStretch(1)
        row.addLayout(box, 1)
    return sheet


def _group_heading(text: str) -> QLabel:
    label = _plain_label(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _group_grid(group: list[SheetEntry]) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(6)
    grid.setColumnStretch(0, 1)
    for row, entry in enumerate(group):
        title = _plain_label(entry.title)
        title.setWordWrap(True)
        grid.addWidget(title, row, 0)
        caps_alignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        grid.addLayout(_keycaps(entry.keys), row, 1, caps_alignment)
    return grid


def _keycaps(keys: tuple[str, ...]) -> QHBoxLayout:
    """The keys as small key caps ("F1 or ?"), or a muted dash when there are none."""
    caps = QHBoxLayout()
    caps.setSpacing(4)
    if not keys:
        blank = _plain_label(NO_SHORTCUT)
        blank.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        blank.setToolTip("No shortcut; assign one in Settings › Shortcuts")
        caps.addWidget(blank)
        return caps
    for index, key in enumerate(keys):
        if index:
            word = _plain_label("or")
            word.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            caps.addWidget(word)
        cap = _plain_label(key)
        cap.setObjectName("keycap")
        cap.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        caps.addWidget(cap)
    return caps


def _plain_label(text: str) -> QLabel:
    # Plain text: a title such as "<b>" must show as typed, never as markup.
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
