"""Stage 1, parse: text to an lxml tree holding only what a reader can see.

lxml (libxml2) parses; nothing here resolves external entities or touches the network. Elements
that carry no readable text (scripts, styles, form controls...) and elements hidden by the page
are removed, their tails kept.
"""

from __future__ import annotations

import copy
import functools
import re
import sys
from collections.abc import Callable
from typing import Any

from lxml import etree

from ..config import JSON_LD_META, MAX_JSON_LD_SCRIPTS

#: Elements whose content is never article text.
INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "noframes",
    "noembed",
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

# The attributes that can hide an element, each found by one C walk over the elements (a
# predicate over every element, "descendant::*[@hidden or @aria-hidden or @style]", costs
# twice as much; one XPath that unites them sorts the union). Their values decide, as in
# :func:`is_hidden`; each attribute's element is its parent. (Not ".../@style/..": libxml2
# dedupes the parents of attributes in time quadratic in them.)
_HIDDEN_ATTRIBUTE = etree.XPath("descendant::*/@hidden")
_ARIA_HIDDEN_ATTRIBUTE = etree.XPath("descendant::*/@aria-hidden")
_STYLE_ATTRIBUTE = etree.XPath("descendant::*/@style")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)

_PARSER_OPTIONS: dict[str, Any] = {
    "remove_comments": True,
    "remove_pis": True,
    "no_network": True,
    "huge_tree": True,
    "encoding": "utf-8",
    # No table of the "id" attributes (nothing here looks an element up by its id, as XPath's
    # id() would): building it cost about 6% of the parse.
    "collect_ids": False,
}


def _parser() -> etree.HTMLParser:
    # A parser per call: lxml parsers are not safe to share between threads.
    return etree.HTMLParser(**_PARSER_OPTIONS)


#: Tags whose nesting can be flattened without losing text: lone wrappers of no meaning.
_WRAPPER_TAGS = re.compile(
    rb"</?(?:div|span|section|article|font|b|i|u|em|strong|center|table|tbody|tr|td|th|ul|ol|li"
    rb"|dl|dd|dt|blockquote|small|big|sub|sup|main|aside|header|footer|nav|form|a|p)\b[^<>]*>",
    re.I,
)

# [^<>], not [^>]: a "<" never closed would otherwise be scanned to the end of the page from
# every "<" before it (quadratic time).
_ANY_TAG = re.compile(rb"<[^<>]*>")
_CODE = re.compile(rb"<(script|style|template)\b.*?(?:</\1\s*>|$)", re.I | re.S)


#: Attributes kept per element. libxml2 builds an element's attributes in time quadratic in
#: their number (80,000 of them, under 1 MB of HTML, take minutes), so the rest are dropped.
MAX_ATTRIBUTES = 256

# Start tags as libxml2 (2.14, an HTML5 tokenizer) reads them: a name, then attributes apart by
# white space or "/", quoted values running to their closing quote. Comments and raw-text
# elements (scripts, styles...) are skipped whole: "a<b c d" in a script is no tag.
_ATTR = (
    rb"(?:[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r /=>]*+"
    rb"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?+)"
)
_NAME_END = rb"(?=[\t\n\f\r />]|\Z)"
_FEW_ATTRS = _ATTR + rb"{0,%d}+(?!" % (MAX_ATTRIBUTES - 1) + _ATTR + rb")"
_TAG = rb"<[A-Za-z][^\t\n\f\r />]*+"
_COMMENT = rb"<!--(?:-?>|[^-]*+(?:-(?!-!?>)[^-]*+)*+(?:--!?>)?+)"
_RAW_TEXT = (b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes")
_RAW_ELEMENT = b"|".join(
    rb"(?i:%s)" % name
    + _NAME_END
    + _FEW_ATTRS
    + rb"[\t\n\f\r /]*+(?:>[^<]*+(?:<(?!/(?i:%s)" % name
    + _NAME_END
    + rb")[^<]*+)*+)?+"
    for name in _RAW_TEXT
)
_PLAINTEXT = rb"(?i:plaintext)" + _NAME_END + _FEW_ATTRS + rb"(?s:.*+)"
_RAW_NAMES = (*_RAW_TEXT, b"plaintext")
# A raw-text element's name (its first letter tested first: a cheap way to turn most down).
_RAW_NAME = (
    rb"(?=[%s])" % bytes(sorted({c for name in _RAW_NAMES for c in name[:1] + name[:1].upper()}))
    + rb"(?i:%s)" % b"|".join(_RAW_NAMES)
    + _NAME_END
)
_RAW_START = rb"<(?=" + _RAW_NAME + rb")"
# The common start tag, read in one step with the text after it: not a raw-text element, fewer
# attributes than the limit, each apart by white space, named without quotes or "<", its value
# (if any) right after "=", quoted or of plain characters; then the end of the tag. Whatever it
# reads, the exact branches below would read alike (each piece is a narrower case of theirs,
# and anything else makes it fail, leaving the tag to them); it only saves their steps.
_PLAIN_ATTR = (
    rb"(?:[\t\n\f\r ]++[^\t\n\f\r /=>\"'<]++"
    rb"(?:=(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >\"'=<`]++))?+)"
)
_PLAIN_TAG = (
    rb"<(?!"
    + _RAW_NAME
    + rb")"
    + _TAG[1:]
    + _PLAIN_ATTR
    + rb"{0,%d}+[\t\n\f\r /]*+>[^<]*+" % (MAX_ATTRIBUTES - 1)
)
# From a position: everything up to the next start tag with too many attributes (group 1 ends
# after its last kept attribute, group 2 holds the others). Possessive quantifiers (Python
# 3.11+; on 3.10 there is no limit) keep it linear: each byte is read once or twice, nothing
# is retried. An end tag ("</" and what follows, up to the next "<", as the "<" alone and the
# text after it would be read) and a plain start tag are tried first: they are most of a
# page's markup, and read in one step each they cost a third of the exact branches. Compiled
# on first use (about 20 ms).
_MANY_ATTRIBUTES = (
    rb"(?:</[^<]*+|"
    + _PLAIN_TAG
    + rb"|[^<]++|"
    + _COMMENT
    + rb"|<(?![A-Za-z])|"
    + _RAW_START
    + rb"(?:"
    + _PLAINTEXT
    + rb"|"
    + _RAW_ELEMENT
    + rb")|"
    + _TAG
    + _FEW_ATTRS
    + rb")*+"
    rb"(" + _TAG + _ATTR + rb"{%d}+)(" % MAX_ATTRIBUTES + _ATTR + rb"*+)"
)


@functools.cache
def _many_attributes() -> re.Pattern[bytes] | None:
    return re.compile(_MANY_ATTRIBUTES) if sys.version_info >= (3, 11) else None


def limit_attributes(data: bytes) -> tuple[bytes, int]:
    """``data`` with the attributes past :data:`MAX_ATTRIBUTES` of any element dropped, and
    how many elements lost some."""
    pattern = _many_attributes()
    if pattern is None:
        return data, 0
    parts: list[bytes] = []
    pos = 0
    while (m := pattern.match(data, pos)) is not None:
        parts.append(data[pos : m.end(1)])
        pos = m.end(2)
    if not parts:
        return data, 0
    parts.append(data[pos:])
    return b"".join(parts), len(parts) - 1


_SURROGATE = re.compile("[\ud800-\udfff]")


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any("depth" in entry.message for entry in parser.error_log)


def _without_nuls(encoded: bytes) -> tuple[bytes, int]:
    """Valid UTF-8 (it holds no surrogate) with its NULs (U+0000) as U+FFFD, and how many."""
    if b"\x00" not in encoded:  # the common case, found by memchr: no count, no copy
        return encoded, 0
    return encoded.replace(b"\x00", _REPLACEMENT), encoded.count(b"\x00")


def _utf8(text: str) -> tuple[bytes, int]:
    """``text`` in UTF-8, with NULs and lone surrogates as U+FFFD, and how many were
    replaced."""
    replaced = text.count("\x00")
    if replaced:
        text = text.replace("\x00", "\ufffd")
    try:
        return text.encode("utf-8"), replaced
    except UnicodeEncodeError:  # lone surrogates: a str can hold them, UTF-8 cannot
        text, surrogates = _SURROGATE.subn("\ufffd", text)
        return text.encode("utf-8"), replaced + surrogates


_REPLACEMENT = "\ufffd".encode()


#: What cleans a parsed tree in place: :func:`clean_tree`, or its compiled twin
#: (``pipeline.walk.clean``, which the caller hands in: this stage does not look above itself).
Cleaner = Callable[[etree._Element], None]
#: What drops the attributes past :data:`MAX_ATTRIBUTES`: :func:`limit_attributes`, or its
#: compiled twin (``pipeline.walk.limit_attributes``), handed in alike.
Limiter = Callable[[bytes], tuple[bytes, int]]


def parse_html(
    text: str | bytes,
    warnings: list[str] | None = None,
    *,
    clean: Cleaner | None = None,
    limit: Limiter | None = None,
) -> etree._Element | None:
    """Parse ``text`` into a cleaned tree; ``None`` when it holds no markup or text at all.
    ``text`` may be given as its UTF-8 bytes, valid (as ``bytes.decode("utf-8")`` finds them):
    they are parsed as they are, which saves encoding the text again. ``clean`` cleans the tree
    (:func:`clean_tree` when not given); ``limit`` drops the attributes past the limit
    (:func:`limit_attributes` when not given).

    libxml2 stops reading at a nesting depth of about 2,000 elements and silently drops the
    rest. When that happens the page is read again with its wrapper tags flattened, so no text
    is lost (its structure is), and a warning says so.
    """
    if isinstance(text, bytes):
        data, replaced = _without_nuls(text)
    else:
        data, replaced = _utf8(text)
    if replaced and warnings is not None:
        warnings.append(f"{replaced:,} NUL or lone surrogate character(s) read as U+FFFD")
    if not data or data.isspace():  # stops at the first other byte (strip() copies it all)
        return None
    data, crowded = (limit or limit_attributes)(data)
    if crowded and warnings is not None:
        warnings.append(
            f"{crowded} element(s) carry more than {MAX_ATTRIBUTES} attributes; the rest were"
            " dropped"
        )
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
    if warnings is not None and root.find("frameset") is not None:
        warnings.append(
            "the page is a frameset: its text lives in the framed pages, which are never fetched"
        )
    (clean or clean_tree)(root)
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


def prepare_tree(root: etree._Element, *, clean: Cleaner | None = None) -> etree._Element:
    """Copy a caller's tree (never mutate it) and clean the copy. Its tags are named as the
    HTML parser names them: XHTML parsed as XML, or by html5lib, puts every tag in a
    namespace (``{http://www.w3.org/1999/xhtml}p``), and a tree built by hand may use
    capitals; read as they are, no tag would be known and the page would be one block.
    ``clean`` cleans the copy (:func:`clean_tree` when not given)."""
    tree = copy.deepcopy(root)
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in tree.iter(etree.Element):
        tag = el.tag
        if "}" in tag or not tag.islower():
            el.tag = tag.rpartition("}")[2].lower()
    (clean or clean_tree)(tree)
    return tree


#: Elements to drop are renamed to this, then removed parent by parent, the tails of each run of
#: dropped siblings joined once onto the text before them. Removing them one by one (each tail
#: appended to its neighbour) took time quadratic in a run of siblings; leaving the tails in
#: place as separate text nodes (``strip_elements``) made every later read of that text
#: quadratic in lxml. A value lxml's setters refuse (control characters its parser lets into
#: text: form feed, vertical tab...) is stored with those characters as spaces.
_DROPPED = "boilerstrip-dropped"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _add_text(el: etree._Element, parts: list[str], *, tail: bool) -> None:
    """Append ``parts`` to the text (or the tail) of ``el``."""
    value = (el.tail if tail else el.text) or ""
    value += "".join(parts)
    try:
        if tail:
            el.tail = value
        else:
            el.text = value
    except ValueError:
        value = _NOT_XML.sub(" ", value)
        if tail:
            el.tail = value
        else:
            el.text = value


def _remove_dropped(parents: dict[etree._Element, None]) -> None:
    """Remove the children renamed to :data:`_DROPPED` of each of ``parents``, keeping their
    tails: linear in the children of those parents."""
    for parent in parents:
        if parent.tag == _DROPPED:
            continue  # goes whole with its own parent
        anchor: etree._Element | None = None  # the last kept child, None before the first
        tails: list[str] = []
        for child in list(parent):
            if child.tag == _DROPPED:
                if child.tail:
                    tails.append(child.tail)
                parent.remove(child)  # its tail goes with it
                continue
            if tails:
                _add_text(anchor if anchor is not None else parent, tails, tail=anchor is not None)
                tails = []
            anchor = child
        if tails:
            _add_text(anchor if anchor is not None else parent, tails, tail=anchor is not None)


def hides_by_aria(value: str) -> bool:
    return value.strip().lower() == "true"


def hides_by_style(value: str) -> bool:
    return _HIDDEN_STYLE.search(value) is not None


def is_hidden(el: etree._Element) -> bool:
    """Whether the page hides ``el`` with ``hidden``, ``aria-hidden`` or an inline style."""
    if el.get("hidden") is not None:
        return True
    if hides_by_aria(el.get("aria-hidden") or ""):
        return True
    style = el.get("style")
    return bool(style and hides_by_style(style))


def _hidden(root: etree._Element) -> list[etree._Element]:
    """The descendants of ``root`` that :func:`is_hidden` holds hidden (each once per
    attribute that hides it), read off their attributes."""
    found: list[etree._Element] = []
    for xpath, hides in (
        (_HIDDEN_ATTRIBUTE, None),
        (_ARIA_HIDDEN_ATTRIBUTE, hides_by_aria),
        (_STYLE_ATTRIBUTE, hides_by_style),
    ):
        values = xpath(root)
        for value in values if isinstance(values, list) else ():
            if isinstance(value, etree._ElementUnicodeResult) and (hides is None or hides(value)):
                parent = value.getparent()
                if parent is not None:
                    found.append(parent)
    return found


def _in_body(el: etree._Element, root: etree._Element) -> bool:
    """Whether a ``body`` holds ``el``: ``root`` or one below it (not one above ``root``)."""
    for ancestor in el.iterancestors():
        if ancestor.tag == "body":
            return True
        if ancestor is root:
            break
    return False


def clean_tree(root: etree._Element) -> None:
    """Drop invisible and hidden elements in place (tails are kept)."""
    parents: dict[etree._Element, None] = {}

    def drop(el: object) -> None:
        if isinstance(el, etree._Element):
            parent = el.getparent()
            if parent is not None:  # the root stays: there would be no tree
                el.tag = _DROPPED
                parents[parent] = None

    json_ld: list[str] = []
    for el in list(root.iter(*INVISIBLE_TAGS, "title")):
        tag = el.tag
        if tag == "title":
            # A <title> in the body is raw text (markup and all) that browsers never show.
            if _in_body(el, root):
                drop(el)
            continue
        if (
            tag == "script"
            and el.text
            and len(json_ld) < MAX_JSON_LD_SCRIPTS
            and "ld+json" in (el.get("type") or "").lower()
        ):
            json_ld.append(el.text)
        drop(el)
    for el in _hidden(root):
        drop(el)
    _remove_dropped(parents)
    if json_ld:
        keep_json_ld(root, json_ld)


# JSON-LD, the one kind of script that carries data about the page, is kept (its first
# ``MAX_JSON_LD_SCRIPTS`` scripts) for :mod:`boilerstrip.metadata` as
# ``<meta name="boilerstrip:json-ld" content="...">`` elements (config.JSON_LD_META).


def keep_json_ld(root: etree._Element, texts: list[str]) -> None:
    parent = root.find("head")
    if parent is None:
        if root.tag != "html":  # a fragment: its start (no text is read from a meta)
            parent = root
        else:  # never beside the body: segment reads what stands there
            parent = etree.Element("head")
            root.insert(0, parent)
    for position, text in enumerate(texts):
        meta = etree.Element("meta", name=JSON_LD_META)
        try:
            meta.set("content", text)
        except ValueError:  # characters XML refuses
            meta.set("content", _NOT_XML.sub(" ", text))
        parent.insert(position, meta)
