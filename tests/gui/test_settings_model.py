"""The settings live in one place, and everything that shows or uses them follows it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt

from reader.core.settings import SPEECH_RATES, TEXT_SIZES, Managed, Settings
from reader.core.themes import THEMES
from reader.gui.settings_model import SettingsModel


def changes_seen(model: SettingsModel) -> list[tuple[Settings, Settings]]:
    seen: list[tuple[Settings, Settings]] = []
    model.changed.connect(lambda old, new: seen.append((old, new)))
    return seen


def test_a_change_is_announced_once_with_what_it_was_and_is(qapp: Any) -> None:
    model = SettingsModel(Settings(), Managed())
    seen = changes_seen(model)
    model.update(theme="dark")
    model.update(theme="dark")
    model.set(model.value)
    assert seen == [(Settings(), replace(Settings(), theme="dark"))]
    assert model.value.theme == "dark"


def test_what_an_administrator_locked_stays_and_nothing_is_announced(qapp: Any) -> None:
    model = SettingsModel(Settings(), Managed({"text_size": 100}, frozenset({"text_size"})))
    seen = changes_seen(model)
    model.update(text_size=300)
    assert model.value.text_size == 100
    assert seen == []


def test_a_change_reaches_the_page_the_settings_screen_read_aloud_and_the_toolbar(
    window: Any, qtbot: Any
) -> None:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    screen = window.look_screen
    session = window.read_aloud
    page = window.reading.view
    before = page.document().defaultFont().pointSizeF()
    slowest = min(SPEECH_RATES)
    window.settings_model.update(theme="dark", text_size=max(TEXT_SIZES), speech_rate=slowest)
    assert page.document().defaultFont().pointSizeF() > before
    assert page.palette().base().color().name() == THEMES["dark"].background
    assert screen.buttons[("theme", "dark")].isChecked()
    assert screen.size_label.text() == f"Size of the words: {max(TEXT_SIZES)}%"
    assert session.player.rate == slowest
    assert not window.toolbar_buttons["bigger"].isEnabled(), "the biggest size has no A+"


def test_a_choice_on_the_settings_screen_changes_the_settings_everyone_uses(
    window: Any, qtbot: Any
) -> None:
    window.show_look()
    window.look_screen.buttons[("theme", "dark")].click()
    assert window.settings.theme == "dark"
    window.show_page(0)
    assert window.reading.view.palette().base().color().name() == THEMES["dark"].background
