"""An export that is interrupted, fails or cannot start leaves nothing behind, and says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path
from typing import Any

import pytest

from reader.speech.part_files import STALE_AFTER_S, PartLedger
from tests.conftest import SAMPLE_BOOK_DIR, run_reader, write_book

WAIT_S = 120.0


def children_of(pid: int) -> set[int]:
    """Every live process whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Any, what: str, seconds: float = WAIT_S) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


def start_export(out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "export-audio", str(out), "--book", str(SAMPLE_BOOK_DIR)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def part_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


def export_under_way(folder: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """An export into ``folder`` that is writing its part file, and its worker's pids."""
    export = start_export(folder / "book.wav")
    try:
        wait_for(lambda: part_files(folder), "the export to start writing")
        wait_for(lambda: children_of(export.pid), "the speech worker to start")
    except BaseException:
        export.kill()
        raise
    return export, children_of(export.pid)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_export_leaves_no_part_file_and_no_process(
    tmp_path: Path, how: signal.Signals
) -> None:
    folder = tmp_path / "sounds"
    folder.mkdir()
    export, workers = export_under_way(folder)
    try:
        export.send_signal(how)
        _out, err = export.communicate(timeout=WAIT_S)
    finally:
        export.kill()
    assert list(folder.iterdir()) == [], "no sound file and no half-written one"
    wait_for(lambda: not any(alive(pid) for pid in workers), "the speech worker to end", 10)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.rstrip().splitlines()[-1] == "Cancelled."
    assert err.count("Cancelled.") == 1


def test_a_killed_export_is_cleaned_up_at_the_next_start(
    tmp_path: Path, private_home: Path
) -> None:
    folder = tmp_path / "sounds"
    folder.mkdir()
    export, workers = export_under_way(folder)
    try:
        export.kill()
        export.communicate(timeout=WAIT_S)
    finally:
        export.kill()
    wait_for(lambda: not any(alive(pid) for pid in workers), "the orphaned worker to end", 30)
    (left,) = part_files(folder)
    long_ago = time.time() - STALE_AFTER_S - 60
    os.utime(left, (long_ago, long_ago))
    result = run_reader("screenshot", str(tmp_path / "s.png"), "--book", str(SAMPLE_BOOK_DIR))
    assert result.returncode == 0, result.stderr
    assert part_files(folder) == [], "the next start removed what the killed export left"


def test_only_stale_part_files_reader_noted_are_removed(tmp_path: Path) -> None:
    ledger = PartLedger(tmp_path / "settings")
    stale, fresh, other = (
        tmp_path / ".a.wav.123.part",
        tmp_path / ".b.wav.456.part",
        tmp_path / "notes.txt",
    )
    for path in (stale, fresh, other):
        path.write_bytes(b"x")
        ledger.add(path)
    long_ago = time.time() - STALE_AFTER_S - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    assert ledger.sweep() == 1
    assert (stale.exists(), fresh.exists(), other.exists()) == (False, True, True)


def test_a_missing_folder_gives_only_the_plain_message(tmp_path: Path) -> None:
    result = run_reader(
        "export-audio", str(tmp_path / "missing" / "x.wav"), "--book", str(SAMPLE_BOOK_DIR)
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "The sound file could not be saved (No such file or directory)."


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_folder_gives_only_the_plain_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    result = run_reader("export-audio", str(folder / "x.wav"), "--book", str(SAMPLE_BOOK_DIR))
    assert result.returncode == 1
    assert result.stderr.strip() == "The sound file could not be saved (Permission denied)."


def broken_modules(folder: Path, *names: str) -> dict[str, str]:
    """An environment where ``names`` can't be imported, as on a computer without them."""
    for name in names:
        (folder / name).mkdir(parents=True)
        (folder / name / "__init__.py").write_text(f"raise ImportError('no {name} here')\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), *sys.path])}


def test_without_the_computers_voices_the_natural_voice_still_saves_the_book(
    tmp_path: Path,
) -> None:
    env = broken_modules(tmp_path / "no-pyttsx3", "pyttsx3")
    out = tmp_path / "x.wav"
    result = run_reader("export-audio", str(out), "--book", str(SAMPLE_BOOK_DIR), env=env)
    assert result.returncode == 0, result.stderr
    with wave.open(str(out), "rb") as audio:
        assert audio.getframerate() == 24000 and audio.getnframes() > 24000


def test_no_speech_engine_gives_the_plain_message_not_a_traceback(tmp_path: Path) -> None:
    # Neither pyttsx3 nor onnxruntime can be imported: a computer with no voice at all.
    env = broken_modules(tmp_path / "no-speech", "pyttsx3", "onnxruntime")
    out = tmp_path / "x.wav"
    result = run_reader("export-audio", str(out), "--book", str(SAMPLE_BOOK_DIR), env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "wave.Error" not in result.stderr
    assert "Read aloud" in result.stderr.strip().splitlines()[-1]
    assert list(tmp_path.glob("*.wav")) == [] and part_files(tmp_path) == []


def test_the_suggested_save_path_never_comes_from_the_book(
    make_window: Any, dialogs: Any, tmp_path: Path, private_home: Path
) -> None:
    from reader.core.loader import load_book

    root = write_book(
        tmp_path / "b",
        manifest='title = "../../../tmp/x"\nlanguage = "en"\n'
        '[[pages]]\nid = "p"\nfile = "pages/one.md"\ntitle = "One"\n',
    )
    window = make_window(load_book(root))
    dialogs.save_path = None
    window.export_book()
    assert dialogs.shown[-1] == ("Save the book as a sound file", private_home / "Reader audio.wav")
    (private_home / "Music").mkdir()
    window.export_book()
    assert dialogs.shown[-1][1] == private_home / "Music" / "Reader audio.wav"


FULL_DISK = """
import resource, signal, sys
# Writing past the limit fails as a full disk does, instead of killing the process.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
from reader.app import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_disk_that_fills_up_leaves_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "sounds"
    folder.mkdir()
    out = folder / "book.wav"
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "export-audio", str(out), "--book", str(SAMPLE_BOOK_DIR)],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "The sound file could not be saved (File too large)."
    )
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert list(folder.iterdir()) == [], "no sound file and no half-written one"
