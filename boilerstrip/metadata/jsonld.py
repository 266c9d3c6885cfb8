"""JSON-LD: the page's article object (or web page) and its fields."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..config import (
    ARTICLE_TYPES,
    MAX_JSON_LD_CHARS,
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
