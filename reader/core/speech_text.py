"""The words read-aloud says for a page, block by block, and where each starts. No Qt.

The page view reports the blocks its document laid the page out in
(``ShownBlock``: the block's text, where it starts, what kind it is and the
pictures inside it); this turns them into the blocks ``narration.plan``
reads. A picture is described in the renderer's own words for it
(``PageContent.image_alts``), read where the picture is but with no place
in the text to highlight; the page's own picture, beside the title, is
described after the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.page_content import OBJECT_REPLACEMENT, PICTURE_KEY
from reader.core.sentences import Block

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader.core.page_content import PageContent
    from reader.core.sentences import BlockKind


@dataclass(frozen=True)
class ShownBlock:
    """One block as laid out: ``position`` is where it starts (UTF-16, as Qt counts)."""

    text: str
    position: int
    kind: BlockKind = "paragraph"
    pictures: tuple[str, ...] = ()  # the keys of the pictures in it, in order


def speech_blocks(
    shown: Iterable[ShownBlock], content: PageContent
) -> list[tuple[Block, int | None]]:
    """Each block's words to say, with where it starts on screen (None: not shown)."""
    blocks: list[tuple[Block, int | None]] = []
    page_picture: tuple[Block, int | None] | None = None
    for block in shown:
        for key in block.pictures:
            alt = content.alt_for(key)
            if not alt.strip():
                continue
            if key == PICTURE_KEY:
                page_picture = (Block("picture", alt), None)
            else:
                blocks.append((Block("picture", alt), None))
        text = block.text.replace(OBJECT_REPLACEMENT, " ")
        if text.strip():
            blocks.append((Block(block.kind, text), block.position))
            if block.kind == "heading" and page_picture is not None:
                blocks.append(page_picture)
                page_picture = None
    if page_picture is not None:
        blocks.insert(0, page_picture)
    return blocks
