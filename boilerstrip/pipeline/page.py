"""The page as the classifier and the filters see it: blocks, their nodes and features.

Built once per extraction and handed to every rule, so options and tables are not threaded
through many signatures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Features
from ..config import MAX_BYLINE_WORDS, MIN_TEASER_LINK_DENSITY, Thresholds
from ..text.phrases import phrase
from .features import container_of
from .features import features as page_features
from .segment import Node, RawBlock, Segmentation

#: A verdict per block: ``None`` for kept, else the name of the rule that dropped it.
Labels = list[str | None]


class Memo:
    """What many rules ask of a page's blocks, each table made on first use and kept for the
    page's blocks, nodes and features (a page made from this one with other ones makes them
    anew): see :meth:`Page.short_phrases` and :meth:`Page.boxes`."""

    __slots__ = ("boxes", "phrased", "phrases", "source")

    def __init__(self) -> None:
        self.source: tuple[object, object, object] | None = None
        self.phrases: list[str] | None = None
        self.phrased = 0
        self.boxes: list[int] | None = None

    def of(self, page: Page) -> Memo:
        """This memo, emptied if it was made for other blocks, nodes or features than
        ``page``'s."""
        source = self.source
        if (
            source is None
            or source[0] is not page.blocks
            or source[1] is not page.nodes
            or source[2] is not page.features
        ):
            self.source = (page.blocks, page.nodes, page.features)
            self.phrases = self.boxes = None
        return self


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
    """Tables the rules share (see :class:`Memo`); a page made from this one by
    ``dataclasses.replace`` shares them."""

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

    def phrased_words(self) -> int:
        """Up to how many words a block has its phrase in :meth:`short_phrases`: the short
        lines, and bylines and datelines (the only blocks rules read the whole phrase of)."""
        return max(self.thresholds.short_words, MAX_BYLINE_WORDS)

    def short_phrases(self) -> list[str]:
        """Per block, its :func:`~boilerstrip.text.phrases.phrase` if it has at most
        :meth:`phrased_words` words, else ``""``: made once per page."""
        memo = self.memo.of(self)
        limit = self.phrased_words()
        if memo.phrases is None or memo.phrased != limit:
            memo.phrases = [
                phrase(b.text) if f.words <= limit else ""
                for b, f in zip(self.blocks, self.features, strict=True)
            ]
            memo.phrased = limit
        return memo.phrases

    def boxes(self) -> list[int]:
        """Per block, the node that holds it (:func:`~.features.container_of` its node)."""
        memo = self.memo.of(self)
        if memo.boxes is None:
            nodes = self.nodes
            memo.boxes = [container_of(nodes, b.node) for b in self.blocks]
        return memo.boxes


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
