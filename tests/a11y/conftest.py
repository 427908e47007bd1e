"""The screen reader's view: Reader in a real X window, walked over AT-SPI.

One walk per test module (it takes some seconds); every test reads its report.
The system programs come from tools/setup.sh. Without them the tests are
skipped with the list of what is missing, except in CI, where they must be there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.a11y.session import Session, WalkResult, find_programs


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "a11y: starts Reader under Xvfb with the AT-SPI bus and walks it as a screen reader "
        "does (needs xvfb, xdotool, dbus, at-spi2-core and python3-pyatspi)",
    )


@pytest.fixture(scope="module")
def a11y_walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WalkResult]:
    programs, missing = find_programs()
    if programs is None:
        programs_missing = ", ".join(program for program, _ in missing)
        packages = " ".join(sorted({package for _, package in missing}))
        message = (
            f"The accessibility walk needs system programs that are missing: {programs_missing}. "
            f"Install them with `sudo apt-get install -y {packages}` "
            "(tools/setup.sh does it when run as root)."
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{message} CI installs them, so they must be there.")
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("a11y")
    session = Session(programs, workdir)
    try:
        session.start()
        result = session.walk(workdir / "a11y-report.md")
    finally:
        session.stop()
    if result.text_path.exists():
        print("\n" + result.text_path.read_text(encoding="utf-8"))
    print(
        f"\nAccessibility report ({result.seconds:.1f} s walk): {result.text_path}"
        f"\n  JSON: {result.json_path}\n  logs: {workdir / 'logs'}"
    )
    yield result
