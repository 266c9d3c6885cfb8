"""The page as the classifier and the filters see it: blocks, their nodes and features.

Built once per extraction and handed to every rule, so options and tables are not threaded
through many signatures.
"""

from __future__ import annotations

from dataclasses import dataclass

from .article import Features
from .config import Thresholds
from .features import compute_features, own_hints
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
    """Per node, its own class/id hint (:func:`boilerstrip.features.hint`)."""
    region: tuple[bool, ...] = ()
    """Per block, whether it lies in the main content region (set by classification)."""

    @classmethod
    def build(cls, seg: Segmentation, thresholds: Thresholds, title: str | None) -> Page:
        """The page of a segmentation, its features computed."""
        hints = own_hints(seg.nodes)
        features = tuple(compute_features(seg, hints))
        return cls(seg.blocks, seg.nodes, features, thresholds, title, hints)

    def is_prose(self, i: int) -> bool:
        """A block that reads as running text on its own: long, punctuated, not link text."""
        f = self.features[i]
        th = self.thresholds
        return (
            f.words >= th.long_words
            and f.link_density <= th.max_link_density
            and f.sentence_ends > 0
        )
