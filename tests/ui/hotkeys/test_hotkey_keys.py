"""The shortcut editor's text read as one global chord: its modifiers, its key's X keysym
name, and the portal's trigger; what cannot be a global hotkey is refused in words."""

from __future__ import annotations

import pytest

from app.ui.hotkeys.keys import chord_of


@pytest.mark.parametrize(
    ("sequence", "modifiers", "keysym", "trigger"),
    [
        ("Ctrl+Alt+Space", {"ctrl", "alt"}, "space", "CTRL+ALT+space"),
        ("ctrl+alt+space", {"ctrl", "alt"}, "space", "CTRL+ALT+space"),
        ("Meta+Shift+K", {"meta", "shift"}, "k", "SHIFT+LOGO+k"),
        ("Ctrl+Alt+7", {"ctrl", "alt"}, "7", "CTRL+ALT+7"),
        ("Ctrl+F5", {"ctrl"}, "F5", "CTRL+F5"),
        ("F12", set(), "F12", "F12"),
        ("Shift+Print", {"shift"}, "Print", "SHIFT+Print"),
        ("Alt+PgUp", {"alt"}, "Prior", "ALT+Prior"),
        ("Ctrl+Alt+;", {"ctrl", "alt"}, "semicolon", "CTRL+ALT+semicolon"),
        ("Ctrl+Alt+Return", {"ctrl", "alt"}, "Return", "CTRL+ALT+Return"),
    ],
)
def test_a_combination_becomes_a_chord(
    sequence: str, modifiers: set[str], keysym: str, trigger: str
) -> None:
    chord = chord_of(sequence)
    assert chord is not None
    assert chord.modifiers == modifiers
    assert chord.keysym == keysym
    assert chord.xdg_trigger() == trigger


def test_the_chord_keeps_the_text_the_user_reads_and_the_settings_keep() -> None:
    chord = chord_of("ctrl+alt+space")
    assert chord is not None
    assert (chord.text, chord.portable) == ("Ctrl+Alt+Space", "Ctrl+Alt+Space")


def test_no_text_is_no_hotkey() -> None:
    assert chord_of("") is None
    assert chord_of("  ") is None


@pytest.mark.parametrize(
    ("sequence", "words"),
    [
        ("Ctrl+Alt+Space, Ctrl+X", "a sequence of keys"),
        ("Ctrl+Nonsense", "not a key combination"),
        ("Ctrl+Alt+Ä", "cannot be a global hotkey"),
        ("Alt", "cannot be a global hotkey"),  # a modifier alone
        ("Space", "add Ctrl, Alt or Meta"),
        ("Shift+K", "add Ctrl, Alt or Meta"),
    ],
)
def test_what_cannot_be_a_global_hotkey_is_refused_in_words(sequence: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        chord_of(sequence)
