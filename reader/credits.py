"""Who made what Reader is built from, and under which licence: for the About page."""

from __future__ import annotations

import html
from dataclasses import dataclass

from reader import APP_NAME, __version__

READER_LICENCE = "GPL-3.0-or-later"


@dataclass(frozen=True)
class Credit:
    name: str
    what: str
    licence: str


CREDITS: tuple[Credit, ...] = (
    Credit("Atkinson Hyperlegible", "the usual letters, by the Braille Institute", "SIL OFL 1.1"),
    Credit("Lexend", "letters made for easier reading, by the Lexend Project", "SIL OFL 1.1"),
    Credit("Qt and PySide6", "the windows, buttons and sound, by The Qt Company", "LGPL-3.0"),
    Credit("Python", "the language Reader is written in", "PSF License"),
    Credit("Python-Markdown", "turns the book's pages into text on screen", "BSD-3-Clause"),
    Credit("nh3 and ammonia", "keep the book's pages safe", "MIT"),
    Credit("Snowball", "finds “workers” when you look for “worker”", "BSD-3-Clause"),
    Credit("platformdirs", "finds where settings belong on each computer", "MIT"),
    Credit(
        "hibari-tts and its voice",
        "the natural voice, made from Kokoro-82M, and how it says each word",
        "Apache-2.0",
    ),
    Credit("ONNX Runtime", "runs the natural voice", "MIT"),
    Credit("ONNX", "inside ONNX Runtime, the natural voice's file format", "Apache-2.0"),
    Credit("NumPy", "the natural voice's sums", "BSD-3-Clause"),
    Credit("Protocol Buffers", "inside ONNX Runtime, reads the voice's file", "BSD-3-Clause"),
    Credit("pyttsx3", "connects Reader to the computer's voices", "MPL-2.0"),
    Credit("eSpeak NG", "the computer's voice on Linux", "GPL-3.0-or-later"),
    Credit("Icons and pictures", "drawn for Reader", READER_LICENCE),
)


def about_html() -> str:
    rows = "".join(
        f"<tr><th>{html.escape(c.name)}</th><td>{html.escape(c.what)}</td>"
        f"<td>{html.escape(c.licence)}</td></tr>"
        for c in CREDITS
    )
    return (
        f"<p>{APP_NAME} version {__version__}.</p>"
        "<p>Reader shows a book one page at a time, in big clear text, and can read it "
        "out loud. It works without the internet and sends nothing anywhere.</p>"
        f"<p>Reader is free software under the {READER_LICENCE} licence.</p>"
        "<h2>Made with</h2>"
        f"<table><tr><th>What</th><th>What it does</th><th>Licence</th></tr>{rows}</table>"
    )
