"""Stage 6, serialize: the kept blocks as text (Markdown, HTML and JSON: ``render_*``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..article import Block


def join_blocks(texts: Iterable[str]) -> str:
    """The text of an article from its kept blocks' texts, in document order: one block per
    line; a block's own line breaks (``<br>``, ``<pre>``) are kept."""
    return "\n".join(texts)


def to_text(blocks: Iterable[Block]) -> str:
    """:func:`join_blocks` of the kept ones among ``blocks``."""
    return join_blocks(b.text for b in blocks if b.kept)
