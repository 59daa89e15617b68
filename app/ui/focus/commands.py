"""The window's focus commands: what `F` and Shift+F start on, and the status bar's
widget, added after the window's first frame (reading the timer is a query the first
paint need not wait for)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.focus.controller import focus_controller
from app.ui.focus.status_widget import FocusStatus

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def focus_target(window: MainWindow) -> tuple[int | None, int | None] | None:
    """(item id, block id) to focus on: what the page shown says (the planner's
    `focus_target`), else its first selected card or item; None when nothing is."""
    view = window.current_view()
    slot = window.slots.get(view)
    if slot is None or not slot.built:
        return None
    page = slot.page()
    asked = getattr(page, "focus_target", None)
    if callable(asked):
        target = asked()
        return None if target is None else (target[0], target[1])
    selected = getattr(page, "selected_ids", None)
    ids = selected() if callable(selected) else []
    return (ids[0], None) if ids else None


def start_on_selection(window: MainWindow, *, pomodoro: bool) -> bool:
    target = focus_target(window)
    if target is None:
        window.show_status("Select a card or a block to focus on.")
        return False
    item_id, block_id = target
    return focus_controller(window.ops).start(item_id, block_id, pomodoro=pomodoro)


def attach_focus(window: MainWindow) -> FocusStatus:
    """The timer's widget on the window's status bar (once)."""
    found = window.statusBar().findChild(FocusStatus)
    if isinstance(found, FocusStatus):
        return found
    controller = focus_controller(window.ops)
    if window.ops.parent() is window:  # the window's own: nothing follows the store after it
        window.closed.connect(controller.stop_following)
    widget = FocusStatus(controller)
    widget.open_item.connect(window.open_item)
    window.statusBar().insertPermanentWidget(0, widget)
    return widget
