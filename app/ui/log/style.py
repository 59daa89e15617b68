"""The Log view's style sheet: its panels, cards, search box and calendar in the theme's
colours (the widgets are found by object name)."""

from __future__ import annotations

from app.ui.theme import Tokens


def page_style(tokens: Tokens) -> str:
    t = tokens
    muted, text, accent = t.muted_text.name(), t.text.name(), t.accent.name()
    border, card, window = t.card_border.name(), t.card_bg.name(), t.window_bg.name()
    panel, selected = t.column_header_bg.name(), t.selected.name()
    return f"""
QLabel#LogDaySummary, QLabel#LogStreak, QLabel#LogResultsLabel, QLabel#LogYearSummary
    {{ color: {muted}; }}
QTextBrowser#LogDayView {{ background: {window}; border: none; }}
QFrame#LogActivity {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QFrame#LogEditor {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QFrame#LogEditor QPlainTextEdit, QFrame#LogEditor QTextBrowser {{
    background: {card}; border: 1px solid {border}; border-radius: 6px; padding: 4px;
}}
QFrame#LogEditor QPlainTextEdit:focus {{ border-color: {accent}; }}
QLabel#LogEditorMode {{ color: {text}; font-weight: 600; }}
QLineEdit#LogSearch, QLineEdit#LogEntryTitle {{
    background: {card}; color: {text}; border: 1px solid {border};
    border-radius: 8px; padding: 4px 10px;
}}
QLineEdit#LogSearch:focus, QLineEdit#LogEntryTitle:focus {{ border-color: {accent}; }}
QListView#LogResults {{ background: transparent; }}
QCalendarWidget#LogCalendar QWidget#qt_calendar_navigationbar {{
    background: {panel}; border-radius: 8px;
}}
QCalendarWidget#LogCalendar QToolButton {{ color: {text}; font-weight: 600; }}
QCalendarWidget#LogCalendar QAbstractItemView {{
    background: {card}; selection-background-color: {selected}; outline: 0;
}}
"""
