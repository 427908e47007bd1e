import pytest

from reader.core.themes import (
    CONTROL_CONTRAST,
    TEXT_CONTRAST,
    THEMES,
    Theme,
    contrast_ratio,
)


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_four_themes_are_there() -> None:
    assert set(THEMES) == {"light", "cream", "dark", "high-contrast"}
    assert (THEMES["high-contrast"].text, THEMES["high-contrast"].background) == (
        "#ffff00",
        "#000000",
    )


def below(pairs: dict[str, tuple[str, str]], limit: float) -> dict[str, float]:
    ratios = {name: contrast_ratio(fg, bg) for name, (fg, bg) in pairs.items()}
    return {name: round(ratio, 2) for name, ratio in ratios.items() if ratio < limit}


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_text_colour_reaches_7_to_1(theme: Theme) -> None:
    weak = below(theme.text_pairs(), TEXT_CONTRAST)
    assert not weak, f"{theme.name}: text below 7:1: {weak}"


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_control_edge_and_focus_ring_reaches_3_to_1(theme: Theme) -> None:
    weak = below(theme.control_pairs(), CONTROL_CONTRAST)
    assert not weak, f"{theme.name}: controls below 3:1: {weak}"


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_words_found_by_find_are_readable_and_unlike_the_read_aloud_marks(theme: Theme) -> None:
    # The mark Find leaves in the page is text on a colour: 7:1 like any text.
    assert contrast_ratio(theme.text, theme.found) >= TEXT_CONTRAST
    assert theme.text_pairs()["words found by Find"] == (theme.text, theme.found)
    # A page being read aloud can carry both marks, so they must not look the same.
    assert theme.found not in (theme.reading_sentence, theme.reading_word, theme.background)


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_choice_circles_and_tick_boxes_are_checked_chosen_or_not(theme: Theme) -> None:
    pairs = theme.control_pairs()
    for state in ("unchosen choice or unticked box", "chosen choice or ticked box"):
        found = [name for name in pairs if name.endswith(state)]
        assert found, f"{theme.name}: no contrast check for the {state}"
        fg, bg = pairs[found[0]]
        assert bg == theme.background
        assert contrast_ratio(fg, bg) >= CONTROL_CONTRAST
