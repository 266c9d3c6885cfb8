"""Authors' names: a byline's opening words, joiners, roles and places taken off."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..config import (
    AUTHOR_PREFIXES,
    CREDIT_WORDS,
    MAX_METADATA_CHARS,
    MAX_NAME_WORDS,
    NAME_ENDERS,
    NAME_JOINERS,
    NAME_PARTICLES,
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


#: A byline's opening word glued to the name ("ByJane Doe"): a capital after a capitalised prefix.
#: Not a prefix that also opens surnames ("Di", "Von", "De": "DiCaprio", "VonTrapp").
_GLUED_PREFIX = re.compile(
    "(?:"
    + "|".join(
        re.escape(p.capitalize())
        for p in _PREFIXES
        if p.isalpha() and p.isascii() and p not in NAME_PARTICLES
    )
    + r")(?=[A-Z])"
)


def strip_prefix(text: str) -> tuple[str, bool]:
    """``text`` less a byline's opening words ("By", "Von", "Автор:"...), and whether it had
    them. A prefix made of words ends at a word's end ("Bystander" has no "By"), unless a
    capital follows it glued ("ByJane Doe", markup that lost its space)."""
    found = PREFIX_RE.match(text.lower()) or _GLUED_PREFIX.match(text)
    if found is None:
        return text, False
    return text[found.end() :].lstrip(" :：/").strip(), True


def _without_roles(words: list[str]) -> list[str] | None:
    """The words of a name, ``None`` when a role stands before or amid the name ("Staff
    Writer", "Editor Jane Doe"). Roles that end it are kept: "AOL Staff" names a newsroom (see
    :func:`collective`)."""
    end = len(words)
    while end and words[end - 1].casefold() in ROLE_WORDS:
        end -= 1
    if not end or any(w.casefold() in ROLE_WORDS for w in words[:end]):
        return None
    return words


def collective(name: str) -> bool:
    """Whether a name ends with a role: a newsroom ("AOL Staff", "Intelligencer Staff"), an
    author only when no person is named."""
    words = name.split()
    return len(words) > 1 and words[-1].casefold() in ROLE_WORDS


def without_roles(name: str) -> str:
    """A collective name less the roles that end it ("AOL Staff" gives "AOL")."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in ROLE_WORDS:
        words.pop()
    return " ".join(words)


def _credit(part: str) -> bool:
    """A picture credit ("© Jane Doe", "Getty Images", "Photo: AP"), not a byline."""
    return "©" in part or any(w in CREDIT_WORDS for w in _WORDS.findall(part.casefold()))


_WORDS = re.compile(r"[^\W\d_]+")


def split_names(text: str, *, structured: bool = False) -> list[str]:
    """The names in a byline: its opening words, roles ("Staff Writer"), places ("in Berlin"),
    picture credits and anything with digits dropped; "Jane Doe and John Roe" gives both.
    ``structured``: the text is a field meant for names (JSON-LD, a meta tag), where a name may
    be lower-case ("dpa")."""
    text = clean(text[:MAX_METADATA_CHARS])
    if _credit(text):
        return []
    text, _ = strip_prefix(text)
    names: list[str] = []
    for part in _JOINERS.split(text):
        part = _ENDERS.sub("", part).strip(" .:;-–—")
        part, _ = strip_prefix(part)
        if (
            not part
            or (part[0].islower() and not structured)
            or any(c.isdigit() for c in part)
            or URLISH.search(part)
            or ":" in part  # a label this reader does not know ("Quelle: dpa", "Editor: X")
        ):
            continue
        words = _without_roles(part.split())
        if not words or len(words) > MAX_NAME_WORDS:
            continue
        names.append(" ".join(words))
    return names


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        name = clean(name)
        if name and match_key(name) and match_key(name) not in seen:
            seen[match_key(name)] = name
    return tuple(seen.values())
