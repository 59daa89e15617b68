"""UiSettings: typed values with defaults in an INI file, surviving a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from app.ui.settings import UiSettings


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "ui.ini"


def test_a_new_file_gives_the_defaults(ini: Path) -> None:
    settings = UiSettings(ini)
    assert settings.theme == "system"
    assert settings.window_geometry.isEmpty()
    assert settings.window_state.isEmpty()
    assert settings.last_view == ""
    assert settings.shortcut_overrides() == {}
    assert settings.problem() is None


def test_values_survive_a_new_settings_object_on_the_same_file(ini: Path) -> None:
    first = UiSettings(ini)
    first.set_theme("dark")
    first.set_window_geometry(QByteArray(b"\x00\x01geometry"))
    first.set_window_state(QByteArray(b"state\xff"))
    first.set_last_view("backlog")
    first.set_shortcut_override("edit.prefs", "Ctrl+,")  # a comma is a list separator in INI
    first.set_shortcut_override("board.move_right", "")  # "" = the user removed it

    second = UiSettings(ini)
    assert second.theme == "dark"
    assert bytes(second.window_geometry.data()) == b"\x00\x01geometry"
    assert bytes(second.window_state.data()) == b"state\xff"
    assert second.last_view == "backlog"
    assert second.shortcut_overrides() == {"edit.prefs": "Ctrl+,", "board.move_right": ""}


def test_hand_edited_nonsense_falls_back_to_the_defaults(ini: Path) -> None:
    ini.write_text(
        "[appearance]\ntheme=purple\n"
        "[calendar]\nweek_start=9\n"
        "[board]\nwip_limit=lots\nrollover_mode=sometimes\n"
        "[window]\ngeometry=not bytes\n"
        "[shortcuts]\nfile.new=Ctrl+A, Ctrl+B\nfile.open=Ctrl+O\n",
        encoding="utf-8",
    )
    settings = UiSettings(ini)
    assert settings.theme == "system"
    assert settings.window_geometry.isEmpty()
    # The unquoted comma made a list, which we never write: dropped, not guessed at.
    assert settings.shortcut_overrides() == {"file.open": "Ctrl+O"}


def test_setters_refuse_values_outside_their_range(ini: Path) -> None:
    settings = UiSettings(ini)
    with pytest.raises(ValueError):
        settings.set_theme("sepia")
    assert UiSettings(ini).theme == "system"


def test_settings_an_older_version_kept_here_are_handed_over_once(ini: Path) -> None:
    ini.write_text(
        "[calendar]\nweek_start=6\n[board]\nwip_limit=5\nrollover_mode=automatic\n"
        "[units]\nreview_time=19:30\n[appearance]\ntheme=dark\n",
        encoding="utf-8",
    )
    settings = UiSettings(ini)
    assert settings.legacy_store_settings() == {
        "week.start": "sunday",
        "board.wip_limit": "5",
        "board.rollover": "automatic",
        "units.review_time": "19:30",
    }
    settings.forget_legacy_store_settings()
    assert UiSettings(ini).legacy_store_settings() == {}
    assert UiSettings(ini).theme == "dark"  # the window's own stay


def test_clearing_shortcut_overrides(ini: Path) -> None:
    settings = UiSettings(ini)
    settings.set_shortcut_override("a.one", "Ctrl+1")
    settings.set_shortcut_override("a.two", "Ctrl+2")
    settings.clear_shortcut_override("a.one")
    assert UiSettings(ini).shortcut_overrides() == {"a.two": "Ctrl+2"}
    settings.clear_shortcut_overrides()
    assert UiSettings(ini).shortcut_overrides() == {}


def test_generic_values_come_back_as_the_type_of_the_default(ini: Path) -> None:
    first = UiSettings(ini)
    first.set_value("units/length", 10)
    first.set_value("units/show_reviews", False)
    first.set_value("units/ratio", 0.5)
    first.set_value("units/label", "unit")
    ini.write_text(ini.read_text(encoding="utf-8") + "\n[extra]\ncount=many\n", encoding="utf-8")

    second = UiSettings(ini)
    assert second.value("units/length", 0) == 10
    assert second.value("units/show_reviews", True) is False
    assert second.value("units/ratio", 1.0) == 0.5
    assert second.value("units/label", "") == "unit"
    assert second.value("extra/count", 3) == 3  # unreadable as an int
    assert second.value("missing/key", "fallback") == "fallback"
    second.remove("units/length")
    assert UiSettings(ini).value("units/length", 7) == 7


def test_an_unwritable_file_is_reported_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the folder should be", encoding="utf-8")
    settings = UiSettings(folder / "ui.ini")
    settings.set_theme("dark")
    problem = settings.problem()
    assert problem is not None and "cannot write" in problem and str(folder) in problem


def test_the_capture_hotkey_defaults_to_ctrl_alt_space_and_keeps_what_is_set(ini: Path) -> None:
    assert UiSettings(ini).capture_hotkey == "Ctrl+Alt+Space"
    UiSettings(ini).set_capture_hotkey("meta+shift+k")
    assert UiSettings(ini).capture_hotkey == "Meta+Shift+K"  # as the shortcut editor writes
    UiSettings(ini).set_capture_hotkey("")
    assert UiSettings(ini).capture_hotkey == ""  # none: the user turned it off


def test_a_capture_hotkey_that_cannot_be_global_is_refused(ini: Path) -> None:
    settings = UiSettings(ini)
    for sequence in ("K", "Ctrl+K, Ctrl+L", "Ctrl+Alt+Ä", "Ctrl+Nonsense"):
        with pytest.raises(ValueError):
            settings.set_capture_hotkey(sequence)
    assert settings.capture_hotkey == "Ctrl+Alt+Space"


def test_a_hand_edited_capture_hotkey_that_is_no_key_gives_the_default(ini: Path) -> None:
    ini.write_text("[hotkeys]\ncapture=Space\n", encoding="utf-8")
    assert UiSettings(ini).capture_hotkey == "Ctrl+Alt+Space"
