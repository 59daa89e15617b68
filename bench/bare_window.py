"""The floor for start-up: a bare PySide6 process showing one empty QMainWindow,
quitting at its first paint exactly as Rizhi does under RIZHI_STARTUP_PROBE."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app.ui import probe

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QWidget())
window.resize(1280, 800)
probe.install(window.centralWidget())
window.show()
sys.exit(app.exec())
