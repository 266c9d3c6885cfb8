"""Metadata read from the page's head and headline (the title, for now)."""

from __future__ import annotations

import re

from lxml import etree

_SEPARATORS = re.compile(r"\s+[|\-–—·:•»/]{1,2}\s+")
_TITLE_XPATH = etree.XPath(
    "(//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content"
    " | //head/title | //h1)"
)


#: Runs of white space, except the ideographic space that Japanese titles use as a separator.
_SPACES = re.compile(r"[^\S\u3000]+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_title(root: etree._Element) -> str | None:
    """The headline: an ``h1`` that the ``<title>`` or og:title contains, else og:title, else
    the longest part of ``<title>`` split at " | " and the like, else the first ``h1``."""
    og: str | None = None
    head_title: str | None = None
    h1s: list[tuple[str, bool]] = []
    found = _TITLE_XPATH(root)
    for item in found if isinstance(found, list) else ():
        if isinstance(item, str):
            og = og or _clean(item)
        elif isinstance(item, etree._Element):
            if item.tag == "title":
                head_title = head_title or _clean(item.text)
            elif len(h1s) < 5:
                h1s.append((_clean("".join(str(t) for t in item.itertext())), _is_logo(item)))
    # An h1 that the head's titles contain is the headline, unless it is the site's logo;
    # among several, the longest (a site name is usually the shorter part of a title).
    matches = [
        (not logo, len(h1), h1)
        for h1, logo in h1s
        if _key(h1) and any(_key(h1) in _key(t) for t in (og, head_title) if t)
    ]
    if matches:
        return max(matches)[2]
    if og:
        return og
    if head_title:
        parts = _SEPARATORS.split(head_title)
        return max(parts, key=len) if len(parts) > 1 else head_title
    return next((h for h, logo in h1s if h and not logo), None) or next(
        (h for h, _ in h1s if h), None
    )


def _is_logo(h1: etree._Element) -> bool:
    """An h1 that is a link home: inside a link, or all of its text in one."""
    if any(True for _ in h1.iterancestors("a")):
        return True
    link = h1.find(".//a")
    text = _clean("".join(str(t) for t in h1.itertext()))
    return link is not None and _clean("".join(str(t) for t in link.itertext())) == text
