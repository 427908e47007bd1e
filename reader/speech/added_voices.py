"""Voices an administrator added: hibari-format voice files in a system-wide folder. No Qt.

The folder is ``voices`` beside the managed defaults (``reader.paths.system_voices_dir``).
It holds the voice files and a list of them, ``voices.json``::

    {"voices": [
        {"name": "Emma, British", "file": "bf_emma.int8.onnx", "language": "en-gb", "speed": 0.9}
    ]}

``name`` is what a reader sees in the voice list; ``file`` is inside the folder;
``language`` (``en-us``, the default, or ``en-gb``) picks how spelling becomes sound;
``speed`` (default 1.0) makes the voice slower or faster at every one of Reader's speeds.

Everything in the folder is untrusted: a damaged list, an entry that names a file
outside the folder, a missing, huge or wrong-shaped voice file is left out with one
plain line for the log, never a crash. Nothing is ever fetched: a voice that is not in
the folder is simply not offered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.paths import UnsafePath, resolve_inside
from reader.core.safe_files import UnsafeFile, decode_text, parse_json, read_regular

if TYPE_CHECKING:
    from pathlib import Path

MANIFEST = "voices.json"
# Voice ids in settings: never the same as Reader's own voice or a computer voice.
ID_PREFIX = "added/"
MAX_MANIFEST_BYTES = 64 * 1024
# hibari's voices are 8 MB (int8); its float export is about four times that.
MAX_VOICE_BYTES = 64 * 1024 * 1024
# Each voice loaded costs memory in the speech worker (about 30 MB).
MAX_VOICES = 8
MAX_NAME_LENGTH = 60
# The phonemiser hibari has: British spelling rules or American.
BRITISH: dict[str, bool] = {"en-us": False, "en-gb": True}
DEFAULT_LANGUAGE = "en-us"
# The voice's own speed is multiplied by this; slower than half or over twice is garbled.
MIN_SPEED, MAX_SPEED = 0.5, 2.0


@dataclass(frozen=True, slots=True)
class AddedVoice:
    """One entry of the list that looks right; its file is checked when it is loaded."""

    id: str
    name: str
    path: Path
    language: str
    speed: float

    @property
    def british(self) -> bool:
        return BRITISH[self.language]


def read_manifest(folder: Path) -> tuple[list[AddedVoice], list[str]]:
    """The voices ``folder``'s list names that look right, and a log line for each left out.

    A folder that is not there is the usual case: no voices, nothing to say.
    """
    try:
        raw = read_regular(folder / MANIFEST, MAX_MANIFEST_BYTES)
    except FileNotFoundError:
        if folder.is_dir():
            return [], [f"Added voices: {folder} has no {MANIFEST}, so no voices were added."]
        return [], []
    except OSError as error:
        return [], [f"Added voices: {folder / MANIFEST} was not read ({_reason(error)})."]
    try:
        data = parse_json(decode_text(raw))
    except (ValueError, UnicodeDecodeError) as error:
        return [], [f"Added voices: {folder / MANIFEST} is damaged ({error}); no voices added."]
    entries = data.get("voices") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [f'Added voices: {folder / MANIFEST} has no "voices" list; no voices added.']
    voices: list[AddedVoice] = []
    notes: list[str] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        voice = _entry(folder, entry)
        name = entry.get("name") if isinstance(entry, dict) else None
        which = f"“{name.strip()}”" if isinstance(name, str) and name.isprintable() else number
        if isinstance(voice, str):
            notes.append(f"Added voice {which} left out: {voice}.")
        elif voice.name.casefold() in names:
            notes.append(f"Added voice {which} left out: one of that name is above it.")
        elif len(voices) >= MAX_VOICES:
            notes.append(f"Added voice {which} left out: Reader takes at most {MAX_VOICES}.")
        else:
            names.add(voice.name.casefold())
            voices.append(voice)
    return voices, notes


def _entry(folder: Path, entry: object) -> AddedVoice | str:
    """The voice ``entry`` describes, or why it cannot be used."""
    if not isinstance(entry, dict):
        return 'it is not a set of "name" and "file"'
    name, file = entry.get("name"), entry.get("file")
    if not isinstance(name, str) or not name.strip() or not name.isprintable():
        return 'its "name" is missing or not plain text'
    name = name.strip()
    if len(name) > MAX_NAME_LENGTH:
        return f"its name is longer than {MAX_NAME_LENGTH} letters"
    if not isinstance(file, str):
        return 'it has no "file"'
    language = entry.get("language", DEFAULT_LANGUAGE)
    if not isinstance(language, str) or language.lower().replace("_", "-") not in BRITISH:
        return f'its "language" must be one of {", ".join(BRITISH)}'
    speed = entry.get("speed", 1.0)
    if (
        isinstance(speed, bool)
        or not isinstance(speed, int | float)
        or not math.isfinite(speed)
        or not MIN_SPEED <= speed <= MAX_SPEED
    ):
        return f'its "speed" must be a number from {MIN_SPEED} to {MAX_SPEED}'
    try:
        path = resolve_inside(folder, file)
    except UnsafePath:
        return f"its file “{file}” is not inside the voices folder"
    return AddedVoice(
        ID_PREFIX + name, name, path, language.lower().replace("_", "-"), float(speed)
    )


def read_voice_file(voice: AddedVoice) -> bytes | str:
    """The voice file's bytes, or why it cannot be read (missing, too big, not a file)."""
    try:
        return read_regular(voice.path, MAX_VOICE_BYTES)
    except FileNotFoundError:
        return f"its file {voice.path.name} is not there"
    except OSError as error:
        return f"its file {voice.path.name}: {_reason(error)}"


def _reason(error: OSError) -> str:
    if isinstance(error, UnsafeFile):
        return error.reason
    return error.strerror or str(error)
