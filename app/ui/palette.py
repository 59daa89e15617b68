"""The command palette (Ctrl+K): type a few letters of any command and press Enter.

Matching is fuzzy but predictable. A command whose title starts with what was typed comes
first; then commands where the typed letters begin words ("mr" or "mov rig" for "Move
right"); then any command containing the letters in order. The menu path counts too
("board mov"), a little below the title.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.actions import ActionRegistry, ActionSpec, display_path, native_text

PREFIX, WORD_START, SUBSEQUENCE = 3, 2, 1
_WORD = re.compile(r"\w+")


# --- matching --------------------------------------------------------------------------


class Match(NamedTuple):
    """How well a query matches one text; higher tiers rank first, then lower penalty."""

    tier: int
    penalty: int


def match_text(query: str, text: str) -> Match | None:
    """Match `query` against `text`, case-insensitively; None when it does not match."""
    query = query.strip().casefold()
    folded = text.casefold()
    if not query:
        return Match(PREFIX, 0)
    if folded.startswith(query):
        return Match(PREFIX, len(folded))  # shorter titles are the closer match
    letters = "".join(query.split())
    words = tuple(word.casefold() for word in _WORD.findall(text))
    pieces = _word_start_pieces(letters, words)
    if pieces is not None:
        return Match(WORD_START, pieces)
    span = _subsequence_span(letters, folded)
    if span is not None and span <= _loosest_span(letters):
        return Match(SUBSEQUENCE, span)
    return None


def _loosest_span(letters: str) -> int:
    # Letters scattered across a long title match almost anything ("dark" runs through
    # "carry unfinisheD cARds to this weeK"); a subsequence counts only while it stays
    # about as tight as a typo or a dropped letter or two would leave it.
    return 2 * len(letters) + 1


@cache
def _word_start_pieces(letters: str, words: tuple[str, ...]) -> int | None:
    """Fewest pieces `letters` splits into, each the start of a later word; None if none."""
    if not letters:
        return 0
    best: int | None = None
    for index, word in enumerate(words):
        length = _common_prefix(letters, word)
        for taken in range(length, 0, -1):
            rest = _word_start_pieces(letters[taken:], words[index + 1 :])
            if rest is not None and (best is None or rest + 1 < best):
                best = rest + 1
    return best


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _subsequence_span(letters: str, text: str) -> int | None:
    """Length of the shortest stretch of `text` holding `letters` in order, or None."""
    best: int | None = None
    for start, char in enumerate(text):
        if char != letters[0]:
            continue
        position = start
        for letter in letters[1:]:
            position = text.find(letter, position + 1)
            if position < 0:
                return best
        span = position - start + 1
        best = span if best is None else min(best, span)
    return best


def rank(query: str, specs: list[ActionSpec]) -> list[ActionSpec]:
    """The specs matching `query`, best first; ties keep registration order."""
    scored: list[tuple[tuple[int, int, int, int], ActionSpec]] = []
    for index, spec in enumerate(specs):
        key = _sort_key(query, spec)
        if key is not None:
            scored.append(((*key, index), spec))
    scored.sort(key=lambda pair: pair[0])
    return [spec for _, spec in scored]


def _sort_key(query: str, spec: ActionSpec) -> tuple[int, int, int] | None:
    """(−tier, 0 for a title match else 1, penalty): smaller sorts first."""
    candidates = []
    title = match_text(query, spec.title)
    if title is not None:
        candidates.append((-title.tier, 0, title.penalty))
    if spec.menu:
        both = match_text(query, f"{display_path(spec.menu)} {spec.title}")
        if both is not None:
            candidates.append((-both.tier, 1, both.penalty))
    return min(candidates) if candidates else None


# --- model --------------------------------------------------------------------------

ACTION_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
MENU_ROLE: Final = Qt.ItemDataRole.UserRole + 2
SHORTCUT_ROLE: Final = Qt.ItemDataRole.UserRole + 3
ENABLED_ROLE: Final = Qt.ItemDataRole.UserRole + 4

_AnyIndex = QModelIndex | QPersistentModelIndex


class PaletteModel(QAbstractListModel):
    """The commands matching the current query, as rows of a list view."""

    def __init__(self, registry: ActionRegistry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self._rows: list[ActionSpec] = []

    def set_query(self, query: str) -> None:
        # Titles as the actions show them now ("Undo Move card", not just "Undo").
        live = [s._replace(title=self._live_title(s)) for s in self._registry.specs()]
        self.beginResetModel()
        self._rows = rank(query, live)
        self.endResetModel()

    def _live_title(self, spec: ActionSpec) -> str:
        text = self._registry.action(spec.id).text()
        # "&&" is a literal ampersand in Qt's action texts; a single "&" marks a mnemonic.
        return text.replace("&&", "\0").replace("&", "").replace("\0", "&") or spec.title

    def action_id(self, row: int) -> str:
        return self._rows[row].id

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        spec = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.description or None
        if role == ACTION_ID_ROLE:
            return spec.id
        if role == MENU_ROLE:
            return display_path(spec.menu)
        if role == SHORTCUT_ROLE:
            return native_text(self._registry.effective_shortcut(spec.id))
        if role == ENABLED_ROLE:
            return self._registry.action(spec.id).isEnabled()
        return None


# --- view ---------------------------------------------------------------------------


class PaletteDelegate(QStyledItemDelegate):
    """One row: title, then the menu path in a muted colour, the shortcut at the right."""

    PADDING = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: _AnyIndex) -> QSize:
        height = QFontMetrics(option.font).height() + 2 * 8
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _AnyIndex) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        enabled = bool(index.data(ENABLED_ROLE))
        painter.save()
        if selected:
            # A disabled command gets a quiet selection: the accent would say "runnable".
            role = QPalette.ColorRole.Highlight if enabled else QPalette.ColorRole.Midlight
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(role))
            painter.drawRoundedRect(rect.adjusted(4, 1, -4, -1), 6, 6)
        text_colour, muted = _row_colours(palette, selected, enabled)
        inner = rect.adjusted(self.PADDING + 4, 0, -self.PADDING - 4, 0)
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        shortcut = str(index.data(SHORTCUT_ROLE) or "")
        shortcut_width = metrics.horizontalAdvance(shortcut) + (self.PADDING if shortcut else 0)
        painter.setFont(font)
        painter.setPen(muted)
        align_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(inner, align_right, shortcut)
        title = str(index.data(Qt.ItemDataRole.DisplayRole))
        room = inner.width() - shortcut_width
        title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
        align_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setPen(text_colour)
        painter.drawText(inner, align_left, title)
        menu = str(index.data(MENU_ROLE) or "")
        title_width = metrics.horizontalAdvance(title) + self.PADDING
        if menu and room - title_width > 0:
            menu_rect = inner.adjusted(title_width, 0, 0, 0)
            menu_rect.setWidth(room - title_width)
            painter.setPen(muted)
            menu = metrics.elidedText(menu, Qt.TextElideMode.ElideRight, menu_rect.width())
            painter.drawText(menu_rect, align_left, menu)
        painter.restore()


def _row_colours(palette: QPalette, selected: bool, enabled: bool) -> tuple[QColor, QColor]:
    """(title colour, muted colour) for a row; disabled rows are greyed throughout."""
    role = QPalette.ColorRole
    if not enabled:
        grey = palette.color(QPalette.ColorGroup.Disabled, role.Text)
        return grey, grey
    if selected:
        text = palette.color(role.HighlightedText)
        muted = QColor(text)
        muted.setAlphaF(0.75)
        return text, muted
    return palette.color(role.Text), palette.color(role.PlaceholderText)


class CommandPalette(QDialog):
    """A popup over the window: a search field above the matching commands.

    Make one each time it opens (`CommandPalette(registry, window).open()`): it deletes
    itself on closing, and reads the commands' current state when shown.
    """

    VISIBLE_ROWS = 10

    def __init__(self, registry: ActionRegistry, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("commandPalette")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A popup has no window frame; a hairline border sets it off from the window.
        self.setStyleSheet("QDialog#commandPalette { border: 1px solid palette(dark); }")
        self._registry = registry
        self._model = PaletteModel(registry, self)
        self._field = QLineEdit(self)
        self._field.setPlaceholderText("Type a command…")
        self._field.setClearButtonEnabled(True)
        self._field.setAccessibleName("Command")
        font = QFont(self._field.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._field.setFont(font)
        self._field.setTextMargins(4, 4, 4, 4)
        self._field.textChanged.connect(self._on_query)
        self._field.installEventFilter(self)
        self._list = QListView(self)
        self._list.setModel(self._model)
        self._list.setItemDelegate(PaletteDelegate(self._list))
        self._list.setUniformItemSizes(True)
        self._list.setFrameShape(QFrame.Shape.NoFrame)
        self._list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always goes to the field
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._list.clicked.connect(lambda index: self.run_row(index.row()))
        self._message = QLabel(self)
        self._message.setObjectName("paletteMessage")
        self._message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._message.setContentsMargins(8, 0, 8, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self._field)
        layout.addWidget(self._list)
        layout.addWidget(self._message)
        self._size_to_rows()
        self._on_query("")

    # --- public -------------------------------------------------------------------

    def query_field(self) -> QLineEdit:
        return self._field

    def list_view(self) -> QListView:
        return self._list

    def shown_ids(self) -> list[str]:
        """The commands listed now, top to bottom."""
        return [self._model.action_id(row) for row in range(self._model.rowCount())]

    def current_id(self) -> str | None:
        row = self._list.currentIndex().row()
        return self._model.action_id(row) if row >= 0 else None

    def run_row(self, row: int) -> bool:
        """Run the command on `row`; a disabled one stays open and says why."""
        if not 0 <= row < self._model.rowCount():
            return False
        action = self._registry.action(self._model.action_id(row))
        if not action.isEnabled():
            self._show_message(f"“{action.text()}” is not available right now.")
            return False
        # Close first: the command may open a dialog of its own or act on the view that
        # had focus before the palette opened, and focus goes back there on closing.
        self.accept()
        action.trigger()
        return True

    # --- events -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._centre_on_parent()
        self._field.setFocus(Qt.FocusReason.PopupFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._handle_key(event)
        return super().eventFilter(watched, event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.run_row(self._list.currentIndex().row())
            return True
        moves = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -self.VISIBLE_ROWS,
            Qt.Key.Key_PageDown: self.VISIBLE_ROWS,
        }
        if key in moves:
            self._move(moves[Qt.Key(key)])
            return True
        return False

    # --- helpers ------------------------------------------------------------------

    def _on_query(self, text: str) -> None:
        self._model.set_query(text)
        count = self._model.rowCount()
        if count:
            self._list.setCurrentIndex(self._model.index(0))
            self._show_message("")
        else:
            self._show_message("No command matches. Esc closes.")

    def _move(self, step: int) -> None:
        count = self._model.rowCount()
        if not count:
            return
        row = min(max(self._list.currentIndex().row() + step, 0), count - 1)
        self._list.setCurrentIndex(self._model.index(row))

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._message.setVisible(bool(text))

    def _size_to_rows(self) -> None:
        # A fixed size: the field stays put while the list of matches grows and shrinks.
        row_height = QFontMetrics(self.font()).height() + 16
        self._list.setFixedHeight(row_height * self.VISIBLE_ROWS + 4)
        self.setFixedWidth(max(560, QFontMetrics(self.font()).averageCharWidth() * 70))

    def _centre_on_parent(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        centre = parent.mapToGlobal(parent.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
