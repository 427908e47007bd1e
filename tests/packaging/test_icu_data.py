"""The Linux bundle's cut-down ICU data: Qt still sorts, cases and names time zones in English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.tools import PACKAGING, load_script, need

# What Qt asks ICU for, in a fresh Python whose Qt loads the cut-down data.
QT_ICU_USES = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
english = QLocale("en_GB")
print(sorted(["zebra", "Äpfel", "apple", "Zoo", "éclair"], key=QCollator(english).sortKey))
print(english.toUpper("straße"))
print(QTimeZone(b"Europe/London").displayName(
    QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, english))
print(QStringDecoder("UTF-8").isValid(), QStringDecoder("ISO-8859-15").isValid())
"""


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need("icupkg", "objdump", "as", "ld")
    import PySide6

    sys.path.insert(0, str(PACKAGING / "pyinstaller"))
    try:
        icu_data = load_script("packaging/pyinstaller/icu_data.py")
    finally:
        sys.path.remove(str(PACKAGING / "pyinstaller"))
    [library] = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")
    return icu_data.trimmed_library(library, tmp_path_factory.mktemp("icu"))


def test_the_data_is_a_tenth_of_the_wheels(trimmed: Path) -> None:
    import PySide6

    [library] = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")
    assert trimmed.name == library.name
    assert trimmed.stat().st_size < library.stat().st_size / 5


def test_qt_sorts_cases_and_names_time_zones_in_english_with_it(trimmed: Path) -> None:
    # The loader looks in LD_LIBRARY_PATH before Qt's own RUNPATH folder.
    env = {**os.environ, "LD_LIBRARY_PATH": str(trimmed.parent), "QT_QPA_PLATFORM": "offscreen"}
    maps = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtCore; print(open('/proc/self/maps').read())"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(trimmed) in maps, "the test's Qt must load the cut-down library"
    said = subprocess.run(
        [sys.executable, "-c", QT_ICU_USES], env=env, capture_output=True, text=True, check=True
    )
    assert said.stdout.splitlines() == [
        "['Äpfel', 'apple', 'éclair', 'zebra', 'Zoo']",
        "STRASSE",
        "Greenwich Mean Time",
        # UTF-8 is Qt's own; the legacy converters' tables are left out.
        "True False",
    ]
    assert "Could not create collator" not in said.stderr
