"""Settings › Shortcuts: every command's shortcut, grouped by menu, edited in place;
conflicts (two commands on one key) are marked and said, and nothing is applied until
the dialog's OK (`ShortcutsPage.apply`)."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QKeyCombination, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.actions import (
    ActionRegistry,
    ActionSpec,
    Conflict,
    display_path,
    find_conflicts,
    native_text,
)

_PORTABLE = QKeySequence.SequenceFormat.PortableText
# Amber reads on both themes; the text keeps the palette's colour.
_CONFLICT_STYLE: Final = """
QLabel#shortcutConflicts {
    border: 1px solid #E39B17; border-left-width: 4px; border-radius: 6px; padding: 6px 10px;
}
"""


class ShortcutsPage(QWidget):
    """Every command's shortcut, grouped by menu; edits stay pending until `apply`."""

    conflicts_changed = Signal(int)  # how many pairs of commands share keys now

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        # action id → the sequence chosen here, or None for "the default".
        self._pending: dict[str, str | None] = {
            spec.id: (
                registry.effective_shortcut(spec.id) if registry.is_overridden(spec.id) else None
            )
            for spec in registry.specs()
        }
        self._initial = dict(self._pending)
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._editors: dict[str, QKeySequenceEdit] = {}
        self._resets: dict[str, QToolButton] = {}
        self._groups: list[QTreeWidgetItem] = []

        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Filter by command, menu or key…")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(self._apply_filter)
        self.tree = self._build_tree()
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("shortcutConflicts")
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_label.setStyleSheet(_CONFLICT_STYLE)
        self.reset_all_button = QPushButton("Reset &all")
        self.reset_all_button.setToolTip("Give every command its default shortcut")
        self.reset_all_button.clicked.connect(self.reset_all)

        bottom = QHBoxLayout()
        bottom.addWidget(self.conflict_label, 1)
        bottom.addWidget(self.reset_all_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self._refresh_state()

    # --- public -------------------------------------------------------------------

    def editor(self, action_id: str) -> QKeySequenceEdit:
        return self._editors[action_id]

    def reset_button(self, action_id: str) -> QToolButton:
        return self._resets[action_id]

    def visible_ids(self) -> list[str]:
        return [action_id for action_id, item in self._rows.items() if not item.isHidden()]

    def pending_shortcuts(self, action_id: str) -> tuple[str, ...]:
        """What the command's keys will be after OK."""
        pending = self._pending[action_id]
        if pending is None:
            return self._registry.spec(action_id).default_shortcuts
        return (pending,) if pending else ()

    def conflicts(self) -> list[Conflict]:
        return find_conflicts(
            (spec.id, spec.scope, self.pending_shortcuts(spec.id))
            for spec in self._registry.specs()
        )

    def reset(self, action_id: str) -> None:
        self._pending[action_id] = None
        self._show(action_id)
        self._refresh_state()

    def reset_all(self) -> None:
        for action_id in self._pending:
            self._pending[action_id] = None
            self._show(action_id)
        self._refresh_state()

    def apply(self) -> bool:
        """Give the registry every changed shortcut; True when something changed."""
        changed = False
        for action_id, pending in self._pending.items():
            if pending == self._initial[action_id]:
                continue
            changed = True
            if pending is None:
                self._registry.reset_shortcut(action_id)
            else:
                self._registry.set_shortcut(action_id, pending)
        self._initial = dict(self._pending)
        return changed

    # --- building -----------------------------------------------------------------

    def _build_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(3)
        tree.setHeaderLabels(["Command", "Shortcut", ""])
        tree.setRootIsDecorated(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, 220)

        groups: dict[str, QTreeWidgetItem] = {}
        for spec in self._registry.specs():
            group_name = display_path(spec.menu) or "Other"
            if group_name not in groups:
                groups[group_name] = _group_item(tree, group_name)
            self._add_row(tree, groups[group_name], spec)
        tree.expandAll()
        self._groups = list(groups.values())
        widest_reset = max((b.sizeHint().width() for b in self._resets.values()), default=60)
        header.resizeSection(2, widest_reset + 12)
        return tree

    def _add_row(self, tree: QTreeWidget, group: QTreeWidgetItem, spec: ActionSpec) -> None:
        item = QTreeWidgetItem(group, [spec.title])
        item.setToolTip(0, spec.description or spec.title)
        editor = QKeySequenceEdit()
        editor.setMaximumSequenceLength(1)
        editor.setClearButtonEnabled(True)
        # Tab must move on rather than be recorded, or the keyboard is stuck in the table.
        editor.setFinishingKeyCombinations(
            [QKeyCombination(Qt.Key.Key_Tab), QKeyCombination(Qt.Key.Key_Backtab)]
        )
        editor.setAccessibleName(f"Shortcut for {spec.title}")
        editor.keySequenceChanged.connect(
            lambda sequence, action_id=spec.id: self._on_edited(action_id, sequence)
        )
        reset = QToolButton()
        reset.setText("Reset")
        reset.setToolTip(f"Give “{spec.title}” its default shortcut")
        reset.clicked.connect(lambda _checked=False, action_id=spec.id: self.reset(action_id))
        tree.setItemWidget(item, 1, editor)
        tree.setItemWidget(item, 2, reset)
        # Item widgets do not size their row; without this the editors are clipped.
        item.setSizeHint(0, QSize(0, editor.sizeHint().height() + 4))
        self._rows[spec.id] = item
        self._editors[spec.id] = editor
        self._resets[spec.id] = reset
        self._show(spec.id)

    # --- reacting -----------------------------------------------------------------

    def _on_edited(self, action_id: str, sequence: QKeySequence) -> None:
        text = sequence.toString(_PORTABLE)
        defaults = self._registry.spec(action_id).default_shortcuts
        self._pending[action_id] = None if ((text,) if text else ()) == defaults else text
        self._refresh_state()

    def _show(self, action_id: str) -> None:
        """Put the pending shortcut in the row's editor without counting it as an edit."""
        shortcuts = self.pending_shortcuts(action_id)
        editor = self._editors[action_id]
        editor.blockSignals(True)
        editor.setKeySequence(QKeySequence.fromString(shortcuts[0] if shortcuts else "", _PORTABLE))
        editor.blockSignals(False)
        also = [native_text(s) for s in shortcuts[1:]]
        editor.setToolTip(f"Also: {', '.join(also)}" if also else "")

    def _refresh_state(self) -> None:
        conflicts = self.conflicts()
        clashing = {c.first for c in conflicts} | {c.second for c in conflicts}
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for action_id, item in self._rows.items():
            self._resets[action_id].setEnabled(self._pending[action_id] is not None)
            item.setIcon(0, warning if action_id in clashing else QIcon())
        self.conflict_label.setText(self._conflict_text(conflicts))
        self.conflict_label.setVisible(bool(conflicts))
        self.conflicts_changed.emit(len(conflicts))
        self.reset_all_button.setEnabled(any(v is not None for v in self._pending.values()))

    def _conflict_text(self, conflicts: list[Conflict]) -> str:
        def title(action_id: str) -> str:
            return self._registry.spec(action_id).title

        lines = [
            f"{native_text(c.sequence)} is used by both “{title(c.first)}” and “{title(c.second)}”."
            for c in conflicts
        ]
        if lines:
            lines.append("Neither runs from the keyboard until one of them changes.")
        return "\n".join(lines)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for action_id, item in self._rows.items():
            spec = self._registry.spec(action_id)
            keys = [native_text(s) for s in self.pending_shortcuts(action_id)]
            haystack = " ".join((spec.title, display_path(spec.menu), *keys)).casefold()
            item.setHidden(bool(needle) and needle not in haystack)
        for group in self._groups:
            children = [group.child(i) for i in range(group.childCount())]
            group.setHidden(all(child is None or child.isHidden() for child in children))


def _group_item(tree: QTreeWidget, name: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem(tree, [name])
    font = QFont(item.font(0))
    font.setBold(True)
    item.setFont(0, font)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setFirstColumnSpanned(True)
    return item
