"""The wheel carries the book and assets, and the one accessor finds them once installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_reader

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("reader-*.whl"))


def test_the_wheel_holds_the_assets_and_the_book(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "reader/assets/icons/next.svg" in names
    assert "reader/content/if-its-not-better/book.toml" in names
    assert "reader/content/if-its-not-better/images/cover.svg" in names
    # Both editions, and the list of them.
    assert "reader/content/if-its-not-better/editions.toml" in names
    assert "reader/content/if-its-not-better/older/book.toml" in names
    assert "reader/content/if-its-not-better/older/images/cover.svg" in names
    assert not any("fixtures" in name for name in names)
    assert not any(name.startswith(("assets/", "content/")) for name in names)


def test_an_installed_wheel_finds_its_own_book(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = (
        "from reader.resources import default_book_dir, icon_path; "
        "print(default_book_dir()); print(icon_path('next').is_file())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    book_dir, icon_found = result.stdout.split()
    assert Path(book_dir).is_relative_to(target)
    assert icon_found == "True"
    check = run_reader("check", book_dir, env=env, cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert "edition “older”: the book looks fine" in check.stdout
