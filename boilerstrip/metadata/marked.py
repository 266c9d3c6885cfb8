"""Elements marked as an author (class, ``rel``, ``itemprop``, a link to an author's page) in
the boxes around the headline: their texts give the byline and the names when no structured data
does, and the dates beside them."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
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
#: Element siblings of the headline (or its wrapper) read for its byline: before it, after it.
SIBLINGS_BEFORE = 2
SIBLINGS_AFTER = 4
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
    marked = _beside(top)
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


def _beside(top: etree._Element) -> list[etree._Element]:
    """The elements with an ``itemprop``, a ``rel`` or a class holding "uthor" or "yline" in
    the element siblings nearest ``top`` (:data:`SIBLINGS_BEFORE` before it,
    :data:`SIBLINGS_AFTER` after it) and in what they hold, in document order: the first
    :data:`MAX_HEADER_ELEMENTS`. A loop in Python costs half the XPath of the same tests."""
    before = list(islice(top.itersiblings(etree.Element, preceding=True), SIBLINGS_BEFORE))
    out: list[etree._Element] = []
    for sibling in (*reversed(before), *islice(top.itersiblings(etree.Element), SIBLINGS_AFTER)):
        for el in sibling.iter():
            names = el.keys()  # comments and processing instructions have none
            if not names:
                continue
            if "itemprop" in names or "rel" in names:
                pass
            elif "class" not in names:
                continue
            else:
                cls = el.get("class", "")
                if "uthor" not in cls and "yline" not in cls:
                    continue
            out.append(el)
            if len(out) >= MAX_HEADER_ELEMENTS:
                return out
    return out


def _outer(marked: list[etree._Element]) -> set[etree._Element]:
    """The elements of ``marked`` that hold another: a wrapper's text glues the name to what is
    beside it ("Jane DoeTwitterStaff Writer"), the innermost element holds the name alone."""
    if len(marked) < 2:
        return set()
    ancestors = {a for el in marked for a in el.iterancestors()}
    return {el for el in marked if el in ancestors}


#: Any of :data:`AUTHOR_PATHS` in a link's address (one search, not one per path).
_AUTHOR_PATH = re.compile("|".join(re.escape(path) for path in AUTHOR_PATHS))


def _scan(nodes: Iterator[etree._Element], out: list[etree._Element], most: int) -> None:
    """Append to ``out`` the elements of ``nodes`` marked as an author (a class holding
    "uthor" or "yline", ``itemprop`` or ``rel`` "author", a link to an author's page), until
    ``out`` holds ``most``. A loop in Python that reads an element's attribute names once and
    then only the values it has: an XPath with the same tests costs twice as much (libxml2
    evaluates each test as a node-set)."""
    append = out.append
    for el in nodes:
        names = el.keys()  # comments and processing instructions have none: never marked
        if not names:
            continue
        if "class" in names:
            cls = el.get("class", "")
            if "uthor" in cls or "yline" in cls:
                append(el)
                if len(out) >= most:
                    return
                continue
        if (
            ("itemprop" in names and el.get("itemprop") == "author")
            or ("rel" in names and el.get("rel") == "author")
            or (
                "href" in names
                and el.tag == "a"
                and _AUTHOR_PATH.search(el.get("href", "")) is not None
            )
        ):
            append(el)
            if len(out) >= most:
                return


def _marked_below(el: etree._Element, out: list[etree._Element]) -> list[etree._Element]:
    """``out`` with the marked elements below ``el`` (not ``el``) appended, in document
    order."""
    nodes = el.iter()
    next(nodes)  # el itself
    _scan(nodes, out, sys.maxsize)
    return out


def _around_headline(h1: etree._Element, found: Marked) -> None:
    """Elements marked as an author in the boxes around the headline, nearest box first (up to
    :data:`BYLINE_LEVELS` levels up): those after the ``h1`` first, then those before it.

    The boxes nest, so each box reads only what the box inside it did not: the subtrees before
    it, the box itself, and the subtrees after it; the box inside gave the rest, in document
    order. A page read to the last box is read once (searching every box anew read a page of
    270,000 elements eight times: 1.2 s), and a page whose byline is near the headline stops
    early."""
    boxes = _boxes_around(h1)
    if not boxes:
        return
    # (element, whether it comes after the h1): the marked elements below the box read last.
    inside: list[tuple[etree._Element, bool]] = [(el, True) for el in _marked_below(h1, [])]
    below = h1
    for node in boxes:
        before: list[etree._Element] = []
        after: list[etree._Element] = []
        side = before
        for child in node:
            if child is below:
                # The box inside comes before the h1 (an ancestor before its nodes; the h1
                # itself counts as before it, as the order of the boxes' runs had it).
                _scan(iter((below,)), before, sys.maxsize)
                side = after
            else:
                _scan(child.iter(), side, sys.maxsize)
        inside = [(el, False) for el in before] + inside + [(el, True) for el in after]
        below = node
        if not inside:
            continue
        marked = inside[:MAX_HEADER_ELEMENTS]
        elements = [el for el, _ in marked]
        outer = _outer(elements)
        nearest = [el for el, later in marked if later] + [
            el for el, later in reversed(marked) if not later
        ]
        for el in nearest:
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


def _boxes_around(h1: etree._Element) -> list[etree._Element]:
    """The boxes around the headline searched for a byline, innermost first: up to
    :data:`BYLINE_LEVELS` ancestors, below ``<html>``."""
    boxes: list[etree._Element] = []
    node = h1.getparent()
    while node is not None and node.tag != "html" and len(boxes) < BYLINE_LEVELS:
        boxes.append(node)
        node = node.getparent()
    return boxes


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
    """The page's first marked elements (a page that shows no headline)."""
    nodes = root.iter()
    next(nodes)  # the root itself
    marked: list[etree._Element] = []
    _scan(nodes, marked, MAX_HEADER_ELEMENTS)
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
        or (el.tag == "a" and _AUTHOR_PATH.search(el.get("href") or "") is not None)
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
