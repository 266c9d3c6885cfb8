"""The explain view: why each block of a page was kept or dropped.

Two pictures of the same data, :attr:`Article.blocks` (the single source of truth):

- :func:`explain_table`: one row per block (index, short tag path, words, text density, link
  density, kept or dropped, the rule that dropped it, the start of its text), for a terminal
  100 columns wide.
- :func:`explain_html`: the page's own markup with every block outlined, green kept and red
  dropped, the rule in a ``title`` (shown on hover) and a legend at the top counting the blocks
  each rule dropped.

The HTML is the cleaned tree of :func:`boilerstrip.api.analyze` (scripts, forms and hidden
elements are already gone there), copied, outlined and made inert (:mod:`.inert`): no element
or attribute that runs code or loads anything is left (scripts, ``on*`` handlers,
``javascript:`` links, iframes, objects, embeds, ``<link>``, ``<meta>``, ``<base>``, image
sources...), and a Content-Security-Policy (``default-src 'none'``) stops whatever a browser
would still try.

Stylesheets: the page's own ``<style>`` elements and ``style`` attributes are kept, so that the
page looks like itself, with everything in them that could fetch (``@import``, ``url(...)``,
``image-set(...)``) made inert; external stylesheets (``<link rel=stylesheet>``) are not
fetched, so a page styled only by them shows in the browser's default style. Blocks that the
page's own CSS hides (a mobile copy of the article, say) stay hidden; the table lists them.

Outlines: a block-level element whose blocks share one verdict, and that holds no other
element's blocks, is outlined whole. Where an element holds blocks with different verdicts, or
blocks beside its child blocks, each run of its inline content that makes a block is wrapped
in a ``<span>`` and the span is outlined. Every outline carries ``data-bs-blocks`` (the block
indices it stands for) and ``data-bs-rule`` (the rule, or ``kept``).
"""

from __future__ import annotations

import copy
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from lxml import etree

from ..article import ArticleData, Block
from ..pipeline.segment import BLOCK_TAGS, Segmentation
from .inert import CSP, make_inert, page_styles

__all__ = [
    "CSP",
    "KEPT",
    "WIDTH",
    "explain_html",
    "explain_table",
    "page_styles",
    "rule_counts",
]

# --- the table -------------------------------------------------------------------------------

#: Columns of the table: it fits a terminal this wide.
WIDTH = 100
#: What the rule column and the HTML's ``data-bs-rule`` say for a kept block.
KEPT = "kept"
_PATH_COLUMNS = 24
_MIN_TEXT_COLUMNS = 12


def _columns(char: str) -> int:
    """Terminal columns one character takes: 2 for wide East Asian ones, 0 for combining."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _printable(text: str) -> str:
    """``text`` on one line, control and format characters (escape sequences, bidi
    overrides) replaced by spaces: page text must not drive the terminal."""
    return " ".join(
        "".join(" " if unicodedata.category(c).startswith("C") else c for c in text).split()
    )


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    """``text`` cut to ``width`` columns (marked with ``...``) and padded to exactly that."""
    used = sum(_columns(c) for c in text)
    if used <= width:
        return text + " " * (width - used)
    room = width - 3
    chars = reversed(text) if keep_end else iter(text)
    kept: list[str] = []
    for char in chars:
        cols = _columns(char)
        if cols > room:
            break
        kept.append(char)
        room -= cols
    body = "".join(reversed(kept)) if keep_end else "".join(kept)
    out = "..." + body if keep_end else body + "..."
    return out + " " * room


def rule_counts(article: ArticleData) -> Counter[str]:
    """How many blocks each rule dropped, and how many were kept (under :data:`KEPT`)."""
    return Counter(KEPT if b.kept else b.rule or "?" for b in article.blocks)


_GREEN, _RED, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[0m"


def explain_table(article: ArticleData, *, width: int = WIDTH, color: bool = False) -> str:
    """One row per block of ``article``, aligned in ``width`` columns, and a summary line.

    The rule column names the rule that dropped a block (``-`` for a kept one). ``color``
    paints the verdict green or red (ANSI escapes: for terminals only)."""
    blocks = article.blocks
    rule_width = max([len("rule"), *(len(b.rule or "") for b in blocks)])
    index_width = max(3, len(str(len(blocks) - 1)) if blocks else 1)
    fixed = index_width + _PATH_COLUMNS + 5 + 5 + 4 + 7 + rule_width + 7  # 7 separators
    text_width = max(_MIN_TEXT_COLUMNS, width - fixed)
    head = (
        f"{'#':>{index_width}} {_fit('path', _PATH_COLUMNS)} {'words':>5} {'dens':>5}"
        f" {'link':>4} {'verdict':<7} {_fit('rule', rule_width)} text"
    )
    lines = [head]
    for b in blocks:
        lines.append(_row(b, index_width, rule_width, text_width, color))
    lines.append(_summary(article, width))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _row(b: Block, index_width: int, rule_width: int, text_width: int, color: bool) -> str:
    f = b.features
    verdict = f"{'kept' if b.kept else 'dropped':<7}"
    if color:
        verdict = f"{_GREEN if b.kept else _RED}{verdict}{_RESET}"
    return (
        f"{b.index:>{index_width}} {_fit(_printable(b.path), _PATH_COLUMNS, keep_end=True)}"
        f" {f.words:>5} {f.text_density:>5.1f} {f.link_density:>4.2f} {verdict}"
        f" {_fit(b.rule or '-', rule_width)} {_fit(_printable(b.text), text_width)}"
    )


def _summary(article: ArticleData, width: int) -> str:
    counts = rule_counts(article)
    kept = counts.pop(KEPT, 0)
    dropped = sum(counts.values())
    line = f"{len(article.blocks)} blocks: {kept} kept, {dropped} dropped"
    if counts:
        line += " (" + ", ".join(f"{rule} {n}" for rule, n in _ordered(counts)) + ")"
    return textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False)


def _ordered(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# --- blocks to markup ------------------------------------------------------------------------

#: A place text sits in the tree: an element's ``text`` (False) or its ``tail`` (True).
_Slot = tuple[etree._Element, bool]


class _Unmapped(Exception):
    """The walk did not cut the tree where segmentation did (outlines fall back to nodes)."""


@dataclass(slots=True)
class _Runs:
    """The text runs of one walk over the tree, cut where :func:`segment` cuts blocks."""

    of_slot: dict[_Slot, int] = field(default_factory=dict)
    texts: list[list[str]] = field(default_factory=lambda: [[]])
    node: list[int] = field(default_factory=lambda: [0])

    def add(self, slot: _Slot, text: str | None) -> None:
        if text:
            self.of_slot[slot] = len(self.texts) - 1
            self.texts[-1].append(text)

    def cut(self, node: int) -> None:
        self.texts.append([])
        self.node.append(node)


def _walk(root: etree._Element, elements: Sequence[etree._Element]) -> _Runs:
    """The runs of text between block boundaries, as :func:`boilerstrip.pipeline.segment.segment`
    reads them (same start element, same skipped subtrees, same events)."""
    start = elements[0]
    body = root.find("body") if root.tag == "html" else None
    skipped = {"title", "head"} if body is not None else {"title"}
    runs = _Runs()
    runs.add((start, False), start.text)
    stack = [0]
    opened = 1
    walk = etree.iterwalk(start, events=("start", "end"))
    next(walk)
    for event, el in walk:
        tag = el.tag
        if not isinstance(tag, str):
            if event == "start":
                walk.skip_subtree()
            else:
                runs.add((el, True), el.tail)
            continue
        if tag in BLOCK_TAGS:
            if event == "start":
                if opened >= len(elements) or elements[opened] is not el:
                    raise _Unmapped(f"block element {opened} is not where segmentation saw it")
                stack.append(opened)
                opened += 1
                runs.cut(stack[-1])
                runs.add((el, False), el.text)
            else:
                stack.pop()
                if not stack or el is start:
                    break  # the start element's own end
                runs.cut(stack[-1])
                runs.add((el, True), el.tail)
        elif event == "start":
            if tag in skipped:
                walk.skip_subtree()
                continue
            if tag == "br":
                runs.texts[-1].append(" ")  # a line break parts words
            runs.add((el, False), el.text)
        elif el is start:
            break
        else:
            runs.add((el, True), el.tail)
    return runs


def _block_of_run(runs: _Runs, seg: Segmentation) -> dict[int, int]:
    """Each run that made a block, and that block's index; :class:`_Unmapped` unless the
    runs with visible text are exactly the blocks, in order, with the same words."""
    visible = [r for r, parts in enumerate(runs.texts) if "".join(parts).strip()]
    if len(visible) != len(seg.blocks):
        raise _Unmapped(f"{len(visible)} runs of text, {len(seg.blocks)} blocks")
    for run, raw in zip(visible, seg.blocks, strict=True):
        if runs.node[run] != raw.node or "".join(runs.texts[run]).split() != raw.text.split():
            raise _Unmapped(f"run {run} is not the block it stands for")
    return {run: i for i, run in enumerate(visible)}


@dataclass(frozen=True, slots=True)
class _Verdict:
    blocks: tuple[Block, ...]

    @property
    def rule(self) -> str:
        first = self.blocks[0]
        return KEPT if first.kept else first.rule or "?"

    def mark(self, el: etree._Element) -> None:
        """Outline ``el`` as standing for these blocks."""
        first = self.blocks[0]
        cls = "bs-kept" if first.kept else "bs-dropped"
        old = el.get("class")
        el.set("class", f"{old} {cls}" if old and old.strip() else cls)
        el.set("data-bs-blocks", " ".join(str(b.index) for b in self.blocks))
        el.set("data-bs-rule", self.rule)
        numbers = ", ".join(f"#{b.index}" for b in self.blocks)
        what = "kept" if first.kept else f"dropped by {first.rule}"
        el.set(
            "title",
            f"block {numbers}: {what}" if len(self.blocks) == 1 else f"blocks {numbers}: {what}",
        )


@dataclass(slots=True)
class _Outliner:
    """Outlines the blocks of one (copied) tree."""

    blocks: tuple[Block, ...]
    seg: Segmentation
    elements: Sequence[etree._Element]
    runs: _Runs
    block_of_run: dict[int, int]
    holds_blocks: set[etree._Element] = field(default_factory=set)

    def outline(self) -> None:
        for el in self.elements[1:]:  # every element with a block element inside it
            up = el.getparent()
            while up is not None and up not in self.holds_blocks:
                self.holds_blocks.add(up)
                up = up.getparent()
        own: dict[int, list[Block]] = {}
        for raw, block in zip(self.seg.blocks, self.blocks, strict=True):
            own.setdefault(raw.node, []).append(block)
        for n, blocks in own.items():
            node = self.seg.nodes[n]
            whole = len(blocks) == node.end_block - node.first_block
            if whole and len({(b.kept, b.rule) for b in blocks}) == 1:
                _Verdict(tuple(blocks)).mark(self.elements[n])
            else:
                self._wrap_level(self.elements[n])

    def _barrier(self, el: etree._Element) -> bool:
        """Whether ``el`` holds a block boundary (is or contains a block element)."""
        return isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el in self.holds_blocks)

    def _wrap_level(self, top: etree._Element) -> None:
        """Wrap each run of inline content under ``top`` that makes a block: the runs directly
        under it, and those inside inline elements around block elements (no recursion: such
        nesting may run thousands deep)."""
        todo = [top]
        while todo:
            parent = todo.pop()
            lead: _Slot = (parent, False)
            inline: list[etree._Element] = []
            for child in list(parent):
                if self._barrier(child):
                    self._wrap(parent, lead, inline)
                    if child.tag not in BLOCK_TAGS:
                        todo.append(child)
                    lead, inline = (child, True), []
                else:
                    inline.append(child)
            self._wrap(parent, lead, inline)

    def _run_of(self, lead: _Slot, inline: list[etree._Element]) -> int | None:
        slots: list[_Slot] = [lead]
        for el in inline:
            for d in el.iter():
                slots.append((d, False))
                if d is not el:
                    slots.append((d, True))
            slots.append((el, True))
        found = {
            self.runs.of_slot[s] for s in slots if s in self.runs.of_slot and _slot_text(s).strip()
        }
        if len(found) != 1:
            return None
        return found.pop()

    def _wrap(self, parent: etree._Element, lead: _Slot, inline: list[etree._Element]) -> None:
        run = self._run_of(lead, inline)
        block = self.block_of_run.get(run) if run is not None else None
        if block is None:
            return
        span = etree.Element("span")
        holder, is_tail = lead
        if is_tail:
            span.text, holder.tail = holder.tail, None
            holder.addnext(span)
        else:
            span.text, holder.text = holder.text, None
            parent.insert(0, span)
        for el in inline:
            span.append(el)  # its tail goes with it
        _Verdict((self.blocks[block],)).mark(span)


def _slot_text(slot: _Slot) -> str:
    el, is_tail = slot
    return (el.tail if is_tail else el.text) or ""


def _outline_nodes(
    blocks: tuple[Block, ...], seg: Segmentation, elements: Sequence[etree._Element]
) -> None:
    """The fallback: each element outlined as its own blocks say, mixed ones by the first."""
    own: dict[int, list[Block]] = {}
    for raw, block in zip(seg.blocks, blocks, strict=True):
        own.setdefault(raw.node, []).append(block)
    for n, group in own.items():
        _Verdict(tuple(group)).mark(elements[n])


# --- the document ----------------------------------------------------------------------------

_STYLE = """\
.bs-kept{outline:2px solid #1a7f37!important;outline-offset:-1px!important;\
box-shadow:inset 0 0 0 2000px rgba(46,160,67,.10)!important}
.bs-dropped{outline:2px solid #cf222e!important;outline-offset:-1px!important;\
box-shadow:inset 0 0 0 2000px rgba(207,34,46,.08)!important}
span.bs-kept,span.bs-dropped{box-decoration-break:clone;-webkit-box-decoration-break:clone}
img{outline:1px dashed #8c959f}
#bs-legend{all:initial;display:block!important;box-sizing:border-box!important;\
margin:0 0 12px!important;padding:10px 14px!important;background:#f6f8fa!important;\
color:#1f2328!important;border:1px solid #d0d7de!important;border-radius:6px!important;\
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif!important;\
text-align:left!important;position:relative!important;z-index:2147483647!important}
#bs-legend *{font:inherit!important;color:inherit!important;text-align:left!important;\
letter-spacing:normal!important;text-transform:none!important}
#bs-legend .bs-head{display:block!important;font-weight:600!important;margin:0 0 6px!important}
#bs-legend table{border-collapse:collapse!important;margin:0 0 6px!important;width:auto!important}
#bs-legend td{padding:1px 12px 1px 0!important;border:0!important;background:none!important}
#bs-legend td.bs-count{text-align:right!important;font-variant-numeric:tabular-nums!important}
#bs-legend .bs-swatch{display:inline-block!important;width:12px!important;height:12px!important;\
margin:0 6px -1px 0!important;border:2px solid!important;box-sizing:border-box!important}
#bs-legend .bs-swatch.bs-kept-swatch{border-color:#1a7f37!important;background:#dafbe1!important}
#bs-legend .bs-swatch.bs-dropped-swatch{border-color:#cf222e!important;background:#ffebe9!important}
#bs-legend .bs-note{display:block!important;color:#59636e!important;font-size:13px!important}
"""


def _legend(article: ArticleData, mapped: bool) -> etree._Element:
    counts = rule_counts(article)
    kept = counts.pop(KEPT, 0)
    dropped = sum(counts.values())
    box = etree.Element("div", id="bs-legend")
    head = etree.SubElement(box, "span", {"class": "bs-head"})
    head.text = (
        f"boilerstrip explain: {len(article.blocks)} blocks, {kept} kept (green),"
        f" {dropped} dropped (red)"
    )
    table = etree.SubElement(box, "table")
    rows = [(KEPT, kept)] if kept else []
    for rule, n in [*rows, *_ordered(counts)]:
        tr = etree.SubElement(table, "tr", {"data-bs-rule": rule})
        name = etree.SubElement(tr, "td")
        swatch = "bs-kept-swatch" if rule == KEPT else "bs-dropped-swatch"
        etree.SubElement(name, "span", {"class": f"bs-swatch {swatch}"})
        mark = name[0]
        mark.tail = rule if rule == KEPT else f"dropped by {rule}"
        count = etree.SubElement(tr, "td", {"class": "bs-count"})
        count.text = str(n)
    note = etree.SubElement(box, "span", {"class": "bs-note"})
    note.text = (
        "Hover over a block to see its rule. Nothing here runs or loads: scripts and external"
        " stylesheets are gone, images are not fetched. Blocks the page's own CSS hides are"
        " not shown; `boilerstrip --explain` lists every block."
    )
    if not mapped:
        extra = etree.SubElement(box, "span", {"class": "bs-note"})
        extra.text = "Outlines are per element here: the page's text runs could not be told apart."
    for warning in article.warnings:
        line = etree.SubElement(box, "span", {"class": "bs-note"})
        line.text = f"Warning: {warning}"
    return box


def _document(root: etree._Element | None) -> tuple[etree._Element, etree._Element, etree._Element]:
    """``root`` as an ``html`` element with a head and a body (made when it lacks them)."""
    if root is None:
        root = etree.Element("html")
    elif root.tag != "html":
        wrapper = etree.Element("html")
        etree.SubElement(wrapper, "body").append(root)
        root = wrapper
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    return root, head, body


class Explainable(Protocol):
    """What :func:`explain_html` reads of an analysis (:class:`boilerstrip.api.Analysis`, as
    :func:`boilerstrip.api.analyze` returns it): named here so that the view, a renderer,
    never imports the layer above it."""

    @property
    def article(self) -> ArticleData: ...
    @property
    def root(self) -> etree._Element | None: ...
    @property
    def segmentation(self) -> Segmentation | None: ...


def explain_html(analysis: Explainable, *, styles: Iterable[str] = ()) -> str:
    """The page of ``analysis`` as an HTML document with its blocks outlined (see the module
    documentation). ``styles``: the page's own sheets, from :func:`page_styles`. The analysis
    is left as it was: the tree is copied."""
    article, seg = analysis.article, analysis.segmentation
    source = analysis.root
    mapped = True
    root: etree._Element | None = None
    if source is not None:
        root = copy.deepcopy(source)
        if seg is not None and seg.blocks and seg.elements:
            twins = dict(zip(source.iter(), root.iter(), strict=True))
            elements = [twins[el] for el in seg.elements]
            mapped = _outline(root, article, seg, elements)
        make_inert(root)
    root, head, body = _document(root)
    title = head.find("title")
    for el in list(head):
        if el is not title:
            head.remove(el)
    head.insert(0, etree.Element("meta", charset="utf-8"))
    head.insert(1, etree.Element("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}))
    for sheet in styles:
        etree.SubElement(head, "style").text = sheet
    etree.SubElement(head, "style").text = _STYLE
    if title is None:
        title = etree.SubElement(head, "title")
    title.text = f"boilerstrip explain: {article.title or title.text or 'page'}"
    body.insert(0, _legend(article, mapped))
    return etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def _outline(
    root: etree._Element, article: ArticleData, seg: Segmentation, elements: list[etree._Element]
) -> bool:
    """Outline every block in ``root``; False when only whole elements could be outlined."""
    blocks = article.blocks
    if len(blocks) != len(seg.blocks):
        return False
    try:
        runs = _walk(root, elements)
        block_of_run = _block_of_run(runs, seg)
    except _Unmapped:
        _outline_nodes(blocks, seg, elements)
        return False
    _Outliner(blocks, seg, elements, runs, block_of_run).outline()
    return True
