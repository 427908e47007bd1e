"""Typed settings with defaults, kept in one JSON file.

A damaged settings file must never stop a child reading: anything that
cannot be used falls back to its default, the damaged file is moved aside
for inspection (never silently overwritten), and writes are atomic so a
crash mid-save cannot leave half a file.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from reader.core.themes import DEFAULT_THEME, THEMES

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024

TEXT_SIZES: tuple[int, ...] = (100, 125, 150, 175, 200, 250, 300)
FONTS: dict[str, str] = {
    "atkinson": "Atkinson Hyperlegible",
    "lexend": "Lexend",
    "system": "The computer's usual letters",
}
LINE_SPACINGS: dict[int, str] = {150: "Normal", 175: "More", 200: "Most"}
# WCAG 1.4.12: letter spacing 0.12 em and word spacing 0.16 em.
LETTER_SPACINGS: dict[int, str] = {0: "Normal", 12: "Wider"}
WORD_SPACINGS: dict[int, str] = {0: "Normal", 16: "Wider"}
# Speech speeds in words a minute. espeak's usual speed is 175; children who
# are learning to read need slower, and espeak cannot go below 80.
SPEECH_RATES: dict[int, str] = {
    100: "Very slow",
    120: "Slow",
    140: "A bit slow",
    160: "Usual",
    180: "Quick",
}
DEFAULT_SPEECH_RATE = 140
HIGHLIGHTS: dict[str, str] = {
    "words": "Sentence and word",
    "sentence": "Sentence only",
    "off": "Off",
}


@dataclass(frozen=True)
class Settings:
    text_size: int = 100
    theme: str = DEFAULT_THEME
    font: str = "atkinson"
    line_spacing: int = 150
    letter_spacing: int = 0
    word_spacing: int = 0
    # Private by default: on a shared computer nothing about what was read is
    # written to disk unless the reader asks for it.
    remember_place: bool = False
    last_page: str = ""
    reading_together: bool = False
    # A band that follows the line being read and dims the rest of the page.
    reading_ruler: bool = False
    # An administrator can turn web links off entirely.
    web_links: bool = True
    # Read aloud: words a minute, the voice ("" for the best one installed),
    # carrying on to the next page, and how the words being read are shown.
    speech_rate: int = DEFAULT_SPEECH_RATE
    voice: str = ""
    keep_going: bool = True
    highlight: str = "words"
    # An administrator can stop the book being saved as a sound file.
    allow_audio_export: bool = True
    # Which edition of the book is read, by its id in the book's editions.toml
    # ("younger", "older"); "" until a reader (or an administrator) chooses.
    edition: str = ""

    def bigger(self) -> Settings:
        later = [size for size in TEXT_SIZES if size > self.text_size]
        return replace(self, text_size=later[0]) if later else self

    def smaller(self) -> Settings:
        earlier = [size for size in TEXT_SIZES if size < self.text_size]
        return replace(self, text_size=earlier[-1]) if earlier else self


_CHOICES: dict[str, Any] = {
    "text_size": TEXT_SIZES,
    "theme": tuple(THEMES),
    "font": tuple(FONTS),
    "line_spacing": tuple(LINE_SPACINGS),
    "letter_spacing": tuple(LETTER_SPACINGS),
    "word_spacing": tuple(WORD_SPACINGS),
    "speech_rate": tuple(SPEECH_RATES),
    "highlight": tuple(HIGHLIGHTS),
}


def from_mapping(data: dict[str, Any], base: Settings | None = None) -> Settings:
    """Build Settings from stored values over ``base``, keeping only the ones that make sense."""
    defaults = base if base is not None else Settings()
    values: dict[str, Any] = {}
    for spec in fields(Settings):
        if spec.name not in data:
            continue
        value = data[spec.name]
        default = getattr(defaults, spec.name)
        allowed = _CHOICES.get(spec.name)
        if type(value) is not type(default) or (allowed is not None and value not in allowed):
            log.warning("Setting %s had an unusable value; using the default", spec.name)
            continue
        values[spec.name] = value
    settings = replace(defaults, **values)
    return settings if settings.remember_place else replace(settings, last_page="")


class SettingsStore:
    """Reads and writes Settings in ``folder``; never raises for a bad file."""

    def __init__(self, folder: Path | None, managed: Managed | None = None) -> None:
        # ``None`` keeps settings in memory only (screenshot mode, some tests).
        self.folder = folder
        self.managed = managed or Managed()
        self.load_note = ""

    @property
    def path(self) -> Path | None:
        return self.folder / SETTINGS_FILE if self.folder else None

    def load(self) -> Settings:
        """The saved settings over any managed defaults, with locked ones enforced."""
        return self.managed.enforce(self._load())

    def _load(self) -> Settings:
        path = self.path
        if path is None or not path.exists():
            return self.managed.base()
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_SETTINGS_BYTES + 1)
            if len(raw) > MAX_SETTINGS_BYTES:
                raise ValueError("the file is far too big to be settings")
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("the file does not hold a set of settings")
        except OSError as error:
            self.load_note = f"Settings could not be read ({error.strerror}); using defaults."
            log.warning("%s", self.load_note)
            return self.managed.base()
        except (ValueError, UnicodeDecodeError) as error:
            kept = self._keep_aside(path)
            self.load_note = f"Settings were damaged ({error}); using defaults. Kept as {kept}."
            log.warning("%s", self.load_note)
            return self.managed.base()
        return from_mapping(data, self.managed.base())

    def save(self, settings: Settings) -> bool:
        """Write settings atomically; returns False (and logs) when it can't."""
        path = self.path
        if path is None:
            return True
        data = asdict(settings)
        if not settings.remember_place:
            data["last_page"] = ""
        text = json.dumps(data, indent=2, sort_keys=True)
        import tempfile  # only when saving: nothing at start-up needs it

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            log.warning("Settings could not be saved (%s)", error.strerror)
            return False
        return True

    @staticmethod
    def _keep_aside(path: Path) -> Path | str:
        target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(target)
        except OSError:
            return "it could not be moved, so it was left as it is"
        return target


class Managed:
    """Defaults an administrator set for everyone, and the settings they locked.

    Read from ``reader-defaults.json`` (beside the program or in the system's
    config folder); see the README for every key. A locked setting always has
    the administrator's value, whatever a saved settings file says.
    """

    def __init__(
        self,
        defaults: dict[str, Any] | None = None,
        locked: frozenset[str] = frozenset(),
        source: Path | None = None,
    ) -> None:
        self.defaults = dict(defaults or {})
        self.locked = locked
        self.source = source

    def base(self) -> Settings:
        return from_mapping(self.defaults)

    def enforce(self, settings: Settings) -> Settings:
        if not self.locked:
            return settings
        base = self.base()
        return replace(settings, **{name: getattr(base, name) for name in self.locked})

    def is_locked(self, name: str) -> bool:
        return name in self.locked


MANAGED_FILE = "reader-defaults.json"
# Settings an administrator may set or lock: everything but what was being read.
MANAGEABLE = frozenset(spec.name for spec in fields(Settings)) - {"last_page"}


def load_managed(candidates: list[Path]) -> Managed:
    """The first managed-defaults file that exists; a broken one is logged and ignored."""
    for path in candidates:
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_bytes()[:MAX_SETTINGS_BYTES].decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("it does not hold a set of settings")
        except (OSError, ValueError, UnicodeDecodeError) as error:
            log.warning("Managed defaults in %s were ignored: %s", path, error)
            continue
        defaults = data.get("defaults", {})
        locked = data.get("locked", [])
        if not isinstance(defaults, dict) or not isinstance(locked, list):
            log.warning("Managed defaults in %s were ignored: wrong shape", path)
            continue
        unknown = (set(defaults) | {str(name) for name in locked}) - MANAGEABLE
        for name in sorted(unknown):
            log.warning("Managed defaults in %s: %s is not a setting Reader knows", path, name)
        known = {name: value for name, value in defaults.items() if name in MANAGEABLE}
        return Managed(known, frozenset(str(name) for name in locked if name in MANAGEABLE), path)
    return Managed()
