"""Stage 6, serialize: the kept blocks as text (Markdown, HTML and JSON: ``render_*``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress
from operator import attrgetter

from ..article import Block


def join_blocks(texts: Iterable[str]) -> str:
    """The text of an article from its kept blocks' texts, in document order: one block per
    line; a block's own line breaks (``<br>``, ``<pre>``) are kept."""
    return "\n".join(texts)


_TEXT = attrgetter("text")
_KEPT = attrgetter("kept")


def to_text(blocks: Sequence[Block]) -> str:
    """:func:`join_blocks` of the kept ones among ``blocks`` (read in C loops: a page can hold
    50,000 blocks)."""
    return join_blocks(compress(map(_TEXT, blocks), map(_KEPT, blocks)))
