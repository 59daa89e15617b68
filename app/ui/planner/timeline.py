"""The timeline of one day: a custom-painted scroll area over a `DayModel`, no widget per
block.

The pointer: pressing a block and dragging moves it, pressing near its top or bottom edge
and dragging resizes it, both on the 15-minute grid; what the block will become is drawn
while the pointer moves (only the rectangles that change are repainted) and written once,
on release, as one undoable operation. Carried out of the timeline (to a day of the week
strip), a block becomes a real drag carrying its id (app/ui/planner/dnd.py). Cards
dropped from the candidates, the board or the backlog become blocks where they fall.

The keyboard: Up/Down move the selected block by 15 minutes, Shift+Up/Down resize it,
Left/Right and Tab select the block before or after, Enter opens its item, Delete removes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from app.domain.timebox import SNAP, Lane
from app.services.planner_reads import PlannedBlock
from app.ui.dnd import MIME_ITEM_IDS
from app.ui.planner.dnd import MIME_BLOCK_IDS, encode_blocks
from app.ui.planner.geometry import EDGE_PX, HOUR_PX, TimeGrid, moved, resized
from app.ui.planner.model import DayModel
from app.ui.planner.painting import (
    GHOST,
    block_style,
    now_rect,
    paint_block,
    paint_drop_line,
    paint_hours,
    paint_now,
)
from app.ui.theme import Tokens

MOVE, TOP_EDGE, BOTTOM_EDGE = "move", "top", "bottom"
# Keys the timeline handles itself while it has the focus, before the window's shortcuts
# (Delete is the window's "move to trash" elsewhere).
OWN_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
}


class Gesture(NamedTuple):
    """A press on a block that may become a move or a resize."""

    block_id: int
    mode: str  # MOVE, TOP_EDGE or BOTTOM_EDGE
    origin: QPoint
    grab: float  # the minute under the pointer at the press
    start: int
    minutes: int
    lane: Lane


class Timeline(QAbstractScrollArea):
    selection_changed = Signal(object)  # the selected block's id, or None
    open_item = Signal(int)
    add_requested = Signal(int)  # a double-click on empty time: the minute

    def __init__(
        self,
        model: DayModel,
        tokens: Tokens,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PlannerTimeline")
        self.model = model
        self.tokens = tokens
        self.clock = clock
        self.hours = (8 * 60, 20 * 60)
        self.selected: int | None = None
        self._gesture: Gesture | None = None
        self.preview: tuple[int, int] | None = None  # (start, minutes) while dragging
        self.drop_minute: int | None = None  # where a card being dragged in would land
        self._scroll_pending = False
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(HOUR_PX // 4)
        self.verticalScrollBar().valueChanged.connect(lambda _: self.viewport().update())
        self.setAccessibleName("Day timeline")
        model.modelReset.connect(self._after_reset)
        model.dataChanged.connect(lambda *_: self.viewport().update())
        # The line at the current time moves once a minute, on the minute.
        self._minute = QTimer(self)
        self._minute.setSingleShot(True)
        self._minute.timeout.connect(self._next_minute)
        self._now_shown: QRect | None = None
        self._arm_minute()

    # --- geometry --------------------------------------------------------------

    def grid(self) -> TimeGrid:
        return TimeGrid(self.viewport().width(), self.verticalScrollBar().value())

    def set_hours(self, start: int, end: int) -> None:
        self.hours = (start, end)
        self.viewport().update()

    def scroll_to_hours(self) -> None:
        """Show the working hours from their start (a little before it); before the
        first layout, once the view has its height."""
        self._scroll_pending = True
        self._scroll_now()

    def _scroll_now(self) -> None:
        bar = self.verticalScrollBar()
        if self._scroll_pending and bar.maximum() > 0:
            self._scroll_pending = False
            bar.setValue(max(0, TimeGrid(0).y_of(self.hours[0] - 30)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        bar = self.verticalScrollBar()
        bar.setPageStep(self.viewport().height())
        bar.setRange(0, max(0, TimeGrid.content_height() - self.viewport().height()))
        self._scroll_now()

    def block_rect(self, block_id: int) -> QRect:
        """The block's rectangle in the viewport (empty when it is not shown)."""
        row = self.model.row_of(block_id)
        found = self.model.block(row)
        if found is None:
            return QRect()
        return self.grid().block_rect(found.row.start, found.row.minutes, self.model.lane(row))

    def block_at(self, point: QPoint) -> tuple[int, str] | None:
        """The block under `point` and which part of it: an edge or its body. The last
        drawn (the later lane) wins where rectangles touch."""
        grid = self.grid()
        for row in reversed(range(self.model.rowCount())):
            found = self.model.block(row)
            assert found is not None
            rect = grid.block_rect(found.row.start, found.row.minutes, self.model.lane(row))
            if rect.adjusted(0, -2, 0, 2).contains(point):
                edge = min(EDGE_PX, rect.height() // 4)
                if point.y() <= rect.top() + edge:
                    return found.row.id, TOP_EDGE
                if point.y() >= rect.bottom() - edge:
                    return found.row.id, BOTTOM_EDGE
                return found.row.id, MOVE
        return None

    # --- painting --------------------------------------------------------------

    def set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.viewport().update()

    def _now_minute(self) -> float | None:
        now = self.clock()
        if now.date() != self.model.day:
            return None
        return now.hour * 60 + now.minute

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        exposed = event.rect()
        grid = self.grid()
        paint_hours(painter, grid, exposed, self.tokens, self.hours)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        now = self.clock()
        minute_now = self._now_minute()
        dragged = self._gesture.block_id if self.preview is not None and self._gesture else None
        for row in range(self.model.rowCount()):
            found = self.model.block(row)
            assert found is not None
            rect = grid.block_rect(found.row.start, found.row.minutes, self.model.lane(row))
            if not rect.intersects(exposed):
                continue
            style = self.style_of(found, now)
            if found.row.id == dragged:
                painter.setOpacity(0.35)
            paint_block(painter, rect, found, style, self.tokens)
            painter.setOpacity(1.0)
        if self.preview is not None and self._gesture is not None:
            self._paint_preview(painter, grid)
        if self.drop_minute is not None:
            paint_drop_line(painter, grid, self.drop_minute, self.tokens)
        if minute_now is not None:
            paint_now(painter, grid, minute_now, self.tokens)
            self._now_shown = now_rect(grid, minute_now)

    def style_of(self, found: PlannedBlock, now: datetime) -> str:
        """How the block is drawn now (painting.py's states)."""
        over = self._is_over(found.row.day, found.row.end, now)
        return block_style(found, selected=found.row.id == self.selected, over=over)

    @staticmethod
    def _is_over(day: date, end: int, now: datetime) -> bool:
        today = now.date()
        return day < today or (day == today and end <= now.hour * 60 + now.minute)

    def _paint_preview(self, painter: QPainter, grid: TimeGrid) -> None:
        assert self._gesture is not None and self.preview is not None
        found = self.model.block(self.model.row_of(self._gesture.block_id))
        if found is None:
            return
        start, minutes = self.preview
        rect = grid.block_rect(start, minutes, self._gesture.lane)
        paint_block(painter, rect, found, GHOST, self.tokens, start=start, minutes=minutes)

    def _preview_rect(self) -> QRect:
        if self._gesture is None or self.preview is None:
            return QRect()
        start, minutes = self.preview
        return self.grid().block_rect(start, minutes, self._gesture.lane).adjusted(-2, -2, 2, 2)

    # --- the current time ------------------------------------------------------

    def _arm_minute(self) -> None:
        now = self.clock()
        self._minute.start(max(200, 60_000 - (now.second * 1000 + now.microsecond // 1000)))

    def _next_minute(self) -> None:
        if self._now_shown is not None:
            self.viewport().update(self._now_shown)
        minute = self._now_minute()
        if minute is not None:
            self.viewport().update(now_rect(self.grid(), minute))
            # A block that just ended may now be missed.
            self.viewport().update()
        self._arm_minute()

    # --- selection -------------------------------------------------------------

    def select(self, block_id: int | None, *, scroll: bool = True) -> None:
        if block_id is not None and self.model.row_of(block_id) < 0:
            block_id = None
        if block_id == self.selected:
            return
        self.selected = block_id
        self.viewport().update()
        if block_id is not None and scroll:
            self.ensure_visible(block_id)
        self.selection_changed.emit(block_id)

    def ensure_visible(self, block_id: int) -> None:
        rect = self.block_rect(block_id)
        bar = self.verticalScrollBar()
        if rect.top() < 0:
            bar.setValue(bar.value() + rect.top() - HOUR_PX // 2)
        elif rect.bottom() > self.viewport().height():
            shift = min(rect.bottom() - self.viewport().height(), rect.top()) + HOUR_PX // 2
            bar.setValue(bar.value() + shift)

    def _after_reset(self) -> None:
        self._gesture, self.preview = None, None
        if self.selected is not None and self.model.row_of(self.selected) < 0:
            self.select(None)
        self.viewport().update()

    def _step_selection(self, step: int) -> bool:
        """Select the block before (-1) or after (+1) the selected one, by start; False
        at either end."""
        ids = self.model.ids
        if not ids:
            return False
        if self.selected is None:
            self.select(ids[0] if step > 0 else ids[-1])
            return True
        row = self.model.row_of(self.selected) + step
        if not 0 <= row < len(ids):
            return False
        self.select(ids[row])
        return True

    def selected_block(self) -> tuple[int, int, int, int | None] | None:
        """(block id, start, minutes, item id) of the selection."""
        found = self.model.block(self.model.row_of(self.selected)) if self.selected else None
        if found is None:
            return None
        return found.row.id, found.row.start, found.row.minutes, found.row.item_id

    # --- the pointer -----------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position().toPoint()
        hit = self.block_at(point)
        # No scrolling under the pointer: the block pressed is in view.
        self.select(hit[0] if hit else None, scroll=False)
        if hit is None:
            return
        row = self.model.row_of(hit[0])
        found = self.model.block(row)
        assert found is not None
        grab = self.grid().minute_at(point.y())
        self._gesture = Gesture(
            hit[0], hit[1], point, grab, found.row.start, found.row.minutes, self.model.lane(row)
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        gesture = self._gesture
        if gesture is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._hover_cursor(point)
            return
        if self.preview is None:
            distance = (point - gesture.origin).manhattanLength()
            if distance < QApplication.startDragDistance():
                return
        if gesture.mode == MOVE and not self.viewport().rect().adjusted(-8, 0, 8, 0).contains(
            QPoint(point.x(), max(0, min(point.y(), self.viewport().height() - 1)))
        ):
            self._drag_out(gesture)
            return
        self._follow(gesture, point.y())

    def _follow(self, gesture: Gesture, y: float) -> None:
        """Show the block where the pointer at `y` would leave it; repaint only what
        changed."""
        grid = self.grid()
        if gesture.mode == MOVE:
            shift = round(grid.minute_at(y) - gesture.grab)
            preview = (moved(gesture.start, gesture.minutes, shift), gesture.minutes)
        else:
            preview = resized(gesture.start, gesture.minutes, gesture.mode, grid.snapped_at(y))
        if preview == self.preview:
            return
        before = self._preview_rect()
        if self.preview is None:  # the block itself fades where it was
            before = before.united(self.block_rect(gesture.block_id).adjusted(-2, -2, 2, 2))
        self.preview = preview
        self.viewport().update(before.united(self._preview_rect()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, preview = self._gesture, self.preview
        self._gesture, self.preview = None, None
        if gesture is None or preview is None:
            return
        self.viewport().update()
        start, minutes = preview
        if (start, minutes) == (gesture.start, gesture.minutes):
            return
        self.model.place(gesture.block_id, start, minutes if gesture.mode != MOVE else None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        hit = self.block_at(point)
        if hit is None:
            self.add_requested.emit(self.grid().snapped_at(point.y()))
            return
        self._open(hit[0])

    def _hover_cursor(self, point: QPoint) -> None:
        hit = self.block_at(point)
        shape = (
            Qt.CursorShape.SizeVerCursor
            if hit and hit[1] != MOVE
            else Qt.CursorShape.OpenHandCursor
            if hit
            else Qt.CursorShape.ArrowCursor
        )
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def _drag_out(self, gesture: Gesture) -> None:
        """The block leaves the timeline: a real drag it can be dropped with elsewhere
        (a day of the week strip)."""
        self._gesture, self.preview = None, None
        self.viewport().update()
        drag = QDrag(self)
        drag.setMimeData(encode_blocks([gesture.block_id]))
        drag.exec(Qt.DropAction.MoveAction)

    def leaveEvent(self, event: QEvent) -> None:
        self.viewport().unsetCursor()
        super().leaveEvent(event)

    # --- drops -----------------------------------------------------------------

    @staticmethod
    def _accepts(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return mime.hasFormat(MIME_ITEM_IDS) or mime.hasFormat(MIME_BLOCK_IDS)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self._show_drop(event.position().y())

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self._show_drop(event.position().y())

    def _show_drop(self, y: float) -> None:
        minute = self.grid().snapped_at(y)
        if minute != self.drop_minute:
            self.drop_minute = minute
            self.viewport().update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_minute = None
        self.viewport().update()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_minute = None
        self.viewport().update()
        if not self._accepts(event):
            event.ignore()
            return
        minute = self.grid().snapped_at(event.position().y())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.model.drop(event.mimeData(), minute)

    # --- the keyboard ----------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            if plain and Qt.Key(event.key()) in OWN_KEYS and self.selected is not None:
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._nudge(-SNAP if key == Qt.Key.Key_Up else SNAP, resize=shift)
        elif key == Qt.Key.Key_Delete and self.selected is not None:
            self.model.remove([self.selected])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self._open(self.selected)
        elif key == Qt.Key.Key_Escape and self._gesture is not None:
            self._gesture, self.preview = None, None
            self.viewport().update()
        else:
            super().keyPressEvent(event)

    def _nudge(self, step: int, *, resize: bool) -> None:
        chosen = self.selected_block()
        if chosen is None:
            self._step_selection(1)
            return
        block_id, start, minutes, _ = chosen
        if resize:
            minutes = max(SNAP, minutes + step)
            if start + minutes <= 24 * 60:
                self.model.place(block_id, start, minutes)
        else:
            new_start = moved(start, minutes, step)
            if new_start != start:
                self.model.place(block_id, new_start)
        self.ensure_visible(block_id)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the blocks, then leaves the timeline after the last one.
        if self.hasFocus() and self._step_selection(1 if next else -1):
            return True
        return super().focusNextPrevChild(next)

    def _open(self, block_id: int) -> None:
        found = self.model.block(self.model.row_of(block_id))
        if found is not None and found.row.item_id is not None:
            self.open_item.emit(found.row.item_id)
