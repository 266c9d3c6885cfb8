"""Elements marked as an author (class, ``rel``, ``itemprop``, a link to an author's page) in
the boxes around the headline: their texts give the byline and the names when no structured data
does, and the dates beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeGuard

from lxml import etree

from ..config import AUTHOR_PATHS, MAX_BYLINE_WORDS
from .names import strip_prefix
from .text import clean, short_text, text_of


@dataclass(slots=True)
class Marked:
    """What the marked elements say, nearest the headline first."""

    names: list[str] = field(default_factory=list)
    """Texts of the innermost marked elements (a name, a byline)."""
    wrappers: list[str] = field(default_factory=list)
    """Texts of marked elements that hold another (read for a date, not for names)."""
    times: list[str] = field(default_factory=list)
    """``datetime`` of the ``<time>`` elements in the box that shows the byline."""
    itemprops: dict[str, list[str]] = field(default_factory=dict)
    """Microdata ``author`` and ``datePublished`` values in the headline's box."""


def read_marked(root: etree._Element, headline: etree._Element | None) -> Marked:
    """The marked elements of the headline's own box, else of the boxes around it; on a page
    that shows no headline, the page's first."""
    found = Marked()
    if headline is None:
        _first_marked(root, found)
    else:
        _near_headline(headline, found)
        if not found.names:
            _around_headline(headline, found)
    del found.wrappers[MAX_MARKED:]
    return found


#: Elements marked as an author that are kept: the first few are the byline's.
MAX_MARKED = 10
#: Wrappers of the ``h1`` alone climbed at most: the elements searched for the byline's are the
#: few before and after the headline (or its wrapper), with what they hold.
HEADER_LEVELS = 2
#: Boxes around the headline searched for an element marked as an author when the headline's
#: own box has none: the article's header, the article, its column; higher is the page.
BYLINE_LEVELS = 8
#: Marked elements of that subtree read at most.
MAX_HEADER_ELEMENTS = 50
_MARKED = etree.XPath(
    "(preceding-sibling::*[position() <= 2] | following-sibling::*[position() <= 4])"
    "/descendant-or-self::*[@itemprop or @rel or contains(@class, 'uthor')"
    " or contains(@class, 'yline')]"
)
#: Elements whose text is no byline however their class reads: comment threads.
_COMMENT = re.compile(r"(?<![a-z])(?:comment|repl(?:y|ies)|respons(?!ive))", re.I)


def _in_comments(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):  # a page's classes ("comments-open"), not a thread
            break
        cls = node.get("class")
        if cls and _COMMENT.search(cls):
            return True
        ident = node.get("id")
        if ident and _COMMENT.search(ident):
            return True
    return False


def _near_headline(h1: etree._Element, found: Marked) -> None:
    """Elements marked as an author (class, ``rel``, ``itemprop``) or carrying a microdata date
    in the headline's own box: a few levels up from the ``h1``, a bounded number of elements."""
    top = h1
    for _ in range(HEADER_LEVELS):
        parent = top.getparent()
        if parent is None or parent.tag in ("body", "html") or len(parent) > 1:
            break
        top = parent  # a wrapper of the h1 alone
    got = _MARKED(top)
    marked = [e for e in got if isinstance(e, etree._Element)] if isinstance(got, list) else []
    marked = marked[:MAX_HEADER_ELEMENTS]
    outer = _outer(marked)
    for el in marked:
        prop = (el.get("itemprop") or "").strip().lower()
        if prop == "datepublished":
            value = el.get("content") or el.get("datetime") or text_of(el)
            found.itemprops.setdefault(prop, []).append(clean(value))
            continue
        if prop == "author":
            name = el.find(".//*[@itemprop='name']")
            found.itemprops.setdefault(prop, []).append(text_of(name if name is not None else el))
        cls = el.get("class")
        if len(found.names) < MAX_MARKED and (
            prop == "author"
            or (el.get("rel") or "").lower() == "author"
            or (cls is not None and ("uthor" in cls or "yline" in cls) and _author_class(cls))
        ):
            text = _marked_text(el)
            if _usable(text) and not _in_comments(el):
                (found.wrappers if el in outer else found.names).append(text)


def _outer(marked: list[etree._Element]) -> set[etree._Element]:
    """The elements of ``marked`` that hold another: a wrapper's text glues the name to what is
    beside it ("Jane DoeTwitterStaff Writer"), the innermost element holds the name alone."""
    if len(marked) < 2:
        return set()
    ancestors = {a for el in marked for a in el.iterancestors()}
    return {el for el in marked if el in ancestors}


#: Elements with no attribute (most of a long article's) are passed over by the first test;
#: each attribute's value is read once, not once per word looked for in it.
_ANY_MARKED = etree.XPath(
    ".//*[@*][@class[contains(., 'uthor') or contains(., 'yline')]"
    " or @itemprop='author' or @rel='author' or self::a/@href["
    + " or ".join(f"contains(., '{path}')" for path in AUTHOR_PATHS)
    + "]]"
)


def _around_headline(h1: etree._Element, found: Marked) -> None:
    """Elements marked as an author in the boxes around the headline, nearest box first (up to
    :data:`BYLINE_LEVELS` levels up): those after the ``h1`` first, then those before it.

    The boxes nest, so the outermost is searched once and each box's marked elements are a run
    of that search (a box's subtree is a run of document order): searching every box anew read
    a page of 270,000 elements eight times (1.2 s). The ends of the runs are found by bisection,
    comparing nodes by their ancestors: numbering every node of the outermost box cost more
    than the rest of the metadata on an ordinary page."""
    boxes = _boxes_around(h1)
    if not boxes:
        return
    found_top = _ANY_MARKED(boxes[-1])
    everywhere = (
        [el for el in found_top if isinstance(el, etree._Element)]
        if isinstance(found_top, list)
        else []
    )
    if not everywhere:
        return
    order = _Order()
    for node in boxes:
        # The box itself is not in its search: its run starts after it, ends after its last node.
        first = order.count_up_to(everywhere, node)
        last = order.count_up_to(everywhere, _last_descendant(node))
        if first == last:
            continue
        marked = everywhere[first : min(last, first + MAX_HEADER_ELEMENTS)]
        after = [el for el in marked if order.precedes(h1, el)]
        before = [el for el in marked if not order.precedes(h1, el)][::-1]
        outer = _outer(marked)
        for el in after + before:
            if len(found.names) < MAX_MARKED:
                _keep_marked(el, found, wrapper=el in outer)
        if found.names:  # the dates shown in the box that shows the byline
            for stamp in node.iter("time"):
                value = (stamp.get("datetime") or "").strip()
                if value and not _in_comments(stamp):
                    found.times.append(value)
                    if len(found.times) >= MAX_MARKED:
                        break
            return
        if len(marked) >= MAX_HEADER_ELEMENTS:  # many marked, none a name: a listing, given up
            return


class _Order:
    """Document order of a few nodes of one tree, read from their ancestors (no walk over the
    nodes between them: the boxes around a headline can hold the whole page)."""

    def __init__(self) -> None:
        self.chains: dict[etree._Element, list[etree._Element]] = {}

    def _chain(self, el: etree._Element) -> list[etree._Element]:
        """``el`` and its ancestors, the root first."""
        chain = self.chains.get(el)
        if chain is None:
            chain = self.chains[el] = [el, *el.iterancestors()][::-1]
        return chain

    def precedes(self, a: etree._Element, b: etree._Element) -> bool:
        """Whether ``a`` comes before ``b`` in document order (an ancestor before its nodes)."""
        ca, cb = self._chain(a), self._chain(b)
        depth = 0
        while depth < len(ca) and depth < len(cb) and ca[depth] == cb[depth]:
            depth += 1
        if depth == len(cb):  # b is a or holds it
            return False
        if depth == len(ca):  # a holds b
            return True
        parent = ca[depth - 1]
        return parent.index(ca[depth]) < parent.index(cb[depth])

    def count_up_to(self, ordered: list[etree._Element], node: etree._Element) -> int:
        """How many of ``ordered`` (in document order) come no later than ``node``."""
        low, high = 0, len(ordered)
        while low < high:
            middle = (low + high) // 2
            if self.precedes(node, ordered[middle]):
                high = middle
            else:
                low = middle + 1
        return low


def _boxes_around(h1: etree._Element) -> list[etree._Element]:
    """The boxes around the headline searched for a byline, innermost first: up to
    :data:`BYLINE_LEVELS` ancestors, below ``<html>``."""
    boxes: list[etree._Element] = []
    node = h1.getparent()
    while node is not None and node.tag != "html" and len(boxes) < BYLINE_LEVELS:
        boxes.append(node)
        node = node.getparent()
    return boxes


def _last_descendant(el: etree._Element) -> etree._Element:
    """The last node of ``el``'s subtree in document order (``el`` itself when it is empty)."""
    while True:
        try:
            el = el[-1]  # from the last child: len() would count them all
        except IndexError:
            return el


def _marked_text(el: etree._Element) -> str | None:
    """The text of a marked element; when it holds links beside other elements of text (a
    forum's user box: the user's link, then a rank or a post count), the links' texts alone."""
    text = short_text(el)  # bounded: a long element is no byline, whatever it holds
    if text is None:
        return None
    links = [name for a in el.iter("a") if a is not el and (name := text_of(a))]
    if links and any(
        child.tag != "a" and next(child.iter("a"), None) is None and text_of(child) for child in el
    ):
        return " and ".join(links)
    return text


def _usable(text: str | None) -> TypeGuard[str]:
    """A marked element's text that may hold a name: short, and not a byline's opening word
    alone ("By" in its own element, the name in the next)."""
    return (
        text is not None and len(text.split()) <= MAX_BYLINE_WORDS and bool(strip_prefix(text)[0])
    )


def _first_marked(root: etree._Element, found: Marked) -> None:
    got = _ANY_MARKED(root)
    marked = [e for e in got if isinstance(e, etree._Element)] if isinstance(got, list) else []
    marked = marked[:MAX_HEADER_ELEMENTS]
    outer = _outer(marked)
    for el in marked:
        if len(found.names) < MAX_MARKED:
            _keep_marked(el, found, wrapper=el in outer)


def _keep_marked(el: etree._Element, found: Marked, *, wrapper: bool) -> None:
    prop = (el.get("itemprop") or "").strip().lower()
    cls = el.get("class")
    if (
        prop == "author"
        or (el.get("rel") or "").lower() == "author"
        or (cls is not None and _author_class(cls))
        or (el.tag == "a" and any(path in (el.get("href") or "") for path in AUTHOR_PATHS))
    ):
        text = _marked_text(el)
        if _usable(text) and not _in_comments(el):
            (found.wrappers if wrapper else found.names).append(text)


_AUTHOR_CLASS = re.compile(
    r"(?:(?:^|[\s_-])(?i:author|byline)|(?<=[a-z])(?:Author|Byline))(?:$|[\s_-]|(?i:name|list|s\b))"
)


def _author_class(cls: str | None) -> bool:
    """A class that marks an author's name or a byline ("author", "byline", "post-author",
    "article__author", "author-name"), not an avatar, a bio or a label."""
    if not cls or not _AUTHOR_CLASS.search(cls):
        return False
    low = cls.lower()
    return not any(w in low for w in ("avatar", "bio", "label", "description", "box", "info"))
