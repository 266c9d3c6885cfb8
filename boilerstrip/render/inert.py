"""Making a page safe to open for the explain view (:mod:`.explain`): the page's own style sheets
with everything that could fetch made inert (:func:`page_styles`), and a tree with every element
and attribute that runs code or loads anything removed (:func:`make_inert`), under a
Content-Security-Policy (:data:`CSP`) that stops whatever a browser would still try."""

from __future__ import annotations

import re

from lxml import etree

from ..encoding import decode_html

__all__ = [
    "CSP",
    "FETCHING_ATTRIBUTES",
    "MAX_STYLE_CHARS",
    "REMOVED_TAGS",
    "make_inert",
    "page_styles",
]

# --- the page's own styles -------------------------------------------------------------------

_STYLE_START = re.compile(r"<style\b([^<>]*)>", re.I)
_STYLE_END = re.compile(r"</style", re.I)
_MEDIA = re.compile(r"""\bmedia\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_IMPORT = re.compile(r"@import\b[^;{}]*;?", re.I)
#: CSS functions that load a resource; renamed, the declaration holding them is invalid.
_FETCHING = re.compile(
    r"(?<![\w-])(?:url|src|image|image-set|-webkit-image-set|cross-fade|element)\s*\(", re.I
)
#: The most CSS taken from a page (characters): enough for any real page's inline styles.
MAX_STYLE_CHARS = 2_000_000


#: A CSS escape: ``\75 rl(`` is ``url(``.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))")


def _unescape_letter(match: re.Match[str]) -> str:
    """An escaped letter, digit, ``-``, ``@`` or ``(`` as itself (the same CSS, readable to
    the patterns here); any other escape as it was."""
    code, char = match.groups()
    if code is not None:
        value = int(code, 16)
        char = chr(value) if value < 0x80 else None
    if char is not None and (char.isalnum() or char in "-@("):
        return char
    return match.group(0)


def _inert_css(css: str) -> str:
    """``css`` with its imports dropped and its resource functions renamed (so a browser
    drops those declarations), and no way out of a ``<style>`` element."""
    css = _CSS_ESCAPE.sub(_unescape_letter, css)
    css = _IMPORT.sub("", css)
    css = _FETCHING.sub("boilerstrip-blocked(", css)
    return css.replace("</", "<\\/")


def page_styles(html: str | bytes, encoding: str | None = None) -> tuple[str, ...]:
    """The page's own ``<style>`` sheets (not those for print only), made inert.

    A linear scan of the source, not a parse: the cleaned tree no longer holds them, and a
    second parse of a hostile page would cost what the first did."""
    if isinstance(html, (bytes, bytearray)):
        text = decode_html(bytes(html), encoding).text
    elif isinstance(html, str):
        text = html
    else:
        return ()
    sheets: list[str] = []
    total = 0
    pos = 0
    while total < MAX_STYLE_CHARS and (start := _STYLE_START.search(text, pos)) is not None:
        end = _STYLE_END.search(text, start.end())
        stop = end.start() if end is not None else len(text)
        pos = end.end() if end is not None else len(text)
        media = _MEDIA.search(start.group(1))
        value = next((g for g in media.groups() if g is not None), "") if media else ""
        if value.strip().lower() == "print":
            continue
        css = text[start.end() : stop][: MAX_STYLE_CHARS - total]
        total += len(css)
        sheets.append(_inert_css(css))
    return tuple(sheets)


# --- making it inert -------------------------------------------------------------------------

#: Elements removed whole: they run code, load things, or mean nothing without either.
REMOVED_TAGS = (
    "script",
    "noscript",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "param",
    "link",
    "base",
    "meta",
    "style",
    "template",
    "portal",
    "source",
    "track",
    "video",
    "audio",
    "canvas",
    "svg",
    "math",
)
#: Attributes that load something by themselves (a link's ``href`` waits for a click).
FETCHING_ATTRIBUTES = frozenset(
    {
        "src",
        "srcset",
        "srcdoc",
        "data",
        "poster",
        "background",
        "lowsrc",
        "dynsrc",
        "ping",
        "imagesrcset",
        "manifest",
        "codebase",
        "archive",
        "longdesc",
        "profile",
        "action",
        "formaction",
        "xlink:href",
        "http-equiv",
    }
)
_UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.I)
_INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f]+")

#: What the browser may load: nothing but the inline styles and inline (``data:``) images.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:;"
    " form-action 'none'; base-uri 'none'"
)


def make_inert(root: etree._Element) -> None:
    """Remove from ``root`` everything that runs code or loads a resource."""
    etree.strip_elements(root, *REMOVED_TAGS, with_tail=False)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for key in list(el.attrib):
            name = key.decode() if isinstance(key, bytes) else key
            low = name.lower()
            value = el.get(name) or ""
            if low.startswith("on") or low in FETCHING_ATTRIBUTES:
                if not (low == "src" and el.tag == "img" and _is_data_image(value)):
                    del el.attrib[name]
            elif low == "href":
                link = _INVISIBLE_IN_URL.sub("", value)
                if el.tag not in ("a", "area") or _UNSAFE_SCHEME.match(link):
                    del el.attrib[name]
            elif low == "style":
                el.set(name, _inert_css(value))


def _is_data_image(value: str) -> bool:
    return _INVISIBLE_IN_URL.sub("", value).lower().startswith("data:image/")
