"""Stage 5, filters: small named rules that drop what classification let through.

Each rule is a class with a ``name`` (what a dropped block reports as its rule) and an
``apply(page, labels)`` returning new labels. Rules only ever drop blocks; they run in the order
of :data:`DEFAULT_FILTERS` and each can be tested alone on a synthetic :class:`Page`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar, Protocol

from .config import (
    BIO_HEADINGS,
    BYLINE_PREFIXES,
    CHROME_PHRASES,
    MAX_BYLINE_WORDS,
    MIN_REPEAT_CHARS,
    PROMPT_PREFIXES,
    TEASER_HEADINGS,
    TEASER_SPAN,
)
from .features import container_of
from .page import Labels, Page

_TRIM = " \t\n:：.…»›>|-–—•·*#/()[]\"'“”‘’«»!?"
_WORD_RE = re.compile(r"\w+")
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:am|pm|a\.m|p\.m|et|est|edt|gmt|utc|bst|"
    r"cet|pst|pdt|updated|published|posted|on|at|last|modified|min|read|ago|hours?|minutes?|"
    r"days?)\b|\d+(?:st|nd|rd|th)?",
    re.I,
)


def phrase(text: str) -> str:
    """A block's text as phrase lists hold it: lower case, outer punctuation trimmed."""
    return " ".join(text.casefold().split()).strip(_TRIM)


def text_key(text: str) -> str:
    """A key that two copies of one text share whatever their quotes, case and spacing."""
    return "".join(_WORD_RE.findall(text.casefold()))


def _phrases(table: Iterable[Sequence[str]]) -> frozenset[str]:
    return frozenset(phrase(p) for group in table for p in group)


_TEASERS = _phrases(TEASER_HEADINGS.values())
_CHROME = _phrases(CHROME_PHRASES.values())
_BIOS = _phrases([BIO_HEADINGS])


class Filter(Protocol):
    name: ClassVar[str]

    def apply(self, page: Page, labels: Labels) -> Labels: ...


def _drop(labels: Labels, indices: Iterable[int], rule: str) -> Labels:
    out = list(labels)
    for i in indices:
        if out[i] is None:
            out[i] = rule
    return out


def section_after(page: Page, i: int) -> range:
    """Blocks after block ``i`` inside the smallest container that has any."""
    nodes = page.nodes
    node = container_of(nodes, page.blocks[i].node)
    for _ in range(4):
        end = nodes[node].end_block
        if end > i + 1 or nodes[node].parent < 0:
            return range(i + 1, min(end, i + 1 + TEASER_SPAN))
        node = nodes[node].parent
    return range(i + 1, i + 1)


def _is_short(page: Page, i: int, limit: int | None = None) -> bool:
    return page.features[i].words <= (limit if limit is not None else page.thresholds.short_words)


class TitleFilter:
    """The headline is the title, not body text."""

    name: ClassVar[str] = "title"

    def apply(self, page: Page, labels: Labels) -> Labels:
        title = text_key(page.title) if page.title else ""
        drop = []
        seen_prose = False
        for i, block in enumerate(page.blocks):
            if block.kind == "heading":
                key = text_key(block.text)
                if (key and title and (key == title or (len(key) > 20 and key in title))) or (
                    block.level == 1 and not seen_prose
                ):
                    drop.append(i)
            elif labels[i] is None and page.is_prose(i):
                seen_prose = True
        return _drop(labels, drop, self.name)


class NavigationFilter:
    """Menus, tag lists, breadcrumbs and pagination: list items and lines made of links."""

    name: ClassVar[str] = "navigation"
    _PAGING = re.compile(r"^[\d\s|/·•«»‹›<>.…-]+$|^(?:page \d+ of \d+)$", re.I)

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop = []
        for i, (block, f) in enumerate(zip(page.blocks, page.features, strict=True)):
            if labels[i] is not None:
                continue
            fully_linked = f.words > 0 and f.link_density >= 0.8
            if (
                fully_linked and (block.kind == "item" or _is_short(page, i))
            ) or self._PAGING.match(block.text):
                drop.append(i)
        return _drop(labels, drop, self.name)


class ChromeFilter:
    """Share bars, sign-up, consent and paywall prompts, and the lines of their boxes."""

    name: ClassVar[str] = "share-signup-consent"

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None:
                continue
            p = phrase(block.text)
            if _is_short(page, i) and p in _CHROME:
                drop.append(i)
            elif p.startswith(PROMPT_PREFIXES):
                drop.append(i)
                # The rest of a prompt's own small box goes with it.
                box = section_after(page, i)
                if len(box) <= 4:
                    drop.extend(j for j in box if not page.is_prose(j) or j == box.start)
        return _drop(labels, drop, self.name)


class BylineFilter:
    """Bylines, datelines and author boxes."""

    name: ClassVar[str] = "byline"

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None or block.kind in ("item", "cell", "pre"):
                continue
            if not _is_short(page, i, MAX_BYLINE_WORDS):
                continue
            p = phrase(block.text)
            if p in _BIOS:
                drop.append(i)
                drop.extend(j for j in section_after(page, i) if page.features[j].words < 80)
            elif p.startswith(BYLINE_PREFIXES) or self._is_date(p):
                drop.append(i)
        return _drop(labels, drop, self.name)

    @staticmethod
    def _is_date(p: str) -> bool:
        if not any(c.isdigit() for c in p):
            return False
        rest = _DATE_WORDS.sub(" ", p)
        return len(_WORD_RE.findall(rest)) <= 1


class TeaserFilter:
    """ "You may also like", "Related" and the like, with the teasers listed under them."""

    name: ClassVar[str] = "teasers"

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None or not _is_short(page, i):
                continue
            p = phrase(block.text)
            if p not in _TEASERS and not any(p.startswith(t + " ") for t in _MORE_PREFIXES):
                continue
            drop.append(i)
            for j in section_after(page, i):
                if page.is_prose(j) and not self._truncated(page.blocks[j].text):
                    break
                drop.append(j)
        return _drop(labels, drop, self.name)

    @staticmethod
    def _truncated(text: str) -> bool:
        return text.rstrip().endswith(("...", "…"))


_MORE_PREFIXES = ("more from", "more in", "more on", "more about", "read more", "more stories")


class RepeatFilter:
    """Text the page carries twice (a second copy, a pull quote) is kept once."""

    name: ClassVar[str] = "repeat"

    def apply(self, page: Page, labels: Labels) -> Labels:
        seen: set[str] = set()
        drop: list[int] = []
        kept_keys: list[tuple[int, str]] = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None:
                continue
            key = text_key(block.text)
            if len(key) < MIN_REPEAT_CHARS:
                continue
            if key in seen:
                drop.append(i)
            else:
                seen.add(key)
                kept_keys.append((i, key))
        # Pull quotes: a quote-like block whose text stands inside another kept block.
        for i, key in kept_keys:
            if i in drop or not self._quote_like(page, i):
                continue
            if any(j != i and key in other for j, other in kept_keys if len(other) > len(key)):
                drop.append(i)
        return _drop(labels, drop, self.name)

    @staticmethod
    def _quote_like(page: Page, i: int) -> bool:
        block = page.blocks[i]
        node = page.nodes[block.node]
        if block.kind == "quote" or node.tag in ("aside", "blockquote", "figure"):
            return True
        return any("quote" in t for t in node.tokens)


class ShortBoxFilter:
    """A box of short lines with no prose in it, nested inside the region: a profile card, a
    signature, a "who is online" panel. Lists and tables are exempt: their items are short."""

    name: ClassVar[str] = "short-box"
    _EXEMPT_BOXES = frozenset({"ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "figure"})
    _EXEMPT_KINDS = frozenset({"heading", "caption", "pre", "quote"})

    def apply(self, page: Page, labels: Labels) -> Labels:
        nodes, region = page.nodes, page.region
        if not region:
            return labels
        prose = [0]
        inside = [0]
        for i in range(len(page.blocks)):
            prose.append(prose[-1] + page.is_prose(i))
            inside.append(inside[-1] + region[i])
        if not prose[-1]:
            return labels
        # Boxes shaped like the boxes that hold prose (same parent, tag and classes) are part
        # of the flow: pages that wrap every paragraph in its own div.
        flow = set()
        for i, block in enumerate(page.blocks):
            if page.is_prose(i):
                box = nodes[container_of(nodes, block.node)]
                flow.add((box.parent, box.tag, box.tokens))
        drop = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None or block.kind in self._EXEMPT_KINDS:
                continue
            if page.features[i].words >= page.thresholds.long_words:
                continue
            box = nodes[container_of(nodes, block.node)]
            if box.tag in self._EXEMPT_BOXES or box.parent < 0:
                continue
            if (box.parent, box.tag, box.tokens) in flow:
                continue
            if prose[box.end_block] - prose[box.first_block]:
                continue
            up = nodes[box.parent]
            if inside[up.end_block] - inside[up.first_block] == up.end_block - up.first_block:
                drop.append(i)
        return _drop(labels, drop, self.name)


_SENTENCE_END = (".", "!", "?", "。", "！", "？", '"', "”", "»", "…", ":")


class EdgeFilter:
    """Short lines before the first and after the last kept prose block: labels, credits."""

    name: ClassVar[str] = "short-edge"

    def apply(self, page: Page, labels: Labels) -> Labels:
        prose = [i for i in range(len(page.blocks)) if labels[i] is None and page.is_prose(i)]
        if not prose:
            return labels
        first, last = prose[0], prose[-1]
        th = page.thresholds
        drop = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None or first <= i <= last:
                continue
            f = page.features[i]
            if (
                i < first
                and block.kind != "heading"
                and (
                    f.words < page.thresholds.short_words or not block.text.endswith(_SENTENCE_END)
                )
            ):
                drop.append(i)
            elif i > last and block.kind not in ("item", "cell", "pre"):
                # A closing sentence stays; a label, a credit or a heading with nothing
                # under it goes.
                sentence = f.words >= 3 and block.text.endswith(_SENTENCE_END[:6])
                if block.kind == "heading" or (f.words < th.short_words and not sentence):
                    drop.append(i)
        return _drop(labels, drop, self.name)


DEFAULT_FILTERS: tuple[Filter, ...] = (
    TitleFilter(),
    NavigationFilter(),
    ChromeFilter(),
    BylineFilter(),
    TeaserFilter(),
    RepeatFilter(),
    ShortBoxFilter(),
    EdgeFilter(),
)


def apply_filters(
    page: Page, labels: Labels, filters: Sequence[Filter] = DEFAULT_FILTERS
) -> Labels:
    for rule in filters:
        labels = rule.apply(page, labels)
    return labels
