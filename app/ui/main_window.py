"""The main window. The backlog and the weekly board arrive with their own issue."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from app.store.db import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("Rizhi 日知")
        self.resize(1200, 800)
        placeholder = QLabel("Rizhi")
        self.setCentralWidget(placeholder)
        self.statusBar().showMessage(str(store.path))
