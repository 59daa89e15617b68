"""Light and dark themes: Fusion palettes, a small global stylesheet, colour tokens.

Widgets drawn by Qt take their colours from the `QPalette`; views that paint themselves
(the board's cards, tag chips) read `Tokens` instead, so both change together. The theme
follows the system unless the user picks one, and can change while the window is open:
`ThemeController.theme_changed` tells painted views to repaint with new tokens.

Text colours are chosen for WCAG AA contrast (4.5:1) on the surfaces they are drawn on;
tests/ui/test_theme.py checks the pairs that matter.
"""

from __future__ import annotations

import zlib
from typing import Final, Literal, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.enums import Priority
from app.ui.indicator_sheet import indicator_rules

MODES: Final = ("system", "light", "dark")
CORNER_RADIUS: Final = 8


class Tokens(NamedTuple):
    """Colours for views that paint themselves. `tokens_for` builds fresh QColors."""

    dark: bool
    window_bg: QColor
    card_bg: QColor
    card_border: QColor
    card_hover: QColor
    selected: QColor
    text: QColor
    muted_text: QColor
    accent: QColor
    on_accent: QColor  # text on a shape filled with the accent or the overdue colour
    column_header_bg: QColor
    chips: tuple[QColor, ...]  # tag colours; pick one with chip_color()
    chip_text: QColor  # text on any chip of this theme
    priority: dict[int, QColor]  # by Priority value; Priority.NONE has no colour
    overdue: QColor
    due_soon: QColor
    due_soon_bg: QColor  # badge behind due-soon text
    wip_exceeded: QColor  # column count over the WIP limit (text)
    radius: int


class ResolvedTheme(NamedTuple):
    """What `apply_theme` showed: the user's mode, the theme it became, its tokens."""

    mode: str  # "system", "light" or "dark", as chosen
    name: Literal["light", "dark"]
    tokens: Tokens

    @property
    def dark(self) -> bool:
        return self.name == "dark"


# One hue per position in both lists, so a tag keeps its hue when the theme changes:
# light chips are soft tints under dark text, dark chips deeper shades under white text.
_LIGHT_CHIPS: Final = (
    "#AFC8F8",  # blue
    "#9FDCD3",  # teal
    "#B5E0A8",  # green
    "#F5D98B",  # amber
    "#F8C39B",  # orange
    "#F5AEB3",  # red
    "#F2B3D6",  # pink
    "#CDB8F5",  # purple
    "#B7BDF3",  # indigo
    "#A6DCEF",  # cyan
)
_DARK_CHIPS: Final = (
    "#2F5FC4",
    "#1C7168",
    "#2F7A3B",
    "#8A6112",
    "#A24F1B",
    "#AE3446",
    "#9C3672",
    "#6846B8",
    "#4450B0",
    "#1D6A8C",
)

_LIGHT: Final = {
    "window_bg": "#F5F6F8",
    "card_bg": "#FFFFFF",
    "card_border": "#E1E4E8",
    "card_hover": "#F2F5FA",
    "selected": "#E1ECFD",
    "text": "#1F2328",
    "muted_text": "#646B75",
    "accent": "#2F6FEB",
    "on_accent": "#FFFFFF",
    "column_header_bg": "#ECEEF2",
    "chip_text": "#1F2328",
    "overdue": "#C9252D",
    "due_soon": "#975200",
    "due_soon_bg": "#FDF0D5",
    "wip_exceeded": "#9A5700",
}
_LIGHT_PRIORITY: Final = {
    Priority.HIGH: "#E5484D",
    Priority.MEDIUM: "#F0A020",
    Priority.LOW: "#8DA4C4",
}
_DARK: Final = {
    "window_bg": "#1B1C20",
    "card_bg": "#2A2C32",
    "card_border": "#383B42",
    "card_hover": "#31343A",
    "selected": "#213A63",
    "text": "#E4E6EA",
    "muted_text": "#9A9FA8",
    "accent": "#5B93F5",
    "on_accent": "#1B1C20",  # the dark accent and overdue are light: white would not read
    "column_header_bg": "#202226",
    "chip_text": "#FFFFFF",
    "overdue": "#FF6B70",
    "due_soon": "#F5B041",
    "due_soon_bg": "#3A2F1A",
    "wip_exceeded": "#F5B041",
}
_DARK_PRIORITY: Final = {
    Priority.HIGH: "#FF6B70",
    Priority.MEDIUM: "#F5B041",
    Priority.LOW: "#7F93B3",
}


# --- tokens and chips ------------------------------------------------------------------


def tokens_for(dark: bool) -> Tokens:
    colours = _DARK if dark else _LIGHT
    priority = _DARK_PRIORITY if dark else _LIGHT_PRIORITY
    return Tokens(
        dark=dark,
        chips=tuple(QColor(c) for c in (_DARK_CHIPS if dark else _LIGHT_CHIPS)),
        priority={int(p): QColor(c) for p, c in priority.items()},
        radius=CORNER_RADIUS,
        **{name: QColor(value) for name, value in colours.items()},
    )


def chip_color(tag_name: str, dark: bool = False) -> QColor:
    """A tag's chip colour: the same hue for a name in every session and both themes.

    "#Paper", "paper" and " paper " are one tag, so they share a colour. crc32 rather
    than hash(): Python salts string hashes per process.
    """
    chips = _DARK_CHIPS if dark else _LIGHT_CHIPS
    key = tag_name.strip().lstrip("#").casefold().encode("utf-8")
    return QColor(chips[zlib.crc32(key) % len(chips)])


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


# --- palettes ------------------------------------------------------------------------

_ROLE = QPalette.ColorRole
_GROUP = QPalette.ColorGroup

_LIGHT_ROLES: Final = {
    _ROLE.Window: _LIGHT["window_bg"],
    _ROLE.WindowText: _LIGHT["text"],
    _ROLE.Base: "#FFFFFF",
    _ROLE.AlternateBase: "#F7F8FA",
    _ROLE.ToolTipBase: "#2B2E33",
    _ROLE.ToolTipText: "#F5F6F8",
    _ROLE.PlaceholderText: _LIGHT["muted_text"],
    _ROLE.Text: _LIGHT["text"],
    _ROLE.Button: "#FFFFFF",
    _ROLE.ButtonText: _LIGHT["text"],
    _ROLE.BrightText: "#FFFFFF",
    _ROLE.Light: "#FFFFFF",
    _ROLE.Midlight: "#EEF0F3",
    _ROLE.Mid: "#D5D9DF",
    _ROLE.Dark: "#B4BAC3",
    _ROLE.Shadow: "#8A9099",
    _ROLE.Highlight: _LIGHT["accent"],
    _ROLE.HighlightedText: "#FFFFFF",
    _ROLE.Link: _LIGHT["accent"],
    _ROLE.LinkVisited: "#6F4FD8",
}
_LIGHT_DISABLED: Final = {
    _ROLE.WindowText: "#A0A6AE",
    _ROLE.Text: "#A0A6AE",
    _ROLE.ButtonText: "#A0A6AE",
    _ROLE.Highlight: "#C9D3E3",
}
_DARK_ROLES: Final = {
    _ROLE.Window: _DARK["window_bg"],
    _ROLE.WindowText: _DARK["text"],
    _ROLE.Base: "#232529",
    _ROLE.AlternateBase: "#282A2F",
    _ROLE.ToolTipBase: "#34373E",
    _ROLE.ToolTipText: _DARK["text"],
    _ROLE.PlaceholderText: _DARK["muted_text"],
    _ROLE.Text: _DARK["text"],
    _ROLE.Button: "#2A2C31",
    _ROLE.ButtonText: _DARK["text"],
    _ROLE.BrightText: "#FFFFFF",
    _ROLE.Light: "#3A3D44",
    _ROLE.Midlight: "#32353B",
    _ROLE.Mid: "#25272B",
    _ROLE.Dark: "#141518",
    _ROLE.Shadow: "#0C0D0F",
    _ROLE.Highlight: "#2D66D6",  # darker than the accent so white text on it reads
    _ROLE.HighlightedText: "#FFFFFF",
    _ROLE.Link: "#6EA1FF",
    _ROLE.LinkVisited: "#A98BF5",
}
_DARK_DISABLED: Final = {
    _ROLE.WindowText: "#6B7079",
    _ROLE.Text: "#6B7079",
    _ROLE.ButtonText: "#6B7079",
    _ROLE.Highlight: "#2C3A52",
}


def palette_for(dark: bool) -> QPalette:
    """The Fusion palette of the light or the dark theme."""
    palette = QPalette()
    for role, value in (_DARK_ROLES if dark else _LIGHT_ROLES).items():
        palette.setColor(role, QColor(value))
    for role, value in (_DARK_DISABLED if dark else _LIGHT_DISABLED).items():
        palette.setColor(_GROUP.Disabled, role, QColor(value))
    if hasattr(_ROLE, "Accent"):  # Qt 6.6+
        palette.setColor(_ROLE.Accent, palette.color(_ROLE.Highlight))
    return palette


# Colours only the stylesheet uses (the navigation rail, input borders).
_LIGHT_SHEET: Final = {
    "rail": "#ECEEF2",
    "rail_sel": "#DCE6FB",
    "rail_sel_text": "#1B4FC4",
    "input": "#D0D5DC",
    "handle": "#C4C9D0",
    "handle_hover": "#A4AAB3",
    "indicator": "#78808B",  # an unchecked box's outline (3:1 even antialiased, round)
}
_DARK_SHEET: Final = {
    "rail": "#16171A",
    "rail_sel": "#213A63",
    "rail_sel_text": "#E4E6EA",
    "input": "#3C4048",
    "handle": "#4A4E56",
    "handle_hover": "#5F646D",
    "indicator": "#8E949E",
}


def stylesheet_for(tokens: Tokens) -> str:
    """What the palette cannot express: the navigation rail, the board's panels, modern
    inputs and buttons, flat headers, thin scrollbars, flat tabs and tools."""
    sheet = _DARK_SHEET if tokens.dark else _LIGHT_SHEET
    rail, rail_sel, rail_sel_text = sheet["rail"], sheet["rail_sel"], sheet["rail_sel_text"]
    input_border, handle, handle_hover = sheet["input"], sheet["handle"], sheet["handle_hover"]
    border, hover, selected = (c.name() for c in (tokens.card_border, tokens.card_hover,
                                                  tokens.selected))  # fmt: skip
    text, muted, accent = (c.name() for c in (tokens.text, tokens.muted_text, tokens.accent))
    window, panel = tokens.window_bg.name(), tokens.column_header_bg.name()
    overdue = tokens.overdue.name()
    base = (_DARK_ROLES if tokens.dark else _LIGHT_ROLES)[_ROLE.Base]
    indicators = indicator_rules(
        dark=tokens.dark, outline=QColor(sheet["indicator"]), accent=tokens.accent,
        base=QColor(base),
    )  # fmt: skip
    return f"""
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 0; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 0; }}
QScrollBar::handle {{ background: {handle}; border-radius: 3px; margin: 2px; }}
QScrollBar::handle:hover {{ background: {handle_hover}; }}
QScrollBar::handle:vertical {{ min-height: 28px; }}
QScrollBar::handle:horizontal {{ min-width: 28px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QTabWidget::pane {{ border: 1px solid {border}; border-radius: 6px; }}
QTabBar::tab {{
    background: transparent; color: {muted};
    padding: 6px 14px; border: none; border-bottom: 2px solid transparent;
}}
QTabBar::tab:hover {{ color: {text}; }}
QTabBar::tab:selected {{ color: {text}; border-bottom-color: {accent}; }}
QToolButton {{ background: transparent; border: none; border-radius: 6px; padding: 4px; }}
QToolButton:hover {{ background: {hover}; }}
QToolButton:pressed, QToolButton:checked {{ background: {selected}; }}
QSplitter::handle {{ background: {border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}

QToolBar#MainToolbar {{
    background: {window}; border: none; border-bottom: 1px solid {border};
    padding: 4px 8px; spacing: 2px;
}}
QToolBar#MainToolbar QToolButton {{ padding: 4px 10px; }}
QToolBar#MainToolbar::separator {{ background: {border}; width: 1px; margin: 6px 6px; }}
QStatusBar {{ color: {muted}; }}
QStatusBar QLabel {{ color: {muted}; padding: 0 8px; }}
QStatusBar::item {{ border: none; }}

QPushButton {{
    background: {base}; color: {text}; border: 1px solid {input_border};
    border-radius: 6px; padding: 5px 14px; min-height: 18px;
}}
QPushButton:hover {{ background: {hover}; }}
QPushButton:pressed {{ background: {selected}; }}
QPushButton:default {{ border-color: {accent}; }}
QPushButton:disabled {{ color: {muted}; background: transparent; border-color: {border}; }}

/* The navigation rail on the left. Sizes apply inside the rail only: a list laid out
   before the stylesheet reached it would paint tall rows at their old, short places. */
#SidebarRail {{ background: {rail}; }}
QLabel#SidebarHeading {{
    color: {text}; font-size: 12pt; font-weight: 600; padding: 16px 18px 4px 18px;
}}
QListWidget#Sidebar {{ background: {rail}; border: none; outline: 0; padding: 8px; }}
QListWidget#Sidebar::item {{ border: none; border-radius: 8px; padding: 0 10px; color: {text}; }}
QListWidget#Sidebar::item:hover {{ background: {hover}; }}
QListWidget#Sidebar::item:selected {{ background: {rail_sel}; color: {rail_sel_text}; }}
#SidebarRail QListWidget#Sidebar {{ padding: 4px 8px; }}
#SidebarRail QListWidget#Sidebar::item {{ height: 36px; margin: 1px 0; }}

/* The weekly board. */
QLabel#WeekTitle, QLabel#PageTitle {{ font-size: 16pt; font-weight: 600; color: {text}; }}
QLabel#WeekRange, QLabel#PageSubtitle {{ color: {muted}; }}
#BoardPage QToolButton {{ font-size: 15pt; min-width: 26px; padding: 0 4px 2px 4px; }}
QFrame#BoardColumn {{ background: {panel}; border: none; border-radius: 12px; }}
QFrame#BoardColumn QListView {{ background: transparent; border: none; }}
QLabel#BoardColumnTitle {{ font-weight: 600; color: {text}; }}
QLabel#BoardColumnCount {{ color: {muted}; }}
QPushButton#ColumnAdd {{
    background: transparent; color: {muted}; border: none; border-radius: 8px;
    text-align: left; padding: 6px 10px;
}}
QPushButton#ColumnAdd:hover {{ background: {hover}; color: {text}; }}
#ColumnQuickAdd QLineEdit#QuickAdd {{ padding: 6px 8px; font-size: 10pt; }}

/* The backlog. */
QLineEdit#QuickAdd, QLineEdit#BacklogSearch {{
    background: {base}; color: {text}; border: 1px solid {input_border};
    border-radius: 8px; padding: 4px 10px; selection-background-color: {accent};
}}
QLineEdit#QuickAdd {{ padding: 8px 12px; font-size: 11pt; }}
QLineEdit#QuickAdd:focus, QLineEdit#BacklogSearch:focus {{ border: 1px solid {accent}; }}
#BacklogPage QComboBox {{ min-height: 22px; }}

/* The capture popup and its confirmation: boxes of their own over other windows. */
QFrame#CapturePopup, QFrame#CaptureToast {{
    background: {window}; border: 1px solid {input_border}; border-radius: 0;
}}
QLabel#CaptureHints {{ color: {muted}; font-size: 8.5pt; }}
QLabel#CaptureError {{ color: {overdue}; }}

/* Notices in the window (app/ui/notifications/banner.py). */
QFrame#NoticeBanner {{
    background: {panel}; border: 1px solid {border}; border-left: 3px solid {accent};
    border-radius: 8px;
}}
QFrame#NoticeBanner[critical="true"] {{ border-left-color: {overdue}; }}
QLabel#NoticeTitle {{ color: {text}; font-weight: 600; }}
QLabel#NoticeBody, QLabel#NoticeMore {{ color: {muted}; }}
QToolButton#CaptureDestination {{ color: {muted}; padding: 2px 8px; }}
QToolButton#CaptureDestination:checked {{ color: {text}; }}
QTreeView#BacklogTree, QTreeView#TrashTree, QTreeView#BackupList {{
    background: {base}; border: 1px solid {border}; border-radius: 10px;
    selection-background-color: {selected}; selection-color: {text}; outline: 0;
}}
QTreeView#BacklogTree QHeaderView, QTreeView#TrashTree QHeaderView,
QTreeView#BackupList QHeaderView {{
    background: transparent; border: none;
}}
QTreeView#BacklogTree QHeaderView::section, QTreeView#TrashTree QHeaderView::section,
QTreeView#BackupList QHeaderView::section {{
    background: transparent; color: {muted}; font-weight: 600;
    border: none; border-bottom: 1px solid {border}; padding: 6px 8px;
}}
{indicators}"""


# --- applying ------------------------------------------------------------------------


def resolve_theme(mode: str, system: Qt.ColorScheme) -> ResolvedTheme:
    """The theme to show for a user's `mode`; an unknown system scheme means light."""
    if mode not in MODES:
        raise ValueError(f"theme mode must be one of {MODES}, not {mode!r}")
    dark = mode == "dark" or (mode == "system" and system == Qt.ColorScheme.Dark)
    return ResolvedTheme(mode, "dark" if dark else "light", tokens_for(dark))


def system_color_scheme(app: QGuiApplication) -> Qt.ColorScheme:
    return app.styleHints().colorScheme()


def apply_theme(app: QApplication, mode: str) -> ResolvedTheme:
    """Show `mode` ("system", "light" or "dark") now; returns what it resolved to."""
    if mode not in MODES:
        raise ValueError(f"theme mode must be one of {MODES}, not {mode!r}")
    _request_scheme(app, mode)
    resolved = resolve_theme(mode, system_color_scheme(app))
    apply_resolved(app, resolved)
    return resolved


def apply_resolved(app: QApplication, theme: ResolvedTheme) -> None:
    # Fusion draws entirely from the palette, so both themes look the same everywhere;
    # its check boxes and radio buttons are drawn by the style sheet (indicator_sheet.py).
    # Under a style sheet app.style() is Qt's nameless wrapper: Fusion is set again then,
    # which costs nothing a theme switch does not cost anyway (it repolishes everything).
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(theme.dark))
    app.setStyleSheet(stylesheet_for(theme.tokens))


def _request_scheme(app: QGuiApplication, mode: str) -> None:
    """Tell the platform the scheme we show (Qt 6.8+), so native title bars match it."""
    hints = app.styleHints()
    if not hasattr(hints, "setColorScheme"):
        return
    if mode == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if mode == "dark" else Qt.ColorScheme.Light)


class ThemeController(QObject):
    """Keeps the application's theme in step with the user's choice and the system.

    `theme_changed(ResolvedTheme)` fires whenever the light/dark theme shown changes,
    whether the user chose another mode or the system switched while following it.
    """

    theme_changed = Signal(object)

    def __init__(
        self, app: QApplication, mode: str = "system", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._current = apply_theme(app, mode)
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    @property
    def mode(self) -> str:
        return self._current.mode

    @property
    def current(self) -> ResolvedTheme:
        return self._current

    @property
    def tokens(self) -> Tokens:
        return self._current.tokens

    def set_mode(self, mode: str) -> ResolvedTheme:
        """Switch to "system", "light" or "dark" now (saving it is the caller's job)."""
        self._show(apply_theme(self._app, mode))
        return self._current

    def _on_system_scheme(self, scheme: Qt.ColorScheme) -> None:
        if self._current.mode != "system":
            return
        resolved = resolve_theme("system", scheme)
        if resolved.name != self._current.name:
            apply_resolved(self._app, resolved)
        self._show(resolved)

    def _show(self, resolved: ResolvedTheme) -> None:
        changed = resolved.name != self._current.name
        self._current = resolved
        if changed:
            self.theme_changed.emit(resolved)
