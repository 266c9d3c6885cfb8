"""Builders for small synthetic pages, so that each stage and rule can be tested alone.

Two ways in:

- :class:`SegBuilder` builds a :class:`Segmentation` by hand (the blocks and nodes a filter
  sees, exactly), mirroring what :func:`boilerstrip.pipeline.segment.segment` makes of a tree;
- :func:`html_page` runs a tiny HTML snippet through parse, segment, features and classify.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from boilerstrip.article import Kind, Mode
from boilerstrip.config import thresholds_for
from boilerstrip.pipeline.classify import classify
from boilerstrip.pipeline.page import Labels, Page
from boilerstrip.pipeline.parse import parse_html
from boilerstrip.pipeline.segment import (
    Node,
    RawBlock,
    Segmentation,
    add_node,
    kind_and_level,
    segment,
)

#: Distinct prose paragraphs: each has 20+ words and ends with a full stop, so each is prose
#: (``Page.is_prose``) in every mode, and no two share text (the repeat rule stays quiet).
PROSE = (
    "The council met on a wet Tuesday evening to argue about the new budget, and the debate "
    "ran long into the night before anyone agreed on anything at all.",
    "Residents packed the small hall, many of them holding hand-painted signs, while the mayor "
    "read out the spending figures line by line to a restless crowd.",
    "By the end of the session the members had agreed to postpone the final vote until the "
    "next meeting, which is planned for the first week of spring.",
    "Scientists at the local university have studied the river for more than ten years, and "
    "their newest findings surprised almost everyone on the council.",
    "Their latest samples show that the water is cleaner than it was a decade ago, though two "
    "of the smaller streams north of the town still worry them.",
    "Farmers along the valley said they had noticed the change themselves, pointing to the "
    "return of trout and herons that had been absent for a generation.",
    "The mayor promised that the cleanup money would not be cut, but several members warned "
    "that the budget left little room for any new projects this year.",
    "A final report from the university is expected in the autumn, and the council has asked "
    "its authors to present the results at a public meeting in the hall.",
)


class SegBuilder:
    """Build a :class:`Segmentation` the way the segmenter's walk would.

    The builder starts with the ``body`` node open. ``open``/``close`` (or the ``box`` context
    manager) nest block-level elements; ``leaf`` adds one element holding one block; ``text``
    adds a run of text owned by the currently open element.
    """

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.nodes: list[Node] = []
        self.stack: list[int] = []
        self.open("body")

    def open(self, tag: str, *tokens: str) -> int:
        parent = self.stack[-1] if self.stack else -1
        node = add_node(self.nodes, parent, tag, tuple(tokens), len(self.blocks))
        self.stack.append(node.index)
        return node.index

    def close(self) -> None:
        self.nodes[self.stack.pop()].end_block = len(self.blocks)

    @contextmanager
    def box(self, tag: str, *tokens: str) -> Iterator[int]:
        index = self.open(tag, *tokens)
        try:
            yield index
        finally:
            self.close()

    def text(self, text: str, *, linked: str = "", kind: Kind | None = None) -> int:
        """A block owned by the open element; returns the block's index."""
        node = self.nodes[self.stack[-1]]
        own_kind, level = kind_and_level(node)
        self.blocks.append(RawBlock(text, linked, kind or own_kind, node.index, level))
        return len(self.blocks) - 1

    def leaf(self, tag: str, text: str, *tokens: str, linked: str = "") -> int:
        """An element holding exactly one block; returns the block's index."""
        self.open(tag, *tokens)
        index = self.text(text, linked=linked)
        self.close()
        return index

    def link(self, tag: str, text: str, *tokens: str) -> int:
        """An element whose whole text is one link."""
        return self.leaf(tag, text, *tokens, linked=text)

    def build(self) -> Segmentation:
        while self.stack:
            self.close()
        return Segmentation(tuple(self.blocks), tuple(self.nodes))


def make_page(
    seg: Segmentation,
    *,
    mode: Mode = "balanced",
    title: str | None = None,
    region: Sequence[bool] | None = None,
) -> Page:
    """A page over ``seg`` with real features; ``region`` defaults to every block."""
    page = Page.build(seg, thresholds_for(mode), title)
    inside = tuple(region) if region is not None else (True,) * len(seg.blocks)
    return replace(page, region=inside)


def kept(page: Page) -> Labels:
    """Labels with every block kept."""
    return [None] * len(page.blocks)


def dropped(labels: Labels) -> dict[int, str]:
    """The dropped blocks: index -> rule name."""
    return {i: rule for i, rule in enumerate(labels) if rule is not None}


def html_page(html: str, *, mode: Mode = "balanced", title: str | None = None) -> Page:
    """Parse, segment and compute features of ``html``; no region yet."""
    root = parse_html(html)
    assert root is not None
    seg = segment(root)
    return Page.build(seg, thresholds_for(mode), title)


def classified(html: str, *, mode: Mode = "balanced") -> tuple[Page, Labels]:
    """``html`` run through every stage up to and including classification."""
    return classify(html_page(html, mode=mode))


def texts(page: Page, indices: Sequence[int] | range) -> list[str]:
    return [page.blocks[i].text for i in indices]


def index_of(page: Page, start: str) -> int:
    """The index of the only block whose text starts with ``start``."""
    found = [i for i, b in enumerate(page.blocks) if b.text.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]
