"""The read-aloud player with the real engine in its worker and the silent stand-in output."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from reader.core.narration import plan
from reader.core.sentences import Block
from reader.playback.output import SilentOutput
from reader.playback.player import Player as ReadAloud
from reader.speech.worker import SpeechWorker

pytestmark = pytest.mark.espeak

PAGE = [
    (Block("heading", "Where can I get help?"), 0),
    (Block("paragraph", "You can talk to an adult you trust. Help is there."), 22),
]
WAIT_MS = 30_000


class CountedOutput(SilentOutput):
    """The stand-in output, counting the streams it is asked to start."""

    def __init__(self) -> None:
        super().__init__()
        self.starts = 0

    def start(self, sample_rate: int) -> None:
        self.starts += 1
        super().start(sample_rate)


@pytest.fixture
def player(qtbot: Any) -> Iterator[ReadAloud]:
    outputs: list[CountedOutput] = []

    def output() -> CountedOutput:
        outputs.append(CountedOutput())
        return outputs[-1]

    read_aloud = ReadAloud(output_factory=output)
    read_aloud.outputs = outputs  # type: ignore[attr-defined]
    yield read_aloud
    read_aloud.shutdown()


def heard_sentences(player: ReadAloud, qtbot: Any) -> list[int]:
    heard: list[int] = []
    player.highlighted.connect(lambda s, _w: heard.append(s) if s >= 0 and s not in heard else None)
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        player.play()
    return heard


def test_every_sentence_is_heard_in_order_and_then_it_stops(player: ReadAloud, qtbot: Any) -> None:
    player.load(plan(PAGE))
    states: list[str] = []
    player.stateChanged.connect(states.append)
    assert heard_sentences(player, qtbot) == [0, 1, 2]
    assert states == ["playing", "stopped"]


def test_words_are_followed_in_order(player: ReadAloud, qtbot: Any) -> None:
    player.load(plan(PAGE[:1]))
    words: list[int] = []
    player.highlighted.connect(lambda s, w: words.append(w) if s == 0 else None)
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        player.play()
    distinct = [w for i, w in enumerate(words) if i == 0 or words[i - 1] != w]
    assert distinct == sorted(distinct) and distinct[-1] == 4, "five words, one after another"


def test_pause_holds_the_clock_and_resume_goes_on(player: ReadAloud, qtbot: Any) -> None:
    player.load(plan(PAGE))
    with qtbot.waitSignal(player.highlighted, timeout=WAIT_MS, check_params_cb=lambda s, w: w >= 1):
        player.play()
    player.pause()
    assert player.state == "paused"
    output = player.outputs[-1]  # type: ignore[attr-defined]
    held = output.played_us()
    qtbot.wait(300)  # nothing to wait for: a paused clock simply must not move
    assert output.played_us() == held
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        player.resume()
    assert player.state == "stopped"


def test_stop_during_synthesis_leaves_nothing_playing(player: ReadAloud, qtbot: Any) -> None:
    player.load(plan(PAGE))
    player.play()
    player.stop()
    assert player.state == "stopped"
    seen: list[tuple[int, int]] = []
    player.highlighted.connect(lambda s, w: seen.append((s, w)))
    qtbot.wait(800)  # nothing to wait for: the sentence being made must never be heard
    assert seen == []
    for output in player.outputs:  # type: ignore[attr-defined]
        assert output.played_us() == 0


def test_a_new_speed_starts_from_the_sentence_being_heard(player: ReadAloud, qtbot: Any) -> None:
    player.load(plan(PAGE))
    with qtbot.waitSignal(player.highlighted, timeout=WAIT_MS, check_params_cb=lambda s, w: s == 1):
        player.play()
    heard: list[int] = []
    player.highlighted.connect(lambda s, _w: heard.append(s) if s >= 0 else None)
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        player.set_rate(180)
    assert heard[0] == 1 and 2 in heard, "it carries on from sentence 2, not from the top"


def test_reading_on_plays_the_next_pages_in_the_same_stream(player: ReadAloud, qtbot: Any) -> None:
    # Each next page is queued when the end of the one before is in sight, as the
    # session does; a one-sentence page is in sight of its end as soon as it begins.
    following = [
        plan([(Block("paragraph", "A page of one sentence."), 0)]),
        plan([(Block("paragraph", "Now the last page. It ends here."), 0)]),
    ]
    player.endInSight.connect(lambda: player.read_on(following.pop(0)) if following else None)
    player.load(plan(PAGE))
    heard: list[tuple[int, int]] = []  # (pages turned so far, sentence)
    turns: list[int] = []
    player.pageTurned.connect(lambda: turns.append(len(heard)))

    def highlighted(sentence: int, _word: int) -> None:
        if sentence >= 0 and (len(turns), sentence) not in heard:
            heard.append((len(turns), sentence))

    player.highlighted.connect(highlighted)
    with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
        player.play()
    assert heard == [(0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (2, 1)], "each page from its start"
    assert turns == [3, 4], "each page turned once, as its first sentence began"
    starts = [o.starts for o in player.outputs]  # type: ignore[attr-defined]
    assert starts == [1], "one stream, never restarted at a page turn"


def test_no_engine_is_a_plain_message_not_a_crash(qtbot: Any) -> None:
    # The computer's voice alone, and it missing: no voice at all.
    player = ReadAloud(
        worker_factory=lambda: SpeechWorker(driver_name="no-such-driver", engines=("computer",))
    )
    try:
        player.load(plan(PAGE))
        with qtbot.waitSignal(player.unavailable, timeout=WAIT_MS) as blocker:
            player.play()
        assert "Read aloud" in blocker.args[0]
        assert player.state == "unavailable"
    finally:
        player.shutdown()


def test_the_stand_in_output_plays_what_it_is_given_and_holds_when_suspended(
    qapp: Any, qtbot: Any
) -> None:
    # How close its clock keeps to real time is a figure in ``make bench``.
    output = SilentOutput()
    output.start(22050)
    second = bytes(2 * 22050)
    taken = output.write(second)
    assert taken < len(second), "it buffers only half a second ahead"
    qtbot.waitUntil(lambda: output.played_us() > 0)
    output.suspend()
    held = output.played_us()
    qtbot.wait(100)  # nothing to wait for: a suspended clock simply must not move
    assert output.played_us() == held
    output.resume()
    # It plays to the end of what it was given, and waits there.
    qtbot.waitUntil(lambda: output.played_us() == taken // 2 * 1_000_000 // 22050, timeout=5000)


def test_play_in_the_window_reads_the_page_and_follows_it(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    play = window.toolbar_buttons["play"]
    assert play.text() == "Read aloud" and not window.toolbar_buttons["stop"].isEnabled()
    view = window.reading.view
    with qtbot.waitSignal(
        window.read_aloud.player.highlighted, timeout=WAIT_MS, check_params_cb=lambda s, w: s >= 2
    ):
        qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert play.text() == "Pause" and play.accessibleName() == "Pause"
    assert window.toolbar_buttons["stop"].isEnabled()
    highlighted = view.extraSelections()
    assert highlighted, "the sentence being heard is highlighted"
    shown = highlighted[0].cursor.selectedText()
    assert shown and shown in view.plain_text().replace("\n", " ")
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert play.text() == "Carry on" and window.read_aloud.state == "paused"
    qtbot.mouseClick(window.toolbar_buttons["stop"], Qt.MouseButton.LeftButton)
    assert play.text() == "Read aloud" and view.extraSelections() == []


def test_quick_exit_stops_reading_aloud(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
        window.toggle_reading()
    qtbot.mouseClick(window.toolbar_buttons["quick-exit"], Qt.MouseButton.LeftButton)
    assert window.read_aloud.state == "stopped"
    assert window.isMinimized()


def test_reading_carries_on_to_the_next_page(make_window: Any, qtbot: Any, tmp_path: Any) -> None:
    from reader.core.loader import load_book
    from tests.conftest import write_book

    book = load_book(write_book(tmp_path / "b", {"a.md": "One.", "b.md": "Two."}))
    window = make_window(book)
    window.show_page(0)
    with qtbot.waitSignal(window.read_aloud.finished, timeout=WAIT_MS):
        window.toggle_reading()
        qtbot.waitUntil(lambda: window.reading.position.text() == "Page 2 of 2", timeout=WAIT_MS)
        assert window.read_aloud.state == "playing", "the next page is being read"
    assert window.read_aloud.state == "stopped"
    assert window.last_announcement == "Finished reading aloud"


class DeafOutput(SilentOutput):
    """A sound device that takes audio and never plays it."""

    def played_us(self) -> int:
        return 0


def test_a_device_that_stops_playing_stops_reading_and_says_so(qtbot: Any) -> None:
    player = ReadAloud(output_factory=DeafOutput)
    try:
        player.load(plan(PAGE[:1]))
        with qtbot.waitSignal(player.soundLost, timeout=WAIT_MS) as lost:
            player.play()
        assert "can't play sound" in lost.args[0]
        assert player.state == "stopped", "it does not read on in silence"
    finally:
        player.shutdown()


def test_the_title_is_read_before_the_picture_is_described(sample_book: Any, qapp: Any) -> None:
    from PySide6.QtGui import QTextDocument

    from reader.core.page_content import page_content, page_html
    from reader.gui.page_view import document_blocks

    content = page_content(sample_book.pages[0])
    document = QTextDocument()
    document.setHtml(page_html(content))
    blocks = document_blocks(document, content)
    assert blocks[0][0].kind == "heading" and blocks[0][0].text == content.title
    assert blocks[1][0].kind == "picture" and blocks[1][0].text == content.picture_alt


def test_ctrl_space_reads_aloud_and_pauses_and_the_tooltip_says_so(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from tests.conftest import press_key

    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    play = window.toolbar_buttons["play"]
    assert "(Ctrl+Space)" in play.toolTip()
    with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
        press_key(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert play.text() == "Pause"
    press_key(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert play.text() == "Carry on"
    press_key(qtbot, window, Qt.Key.Key_MediaStop)
    assert play.text() == "Read aloud"


def test_the_media_play_pause_key_reads_aloud(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from tests.conftest import press_key

    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
        press_key(qtbot, window, Qt.Key.Key_MediaTogglePlayPause)
    assert window.toolbar_buttons["play"].text() == "Pause"


def test_the_keys_page_lists_the_read_aloud_keys(window: Any, qtbot: Any) -> None:
    window.show_keys()
    text = window.keys.view.plain_text()
    assert "Ctrl+Space or F5, or the media key" in text
    assert "Read aloud:" in text


def spoken_text(window: Any, qtbot: Any) -> str:
    words: list[str] = []
    player = window.read_aloud.player
    with qtbot.waitSignal(player.highlighted, timeout=WAIT_MS):
        window.toggle_reading()
    words.extend(item.text for item in player.spoken)
    window.stop_reading()
    return " ".join(words)


def test_on_the_cover_read_aloud_reads_the_cover(window: Any, qtbot: Any, sample_book: Any) -> None:
    window.show_cover()
    play = window.toolbar_buttons["play"]
    assert play.isEnabled() and play.text() == "Read aloud"
    said = spoken_text(window, qtbot)
    assert sample_book.title.rstrip(".") in said and "Start reading" in said
    assert window.current_screen() is window.cover, "reading the cover does not open the book"


def test_on_the_contents_read_aloud_reads_the_page_titles(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    window.show_contents()
    said = spoken_text(window, qtbot)
    for page in sample_book.pages:
        assert page.title.rstrip("?.!") in said


def test_a_click_in_the_text_does_not_follow_the_reader_to_the_cover(
    window: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    view = window.reading.view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center()
    )
    assert window.toolbar_buttons["play"].text() == "From here"
    assert window.toolbar_buttons["play"].accessibleName() == "Read aloud from here"
    window.show_cover()
    assert window.toolbar_buttons["play"].text() == "Read aloud"


def test_listen_says_where_it_starts_and_offers_the_start(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    window.show_page(2)
    window.show_cover()
    cover = window.cover
    assert cover.listen.text() == "Listen from page 3"
    assert cover.listen_start.isVisible() and cover.listen_start.text() == "Listen from the start"
    with qtbot.waitSignal(window.read_aloud.player.highlighted, timeout=WAIT_MS):
        qtbot.mouseClick(cover.listen_start, Qt.MouseButton.LeftButton)
    assert window.reading.position.text().startswith("Page 1 of")
    window.stop_reading()
    window.show_cover()
    assert cover.listen.text() == "Listen from the start"


def test_a_voice_that_is_not_on_this_computer_reads_in_the_usual_voice(qtbot: Any) -> None:
    player = ReadAloud(output_factory=SilentOutput)
    try:
        player.voice = "xx/a-voice-from-another-computer"
        player.load(plan(PAGE[:1]))
        heard: list[int] = []
        player.highlighted.connect(lambda _s, w: heard.append(w))
        with qtbot.waitSignal(player.finished, timeout=WAIT_MS):
            player.play()
        assert player.voice is None
        assert max(heard) == 4, "every word was read, none skipped as unsayable"
    finally:
        player.shutdown()


def test_a_picture_in_the_page_is_described_in_its_own_words(qapp: Any, tmp_path: Any) -> None:
    from PySide6.QtGui import QTextDocument

    from reader.core.loader import load_book
    from reader.core.page_content import page_content, page_html
    from reader.gui.page_view import document_blocks
    from tests.conftest import PIXEL_PNG, write_book

    alt = 'A "big" dog & a cat.'
    root = write_book(tmp_path / "b", {"p.md": f"Before.\n\n![{alt}](images/dog.png)\n\nAfter."})
    (root / "images").mkdir()
    (root / "images" / "dog.png").write_bytes(PIXEL_PNG)
    content = page_content(load_book(root).pages[0])
    document = QTextDocument()
    document.setHtml(page_html(content))
    said = [(block.kind, block.text) for block, _start in document_blocks(document, content)]
    assert said == [
        ("heading", "Title 1"),
        ("paragraph", "Before."),
        ("picture", alt),
        ("paragraph", "After."),
    ]


@pytest.mark.parametrize("edition", ["younger", "older"])
def test_the_next_page_is_read_as_it_will_be_shown(
    make_window: Any, qtbot: Any, edition: str
) -> None:
    # The next page's words are queued before it is shown; shown, they must be the same
    # words in the same places, or the voice and the highlight would part at the turn.
    from reader.core.editions import load_editions
    from reader.core.page_content import page_content
    from reader.gui.page_view import content_blocks
    from reader.resources import default_book_dir

    book = load_editions(default_book_dir()).book(edition)
    window = make_window(book)
    for index, page in enumerate(book.pages):
        window.show_page(index)
        shown = window.reading.view.speech_blocks()
        assert content_blocks(page_content(page)) == shown, f"page {index + 1}"
        assert shown, f"page {index + 1} has words to read"


def test_the_page_turns_as_its_first_words_are_heard(
    make_window: Any, qtbot: Any, tmp_path: Any
) -> None:
    from reader.core.loader import load_book
    from tests.conftest import write_book

    pages = {"a.md": "The first page. It ends now.", "b.md": "Second page here. The end."}
    window = make_window(load_book(write_book(tmp_path / "b", pages)))
    window.show_page(0)
    seen: list[tuple[int, int, str]] = []  # (page shown, sentence heard, words highlighted)

    def heard(sentence: int, _word: int) -> None:
        marks = window.reading.view.extraSelections()
        words = marks[0].cursor.selectedText() if marks else ""
        if sentence >= 0:
            seen.append((window.index, sentence, words))

    window.read_aloud.player.highlighted.connect(heard)
    with qtbot.waitSignal(window.read_aloud.finished, timeout=WAIT_MS):
        window.toggle_reading()
    pages_by_sentence = [(page, sentence) for page, sentence, _ in seen]
    assert (0, 1) in pages_by_sentence and (1, 0) in pages_by_sentence
    turn = pages_by_sentence.index((1, 0))
    last_on_one = max(sentence for page, sentence in pages_by_sentence if page == 0)
    assert pages_by_sentence[turn - 1] == (0, last_on_one), "page 1 stays to its last sentence"
    assert seen[turn - 1][2] == "It ends now."
    first_on_two = window.read_aloud.spoken[0].sentence.text
    assert seen[turn][2] == first_on_two, "page 2 shows as its first sentence is heard"
