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

_HIDDEN_XPATH = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or @aria-hidden='TRUE' or contains(@style, 'none')"
    " or contains(@style, 'hidden')]"
)
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


def parse_html(text: str) -> etree._Element | None:
    """Parse ``text`` into a cleaned tree; ``None`` when it holds no markup or text at all."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    data = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    if not data.strip():
        return None
    try:
        root = etree.fromstring(data, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    clean_tree(root)
    return root


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
