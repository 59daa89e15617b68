"""`python -m app`, plus a reporter that tells the end-to-end tests where things are.

    RIZHI_E2E_REPORT=/tmp/x/geometry.json python tests/e2e/app_under_test.py

The app starts exactly as `python -m app` starts it (the same module is run with
`runpy`, so `app.entry` and `app.ui.launch.run` open the store, read ui.ini and show the
window). The only addition is a timer in the app's own event loop that writes, every
50 ms, the global screen rectangles of the widgets a test needs to aim at: sidebar
entries, board columns and cards, backlog rows. A window cannot be asked for those from
outside, and guessing them from a screenshot is fragile. It also says what a test waits
for before it types or takes a picture: the popup that holds the keyboard, and the
dialogs open with what they show (an import's state, a review's reflection and rating,
the recovery dialog's selected backup). A dialog shown before the window (the recovery
dialog at start-up) is reported too, with an empty window rectangle.

Before each report the reporter lets Qt finish the layouts and repaints already asked
for, so that what a report says is also what the screen shows: a test that waits for a
state and then grabs the screen gets the picture of that state.

The reporter only reads widgets. Tests drive the window with real X events from
xdotool, as a user's mouse and keyboard would.

It also saves screenshots of the X screen on request: the test writes a PNG path into
`<report>.shot`, the reporter grabs the root window (what Xvfb shows) and removes the
request file when the picture is written.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QStyleOptionViewItem, QWidget

INTERVAL_MS = 50


def global_rect(widget: QWidget, rect: QRect) -> list[int]:
    top_left = widget.mapToGlobal(rect.topLeft())
    return [top_left.x(), top_left.y(), rect.width(), rect.height()]


def check_rect(tree: Any, index: QModelIndex, rect: QRect) -> QRect:
    """Where the style puts the done check box in a title cell: where Qt takes clicks."""
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.rect = rect
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    element = QStyle.SubElement.SE_ItemViewItemCheckIndicator
    return tree.style().subElementRect(element, option, tree)  # type: ignore[no-any-return]


class Reporter(QObject):
    def __init__(self, path: str, parent: QObject) -> None:
        super().__init__(parent)
        self.path = path
        self.seq = 0
        self._last = ""
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def window(self) -> Any:
        from app.ui.main_window import MainWindow

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                return widget
        return None

    def tick(self) -> None:
        window = self.window()
        if window is None and not self.dialogs():
            return
        settle()
        self._screenshot_on_request()
        state = self.describe(window) if window is not None else self.before_window()
        text = json.dumps(state, sort_keys=True)
        if text == self._last:
            return
        self._last = text
        self.seq += 1
        state["seq"] = self.seq
        temporary = self.path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(state, handle)
        os.replace(temporary, self.path)

    def describe(self, window: Any) -> dict[str, Any]:
        from app.ui.main_window import VIEWS

        sidebar = window.sidebar
        entries = {}
        for row, view in enumerate(VIEWS):
            rect = sidebar.visualItemRect(sidebar.item(row))
            entries[view] = global_rect(sidebar.viewport(), rect)
        focus = QApplication.focusWidget()
        return {
            "pid": os.getpid(),
            "window_id": int(window.winId()),
            "window": global_rect(window, window.rect()),
            "frame": list(window.frameGeometry().getRect()),
            "screen": list(window.screen().availableGeometry().getRect()),
            "status_bar": global_rect(window.statusBar(), window.statusBar().rect()),
            "active": window.isActiveWindow(),
            "focus": type(focus).__name__ if focus is not None else None,
            "popup": self.popup(),
            "dialogs": self.dialogs(),
            "view": window.current_view(),
            "sidebar": entries,
            "sidebar_accepts_drops": sidebar.acceptDrops(),
            "board": self.board(window.board),
            "backlog": self.backlog(window.backlog),
            "today": self.today(window.today) if window.slots["today"].built else None,
        }

    def before_window(self) -> dict[str, Any]:
        """What a dialog shown before the window (the recovery dialog) gives to aim at;
        the window's rectangle is empty until there is one."""
        focus = QApplication.focusWidget()
        return {
            "pid": os.getpid(),
            "window_id": 0,
            "window": [0, 0, 0, 0],
            "active": False,
            "focus": type(focus).__name__ if focus is not None else None,
            "popup": self.popup(),
            "dialogs": self.dialogs(),
        }

    @staticmethod
    def popup() -> dict[str, Any] | None:
        """The popup that takes the keys typed (the command palette), and which of its
        widgets has the focus."""
        popup = QApplication.activePopupWidget()
        if popup is None:
            return None
        focus = popup.focusWidget()
        return {
            "class": type(popup).__name__,
            "focus": type(focus).__name__ if focus is not None else None,
        }

    @staticmethod
    def dialogs() -> dict[str, Any]:
        """The dialogs shown, by title, with what a test waits on in the ones it drives.
        (Known by class name: importing their modules here would change what the app
        has loaded when.)"""
        shown: dict[str, Any] = {}
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or not widget.isVisible():
                continue
            dialog: Any = widget
            kind = type(dialog).__name__
            about: dict[str, Any] = {"class": kind}
            if kind == "ImportDialog":
                about["state"] = dialog.state.name
            elif kind == "ReviewDialog":
                about["reflection"] = dialog.reflection.toPlainText()
                about["rating"] = dialog.rating.rating
            elif kind == "RecoveryDialog":
                chosen = dialog.list.selected()
                about["selected"] = chosen.path if chosen is not None else None
                about["rows"] = len(dialog.list.backups)
                about["notice"] = dialog.notice.text()
                about["window_id"] = int(dialog.winId())
            shown[dialog.windowTitle()] = about
        return shown

    @staticmethod
    def board(page: Any) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        cards: dict[str, Any] = {}
        for column, panel in page.panels.items():
            view = panel.view
            viewport = view.viewport()
            columns[column.value] = global_rect(viewport, viewport.rect())
            for row, item_id in enumerate(panel.model.ids):
                rect = view.visualRect(panel.model.index(row))
                cards[str(item_id)] = {
                    "column": column.value,
                    "rect": global_rect(viewport, rect),
                    "selected": view.selectionModel().isRowSelected(row, QModelIndex()),
                }
        return {
            "visible": page.isVisible(),
            "week": str(page.week),
            "columns": columns,
            "cards": cards,
        }

    @staticmethod
    def backlog(page: Any) -> dict[str, Any]:
        tree, model = page.tree, page.model
        viewport = tree.viewport()
        rows: dict[str, list[int]] = {}
        checks: dict[str, list[int]] = {}
        if page.isVisible() and model.loaded:
            pending = [QModelIndex()]
            while pending:
                parent = pending.pop()
                for row in range(model.rowCount(parent)):
                    index = model.index(row, 0, parent)
                    item_id = model.id_at(index)
                    rect = tree.visualRect(index)
                    if item_id is None or not rect.intersects(viewport.rect()):
                        continue
                    rows[str(item_id)] = global_rect(viewport, rect)
                    checks[str(item_id)] = global_rect(viewport, check_rect(tree, index, rect))
                    if tree.isExpanded(index):
                        pending.append(index)
        return {
            "visible": page.isVisible(),
            "viewport": global_rect(viewport, viewport.rect()),
            "rows": rows,
            "checks": checks,
        }

    @staticmethod
    def today(page: Any) -> dict[str, Any]:
        """The day planner: its timeline (where minute 0 falls on the screen, for a
        test to aim at a time), its blocks and the candidates' rows."""
        from app.ui.planner.geometry import HOUR_PX

        timeline, candidates = page.timeline, page.candidates
        viewport = timeline.viewport()
        blocks = {str(i): global_rect(viewport, timeline.block_rect(i)) for i in page.model.ids}
        rows = {}
        for item_id in page.candidates_model.ids:
            rect = candidates.row_rect(item_id)
            if rect.intersects(candidates.view.viewport().rect()):
                rows[str(item_id)] = global_rect(candidates.view.viewport(), rect)
        return {
            "visible": page.isVisible(),
            "day": page.day.isoformat(),
            "timeline": global_rect(viewport, viewport.rect()),
            "midnight_y": viewport.mapToGlobal(viewport.rect().topLeft()).y()
            + timeline.grid().y_of(0),
            "hour_px": HOUR_PX,
            "blocks": blocks,
            "candidates": rows,
        }

    def _screenshot_on_request(self) -> None:
        request = self.path + ".shot"
        if not os.path.exists(request):
            return
        with open(request, encoding="utf-8") as handle:
            target = handle.read().strip()
        screen = QGuiApplication.primaryScreen()
        if target and screen is not None:
            screen.grabWindow(0).save(target)
        os.remove(request)


def settle() -> None:
    """Do now the layouts, then the repaints, that Qt has queued for later."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)


def main() -> None:
    report = os.environ["RIZHI_E2E_REPORT"]
    application = QApplication(sys.argv)  # app.ui.launch.run() takes this instance
    Reporter(report, parent=application)  # the application keeps it
    sys.argv = [sys.argv[0]]  # no arguments: `rizhi` opens the window
    runpy.run_module("app", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
