"""Stage 5b, fallback: when the filters leave nothing, the page may still be an article whose
body is a picture, a video or an embed. Its text is then its headline, with the subtitle that
stands right under it, rather than nothing."""

from __future__ import annotations

from .features import container_of
from .headline import sole_headline
from .page import Labels, Page


def headline_only(page: Page, labels: Labels) -> Labels:
    """``labels`` unchanged while any block is kept; else the headline (see
    :func:`~.headline.sole_headline`) and a subtitle heading right under it in the same box,
    kept."""
    if None in labels:  # (labels are None or rule names: only None equals None)
        return labels
    at = sole_headline(page)
    if at is None:
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
