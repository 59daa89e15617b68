"""The item editor's Notes tab: Markdown beside a preview that follows as you type."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.editor.common import muted, open_link

# Rendering Markdown on every key would lag long notes; a pause in typing is enough.
PREVIEW_DELAY_MS: Final = 250


class NotesTab(QWidget):
    """The item's notes; links in the preview open in the system's handler."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.render_preview)
        self._build()

    def load(self, notes: str) -> None:
        """Show `notes`; `changes` compares with them."""
        self.notes_edit.setPlainText(notes)
        self._loaded = self.notes_edit.toPlainText()

    def changes(self) -> dict[str, object]:
        """The ItemPatch field for the notes when they differ from what was loaded."""
        text = self.notes_edit.toPlainText()
        return {"notes": text} if text != self._loaded else {}

    def render_preview(self) -> None:
        self._preview_timer.stop()
        text = self.notes_edit.toPlainText()
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setMarkdown(text)
        self.preview.verticalScrollBar().setValue(scroll)

    def flush(self) -> None:
        """Render a preview still waiting for typing to pause now."""
        if self._preview_timer.isActive():
            self.render_preview()

    def _build(self) -> None:
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(
            "Notes in Markdown: # Heading, **bold**, - lists, [a link](https://…)"
        )
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.textChanged.connect(self._preview_timer.start)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.setPlaceholderText("The preview appears here as you type.")
        self.preview.anchorClicked.connect(open_link)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.notes_edit)
        splitter.addWidget(self.preview)
        splitter.setSizes([1, 1])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        heads = QHBoxLayout()
        heads.addWidget(muted("Markdown"), 1)
        heads.addWidget(muted("Preview — links open in your browser"), 1)
        layout.addLayout(heads)
        layout.addWidget(splitter, 1)
