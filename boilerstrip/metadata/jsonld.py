"""JSON-LD: the page's article object (or web page) and its fields."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..config import (
    ARTICLE_TYPES,
    MAX_JSON_LD_CHARS,
    MAX_META_VALUES,
    PAGE_TYPES,
)
from .names import split_names
from .text import clean

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
        return clean(value) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and value:
        return _str(value[0])
    if isinstance(value, dict):
        return _str(value.get("@value"))
    return None


def read_json_ld(texts: Sequence[str]) -> dict[str, Any]:
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
    out["date_modified"] = _str(article.get("dateModified"))
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
    out["publisher"] = out.get("site_name")
    out["authors"] = _people(article.get("author"), resolve) or _people(
        article.get("creator"), resolve
    )
    keywords = article.get("keywords")
    if isinstance(keywords, str):
        out["keywords"] = keywords.split(",")
    elif isinstance(keywords, list):
        out["keywords"] = [k for k in keywords if isinstance(k, str)]
    return {k: v for k, v in out.items() if v}


def _people(value: Any, resolve: Callable[[Any], Any], depth: int = 0) -> list[str]:
    """The names of an ``author`` value in any of its shapes: a string (names joined by commas
    or "and"), a Person or Organization object (``name``, or ``givenName`` and ``familyName``),
    an ``@id`` reference, or a list of those."""
    if depth > 3:
        return []
    value = resolve(value)
    if isinstance(value, list):
        return [n for item in value[:MAX_META_VALUES] for n in _people(item, resolve, depth + 1)]
    if isinstance(value, str):
        return split_names(value, structured=True)
    if not isinstance(value, dict):
        return []
    name = value.get("name")
    if isinstance(name, (list, dict)):
        return _people(name, resolve, depth + 1)
    text = _str(name) or " ".join(
        p for p in (_str(value.get("givenName")), _str(value.get("familyName"))) if p
    )
    return split_names(text, structured=True) if text else []


def _image(value: Any, resolve: Any) -> str | None:
    if isinstance(value, list):
        value = resolve(value[0]) if value else None
    if isinstance(value, dict):
        return _str(value.get("url")) or _str(value.get("contentUrl"))
    return _str(value)
