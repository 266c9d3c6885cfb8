"""Before filtering: the head's tags, the headline and the elements marked as a byline."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..config import (
    AUTHOR_LAST_META,
    AUTHOR_META,
    DATE_META,
    DATE_MODIFIED_META,
    DESCRIPTION_META,
    IMAGE_META,
    JSON_LD_META,
    LANG_META,
    MAX_META_VALUES,
    SITE_NAME_META,
    TAG_META,
    TITLE_META,
    URL_META,
)
from ..text.tagged import Tagged, Wanted, tagged_elements
from .authors import site_keys, structured_authors
from .dates import normalize_date
from .jsonld import read_json_ld
from .marked import read_marked
from .names import split_names
from .text import clean, match_key, text_of

_SEPARATORS = re.compile(r"\s+[|\-–—·:•»/]{1,2}\s+")

#: ``h1`` elements read: the headline is among the first; a page of a hundred is a listing.
MAX_H1S = 5
#: ``<time>`` elements read: enough for a header's dates, bounded on a long archive page.
MAX_TIMES = 20
# --- the head ------------------------------------------------------------------------------


@dataclass(slots=True)
class Metadata:
    """What the page says about itself; see :class:`boilerstrip.Article` for each field."""

    title: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_modified: str | None = None
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
    marked_wrappers: tuple[str, ...] = ()
    """Texts of marked elements that hold another (read for a date, not for names)."""
    byline_times: tuple[str, ...] = ()
    """``datetime`` of the ``<time>`` elements in the box that shows the byline."""
    structured_authors: bool = field(default=False)
    """Whether :attr:`authors` came from structured data (JSON-LD, meta tags)."""
    site_authors: tuple[str, ...] = ()
    """The site's own name where structured data gives it as the author: the authors when no
    byline names anyone."""
    sites: frozenset[str] = frozenset()
    """Comparison keys of the site's names (see :func:`.authors.site_keys`)."""


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


#: The elements :func:`read_head` reads (with the attributes it reads of metas and links; the
#: others are read whole), and those of them that :func:`find_title` needs.
_META_ATTRIBUTES = ("name", "content", "property", "itemprop", "http-equiv")
_HEAD_TAGS: Wanted = (
    ("meta", _META_ATTRIBUTES),
    ("link", ("rel", "href")),
    ("title", None),
    ("h1", None),
    ("time", None),
)
_TITLE_TAGS: Wanted = (("meta", _META_ATTRIBUTES), ("title", None), ("h1", None))


def _walk(
    root: etree._Element,
    tags: Wanted = _HEAD_TAGS,
    tagged: Tagged | None = None,
    *,
    names: frozenset[str] | None = None,
) -> _Found:
    """The head's tags, the ``h1`` and ``<time>`` elements (of ``tags``), found by ``tagged``
    (:func:`~boilerstrip.text.tagged.tagged_elements` when not given): a walk filtered by tag
    (an XPath over every element costs ten times more). The meta tags of ``names`` are kept
    (all that :func:`read_head` reads when not given)."""
    found = _Found()
    meta = found.meta
    kept = _META_NAMES if names is None else names
    for tag, el in (tagged or tagged_elements)(root, tags):
        if tag == "meta":
            name, content, prop, itemprop, equiv = el
            if name == JSON_LD_META:
                found.json_ld.append(content or "")
                continue
            if not content:
                continue
            for key in (prop, name, itemprop, equiv):
                # key.strip().lower() in kept, asked first of the key as it is: the names kept
                # are stripped and lower case, so a key among them is its own normal form
                if key and (key in kept or (key := key.strip().lower()) in kept):
                    values = meta.setdefault(key, [])
                    if len(values) < MAX_META_VALUES:
                        values.append(content)
        elif tag == "link":
            rel, href = el
            if not rel:  # a stylesheet or a preload, most often: nothing read
                continue
            rels = rel.lower().split()
            href = (href or "").strip()
            if href and "canonical" in rels and found.canonical is None:
                found.canonical = href
            elif href and "image_src" in rels and found.image_link is None:
                found.image_link = href
        elif tag == "title":
            parent = el.getparent()
            if found.head_title is None and parent is not None and parent.tag == "head":
                found.head_title = clean(el.text)
        elif tag == "h1":
            if len(found.h1s) < MAX_H1S:
                text = text_of(el)
                found.h1s.append((text, _is_logo(el, text)))
                found.h1_elements.append(el)
        elif len(found.times) < MAX_TIMES:
            stamp = (el.get("datetime") or "").strip()
            if stamp:
                found.times.append((text_of(el), stamp))
    return found


def _headline_h1(found: _Found, title: str | None) -> etree._Element | None:
    """The ``h1`` that shows the headline: the one equal to the title, else the first (not a
    logo) that the title contains or that contains it (og:title may shorten or extend it)."""
    for (text, _), h1 in zip(found.h1s, found.h1_elements, strict=True):
        if text and text == title:
            return h1
    want = match_key(title or "")
    for (text, logo), h1 in zip(found.h1s, found.h1_elements, strict=True):
        have = match_key(text)
        if want and have and not logo and (have in want or want in have):
            return h1
    shown = [h1 for (text, logo), h1 in zip(found.h1s, found.h1_elements, strict=True) if not logo]
    return shown[0] if len(shown) == 1 else None


def _headline_heading(root: etree._Element, title: str | None) -> etree._Element | None:
    """An ``h2`` or ``h3`` showing the headline, on a page whose ``h1`` does not (or that has
    none): the first of the page's first few whose text holds the title or that it holds, at
    most twice as long or half as long."""
    want = match_key(title or "")
    if not want:
        return None
    for count, el in enumerate(root.iter("h2", "h3")):
        if count >= MAX_H1S * 4:
            break
        have = match_key(text_of(el))
        if have and (want in have or have in want) and len(want) <= 2 * len(have) <= 4 * len(want):
            return el  # the title, with a kicker or less a site's name
    return None


def _is_logo(h1: etree._Element, text: str) -> bool:
    """An h1 that is a link home: inside a link, or all of its text (``text``) in one."""
    if any(True for _ in h1.iterancestors("a")):
        return True
    link = h1.find(".//a")
    return link is not None and text_of(link) == text


def _choose_title(
    h1s: Sequence[tuple[str, bool]], structured: Sequence[str | None], head_title: str | None
) -> str | None:
    """The headline, by agreement: an ``h1`` that og:title, the JSON-LD headline or the
    ``<title>`` contains; else og:title, else the JSON-LD headline; else the longest part of
    ``<title>`` split at " | " and the like; else the first ``h1``."""
    # An h1 that the head's titles contain is the headline, unless it is the site's logo;
    # among several, the longest (a site name is usually the shorter part of a title).
    sources = [match_key(t) for t in (*structured, head_title) if t]
    matches = []
    for h1, logo in h1s:
        key = match_key(h1)
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


def find_title(root: etree._Element, *, tagged: Tagged | None = None) -> str | None:
    """The headline of the page, as :func:`read_head` finds it, without the rest of the
    metadata (what :func:`boilerstrip.extract_text` needs: the title filter reads it). The
    links and ``<time>`` elements are not read: the title is chosen without them. ``tagged``
    finds the elements read (see :func:`_walk`)."""
    found = _walk(root, _TITLE_TAGS, tagged, names=_TITLE_META_NAMES)
    return _title(found, read_json_ld(found.json_ld))


#: The meta tags read (any other is passed by without a copy of its content).
_META_NAMES = frozenset(
    (
        *DATE_META,
        *DATE_MODIFIED_META,
        *AUTHOR_META,
        *AUTHOR_LAST_META,
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
#: Those of them that :func:`_title` reads.
_TITLE_META_NAMES = frozenset((*TITLE_META, "headline"))


def _first(meta: dict[str, list[str]], names: Iterable[str]) -> str | None:
    """The first non-blank value of the first of ``names`` the page has, white space cleaned."""
    for name in names:
        for value in meta.get(name, ()):
            value = clean(value)
            if value:
                return value
    return None


def read_head(
    root: etree._Element, url: str | None = None, *, tagged: Tagged | None = None
) -> Metadata:
    """Everything the page's markup says about it (the byline and a visible date wait for
    :func:`complete`). ``tagged`` finds the elements read (see :func:`_walk`)."""
    found = _walk(root, _HEAD_TAGS, tagged)
    meta = found.meta
    ld = read_json_ld(found.json_ld)
    title = _title(found, ld)
    headline = _headline_h1(found, title)
    if headline is None:
        headline = _headline_heading(root, title)
    marked = read_marked(root, headline)

    site_name = _first(meta, SITE_NAME_META) or ld.get("site_name")
    sites = site_keys(
        (site_name, ld.get("site_name"), ld.get("publisher")),
        (url, found.canonical, _first(meta, URL_META)),
    )
    authors, site_authors = structured_authors(
        (
            ld.get("authors", ()),
            (n for name in AUTHOR_META for v in meta.get(name, ()) for n in _meta_names(v)),
            (n for v in marked.itemprops.get("author", ()) for n in split_names(v)),
        ),
        sites,
        last=(n for name in AUTHOR_LAST_META for v in meta.get(name, ()) for n in _meta_names(v)),
    )
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
        for raw in marked.itemprops.get("datepublished", ()):
            date = normalize_date(raw, lang)
            if date:
                break

    modified = None
    for raw in (ld.get("date_modified"), *(v for n in DATE_MODIFIED_META for v in meta.get(n, ()))):
        modified = normalize_date(raw, lang) if raw else None
        if modified:
            break

    canonical = found.canonical or _first(meta, URL_META) or ld.get("url")
    base = url or canonical
    canonical = _absolute(canonical, url)
    image = ld.get("image") or _first(meta, IMAGE_META) or found.image_link
    tags = _tags(meta, ld, marked.itemprops)
    return Metadata(
        title=title,
        authors=authors,
        date=date,
        date_modified=modified,
        site_name=site_name,
        lang=lang,
        description=_first(meta, DESCRIPTION_META) or ld.get("description"),
        image=_absolute(image, base),
        canonical_url=canonical,
        tags=tags,
        time_texts=tuple(found.times),
        marked_authors=tuple(marked.names),
        marked_wrappers=tuple(marked.wrappers),
        byline_times=tuple(marked.times),
        structured_authors=structured,
        site_authors=site_authors,
        sites=sites,
    )


def _meta_names(value: str) -> list[str]:
    """The names of an author meta tag: none when it holds a link or a handle."""
    return split_names(value, structured=True)


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
        tag = clean(tag)
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
