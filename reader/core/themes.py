"""Colour themes and the contrast arithmetic that keeps them readable.

Every text colour must reach 7:1 against what it sits on (WCAG 1.4.6, AAA);
borders, focus rings and the progress bar must reach 3:1 (WCAG 1.4.11 and
2.4.13). tests/core/test_themes.py checks every theme with these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_CONTRAST = 7.0
CONTROL_CONTRAST = 3.0


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    dark: bool
    background: str
    text: str
    heading: str
    link: str
    muted: str
    button_background: str
    button_text: str
    button_border: str
    button_hover: str
    card_background: str
    focus: str
    progress: str
    selection_background: str
    selection_text: str
    # Read-aloud: the sentence being heard, and the word being heard more strongly.
    reading_sentence: str
    reading_word: str
    # Find: the words found, marked in the page until the next page turn.
    found: str
    # The dot of a chosen choice, and the edge and inside of a ticked box.
    indicator: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every foreground/background pair a person reads as text."""
        return {
            "page text": (self.text, self.background),
            "headings": (self.heading, self.background),
            "links": (self.link, self.background),
            "secondary text": (self.muted, self.background),
            "button labels": (self.button_text, self.button_background),
            "button labels under the pointer": (self.button_text, self.button_hover),
            "card text": (self.text, self.card_background),
            "headings on a card": (self.heading, self.card_background),
            "selected text": (self.selection_text, self.selection_background),
            "sentence being read aloud": (self.text, self.reading_sentence),
            "word being read aloud": (self.text, self.reading_word),
            "words found by Find": (self.text, self.found),
            "glossary words": (self.link, self.background),
        }

    def control_pairs(self) -> dict[str, tuple[str, str]]:
        """Every edge a person must see to find or use a control."""
        return {
            "button edge on the page": (self.button_border, self.background),
            "focus ring on the page": (self.focus, self.background),
            "focus ring on a button": (self.focus, self.button_background),
            "focus ring on a card": (self.focus, self.card_background),
            "progress bar": (self.progress, self.background),
            "edge of an unchosen choice or unticked box": (self.button_border, self.background),
            "edge and mark of a chosen choice or ticked box": (self.indicator, self.background),
        }


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    red, green, blue = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


LIGHT = Theme(
    name="light",
    label="Light",
    dark=False,
    background="#ffffff",
    text="#1b1b1b",
    heading="#0b2e59",
    link="#1a4480",
    muted="#3d3d3d",
    button_background="#e7eef8",
    button_text="#0b2e59",
    button_border="#3f5f8a",
    button_hover="#d3e0f2",
    card_background="#f2f5fa",
    focus="#a3005c",
    progress="#1a4480",
    selection_background="#0b2e59",
    selection_text="#ffffff",
    reading_sentence="#fff1b8",
    reading_word="#ffd54f",
    found="#b3ecc4",
    indicator="#0b2e59",
)

CREAM = Theme(
    name="cream",
    label="Cream",
    dark=False,
    background="#fbf3e0",
    text="#2a2118",
    heading="#3b2405",
    link="#5a2d00",
    muted="#45382a",
    button_background="#f0e2c0",
    button_text="#3b2405",
    button_border="#7a5a2e",
    button_hover="#e6d3a8",
    card_background="#f6ebd2",
    focus="#8c1a7e",
    progress="#6b4412",
    selection_background="#3b2405",
    selection_text="#fbf3e0",
    reading_sentence="#f7e08a",
    reading_word="#f2c744",
    found="#c2e3a6",
    indicator="#3b2405",
)

DARK = Theme(
    name="dark",
    label="Dark",
    dark=True,
    background="#161616",
    text="#f0f0f0",
    heading="#ffffff",
    link="#9cc8ff",
    muted="#d0d0d0",
    button_background="#2a2d33",
    button_text="#f5f5f5",
    button_border="#9a9fa8",
    button_hover="#373b43",
    card_background="#22252a",
    focus="#ffb52e",
    progress="#9cc8ff",
    selection_background="#f0f0f0",
    selection_text="#161616",
    reading_sentence="#3b3413",
    reading_word="#5c4b00",
    found="#0f4d2a",
    indicator="#9cc8ff",
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    label="High contrast",
    dark=True,
    background="#000000",
    text="#ffff00",
    heading="#ffff00",
    link="#66ffff",
    muted="#ffff00",
    button_background="#000000",
    button_text="#ffff00",
    button_border="#ffff00",
    button_hover="#1f1f00",
    card_background="#000000",
    focus="#00ffff",
    progress="#ffff00",
    selection_background="#ffff00",
    selection_text="#000000",
    reading_sentence="#00205c",
    reading_word="#003fb3",
    found="#004d1a",
    indicator="#ffff00",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, CREAM, DARK, HIGH_CONTRAST)}
DEFAULT_THEME = LIGHT.name


def theme_named(name: str) -> Theme:
    return THEMES.get(name, THEMES[DEFAULT_THEME])
