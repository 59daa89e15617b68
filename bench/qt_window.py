"""A second reference for start-up: the Qt classes a window like Rizhi's uses for its first
frame, set up as plainly as Qt allows, with no Rizhi code and no data. The Fusion style,
a menu bar of 40 actions with shortcuts, a toolbar, a sidebar list, three list views of
a hundred rows each painted by a Python delegate, and a status bar.

It shows what PySide6 itself costs for those classes (building their enums, wrapping
Qt-made widgets, checking each module for `__feature__`) over the bare QMainWindow floor.
Quits at its first paint, like the floor and Rizhi (RIZHI_STARTUP_PROBE).
"""

import sys

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QWidget,
)

from app.ui import probe


class RowDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.drawText(option.rect.adjusted(8, 0, -8, 0), int(Qt.AlignmentFlag.AlignVCenter),
                         str(index.data()))  # fmt: skip


app = QApplication(sys.argv)
app.setStyle("Fusion")
window = QMainWindow()
for m in range(7):
    menu = window.menuBar().addMenu(f"Menu {m}")
    for a in range(6):
        action = QAction(f"Command {m}.{a}", window)
        action.setShortcut(QKeySequence(f"Ctrl+Shift+{chr(65 + (m * 6 + a) % 26)}"))
        menu.addAction(action)
toolbar = QToolBar("Main", window)
for name in ("New", "Undo", "Redo", "Previous", "This week", "Next", "Palette"):
    toolbar.addAction(name)
window.addToolBar(toolbar)
central = QWidget()
layout = QHBoxLayout(central)
sidebar = QListWidget()
sidebar.addItems(["Backlog", "This week", "Units", "Log"])
layout.addWidget(sidebar)
delegate = RowDelegate(window)
for column in ("To do", "Active", "Completed"):
    view = QListView()
    view.setModel(QStringListModel([f"{column} card {n}" for n in range(100)], view))
    view.setItemDelegate(delegate)
    layout.addWidget(view, 1)
window.setCentralWidget(central)
window.statusBar().addPermanentWidget(QLabel("300 open items"))
window.resize(1280, 800)
probe.install(window)
window.show()
sys.exit(app.exec())
