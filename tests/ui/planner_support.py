"""What the planner's window tests share: a fixed clock at noon today, a page shown at
a known size, and pointer events sent straight to the timeline (the buttons held are
part of each event, so a drag is exactly the sequence written)."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.entities import ItemDraft
from app.services.items import create_item
from app.store.db import Store
from app.ui.planner.geometry import EDGE_PX
from app.ui.planner.timeline import Timeline

TODAY = date.today()
NOON = datetime.combine(TODAY, time(12, 0)).astimezone()


def item(store: Store, title: str, estimate: int | None = None) -> int:
    draft = ItemDraft(title=title, estimate_minutes=estimate)
    return create_item(store, draft, now=NOON)[0].id


def send(widget: QWidget, kind: QMouseEvent.Type, point: QPoint, *, held: bool) -> None:
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    button = (
        Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    )
    event = QMouseEvent(
        kind,
        QPointF(point),
        QPointF(widget.mapToGlobal(point)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(timeline: Timeline, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """Press at `start`, move to `end` in `steps`, release there."""
    viewport = timeline.viewport()
    send(viewport, QMouseEvent.Type.MouseButtonPress, start, held=True)
    for step in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * step // steps
        y = start.y() + (end.y() - start.y()) * step // steps
        send(viewport, QMouseEvent.Type.MouseMove, QPoint(x, y), held=True)
    send(viewport, QMouseEvent.Type.MouseButtonRelease, end, held=False)


def lower_edge(timeline: Timeline, block_id: int) -> QPoint:
    rect = timeline.block_rect(block_id)
    return QPoint(rect.center().x(), rect.bottom() - EDGE_PX // 2)


def y_of(timeline: Timeline, minute: int) -> int:
    return timeline.grid().y_of(minute)
