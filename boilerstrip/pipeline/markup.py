"""The inline markup and the structure of the kept blocks, for the Markdown and HTML forms.

:func:`read_markup` walks again the elements of the nodes that own kept blocks (only those),
cutting each element's inline content at its block-level children exactly as
:func:`.segment.segment` does, and matches each run of text to its block, in order, by the
block's text. A run records where its text sat inside a link, emphasis, strong or code
element; a block records the containers that give it its shape (lists, list items, quotes,
tables and their rows and cells, figures), its own role (heading, paragraph, code...) and the
language a code block names. Where a run and its block ever disagree the block keeps its
plain text, so the words of every form are always the words of ``Article.text``.

The result is plain data, kept on the Article: no tree. :func:`read_markup` reads from the tree
what the records need (the styled runs, the columns of table cells, the language of code, the
tags and parents of the nodes) into a :class:`PendingMarkup` during the extraction;
``Article.markup`` makes the :class:`~boilerstrip.article.BlockMarkup` records from it on first
read (:func:`build_markup` does both at once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import attrgetter

from lxml import etree

from ..article import Block, BlockMarkup, Frame, Span, plain_markup, slot_setters
from ..config import MARKUP_UP_COST, MAX_FRAME_DEPTH, MAX_NUMBER_DIGITS
from ..text.runs import BREAK, local_name, normalize
from .segment import BLOCK_TAGS, Node, RawBlock, Segmentation

__all__ = ["PendingMarkup", "build_markup", "read_markup"]


#: Container roles of block-level tags.
_FRAMES = {
    "ul": "ul",
    "menu": "ul",
    "dir": "ul",
    "dl": "ul",
    "ol": "ol",
    "li": "li",
    "dt": "li",
    "dd": "li",
    "blockquote": "blockquote",
    "figure": "figure",
    "table": "table",
    "thead": "thead",
    "tbody": "tbody",
    "tfoot": "tbody",
    "tr": "tr",
    "th": "th",
    "td": "td",
}
#: Frames whose own text is inline in them (no paragraph of its own).
_INLINE_IN = frozenset({"li", "th", "td"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_EMPHASIS = frozenset({"em", "i", "cite", "dfn", "var"})
_STRONG = frozenset({"strong", "b"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
#: Tags whose start and end change the style of the text inside.
_STYLING = frozenset({"a"}) | _EMPHASIS | _STRONG | _CODE
#: Tags that change the state of the nodes under them (see :meth:`_Shapes._step`).
_SHAPING = frozenset(_FRAMES) | {"pre", "caption"}
_PRE = frozenset({"pre"})
_LANGUAGE = re.compile(r"^(?:language|lang)-([\w+#.-]+)$", re.IGNORECASE)

#: A piece of running text and its style: (text, href, emphasis, strong, code).
_Style = tuple[str | None, bool, bool, bool]
_PLAIN: _Style = (None, False, False, False)


def _runs(
    el: etree._Element, skipped: frozenset[str]
) -> tuple[list[list[tuple[str, _Style]]], bool]:
    """The runs of inline text of ``el``, cut at its block-level children, each a list of
    (text, style) pieces (``<br>`` is a piece of :data:`BREAK`), and whether any style was met
    (else every piece is plain). Mirrors the segment walk."""
    if not len(el):  # text alone, the common paragraph: no walk needed
        return ([[(el.text, _PLAIN)]] if el.text else [[]]), False
    run: list[tuple[str, _Style]] = [(el.text, _PLAIN)] if el.text else []
    runs = [run]
    hrefs: list[str] = []
    em = strong = code = 0
    style = _PLAIN  # the style of the text met now: set again when an element changes it
    styled = False
    walk = etree.iterwalk(el, events=("start", "end"))
    next(walk)
    for event, child in walk:
        if child is el:
            break
        tag = child.tag
        if not isinstance(tag, str):
            if event == "end":
                if child.tail:
                    run.append((child.tail, style))
            else:
                walk.skip_subtree()
            continue
        if tag in BLOCK_TAGS:
            if event == "start":
                walk.skip_subtree()
                run = []
                runs.append(run)
            elif child.tail:
                run.append((child.tail, style))
            continue
        start = event == "start"
        if tag in _STYLING:
            on = 1 if start else -1
            if tag == "a":
                href = child.get("href")
                if href is not None:
                    if start:
                        hrefs.append(href)
                    else:
                        hrefs.pop()
            elif tag in _EMPHASIS:
                em += on
            elif tag in _STRONG:
                strong += on
            else:
                code += on
            style = (hrefs[-1] if hrefs else None, em > 0, strong > 0, code > 0)
            styled = styled or style != _PLAIN
        elif start and tag == "br":
            run.append((BREAK, _PLAIN))
        elif start and tag in skipped:
            walk.skip_subtree()
            continue
        text = child.text if start else child.tail
        if text:
            run.append((text, style))
    return runs, styled


def _spans(pieces: list[tuple[str, _Style]]) -> tuple[Span, ...]:
    """The spans of one run of text, white space collapsed as ``text.runs.normalize`` does."""
    out: list[tuple[str, _Style]] = []
    line: list[tuple[str, _Style]] = []  # words, and the gaps between them, of the line
    gap: _Style | None = None  # the style of the white space seen since the last word

    def end_line() -> None:
        if line:
            if out:
                out.append(("\n", _PLAIN))
            out.extend(line)
            line.clear()

    for text, style in pieces:
        if text == BREAK:
            end_line()
            gap = None
            continue
        # A piece's words, and the spaces between them, share its style: one item (the merge
        # below would join them anyway). White space before its first word is a gap of its
        # style unless one is open; white space after its last word opens one.
        words = text.split()
        if words:
            if gap is None and text[0].isspace():
                gap = style
            if line and gap is not None:
                line.append((" ", gap))
            line.append((" ".join(words), style))
            gap = style if text[-1].isspace() else None
        elif text and gap is None:
            gap = style
        if not line:
            gap = None  # white space before the first word of a line is dropped
    end_line()
    merged: list[tuple[list[str], _Style]] = []
    for text, style in out:
        if merged and merged[-1][1] == style and text != "\n" and merged[-1][0][-1] != "\n":
            merged[-1][0].append(text)
        else:
            merged.append(([text], style))
    return tuple(Span("".join(texts), *style) for texts, style in merged)


def _language(el: etree._Element) -> str | None:
    """The language a ``<pre>`` (or its ``<code>``) names in its class."""
    candidates = [el, *(c for c in el if c.tag == "code")]
    for candidate in candidates:
        for token in (candidate.get("class") or "").split():
            match = _LANGUAGE.match(token)
            if match:
                return match.group(1).lower()
    return None


_State = tuple[tuple[Frame, ...], bool, int]
"""The frames met on the way down to a node, whether they have stopped growing (at a
``<pre>`` or a table's caption), and the first ``<pre>`` on the way (-1: none)."""

_Shape = tuple[str, tuple[Frame, ...], int]
"""A node's role, the frames around its blocks, and its ``<pre>`` ancestor (-1: none)."""

_TAG = attrgetter("tag")
_PARENT = attrgetter("parent")
_NODE = attrgetter("node")
_KEPT = attrgetter("kept")
_INDEX = attrgetter("index")
_CELLS = frozenset({"td", "th"})
_MARKUP_FIELDS = slot_setters(BlockMarkup)
_MARKUP_FIELD_NAMES = ("block", "role", "spans", "frames", "language")
_SPAN_FIELDS = slot_setters(Span)
_SPAN_FIELD_NAMES = ("text", "href", "emphasis", "strong", "code")


class _Columns:
    """The column each table cell starts in: the spans of the cells before it in its row, read
    from the tree one row at a time (a wide row is read once, not once per cell)."""

    def __init__(self, elements: Sequence[etree._Element]) -> None:
        self.elements = elements
        self.known: dict[etree._Element, int] = {}

    def __call__(self, node: int) -> int:
        cell = self.elements[node]
        found = self.known.get(cell)
        if found is not None:
            return found
        row = cell.getparent()
        column = 0
        for sibling in row if row is not None else (cell,):
            if sibling.tag in _CELLS:
                self.known[sibling] = column
                span = sibling.get("colspan") or "1"
                # isdecimal, not isdigit: "²" is a digit that int() refuses; and int() reads
                # at most 4,300 digits.
                readable = span.isdecimal() and len(span) <= MAX_NUMBER_DIGITS
                column += min(max(int(span), 1), 100) if readable else 1
        return self.known.get(cell, 0)


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the shapes of a segmentation's nodes are made of: each node's tag and parent, and
    the column of a table cell (by its node)."""

    tags: Sequence[str] | Mapping[int, str]
    parents: Sequence[int] | Mapping[int, int]
    """Of every node, or (a mapping) of the nodes above some blocks: those are the nodes
    whose shapes are asked for, and the nodes above them."""
    column: Callable[[int], int]

    @classmethod
    def read(cls, seg: Segmentation) -> _Layout:
        """The layout of ``seg``, its cells' columns read from its elements when asked."""
        nodes = seg.nodes
        return cls(tuple(map(_TAG, nodes)), tuple(map(_PARENT, nodes)), _Columns(seg.elements))


class _Shapes:
    """The role and the frames of each node of a segmentation. A node's state is computed once,
    from its parent's, and a table row's columns in one pass over the row: linear in the
    nodes however deep the page or wide its rows."""

    def __init__(self, source: Segmentation | _Layout) -> None:
        layout = source if isinstance(source, _Layout) else _Layout.read(source)
        self.tags = layout.tags
        self.parents = layout.parents
        self.column = layout.column
        self.states: dict[int, _State] = {}
        self.alike: dict[tuple[int, str], _Shape] = {}

    def shape(self, node: int) -> _Shape:
        """A node's role, the frames around its blocks, and its ``<pre>`` ancestor (-1:
        none)."""
        tag = self.tags[node]
        if tag in _SHAPING:
            return self._shape(node, tag)
        # Its parent's frames and a role from its tag: one shape for siblings of one tag.
        place = (self.parents[node], tag)
        found = self.alike.get(place)
        if found is None:
            found = self.alike[place] = self._shape(node, tag)
        return found

    def _shape(self, node: int, tag: str) -> _Shape:
        frames, _, pre = self._state(node)
        if pre >= 0:
            return "pre", frames, pre
        if tag in _HEADINGS or tag == "figcaption":
            return tag, frames, -1
        if frames and frames[-1].node == node and frames[-1].role in _INLINE_IN:
            return "", frames, -1
        return "p", frames, -1

    def _state(self, node: int) -> _State:
        """The state at ``node``, stepped down from its nearest ancestor already known."""
        parents, states = self.parents, self.states
        chain: list[int] = []
        index = node
        while index >= 0 and index not in states:
            chain.append(index)
            index = parents[index]
        state: _State = states[index] if index >= 0 else ((), False, -1)
        for i in reversed(chain):
            state = states[i] = self._step(state, i)
        return state

    def _step(self, state: _State, i: int) -> _State:
        """The state one node further down, at node ``i``."""
        frames, stopped, pre = state
        tag = self.tags[i]
        if tag not in _SHAPING:
            return state
        if pre < 0 and tag == "pre":
            return frames, True, i
        if stopped:
            return state
        if tag == "caption":  # a table's caption is a paragraph before the table
            kept = list(frames)
            while kept and kept[-1].role != "table":
                kept.pop()
            if kept:
                kept.pop()
            return tuple(kept), True, pre
        role = _FRAMES[tag]
        if len(frames) >= MAX_FRAME_DEPTH:
            return state
        column = self.column(i) if role in _CELLS else 0
        return (*frames, Frame(role, i, column)), False, pre


@dataclass(frozen=True, slots=True)
class PendingMarkup:
    """What the markup of an article's kept blocks needs of the tree, read while the tree is
    at hand (the inline styles of the blocks that have any, the columns of the table cells and
    the languages of the ``<pre>`` elements that hold kept blocks), with the tags and parents
    of the nodes: :meth:`records` makes the :class:`BlockMarkup` records from it when they are
    first read. Most runs never read them (``text`` and ``blocks`` are what most callers
    want), and on a page of 50,000 blocks the records are 150,000 objects for the cyclic
    garbage collector to trace."""

    kept: tuple[int, ...]
    """The kept blocks, by index."""
    owners: tuple[int, ...]
    """The node that owns each kept block; empty when the segmentation kept no elements."""
    layout: _Layout | None
    """The nodes' tags and parents and the cells' columns; ``None`` with no elements."""
    languages: Mapping[int, str | None]
    """The language each ``<pre>`` that holds a kept block names (by node)."""
    spans: Mapping[int, tuple[Span, ...]]
    """The spans of the kept blocks that have inline styles (by block index); a block not
    here is one span of its own text."""

    def records(self, blocks: Sequence[Block]) -> tuple[BlockMarkup, ...]:
        """The markup of the kept ones of ``blocks`` (the blocks this was read for), in
        order."""
        if self.layout is None:
            return tuple(plain_markup(blocks[i]) for i in self.kept)
        known = _Shapes(self.layout)
        shapes: dict[int, _Shape] = {}
        languages, spans = self.languages, self.spans
        # The records are made by the thousand on a big page: their slots set directly.
        fill = _MARKUP_FIELDS
        block, role, spanned, framed, language = (fill[k] for k in _MARKUP_FIELD_NAMES)
        fill = _SPAN_FIELDS
        text, href, emphasis, strong, code = (fill[k] for k in _SPAN_FIELD_NAMES)
        new = object.__new__
        out: list[BlockMarkup] = []
        append = out.append
        for i, node in zip(self.kept, self.owners, strict=True):
            shape = shapes.get(node)
            if shape is None:
                shape = shapes[node] = known.shape(node)
            own = spans.get(i)
            if not own:  # the block's own text, one plain span: Span(text)
                span = new(Span)
                text(span, blocks[i].text)
                href(span, None)
                emphasis(span, False)
                strong(span, False)
                code(span, False)
                own = (span,)
            record = new(BlockMarkup)
            block(record, i)
            role(record, shape[0])
            spanned(record, own)
            framed(record, shape[1])
            pre = shape[2]
            language(record, languages[pre] if pre >= 0 else None)
            append(record)
        return tuple(out)


def build_markup(
    root: etree._Element, seg: Segmentation, blocks: Sequence[Block]
) -> tuple[BlockMarkup, ...]:
    """The markup of the kept ones of ``blocks`` (cut from ``root`` as ``seg``), in order."""
    return read_markup(root, seg, blocks).records(blocks)


def read_markup(root: etree._Element, seg: Segmentation, blocks: Sequence[Block]) -> PendingMarkup:
    """What the markup of the kept ones of ``blocks`` (cut from ``root`` as ``seg``) needs of
    the tree. Linear in the kept blocks and the nodes above them, in C loops (``map``) where
    it can be: what is per kept block is left to :meth:`PendingMarkup.records`."""
    kept = tuple(compress(map(_INDEX, blocks), map(_KEPT, blocks)))
    if not kept or not seg.elements:
        return PendingMarkup(kept, (), None, {}, {})
    raw, nodes, elements = seg.blocks, seg.nodes, seg.elements
    owners = tuple(map(_NODE, map(raw.__getitem__, kept)))
    if len(kept) * MARKUP_UP_COST < len(nodes):
        tags, parents, cells, pres = _above(nodes, owners)
    else:
        tags, parents, cells, pres = _every(nodes, blocks)
    read_column = _Columns(elements)
    columns = {cell: read_column(cell) for cell in cells}
    languages = {pre: _language(elements[pre]) for pre in pres}
    layout = _Layout(tags, parents, columns.__getitem__)
    spans: dict[int, tuple[Span, ...]] = {}
    # Walked again: the nodes with children (others are one run of plain text, which gives
    # the block its own text, as the default does), unless the segment walk stopped inside one
    # (at its element limit: walking it would read all it left unread) or it is code (which
    # keeps its text as it is). Each with its first kept block, in the order of those.
    again: dict[int, int] = {}
    seen: set[int] = set()
    for node, i in zip(owners, kept, strict=True):
        if node not in seen:  # len() of an lxml element counts its children: once per node
            seen.add(node)
            if len(elements[node]):
                again[node] = i
    if again and seg.unfinished:
        unfinished = frozenset(seg.unfinished)
        again = {node: i for node, i in again.items() if node not in unfinished}
    if again and pres:
        inside = _covered(len(raw), ((nodes[p].first_block, nodes[p].end_block) for p in pres))
        again = {node: i for node, i in again.items() if not inside[i]}
    if again:
        body = root.find("body") if local_name(root.tag) == "html" else None
        skipped = frozenset({"title", "head"} if body is not None else {"title"})
        walked: dict[int, list[int]] = {node: [] for node in again}
        for i, block in enumerate(raw):
            mine = walked.get(block.node)
            if mine is not None:
                mine.append(i)
        wanted = set(kept)
        for node, indices in walked.items():
            runs, styled = _runs(elements[node], skipped)
            if styled:  # else every run is plain: each block keeps its own text, the default
                _match(runs, indices, raw, wanted, spans)
    return PendingMarkup(kept, owners, layout, languages, spans)


_Tables = tuple[
    Sequence[str] | Mapping[int, str], Sequence[int] | Mapping[int, int], list[int], list[int]
]
"""Tags and parents of nodes, and the table cells and ``<pre>`` elements that hold kept
blocks (by node)."""


def _above(nodes: Sequence[Node], owners: Iterable[int]) -> _Tables:
    """The tags and parents of the nodes ``owners`` and of those above them, read up from each
    (every one of them holds a kept block)."""
    tags: dict[int, str] = {}
    parents: dict[int, int] = {}
    for node in owners:
        while node >= 0 and node not in tags:
            own = nodes[node]
            tags[node] = own.tag
            parents[node] = node = own.parent
    cells = [node for node, tag in tags.items() if tag in _CELLS]
    return tags, parents, cells, [node for node, tag in tags.items() if tag == "pre"]


def _every(nodes: Sequence[Node], blocks: Sequence[Block]) -> _Tables:
    """The tags and parents of every node."""
    tags = tuple(map(_TAG, nodes))
    parents = tuple(map(_PARENT, nodes))
    if _CELLS.isdisjoint(tags) and "pre" not in tags:  # most pages: no table, no code
        return tags, parents, [], []
    # held[k]: the kept blocks before block k. A node holds kept blocks when the count grows
    # over its range (its blocks are the ones it and its descendants own).
    held = list(accumulate(map(_KEPT, blocks), initial=0))

    def holding(wanted: frozenset[str]) -> list[int]:
        """The nodes of the tags ``wanted`` that hold kept blocks."""
        found = compress(range(len(tags)), map(wanted.__contains__, tags))
        return [n for n in found if held[nodes[n].end_block] > held[nodes[n].first_block]]

    return tags, parents, holding(_CELLS), holding(_PRE)


def _covered(size: int, ranges: Iterable[tuple[int, int]]) -> list[bool]:
    """Per index below ``size``, whether one of ``ranges`` (``start <= i < end``) covers it: in
    one pass however the ranges nest."""
    change = [0] * (size + 1)
    for start, end in ranges:
        change[start] += 1
        change[end] -= 1
    return [depth > 0 for depth in accumulate(change[:size])]


def _match(
    runs: list[list[tuple[str, _Style]]],
    indices: list[int],
    raw: Sequence[RawBlock],
    wanted: set[int],
    spans: dict[int, tuple[Span, ...]],
) -> None:
    """Pair the runs that make blocks (their normalized text is not empty, as in the segment
    walk) with the blocks of ``indices`` in order, and give each wanted block the spans of its
    run when their texts agree."""
    blocks = iter(indices)
    for run in runs:
        if len(run) == 1:  # one piece: a paragraph with no inline markup, most often
            plain = run[0][1] == _PLAIN
            text = normalize(run[0][0], pre=False)
        else:
            plain = all(style == _PLAIN for _, style in run)
            text = normalize("".join(piece for piece, _ in run), pre=False)
        if not text or text.isspace():
            continue
        index = next(blocks, None)
        if index is None:
            return
        if index not in wanted:
            continue
        if plain:  # its spans would be the block's text alone: the default
            continue
        got = _spans(run)
        if "".join(s.text for s in got) == raw[index].text:
            spans[index] = got
