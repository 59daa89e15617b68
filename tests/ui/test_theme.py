"""Themes: palettes, following the system, tag chip colours, readable contrast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.enums import Priority
from app.ui.theme import (
    ThemeController,
    apply_theme,
    chip_color,
    contrast_ratio,
    palette_for,
    resolve_theme,
    stylesheet_for,
    tokens_for,
)

AA = 4.5  # WCAG AA for normal text
NON_TEXT = 3.0  # WCAG AA for the parts of a control a user must see


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, with its look put back afterwards for the other tests."""
    style = qapp.style().name() or "Fusion"  # "" is the wrapper a stylesheet puts on top
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    if hasattr(qapp.styleHints(), "unsetColorScheme"):
        qapp.styleHints().unsetColorScheme()


def window_lightness(app: QApplication) -> int:
    return app.palette().color(QPalette.ColorRole.Window).lightness()


def test_the_dark_palette_is_dark_and_the_light_one_light() -> None:
    dark, light = palette_for(dark=True), palette_for(dark=False)
    assert dark.color(QPalette.ColorRole.Window).lightness() < 60
    assert dark.color(QPalette.ColorRole.Text).lightness() > 200
    assert light.color(QPalette.ColorRole.Window).lightness() > 200
    assert light.color(QPalette.ColorRole.Text).lightness() < 60


def test_apply_theme_sets_fusion_the_palette_and_a_stylesheet(app: QApplication) -> None:
    app.setStyle("Windows")
    resolved = apply_theme(app, "dark")
    assert resolved.dark and resolved.name == "dark" and resolved.mode == "dark"
    assert resolved.tokens.dark
    assert window_lightness(app) < 60
    assert "QScrollBar" in app.styleSheet()
    assert not apply_theme(app, "light").dark
    assert window_lightness(app) > 200
    app.setStyleSheet("")  # under a stylesheet, app.style() is Qt's nameless wrapper
    assert app.style().name().lower() == "fusion"  # its indicators: the style sheet's


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("kind", ["checkbox", "radio"])
def test_an_unchecked_indicator_stands_out_from_its_background(
    app: QApplication, qtbot: QtBot, dark: bool, kind: str
) -> None:
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton

    apply_theme(app, "dark" if dark else "light")
    button = QCheckBox("Done") if kind == "checkbox" else QRadioButton("Done")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    option = QStyleOptionButton()
    option.initFrom(button)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if kind == "checkbox"
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    rect = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    background = image.pixelColor(rect.center())
    around = image.pixelColor(rect.right() + 3, rect.center().y())  # the window behind
    strongest = max(
        min(contrast_ratio(image.pixelColor(x, y), background),
            contrast_ratio(image.pixelColor(x, y), around))
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )  # fmt: skip
    assert strongest >= NON_TEXT, f"outline contrast {strongest:.2f} in the {kind}"


@pytest.mark.parametrize(
    ("mode", "system", "expected"),
    [
        ("system", Qt.ColorScheme.Dark, "dark"),
        ("system", Qt.ColorScheme.Light, "light"),
        ("system", Qt.ColorScheme.Unknown, "light"),  # unknown: fall back to light
        ("light", Qt.ColorScheme.Dark, "light"),  # the user's choice wins
        ("dark", Qt.ColorScheme.Light, "dark"),
    ],
)
def test_system_mode_follows_the_system_scheme(
    mode: str, system: Qt.ColorScheme, expected: str
) -> None:
    assert resolve_theme(mode, system).name == expected


def test_a_bad_mode_is_refused(app: QApplication) -> None:
    with pytest.raises(ValueError, match="sepia"):
        apply_theme(app, "sepia")


def test_the_controller_follows_the_system_while_in_system_mode(app: QApplication) -> None:
    controller = ThemeController(app, "system")
    seen: list[object] = []
    controller.theme_changed.connect(seen.append)
    hints = app.styleHints()

    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop switched to dark
    assert controller.current.dark and window_lightness(app) < 60
    assert len(seen) == 1 and getattr(seen[0], "dark", None) is True

    controller.set_mode("light")  # the user chose light: system changes no longer matter
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not controller.current.dark and window_lightness(app) > 200
    assert controller.mode == "light" and len(seen) == 2
    controller.deleteLater()


def test_chip_colours_are_stable_per_name() -> None:
    assert chip_color("paper") == chip_color("paper")
    assert chip_color("Paper") == chip_color("#paper ") == chip_color("paper")
    assert chip_color("论文") == chip_color("论文")
    # A fixed value, not just equal within one run: Python's hash() would differ per process.
    assert chip_color("paper").name() == _expected_chip("paper")


def _expected_chip(name: str) -> str:
    import zlib

    from app.ui import theme

    return QColor(theme._LIGHT_CHIPS[zlib.crc32(name.encode()) % 10]).name()


def test_chip_colours_are_distinct_for_different_names() -> None:
    names = [f"tag{n}" for n in range(60)] + ["paper", "experiment", "reading", "写作", "ml"]
    colours = {chip_color(name).name() for name in names}
    assert len(colours) >= 9  # the palette has ten; sixty names use nearly all of them
    assert chip_color("paper") != chip_color("experiment")


def test_a_tag_keeps_its_hue_position_across_themes() -> None:
    light, dark = tokens_for(dark=False), tokens_for(dark=True)
    for name in ("paper", "experiment", "reading", "写作"):
        index = [c.name() for c in light.chips].index(chip_color(name).name())
        assert dark.chips[index].name() == chip_color(name, dark=True).name()


@pytest.mark.parametrize("dark", [False, True])
def test_chip_text_reads_on_every_chip(dark: bool) -> None:
    tokens = tokens_for(dark)
    assert len(tokens.chips) >= 8
    assert len({c.name() for c in tokens.chips}) == len(tokens.chips)
    for chip in tokens.chips:
        assert contrast_ratio(tokens.chip_text, chip) >= AA, chip.name()


@pytest.mark.parametrize("dark", [False, True])
def test_text_tokens_read_on_the_surfaces_they_are_drawn_on(dark: bool) -> None:
    t = tokens_for(dark)
    pairs = {
        "text on card": (t.text, t.card_bg),
        "muted on card": (t.muted_text, t.card_bg),
        "muted on hover": (t.muted_text, t.card_hover),
        "text on selected": (t.text, t.selected),
        "overdue on card": (t.overdue, t.card_bg),
        "due soon on card": (t.due_soon, t.card_bg),
        "due soon on its badge": (t.due_soon, t.due_soon_bg),
        "wip exceeded on header": (t.wip_exceeded, t.column_header_bg),
        "wip exceeded on window": (t.wip_exceeded, t.window_bg),
        "muted on header": (t.muted_text, t.column_header_bg),
        "on accent on accent": (t.on_accent, t.accent),  # a chosen review decision
        "on accent on overdue": (t.on_accent, t.overdue),
    }
    weak = {k: round(contrast_ratio(*v), 2) for k, v in pairs.items() if contrast_ratio(*v) < AA}
    assert weak == {}


@pytest.mark.parametrize("dark", [False, True])
def test_selected_text_reads_on_the_palette_highlight(dark: bool) -> None:
    palette = palette_for(dark)
    role = QPalette.ColorRole
    assert contrast_ratio(palette.color(role.HighlightedText), palette.color(role.Highlight)) >= AA
    assert contrast_ratio(palette.color(role.Text), palette.color(role.Base)) >= AA
    assert contrast_ratio(palette.color(role.PlaceholderText), palette.color(role.Base)) >= AA


def test_priorities_have_colours_except_none() -> None:
    for dark in (False, True):
        priority = tokens_for(dark).priority
        assert set(priority) == {Priority.HIGH, Priority.MEDIUM, Priority.LOW}
        assert Priority.NONE not in priority
        assert len({c.name() for c in priority.values()}) == 3


def test_tokens_are_fresh_colours_each_time() -> None:
    first = tokens_for(dark=False)
    first.accent.setAlpha(10)  # a painter that tweaks its copy must not change the theme
    assert tokens_for(dark=False).accent.alpha() == 255


@pytest.mark.parametrize("dark", [False, True])
def test_the_indicator_marks_are_shipped_in_the_colour_drawn_on_the_accent(dark: bool) -> None:
    from app.ui.indicator_sheet import mark_file
    from app.ui.theme import tokens_for

    on_accent = tokens_for(dark).on_accent.name().lower()
    for kind in ("check", "dash"):
        path = mark_file(kind, dark)
        assert path, f"the {kind} mark is missing"
        with open(path, encoding="utf-8") as handle:
            assert f'stroke="{on_accent}"' in handle.read().lower()
        assert f'url("{path}")' in stylesheet_for(tokens_for(dark))


def test_no_python_style_sits_under_every_paint(app: QApplication) -> None:
    # A QProxyStyle written in Python turns each primitive of each frame into a Python
    # call; the indicators are the style sheet's, and the style is Qt's own Fusion.
    from PySide6.QtWidgets import QProxyStyle

    apply_theme(app, "dark")
    app.setStyleSheet("")
    assert not isinstance(app.style(), QProxyStyle)
    assert type(app.style()).__module__.startswith("PySide6")
