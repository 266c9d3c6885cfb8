"""Stage 5b, fallback: when the filters leave nothing, the page may still be an article whose
body is a picture, a video or an embed. Its text is then its headline, with the subtitle that
stands right under it, rather than nothing."""

from __future__ import annotations

from .config import BLOCKS_AFTER_HEADLINE, MAX_BYLINE_WORDS
from .features import container_of
from .filters import BylineFilter, is_headline, phrase, text_key, title_key
from .page import Labels, Page


def _headline(page: Page) -> int | None:
    """The first heading that is the page's title (as :class:`~.filters.TitleFilter` tells)."""
    title = title_key(page.title)
    if not title:
        return None
    for i, block in enumerate(page.blocks):
        if block.kind == "heading" and is_headline(text_key(block.text), title):
            return i
    return None


def _dated(page: Page, at: int) -> bool:
    """Whether a byline or a dateline stands by the headline: the line just before it, or a
    line after it before the next heading. An article shows one; an error page, a parked
    domain or a listing (whose dates follow its teasers' headings) does not."""
    near = [at - 1] if at else []
    for i in range(at + 1, min(len(page.blocks), at + 1 + BLOCKS_AFTER_HEADLINE)):
        if page.blocks[i].kind == "heading" and i > at + 1:
            break
        near.append(i)
    return any(
        page.features[i].words <= MAX_BYLINE_WORDS
        and BylineFilter.is_byline(phrase(page.blocks[i].text))
        for i in near
    )


def headline_only(page: Page, labels: Labels) -> Labels:
    """``labels`` unchanged while any block is kept; else the headline and a subtitle heading
    right under it in the same box, kept."""
    if any(label is None for label in labels):
        return labels
    at = _headline(page)
    if at is None:
        return labels
    if not _dated(page, at):
        return labels
    out = list(labels)
    out[at] = None
    nxt = at + 1
    nodes = page.nodes
    if (
        nxt < len(page.blocks)
        and page.blocks[nxt].kind == "heading"
        and nodes[container_of(nodes, page.blocks[nxt].node)].parent
        == nodes[container_of(nodes, page.blocks[at].node)].parent
    ):
        out[nxt] = None
    return out
