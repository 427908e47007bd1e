"""The voice list a child sees: the natural voices, then English voices under friendly names. No Qt.

espeak-ng offers a hundred or more languages under codes like
``chr-US-Qaaa-x-west``; a child needs the few English voices, named for what
they sound like. The rest are kept behind "More voices". Voices an administrator
added come straight after Reader's own, under the names their list gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.speech import added_voices, natural
from reader.speech.engine import default_voice

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.speech.engine import Voice

COMPUTER_VOICE = "computer voice"
# Reader's own voice, always at the top of the list (reader/speech/natural.py).
NATURAL_LABEL = "Natural voice (Reader's own)"
# espeak-ng's English accents, by language code, in the words a child would use.
ENGLISH_ACCENTS: dict[str, str] = {
    "en-gb": "UK English",
    "en-us": "US English",
    "en-gb-scotland": "Scottish English",
    "en-gb-x-rp": "UK English, careful",
    "en-gb-x-gbclan": "Lancashire English",
    "en-gb-x-gbcwmd": "West Midlands English",
    "en-029": "Caribbean English",
    "en": "English",
}
# espeak-ng's MBROLA voices need extra voice files most computers do not have.
NEEDS_EXTRA_FILES = "mb/"


@dataclass(frozen=True)
class VoiceChoice:
    id: str
    label: str


@dataclass(frozen=True)
class VoiceChoices:
    """English voices first (the best one at the top), then every other voice."""

    everyday: tuple[VoiceChoice, ...]
    more: tuple[VoiceChoice, ...]


def _language(voice: Voice) -> str:
    return voice.languages[0].lower().replace("_", "-") if voice.languages else ""


def _is_english(voice: Voice) -> bool:
    language = _language(voice)
    if language:
        return language == "en" or language.startswith("en-")
    return "english" in voice.name.casefold()


def _friendly(voice: Voice) -> str:
    accent = ENGLISH_ACCENTS.get(_language(voice))
    if accent is None:
        return f"{voice.name} ({COMPUTER_VOICE})"
    return f"{accent} ({COMPUTER_VOICE})"


def choices(voices: Sequence[Voice], best: str | None) -> VoiceChoices:
    """Sort ``voices`` into the list a child sees first and the rest."""
    everyday: list[tuple[bool, str, VoiceChoice]] = []
    more: list[VoiceChoice] = []
    seen: set[str] = set()
    natural_choices: list[VoiceChoice] = []
    computer = [voice for voice in voices if not _is_natural(voice)]
    if best is not None and _is_natural_id(best):
        # The computer's own best voice still leads the computer's voices.
        computer_best = default_voice(computer)
        best = computer_best.id if computer_best else None
    for voice in voices:
        if voice.id == natural.VOICE_ID:
            natural_choices.insert(0, VoiceChoice(voice.id, NATURAL_LABEL))
            continue
        if voice.id.startswith(added_voices.ID_PREFIX):
            natural_choices.append(VoiceChoice(voice.id, voice.name))
            continue
        if _is_english(voice) and not voice.id.startswith(NEEDS_EXTRA_FILES):
            label = _friendly(voice)
            if label in seen:
                # Two voices with one accent: the engine's own name tells them apart.
                accent = label.removesuffix(f" ({COMPUTER_VOICE})")
                label = f"{accent}, {voice.name} ({COMPUTER_VOICE})"
            seen.add(label)
            everyday.append((voice.id != best, label.casefold(), VoiceChoice(voice.id, label)))
        else:
            languages = ", ".join(voice.languages)
            label = f"{voice.name} ({languages})" if languages else voice.name
            more.append(VoiceChoice(voice.id, label))
    everyday.sort(key=lambda item: item[:2])
    more.sort(key=lambda choice: choice.label.casefold())
    return VoiceChoices((*natural_choices, *(item[2] for item in everyday)), tuple(more))


def _is_natural(voice: Voice) -> bool:
    return _is_natural_id(voice.id)


def _is_natural_id(voice_id: str) -> bool:
    return voice_id == natural.VOICE_ID or voice_id.startswith(added_voices.ID_PREFIX)
