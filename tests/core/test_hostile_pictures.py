"""Pictures that are broken, truncated, bombs, or reach outside themselves.

``reader check`` must name each of them, and the page must show the words
instead of a picture, with the rest of the book still readable.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import run_check
from reader.core.images import MAX_PIXELS, MAX_SVG_ELEMENTS, picture_problem
from reader.core.loader import load_book
from tests.conftest import PIXEL_PNG, write_book


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = rows if rows is not None else b"\x00" * height * (1 + width * 4)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {}>{}</svg>'
)


def book_with_picture(root: Path, name: str, data: bytes) -> Path:
    write_book(root, {"one.md": f"![A dot.](images/{name})\n\nWords after.", "two.md": "Fine."})
    (root / "images").mkdir()
    (root / "images" / name).write_bytes(data)
    return root


def test_a_truncated_png_is_reported_and_shown_as_words(tmp_path: Path) -> None:
    whole = png(64, 64)
    root = book_with_picture(tmp_path / "b", "cut.png", whole[: len(whole) // 2])
    found = [str(problem) for problem in load_book(root).problems]
    assert any("“images/cut.png” is damaged" in problem for problem in found), found
    page = load_book(root).pages[0]
    assert "(Picture: A dot.)" in (page.html or "") and "Words after." in (page.html or "")


def test_a_png_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    # 50,000 × 50,000 pixels of nothing compress to a few MB, and are 10 GB once
    # decoded. Only the header is read, so the picture data can be left out here.
    bomb = png(50_000, 50_000, rows=b"")
    assert picture_problem(_write(tmp_path / "bomb.png", bomb)) == (
        f"is too big to show (50,000 × 50,000 pixels; at most {MAX_PIXELS // 1_000_000} million)"
    )


def test_reader_check_decodes_every_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_book(
        tmp_path / "b", {"one.md": "![Good.](images/good.png)\n\n![Bad.](images/bad.png)"}
    )
    (root / "images").mkdir()
    (root / "images" / "good.png").write_bytes(PIXEL_PNG)
    corrupted = bytearray(png(8, 8))
    corrupted[45] ^= 0xFF  # one byte of the picture data flipped
    (root / "images" / "bad.png").write_bytes(bytes(corrupted))
    assert run_check(root) == 1
    out = capsys.readouterr().out
    assert "“images/bad.png” is damaged" in out and "good.png" not in out


@pytest.mark.parametrize(
    ("attributes", "body"),
    [
        ("", '<image href="/etc/passwd" width="10" height="10"/>'),
        ("", '<image xlink:href="file:///etc/hostname" width="10" height="10"/>'),
        ("", '<image href="../outside.png" width="10" height="10"/>'),
        ("", '<rect width="5" height="5" fill="url(/etc/passwd#x)"/>'),
        ("", "<style>@import url(/etc/passwd);</style>"),
        ("", '<use href="other.svg#shape"/>'),
    ],
)
def test_an_svg_that_reaches_outside_itself_is_refused(
    tmp_path: Path, attributes: str, body: str
) -> None:
    path = _write(
        tmp_path / "out.svg", SVG.format(f'width="10" height="10" {attributes}', body).encode()
    )
    assert picture_problem(path) == "was left out: it uses a file or address outside the picture"


def test_an_svg_with_an_outside_style_sheet_is_refused(tmp_path: Path) -> None:
    text = '<?xml-stylesheet href="/etc/passwd"?>' + SVG.format('width="10" height="10"', "")
    path = _write(tmp_path / "sheet.svg", text.encode())
    assert picture_problem(path) == "was left out: it uses a file or address outside the picture"


def test_an_svg_that_refers_only_to_itself_is_fine(tmp_path: Path) -> None:
    body = '<defs><circle id="c" r="2"/></defs><use href="#c"/><rect fill="url(#c)"/>'
    assert (
        picture_problem(
            _write(tmp_path / "ok.svg", SVG.format('width="10" height="10"', body).encode())
        )
        is None
    )


def test_svg_entities_are_refused(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    assert "entities" in (picture_problem(_write(tmp_path / "e.svg", text.encode())) or "")


@settings(max_examples=40, deadline=None)
@given(long_side=st.integers(min_value=2_001, max_value=10_000_000))
def test_a_thin_svg_sliver_is_refused(
    tmp_path_factory: pytest.TempPathFactory, long_side: int
) -> None:
    # 110 bytes that would be drawn millions of pixels tall at the page's width.
    path = _write(
        tmp_path_factory.mktemp("svg") / "thin.svg",
        SVG.format(f'width="1" height="{long_side}"', "").encode(),
    )
    problem = picture_problem(path) or ""
    assert problem.startswith(("is too thin to show", "is too big to show")), problem


def test_an_svg_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    body = "<g/>" * (MAX_SVG_ELEMENTS + 1)
    path = _write(tmp_path / "many.svg", SVG.format('width="10" height="10"', body).encode())
    assert "too complicated" in (picture_problem(path) or "")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
