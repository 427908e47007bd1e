"""`make run` sets up the app alone; `make test` and `make package` add their own tools.

tools/setup.sh runs here against stand-ins for dpkg-query, id and the venv's
Python, which record what it would install: as a non-root user it prints the
apt-get command for an administrator, which is what a person sees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "tools" / "setup.sh"
RUNTIME = {"libegl1", "libxcb-cursor0", "libpulse0", "espeak-ng", "fonts-dejavu-core"}
TEST_ONLY = {"xvfb", "xdotool", "openbox", "at-spi2-core", "pulseaudio", "strace"}
PACKAGING = {"wixl", "msitools", "appstream"}


def stand_in(path: Path, script: str) -> None:
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)


def run_setup(tmp_path: Path, *levels: str) -> tuple[set[str], list[str]]:
    """The system packages setup.sh asks for, and what it has pip install."""
    project = tmp_path / "project"
    (project / "tools").mkdir(parents=True)
    shutil.copy(SETUP, project / "tools" / "setup.sh")
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in(bin_dir / "dpkg-query", "exit 1\n")  # nothing is installed
    stand_in(bin_dir / "id", "echo 1000\n")  # not root: it says what to install
    venv_bin = project / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    log = tmp_path / "pip.log"
    stand_in(venv_bin / "python", f'[ "$1" = -m ] && echo "$*" >> "{log}"\nexit 0\n')
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", str(project / "tools" / "setup.sh"), *levels],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    asked = [line for line in done.stdout.splitlines() if "sudo apt-get install -y" in line]
    assert len(asked) == 1, done.stdout
    packages = set(asked[0].split("install -y", 1)[1].split())
    installs = [
        line.split("install -q -e", 1)[1].strip()
        for line in log.read_text(encoding="utf-8").splitlines()
        if "install -q -e" in line
    ]
    return packages, installs


def test_run_sets_up_the_app_alone(tmp_path: Path) -> None:
    packages, installs = run_setup(tmp_path)
    assert packages >= RUNTIME
    assert not packages & (TEST_ONLY | PACKAGING)
    assert installs == ["."]


def test_test_adds_the_test_tools(tmp_path: Path) -> None:
    packages, installs = run_setup(tmp_path, "test")
    assert packages >= RUNTIME | TEST_ONLY | PACKAGING  # tests/packaging checks the files
    assert installs == [".", ".[dev]"]


def test_package_adds_the_packaging_tools_but_not_the_test_tools(tmp_path: Path) -> None:
    packages, installs = run_setup(tmp_path, "package")
    assert packages >= RUNTIME | PACKAGING
    assert not packages & TEST_ONLY
    assert installs == [".", ".[package]"]


def test_an_unknown_level_is_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="Unknown set-up level 'tests'"):
        run_setup(tmp_path, "tests")


def test_the_makefile_sets_up_each_verb_at_its_level() -> None:
    rules = {
        line.split(":", 1)[0]: line.split(":", 1)[1].split()
        for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("\t", "#", " ", ".")) and ":" in line and "=" not in line
    }
    assert rules["run"] == ["setup"]
    assert "setup-test" in rules["test"] or "lint" in rules["test"]
    assert rules["lint"] == ["setup-test"]
    assert rules["package"] == ["setup-package"]
