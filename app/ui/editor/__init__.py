"""The item editor: where a researcher edits one backlog item in full.

dialog.py holds the dialog (ItemEditor, open_item_editor) with the title, Save and
Cancel; each tab is a module of its own: details_tab.py (kind, priority, estimate, due
phrase, horizon, tags, parent), reminders_tab.py (reminders, and the repeat rule in
repeat_box.py), notes_tab.py (Markdown with a live preview),
links_tab.py, subtasks_tab.py, reading_tab.py (papers only: the three-pass method, a
target and notes per pass) and history_tab.py (created, completed, weeks planned).
How each field's text is read and written is Qt-free, in app/domain/item_fields.py
(reminders: reminder_fields.py, repeat rules: repeat_fields.py).
"""

from app.services.item_edit_plan import EditPlan, apply_edit
from app.ui.editor.details_tab import HORIZON_CHOICES, KIND_CHOICES, PRIORITY_CHOICES
from app.ui.editor.dialog import TABS, ItemEditor, open_item_editor
from app.ui.editor.reading_tab import TARGET_CHOICES

__all__ = [
    "HORIZON_CHOICES",
    "KIND_CHOICES",
    "PRIORITY_CHOICES",
    "TABS",
    "TARGET_CHOICES",
    "EditPlan",
    "ItemEditor",
    "apply_edit",
    "open_item_editor",
]
