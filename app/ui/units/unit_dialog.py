"""Creating or editing a study unit: first day, length, title and goals (with the items
linked to each and any adjustment by hand), and the goal categories.

Everything is checked in the dialog before anything is written, with a sentence per
problem; saving is one undoable operation. A reviewed unit keeps its days and goals:
only its title can change. Ctrl+Enter saves; Return never does (no default button), and
Cancel or Escape asks before changes are thrown away.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import Changes
from app.domain.units import DEFAULT_UNIT_DAYS, MAX_UNIT_DAYS, UnitSpan, default_title
from app.services.goal_categories import list_categories
from app.services.unit_forms import GoalDraft, goal_problems
from app.services.unit_records import UnitRecord, get_unit, list_units, propose_next_unit
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.screen_fit import fit_to_screen
from app.ui.theme import Tokens
from app.ui.units.dialog_keys import ask_discard, no_default_buttons, take_return
from app.ui.units.goals_editor import (
    ADJUSTMENT,
    CATEGORY,
    DESCRIPTION,
    ITEMS,
    STRETCH,
    TARGET,
    GoalsEditor,
)
from app.ui.wording import short_day


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def overlap_problem(span: UnitSpan, others: list[UnitRecord]) -> str | None:
    for other in others:
        if other.span.overlaps(span):
            return (
                f"Unit {other.number} already covers {short_day(other.start)} to "
                f"{short_day(other.last, year=True)}, and units never share a day: "
                f"start after it, or shorten it first."
            )
    return None


class UnitForm(NamedTuple):
    """What the form says, to tell whether anything changed since it opened."""

    start: date
    days: int
    title: str
    goals: tuple[GoalDraft, ...]


class UnitDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        unit_id: int | None,
        *,
        today: date,
        tokens: Tokens,
        rows: RowCache | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._rows = rows or RowCache(ops.store)
        self._tokens = tokens
        self.unit = get_unit(ops.store, unit_id) if unit_id is not None else None
        self.saved_unit_id: int | None = None
        self.saved_title = ""
        self.question: QMessageBox | None = None
        self.picker: QDialog | None = None  # the item search, while open
        self.categories_dialog: QDialog | None = None
        self._category_ids = {c.name: c.id for c in list_categories(ops.store)}
        self._categories = list(self._category_ids)
        closed = self.unit is not None and self.unit.closed

        if self.unit is None:
            proposal = propose_next_unit(ops.store, today=today)
            self.number, start, days = proposal.number, proposal.start, proposal.days
            drafts = [
                GoalDraft(None, g.category, g.description, g.target, g.stretch)
                for g in proposal.goals
            ]
            title = ""
            self.setWindowTitle(f"New unit · Unit {self.number}")
        else:
            unit = self.unit
            self.number, start, days = unit.number, unit.start, unit.days
            drafts = [GoalDraft.of(goal) for goal in unit.goals]
            title = "" if unit.title == default_title(unit.number, unit.span) else unit.title
            self.setWindowTitle(f"Edit unit {unit.number}")

        self._build_form(start, days, title)
        self._build_goals(drafts)
        self._build_buttons(tokens)
        heading = QLabel("&Goals")
        heading.setBuddy(self.goals.table)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.note)
        box.addWidget(heading)
        box.addWidget(self.goals, 1)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        self.note.setVisible(closed)

        for widget in (self.start_edit, self.days_spin):
            widget.setEnabled(not closed)
        self.goals.set_read_only(closed)
        self.categories_button.setEnabled(not closed)
        self.start_edit.dateChanged.connect(lambda _d: self._refresh())
        self.days_spin.valueChanged.connect(lambda _n: self._refresh())
        self.goals.changed.connect(self._refresh)
        self._refresh()
        self._opened = self.form_state()
        no_default_buttons(self)
        fit_to_screen(self, 860, 520)

    def _build_form(self, start: date, days: int, title: str) -> None:
        self.start_edit = QDateEdit(qdate(start))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd d MMM yyyy")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, MAX_UNIT_DAYS)
        self.days_spin.setValue(days)
        self.days_spin.setSuffix(" days")
        self.days_spin.setToolTip(f"{DEFAULT_UNIT_DAYS} days is the usual length")
        self.end_label = QLabel()
        self.title_edit = QLineEdit(title)
        self.title_edit.setClearButtonEnabled(True)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("for"))
        dates.addWidget(self.days_spin)
        dates.addWidget(self.end_label, 1)
        self.form = QFormLayout()
        starts = QLabel("&Starts:")
        starts.setBuddy(self.start_edit)
        self.form.addRow(starts, dates)
        self.form.addRow("&Title:", self.title_edit)
        self.note = QLabel(
            "This unit was reviewed: its days and goals stay as they were reviewed; "
            "the title can change."
        )
        self.note.setWordWrap(True)

    def _build_goals(self, drafts: list[GoalDraft]) -> None:
        columns = [CATEGORY, DESCRIPTION, TARGET, STRETCH, ADJUSTMENT, ITEMS]
        self.goals = GoalsEditor(columns, lambda: list(self._categories), self._item_title)
        self.goals.set_drafts(drafts)
        self.goals.items_requested.connect(self.choose_items)
        self.categories_button = QPushButton("&Categories…")
        self.categories_button.setToolTip("Names, colours and the item kinds each one counts")
        self.categories_button.clicked.connect(self.edit_categories)
        self.goals.buttons.addWidget(self.categories_button)

    def _build_buttons(self, tokens: Tokens) -> None:
        self.message = QLabel()
        self.message.setObjectName("UnitDialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {tokens.overdue.name()};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("Create &unit" if self.unit is None else "Sa&ve")
        save.setToolTip("Ctrl+Enter")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Ca&ncel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

    # --- what the form says -------------------------------------------------------------

    @property
    def span(self) -> UnitSpan:
        return UnitSpan(pydate(self.start_edit.date()), self.days_spin.value())

    def _item_title(self, item_id: int) -> str:
        record = self._rows.get(item_id)
        return record.title if record is not None else f"#{item_id}"

    def problems(self) -> list[str]:
        if self.unit is not None and self.unit.closed:
            return []
        others = [
            u for u in list_units(self._ops.store) if self.unit is None or u.id != self.unit.id
        ]
        found = []
        overlap = overlap_problem(self.span, others)
        if overlap:
            found.append(overlap)
        found += goal_problems(self.goals.drafts, self._categories)
        return found

    def _refresh(self) -> None:
        span = self.span
        self.end_label.setText(f"to {short_day(span.last, year=True)}")
        self.title_edit.setPlaceholderText(default_title(self.number, span))
        problems = self.problems()
        self.message.setText("\n".join(problems))
        self.message.setVisible(bool(problems))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not problems)

    # --- goals' items and categories ----------------------------------------------------

    def choose_items(self, row: int) -> None:
        """Open the item search for a goal's row. Window-modal and not waited for: the
        key that opened it is done with before the search shows."""
        from app.ui.units.item_picker import ItemPicker

        draft = self.goals.model.draft(row)
        picker = ItemPicker(
            self._ops.store, self._rows, draft.items, f"Items for {draft.category}", self
        )
        self.picker = picker

        def chosen() -> None:
            if row < self.goals.model.rowCount():
                now = self.goals.model.draft(row)
                self.goals.model.replace(row, now._replace(items=tuple(picker.chosen)))

        picker.accepted.connect(chosen)
        picker.finished.connect(lambda _result: self._closed_picker(picker))
        picker.open()

    def _closed_picker(self, picker: QDialog) -> None:
        self.picker = None
        self.goals.table.setFocus()
        picker.deleteLater()

    def edit_categories(self) -> None:
        from app.ui.units.categories_dialog import CategoriesDialog

        dialog = CategoriesDialog(self._ops, self._tokens, self)
        self.categories_dialog = dialog
        dialog.accepted.connect(self.reload_categories)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def reload_categories(self) -> None:
        """Read the categories again; goals keep theirs under its new name when it was
        renamed (matched by id), so nothing has to be chosen again."""
        records = list_categories(self._ops.store)
        names = {c.id: c.name for c in records}
        renamed = {
            old: names[category_id]
            for old, category_id in self._category_ids.items()
            if category_id in names and names[category_id] != old
        }
        self._category_ids = {c.name: c.id for c in records}
        self._categories = [c.name for c in records]
        model = self.goals.model
        for row, draft in enumerate(model.drafts):
            if draft.category in renamed:
                model.replace(row, draft._replace(category=renamed[draft.category]))
        self._opened = self._opened._replace(
            goals=tuple(
                d._replace(category=renamed.get(d.category, d.category)) for d in self._opened.goals
            )
        )
        self._refresh()

    # --- closing ------------------------------------------------------------------------

    def form_state(self) -> UnitForm:
        return UnitForm(
            pydate(self.start_edit.date()),
            self.days_spin.value(),
            " ".join(self.title_edit.text().split()),
            tuple(self.goals.drafts),
        )

    def reject(self) -> None:
        """Cancel, Escape or closing the window: with changes made, ask first."""
        if self.question is not None:
            return
        self.goals.commit_pending()
        if self.form_state() == self._opened:
            super().reject()
            return
        what = "this new unit" if self.unit is None else f"your changes to unit {self.number}"
        self.question = ask_discard(
            self,
            f"Discard {what}?",
            "The dates, title and goals you changed are not saved.",
            lambda: QDialog.reject(self),
        )
        self.question.finished.connect(self._answered)

    def _answered(self, _result: int) -> None:
        self.question = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not take_return(event):
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        no_default_buttons(self)  # the button box picks a default when first shown

    # --- saving -------------------------------------------------------------------------

    def accept(self) -> None:
        self.goals.commit_pending()
        if self.problems():
            self._refresh()
            return
        if self._save():
            super().accept()

    def _save(self) -> bool:
        from app.services.unit_forms import save_new_unit, save_unit

        store, drafts, span = self._ops.store, list(self.goals.drafts), self.span
        title = " ".join(self.title_edit.text().split())
        saved: list[UnitRecord] = []

        def create(now: datetime) -> Changes:
            unit, changes = save_new_unit(
                store, now=now, start=span.start, days=span.days, title=title, drafts=drafts
            )
            saved.append(unit)
            return changes

        def edit(unit_id: int) -> Changes:
            unit, changes = save_unit(
                store, unit_id, title=title, start=span.start, days=span.days, drafts=drafts
            )
            saved.append(unit)
            return changes

        if self.unit is None:
            done = self._ops.run(f"New unit {self.number}", create)
        else:
            unit_id = self.unit.id
            done = self._ops.run(f"Edit unit {self.unit.number}", lambda now: edit(unit_id))
        if done:
            self.saved_unit_id, self.saved_title = saved[0].id, saved[0].title
        return done
