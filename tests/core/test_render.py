from pathlib import Path

import pytest

from reader.core.render import MAX_PAGE_CHARS, render_markdown
from tests.conftest import PIXEL_PNG


@pytest.fixture
def root(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    (book / "images").mkdir(parents=True)
    (book / "images" / "dot.png").write_bytes(PIXEL_PNG)
    (tmp_path / "outside.png").write_bytes(PIXEL_PNG)
    return book


def render(text: str, root: Path):  # type: ignore[no-untyped-def]
    return render_markdown(text, root, "pages/test.md")


def test_markdown_features_become_html(root: Path) -> None:
    page = render("## Heading\n\nSome *soft* and **strong** words.\n\n- one\n- two\n", root)
    assert "<h2>Heading</h2>" in page.html
    assert "<em>soft</em>" in page.html and "<strong>strong</strong>" in page.html
    assert "<li>one</li>" in page.html
    assert page.problems == []


@pytest.mark.parametrize(
    ("raw", "gone"),
    [
        ("<script>alert('x')</script>", "alert"),
        ("<style>p { color: red }</style>", "color: red"),
        ('<iframe src="https://example.com">frame</iframe>', "iframe"),
        ('<p onclick="steal()">Click</p>', "steal"),
        ('<object data="x.swf"></object>', "object"),
        ('<span style="position: fixed">x</span>', "position"),
    ],
)
def test_raw_html_is_sanitised(root: Path, raw: str, gone: str) -> None:
    page = render(f"Words before.\n\n{raw}\n\nWords after.", root)
    assert gone not in page.html
    assert "Words before." in page.html and "Words after." in page.html


def test_web_links_are_kept_and_other_links_become_plain_words(root: Path) -> None:
    page = render(
        "[web](https://example.org) [js](javascript:alert(1)) [file](file:///etc/passwd) "
        '<a href="data:text/html,hi">data</a>',
        root,
    )
    assert 'href="https://example.org"' in page.html
    assert "javascript" not in page.html and "file:" not in page.html and "data:" not in page.html
    assert ">js<" in page.html  # the words stay, the link goes
    refused = [problem.message for problem in page.problems]
    assert len(refused) == 3
    assert all("plain words" in message for message in refused)


def test_a_book_picture_is_kept_with_its_caption(root: Path) -> None:
    page = render('![A blue dot.](images/dot.png "A dot")', root)
    assert 'src="bookimg:images/dot.png"' in page.html
    assert 'class="caption">A dot<' in page.html
    assert page.images == {"bookimg:images/dot.png": (root / "images" / "dot.png").resolve()}
    assert page.problems == []


@pytest.mark.parametrize(
    "src", ["../outside.png", "/etc/passwd.png", "https://example.com/tracker.png"]
)
def test_pictures_outside_the_book_are_refused(root: Path, src: str) -> None:
    page = render(f"![A picture.]({src})", root)
    assert "<img" not in page.html
    assert "(Picture: A picture.)" in page.html
    assert page.images == {}
    assert page.problems and page.problems[0].line == 1


def test_a_symlinked_picture_leading_out_is_refused(root: Path) -> None:
    (root / "images" / "sneaky.png").symlink_to(root.parent / "outside.png")
    page = render("![Sneaky.](images/sneaky.png)", root)
    assert page.images == {}
    assert "link" in page.problems[0].message


def test_raw_html_pictures_are_left_out(root: Path) -> None:
    page = render(
        'Text\n\n<img src="https://tracker.example/p.gif"><img src="images/dot.png">', root
    )
    assert "tracker" not in page.html
    assert "src=" not in page.html
    assert len(page.problems) == 2


def test_missing_alt_text_and_missing_picture_are_reported(root: Path) -> None:
    page = render("Intro\n\n![](images/dot.png)\n\n![Gone.](images/gone.png)", root)
    messages = [(problem.line, problem.message) for problem in page.problems]
    assert any(line == 3 and "alt text" in text for line, text in messages)
    assert any(line == 5 and "missing" in text for line, text in messages)


def test_a_file_that_is_not_a_picture_is_refused(root: Path) -> None:
    (root / "notes.txt").write_text("hello")
    page = render("![Notes.](notes.txt)", root)
    assert page.images == {}
    assert "not a picture" in page.problems[0].message


def test_a_huge_page_is_refused_rather_than_processed(root: Path) -> None:
    with pytest.raises(ValueError, match="too long"):
        render("word " * (MAX_PAGE_CHARS // 4), root)


def test_glossary_marks_become_links_to_their_meaning(root: Path) -> None:
    glossary = {"Inquiry": "A careful look.", "exploitation": "Using someone unfairly."}
    page = render_markdown(
        "An [[inquiry]] about [[exploited|Exploitation]].", root, "p.md", glossary
    )
    assert '<a class="glossary" href="glossary:inquiry">inquiry</a>' in page.html
    assert '<a class="glossary" href="glossary:exploitation">exploited</a>' in page.html
    assert page.glossary_terms == {"inquiry", "exploitation"}
    assert page.problems == []


def test_a_marked_word_missing_from_the_glossary_is_reported(root: Path) -> None:
    page = render_markdown("A [[mystery]] word.", root, "p.md", {"other": "x"})
    assert "href" not in page.html and "mystery" in page.html
    assert "“mystery” is marked as a glossary word but is not in the glossary" in str(
        page.problems[0]
    )
