"""Markdown to safe HTML for one page.

Python-Markdown turns the page into HTML; nh3 (the ammonia sanitiser)
then keeps only the tags and addresses the reader can show safely. Images
are checked against the book folder here, so the view never opens a file
the book did not earn.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from reader.core.book import GLOSSARY_SCHEME, IMAGE_SCHEME, Problem
from reader.core.images import IMAGE_SUFFIXES, picture_problem
from reader.core.safe_paths import UnsafePath, resolve_inside

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

GLOSSARY_MARK = r"\[\[([^\]|\n]+)(?:\|([^\]\n]+))?\]\]"
# Limits that keep a hostile or broken page from taking forever: Markdown's
# link and nesting parsing slow down sharply on deep or bracket-heavy input.
# A real page is a few hundred words, far inside every one of these.
MAX_PAGE_CHARS = 20_000
MAX_NESTING = 32
MAX_BRACKETS = 1_000
MAX_TAGS = 2_000
# Markdown's table parser is slow on thousands of cells; a real table has tens.
MAX_PIPES = 2_000
# Qt lays out a table inside a table by measuring the inner one again for
# each pass over the outer one, so layout time doubles with every level:
# 18 levels froze the window for 9 s. Deeper tables are flattened into
# plain blocks, which lay out in a single pass.
MAX_TABLE_NESTING = 3
_TABLE_TAG = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|td|th)\b[^>]*>", re.IGNORECASE)
# What a flattened table's closing tags become: rows end lines, cells are spaced.
_FLAT_CLOSE = {"tr": "<br>", "td": " ", "th": " "}
# More cells than this in one page and its tables are flattened too: Qt
# measures every cell of a table again as its columns settle.
MAX_TABLE_CELLS = 400
# How deep the cleaned HTML may nest (Markdown's own nesting is 32, plus room
# for the lists and quotes it builds): each level costs Qt a layout pass.
MAX_HTML_DEPTH = 48
# One unbroken run of letters is laid out by trying every place to break it.
MAX_WORD_CHARS = 200
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID_TAGS = frozenset({"br", "hr", "img"})
_LONG_WORD = re.compile(rf"[^\s<>]{{{MAX_WORD_CHARS + 1},}}")
_LEADING = re.compile(r"^([ \t>]*)", re.MULTILINE)

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
        "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_CLASSES = {"p": {"figure"}, "span": {"caption"}, "a": {"glossary"}}
LINK_SCHEMES = frozenset({"http", "https"})
# Let these reach the attribute filter so a refused link is reported to the
# book's author rather than vanishing; the filter itself keeps only
# LINK_SCHEMES, and nh3 still drops any scheme not listed here.
_REPORTED_SCHEMES = frozenset({"javascript", "vbscript", "file", "data", "ftp", "mailto", "tel"})


@dataclass
class RenderedPage:
    html: str
    images: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    glossary_terms: frozenset[str] = frozenset()
    # The words that describe each picture in ``images``, by the same key.
    image_alts: dict[str, str] = field(default_factory=dict)


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 and needle else None


class _ImageChecker(Treeprocessor):
    """Checks each Markdown image and points it at a book-local resource key."""

    def __init__(self, md: markdown.Markdown, extension: _ReaderExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        page = self.extension.page
        if page is None:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            page.check_image(img, parents.get(img))


class _GlossaryMark(InlineProcessor):
    """``[[word]]`` or ``[[shown words|glossary word]]`` marks a glossary word."""

    def __init__(self, extension: _ReaderExtension) -> None:
        super().__init__(GLOSSARY_MARK)
        self.extension = extension

    # The stubs give InlineProcessor the older Pattern signature; this is Markdown's real one.
    def handleMatch(  # type: ignore[override]  # noqa: N802 (Markdown's API)
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element, int, int]:
        shown = m.group(1).strip()
        term = (m.group(2) or shown).strip()
        link = ET.Element("a", {"href": f"{GLOSSARY_SCHEME}:{quote(term.casefold())}"})
        link.set("class", "glossary")
        link.text = shown
        if self.extension.page is not None:
            self.extension.page.marked.add(term.casefold())
        return link, m.start(0), m.end(0)


class _ReaderExtension(Extension):
    """Reader's additions to Markdown: picture checks and glossary marks."""

    def __init__(self) -> None:
        super().__init__()
        self.page: _PageContext | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Before links (160), so "[[word]]" is not read as a reference link.
        md.inlinePatterns.register(_GlossaryMark(self), "reader-glossary", 175)
        # After inline patterns (priority 20) so image elements exist.
        md.treeprocessors.register(_ImageChecker(md, self), "reader-images", 15)


class _PageContext:
    def __init__(self, root: Path, source: str, text: str, glossary: Mapping[str, str]) -> None:
        self.root = root
        self.source = source
        self.text = text
        self.glossary = glossary
        self.images: dict[str, Path] = {}
        self.image_alts: dict[str, str] = {}
        self.marked: set[str] = set()
        self.problems: list[Problem] = []

    def problem(self, message: str, needle: str = "") -> None:
        self.problems.append(Problem(self.source, message, _line_of(self.text, needle)))

    def check_image(self, img: ET.Element, parent: ET.Element | None) -> None:
        src = img.get("src", "")
        alt = (img.get("alt") or "").strip()
        if not alt:
            self.problem(f"the picture “{src}” has no alt text (words that say what it shows)", src)
        try:
            path = resolve_inside(self.root, src)
        except UnsafePath as error:
            self.problem(f"the picture was left out: {error}", src)
            _replace_with_words(img, alt)
            return
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            self.problem(f"the picture “{src}” is not a picture file the reader can show", src)
            _replace_with_words(img, alt)
            return
        if not path.exists():
            self.problem(f"the picture “{src}” is missing from the book folder", src)
            _replace_with_words(img, alt)
            return
        damage = picture_problem(path)
        if damage:
            self.problem(f"the picture “{src}” {damage}", src)
            _replace_with_words(img, alt)
            return
        key = f"{IMAGE_SCHEME}:{path.relative_to(self.root.resolve()).as_posix()}"
        self.images[key] = path
        self.image_alts.setdefault(key, alt)
        img.set("src", key)
        caption = img.get("title")
        if parent is not None and parent.tag == "p" and len(parent) == 1 and caption:
            # A picture alone in its paragraph with a title becomes a figure
            # with the title shown underneath as its caption.
            parent.set("class", "figure")
            ET.SubElement(parent, "br")
            span = ET.SubElement(parent, "span", {"class": "caption"})
            span.text = caption

    def filter_attribute(self, tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            # Only pictures the image checker vetted keep a source.
            if value in self.images:
                return value
            if value:
                self.problem(
                    f"the picture “{value}” in raw HTML was left out: "
                    "use Markdown’s ![words](images/file.png) for pictures",
                    value,
                )
            return None
        if tag == "a" and attribute == "href" and value.startswith(f"{GLOSSARY_SCHEME}:"):
            term = unquote(value.partition(":")[2])
            if term in self.glossary:
                return value
            self.problem(f"“{term}” is marked as a glossary word but is not in the glossary", term)
            return None
        if tag == "a" and attribute == "href":
            scheme = urlsplit(value).scheme.lower()
            if scheme not in LINK_SCHEMES:
                self.problem(
                    f"the link “{value}” was turned into plain words: "
                    "only web addresses starting with http:// or https:// can be links",
                    value,
                )
                return None
        return value


def _replace_with_words(img: ET.Element, alt: str) -> None:
    """Show a picture that cannot be shown as its description instead."""
    img.attrib.clear()
    img.tag = "em"
    img.text = f"(Picture: {alt})" if alt else "(A picture that could not be shown)"


class PageRenderer:
    """Renders the pages of one book, reusing one Markdown parser between pages."""

    def __init__(self, root: Path, glossary: Mapping[str, str] | None = None) -> None:
        self.root = root
        # Glossary words are matched without regard to case.
        self.glossary = {word.casefold(): meaning for word, meaning in (glossary or {}).items()}
        self._extension = _ReaderExtension()
        # Extension objects, not names: names are looked up through every
        # installed package's entry points, which costs start-up time.
        self._md = markdown.Markdown(
            extensions=[
                TableExtension(),
                DefListExtension(),
                AbbrExtension(),
                SaneListExtension(),
                self._extension,
            ],
            output_format="html",
        )

    def render(self, text: str, source: str) -> RenderedPage:
        """Render one page's Markdown to sanitised HTML, listing what was wrong."""
        check_limits(text)
        page = _PageContext(self.root, source, text, self.glossary)
        self._extension.page = page
        self._md.reset()
        try:
            return _sanitise(self._md.convert(text), page)
        finally:
            self._extension.page = None


def check_limits(text: str) -> None:
    """Refuse, in plain words, a page too big or too deeply nested to render quickly."""
    if len(text) > MAX_PAGE_CHARS:
        raise ValueError(
            f"the page is too long ({len(text):,} characters; at most {MAX_PAGE_CHARS:,})"
        )
    deepest = 0
    for prefix in _LEADING.findall(text):
        quotes = prefix.count(">")
        indent = len(prefix.replace("\t", "    ").replace(">", "")) // 4
        deepest = max(deepest, quotes + indent)
    if deepest > MAX_NESTING:
        raise ValueError(f"it is nested too deeply (more than {MAX_NESTING} levels)")
    if text.count("[") > MAX_BRACKETS:
        raise ValueError(f"it has too many [ brackets (more than {MAX_BRACKETS:,})")
    if text.count("|") > MAX_PIPES:
        raise ValueError(f"it has too many | table lines (more than {MAX_PIPES:,})")
    if text.count("<") > MAX_TAGS:
        raise ValueError(f"it has too many < signs or HTML tags (more than {MAX_TAGS:,})")


def render_markdown(
    text: str, root: Path, source: str, glossary: Mapping[str, str] | None = None
) -> RenderedPage:
    return PageRenderer(root, glossary).render(text, source)


def _sanitise(raw_html: str, page: _PageContext) -> RenderedPage:
    clean = nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(LINK_SCHEMES | _REPORTED_SCHEMES | {IMAGE_SCHEME, GLOSSARY_SCHEME}),
        attribute_filter=page.filter_attribute,
        link_rel=None,
        strip_comments=True,
    )
    flat, flattened = flatten_deep_tables(clean)
    check_layout_limits(flat)
    if flattened:
        page.problem(
            f"its tables go more than {MAX_TABLE_NESTING} deep or have more than "
            f"{MAX_TABLE_CELLS:,} cells, so they are shown as plain text",
            "<table",
        )
    return RenderedPage(flat, page.images, page.problems, frozenset(page.marked), page.image_alts)


def check_layout_limits(clean_html: str) -> None:
    """Refuse, in plain words, cleaned HTML that would take Qt too long to lay out."""
    depth = deepest = 0
    for match in _ANY_TAG.finditer(clean_html):
        if match.group(2).lower() in _VOID_TAGS or match.group(3):
            continue
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    if deepest > MAX_HTML_DEPTH:
        raise ValueError(f"it is nested too deeply (more than {MAX_HTML_DEPTH} levels)")
    words = html.unescape(_ANY_TAG.sub(" ", clean_html))
    if _LONG_WORD.search(words):
        raise ValueError(
            f"it has a word more than {MAX_WORD_CHARS} letters long; add spaces to break it up"
        )


def flatten_deep_tables(clean_html: str) -> tuple[str, bool]:
    """Tables nested deeper than MAX_TABLE_NESTING, or in a page of more than
    MAX_TABLE_CELLS cells, become plain blocks; True if any did.

    Works on nh3's output, which is well formed, so tags pair up.
    """
    cells = sum(1 for match in _TABLE_TAG.finditer(clean_html)
                if not match.group(1) and match.group(2).lower() in {"td", "th"})  # fmt: skip
    everything = cells > MAX_TABLE_CELLS
    depth = 0
    flattened = False

    def rewrite(match: re.Match[str]) -> str:
        nonlocal depth, flattened
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "table" and not closing:
            depth += 1
        deep = everything or depth > MAX_TABLE_NESTING
        if tag == "table" and closing:
            depth -= 1
        if not deep:
            return match.group(0)
        flattened = True
        # No tags at all, so a flattened table adds no nesting of its own.
        return _FLAT_CLOSE.get(tag, "") if closing else ""

    return _TABLE_TAG.sub(rewrite, clean_html), flattened
