"""Stage 1, parse: text to an lxml tree holding only what a reader can see.

lxml (libxml2) parses; nothing here resolves external entities or touches the network. Elements
that carry no readable text (scripts, styles, form controls...) and elements hidden by the page
are removed, their tails kept.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml import etree

#: Elements whose content is never article text.
INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "button",
    "input",
    "select",
    "option",
    "optgroup",
    "textarea",
    "datalist",
    "output",
    "progress",
    "meter",
    "dialog",
)

# Candidates only; :func:`is_hidden` decides (attribute values are case-insensitive there).
_HIDDEN_XPATH = etree.XPath("//*[@hidden or @aria-hidden or @style]")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)

_PARSER_OPTIONS: dict[str, Any] = {
    "remove_comments": True,
    "remove_pis": True,
    "no_network": True,
    "huge_tree": True,
    "encoding": "utf-8",
}


def _parser() -> etree.HTMLParser:
    # A parser per call: lxml parsers are not safe to share between threads.
    return etree.HTMLParser(**_PARSER_OPTIONS)


#: Tags whose nesting can be flattened without losing text: lone wrappers of no meaning.
_WRAPPER_TAGS = re.compile(
    rb"</?(?:div|span|section|article|font|b|i|u|em|strong|center|table|tbody|tr|td|th|ul|ol|li"
    rb"|dl|dd|dt|blockquote|small|big|sub|sup|main|aside|header|footer|nav|form|a|p)\b[^>]*>",
    re.I,
)

_ANY_TAG = re.compile(rb"<[^>]*>")
_CODE = re.compile(rb"<(script|style|template)\b.*?(?:</\1\s*>|$)", re.I | re.S)


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any("depth" in entry.message for entry in parser.error_log)


def parse_html(text: str, warnings: list[str] | None = None) -> etree._Element | None:
    """Parse ``text`` into a cleaned tree; ``None`` when it holds no markup or text at all.

    libxml2 stops reading at a nesting depth of about 2,000 elements and silently drops the
    rest. When that happens the page is read again with its wrapper tags flattened, so no text
    is lost (its structure is), and a warning says so.
    """
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    data = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    if not data.strip():
        return None
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
        if root is not None and _too_deep(parser):
            parser = _parser()
            root = etree.fromstring(_WRAPPER_TAGS.sub(b"\n", data), parser)
            if root is not None and _too_deep(parser):  # deep in other tags: keep text only
                bare = _ANY_TAG.sub(b"\n", _CODE.sub(b"", data))
                root = etree.fromstring(b"<p>" + bare, _parser())
            if warnings is not None:
                warnings.append(
                    "the page nests elements deeper than the parser reads; its wrapper tags"
                    " were flattened to keep all of its text"
                )
        if root is not None and len(root) == 0 and len(data) > MIN_RECOVERY_BYTES:
            # A broken <html ...> start tag can swallow the whole page as attributes.
            root = etree.fromstring(_HTML_START.sub(b"<html>", data, count=1), _parser())
            if warnings is not None:
                warnings.append("the <html> start tag was broken; it was read without it")
        if root is not None and _swallowed_by_title(root):
            root = etree.fromstring(_TITLE_START.sub(b"<title></title>", data, count=1), _parser())
            if warnings is not None:
                warnings.append("an unclosed <title> held the page; it was read as the body")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    clean_tree(root)
    return root


#: A page this large that parses to an empty <html> is read again without its start tag.
MIN_RECOVERY_BYTES = 512
_HTML_START = re.compile(rb"<html\b[^>]*>", re.I)
#: A title longer than this, holding markup, has swallowed the page (its end tag is broken).
MAX_TITLE_CHARS = 1000
_TITLE_START = re.compile(rb"<title\b[^>]*>", re.I)


def _swallowed_by_title(root: etree._Element) -> bool:
    if root.find("body") is not None:
        return False
    title = root.find("head/title")
    text = title.text if title is not None else None
    return bool(text and len(text) > MAX_TITLE_CHARS and "<" in text)


def prepare_tree(root: etree._Element) -> etree._Element:
    """Copy a caller's tree (never mutate it) and clean the copy."""
    tree = copy.deepcopy(root)
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    clean_tree(tree)
    return tree


def _remove(el: etree._Element) -> None:
    """Remove ``el`` and its content but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def is_hidden(el: etree._Element) -> bool:
    """Whether the page hides ``el`` with ``hidden``, ``aria-hidden`` or an inline style."""
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def clean_tree(root: etree._Element) -> None:
    """Drop invisible and hidden elements in place (tails are kept)."""
    etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    found = _HIDDEN_XPATH(root)
    if isinstance(found, list):
        for el in found:
            if isinstance(el, etree._Element) and is_hidden(el):
                _remove(el)
