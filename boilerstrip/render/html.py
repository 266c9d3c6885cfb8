"""``Article.to_html()``: the kept blocks as clean, semantic HTML.

Only these elements are written: ``h1``-``h6 p ul ol li blockquote pre code table thead tbody
tr th td figure figcaption a em strong br``; the only attribute is ``href`` on ``a`` (resolved
against the page's URL, and only for http(s), mailto, ftp and tel links). Nothing of the page's
own markup passes through: every character of text is escaped, and no class, style, script or
event handler can appear. The default is a fragment; ``document=True`` wraps it in a whole
page with ``<meta charset="utf-8">`` and the title.
"""

from __future__ import annotations

from html import escape

from ..article import ArticleData, BlockMarkup, Frame
from .layout import Box, inline, markup_of, nest

__all__ = ["render_html"]


class _Html:
    """The inline dialect (see :class:`boilerstrip.layout.Dialect`)."""

    def text(self, text: str) -> str:
        return escape(text, quote=False)

    def code(self, text: str) -> str:
        return f"<code>{escape(text, quote=False)}</code>"

    def emphasis(self, inner: str) -> str:
        return f"<em>{inner}</em>"

    def strong(self, inner: str) -> str:
        return f"<strong>{inner}</strong>"

    def link(self, inner: str, url: str) -> str:
        return f'<a href="{escape(url, quote=True)}">{inner}</a>'

    def br(self) -> str:
        return "<br>"


_DIALECT = _Html()


class _Writer:
    def __init__(self, base: str | None) -> None:
        self.base = base

    def leaf(self, item: BlockMarkup, parent: str) -> str:
        if item.role == "pre":
            code = escape("".join(s.text for s in item.spans), quote=False)
            return f"<pre><code>{code}</code></pre>"
        text = inline(item.spans, _DIALECT, self.base, True)
        if not item.role:
            return text
        tag = "p" if item.role == "figcaption" and parent != "figure" else item.role
        return f"<{tag}>{text}</{tag}>"

    def box(self, box: Box, parent: str) -> str:
        role = box.frame.role if box.frame else ""
        children = box.children
        if role == "tr":
            children = _padded(children)
        inner = "\n".join(
            self.box(c, role) if isinstance(c, Box) else self.leaf(c, role) for c in children
        )
        if not role:
            return inner
        if not children:
            return f"<{role}></{role}>"
        if any(isinstance(c, BlockMarkup) and not c.role for c in children):
            return f"<{role}>{inner}</{role}>"
        return f"<{role}>\n{inner}\n</{role}>"


def _padded(cells: list[Box | BlockMarkup]) -> list[Box | BlockMarkup]:
    """A row's cells, with an empty ``td`` for each column whose cell holds nothing kept."""
    out: list[Box | BlockMarkup] = []
    column = 0
    for cell in cells:
        if isinstance(cell, Box) and cell.frame is not None and cell.frame.role in ("th", "td"):
            while column < cell.frame.column:
                out.append(Box(Frame("td", -1, column)))
                column += 1
            column = cell.frame.column + 1
        out.append(cell)
    return out


def render_html(article: ArticleData, *, document: bool = False) -> str:
    """The kept blocks of ``article`` as an HTML fragment (``""`` when there are none), or as
    a whole document when ``document`` is true."""
    body = _Writer(article.url).box(nest(markup_of(article)), "")
    if not document:
        return body
    lang = getattr(article, "lang", None)
    lang_attr = f' lang="{escape(lang, quote=True)}"' if lang else ""
    title = escape(article.title or "", quote=False)
    return (
        f'<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>"
    )
