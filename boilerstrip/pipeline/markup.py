"""The inline markup and the structure of the kept blocks, for the Markdown and HTML forms.

:func:`build_markup` walks again the elements of the nodes that own kept blocks (only those),
cutting each element's inline content at its block-level children exactly as
:func:`.segment.segment` does, and matches each run of text to its block, in order, by the
block's text. A run records where its text sat inside a link, emphasis, strong or code
element; a block records the containers that give it its shape (lists, list items, quotes,
tables and their rows and cells, figures), its own role (heading, paragraph, code...) and the
language a code block names. Where a run and its block ever disagree the block keeps its
plain text, so the words of every form are always the words of ``Article.text``.

The result is plain data (tuples of frozen dataclasses), kept on the Article: no tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from ..article import Block, BlockMarkup, Frame, Span, plain_markup
from ..config import MAX_FRAME_DEPTH, MAX_NUMBER_DIGITS
from ..text.runs import BREAK, local_name, normalize
from .segment import BLOCK_TAGS, RawBlock, Segmentation

__all__ = ["build_markup"]


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


class _Shapes:
    """The role and the frames of each node of a segmentation. A node's state is computed once,
    from its parent's, and a table row's columns in one pass over the row: linear in the
    nodes however deep the page or wide its rows."""

    def __init__(self, seg: Segmentation) -> None:
        self.seg = seg
        self.states: dict[int, _State] = {}
        self.columns: dict[etree._Element, int] = {}
        self.alike: dict[tuple[int, str], tuple[str, tuple[Frame, ...], int]] = {}

    def shape(self, node: int) -> tuple[str, tuple[Frame, ...], int]:
        """A node's role, the frames around its blocks, and its ``<pre>`` ancestor (-1:
        none)."""
        own = self.seg.nodes[node]
        if own.tag in _SHAPING:
            return self._shape(node, own.tag)
        # Its parent's frames and a role from its tag: one shape for siblings of one tag.
        place = (own.parent, own.tag)
        found = self.alike.get(place)
        if found is None:
            found = self.alike[place] = self._shape(node, own.tag)
        return found

    def _shape(self, node: int, tag: str) -> tuple[str, tuple[Frame, ...], int]:
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
        nodes, states = self.seg.nodes, self.states
        chain: list[int] = []
        index = node
        while index >= 0 and index not in states:
            chain.append(index)
            index = nodes[index].parent
        state: _State = states[index] if index >= 0 else ((), False, -1)
        for i in reversed(chain):
            state = states[i] = self._step(state, i)
        return state

    def _step(self, state: _State, i: int) -> _State:
        """The state one node further down, at node ``i``."""
        frames, stopped, pre = state
        tag = self.seg.nodes[i].tag
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
        column = self._column(self.seg.elements[i]) if role in ("th", "td") else 0
        return (*frames, Frame(role, i, column)), False, pre

    def _column(self, cell: etree._Element) -> int:
        """The column a cell starts in: the spans of the cells before it in its row."""
        found = self.columns.get(cell)
        if found is not None:
            return found
        row = cell.getparent()
        column = 0
        for sibling in row if row is not None else (cell,):
            if sibling.tag in ("td", "th"):
                self.columns[sibling] = column
                span = sibling.get("colspan") or "1"
                # isdecimal, not isdigit: "²" is a digit that int() refuses; and int() reads
                # at most 4,300 digits.
                readable = span.isdecimal() and len(span) <= MAX_NUMBER_DIGITS
                column += min(max(int(span), 1), 100) if readable else 1
        return self.columns.get(cell, 0)


def build_markup(
    root: etree._Element, seg: Segmentation, blocks: Sequence[Block]
) -> tuple[BlockMarkup, ...]:
    """The markup of the kept ones of ``blocks`` (cut from ``root`` as ``seg``), in order."""
    kept = [b.index for b in blocks if b.kept]
    if not kept:
        return ()
    if not seg.elements:
        return tuple(plain_markup(blocks[i]) for i in kept)
    raw = seg.blocks
    body = root.find("body") if local_name(root.tag) == "html" else None
    skipped = frozenset({"title", "head"} if body is not None else {"title"})
    spans: dict[int, tuple[Span, ...]] = {}
    shapes: dict[int, tuple[str, tuple[Frame, ...], int]] = {}
    known = _Shapes(seg)
    unfinished = frozenset(seg.unfinished)
    elements = seg.elements
    walked: dict[int, list[int]] = {}  # the nodes walked again: each one's blocks, in order
    for i in kept:
        node = raw[i].node
        if node in shapes:
            continue
        shape = shapes[node] = known.shape(node)
        # Code keeps its text as it is. An element the segment walk stopped inside (at its
        # element limit) is not walked again: that would read all it left unread. Nor is an
        # element with no child (the common paragraph): its one run of plain text gives its
        # block the block's own text, as the default below does.
        if shape[0] != "pre" and node not in unfinished and len(elements[node]):
            walked[node] = []
    if walked:
        for i, block in enumerate(raw):
            mine = walked.get(block.node)
            if mine is not None:
                mine.append(i)
        wanted = set(kept)
        for node, indices in walked.items():
            runs, styled = _runs(elements[node], skipped)
            if styled:  # else every run is plain: each block keeps its own text, the default
                _match(runs, indices, raw, wanted, spans)
    languages: dict[int, str | None] = {}
    out: list[BlockMarkup] = []
    for i in kept:
        block = raw[i]
        role, frames, pre = shapes[block.node]
        language = None
        if pre >= 0:
            if pre not in languages:
                languages[pre] = _language(elements[pre])
            language = languages[pre]
        out.append(BlockMarkup(i, role, spans.get(i) or (Span(block.text),), frames, language))
    return tuple(out)


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
