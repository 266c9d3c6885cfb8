"""Authors' names: a byline's opening words, joiners, roles and places taken off."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..config import (
    AUTHOR_PREFIXES,
    MAX_METADATA_CHARS,
    MAX_NAME_WORDS,
    NAME_ENDERS,
    NAME_JOINERS,
    ROLE_WORDS,
)
from .text import clean, match_key

# --- names -------------------------------------------------------------------------------------

URLISH = re.compile(r"^(?:https?:|www\.|/)|@|\.(?:com|org|net)\b", re.I)
_PREFIXES = sorted(AUTHOR_PREFIXES, key=len, reverse=True)
_JOINERS = re.compile(
    r"\s*(?:,|;|\s(?:" + "|".join(re.escape(j) for j in NAME_JOINERS if j.isalpha()) + r")\s"
    r"|" + "|".join(re.escape(j) for j in NAME_JOINERS if not j.isalpha()) + r")\s*",
    re.I,
)
_ENDERS = re.compile(r"\s(?:" + "|".join(re.escape(e) for e in NAME_ENDERS) + r")\s.*$", re.I)


PREFIX_RE = re.compile(
    "|".join(re.escape(p) + (r"(?![^\W\d_])" if p[-1].isalpha() else "") for p in _PREFIXES)
)


def strip_prefix(text: str) -> tuple[str, bool]:
    """``text`` less a byline's opening words ("By", "Von", "Автор:"...), and whether it had
    them. A prefix made of words ends at a word's end ("Bystander" has no "By")."""
    found = PREFIX_RE.match(text.lower())
    if found is None:
        return text, False
    return text[found.end() :].lstrip(" :：/").strip(), True


def split_names(text: str) -> list[str]:
    """The names in a byline: its opening words, roles ("Staff Writer"), places ("in Berlin")
    and anything with digits dropped; "Jane Doe and John Roe" gives both."""
    text, _ = strip_prefix(clean(text[:MAX_METADATA_CHARS]))
    names: list[str] = []
    for part in _JOINERS.split(text):
        part = _ENDERS.sub("", part).strip(" .:;-–—")
        part, _ = strip_prefix(part)
        if not part or part[0].islower() or any(c.isdigit() for c in part) or URLISH.search(part):
            continue
        words = part.split()
        if len(words) > MAX_NAME_WORDS or any(w.casefold() in ROLE_WORDS for w in words):
            continue
        names.append(part)
    return names


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        name = clean(name)
        if name and match_key(name) and match_key(name) not in seen:
            seen[match_key(name)] = name
    return tuple(seen.values())
