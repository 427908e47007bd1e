"""Every action the reader offers, defined once: words, icon, keys and description."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    label: str
    icon: str
    description: str
    shortcuts: tuple[str, ...] = ()
    # The keyboard's media keys, when it has them; not listed key by key.
    media_keys: tuple[str, ...] = ()
    # The icon shows the label itself (A− and A+): its button shows the icon
    # alone, so the words are not said twice. Its name is still read out.
    label_in_icon: bool = False
    # Where the keyboard goes when this action's button greys out while it has
    # focus (after Stop, Read aloud), so the next Space or Enter does no surprise.
    focus_instead: str = ""


ACTIONS: dict[str, ActionSpec] = {
    "home": ActionSpec("Home", "home", "Go back to the front cover of the book.", ("Home",)),
    # On the screen after the last page, where "Home" would not say where it leads.
    "cover": ActionSpec("Back to the cover", "home", "Go back to the front cover of the book."),
    "contents": ActionSpec(
        "Contents", "contents", "See all the pages and choose one.", ("Ctrl+T",)
    ),
    "find": ActionSpec(
        "Find", "find", "Find a word in the book, and the pages that have it.", ("Ctrl+F",)
    ),
    "smaller": ActionSpec(
        "A−",
        "text-smaller",
        "Make the words smaller.",
        ("Ctrl+-", "Ctrl+_"),
        label_in_icon=True,
        focus_instead="bigger",
    ),
    "bigger": ActionSpec(
        "A+",
        "text-bigger",
        "Make the words bigger.",
        ("Ctrl++", "Ctrl+="),
        label_in_icon=True,
        focus_instead="smaller",
    ),
    # Holds the toolbar buttons that do not fit the window, with their words.
    "more": ActionSpec("More", "versions", "See the rest of the buttons."),
    "reset-size": ActionSpec(
        "Usual size", "book", "Put the words back to their usual size.", ("Ctrl+0",)
    ),
    "look": ActionSpec(
        "Settings", "display", "Change the colours, letters, spacing and privacy.", ("Ctrl+L",)
    ),
    "help": ActionSpec(
        "Get help", "help", "Find out who you can talk to if you need help.", ("Ctrl+H",)
    ),
    "keys": ActionSpec("Keys", "contents", "See every key you can use in Reader.", ("F1", "?")),
    "back": ActionSpec("Back", "back", "Go to the page before this one.", ("Left",)),
    "next": ActionSpec("Next", "next", "Go to the next page.", ("Right",)),
    # Page Up/Down scroll a long page first, then turn it, so no words are skipped.
    "scroll-back": ActionSpec(
        "Up a screen", "back", "Show the words above, or the page before.", ("PgUp",)
    ),
    "scroll-next": ActionSpec(
        "Down a screen", "next", "Show the words below, or the next page.", ("PgDown",)
    ),
    "first": ActionSpec("First page", "back", "Go to the first page.", ("Ctrl+Home",)),
    "last": ActionSpec("Last page", "next", "Go to the last page.", ("End",)),
    "start": ActionSpec("Start reading", "book", "Open the book and start reading."),
    "listen": ActionSpec(
        "Listen", "listen", "Hear the book read out loud, page after page, from this page on."
    ),
    "listen-start": ActionSpec(
        "Listen from the start", "listen", "Hear the whole book read out loud, from page 1."
    ),
    "play": ActionSpec(
        "Read aloud",
        "play",
        "Hear this page read out loud. Press again to pause, and again to carry on.",
        ("Ctrl+Space", "F5"),
        ("Toggle Media Play/Pause", "Media Play", "Media Pause"),
    ),
    "stop": ActionSpec(
        "Stop",
        "stop",
        "Stop reading out loud.",
        ("Ctrl+.",),
        ("Media Stop",),
        focus_instead="play",
    ),
    "together": ActionSpec(
        "Reading together",
        "book",
        "Show ideas to talk about, for an adult reading with you. Press again to hide them.",
    ),
    "save-points": ActionSpec(
        "Save as PDF",
        "save",
        "Save the talking points for every page of this version as a PDF,"
        " to read before a session.",
    ),
    "quick-exit": ActionSpec(
        "Quick exit",
        "exit",
        "Hide Reader straight away. You can also press Shift three times.",
    ),
    "edition": ActionSpec(
        "Choose a version",
        "versions",
        "Choose the version of the book that suits you: for younger or for older readers.",
    ),
    "about": ActionSpec("About Reader", "book", "Which version this is, and who made it."),
    "return": ActionSpec("Go back", "back", "Go back to where you were."),
    # On the first run's choice of version, where there is nowhere to go back to.
    "choose-later": ActionSpec(
        "Go to the cover", "home", "Go to the front cover of the book, and choose a version later."
    ),
    "done": ActionSpec("Done", "check", "Close this screen and go back to where you were."),
    # Esc on Settings, Keys, About, Get help and the end; Find and pop-ups close themselves.
    "leave": ActionSpec(
        "Leave this screen", "back", "Close this screen and go back to where you were.", ("Esc",)
    ),
}

# Name shown in the accessibility tree: the label with the A−/A+ symbols spelt out.
ACCESSIBLE_NAMES = {"smaller": "Smaller words", "bigger": "Bigger words"}


# Keys that are not a single action's shortcut, for the Keys page.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Space", "In the page text: read aloud, pause, or carry on."),
    ("Shift, Shift, Shift", "Quick exit: hide Reader straight away."),
    ("Tab and Shift+Tab", "Move from button to button."),
    ("Enter or Space", "Press the button you are on."),
    ("Up and Down arrows", "In the page text: move line by line."),
    ("Left and Right arrows", "In the page text: move letter by letter. Elsewhere: turn the page."),
    ("Ctrl+Left and Ctrl+Right", "In the page text: move word by word."),
    ("Home and End", "In the page text: the start or the end of the line."),
    ("H and Shift+H", "In the page text: go to the next or the previous heading."),
    ("Esc", "Close a pop-up or Find, and go back to where you were."),
)


def keys_html() -> str:
    """The Keys page: every shortcut, from the one place actions are defined."""
    native = QKeySequence.SequenceFormat.NativeText
    rows = []
    for spec in ACTIONS.values():
        if spec.shortcuts:
            keys = " or ".join(QKeySequence(key).toString(native) for key in spec.shortcuts)
            if spec.media_keys:
                keys += ", or the media key"
            rows.append((keys, f"{spec.label}: {spec.description}"))
    rows.extend(OTHER_KEYS)
    cells = "".join(
        f"<tr><th>{html.escape(keys)}</th><td>{html.escape(what)}</td></tr>" for keys, what in rows
    )
    return f"<p>You can use Reader with the keyboard alone.</p><table>{cells}</table>"


def relabel(
    action: QAction, label: str, icon: QIcon | None = None, *, spoken: str | None = None
) -> None:
    """Change what an action's buttons say, for sighted and screen reader users alike.

    ``spoken`` is a screen reader's name for it, when the short label leans on its icon.
    """
    action.setText(label)
    if icon is not None:
        action.setIcon(icon)
    for button in buttons_of(action):
        button.setAccessibleName(spoken or label)


def buttons_of(action: QAction) -> list[QAbstractButton]:
    """The buttons that show ``action``; never the window that holds it for its keys."""
    return [widget for widget in action.associatedObjects() if isinstance(widget, QAbstractButton)]


def tooltip(spec: ActionSpec) -> str:
    """What the action does, and its key, so the key is learnt by using the button."""
    if not spec.shortcuts:
        return spec.description
    key = QKeySequence(spec.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{spec.description} ({key})"


def accessible_name(key: str) -> str:
    return ACCESSIBLE_NAMES.get(key, ACTIONS[key].label)


def build_actions(owner: QWidget) -> dict[str, QAction]:
    """Create every QAction on ``owner`` so its keys work on whichever screen is showing."""
    actions: dict[str, QAction] = {}
    for key, spec in ACTIONS.items():
        action = QAction(spec.label, owner)
        action.setObjectName(f"action-{key}")
        action.setToolTip(tooltip(spec))
        action.setStatusTip(spec.description)
        action.setShortcuts([QKeySequence(text) for text in (*spec.shortcuts, *spec.media_keys)])
        owner.addAction(action)
        actions[key] = action
    return actions
