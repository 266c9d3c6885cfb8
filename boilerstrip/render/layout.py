"""What the Markdown and HTML forms share: the kept blocks nested in their containers, a
block's spans grouped by style for nesting, and link targets resolved and vetted."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from ..article import ArticleData, BlockMarkup, Frame, Span, plain_markup

__all__ = ["Box", "Dialect", "inline", "leaves", "markup_of", "nest", "resolve"]

#: Link schemes kept; others (``javascript:``, ``data:``, ``vbscript:``...) lose the link.
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "ftp", "tel"})
_STRIPPED = str.maketrans("", "", "\t\n\r")


@dataclass(slots=True)
class Box:
    """A container (``frame``; ``None`` for the whole article) and what it holds, in order."""

    frame: Frame | None
    children: list[Box | BlockMarkup] = field(default_factory=list)


def markup_of(article: ArticleData) -> tuple[BlockMarkup, ...]:
    """The article's markup; for an Article made without it, its kept blocks as plain text."""
    if article.markup or not article.text:
        return article.markup
    return tuple(plain_markup(b) for b in article.blocks if b.kept)


def nest(items: Sequence[BlockMarkup]) -> Box:
    """The blocks in a tree of their containers: neighbours sharing a frame share its box."""
    root = Box(None)
    stack = [root]  # stack[k + 1] is the box of the open frame k
    for item in items:
        frames = item.frames
        depth = 0
        while depth < len(frames) and depth + 1 < len(stack):
            if stack[depth + 1].frame != frames[depth]:
                break
            depth += 1
        del stack[depth + 1 :]
        for frame in frames[depth:]:
            box = Box(frame)
            stack[-1].children.append(box)
            stack.append(box)
        stack[-1].children.append(item)
    return root


def leaves(box: Box) -> Iterator[BlockMarkup]:
    """The blocks under ``box``, in order."""
    todo: list[Box | BlockMarkup] = [box]
    while todo:
        item = todo.pop()
        if isinstance(item, Box):
            todo.extend(reversed(item.children))
        else:
            yield item


def resolve(href: str, base: str | None) -> str | None:
    """A link's absolute address (``base`` is the page URL), or ``None`` when it should not be
    a link: empty, or of a scheme that runs code."""
    href = href.strip().translate(_STRIPPED)
    if not href:
        return None
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in SAFE_SCHEMES else None


class Dialect(Protocol):
    """How one output form writes inline text."""

    def text(self, text: str) -> str: ...
    def code(self, text: str) -> str: ...
    def emphasis(self, inner: str) -> str: ...
    def strong(self, inner: str) -> str: ...
    def link(self, inner: str, url: str) -> str: ...
    def br(self) -> str: ...


def _wrap(inner: str, wrapper: Callable[[str], str]) -> str:
    """Apply a wrapper to ``inner`` with its white space edges left outside."""
    core = inner.strip(" ")
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(" "))]
    trail = inner[len(inner.rstrip(" ")) :]
    return lead + wrapper(core) + trail


def inline(spans: Sequence[Span], dialect: Dialect, base: str | None, links: bool) -> str:
    """The spans of a block written in ``dialect``: links outermost, then strong, emphasis and
    code, each run of one style wrapped once; line breaks between them."""
    out: list[str] = []
    lines = groupby(spans, key=lambda s: s.text == "\n" and s.href is None)
    for is_break, group in lines:
        if is_break:
            out.extend(dialect.br() for _ in group)
            continue
        # Spans whose link is dropped join their neighbours: one emphasis, not two side by side.
        targets = [(resolve(s.href, base) if links and s.href else None, s) for s in group]
        for url, linked in groupby(targets, key=itemgetter(0)):
            inner = _styled([s for _, s in linked], dialect)
            out.append(_wrap(inner, partial(_link, dialect, url)) if url else inner)
    return "".join(out)


def _link(dialect: Dialect, url: str, inner: str) -> str:
    return dialect.link(inner, url)


def _styled(spans: list[Span], dialect: Dialect, open_: frozenset[str] = frozenset()) -> str:
    """The spans with their strong and emphasis runs nested. In each stretch of styled text,
    the style that covers more of it goes outside: ``<em><b>T</b>he</em>`` is one emphasis
    around a strong ``T``."""
    styles = [name for name in ("strong", "emphasis") if name not in open_]
    out: list[str] = []
    for styled, stretch in groupby(spans, key=lambda s: any(getattr(s, n) for n in styles)):
        run = list(stretch)
        if not styled:
            for code, same in groupby(run, key=attrgetter("code")):
                text = "".join(s.text for s in same)
                out.append(_wrap(text, dialect.code) if code else dialect.text(text))
            continue
        best = max(styles, key=lambda n: sum(len(s.text) for s in run if getattr(s, n)))
        wrap = dialect.strong if best == "strong" else dialect.emphasis
        for on, part in groupby(run, key=attrgetter(best)):
            if on:
                out.append(_wrap(_styled(list(part), dialect, open_ | {best}), wrap))
            else:
                out.append(_styled(list(part), dialect, open_))
    return "".join(out)
