"""Stage 5, filters: small named rules that drop what classification let through.

Each rule is a class with a ``name`` (what a dropped block reports as its rule) and an
``apply(page, labels)`` returning new labels. Rules only ever drop blocks; they run in the order
of :data:`DEFAULT_FILTERS` and each can be tested alone on a synthetic :class:`Page`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, compress, repeat
from operator import is_, not_
from types import MappingProxyType
from typing import ClassVar, Protocol

from ..config import (
    BIO_HEADINGS,
    CHROME_PHRASES,
    MAX_BIO_WORDS,
    MAX_BYLINE_WORDS,
    MAX_CARD_WORDS,
    MAX_PROMPT_WORDS,
    MAX_PULL_QUOTES,
    MIN_CARDS,
    MIN_GALLERY_ARTICLE,
    MIN_GALLERY_CAPTIONS,
    MIN_MENU_LINK_DENSITY,
    MIN_REPEAT_CHARS,
    PROMPT_PREFIXES,
    SECTION_LEVELS,
    TEASER_HEADINGS,
    TEASER_SPAN,
    THREAD_COUNT_WORDS,
)
from ..text.bylines import is_dateline, opens_like_a_byline
from ..text.phrases import is_headline, phrase, phrase_head, text_key, title_key
from .features import container_of, names_standfirst
from .page import Labels, Page
from .segment import Node


def _phrases(table: Iterable[Sequence[str]]) -> frozenset[str]:
    return frozenset(phrase(p) for group in table for p in group)


_TEASERS = _phrases(TEASER_HEADINGS.values())
_CHROME = _phrases(CHROME_PHRASES.values())
_BIOS = _phrases([BIO_HEADINGS])


class Filter(Protocol):
    name: ClassVar[str]

    def apply(self, page: Page, labels: Labels) -> Labels: ...


def _kept(labels: Labels) -> Iterator[int]:
    """The blocks still kept, in order (picked in C: the rules read no dropped block)."""
    return compress(range(len(labels)), map(is_, labels, repeat(None)))


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
    for _ in range(SECTION_LEVELS):
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
        title = title_key(page.title)
        drop = []
        seen_prose = False
        prose = page.prose
        for i, block in enumerate(page.blocks):
            if block.kind == "heading":
                # (with no title, no heading is the title's: its key is not needed)
                if (title and is_headline(text_key(block.text), title)) or (
                    block.level == 1 and not seen_prose
                ):
                    drop.append(i)
            elif not seen_prose and labels[i] is None and prose[i]:
                seen_prose = True
        return _drop(labels, drop, self.name)


class NavigationFilter:
    """Menus, tag lists, breadcrumbs and pagination: list items and lines made of links."""

    name: ClassVar[str] = "navigation"
    #: Page numbers: at least two numbers among separators, or "page 2 of 5".
    _PAGING = re.compile(
        # Possessive: digits and separators never share a character, and giving some back
        # to retry made a 5 MB run of digits cost a second.
        r"^[\s|/·•«»‹›<>.…-]*+\d++(?:[\s|/·•«»‹›<>.…-]++\d++)++[\s|/·•«»‹›<>.…-]*+$"
        r"|^page \d+ of \d+$",
        re.I,
    )

    @classmethod
    def _paging(cls, text: str) -> bool:
        """Page numbers (:attr:`_PAGING`). A line that opens with a letter other than "p"
        holds none: no letter is a digit, a space or a separator (and only "p" and "P" match
        "p" case-blind), so the pattern is not tried on it."""
        lead = text[:1]
        if lead.isalpha() and lead not in "pP":
            return False
        return cls._PAGING.match(text) is not None

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop = []
        blocks, features = page.blocks, page.features
        short_words = page.thresholds.short_words
        for i in _kept(labels):
            block, f = blocks[i], features[i]
            fully_linked = f.words > 0 and f.link_density >= MIN_MENU_LINK_DENSITY
            if (fully_linked and (block.kind == "item" or f.words <= short_words)) or (
                block.kind != "cell" and self._paging(block.text)
            ):
                drop.append(i)
        return _drop(labels, drop, self.name)


class ChromeFilter:
    """Share bars, sign-up, consent and paywall prompts, and the lines of their boxes."""

    name: ClassVar[str] = "share-signup-consent"
    #: A longer line is read only as far as a prompt's opening words go.
    _PROMPT_CHARS: ClassVar[int] = max(map(len, PROMPT_PREFIXES))
    #: The prompts' openings by their first character: a line is compared with the few that
    #: open as it does, not with all of them.
    _PROMPTS_BY_FIRST: ClassVar[Mapping[str, tuple[str, ...]]] = MappingProxyType(
        {c: tuple(p for p in PROMPT_PREFIXES if p[0] == c) for c in {p[0] for p in PROMPT_PREFIXES}}
    )

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        short_words = page.thresholds.short_words
        longest = max(short_words, MAX_PROMPT_WORDS)
        blocks, features = page.blocks, page.features
        read = [i for i in _kept(labels) if features[i].words <= longest]
        # Short lines by their whole phrase (made once for the page), longer ones by its head.
        phrases = page.memo.phrases
        prompts = self._PROMPTS_BY_FIRST
        for i in read:
            words = features[i].words
            if words <= short_words:
                p = phrases[i] or page.phrase(i)
                if p in _CHROME:
                    drop.append(i)
                    continue
            else:
                p = phrase_head(blocks[i].text, self._PROMPT_CHARS)
            if words <= MAX_PROMPT_WORDS and p.startswith(prompts.get(p[:1], ())):
                drop.append(i)
                # The short lines of a prompt's box (price, buttons) go with it, up to the
                # first paragraph of prose.
                for j in section_after(page, i):
                    if page.is_prose(j):
                        break
                    drop.append(j)
        return _drop(labels, drop, self.name)


class BylineFilter:
    """Bylines, datelines and author boxes."""

    name: ClassVar[str] = "byline"

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        blocks, features = page.blocks, page.features
        phrases = page.memo.phrases  # (made by page.phrase: see Memo)
        for i in _kept(labels):
            block = blocks[i]
            if block.kind in ("item", "cell", "pre") or features[i].words > MAX_BYLINE_WORDS:
                continue
            p = phrases[i] or page.phrase(i)
            if p in _BIOS:
                drop.append(i)
                drop.extend(
                    j for j in section_after(page, i) if page.features[j].words < MAX_BIO_WORDS
                )
            elif opens_like_a_byline(block.text, p) or (block.kind != "heading" and is_dateline(p)):
                drop.append(i)
        return _drop(labels, drop, self.name)


class TeaserFilter:
    """ "You may also like", "Related" and the like, with the teasers listed under them."""

    name: ClassVar[str] = "teasers"

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        short_words, features = page.thresholds.short_words, page.features
        phrases = page.memo.phrases  # (made by page.phrase: see Memo)
        for i in _kept(labels):
            if features[i].words > short_words:
                continue
            p = phrases[i] or page.phrase(i)
            if p not in _TEASERS and not p.startswith(_MORE_STARTS):
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


class TeaserCardFilter:
    """A list of other stories drawn as cards: three or more sibling boxes of one make, each
    short and opening with a line of links (the story's headline) followed by its summary. The
    summaries read as prose, so the region may take them in; the cards' make gives them away.
    Not on a thread, where every post opens with its author's link."""

    name: ClassVar[str] = "teaser-cards"

    def apply(self, page: Page, labels: Labels) -> Labels:
        if page.posts.count(None) != len(page.posts):  # (a post is True or False)
            return labels
        nodes, features = page.nodes, page.features
        linked = [f.words > 0 and f.link_density >= MIN_MENU_LINK_DENSITY for f in features]
        if True not in linked:
            return labels  # no card opens
        words = [0, *accumulate(f.words for f in features)]
        unlinked = list(compress(range(len(linked)), map(not_, linked)))
        # The cards, by make of sibling boxes (parent, tag, classes).
        makes: dict[tuple[int, str, tuple[str, ...]], list[int]] = {}
        carded: set[int] = set()
        for nd in nodes:
            first, end = nd.first_block, nd.end_block
            if (
                end - first >= 2
                and linked[first]
                and nd.parent >= 0
                and words[end] - words[first] <= MAX_CARD_WORDS
                and _any_within(unlinked, first + 1, end)  # not all links after the first
            ):
                makes.setdefault((nd.parent, nd.tag, nd.tokens), []).append(nd.index)
                carded.add(nd.index)
        makes = {key: boxes for key, boxes in makes.items() if len(boxes) >= MIN_CARDS}
        if not makes:
            return labels
        # A make with a box that is not a card is not a list of cards: a section of the
        # article among short ones that open with a linked heading.
        parents = {parent for parent, _, _ in makes}
        for nd in nodes:
            if nd.parent in parents and nd.end_block > nd.first_block:
                boxes = makes.get((nd.parent, nd.tag, nd.tokens))
                if boxes is not None and nd.index not in carded:
                    boxes.clear()
        cards = {box for boxes in makes.values() for box in boxes}
        if not cards:
            return labels
        drop = []
        for i, block in enumerate(page.blocks):
            if labels[i] is not None or linked[i]:
                continue
            node = container_of(nodes, block.node)
            for _ in range(SECTION_LEVELS):
                if node in cards:
                    drop.append(i)
                    break
                node = nodes[node].parent
                if node < 0:
                    break
        # A page that is only cards is a listing, and the listing is what it has to read.
        dropped = set(drop)
        if not any(
            page.is_prose(i) and labels[i] is None and i not in dropped
            for i in range(len(page.blocks))
        ):
            return labels
        return _drop(labels, drop, self.name)


def _any_within(indices: list[int], start: int, end: int) -> bool:
    """Whether the sorted ``indices`` hold one in ``range(start, end)``."""
    at = bisect_left(indices, start)
    return at < len(indices) and indices[at] < end


class GalleryFilter:
    """A slideshow: captions kept one after another, from :data:`MIN_GALLERY_CAPTIONS` on,
    with no other kept text between them than short lines (a slide's counter, its buttons).
    An article's own figures stand among its paragraphs, one or two at a time."""

    name: ClassVar[str] = "gallery"

    def apply(self, page: Page, labels: Labels) -> Labels:
        drop: list[int] = []
        run: list[int] = []
        blocks, nodes = page.blocks, page.nodes
        short_words, features = page.thresholds.short_words, page.features
        boxes = page.memo.boxes  # (made by page.box: see Memo)
        for i in [*_kept(labels), -1]:
            if i >= 0:
                # (a block that is no caption and whose element and box have no names is none)
                block = blocks[i]
                named = block.kind == "caption" or bool(nodes[block.node].tokens)
                if not named:
                    at = boxes[i]
                    named = bool(nodes[at if at >= 0 else page.box(i)].tokens)
                if named and self._caption(page, i):
                    run.append(i)
                    continue
                if features[i].words <= short_words:
                    continue  # a slide's counter or button ("3 of 12", "Hide caption")
            if len(run) >= MIN_GALLERY_CAPTIONS:
                drop.extend(run)
            run = []
        if not drop:
            return labels
        # A photo post is its captions, under a line or a paragraph of introduction: they
        # stay unless an article of more than one paragraph stands beside them.
        gone = set(drop)
        rest = [i for i in range(len(page.blocks)) if labels[i] is None and i not in gone]
        if sum(page.is_prose(i) for i in rest) < MIN_GALLERY_ARTICLE:
            return labels
        return _drop(labels, drop, self.name)

    @staticmethod
    def _caption(page: Page, i: int) -> bool:
        """A slide's caption. Captions in the cells of a table are a layout table's figures,
        set beside the text they illustrate, not slides."""
        block = page.blocks[i]
        nodes = page.nodes
        box = page.box(i)
        # a word without a space is in the class names joined by spaces only inside one
        if block.kind != "caption" and "caption" not in " ".join(
            nodes[block.node].tokens + nodes[box].tokens
        ):
            return False
        parent = nodes[box].parent
        return not (
            nodes[box].tag in _CELL_TAGS or (parent >= 0 and nodes[parent].tag in _CELL_TAGS)
        )


_CELL_TAGS = frozenset({"td", "th"})
#: Elements that hold quotes, pulled out or not (see RepeatFilter).
_QUOTE_TAGS = frozenset({"aside", "blockquote", "figure"})


_MORE_PREFIXES = ("more from", "more in", "more on", "more about", "read more", "more stories")
_MORE_STARTS = tuple(t + " " for t in _MORE_PREFIXES)


class RepeatFilter:
    """Text the page carries twice (a second copy, a pull quote) is kept once. A repeat inside
    the same container as its first copy is the author's (a recipe given for two plans, a
    refrain) and stays; a copy in another container is the page's (a mobile and a desktop
    version of the article) and goes."""

    name: ClassVar[str] = "repeat"

    def apply(self, page: Page, labels: Labels) -> Labels:
        first: dict[str, int] = {}
        drop: list[int] = []
        kept_keys: list[tuple[int, str]] = []
        blocks = page.blocks
        for i in _kept(labels):
            text = blocks[i].text
            # The key is never longer than the text, or thrice it (casefolding "ﬃ" is "ffi"):
            # a text too short for a key that long is not keyed.
            if len(text) < MIN_REPEAT_CHARS and (
                text.isascii() or 3 * len(text) < MIN_REPEAT_CHARS
            ):
                continue
            key = text_key(text)
            if len(key) < MIN_REPEAT_CHARS:
                continue
            if key in first:
                if page.box(first[key]) != page.box(i):
                    drop.append(i)
            else:
                first[key] = i
                kept_keys.append((i, key))
        # Pull quotes: a quote-like block whose text stands inside another kept block. Keys
        # are runs of word characters and all differ, so a key found twice in all of them
        # joined by NULs stands inside another (longer) one. Only the first few are looked at.
        dropped = set(drop)
        quotes: list[tuple[int, str]] = []
        nodes = page.nodes
        for i, key in kept_keys:
            block = blocks[i]
            node = nodes[block.node]
            # (_quote_like, its cheap tests first)
            if (
                block.kind == "quote"
                or node.tag in _QUOTE_TAGS
                or (node.tokens and self._quote_like(page, i))
            ) and i not in dropped:
                quotes.append((i, key))
                if len(quotes) == MAX_PULL_QUOTES:
                    break
        joined = "\x00".join(key for _, key in kept_keys) if quotes else ""
        for i, key in quotes:
            if joined.count(key) >= 2:
                drop.append(i)
        return _drop(labels, drop, self.name)

    @staticmethod
    def _quote_like(page: Page, i: int) -> bool:
        block = page.blocks[i]
        node = page.nodes[block.node]
        if block.kind == "quote" or node.tag in _QUOTE_TAGS:
            return True
        # inside one name (see GalleryFilter._caption); no names, no quote
        return bool(node.tokens) and "quote" in " ".join(node.tokens)


#: Marks that open the lines of a list written as plain text.
_BULLETS = ("•", "·", "◦", "▪", "■", "►", "‣", "– ", "- ", "* ")


def _bulleted(text: str) -> bool:
    """A line of a list written as text, not marked up: it stays with its list."""
    return text.startswith(_BULLETS)


def _post_text(page: Page, i: int) -> bool:
    """What a user wrote in a post of a thread page: content however short (see
    :attr:`Page.posts`)."""
    return bool(page.posts) and page.posts[i] is True


def _bare_quote(nodes: Sequence[Node], box: int, node: int) -> bool:
    """Whether ``box`` is a ``blockquote`` the writer set in the text: it and every element
    between it and ``node`` bear no class or id. An editor's quotation (a poem, a passage of
    a law, a reader's letter) is the article's, in short lines or not; a template's quote box
    (a pull quote, an embedded post) is named."""
    if nodes[box].tag != "blockquote":
        return False
    while node != box and node >= 0:
        if nodes[node].tokens:
            return False
        node = nodes[node].parent
    return not nodes[box].tokens


class ShortBoxFilter:
    """A box of short lines with no prose in it, nested inside the region: a profile card, a
    signature, a "who is online" panel. Lists (marked up or written as bulleted lines), tables
    (cells, wherever their box) and titled sections are exempt."""

    name: ClassVar[str] = "short-box"
    _LIST_BOXES = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr", "figure"})
    _EXEMPT_KINDS = frozenset({"heading", "caption", "pre", "quote", "cell"})

    def apply(self, page: Page, labels: Labels) -> Labels:
        nodes, region = page.nodes, page.region
        if not region:
            return labels
        blocks, features = page.blocks, page.features
        # Per node, how many blocks of it are prose, are in the region, are headings.
        prose = list(accumulate(page.prose, initial=0))
        if not prose[-1]:
            return labels
        inside = list(accumulate(region, initial=0))
        headings = list(accumulate([b.kind == "heading" for b in blocks], initial=0))

        def in_region(node: int) -> bool:
            nd = nodes[node]
            return inside[nd.end_block] - inside[nd.first_block] == nd.end_block - nd.first_block

        # Boxes shaped like the boxes that hold prose (same parent, tag and classes) are part
        # of the flow: pages that wrap every paragraph in its own div.
        boxes = page.memo.boxes  # (made by page.box: see Memo)
        flow = set()
        for i in compress(range(len(blocks)), page.prose):
            at = boxes[i]
            holder = nodes[at if at >= 0 else page.box(i)]
            flow.add((holder.parent, holder.tag, holder.tokens))
        long_words = page.thresholds.long_words
        drop = []
        for i in _kept(labels):
            block = blocks[i]
            if block.kind in self._EXEMPT_KINDS or features[i].words >= long_words:
                continue
            if _bulleted(block.text) or _post_text(page, i):
                continue
            at = boxes[i]
            nd = nodes[at if at >= 0 else page.box(i)]
            if prose[nd.end_block] - prose[nd.first_block]:
                continue
            # Widen to the largest prose-free box below the region's own level.
            while nd.parent >= 0:
                upper = nodes[nd.parent]
                if (
                    prose[upper.end_block] - prose[upper.first_block]
                    or upper.parent < 0
                    or not in_region(upper.parent)
                ):
                    break
                nd = upper
            if nd.parent < 0 or not in_region(nd.parent):
                continue
            if nd.tag in self._LIST_BOXES or headings[nd.end_block] - headings[nd.first_block]:
                continue
            if _bare_quote(nodes, nd.index, block.node):
                continue
            if (nd.parent, nd.tag, nd.tokens) in flow:
                continue
            drop.append(i)
        return _drop(labels, drop, self.name)


#: Boxes that pages repeat once per line or paragraph.
_LINE_BOXES = frozenset({"div", "p", "section"})
_LIST_TAGS = frozenset({"ul", "ol", "dl"})
_TRAILING_KEPT_KINDS = frozenset({"item", "cell", "pre"})
_SENTENCE_END = (".", "!", "?", "。", "！", "？", '"', "”", "»", "…", ":")


class EdgeFilter:
    """Short lines before the first and after the last kept prose block, outside the box that
    holds the body's first (last) paragraph: labels, credits, and headings with nothing left
    under them."""

    name: ClassVar[str] = "short-edge"

    def apply(self, page: Page, labels: Labels) -> Labels:
        prose = [i for i, label in enumerate(labels) if label is None and page.prose[i]]
        if not prose:
            return labels
        first, last = prose[0], prose[-1]
        th = page.thresholds
        nodes, boxes = page.nodes, page.memo.boxes  # (made by page.box: see Memo)
        shapes: dict[tuple[int, bool], tuple[int, str, tuple[str, ...]]] = {}

        def box(i: int, *, list_as_line: bool = False) -> tuple[int, str, tuple[str, ...]]:
            # A block's box by its shape: pages that wrap each line in its own div repeat it.
            # (Made once per box: many blocks share one.)
            at = boxes[i]
            if at < 0:
                at = page.box(i)
            known = shapes.get((at, list_as_line))
            if known is not None:
                return known
            nd = nodes[at]
            if list_as_line and nd.tag in _LIST_TAGS and nd.parent >= 0:
                # A list stands in its box as a paragraph does: a list among the body's
                # opening paragraphs is the body's.
                nd = nodes[nd.parent]
            shape = (nd.parent, nd.tag, nd.tokens) if nd.tag in _LINE_BOXES else (nd.index, "", ())
            shapes[at, list_as_line] = shape
            return shape

        body, tail = box(first, list_as_line=True), box(last)
        out = list(labels)
        blocks, features, posts, region = page.blocks, page.features, page.posts, page.region
        for i in range(first):  # before the body
            block = blocks[i]
            if out[i] is not None or block.kind == "heading" or (posts and posts[i] is True):
                continue  # (a post's text: see _post_text)
            if features[i].words >= th.short_words and block.text.endswith(_SENTENCE_END):
                continue  # a sentence of some length
            # Lines in the body's own container are the body's opening lines; a standfirst the
            # region took in is the article's first (it may lack a full stop).
            if box(i, list_as_line=True) != body and not (
                region
                and region[i]
                # (a block whose element and box have no names is named no standfirst)
                and (nodes[block.node].tokens or nodes[page.box(i)].tokens)
                and names_standfirst(nodes, block.node)
            ):
                out[i] = self.name
        for i in range(last + 1, len(blocks)):  # after the body
            block = blocks[i]
            if out[i] is not None or block.kind == "heading" or (posts and posts[i] is True):
                continue
            # After the last paragraph a closing sentence stays; a label, a credit or a line
            # of links goes, unless it shares the last paragraph's box.
            words = features[i].words
            if (
                words < th.long_words
                and block.kind not in _TRAILING_KEPT_KINDS
                and not (words >= 3 and block.text.endswith(_SENTENCE_END[:9]))
                and not _bulleted(block.text)
                and box(i) != tail
            ):
                out[i] = self.name
        # A heading after the last paragraph stays only with kept lines under it.
        under = False
        for i in range(len(page.blocks) - 1, last, -1):
            if out[i] is not None:
                continue
            if page.blocks[i].kind == "heading":
                if not under:
                    out[i] = self.name
                under = False
            else:
                under = True
        return out


class ShortLineFilter:
    """Precision mode only: short lines go, whatever their place (see
    :attr:`Thresholds.min_kept_words`)."""

    name: ClassVar[str] = "short-line"
    _KEPT_KINDS = frozenset({"heading", "item", "cell", "pre"})

    def apply(self, page: Page, labels: Labels) -> Labels:
        limit = page.thresholds.min_kept_words
        if not limit:
            return labels
        kept = [i for i, label in enumerate(labels) if label is None]
        drop = [
            i
            for i in kept
            if page.blocks[i].kind not in self._KEPT_KINDS and page.features[i].words < limit
        ]
        gone = set(drop)
        if not any(_is_sentence(page, i) for i in kept if i not in gone):
            return labels  # nothing would be left to read: the page is judged whole later
        return _drop(labels, drop, self.name)


def _is_sentence(page: Page, i: int) -> bool:
    """A block with a sentence in it, of some length. A long unlinked paragraph is one even
    without a full stop: a post's one paragraph may end on a colon before its pictures."""
    f = page.features[i]
    if (
        page.blocks[i].kind == "paragraph"
        and f.words >= page.thresholds.long_words
        and f.link_density <= page.thresholds.max_link_density
    ):
        return True
    return f.sentence_ends > 0 and f.words >= page.thresholds.short_words


class FragmentsFilter:
    """When what is left holds not one sentence of some length, it is a listing's labels or a
    page's scraps, not an article: nothing is kept."""

    name: ClassVar[str] = "no-sentence"

    def apply(self, page: Page, labels: Labels) -> Labels:
        kept = [i for i, label in enumerate(labels) if label is None]
        if any(_is_sentence(page, i) for i in kept):
            return labels
        return _drop(labels, kept, self.name)


class PostChromeFilter:
    """On a forum or Q&A thread (see :attr:`Page.posts`), the short lines that are not what a
    user wrote: in a post, the user's name and rank, the date, vote counts, "Reply" and
    "Quote"; around the thread, its counts and prompts ("3 answers", "Log in to reply").
    Lists, tables, code and quotes inside a post are the post's."""

    name: ClassVar[str] = "post-chrome"
    _KEPT_KINDS = frozenset({"item", "cell", "pre", "quote", "caption"})
    #: A heading that counts the thread's posts ("3 answers", "12 replies", "5 条评论"); other
    #: headings in a thread are its posts' titles.
    _COUNT = re.compile(rf"^\d[\d,.]*\s*(?:{'|'.join(map(re.escape, THREAD_COUNT_WORDS))})$", re.I)

    def apply(self, page: Page, labels: Labels) -> Labels:
        posts = page.posts
        if not posts:
            return labels
        inside = [i for i, post in enumerate(posts) if post is not None]
        if not inside:
            return labels
        first, last = inside[0], inside[-1]
        drop = [
            i
            for i, block in enumerate(page.blocks)
            if (posts[i] is False or (posts[i] is None and not first < i < last))
            and block.kind not in self._KEPT_KINDS
            and _is_short(page, i)
            and (block.kind != "heading" or self._COUNT.match(page.phrase(i)))
        ]
        return _drop(labels, drop, self.name)


DEFAULT_FILTERS: tuple[Filter, ...] = (
    TitleFilter(),
    NavigationFilter(),
    ChromeFilter(),
    BylineFilter(),
    TeaserFilter(),
    TeaserCardFilter(),
    GalleryFilter(),
    RepeatFilter(),
    PostChromeFilter(),
    ShortBoxFilter(),
    EdgeFilter(),
    ShortLineFilter(),
    FragmentsFilter(),
)


def apply_filters(
    page: Page, labels: Labels, filters: Sequence[Filter] = DEFAULT_FILTERS
) -> Labels:
    for rule in filters:
        labels = rule.apply(page, labels)
    return labels
