from typing import Any

import pytest

from reader.core.settings import Settings
from reader.gui.system_prefs import first_run_settings, settings_for


def test_a_plain_system_gets_the_usual_settings() -> None:
    assert settings_for(dark=False, high_contrast=False, text_scale=1.0) == Settings()


def test_dark_and_high_contrast_preferences_are_followed() -> None:
    assert settings_for(dark=True, high_contrast=False, text_scale=1.0).theme == "dark"
    assert settings_for(dark=True, high_contrast=True, text_scale=1.0).theme == "high-contrast"


@pytest.mark.parametrize(("scale", "size"), [(1.1, 100), (1.25, 125), (1.5, 150), (2.0, 200)])
def test_bigger_system_text_gives_bigger_reading_text(scale: float, size: int) -> None:
    assert settings_for(dark=False, high_contrast=False, text_scale=scale).text_size == size


def test_first_run_reads_the_running_system(qapp: Any) -> None:
    settings = first_run_settings(qapp)
    assert settings.theme in {"light", "dark", "high-contrast"}
    assert settings.text_size >= 100
