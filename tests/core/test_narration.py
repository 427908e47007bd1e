from reader.core.narration import Timeline, plan
from reader.core.sentences import Block


def test_a_page_becomes_sentences_with_screen_positions() -> None:
    blocks = [
        (Block("picture", "A sun."), None),
        (Block("heading", "Where can I get help?"), 0),
        (Block("paragraph", "Call 0800 1111. It is free."), 22),
    ]
    spoken = plan(blocks)
    assert [item.sentence.text for item in spoken] == [
        "A sun.",
        "Where can I get help?",
        "Call 0800 1111.",
        "It is free.",
    ]
    assert spoken[0].screen_range() is None, "alt text is said but not shown"
    assert spoken[1].screen_range() == (0, 21)
    assert spoken[3].screen_range() == (22 + 16, 22 + 27)
    assert "oh eight oh oh" in spoken[2].text, "numbers are respelled for speech"
    assert spoken[2].word_range(1) == (27, 31)


def test_the_timeline_finds_the_word_being_heard() -> None:
    timeline = Timeline()
    timeline.append(0, 1_000_000, [0, 300, 600])
    timeline.append(1, 500_000, [0, 250])
    assert timeline.locate(0) == (0, 0)
    assert timeline.locate(450_000) == (0, 1)
    assert timeline.locate(999_999) == (0, 2)
    assert timeline.locate(1_000_000) == (1, 0)
    assert timeline.locate(1_300_000) == (1, 1)
    assert timeline.locate(1_500_000) is None
    timeline.clear()
    assert timeline.locate(0) is None and timeline.end_us == 0
