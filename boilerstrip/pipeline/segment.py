"""Stage 2, segment: one walk over the tree cuts the page into text blocks.

A block is a run of text under one block-level element, inline markup (links, emphasis, spans,
line breaks) kept inside it. Block-level elements become :class:`Node` records so that later
stages can reason about containers without walking the tree again. The walk is lxml's
``iterwalk`` (C-level, no Python recursion), so pages nested thousands deep are fine.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from typing import Any, Protocol

from lxml import etree

from ..article import Kind
from ..config import INLINE_PER_BLOCK_ELEMENT, MAX_TOKEN_CHARS
from ..text.runs import BREAK, local_name, normalize

#: Elements that start a new block; everything else is inline and stays inside its block.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "noframes",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)

#: The kind of block each element makes.
KINDS: dict[str, Kind] = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "p": "paragraph",
    "li": "item",
    "dt": "item",
    "dd": "item",
    "td": "cell",
    "th": "cell",
    "pre": "pre",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
}


#: Elements whose blocks are leaves (each makes a block of its own kind): their container is
#: the node around them.
LEAF_TAGS = frozenset(KINDS)


@dataclass(slots=True)
class Node:
    """A block-level element of the page, in document order."""

    index: int
    tag: str
    parent: int
    """Index of the parent node, -1 for the root."""
    depth: int
    tokens: tuple[str, ...]
    """Lower-cased class, id, role and itemprop values of this element."""
    list_depth: int
    first_block: int
    """Blocks ``first_block <= i < end_block`` lie inside this node."""
    end_block: int = -1


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A block as cut from the page, before any feature is computed."""

    text: str
    linked_text: str
    """The part of the text that sits inside ``<a href>`` elements."""
    kind: Kind
    node: int
    """Index of the node that owns the block."""
    level: int
    lead_link: bool = False
    """Whether the block's text starts inside a link (a teaser's headline does)."""


class Walked(Protocol):
    """What the compiled walk records of a page beside its blocks and nodes (fastwalk.pyx's
    ``Walked``): ``features`` computes the page's hints and features from it in C, with what
    ``spec`` (features.py's ``FEATURE_SPEC``) holds."""

    def features(self, spec: Any) -> tuple[tuple[int, ...], tuple[Any, ...]]: ...


def record_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of a slotted dataclass whose ``__init__`` only stores them, in order: what
    the compiled walk needs to make its instances in C (it refuses any other class)."""
    fields = dataclasses.fields(cls)
    if (
        "__slots__" not in cls.__dict__
        or hasattr(cls, "__post_init__")
        or not all(f.init for f in fields)
    ):
        raise TypeError(f"{cls.__name__} is not a plain slotted dataclass")
    return tuple(f.name for f in fields)


@dataclass(frozen=True, slots=True)
class Segmentation:
    blocks: tuple[RawBlock, ...]
    nodes: tuple[Node, ...]
    elements: tuple[etree._Element, ...] = ()
    """Per node, the element it was made from (empty for synthetic segmentations): what the
    structured serializers and the explain view walk again."""
    unfinished: tuple[int, ...] = ()
    """The nodes the walk was inside when it stopped at its element limit (see
    :func:`segment`): their elements hold text it did not read. Empty when it read all."""

    walked: Walked | None = field(default=None, compare=False)
    """What the compiled walk recorded for ``features`` (``None`` from the Python walk). Not
    compared: the features it gives are those ``features`` computes from the blocks."""

    @property
    def truncated(self) -> bool:
        """Whether the walk stopped at its element limit, leaving the rest of the page unread."""
        return bool(self.unfinished)


#: Elements whose items nest one list level deeper.
LIST_TAGS = frozenset({"ul", "ol", "menu", "dir", "dl"})


def add_node(
    nodes: list[Node], parent: int, tag: str, tokens: tuple[str, ...], first_block: int
) -> Node:
    """Append the node of a block-level element opened under ``parent`` (-1: the root)."""
    up = nodes[parent] if parent >= 0 else None
    node = Node(
        index=len(nodes),
        tag=tag,
        parent=parent,
        depth=up.depth + 1 if up else 0,
        tokens=tokens,
        list_depth=(up.list_depth if up else 0) + (tag in LIST_TAGS),
        first_block=first_block,
    )
    nodes.append(node)
    return node


def kind_and_level(node: Node) -> tuple[Kind, int]:
    """The kind of the blocks ``node`` owns, and their level (heading rank or list depth)."""
    kind = KINDS.get(node.tag, "text")
    return kind, int(node.tag[1]) if kind == "heading" else node.list_depth


def _tokens(el: etree._Element) -> tuple[str, ...]:
    get = el.get
    cls, ident, role, prop = get("class"), get("id"), get("role"), get("itemprop")
    if cls is None and ident is None and role is None and prop is None:
        return ()
    return join_tokens(cls, ident, role, prop)


def join_tokens(
    cls: str | None, ident: str | None, role: str | None, prop: str | None
) -> tuple[str, ...]:
    """:attr:`Node.tokens` from an element's class, id, role and itemprop (not all None)."""
    joined = f"{cls or ''} {ident or ''} {role or ''} {prop or ''}"
    if len(joined) > MAX_TOKEN_CHARS:
        joined = joined[:MAX_TOKEN_CHARS].rpartition(" ")[0]
    return tuple(joined.lower().split())  # value_tokens(joined), unrolled: it runs per element


def value_tokens(value: str) -> tuple[str, ...]:
    """The tokens of one value (or of values joined by spaces: lower-casing reads no context
    across a space, so the tokens of a join are those of its parts, one after the other)."""
    return tuple(value.lower().split())


#: Elements whose subtree the walk never reads (the head is skipped only beside a body).
_SKIPPED = frozenset({"title", "head"})
_TITLE_ONLY = frozenset({"title"})


class _Blocks:
    """The blocks cut so far and the running text of the innermost open block."""

    __slots__ = ("blocks", "linked", "parts")

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.linked: list[str] = []

    def flush(self, node: Node, lead: bool, pre: bool) -> None:
        """Close the running text (there is some) as a block of ``node``."""
        raw = "".join(self.parts)
        self.parts = []
        linked = self.linked
        self.linked = []
        text = normalize(raw, pre=pre)
        if not text or text.isspace():
            return
        kind, level = kind_and_level(node)
        linked_text = " ".join("".join(linked).replace(BREAK, " ").split()) if linked else ""
        self.blocks.append(RawBlock(text, linked_text, kind, node.index, level, lead))


def walk_start(root: etree._Element) -> tuple[etree._Element, frozenset[str]]:
    """Where the walk of :func:`segment` starts (the body, else the root) and the elements whose
    subtree it never reads (both walks, this one and the compiled twin, start here)."""
    body = root.find("body") if local_name(root.tag) == "html" else None
    # Content that the parser left beside the body (after a stray wrapper element) is read too.
    beside = body is not None and any(
        isinstance(el.tag, str) and el.tag not in ("head", "body") for el in root
    )
    start = body if body is not None and not beside else root
    return start, _SKIPPED if body is not None else _TITLE_ONLY


def element_limits(max_elements: int | None, max_inline: int | None) -> tuple[int, int]:
    """The block-level and inline elements a walk may read: ``max_elements`` (``None``: no
    limit) and ``max_inline``, by default (``None``)
    :data:`~boilerstrip.config.INLINE_PER_BLOCK_ELEMENT` times ``max_elements``."""
    if max_elements is None:
        return sys.maxsize, sys.maxsize if max_inline is None else max_inline
    inline = max_elements * INLINE_PER_BLOCK_ELEMENT if max_inline is None else max_inline
    return max_elements, inline


def segment(
    root: etree._Element,
    *,
    keep_elements: bool = True,
    max_elements: int | None = None,
    max_inline: int | None = None,
) -> Segmentation:
    """Cut the visible text under ``root`` (its ``body`` when it has one) into blocks.

    ``keep_elements=False`` leaves :attr:`Segmentation.elements` empty: what needs only the
    text (``extract_text``) then holds no element of the page past the walk.

    ``max_elements`` bounds the block-level elements read (the :class:`Node` records, the
    start element's included), and ``max_inline`` the inline ones (by default
    :data:`~boilerstrip.config.INLINE_PER_BLOCK_ELEMENT` times ``max_elements``: see
    :func:`element_limits`): the walk stops where one more would open, the text before it kept,
    and :attr:`Segmentation.truncated` says so. Every later stage works per node, per block
    or (the markup walk) per inline element of a kept block, so this bounds the Python work
    on any page (the parse is C, and the cleaning before the walk touches only the elements
    it removes).

    Without a body the whole tree is read, ``head`` included: a broken ``<title>`` can make
    libxml2 put the whole page inside the head. The title itself is never body text.

    One loop over lxml's start and end events; the running text of the innermost open block
    is a list of pieces, joined once when the block closes. White space that would open a
    block (outside ``<pre>``) is never stored, so most closes have nothing to flush."""
    start, skipped = walk_start(root)
    out = _Blocks()
    nodes: list[Node] = []
    elements: list[etree._Element] = [start] if keep_elements else []
    stack: list[Node] = [add_node(nodes, -1, "body", _tokens(start), 0)]
    pre_depth = link_depth = 0
    limit, inline_room = element_limits(max_elements, max_inline)
    truncated = False
    lead: bool | None = None  # whether the block's text opened inside a link; None: no text yet
    walk = etree.iterwalk(start, events=("start", "end"))
    next(walk)  # the start element itself is open already; its end event is the last one
    piece = start.text
    for event, el in walk:
        # The piece read at the previous event joins the running text; white space never
        # opens a block outside <pre> (it would only be stripped).
        if piece:
            parts = out.parts
            if parts:
                parts.append(piece)
                if link_depth:
                    out.linked.append(piece)
                if lead is None and not piece.isspace():
                    lead = link_depth > 0
            elif pre_depth or not piece.isspace():
                parts.append(piece)
                if link_depth:
                    out.linked.append(piece)
                lead = None if piece.isspace() else link_depth > 0
        tag = el.tag
        if tag.__class__ is not str:  # comments, processing instructions, entities
            if event == "start":
                walk.skip_subtree()
                piece = None
            else:
                piece = el.tail
            continue
        if tag in BLOCK_TAGS:
            if out.parts:
                out.flush(stack[-1], bool(lead), pre_depth > 0)
            if event == "start":
                if len(nodes) >= limit:
                    truncated = True
                    break
                up = stack[-1]  # add_node, inlined: this runs for every block element
                node = Node(
                    len(nodes),
                    tag,
                    up.index,
                    up.depth + 1,
                    _tokens(el),
                    up.list_depth + (tag in LIST_TAGS),
                    len(out.blocks),
                )
                nodes.append(node)
                if keep_elements:
                    elements.append(el)
                stack.append(node)
                if tag == "pre":
                    pre_depth += 1
                piece = el.text
            else:
                stack.pop().end_block = len(out.blocks)
                if tag == "pre":
                    pre_depth -= 1
                piece = el.tail
        elif event == "start":
            inline_room -= 1
            if inline_room < 0:
                truncated = True
                break
            if tag == "a":
                if el.get("href") is not None:
                    link_depth += 1
            elif tag == "br":
                if not out.parts or lead is None:
                    lead = link_depth > 0
                out.parts.append(BREAK)
                if link_depth:
                    out.linked.append(BREAK)
            elif tag in skipped:
                walk.skip_subtree()
                piece = None
                continue
            piece = el.text
        else:
            if tag == "a" and el.get("href") is not None:
                link_depth -= 1
                out.linked.append(" ")  # two links side by side are two words
            piece = el.tail
    # The start element's own end event closed its node when its tag is a block tag; a
    # truncated walk leaves every node on the stack open.
    if stack:
        if out.parts:
            out.flush(stack[-1], bool(lead), pre_depth > 0)
        for node in stack:
            node.end_block = len(out.blocks)
    unfinished = tuple(node.index for node in stack) if truncated else ()
    return Segmentation(tuple(out.blocks), tuple(nodes), tuple(elements), unfinished)
