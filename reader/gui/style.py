"""Turn a theme and the reader's settings into Qt style sheets and fonts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont

from reader.core.themes import theme_named

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reader.core.settings import Settings
    from reader.core.themes import Theme

BODY_POINT_SIZE = 20.0
UI_POINT_SIZE = 14.0
# Controls grow more slowly than the page text so the toolbar still fits at 300%.
UI_GROWTH = 0.35
# Headings stand out by a step over the page's words that shrinks as the words grow
# (bold and colour still mark them): at 300% a long title and the first words both
# fit the first screen of a small window, where a heading in proportion filled it.
HEADING_STEP_POINTS = 8.0
# The gap under a title, as a share of the extra line spacing of the words below it.
TITLE_GAP_LEADING = 0.75
MIN_TARGET_PX = 48
FOCUS_WIDTH_PX = 4
BORDER_WIDTH_PX = 2
COLUMN_CHARACTERS = 66
# Choice circles and tick boxes: the box stays a full touch target with its edge.
INDICATOR_EDGE_PX = 3
INDICATOR_GAP_PX = 6
RADIO_PX = 26 - 2 * INDICATOR_EDGE_PX
CHECK_PX = MIN_TARGET_PX - 4 - 2 * (INDICATOR_EDGE_PX + INDICATOR_GAP_PX)
PT_TO_PX = 96 / 72
# The room beside a drop-down list's words for its arrow (choice_box.py: two x-heights,
# about an em, wide), in ems: no wider, so the save dialog's lists keep their words.
ARROW_ROOM_EMS = 1.3
# The gap after a paragraph, in lines of its own spacing: two thirds of a line puts
# paragraphs 1.67 lines apart, over the 1.5 WCAG 1.4.8 asks for, at every spacing.
PARAGRAPH_GAP_LINES = 2 / 3


def line_height_css(font_pixels: float, percent: float) -> str:
    """CSS that puts lines ``percent`` of the font's size apart, as WCAG measures spacing.

    Qt reads a percentage as a share of the font's own line height, which is already
    about 1.24 times its size in Atkinson Hyperlegible: "150%" put lines 1.9 sizes
    apart, and at 300% one or two lines filled a small screen. Given in px, Qt keeps
    it as the least height of a line, so a line that holds a picture still grows.
    """
    return f"line-height: {font_pixels * percent / 100:.0f}px;"


@dataclass(frozen=True)
class Look:
    """Everything that decides how the reader looks right now."""

    theme: Theme
    family: str
    settings: Settings

    @classmethod
    def of(cls, settings: Settings, families: Mapping[str, str]) -> Look:
        family = families.get(settings.font) or families.get("system", "")
        return cls(theme_named(settings.theme), family, settings)

    @property
    def scale(self) -> float:
        return self.settings.text_size / 100

    @property
    def body_points(self) -> float:
        return BODY_POINT_SIZE * self.scale

    @property
    def ui_points(self) -> float:
        return UI_POINT_SIZE * (1 + (self.scale - 1) * UI_GROWTH)

    @property
    def heading_points(self) -> float:
        return self.body_points + HEADING_STEP_POINTS / self.scale

    @property
    def subheading_points(self) -> float:
        """Half-way between the words and the title, so a title always reads as the top."""
        return (self.body_points + self.heading_points) / 2

    def title_gap(self, font_pixels: float) -> float:
        """The space under a page's title: shrinking as the words grow, like the title,
        but never less than the extra space above the first line (the reading ruler's
        edge lies in that gap, not across the title)."""
        leading = (self.settings.line_spacing / 100 - 1) * TITLE_GAP_LEADING
        return font_pixels * max(1 / self.scale, leading)

    def body_font(self) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(self.body_points)
        em = self.body_points * PT_TO_PX
        font.setLetterSpacing(
            QFont.SpacingType.AbsoluteSpacing, em * self.settings.letter_spacing / 100
        )
        font.setWordSpacing(em * self.settings.word_spacing / 100)
        return font

    def document_css(self, font_pixels: float) -> str:
        """Style for the page text; sizes in px so paragraph gaps track the font."""
        t = self.theme
        spacing = self.settings.line_spacing
        gap = font_pixels * spacing / 100 * PARAGRAPH_GAP_LINES
        return f"""
            body {{ color: {t.text}; }}
            p, li, dd, dt, td, th, blockquote {{ {line_height_css(font_pixels, spacing)} }}
            p {{ margin-top: 0px; margin-bottom: {gap:.0f}px; }}
            ul, ol, dl, table, blockquote {{ margin-bottom: {gap:.0f}px; }}
            li {{ margin-bottom: {font_pixels * 0.5:.0f}px; }}
            dt {{ font-weight: bold; color: {t.heading}; }}
            dd {{ margin-bottom: {font_pixels:.0f}px; }}
            h1 {{ font-size: {self.heading_points:.1f}pt; color: {t.heading};
                  margin-top: 0px; margin-bottom: {self.title_gap(font_pixels):.0f}px; }}
            h2, h3, h4, h5, h6 {{ font-size: {self.subheading_points:.1f}pt; color: {t.heading};
                  margin-top: {font_pixels:.0f}px; margin-bottom: {font_pixels * 0.75:.0f}px; }}
            a {{ color: {t.link}; text-decoration: underline; }}
            .caption {{ color: {t.muted}; font-style: italic; }}
            a.glossary {{ color: {t.link}; font-weight: bold; text-decoration: underline; }}
            table.note {{ border-color: {t.button_border}; background-color: {t.card_background};
                margin-bottom: {font_pixels:.0f}px; }}
            th, td {{ padding: {font_pixels * 0.3:.0f}px; border-color: {t.button_border}; }}
            th {{ color: {t.heading}; text-align: left; }}
            blockquote {{ margin-left: {font_pixels:.0f}px; font-weight: bold; }}
        """

    def app_css(self) -> str:
        t = self.theme
        pad = 8
        focus_pad = pad - (FOCUS_WIDTH_PX - BORDER_WIDTH_PX)
        return f"""
            QWidget {{ background-color: {t.background}; color: {t.text};
                       font-family: "{self.family}"; font-size: {self.ui_points:.1f}pt; }}
            QToolTip {{ background-color: {t.text}; color: {t.background};
                        border: 2px solid {t.button_border}; }}
            QPushButton, QToolButton {{
                background-color: {t.button_background}; color: {t.button_text};
                border: {BORDER_WIDTH_PX}px solid {t.button_border}; border-radius: 10px;
                padding: {pad}px {pad + 6}px; min-height: {MIN_TARGET_PX - 2 * pad}px;
                min-width: {MIN_TARGET_PX - 2 * pad}px; }}
            QPushButton:hover, QToolButton:hover {{ background-color: {t.button_hover}; }}
            /* One clear focus ring, the border: no outline, which Fusion fills as a
               pale box inside a button (a contents card) reached with Tab. */
            QPushButton:focus, QToolButton:focus {{ outline: none;
                border: {FOCUS_WIDTH_PX}px solid {t.focus};
                padding: {focus_pad}px {focus_pad + 6}px; }}
            /* Toolbar buttons are padded less at the sides: ten of them, with their
               words, fit a 1366-wide window, and Get help and Quick exit keep theirs
               at 300% on a 1024-wide one. */
            QToolButton[toolbar="true"] {{ padding: {pad}px {pad}px; }}
            QToolButton[toolbar="true"]:focus {{ padding: {focus_pad}px {focus_pad}px; }}
            QPushButton:disabled, QToolButton:disabled {{
                color: {t.muted}; border-style: dashed; }}
            QPushButton[card="true"] {{ background-color: {t.card_background};
                text-align: left; }}
            QPushButton[current="true"] {{ border-width: {FOCUS_WIDTH_PX}px;
                border-color: {t.heading}; }}
            QPushButton[card="true"] QLabel {{ background: transparent; border: none; }}
            QPushButton[card="true"]:focus {{ border: {FOCUS_WIDTH_PX + 2}px solid {t.focus}; }}
            QLabel[role="title"] {{ font-size: {self.ui_points * 2:.1f}pt; font-weight: bold;
                color: {t.heading}; }}
            QLabel[role="subtitle"] {{ font-size: {self.ui_points * 1.3:.1f}pt; color: {t.text}; }}
            QLabel[role="heading"] {{ font-size: {self.ui_points * 1.3:.1f}pt;
                font-weight: bold; color: {t.heading}; }}
            /* A card's title over words at the page's size (Find): never smaller than
               them, as a page's own headings are, so what is the title is clear. */
            QLabel[role="card-heading"] {{ font-size: {self.subheading_points:.1f}pt;
                font-weight: bold; color: {t.heading}; }}
            QLabel[role="note"] {{ color: {t.muted}; }}
            QLabel[role="reading"] {{ font-size: {self.body_points:.1f}pt; }}
            /* A glossary word over its meaning: a page heading's size, never smaller
               than the meaning's words. */
            QLabel[role="term"] {{ font-size: {self.heading_points:.1f}pt; font-weight: bold;
                color: {t.heading}; }}
            QFrame[role="popup"] {{ background-color: {t.card_background};
                border: {FOCUS_WIDTH_PX}px solid {t.button_border}; border-radius: 12px; }}
            QFrame[role="popup"] QLabel, QFrame[role="popup"] QScrollArea,
            QFrame[role="popup"] QScrollArea > QWidget {{
                background-color: {t.card_background}; }}
            QFrame[role="popup"] QScrollArea:focus {{ border: {FOCUS_WIDTH_PX}px solid {t.focus}; }}
            QLineEdit {{ background-color: {t.background}; color: {t.text};
                border: {BORDER_WIDTH_PX}px solid {t.button_border}; border-radius: 8px;
                padding: {pad}px; min-height: {MIN_TARGET_PX - 2 * pad}px;
                selection-background-color: {t.selection_background};
                selection-color: {t.selection_text}; }}
            QLineEdit:focus {{ border: {FOCUS_WIDTH_PX}px solid {t.focus};
                padding: {focus_pad}px; }}
            QLineEdit[role="reading"] {{ font-size: {self.body_points:.1f}pt; }}
            QTextEdit {{ border: {FOCUS_WIDTH_PX}px solid {t.background};
                selection-background-color: {t.selection_background};
                selection-color: {t.selection_text}; }}
            QTextEdit:focus {{ border: {FOCUS_WIDTH_PX}px solid {t.focus}; }}
            QProgressBar {{ border: {BORDER_WIDTH_PX}px solid {t.button_border};
                border-radius: 6px; background-color: {t.background}; max-height: 14px; }}
            QProgressBar::chunk {{ background-color: {t.progress}; border-radius: 4px; }}
            QRadioButton {{ min-height: {MIN_TARGET_PX}px; spacing: 12px; padding: 0px 8px;
                border: {FOCUS_WIDTH_PX}px solid transparent; border-radius: 8px; }}
            QRadioButton:focus {{ border: {FOCUS_WIDTH_PX}px solid {t.focus}; }}
            /* Drawn here, not by Fusion, whose unchosen circles and boxes are black on a
               black page and whose chosen dot is a dim blend: each edge and mark is a
               theme colour with 3:1 against the page (Theme.control_pairs). */
            QRadioButton::indicator {{ width: {RADIO_PX}px; height: {RADIO_PX}px;
                border: {INDICATOR_EDGE_PX}px solid {t.button_border};
                border-radius: {RADIO_PX // 2 + INDICATOR_EDGE_PX}px;
                background-color: {t.background}; }}
            QRadioButton::indicator:checked {{ border-color: {t.indicator};
                background-color: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5,
                    fx: 0.5, fy: 0.5, stop: 0 {t.indicator}, stop: 0.55 {t.indicator},
                    stop: 0.6 {t.background}, stop: 1 {t.background}); }}
            /* A check box is pressed on its box and words only, so the box itself is a
               full touch target. Ticked, it is filled inside a ring of the page's colour. */
            QCheckBox::indicator {{ width: {CHECK_PX}px; height: {CHECK_PX}px;
                border: {INDICATOR_EDGE_PX}px solid {t.button_border}; border-radius: 6px;
                padding: {INDICATOR_GAP_PX}px; background-color: {t.background}; }}
            QCheckBox::indicator:checked {{ border-color: {t.indicator};
                background-color: {t.indicator}; background-clip: content; }}
            QCheckBox {{ min-height: {MIN_TARGET_PX}px; spacing: 12px; padding: 0px 8px;
                border: {FOCUS_WIDTH_PX}px solid transparent; border-radius: 8px; }}
            QCheckBox:focus {{ border: {FOCUS_WIDTH_PX}px solid {t.focus}; }}
            QToolButton[quickExit="true"] {{ font-weight: bold; }}
            QFrame[panel="true"] {{ background-color: {t.card_background};
                border-left: {BORDER_WIDTH_PX}px solid {t.button_border}; }}
            QFrame[panel="true"] QLabel, QFrame[panel="true"] QScrollArea,
            QFrame[panel="true"] QScrollArea QWidget {{ background-color: {t.card_background}; }}
            QFrame[panel="true"] QScrollArea {{ border: {FOCUS_WIDTH_PX}px solid transparent; }}
            QFrame[panel="true"] QScrollArea:focus {{
                border: {FOCUS_WIDTH_PX}px solid {t.focus}; }}
            QFrame[panel="true"][below="true"] {{ border-left: none;
                border-top: {BORDER_WIDTH_PX}px solid {t.button_border}; }}
            QToolButton:checked {{ background-color: {t.button_hover};
                border-width: {FOCUS_WIDTH_PX}px; border-color: {t.heading};
                padding: {focus_pad}px {focus_pad + 6}px; }}
            QToolButton:checked:focus {{ border-color: {t.focus}; }}
            QLabel[role="alert"] {{ background-color: {t.selection_background};
                color: {t.selection_text}; font-weight: bold; padding: 6px 12px;
                border-radius: 8px; }}
            QScrollBar:vertical {{ width: {MIN_TARGET_PX}px; background: {t.background};
                border-left: {BORDER_WIDTH_PX}px solid {t.card_background}; }}
            QScrollBar::handle:vertical {{ background: {t.button_border};
                min-height: {MIN_TARGET_PX}px; margin: 6px; border-radius: 12px; }}
            QScrollBar::add-line, QScrollBar::sub-line {{ height: 0px; }}
            /* Drop-down lists (the voice; the save dialog's folder and kind of file):
               Fusion draws their edge from the palette, near-invisible on dark pages. */
            QComboBox {{ background-color: {t.background}; color: {t.text};
                border: {BORDER_WIDTH_PX}px solid {t.button_border}; border-radius: 8px;
                padding: 0px {pad}px; min-height: {MIN_TARGET_PX - 2 * BORDER_WIDTH_PX}px; }}
            QComboBox:focus {{ border: {FOCUS_WIDTH_PX}px solid {t.focus};
                padding: 0px {pad - FOCUS_WIDTH_PX + BORDER_WIDTH_PX}px; }}
            /* Its arrow is Reader's (choice_box.paint_arrow), as big as the small letters:
               this leaves it the room, and Qt draws none of its own. */
            QComboBox::drop-down {{ border: none;
                width: {self.ui_points * PT_TO_PX * ARROW_ROOM_EMS:.0f}px; }}
            QComboBox QAbstractItemView {{ background-color: {t.background}; color: {t.text};
                border: {BORDER_WIDTH_PX}px solid {t.button_border}; }}
            /* The save dialog's lists of folders and files: the theme's own selection. */
            QAbstractItemView {{ selection-background-color: {t.selection_background};
                selection-color: {t.selection_text}; }}
            QGroupBox {{ border: none; margin-top: 8px; font-weight: bold; color: {t.heading}; }}
        """
