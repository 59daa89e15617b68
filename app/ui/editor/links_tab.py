"""The item editor's Links tab: titled links (papers, code, Zotero entries) in a table
that is edited in place, with a row below for adding one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.item_fields import has_scheme, not_a_link
from app.services.item_details import Link
from app.ui.editor.common import FormError, muted, no_default, open_link, repaint_status, set_status


class LinksTab(QWidget):
    """The item's links. Rows are read by row into Python lists; Save refuses a row with
    no URL or a URL without a scheme."""

    title_changed = Signal(str)  # the tab's title, with the number of links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()

    # --- public ------------------------------------------------------------------------

    def load(self, links: Sequence[Link]) -> None:
        """Show `links`; `changes` compares with them."""
        with QSignalBlocker(self.links_table):
            self.links_table.setRowCount(0)
            for link in links:
                self._append_row(link.title, link.url)
        self._links_changed()
        self._loaded = self._filled_rows()

    def add_link(self, title: str, url: str) -> bool:
        """Append a link row; refused (with the reason shown) when the URL has no scheme."""
        url, title = url.strip(), title.strip()
        if not url:
            self._message("Type or paste a link first.")
            return False
        if not has_scheme(url):
            self._message(
                f"'{url}' is not a full link: start it with a scheme, such as https://{url}."
            )
            return False
        self._append_row(title, url)
        self._message("")
        self._links_changed()
        return True

    def remove_link(self, row: int) -> None:
        if 0 <= row < self.links_table.rowCount():
            self.links_table.removeRow(row)
            self._links_changed()

    def links(self) -> list[Link]:
        """The rows as they are now (blank rows left out)."""
        return [Link(url, title) for url, title in self._rows() if url or title]

    def changes(self) -> tuple[tuple[str, str], ...] | None:
        """(url, title) of every row when they differ from what was loaded, else None.
        Raises FormError, with the row selected, for a row that cannot be saved."""
        for row, (url, title) in enumerate(self._rows()):
            if not url and not title:
                continue
            if not url:
                message = f"The link “{title}” has no URL; add one or remove the row."
            elif not has_scheme(url):
                message = not_a_link(url)
            else:
                continue
            self.links_table.setCurrentCell(row, 1)
            self._message(message)
            raise FormError("links", self.links_table, message)
        rows = self._filled_rows()
        return None if rows == self._loaded else rows

    def paint(self) -> None:
        repaint_status(self.link_error)

    # --- reading the table ---------------------------------------------------------------

    def _rows(self) -> list[tuple[str, str]]:
        """(url, title) of every row, stripped."""
        rows = []
        for row in range(self.links_table.rowCount()):
            title_item = self.links_table.item(row, 0)
            url_item = self.links_table.item(row, 1)
            title = title_item.text().strip() if title_item is not None else ""
            url = url_item.text().strip() if url_item is not None else ""
            rows.append((url, title))
        return rows

    def _filled_rows(self) -> tuple[tuple[str, str], ...]:
        return tuple(row for row in self._rows() if row[0] or row[1])

    def _append_row(self, title: str, url: str) -> None:
        row = self.links_table.rowCount()
        with QSignalBlocker(self.links_table):
            self.links_table.insertRow(row)
            self.links_table.setItem(row, 0, QTableWidgetItem(title))
            url_item = QTableWidgetItem(url)
            url_item.setToolTip(url)
            self.links_table.setItem(row, 1, url_item)

    # --- building and reacting -----------------------------------------------------------

    def _build(self) -> None:
        self.links_table = QTableWidget(0, 2)
        self.links_table.setHorizontalHeaderLabels(["Title", "Link"])
        header = self.links_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.links_table.setColumnWidth(0, 220)
        self.links_table.verticalHeader().hide()
        self.links_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.links_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.links_table.setAlternatingRowColors(True)
        self.links_table.itemChanged.connect(lambda _item: self._links_changed())
        self.links_table.itemSelectionChanged.connect(self._selection_changed)

        self.link_title_edit = QLineEdit()
        self.link_title_edit.setPlaceholderText("Title (optional)")
        self.link_url_edit = QLineEdit()
        self.link_url_edit.setPlaceholderText("https://arxiv.org/abs/…, zotero://…, file:///…")
        self.link_url_edit.returnPressed.connect(self._add_from_form)
        self.link_title_edit.returnPressed.connect(self._add_from_form)
        add = no_default(QPushButton("Add link"))
        add.clicked.connect(self._add_from_form)
        self.link_remove = no_default(QPushButton("Remove"))
        self.link_remove.clicked.connect(self._remove_selected)
        self.link_open = no_default(QPushButton("Open"))
        self.link_open.clicked.connect(self._open_selected)
        self.link_error = QLabel()
        self.link_error.setObjectName("linkError")
        self.link_error.setWordWrap(True)
        self.link_error.hide()

        form = QHBoxLayout()
        form.addWidget(self.link_title_edit, 2)
        form.addWidget(self.link_url_edit, 3)
        form.addWidget(add)
        actions = QHBoxLayout()
        actions.addWidget(muted("Double-click a cell to edit it."), 1)
        actions.addWidget(self.link_open)
        actions.addWidget(self.link_remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.links_table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        layout.addWidget(self.link_error)
        self._selection_changed()

    def _links_changed(self) -> None:
        count = len(self._filled_rows())
        self.title_changed.emit(f"Links ({count})" if count else "Links")
        self._selection_changed()

    def _selection_changed(self) -> None:
        rows = {index.row() for index in self.links_table.selectedIndexes()}
        self.link_remove.setEnabled(bool(rows))
        self.link_open.setEnabled(len(rows) == 1)

    def _add_from_form(self) -> None:
        if self.add_link(self.link_title_edit.text(), self.link_url_edit.text()):
            self.link_title_edit.clear()
            self.link_url_edit.clear()
            self.link_title_edit.setFocus()

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.links_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.links_table.removeRow(row)
        self._links_changed()

    def _open_selected(self) -> None:
        row = self.links_table.currentRow()
        rows = self._rows()
        if 0 <= row < len(rows):
            open_link(QUrl(rows[row][0]))

    def _message(self, text: str) -> None:
        set_status(self.link_error, text, True)
        self.link_error.setVisible(bool(text))
