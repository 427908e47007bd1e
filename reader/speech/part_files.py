"""The half-written sound files an export leaves while it runs, and cleaning up after one.

An export writes ``.NAME.wav.PID.part`` beside its target and renames it at
the end. Cancelling, a failure, SIGINT or SIGTERM removes it at once; a
SIGKILL or a power cut cannot. So each part file is noted in a small ledger
in Reader's own settings folder while it is written, and the next start
removes any noted part file that has not been written to for a while. Only
files with that exact name shape, noted by Reader, are ever removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import time
from pathlib import Path

from reader.core.safe_files import decode_text, read_regular

log = logging.getLogger(__name__)

LEDGER_FILE = "unfinished-exports.txt"
MAX_LEDGER_BYTES = 64 * 1024
# An export writes a sentence every second or so: a part file untouched for
# this long belongs to no export that is still running.
STALE_AFTER_S = 10 * 60
_PART_NAME = re.compile(r"^\..+\.\d+\.part$")


def part_path(out: Path) -> Path:
    """Where the export to ``out`` writes until it is finished."""
    return out.with_name(f".{out.name}.{os.getpid()}.part")


class PartLedger:
    """The part files exports are writing; ``folder`` None keeps no ledger."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / LEDGER_FILE if folder is not None else None

    def _read(self) -> list[str]:
        if self.path is None:
            return []
        try:
            text = decode_text(read_regular(self.path, MAX_LEDGER_BYTES))
        except (OSError, UnicodeDecodeError):
            return []
        return [line for line in text.splitlines() if line.strip()]

    def _write(self, lines: list[str]) -> None:
        if self.path is None:
            return
        try:
            if lines:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
            else:
                self.path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("The list of unfinished exports could not be saved (%s)", error.strerror)

    def add(self, part: Path) -> None:
        self._write([*self._read(), str(part.absolute())])

    def remove(self, part: Path) -> None:
        self._write([line for line in self._read() if line != str(part.absolute())])

    def sweep(self, now: float | None = None) -> int:
        """Remove stale part files this ledger noted; the number removed."""
        now = time.time() if now is None else now
        kept: list[str] = []
        removed = 0
        for line in self._read():
            part = Path(line)
            try:
                info = part.lstat()
            except FileNotFoundError:
                continue
            except OSError:
                kept.append(line)
                continue
            if not (_PART_NAME.match(part.name) and stat.S_ISREG(info.st_mode)):
                continue  # not a file Reader made: never removed, and forgotten
            if now - info.st_mtime < STALE_AFTER_S:
                kept.append(line)  # perhaps an export still running in another Reader
                continue
            with contextlib.suppress(OSError):
                part.unlink()
                removed += 1
        self._write(kept)
        if removed:
            log.info("Removed %d unfinished sound file(s) left by an export", removed)
        return removed
