"""Metadata: what the page says about itself (headline, authors, date, site, language...).

Two passes, both cheap:

- :func:`read_head`, before filtering (the title filter needs the headline): one XPath walk
  collects the ``<meta>``, ``<link>``, ``<title>``, ``h1``, ``<time>`` and author-marked elements
  of the page; JSON-LD (kept by :mod:`boilerstrip.parse` as ``<meta>`` elements) is decoded.
- :func:`complete`, after filtering: the blocks around the headline that the filters dropped
  (the byline, the date line) give what the head did not: the displayed byline, the authors
  when no structured data names them, and a date as a last resort before the URL's.

A field the page says nothing about stays ``None`` (or empty): nothing is guessed. Dates are
ISO 8601: a full datetime when a machine-readable source gives one, else ``YYYY-MM-DD``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .article import Block
from .config import (
    ARTICLE_TYPES,
    AUTHOR_LABELS,
    AUTHOR_META,
    AUTHOR_PREFIXES,
    BLOCKS_AFTER_HEADLINE,
    BLOCKS_BEFORE_HEADLINE,
    BYLINE_SEPARATORS,
    DATE_LEADS,
    DATE_META,
    DAY_FIRST_ENGLISH,
    DESCRIPTION_META,
    IMAGE_META,
    LANG_META,
    MAX_BYLINE_WORDS,
    MAX_HEADER_WORDS,
    MAX_JSON_LD_CHARS,
    MAX_META_VALUES,
    MAX_METADATA_CHARS,
    MAX_NAME_WORDS,
    MAX_YEAR,
    MIN_YEAR,
    MONTH_FIRST_LANGS,
    MONTH_NAMES,
    NAME_ENDERS,
    NAME_JOINERS,
    PAGE_TYPES,
    ROLE_WORDS,
    SITE_NAME_META,
    TAG_META,
    TITLE_META,
    URL_META,
    WEEKDAY_NAMES,
)
from .pipeline.parse import JSON_LD_META

_SEPARATORS = re.compile(r"\s+[|\-–—·:•»/]{1,2}\s+")

#: ``h1`` elements read: the headline is among the first; a page of a hundred is a listing.
MAX_H1S = 5
#: ``<time>`` elements read: enough for a header's dates, bounded on a long archive page.
MAX_TIMES = 20
#: Elements marked as an author that are kept: the first few are the byline's.
MAX_MARKED = 10
#: Wrappers of the ``h1`` alone climbed at most: the elements searched for the byline's are the
#: few before and after the headline (or its wrapper), with what they hold.
HEADER_LEVELS = 2
#: Marked elements of that subtree read at most.
MAX_HEADER_ELEMENTS = 50
_MARKED = etree.XPath(
    "(preceding-sibling::*[position() <= 2] | following-sibling::*[position() <= 4])"
    "/descendant-or-self::*[@itemprop or @rel or contains(@class, 'uthor')"
    " or contains(@class, 'yline')]"
)

#: Runs of white space, except the ideographic space that Japanese titles use as a separator.
_SPACES = re.compile(r"[^\S\u3000]+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


#: ASCII bytes that are not letters or digits: what :func:`_key` deletes from ASCII text.
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def _key(text: str) -> str:
    text = text[:MAX_METADATA_CHARS]
    if text.isascii():  # the same key, deleted in C
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _text(el: etree._Element) -> str:
    return _clean("".join(str(t) for t in el.itertext()))


#: Characters of an author-marked element's text read at most: a byline is short; a longer
#: text is an author box or a wrapper, not read whole.
MAX_MARKED_CHARS = 200


def _short_text(el: etree._Element) -> str | None:
    """The text of ``el`` (white space cleaned), or ``None`` when it runs past
    :data:`MAX_MARKED_CHARS`."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > MAX_MARKED_CHARS * 2:
            return None
        parts.append(str(piece))
    text = _clean("".join(parts))
    return text if len(text) <= MAX_MARKED_CHARS else None


# --- the head ------------------------------------------------------------------------------


@dataclass(slots=True)
class Metadata:
    """What the page says about itself; see :class:`boilerstrip.Article` for each field."""

    title: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    site_name: str | None = None
    lang: str | None = None
    description: str | None = None
    image: str | None = None
    canonical_url: str | None = None
    tags: tuple[str, ...] = ()
    # Read from the head, used by :func:`complete`:
    time_texts: tuple[tuple[str, str], ...] = ()
    """Visible text and ``datetime`` of each ``<time>`` element."""
    marked_authors: tuple[str, ...] = ()
    """Texts of elements marked as an author or byline (class, ``rel``, ``itemprop``)."""
    structured_authors: bool = field(default=False)
    """Whether :attr:`authors` came from structured data (JSON-LD, meta tags)."""


@dataclass(slots=True)
class _Found:
    """Raw findings of the walk, first found first."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    head_title: str | None = None
    h1s: list[tuple[str, bool]] = field(default_factory=list)
    canonical: str | None = None
    image_link: str | None = None
    json_ld: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)
    h1_elements: list[etree._Element] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)
    itemprops: dict[str, list[str]] = field(default_factory=dict)


#: Elements whose text is no byline however their class reads: comment threads.
_COMMENT = re.compile(r"comment|repl(?:y|ies)|respon", re.I)


def _in_comments(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        cls = node.get("class")
        if cls and _COMMENT.search(cls):
            return True
        ident = node.get("id")
        if ident and _COMMENT.search(ident):
            return True
    return False


def _walk(root: etree._Element) -> _Found:
    """The head's tags, the ``h1`` and ``<time>`` elements: a C-level walk filtered by tag (an
    XPath over every element costs ten times more)."""
    found = _Found()
    for el in root.iter("meta", "link", "title", "h1", "time"):
        tag = el.tag
        if tag == "meta":
            name = el.get("name")
            if name == JSON_LD_META:
                found.json_ld.append(el.get("content") or "")
                continue
            content = el.get("content")
            if not content:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = el.get(attr)
                if key:
                    key = key.strip().lower()
                    if key in _META_NAMES:
                        values = found.meta.setdefault(key, [])
                        if len(values) < MAX_META_VALUES:
                            values.append(content)
        elif tag == "link":
            rel = (el.get("rel") or "").lower().split()
            href = (el.get("href") or "").strip()
            if href and "canonical" in rel and found.canonical is None:
                found.canonical = href
            elif href and "image_src" in rel and found.image_link is None:
                found.image_link = href
        elif tag == "title":
            parent = el.getparent()
            if found.head_title is None and parent is not None and parent.tag == "head":
                found.head_title = _clean(el.text)
        elif tag == "h1":
            if len(found.h1s) < MAX_H1S:
                found.h1s.append((_text(el), _is_logo(el)))
                found.h1_elements.append(el)
        else:
            stamp = (el.get("datetime") or "").strip()
            if stamp and len(found.times) < MAX_TIMES:
                found.times.append((_text(el), stamp))
    return found


def _near_headline(h1: etree._Element, found: _Found) -> None:
    """Elements marked as an author (class, ``rel``, ``itemprop``) or carrying a microdata date
    in the headline's own box: a few levels up from the ``h1``, a bounded number of elements."""
    top = h1
    for _ in range(HEADER_LEVELS):
        parent = top.getparent()
        if parent is None or parent.tag in ("body", "html") or len(parent) > 1:
            break
        top = parent  # a wrapper of the h1 alone
    marked = _MARKED(top)
    for el in marked[:MAX_HEADER_ELEMENTS] if isinstance(marked, list) else ():
        if not isinstance(el, etree._Element):
            continue
        prop = (el.get("itemprop") or "").strip().lower()
        if prop == "datepublished":
            value = el.get("content") or el.get("datetime") or _text(el)
            found.itemprops.setdefault(prop, []).append(_clean(value))
            continue
        if prop == "author":
            name = el.find(".//*[@itemprop='name']")
            found.itemprops.setdefault(prop, []).append(_text(name if name is not None else el))
        cls = el.get("class")
        if len(found.marked) < MAX_MARKED and (
            prop == "author"
            or (el.get("rel") or "").lower() == "author"
            or (cls is not None and ("uthor" in cls or "yline" in cls) and _author_class(cls))
        ):
            text = _short_text(el)
            if text and len(text.split()) <= MAX_BYLINE_WORDS and not _in_comments(el):
                found.marked.append(text)


_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])(?:author|byline)(?:$|[\s_-]|name|s\b)", re.I)


def _author_class(cls: str | None) -> bool:
    """A class that marks an author's name or a byline ("author", "byline", "post-author",
    "article__author", "author-name"), not an avatar, a bio or a label."""
    if not cls or not _AUTHOR_CLASS.search(cls):
        return False
    low = cls.lower()
    return not any(w in low for w in ("avatar", "bio", "label", "description", "box", "info"))


def _is_logo(h1: etree._Element) -> bool:
    """An h1 that is a link home: inside a link, or all of its text in one."""
    if any(True for _ in h1.iterancestors("a")):
        return True
    link = h1.find(".//a")
    return link is not None and _text(link) == _text(h1)


def _choose_title(
    h1s: Sequence[tuple[str, bool]], structured: Sequence[str | None], head_title: str | None
) -> str | None:
    """The headline, by agreement: an ``h1`` that og:title, the JSON-LD headline or the
    ``<title>`` contains; else og:title, else the JSON-LD headline; else the longest part of
    ``<title>`` split at " | " and the like; else the first ``h1``."""
    # An h1 that the head's titles contain is the headline, unless it is the site's logo;
    # among several, the longest (a site name is usually the shorter part of a title).
    sources = [_key(t) for t in (*structured, head_title) if t]
    matches = []
    for h1, logo in h1s:
        key = _key(h1)
        if key and any(key in source for source in sources):
            matches.append((not logo, len(h1), h1))
    if matches:
        return max(matches)[2]
    given = next((t for t in structured if t), None)
    if given:
        return given
    if head_title:
        parts = _SEPARATORS.split(head_title)
        return max(parts, key=len) if len(parts) > 1 else head_title
    return next((h for h, logo in h1s if h and not logo), None) or next(
        (h for h, _ in h1s if h), None
    )


def _title(found: _Found, ld: dict[str, Any]) -> str | None:
    og_title = _first(found.meta, TITLE_META)
    headline = ld.get("headline") or _first(found.meta, ("headline",))
    return _choose_title(found.h1s, (og_title, headline), found.head_title)


def find_title(root: etree._Element) -> str | None:
    """The headline of the page, as :func:`read_head` finds it, without the rest of the
    metadata (what :func:`boilerstrip.extract_text` needs: the title filter reads it)."""
    found = _walk(root)
    return _title(found, _read_json_ld(found.json_ld))


#: The meta tags read (any other is passed by without a copy of its content).
_META_NAMES = frozenset(
    (
        *DATE_META,
        *AUTHOR_META,
        *TITLE_META,
        *SITE_NAME_META,
        *DESCRIPTION_META,
        *IMAGE_META,
        *URL_META,
        *TAG_META,
        *LANG_META,
        "headline",
    )
)


def _first(meta: dict[str, list[str]], names: Iterable[str]) -> str | None:
    """The first non-blank value of the first of ``names`` the page has, white space cleaned."""
    for name in names:
        for value in meta.get(name, ()):
            value = _clean(value)
            if value:
                return value
    return None


def read_head(root: etree._Element, url: str | None = None) -> Metadata:
    """Everything the page's markup says about it (the byline and a visible date wait for
    :func:`complete`)."""
    found = _walk(root)
    meta = found.meta
    ld = _read_json_ld(found.json_ld)
    title = _title(found, ld)
    for (text, _), h1 in zip(found.h1s, found.h1_elements, strict=True):
        if text and text == title:
            _near_headline(h1, found)
            break

    authors = _names(ld.get("authors", ()))
    if not authors:
        authors = _names(
            n for name in AUTHOR_META for v in meta.get(name, ()) for n in split_names(v)
        )
    if not authors:
        authors = _names(n for v in found.itemprops.get("author", ()) for n in split_names(v))
    structured = bool(authors)

    lang = normalize_lang(
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    lang = lang or normalize_lang(_first(meta, LANG_META)) or normalize_lang(ld.get("lang"))

    date = None
    for raw in (ld.get("date"), *(v for n in DATE_META for v in meta.get(n, ()))):
        date = normalize_date(raw, lang) if raw else None
        if date:
            break
    if date is None:
        for raw in found.itemprops.get("datepublished", ()):
            date = normalize_date(raw, lang)
            if date:
                break

    canonical = found.canonical or _first(meta, URL_META) or ld.get("url")
    base = url or canonical
    canonical = _absolute(canonical, url)
    image = ld.get("image") or _first(meta, IMAGE_META) or found.image_link
    tags = _tags(meta, ld, found.itemprops)
    return Metadata(
        title=title,
        authors=authors,
        date=date,
        site_name=_first(meta, SITE_NAME_META) or ld.get("site_name"),
        lang=lang,
        description=_first(meta, DESCRIPTION_META) or ld.get("description"),
        image=_absolute(image, base),
        canonical_url=canonical,
        tags=tags,
        time_texts=tuple(found.times),
        marked_authors=tuple(found.marked),
        structured_authors=structured,
    )


def _absolute(address: str | None, base: str | None) -> str | None:
    if not address:
        return None
    address = address.strip()
    try:  # "Invalid IPv6 URL" and the like: a malformed address is kept as the page gives it
        if base and not urlsplit(address).scheme:
            return urljoin(base, address)
    except ValueError:
        return address
    return address


def _tags(
    meta: dict[str, list[str]], ld: dict[str, Any], props: dict[str, list[str]]
) -> tuple[str, ...]:
    raw: list[str] = list(meta.get("article:tag", ()))
    if not raw:
        raw = list(ld.get("keywords", ()))
    if not raw:
        for name in TAG_META[1:]:
            if meta.get(name):
                raw = meta[name][0].split(",")
                break
    if not raw:
        raw = [t for v in props.get("keywords", ()) for t in v.split(",")]
    seen: dict[str, str] = {}
    for tag in raw:
        tag = _clean(tag)
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())


def normalize_lang(value: str | None) -> str | None:
    """A language tag in its usual case: ``en_us`` -> ``en-US``, ``ZH-hans-cn`` -> ``zh-Hans-CN``;
    ``None`` for what is no tag."""
    if not value:
        return None
    parts = re.split(r"[-_]", value.strip().split(",")[0].strip())
    if not parts or not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif part:
            out.append(part.lower())
    return "-".join(out)


# --- JSON-LD ---------------------------------------------------------------------------------


def _load(text: str) -> Any:
    if len(text) > MAX_JSON_LD_CHARS:
        return None
    text = text.strip()
    if text[:1] not in ("{", "["):  # wrapped as <!-- ... --> or //<![CDATA[ ... //]]>
        text = text.removeprefix("//").strip().removeprefix("<!--").removeprefix("<![CDATA[")
        text = text.strip()
        for end in ("-->", "]]>", "//"):
            text = text.removesuffix(end).rstrip()
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object at the top of a JSON-LD document: lists and ``@graph`` unrolled."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _nodes(graph, depth + 1)


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return _clean(value) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and value:
        return _str(value[0])
    if isinstance(value, dict):
        return _str(value.get("@value"))
    return None


def _read_json_ld(texts: Sequence[str]) -> dict[str, Any]:
    """The fields of the page's article (or, failing one, web page) object of its JSON-LD."""
    nodes = [n for text in texts for n in _nodes(_load(text))]
    if not nodes:
        return {}
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}

    def resolve(value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            key = value.get("@id")
            return by_id.get(key, value) if isinstance(key, str) else value
        return value

    article = next((n for n in nodes if _types(n) & ARTICLE_TYPES), None)
    if article is None:
        article = next((n for n in nodes if _types(n) & PAGE_TYPES), None)
        # A page that wraps its article as mainEntity.
        main = resolve(article.get("mainEntity")) if article else None
        if isinstance(main, dict) and _types(main) & ARTICLE_TYPES:
            article = main
    out: dict[str, Any] = {}
    website = next((n for n in nodes if "website" in _types(n)), None)
    if website is not None:
        out["site_name"] = _str(website.get("name"))
        out["lang"] = _str(website.get("inLanguage"))
    if article is None:
        return out
    out["headline"] = _str(article.get("headline")) or (
        _str(article.get("name")) if _types(article) & ARTICLE_TYPES else None
    )
    out["date"] = _str(article.get("datePublished")) or _str(article.get("dateCreated"))
    out["description"] = _str(article.get("description"))
    out["lang"] = _str(article.get("inLanguage")) or out.get("lang")
    publisher = resolve(article.get("publisher"))
    if isinstance(publisher, list) and publisher:
        publisher = resolve(publisher[0])
    if isinstance(publisher, dict) and _str(publisher.get("name")):
        out["site_name"] = _str(publisher.get("name"))
    out["url"] = _str(article.get("url")) or _str(
        (resolve(article.get("mainEntityOfPage")) or {}).get("@id")
        if isinstance(resolve(article.get("mainEntityOfPage")), dict)
        else article.get("mainEntityOfPage")
    )
    out["image"] = _image(resolve(article.get("image")), resolve)
    authors: list[str] = []
    raw = article.get("author")
    for person in raw if isinstance(raw, list) else [raw]:
        person = resolve(person)
        if isinstance(person, str):
            authors.extend(split_names(person))
        elif isinstance(person, dict):
            name = _str(person.get("name"))
            if name is None and (_str(person.get("givenName")) or _str(person.get("familyName"))):
                name = " ".join(
                    p for p in (_str(person.get("givenName")), _str(person.get("familyName"))) if p
                )
            if name:
                authors.extend(split_names(name))
    out["authors"] = authors
    keywords = article.get("keywords")
    if isinstance(keywords, str):
        out["keywords"] = keywords.split(",")
    elif isinstance(keywords, list):
        out["keywords"] = [k for k in keywords if isinstance(k, str)]
    return {k: v for k, v in out.items() if v}


def _image(value: Any, resolve: Any) -> str | None:
    if isinstance(value, list):
        value = resolve(value[0]) if value else None
    if isinstance(value, dict):
        return _str(value.get("url")) or _str(value.get("contentUrl"))
    return _str(value)


# --- names -------------------------------------------------------------------------------------

_URLISH = re.compile(r"^(?:https?:|www\.|/)|@|\.(?:com|org|net)\b", re.I)
_PREFIXES = sorted(AUTHOR_PREFIXES, key=len, reverse=True)
_JOINERS = re.compile(
    r"\s*(?:,|;|\s(?:" + "|".join(re.escape(j) for j in NAME_JOINERS if j.isalpha()) + r")\s"
    r"|" + "|".join(re.escape(j) for j in NAME_JOINERS if not j.isalpha()) + r")\s*",
    re.I,
)
_ENDERS = re.compile(r"\s(?:" + "|".join(re.escape(e) for e in NAME_ENDERS) + r")\s.*$", re.I)


_PREFIX_RE = re.compile(
    "|".join(re.escape(p) + (r"(?![^\W\d_])" if p[-1].isalpha() else "") for p in _PREFIXES)
)


def strip_prefix(text: str) -> tuple[str, bool]:
    """``text`` less a byline's opening words ("By", "Von", "Автор:"...), and whether it had
    them. A prefix made of words ends at a word's end ("Bystander" has no "By")."""
    found = _PREFIX_RE.match(text.lower())
    if found is None:
        return text, False
    return text[found.end() :].lstrip(" :：/").strip(), True


def split_names(text: str) -> list[str]:
    """The names in a byline: its opening words, roles ("Staff Writer"), places ("in Berlin")
    and anything with digits dropped; "Jane Doe and John Roe" gives both."""
    text, _ = strip_prefix(_clean(text[:MAX_METADATA_CHARS]))
    names: list[str] = []
    for part in _JOINERS.split(text):
        part = _ENDERS.sub("", part).strip(" .:;-–—")
        part, _ = strip_prefix(part)
        if not part or part[0].islower() or any(c.isdigit() for c in part) or _URLISH.search(part):
            continue
        words = part.split()
        if len(words) > MAX_NAME_WORDS or any(w.casefold() in ROLE_WORDS for w in words):
            continue
        names.append(part)
    return names


def _names(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        name = _clean(name)
        if name and _key(name) and _key(name) not in seen:
            seen[_key(name)] = name
    return tuple(seen.values())


# --- dates -----------------------------------------------------------------------------------


@cache
def _months() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in MONTH_NAMES.values():
        for month, forms in enumerate(names.split(), start=1):
            for form in forms.split("/"):
                table.setdefault(form, month)
    return table


_WEEKDAYS = frozenset(WEEKDAY_NAMES.split())
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)"
)
_YMD = re.compile(r"(?<!\d)(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")
_D_MONTH_Y = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+)?([^\W\d_]{3,})\.?,?\s+(?:de\s+|del\s+)?"
    r"(\d{4})(?!\d)",
    re.I,
)
_MONTH_D_Y = re.compile(r"\b([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _valid(year: int, month: int, day: int) -> Date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def normalize_date(value: str | None, lang: str | None = None) -> str | None:
    """A machine-readable date (ISO 8601, RFC 2822, ``20240305``) or a written one as ISO
    8601: a datetime when it carries a time, else ``YYYY-MM-DD``; ``None`` when unreadable."""
    if not value:
        return None
    value = value[:MAX_METADATA_CHARS].strip()
    iso = _ISO.match(value)
    if iso:
        day = _valid(int(iso[1]), int(iso[2]), int(iso[3]))
        if day is None:
            return None
        if iso[4] is None:
            return day.isoformat()
        zone = iso[7] or ""
        if zone == "Z":
            zone = "+00:00"
        elif zone and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:] or '00'}"
        stamp = f"{day.isoformat()}T{iso[4]}:{iso[5]}:{iso[6] or '00'}{zone}"
        try:
            return datetime.fromisoformat(stamp).isoformat()
        except ValueError:
            return day.isoformat()
    compact = _COMPACT.match(value)
    if compact:
        found = _valid(int(compact[1]), int(compact[2]), int(compact[3]))
        return found.isoformat() if found else None
    if "," in value[:5] or re.search(r"\d\d:\d\d(?::\d\d)? (?:GMT|UT|[+-]\d{4})", value):
        try:
            parsed: datetime | None = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None and MIN_YEAR <= parsed.year <= MAX_YEAR:
            return parsed.isoformat()
    return date_in_text(value, lang)


def date_in_text(text: str, lang: str | None = None) -> str | None:
    """The first full date written in ``text`` ("5 March 2024", "March 5, 2024", "5. März
    2024", "2024年3月5日", "05.03.2024"...), as ``YYYY-MM-DD``. A numeric date whose day and
    month could be swapped is read by the page's language, and left unread (``None``) when
    that does not settle it."""
    found: list[tuple[int, Date]] = []
    months = _months()
    text = text[:MAX_METADATA_CHARS]
    for m in _YMD.finditer(text):
        day = _valid(int(m[1]), int(m[2]), int(m[3]))
        if day:
            found.append((m.start(), day))
            break
    for m in _D_MONTH_Y.finditer(text):
        month = months.get(m[2].casefold())
        day = _valid(int(m[3]), month, int(m[1])) if month else None
        if day:
            found.append((m.start(), day))
            break
    for m in _MONTH_D_Y.finditer(text):
        month = months.get(m[1].casefold())
        day = _valid(int(m[3]), month, int(m[2])) if month else None
        if day:
            found.append((m.start(), day))
            break
    for m in _DMY.finditer(text):
        day = _numeric(int(m[1]), int(m[3]), int(m[4]), m[2], lang)
        if day:
            found.append((m.start(), day))
            break
    return min(found)[1].isoformat() if found else None


def _numeric(first: int, second: int, year: int, sep: str, lang: str | None) -> Date | None:
    """A day-month-year or month-day-year date written in numbers."""
    if first > 12 or second > 12:  # only one reading
        return _valid(year, second, first) if first > 12 else _valid(year, first, second)
    if first == second:
        return _valid(year, first, second)
    low = (lang or "").lower()
    primary = low.split("-")[0]
    if low in MONTH_FIRST_LANGS:
        return None if sep == "." else _valid(year, first, second)
    if primary and (primary != "en" or low in DAY_FIRST_ENGLISH):
        return _valid(year, second, first)
    return None


_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]([01]?\d|[a-z]{3})[/-]([0-3]?\d)(?:/|[-_][^/\d]|\.html?|$)", re.I
)


def date_in_url(url: str | None) -> str | None:
    """A date the address carries as ``/2024/03/05/``, ``/2024-03-05-slug`` or
    ``/2024/mar/05/``."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # "Invalid IPv6 URL": a stray "[" in a page's canonical link
        return None
    m = _URL_DATE.search(path)
    if not m:
        return None
    month = int(m[2]) if m[2].isdigit() else _months().get(m[2].lower())
    found = _valid(int(m[1]), month, int(m[3])) if month else None
    return found.isoformat() if found else None


# --- after filtering: the byline and date shown by the headline --------------------------------


def _headline_index(blocks: Sequence[Block], title: str | None) -> int | None:
    if title and _key(title):
        key = _key(title)
        size = len(title)
        # Only blocks of about the title's length are compared (cheaply, by length first).
        near = [b for b in blocks if abs(len(b.text) - size) <= size // 2 + 8]
        for block in near:
            if block.kind == "heading" and _key(block.text) == key:
                return block.index
        for block in near:
            if _key(block.text) == key:
                return block.index
    return next((b.index for b in blocks if b.rule == "title"), None)


def _header(blocks: Sequence[Block], at: int) -> list[Block]:
    """The dropped short blocks around the headline: a few before it, and those after it up to
    the second kept block (the first may be a standfirst) or a linked heading (a teaser)."""
    out = [b for b in blocks[max(0, at - BLOCKS_BEFORE_HEADLINE) : at] if not b.kept]
    kept = 0
    for block in blocks[at + 1 : at + 1 + BLOCKS_AFTER_HEADLINE]:
        if block.kept:
            kept += 1
            if kept > 1:
                break
            continue
        if block.kind == "heading" and block.features.link_density > 0.5:
            break
        out.append(block)
    return [b for b in out if b.features.words <= MAX_HEADER_WORDS]


_SPLIT_PARTS = re.compile("\\s*[" + re.escape(BYLINE_SEPARATORS) + "]\\s*|\\s+-\\s+")
_INNER_BY = re.compile(r"(?:^|\s)(by|von|par|por)\s+\S", re.I)


def _before_date(text: str) -> str:
    """``text`` cut where a date starts (its first digit, and the month, weekday or "on" before
    it)."""
    digit = next((i for i, c in enumerate(text) if c.isdigit()), None)
    if digit is None:
        return text
    words = text[:digit].split()
    months = _months()
    while words:
        word = words[-1].strip(",.;:").casefold()
        if word and word not in months and word not in _WEEKDAYS and word not in DATE_LEADS:
            break
        words.pop()
    return " ".join(words).rstrip(" ,;:-–—")


def _byline_in(
    text: str, lang: str | None, *, loose: bool = False, capitalised: bool = False
) -> tuple[str, list[str]] | None:
    """The byline part of a line and the names in it. ``loose``: a part with no opening words
    counts when it is made of capitalised names only (a byline shown as "Jane Doe · 5 March");
    ``capitalised``: names in a cased script must be capitalised."""
    for part in _SPLIT_PARTS.split(_clean(text[:MAX_METADATA_CHARS])):
        if not part:
            continue
        rest, prefixed = strip_prefix(part)
        if not prefixed:
            inner = _INNER_BY.search(part)
            if inner and (inner.start() == 0 or date_in_text(part[: inner.start()], lang)):
                part = part[inner.start(1) :]
                rest, prefixed = strip_prefix(part)
        if prefixed:
            part = _before_date(part)
            names = split_names(_before_date(rest))
            if names and (not capitalised or all(_capitalised(n) for n in names)):
                return part, names
        elif loose and _looks_like_names(part):
            return part, split_names(part)
    return None


def _capitalised(name: str) -> bool:
    """Whether a name's words start with a capital, where the script has capitals."""
    return all(
        w[0].isupper() or not w[0].isalpha() or w[0].lower() == w[0].upper()
        for w in name.split()
        if len(w) > 3
    )


def _looks_like_names(text: str) -> bool:
    """Two to four capitalised words (or several such names joined): a name shown alone."""
    if any(c.isdigit() or c in ":：" for c in text):
        return False
    names = split_names(text)
    if not names:
        return False
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4 or not words[0][0].isupper() or not _capitalised(name):
            return False
    return True


def _labelled_name(blocks: Sequence[Block], at: int) -> list[str]:
    """A name an author box shows beside a label ("AFP" over "Written By"), after the
    headline, both lines dropped."""
    for i in range(at + 1, len(blocks)):
        block = blocks[i]
        if block.kept or block.text.strip().rstrip(":：").strip().lower() not in AUTHOR_LABELS:
            continue
        for j in (i - 1, i + 1):
            if j <= at or j >= len(blocks) or blocks[j].kept:
                continue
            text = _clean(blocks[j].text)
            words = text.split()
            if (
                0 < len(words) <= MAX_NAME_WORDS
                and not text[0].islower()
                and not any(c.isdigit() for c in text)
            ):
                return split_names(text)
    return []


def complete(meta: Metadata, blocks: Sequence[Block], url: str | None) -> Metadata:
    """``meta`` with the byline, authors and date that the blocks around the headline show
    (read only where the head gave none), and the date of the URL as a last resort."""
    byline: str | None = None
    names: list[str] = []
    date = meta.date
    at = _headline_index(blocks, meta.title)
    header = _header(blocks, at) if at is not None else []
    header_text = [b.text for b in header]
    # An element marked as the author (class, rel, itemprop) whose text the header shows.
    for marked in meta.marked_authors:
        shown = next((t for t in header_text if marked in t), None)
        if shown is None:
            continue
        # The byline as the line shows it ("di Giulia Ferri" around a marked "Giulia Ferri").
        around = next((p for p in _SPLIT_PARTS.split(shown) if marked in p), marked)
        got = _byline_in(around, meta.lang)
        if got is None or marked not in got[0]:
            got = _byline_in(marked, meta.lang)
        byline = marked if got is None else got[0]
        names = got[1] if got else split_names(marked)
        break
    if byline is None and at is not None:
        for block in header:
            after = block.index > at and block.features.link_density < 0.5
            got = _byline_in(block.text, meta.lang, loose=after)
            if got:
                byline, names = got
                break
    if byline is None and at is not None:
        # A byline the filters dropped after the article ("Автор: ...", "Written by ...").
        for block in blocks[at + 1 :]:
            if block.kept or block.features.words > MAX_BYLINE_WORDS:
                continue
            if not _PREFIX_RE.match(block.text.lstrip().lower()):
                continue
            got = _byline_in(block.text, meta.lang, capitalised=True)
            if got:
                byline, names = got
                break
    if not names and at is not None:
        names = _labelled_name(blocks, at)
    authors = meta.authors
    if not meta.structured_authors:
        authors = (
            _names(names)
            or _names(n for marked in meta.marked_authors for n in split_names(marked))[:1]
        )
    if date is None:
        for text, stamp in meta.time_texts:
            if text and any(text in t for t in header_text):
                date = normalize_date(stamp, meta.lang)
                if date:
                    break
    if date is None:
        for text in header_text:
            date = date_in_text(text, meta.lang)
            if date:
                break
    if date is None:
        date = date_in_url(url) or date_in_url(meta.canonical_url)
    return replace(meta, byline=byline, authors=authors, date=date)
