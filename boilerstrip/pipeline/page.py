"""The page as the classifier and the filters see it: blocks, their nodes and features.

Built once per extraction and handed to every rule, so options and tables are not threaded
through many signatures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Features
from ..config import MIN_TEASER_LINK_DENSITY, Thresholds
from ..text.phrases import phrase as phrase_of
from .features import container_of
from .features import features as page_features
from .segment import Node, RawBlock, Segmentation

#: A verdict per block: ``None`` for kept, else the name of the rule that dropped it.
Labels = list[str | None]


class Memo:
    """What many rules ask of a page's blocks, each entry made when first asked: per block, its
    phrase (:meth:`Page.phrase`) and the node that holds it (:meth:`Page.box`). A hot loop
    may read an entry itself, and make it or ask the page for it when it is not made yet.
    It holds for the blocks and nodes it was made for: a page made from another one by
    ``dataclasses.replace`` shares the other's memo if they have the same blocks and nodes,
    and has a new one otherwise (see ``Page.__post_init__``)."""

    __slots__ = ("blocks", "boxes", "nodes", "phrases")

    def __init__(self, blocks: tuple[RawBlock, ...] = (), nodes: tuple[Node, ...] = ()) -> None:
        self.blocks = blocks
        self.nodes = nodes
        self.phrases: list[str | None] = [None] * len(blocks)
        #: -1 for a block whose box is not known yet (a box is a node's index, >= 0).
        self.boxes: list[int] = [-1] * len(blocks)


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
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)
    """What the rules share of the page's blocks (see :class:`Memo`)."""

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

    def __post_init__(self) -> None:
        memo = self.memo
        if memo.blocks is not self.blocks or memo.nodes is not self.nodes:
            object.__setattr__(self, "memo", Memo(self.blocks, self.nodes))

    def phrase(self, i: int) -> str:
        """The :func:`~boilerstrip.text.phrases.phrase` of block ``i``'s text, made once per
        page (several rules read the phrases of the same short lines)."""
        phrases = self.memo.phrases
        p = phrases[i]
        if p is None:
            p = phrases[i] = phrase_of(self.blocks[i].text)
        return p

    def box(self, i: int) -> int:
        """The node that holds block ``i`` (:func:`~.features.container_of` its node), found
        once per page."""
        boxes = self.memo.boxes
        at = boxes[i]
        if at < 0:
            at = boxes[i] = container_of(self.nodes, self.blocks[i].node)
        return at


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
