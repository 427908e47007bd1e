"""A page of words with a way straight back: the help page and the Keys page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from reader.core.page_content import PageContent
from reader.gui.buttons import action_button
from reader.gui.page_view import PageView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.gui.style import Look

# Shown when a book has no help page of its own: help must always be there.
FALLBACK_HELP = PageContent(
    "Where can I get help?",
    "<p>If something is worrying you, talk to an adult you trust: your carer, "
    "social worker, teacher or key worker.</p>"
    "<ul><li><strong>Childline</strong>: call 0800 1111. It is free, any time of day "
    "or night.</li><li>In an emergency, call 999.</li></ul>",
)


class TextScreen(QWidget):
    def __init__(
        self,
        name: str,
        look: Look,
        content: PageContent,
        actions: dict[str, QAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.view = PageView(look)
        self.view.show_content(content)
        self.back = action_button(actions["return"], "return", big=True)
        bar = QHBoxLayout()
        bar.setContentsMargins(16, 8, 16, 16)
        bar.addWidget(self.back)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def set_look(self, look: Look) -> None:
        self.view.set_look(look)
