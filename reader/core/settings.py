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

from reader.core.safe_files import UnsafeFile, decode_text, parse_json, read_inside
from reader.core.safe_paths import UnsafePath
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
        if path is None or self.folder is None or not os.path.lexists(path):
            return self.managed.base()
        try:
            try:
                _real, raw = read_inside(self.folder, SETTINGS_FILE, MAX_SETTINGS_BYTES)
            except (UnsafeFile, UnsafePath) as error:
                # A pipe, a link out or a huge file is damage too: kept aside, not read.
                raise ValueError(str(error)) from None
            data = parse_json(decode_text(raw))
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


# When an administrator locked one of these but its value can't be trusted, it
# is locked to the careful value: nothing opens, nothing is saved or kept.
SAFE_VALUES: dict[str, bool] = {"web_links": False, "allow_audio_export": False,
                                "remember_place": False}  # fmt: skip


def _fail_closed(path: Path, why: str) -> Managed:
    """What a managed file that exists but can't be read means: the careful values, locked."""
    log.warning(
        "Managed defaults in %s could not be used (%s); %s are locked off",
        path,
        why,
        ", ".join(sorted(SAFE_VALUES)),
    )
    return Managed(dict(SAFE_VALUES), frozenset(SAFE_VALUES), path)


def _locked_names(path: Path, locked: object) -> tuple[set[str], bool]:
    """The setting names in ``locked``, and whether anything in it was odd."""
    if isinstance(locked, str):
        # One name on its own, not in a list: what was meant is clear.
        locked = [locked]
    if not isinstance(locked, list):
        log.warning("Managed defaults in %s: “locked” is not a list of settings", path)
        return set(), True
    names = {name for name in locked if isinstance(name, str)}
    odd = len(names) != len(locked)
    if odd:
        log.warning("Managed defaults in %s: “locked” has entries that are not names", path)
    return names, odd


def _managed_from(path: Path, data: dict[str, Any]) -> Managed:
    defaults = data.get("defaults", {})
    locked, odd_locks = _locked_names(path, data.get("locked", []))
    if not isinstance(defaults, dict):
        log.warning("Managed defaults in %s: “defaults” is not a set of settings", path)
        defaults, odd_locks = {}, True
    for name in sorted((set(defaults) | locked) - MANAGEABLE):
        log.warning("Managed defaults in %s: %s is not a setting Reader knows", path, name)
    known = {name: value for name, value in defaults.items() if name in MANAGEABLE}
    usable = from_mapping(known)
    for name in sorted(locked & MANAGEABLE):
        value, kept = known.get(name), getattr(usable, name)
        if name in known and type(value) is type(kept) and value == kept:
            continue
        # Locked with no value, or one from_mapping could not use ("false" for false).
        log.warning(
            "Managed defaults in %s: %s is locked without a usable value; "
            "locked to the careful value",
            path,
            name,
        )
        known.pop(name, None)
        if name in SAFE_VALUES:
            known[name] = SAFE_VALUES[name]
    if odd_locks:
        # Something was meant to be locked but can't be read: lock the careful ones.
        for name, value in SAFE_VALUES.items():
            if name not in locked:
                known[name] = value
        locked |= set(SAFE_VALUES)
        log.warning("Managed defaults in %s: careful values locked", path)
    return Managed(known, frozenset(locked & MANAGEABLE), path)


def load_managed(candidates: list[Path]) -> Managed:
    """The first managed-defaults file that exists.

    A file that exists but can't be read or understood fails closed: web
    links, saving sound files and remembering the place are locked off, and
    the log says why.
    """
    for path in candidates:
        if not os.path.lexists(path):
            continue
        try:
            _real, raw = read_inside(path.parent, path.name, MAX_SETTINGS_BYTES)
            data = parse_json(decode_text(raw))
        except FileNotFoundError:
            continue
        except (OSError, ValueError, UnicodeDecodeError) as error:
            return _fail_closed(path, str(error))
        if not isinstance(data, dict):
            return _fail_closed(path, "it does not hold a set of settings")
        return _managed_from(path, data)
    return Managed()
