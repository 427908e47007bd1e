from pathlib import Path

import pytest

from reader.core.safe_paths import UnsafePath, resolve_inside


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    (root / "images").mkdir(parents=True)
    (root / "images" / "a.png").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("secret")
    return root


def test_a_file_inside_the_book_is_found(book: Path) -> None:
    assert resolve_inside(book, "images/a.png") == (book / "images" / "a.png").resolve()


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "images/../../secret.txt",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "..\\secret.txt",
        "http://example.com/a.png",
        "file:///etc/passwd",
        "//server/share/a.png",
        "%2e%2e/secret.txt",
        "",
    ],
)
def test_paths_that_leave_the_book_are_refused(book: Path, path: str) -> None:
    with pytest.raises(UnsafePath):
        resolve_inside(book, path)


def test_a_symlink_that_leads_out_is_refused(book: Path, tmp_path: Path) -> None:
    (book / "images" / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(UnsafePath, match="link"):
        resolve_inside(book, "images/link.txt")


def test_a_symlink_that_stays_inside_is_allowed(book: Path) -> None:
    (book / "alias.png").symlink_to(book / "images" / "a.png")
    assert resolve_inside(book, "alias.png") == (book / "images" / "a.png").resolve()
