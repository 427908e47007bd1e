"""What a screen reader user meets: names, sizes, the Tab order and the page's words.

The walk itself (tools/atspi_walk.py) lists every problem; each test here looks at
one kind, so a failure says plainly what to fix, with the control's role, name and
size. The whole report is printed with its location (run with -s to see it).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from reader.core.loader import load_book
from reader.resources import default_book_dir
from tests.a11y.session import WalkResult

pytestmark = pytest.mark.a11y

SCREENS = ("edition", "cover", "reading", "contents", "find", "settings")
WORDS = re.compile(r"\w+")


def screen(walk: WalkResult, name: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in walk.report["screens"] if s["name"] == name]
    assert found, f"The walk never reached the {name} screen. Report: {walk.text_path}"
    return found[0]


def problems_of(walk: WalkResult, *checks: str) -> list[dict[str, str]]:
    """The walk's problems of these kinds; only once it is sure the walk went everywhere."""
    report = walk.report
    assert not report.get("error"), (
        f"The walk failed: {report.get('error')}\n{walk.stderr[-3000:]}\nReport: {walk.text_path}"
    )
    assert [s["name"] for s in report["screens"]] == list(SCREENS), (
        f"The walk did not visit every screen. Report: {walk.text_path}"
    )
    return [p for p in report["problems"] if p["check"] in checks]


def explain(walk: WalkResult, problems: list[dict[str, str]]) -> str:
    lines = [f"{len(problems)} problem(s) (full report: {walk.text_path}):"]
    lines += [f"  [{p['screen']}] {p['message']}" for p in problems]
    return "\n".join(lines)


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words += WORDS.findall(data)


def words_of_html(html: str) -> list[str]:
    parser = _Words()
    parser.feed(html)
    parser.close()
    return parser.words


def in_order(wanted: list[str], within: list[str]) -> bool:
    """True when every word of ``wanted`` appears in ``within``, in the same order."""
    rest = iter(within)
    return all(word in rest for word in wanted)


def test_the_walk_reaches_every_screen(a11y_walk: WalkResult) -> None:
    problems_of(a11y_walk)  # Checks the walk finished and went everywhere.
    cover_names = {c["name"] for c in screen(a11y_walk, "cover")["controls"]}
    assert {"Start reading", "Get help", "Quick exit"} <= cover_names
    edition_names = {c["name"] for c in screen(a11y_walk, "edition")["controls"]}
    wanted = {"Younger readers (about 9 to 12)", "Older readers (13 and over)", "Get help"}
    assert wanted <= edition_names
    for name in SCREENS:
        assert screen(a11y_walk, name)["tab_order"], f"Tab never moved the focus on {name}."
    assert a11y_walk.text_path.exists() and a11y_walk.json_path.exists()


def test_every_control_has_a_name(a11y_walk: WalkResult) -> None:
    found = problems_of(a11y_walk, "name")
    assert not found, explain(a11y_walk, found)


def test_every_control_is_at_least_44_px(a11y_walk: WalkResult) -> None:
    found = problems_of(a11y_walk, "size")
    assert not found, explain(a11y_walk, found)


def test_tab_reaches_every_control_and_each_stop_is_announced(a11y_walk: WalkResult) -> None:
    found = problems_of(a11y_walk, "tab", "focus-event")
    assert not found, explain(a11y_walk, found)


def test_the_page_can_be_read_whole_and_by_line_and_word(a11y_walk: WalkResult) -> None:
    found = problems_of(a11y_walk, "text")
    assert not found, explain(a11y_walk, found)
    page = screen(a11y_walk, "reading")["page_text"]
    assert page["found"] and page["role"] == "text"
    assert page["lines"] >= 2 and page["words"] >= 2
    # The words a screen reader gets are the first page's, all of them, in order.
    # (The walk starts Reader with no --book and a fresh home: the bundled book, page 1.)
    first = load_book(default_book_dir()).pages[0]
    assert first.html is not None
    wanted = WORDS.findall(first.title) + words_of_html(first.html)
    heard = WORDS.findall(page["text"])
    assert in_order(wanted, heard), (
        f"The page text over AT-SPI is not page 1 ({first.title!r}).\nHeard: {page['text'][:400]!r}"
    )


def test_find_s_box_and_cards_have_names_a_screen_reader_says(a11y_walk: WalkResult) -> None:
    # The walk typed "consent" into Find, as a person would, and waited for the cards.
    problems_of(a11y_walk)
    find = screen(a11y_walk, "find")
    by_name = {c["name"]: c for c in find["controls"]}
    assert "Words to find" in by_name
    names = [c["name"] for c in find["controls"]]
    assert any(name.startswith("What consent means: Saying yes by choice") for name in names)
    assert (
        "Page 7, What were the six reports about? One looked at what young people "
        "understand about consent." in names
    )
    assert any(name.startswith("Page 12, ") for name in names)
    assert any(name.startswith("Read aloud: Page 7, ") for name in names)
    stops = [stop["name"] for stop in find["tab_order"]]
    # From the box, Tab goes through the cards before it reaches Go back.
    box = stops.index("Words to find")
    assert stops[box + 1].startswith("What consent means"), stops
    assert stops.index("Go back") > max(i for i, s in enumerate(stops) if s.startswith("Page "))


def test_the_window_is_called_reader_on_every_screen(a11y_walk: WalkResult) -> None:
    problems_of(a11y_walk)
    # At start-up, and after Read aloud has relabelled its button on the page.
    assert a11y_walk.report["app"]["windows"] == ["frame Reader"]
    for name in SCREENS:
        assert screen(a11y_walk, name)["windows"] == ["frame Reader"], name


def test_the_page_s_headings_are_headings_with_their_level(a11y_walk: WalkResult) -> None:
    found = problems_of(a11y_walk, "headings")
    assert not found, explain(a11y_walk, found)
    keys = screen(a11y_walk, "reading")["page_keys"]
    first = load_book(default_book_dir()).pages[0]
    assert first.html is not None
    in_book = re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", first.html)
    wanted = [{"name": first.title, "level": "1"}]
    wanted += [{"name": " ".join(words_of_html(text)), "level": level} for level, text in in_book]
    heard = [
        {"name": " ".join(WORDS.findall(h["name"])), "level": h["level"]} for h in keys["headings"]
    ]
    expected = [{"name": " ".join(WORDS.findall(h["name"])), "level": h["level"]} for h in wanted]
    assert heard == expected, f"AT-SPI headings {keys['headings']} are not page 1's"


def test_in_the_page_text_right_moves_the_caret_and_h_reaches_a_heading(
    a11y_walk: WalkResult,
) -> None:
    found = problems_of(a11y_walk, "keys")
    assert not found, explain(a11y_walk, found)
    keys = screen(a11y_walk, "reading")["page_keys"]
    right = keys["right"]
    assert right["caret_after"] == right["caret_before"] + 1, right
    assert right["caret_events"], "a screen reader hears the caret move"
    assert right["page_after"] == right["page_before"] != "", "and the page stays"
    assert keys["h"] is not None and keys["h"]["level"] is not None, keys
    assert keys["back_in_text"]


def test_in_the_page_text_the_picture_is_said_and_page_down_moves_the_caret_then_turns(
    a11y_walk: WalkResult,
) -> None:
    # What the real Orca heard wrong: the picture as one blank character, Page Down
    # silent (the caret stayed), and "14 percent" from the progress bar at a page turn.
    found = problems_of(a11y_walk, "keys")
    assert not found, explain(a11y_walk, found)
    keys = screen(a11y_walk, "reading")["page_keys"]
    first = load_book(default_book_dir()).pages[0]
    assert first.picture is not None
    assert keys["picture_said"] == f"Picture: {first.picture.alt}"
    down = keys["page_down"]
    assert down["caret_after"] > down["caret_before"], down
    assert down["caret_events"] and down["line"], "the caret moved to a line Orca reads"
    assert down["page_after"] == down["page_before"], "the first Page Down stays on the page"
    total = len(load_book(default_book_dir()).pages)
    assert down["turned_to"] == f"Page 2 of {total}", "from the last line it turns the page"
    called_out = [c for c in down["value_changes"] if c.startswith("progress bar")]
    assert called_out == [], "and nothing but the page is called out"
