"""A second reference for start-up: what Rizhi's first frame builds in Qt, set up as
plainly as Qt allows, with no Rizhi code and no data.

It builds the same things the window's first frame does, in the same Qt classes: the
Fusion style with an application palette and style sheet (the same text as Rizhi's, read
from the file RIZHI_REFERENCE_STYLE names, so that parsing and polishing cost the same),
the window icon, a menu bar of 45 actions with shortcuts in 8 menus, a toolbar, an
INI file read through QSettings, a sidebar list, a stacked widget holding the board page
(a header of labels and buttons, three columns of a title, a count and a list view over a
Python list model of a hundred rows, each row painted as a card: a rounded frame, a title
wrapped over up to three lines and elided, a tag chip), a status bar, an undo stack, two
timers and the tray check.

It shows what PySide6 itself costs for those classes (building their enums, wrapping
Qt-made widgets, checking each module for `__feature__`) and what Qt costs for that
frame, over the bare QMainWindow floor. Quits at its first paint, like the floor and
Rizhi (RIZHI_STARTUP_PROBE). Without RIZHI_REFERENCE_STYLE it runs without a style sheet.
"""

import json
import os
import sys

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextLayout,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QSystemTrayIcon,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import probe

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("masked", "autoencoder", "contrastive", "ablation", "论文", "实验", "diffusion")
Index = QModelIndex | QPersistentModelIndex


class Rows(QAbstractListModel):
    """Rows kept in Python, read by row, as Rizhi's column models are."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self.titles[index.row()] if role == Qt.ItemDataRole.DisplayRole else None


class CardDelegate(QStyledItemDelegate):
    """A rounded frame, a title wrapped over up to three lines, a chip."""

    def __init__(self) -> None:
        super().__init__()
        self.heights: dict[tuple[int, int], int] = {}

    def lines(self, font: QFont, text: str, width: int) -> list[str]:
        metrics = QFontMetrics(font)
        layout = QTextLayout(text, font)
        layout.beginLayout()
        found: list[str] = []
        while len(found) < 3:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            found.append(text[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
        if found:
            found[-1] = metrics.elidedText(found[-1], Qt.TextElideMode.ElideRight, width)
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = max(option.rect.width(), 160)
        key = (index.row(), width)
        if key not in self.heights:
            model = index.model()
            assert isinstance(model, Rows)
            title = QFont(option.font)
            title.setWeight(QFont.Weight.Medium)
            lines = self.lines(title, model.titles[index.row()], width - 32)
            self.heights[key] = 8 + 20 + 18 * len(lines) + 24
        return QSize(width, self.heights[key])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        assert isinstance(model, Rows)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(6, 4, -6, -4)
        frame = QPainterPath()
        frame.addRoundedRect(rect, 8, 8)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillPath(frame, option.palette.color(QPalette.ColorRole.Base))
        role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid
        painter.setPen(QPen(option.palette.color(role), 2 if selected else 1))
        painter.drawPath(frame)
        title = QFont(option.font)
        title.setWeight(QFont.Weight.Medium)
        painter.setFont(title)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        y = rect.top() + 10
        for line in self.lines(title, model.titles[index.row()], int(rect.width()) - 20):
            painter.drawText(QRectF(rect.left() + 10, y, rect.width() - 20, 18),
                             int(Qt.AlignmentFlag.AlignVCenter), line)  # fmt: skip
            y += 18
        chip = QPainterPath()
        chip.addRoundedRect(QRectF(rect.left() + 10, y + 2, 52, 18), 5, 5)
        painter.fillPath(chip, QColor("#dbeafe"))
        painter.drawText(QRectF(rect.left() + 10, y + 2, 52, 18),
                         int(Qt.AlignmentFlag.AlignCenter), "#paper")  # fmt: skip
        painter.restore()


def titles(column: int) -> list[str]:
    return [
        " ".join(WORDS[(n * k + column) % len(WORDS)] for k in range(1 + n % 9)) + f" {n}"
        for n in range(100)
    ]


app = QApplication(sys.argv)
app.setStyle("Fusion")
style_file = os.environ.get("RIZHI_REFERENCE_STYLE")
if style_file:
    with open(style_file, encoding="utf-8") as handle:
        style = json.load(handle)
    palette = QPalette()
    for role, colour in style["palette"].items():
        palette.setColor(QPalette.ColorRole[role], QColor(colour))
    app.setPalette(palette)
    app.setStyleSheet(style["stylesheet"])
app.setWindowIcon(QIcon(os.path.join(ROOT, "resources", "icons", "rizhi.svg")))
home = os.environ.get("RIZHI_HOME", ROOT)
ini = QSettings(os.path.join(home, "ui.ini"), QSettings.Format.IniFormat)
ini.value("appearance/theme", "system")
ini.value("window/geometry")
window = QMainWindow()
undo = QUndoStack(window)
for m in range(8):
    menu = window.menuBar().addMenu(f"Menu {m}")
    for a in range(6 if m < 5 else 5):
        action = QAction(f"Command {m}.{a}", window)
        action.setShortcut(QKeySequence(f"Ctrl+Shift+{chr(65 + (m * 6 + a) % 26)}"))
        action.setStatusTip(f"What command {m}.{a} does")
        menu.addAction(action)
toolbar = QToolBar("Main", window)
for name in ("New", "Undo", "Redo", "Previous", "This week", "Next", "Palette"):
    toolbar.addAction(name)
window.addToolBar(toolbar)
central = QWidget()
layout = QHBoxLayout(central)
sidebar = QListWidget()
sidebar.setObjectName("Sidebar")  # the style sheet styles it by name, as in Rizhi
sidebar.ensurePolished()
sidebar.setIconSize(QSize(18, 18))
for view in ("Backlog", "This week", "Units", "Log"):
    item = QListWidgetItem(view)
    item.setData(Qt.ItemDataRole.UserRole, view.lower())
    sidebar.addItem(item)
layout.addWidget(sidebar)
pages = QStackedWidget()
board = QWidget()
board_layout = QVBoxLayout(board)
header = QHBoxLayout()
names = QVBoxLayout()
names.addWidget(QLabel("Week 50"))
names.addWidget(QLabel("7 Dec – 13 Dec 2026"))
header.addLayout(names, 1)
for button in (QToolButton(), QToolButton(), QPushButton("This week"), QPushButton("Go to…")):
    header.addWidget(button)
board_layout.addLayout(header)
columns = QHBoxLayout()
delegate = CardDelegate()
for n, column in enumerate(("To do", "Active", "Completed")):
    panel = QWidget()
    panel_layout = QVBoxLayout(panel)
    top = QHBoxLayout()
    top.addWidget(QLabel(column))
    top.addWidget(QLabel("100"))
    panel_layout.addLayout(top)
    view = QListView()
    # Set up as Rizhi's columns are: a viewport made in Python, cards laid out in
    # batches (those in view first), heights that follow the width.
    view.setViewport(QWidget())
    view.setDragDropMode(QListView.DragDropMode.DragDrop)
    view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
    view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(12)
    view.setMouseTracking(True)
    view.setFrameShape(QListView.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setModel(Rows(titles(n)))
    view.setItemDelegate(delegate)
    panel_layout.addWidget(view, 1)
    columns.addWidget(panel, 1)
board_layout.addLayout(columns, 1)
pages.addWidget(board)
layout.addWidget(pages, 1)
window.setCentralWidget(central)
window.statusBar().addPermanentWidget(QLabel("300 open items"))
status_timer, poll_timer = QTimer(window), QTimer(window)
status_timer.setSingleShot(True)
status_timer.start(250)
poll_timer.start(400)
QSystemTrayIcon.isSystemTrayAvailable()
window.resize(1280, 800)
probe.install(window)
window.show()
sys.exit(app.exec())
