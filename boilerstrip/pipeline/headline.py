"""The page's headline: the heading its ``<title>`` names or, where the title names no
heading but the site's name (a blog that titles every page with its own name), the first
heading with a byline or a dateline beside it.

Classification gives the headline's box a little weight, so that a short post wins against a
sidebar's blurb (:func:`headline`); the fallback keeps the headline of a post whose body is a
picture when the filters kept nothing else (:func:`sole_headline`, which asks for more).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import MAX_BYLINE_WORDS, MAX_HEADLINE_HEADINGS, MAX_SUBTITLE_REACH
from ..text.bylines import is_byline
from ..text.phrases import is_headline, text_key, title_key
from .page import Page

#: Where a headline's byline or dateline stands, relative to it: the line above (a blog's date
#: header), or one of the two lines below (a subtitle may come first: see :func:`is_dated`).
BESIDE = (-1, 1, 2)


def _is_byline(page: Page, i: int) -> bool:
    return page.features[i].words <= MAX_BYLINE_WORDS and is_byline(
        page.blocks[i].text, page.phrase(i)
    )


class _Bylines:
    """Which blocks of a page are bylines or datelines (:func:`_is_byline`), each block tested
    once: the headings of a list stand beside each other's lines."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen: dict[int, bool] = {}

    def __call__(self, i: int) -> bool:
        found = self.seen.get(i)
        if found is None:
            found = self.seen[i] = _is_byline(self.page, i)
        return found


def is_dated(page: Page, at: int) -> bool:
    """Whether a byline or a dateline stands beside the block at ``at`` (see :data:`BESIDE`).
    An article's headline has one; an error page's or a parked domain's heading has not. The
    line two below counts only past an unlinked line (a subtitle), not past a link (a listing's
    first teaser, whose date that is)."""
    return _dated(page, at, _Bylines(page))


def _dated(page: Page, at: int, bylines: _Bylines) -> bool:
    n = len(page.blocks)
    for d in BESIDE:
        i = at + d
        if d == 2 and i < n and page.features[at + 1].linked_words:
            continue
        if 0 <= i < n and bylines(i):
            return True
    return False


def _headings(page: Page) -> list[int]:
    """The page's first :data:`~.config.MAX_HEADLINE_HEADINGS` headings, in order."""
    return [i for i, block in enumerate(page.blocks) if block.kind == "heading"][
        :MAX_HEADLINE_HEADINGS
    ]


def _named(page: Page, headings: list[int]) -> tuple[int | None, bool]:
    """The first heading the page's title names, and whether the title says more than that
    heading ("The Town Paper: Harbour bridge to close"): then the heading is the article's
    own, where a title that is all heading may be the site's name, standing in its logo."""
    title = title_key(page.title)
    if not title:
        return None, False
    for i in headings:
        key = text_key(page.blocks[i].text)
        if is_headline(key, title):
            return i, key != title
    return None, False


def _dated_headings(page: Page, headings: list[int], bylines: _Bylines) -> Iterator[int]:
    """The headings that have a byline or a dateline beside them and are not one themselves
    (a blog's date header), in order."""
    for i in headings:
        if _dated(page, i, bylines) and not bylines(i):
            yield i


def headline(page: Page) -> int | None:
    """The index of the heading that stands for the article, or ``None``:

    - the heading the title names, where the title says more than it, or where a byline or a
      dateline stands beside it;
    - else (a title that is that heading alone may be the site's name, in its logo) the first
      heading with a byline or a dateline beside it, unless that is the named heading's
      subtitle (:func:`_subtitle`: a line such as a comment count stands between them);
    - else the heading the title names, if any."""
    headings = _headings(page)
    bylines = _Bylines(page)
    named, more = _named(page, headings)
    if named is not None and (more or _dated(page, named, bylines)):
        return named
    dated = next(_dated_headings(page, headings, bylines), None)
    if dated is None:
        return named
    if named is not None and _subtitle(page, named, dated):
        return named
    return dated


def _subtitle(page: Page, named: int, dated: int) -> bool:
    """Whether the dated heading ``dated`` is the subtitle of ``named``, the heading the
    page's title names: it stands a few blocks under it, says more than a name or a label
    does (a poster's name heads a forum post), and the title does not name it too (a teaser
    of the same story above the headline)."""
    return (
        0 < dated - named <= MAX_SUBTITLE_REACH
        and page.features[dated].words > page.thresholds.short_words
        and not is_headline(text_key(page.blocks[dated].text), title_key(page.title))
    )


def _is_link(page: Page, i: int) -> bool:
    f = page.features[i]
    return 0 < f.words == f.linked_words


def sole_headline(page: Page) -> int | None:
    """The headline of a page whose body is a picture or a video: as :func:`headline`, but
    it must have a byline or a dateline beside it (an error page's heading has none), and a
    first dated heading that is a link, followed by another, is none: they are a listing's
    teasers."""
    headings = _headings(page)
    bylines = _Bylines(page)
    named, more = _named(page, headings)
    if named is not None and _dated(page, named, bylines):
        return named
    if named is not None and more:  # the article's own heading, and no date: not a post
        return None
    dated = _dated_headings(page, headings, bylines)
    first = next(dated, None)
    if first is None:
        return None
    if _is_link(page, first) and any(_is_link(page, i) for i in dated):
        return None
    return first
