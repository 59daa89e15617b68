"""Check boxes and radio buttons that can be seen in both themes, drawn by the style sheet.

Fusion outlines an indicator with the window colour made darker, which on a dark theme is
near-black on near-black: an unchecked box all but disappears. So every indicator (check
boxes, radio buttons, checkable items in views and group boxes) gets a clear outline when
off and the accent colour with a mark when on. Menus keep Fusion's own marks: a style
sheet box there squeezes the entry's check column.

These are style sheet rules, not a QProxyStyle written in Python: such a style turns every
primitive Qt draws, for every widget in every frame, into a call into Python that must
also work out the Python type of the widget it is given, which cost the window's first
frame about a tenth of its time. The marks are small SVG files in resources/icons/
indicators, one per theme, in the colour drawn on the accent (`Tokens.on_accent`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.ui.resources import resource_path

DISABLED_OPACITY = 0.45  # how much of an indicator's colour shows when it is disabled

_BOXES = (
    "QCheckBox::indicator",
    "QAbstractItemView::indicator",
    "QGroupBox::indicator",
)
_ROUND = ("QRadioButton::indicator",)


def mark_file(kind: str, dark: bool) -> str:
    """The SVG of a "check" or "dash" mark for the theme, as a style sheet can name it."""
    path = resource_path("icons", "indicators", f"{kind}-{'dark' if dark else 'light'}.svg")
    return path.replace("\\", "/")


def faded(colour: QColor, behind: QColor) -> str:
    """`colour` at DISABLED_OPACITY over `behind`: style sheets have no opacity."""
    pairs = ((colour.red(), behind.red()), (colour.green(), behind.green()),
             (colour.blue(), behind.blue()))  # fmt: skip
    mix = [round(DISABLED_OPACITY * a + (1 - DISABLED_OPACITY) * b) for a, b in pairs]
    return QColor(*mix).name()


def _each(selectors: tuple[str, ...], state: str) -> str:
    return ", ".join(selector + state for selector in selectors)


def indicator_rules(*, dark: bool, outline: QColor, accent: QColor, base: QColor) -> str:
    """The style sheet rules for every indicator, in the theme's colours. Sizes are the
    content box: 12 px inside a 1 px border is Fusion's 14 px indicator."""
    off, on, field = outline.name(), accent.name(), base.name()
    off_faded, on_faded = faded(outline, base), faded(accent, base)
    check, dash = mark_file("check", dark), mark_file("dash", dark)
    boxes, round_ = _BOXES, _ROUND
    every = boxes + round_
    return f"""
{_each(every, "")} {{
    width: 12px; height: 12px; border: 1px solid {off}; background: {field};
}}
{_each(boxes, "")} {{ border-radius: 3px; }}
{_each(round_, "")} {{ border-radius: 7px; }}
{_each(every, ":hover")} {{ border-color: {on}; }}
{_each(boxes, ":checked")} {{ background: {on}; border-color: {on}; image: url("{check}"); }}
{_each(boxes, ":indeterminate")} {{
    background: {on}; border-color: {on}; image: url("{dash}");
}}
{_each(round_, ":checked")} {{
    width: 6px; height: 6px; border: 4px solid {on}; background: {field};
}}
{_each(every, ":disabled")} {{ border-color: {off_faded}; }}
{_each(boxes, ":checked:disabled")}, {_each(boxes, ":indeterminate:disabled")} {{
    background: {on_faded}; border-color: {on_faded};
}}
{_each(round_, ":checked:disabled")} {{ border-color: {on_faded}; }}
"""
