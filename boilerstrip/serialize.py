"""Stage 6, serialize: the kept blocks as text (later: Markdown, HTML, JSON)."""

from __future__ import annotations

from collections.abc import Iterable

from .article import Block


def to_text(blocks: Iterable[Block]) -> str:
    """One block per line in document order; a block's own line breaks (``<br>``, ``<pre>``)
    are kept."""
    return "\n".join(b.text for b in blocks if b.kept)
