"""Fails loudly when pyttsx3 changes under read-aloud.

reader/speech/engine.py relies on private parts of pyttsx3 2.99 to get
exact word times from espeak-ng and to keep rate changes from being lost.
If any test here fails after an upgrade, re-measure the traps described in
that module before changing the pin in pyproject.toml.
"""

from __future__ import annotations

import ctypes
import inspect
from importlib.metadata import version

import pytest
import pyttsx3
from pyttsx3.drivers import _espeak, espeak

from reader.speech import engine
from tests.speech.one_engine import shared_engine

pytestmark = pytest.mark.espeak


def test_pinned_version() -> None:
    assert version("pyttsx3") == "2.99", "pyttsx3 changed: re-check reader/speech/engine.py"


def test_espeak_binding_names() -> None:
    for name in ("SetSynthCallback", "IsPlaying", "SetParameter", "SetVoiceByName", "EVENT"):
        assert hasattr(_espeak, name), f"pyttsx3.drivers._espeak.{name} is gone"
    assert _espeak.RATE == 1
    assert _espeak.EVENT_LIST_TERMINATED == 0
    assert _espeak.EVENT_WORD == 1
    assert _espeak.EVENT_MSG_TERMINATED == 6
    assert engine._ESPEAK_WORD_EVENT == _espeak.EVENT_WORD
    assert engine._ESPEAK_LIST_TERMINATED == _espeak.EVENT_LIST_TERMINATED


def test_event_struct_layout() -> None:
    # espeak_EVENT from speak_lib.h; the tap reads type, text_position, length, audio_position.
    assert [(name, kind) for name, kind in _espeak.EVENT._fields_][:6] == [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
    ]


def test_the_driver_registers_its_callback_through_the_wrapped_name() -> None:
    source = inspect.getsource(espeak.EspeakDriver.__init__)
    assert "_espeak.SetSynthCallback(self._onSynth)" in source
    # The tap replaces the module attribute, so the driver's call goes through it.
    tap = engine._installed_tap()
    assert tap is not None
    assert _espeak.SetSynthCallback.reader_tap is tap
    assert engine._installed_tap() is tap, "installing twice would wrap the wrapper"


def test_started_utterance_comes_after_stop_and_before_synth() -> None:
    # Rate and voice are set in the started-utterance callback; that is only safe while
    # the driver tells us before it calls Synth (and after runAndWait's stop()).
    source = inspect.getsource(espeak.EspeakDriver._start_synthesis)
    assert source.index('notify("started-utterance")') < source.index("_espeak.Synth(")
    assert "AUDIO_OUTPUT_RETRIEVAL" in inspect.getsource(espeak.EspeakDriver.__init__)
    assert "IsPlaying" in inspect.getsource(espeak.EspeakDriver.stop)


def test_engine_api_we_call() -> None:
    spoken = shared_engine()
    assert spoken.driver == "espeak"
    assert spoken._tap is not None, "espeak events are not reaching the tap"
    for name in ("connect", "save_to_file", "runAndWait", "setProperty", "getProperty"):
        assert callable(getattr(pyttsx3.engine.Engine, name))
    parameters = inspect.signature(pyttsx3.engine.Engine.connect).parameters
    assert list(parameters) == ["self", "topic", "cb"]
