"""The page as the classifier and the filters see it: blocks, their nodes and features.

Built once per extraction and handed to every rule, so options and tables are not threaded
through many signatures.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..article import Features
from ..config import MIN_TEASER_LINK_DENSITY, Thresholds
from .features import features as page_features
from .segment import Node, RawBlock, Segmentation

#: A verdict per block: ``None`` for kept, else the name of the rule that dropped it.
Labels = list[str | None]


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[RawBlock, ...]
    nodes: tuple[Node, ...]
    features: tuple[Features, ...]
    thresholds: Thresholds
    title: str | None
    hints: tuple[int, ...]
    """Per node, its own class/id hint (:func:`boilerstrip.pipeline.features.hint`)."""
    prose: tuple[bool, ...] = ()
    """Per block, :func:`reads_as_prose` (asked many times by the rules: computed once)."""
    region: tuple[bool, ...] = ()
    """Per block, whether it lies in the main content region (set by classification)."""
    posts: tuple[bool | None, ...] = ()
    """Per block, on a forum or Q&A thread only (set by classification): ``True`` for what a
    user wrote in a post (:func:`boilerstrip.thread.is_post_text`), short but content;
    ``False`` for the rest of a post (user name, date, votes, buttons); ``None`` outside."""

    @classmethod
    def build(cls, seg: Segmentation, thresholds: Thresholds, title: str | None) -> Page:
        """The page of a segmentation, its features computed."""
        hints, features = page_features(seg)
        prose = tuple(
            reads_as_prose(block, f, thresholds)
            for block, f in zip(seg.blocks, features, strict=True)
        )
        return cls(seg.blocks, seg.nodes, features, thresholds, title, hints, prose)

    def is_prose(self, i: int) -> bool:
        """Whether block ``i`` reads as prose (see :func:`reads_as_prose`)."""
        return self.prose[i]


def reads_as_prose(block: RawBlock, f: Features, th: Thresholds) -> bool:
    """A block that reads as running text on its own: long, punctuated, not link text, and not
    a teaser (a list item that opens with its headline's link)."""
    return (
        f.words >= th.long_words
        and f.link_density <= th.max_link_density
        and f.sentence_ends > 0
        and not is_teaser(block, f)
    )


def is_teaser(block: RawBlock, f: Features) -> bool:
    """A list item that opens with a link to another page and carries a fair share of links:
    a headline and its summary in a list of other stories."""
    return block.kind == "item" and f.starts_with_link and f.link_density >= MIN_TEASER_LINK_DENSITY
