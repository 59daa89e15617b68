"""What a restarted instance is told: read once from the environment, then gone."""

from __future__ import annotations

import os

import pytest

from app.instance.restart import NOTE_ENV, RestartNote, take_note


def test_the_note_is_read_once_and_not_inherited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOTE_ENV, '{"notice": "Rizhi restarted (schema 0009).", "window": true}')
    assert take_note() == RestartNote("Rizhi restarted (schema 0009).", window=True)
    assert NOTE_ENV not in os.environ
    assert take_note() is None


def test_a_note_that_does_not_read_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOTE_ENV, "{not json")
    assert take_note() is None
