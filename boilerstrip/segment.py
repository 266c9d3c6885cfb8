"""Stage 2, segment: one walk over the tree cuts the page into text blocks.

A block is a run of text under one block-level element, inline markup (links, emphasis, spans,
line breaks) kept inside it. Block-level elements become :class:`Node` records so that later
stages can reason about containers without walking the tree again. The walk is lxml's
``iterwalk`` (C-level, no Python recursion), so pages nested thousands deep are fine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .article import Kind

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

#: Marks a ``<br>`` inside the running text (lxml never stores NUL in text, so it cannot clash).
_BREAK = "\x00"


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
    children: list[int] = field(default_factory=list)


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


@dataclass(frozen=True, slots=True)
class Segmentation:
    blocks: tuple[RawBlock, ...]
    nodes: tuple[Node, ...]
    elements: tuple[etree._Element, ...] = ()
    """Per node, the element it was made from (empty for synthetic segmentations): what the
    structured serializers and the explain view walk again."""


def _tokens(el: etree._Element) -> tuple[str, ...]:
    attrib = el.attrib
    if not attrib:
        return ()
    values = " ".join(attrib.get(name) or "" for name in ("class", "id", "role", "itemprop"))
    return tuple(values.lower().split())


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None  # comments, processing instructions, entities
    if tag.islower() and "}" not in tag:
        return tag  # what lxml's HTML parser gives: the common case, at no cost
    return tag.rpartition("}")[2].lower()


def _normalize(raw: str, *, pre: bool) -> str:
    if pre:
        lines = [line.rstrip() for line in raw.replace(_BREAK, "\n").split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines)
    if _BREAK not in raw:
        return " ".join(raw.split())
    return "\n".join(
        " ".join(line.split()) for line in raw.split(_BREAK) if line and not line.isspace()
    )


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
    if up is not None:
        up.children.append(node.index)
    return node


def kind_and_level(node: Node) -> tuple[Kind, int]:
    """The kind of the blocks ``node`` owns, and their level (heading rank or list depth)."""
    kind = KINDS.get(node.tag, "text")
    return kind, int(node.tag[1]) if kind == "heading" else node.list_depth


class _Walker:
    """Accumulates the running text of the innermost open block during the walk."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.nodes: list[Node] = []
        self.elements: list[etree._Element] = []
        self.stack: list[int] = []
        self.pre_depth = 0
        self.link_depth = 0
        self.parts: list[str] = []
        self.linked: list[str] = []
        self.lead: bool | None = None

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.link_depth:
                self.linked.append(text)
            if self.lead is None and not text.isspace():
                self.lead = self.link_depth > 0

    def flush(self) -> None:
        parts = self.parts
        if not parts:
            return
        raw = "".join(parts)
        self.parts = []
        linked = self.linked
        self.linked = []
        lead = bool(self.lead)
        self.lead = None
        if raw.isspace():
            return
        text = _normalize(raw, pre=self.pre_depth > 0)
        if not text or text.isspace():
            return
        node = self.nodes[self.stack[-1]]
        kind, level = kind_and_level(node)
        linked_text = " ".join("".join(linked).replace(_BREAK, " ").split()) if linked else ""
        self.blocks.append(RawBlock(text, linked_text, kind, node.index, level, lead))

    def open(self, el: etree._Element, tag: str) -> None:
        self.flush()
        parent = self.stack[-1] if self.stack else -1
        node = add_node(self.nodes, parent, tag, _tokens(el), len(self.blocks))
        self.elements.append(el)
        self.stack.append(node.index)
        if tag == "pre":
            self.pre_depth += 1

    def close(self, tag: str) -> None:
        self.flush()
        node = self.nodes[self.stack.pop()]
        node.end_block = len(self.blocks)
        if tag == "pre":
            self.pre_depth -= 1


def segment(root: etree._Element) -> Segmentation:
    """Cut the visible text under ``root`` (its ``body`` when it has one) into blocks.

    Without a body the whole tree is read, ``head`` included: a broken ``<title>`` can make
    libxml2 put the whole page inside the head. The title itself is never body text."""
    body = root.find("body") if _local(root.tag) == "html" else None
    # Content that the parser left beside the body (after a stray wrapper element) is read too.
    beside = body is not None and any(
        isinstance(el.tag, str) and el.tag not in ("head", "body") for el in root
    )
    start = body if body is not None and not beside else root
    walker = _Walker()
    walker.open(start, "body")
    walker.add(start.text)
    first = True
    walk = etree.iterwalk(start, events=("start", "end"))
    for event, el in walk:
        if first:  # the start element itself is already open
            first = False
            continue
        tag = _local(el.tag)
        if event == "start":
            if tag is None or tag == "title" or (tag == "head" and body is not None):
                walk.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                walker.open(el, tag)
            elif tag == "a":
                if el.get("href") is not None:
                    walker.link_depth += 1
            elif tag == "br":
                walker.add(_BREAK)
            walker.add(el.text)
        else:
            if el is start:
                break
            if tag is None or tag == "title" or (tag == "head" and body is not None):
                pass
            elif tag in BLOCK_TAGS:
                walker.close(tag)
            elif tag == "a" and el.get("href") is not None:
                walker.link_depth -= 1
                walker.linked.append(" ")  # two links side by side are two words
            walker.add(el.tail)
    walker.close("body")
    return Segmentation(tuple(walker.blocks), tuple(walker.nodes), tuple(walker.elements))
