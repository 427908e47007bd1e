"""packaging/linux/install.sh: installs a one-folder build with its menu entry, metainfo and
icons, for one user or staged for a distribution package, and removes exactly that again."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from reader import APP_ID
from tests.packaging.tools import PACKAGING, need

INSTALL = PACKAGING / "linux" / "install.sh"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A stand-in for dist/reader: an executable `reader` and a library folder."""
    folder = tmp_path / "dist" / "reader"
    (folder / "_internal").mkdir(parents=True)
    program = folder / "reader"
    program.write_text('#!/bin/sh\necho "reader $*"\n')
    program.chmod(0o755)
    (folder / "_internal" / "libpython3.12.so.1.0").write_bytes(b"\x7fELF")
    return folder


def run(*args: str, home: Path, destdir: str = "") -> subprocess.CompletedProcess[str]:
    need("bash")
    env = {**os.environ, "HOME": str(home), "DESTDIR": destdir}
    return subprocess.run(
        ["bash", str(INSTALL), *args], env=env, capture_output=True, text=True, check=False
    )


def installed(prefix: Path) -> set[str]:
    return {
        path.relative_to(prefix).as_posix()
        for path in prefix.rglob("*")
        if (path.is_file() or path.is_symlink()) and path.name != "mimeinfo.cache"
    }


EXPECTED = {
    "bin/reader",
    "lib/reader/reader",
    "lib/reader/_internal/libpython3.12.so.1.0",
    f"share/applications/{APP_ID}.desktop",
    f"share/metainfo/{APP_ID}.metainfo.xml",
    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    f"share/icons/hicolor/128x128/apps/{APP_ID}.png",
    f"share/icons/hicolor/256x256/apps/{APP_ID}.png",
    f"share/icons/hicolor/512x512/apps/{APP_ID}.png",
}


def test_it_installs_for_one_user_and_uninstalls_cleanly(build: Path, tmp_path: Path) -> None:
    home = tmp_path / "user"
    home.mkdir()
    result = run("--from", str(build), home=home)
    assert result.returncode == 0, result.stderr
    prefix = home / ".local"
    assert installed(prefix) == EXPECTED

    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    program = prefix / "lib" / "reader" / "reader"
    assert f'Exec="{program}"' in desktop.splitlines()
    assert f"TryExec={program}" in desktop.splitlines()
    assert (prefix / "bin" / "reader").resolve() == program
    launched = subprocess.run(
        [prefix / "bin" / "reader", "--version"], capture_output=True, check=True
    )
    assert launched.stdout == b"reader --version\n"

    again = run("--from", str(build), home=home)  # installing over itself is an update
    assert again.returncode == 0, again.stderr
    assert installed(prefix) == EXPECTED

    removed = run("--uninstall", home=home)
    assert removed.returncode == 0, removed.stderr
    assert installed(prefix) == set()


def test_the_installed_desktop_entry_is_valid(build: Path, tmp_path: Path) -> None:
    need("desktop-file-validate")
    assert run("--from", str(build), home=tmp_path).returncode == 0
    desktop = tmp_path / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout, result.stdout


def test_destdir_stages_a_system_install(build: Path, tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    result = run("--from", str(build), "--system", home=tmp_path, destdir=str(stage))
    assert result.returncode == 0, result.stderr
    prefix = stage / "usr" / "local"
    assert installed(prefix) == EXPECTED
    # Paths inside are where the files will be, not where they were staged.
    assert os.readlink(prefix / "bin" / "reader") == "/usr/local/lib/reader/reader"
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert 'Exec="/usr/local/lib/reader/reader"' in desktop


def test_it_refuses_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("--from", str(empty), home=tmp_path)
    assert result.returncode != 0
    assert "no 'reader' executable" in result.stderr
    assert not (tmp_path / ".local").exists()


def test_uninstall_leaves_a_folder_that_is_not_readers_alone(tmp_path: Path) -> None:
    other = tmp_path / ".local" / "lib" / "reader"
    other.mkdir(parents=True)
    (other / "someone-elses-file").write_text("keep me")
    result = run("--uninstall", home=tmp_path)
    assert result.returncode != 0
    assert (other / "someone-elses-file").read_text() == "keep me"


def test_a_relative_prefix_is_refused(build: Path, tmp_path: Path) -> None:
    result = run("--from", str(build), "--prefix", "relative/path", home=tmp_path)
    assert result.returncode != 0
    assert "absolute" in result.stderr
