"""Which names are the authors: structured sources first, the site's own name last.

Pages often name themselves where an author belongs (JSON-LD ``author`` set to the publisher,
``<meta name="author">`` holding the site's name): such a name counts only when nothing names
a person or an agency, not even the visible byline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from .names import collective, unique_names
from .text import match_key


def site_keys(names: Iterable[str | None], addresses: Iterable[str | None]) -> frozenset[str]:
    """Comparison keys of the site's names: its declared names (``og:site_name``, the JSON-LD
    publisher) and its host, whole ("stern.de") and without the top-level domain ("stern")."""
    keys = {match_key(n) for n in names if n}
    for address in addresses:
        try:
            host = (urlsplit(address).hostname or "") if address else ""
        except ValueError:
            continue
        host = host.removeprefix("www.")
        if host:
            keys.update((match_key(host), match_key(host.rsplit(".", 1)[0])))
    keys.discard("")
    return frozenset(keys)


def is_site(name: str, sites: frozenset[str]) -> bool:
    return match_key(name) in sites


def structured_authors(
    groups: Sequence[Iterable[str]], sites: frozenset[str], *, last: Iterable[str] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The authors that the first group naming someone other than the site gives, and (when
    no group does) the site's own names as the first group gives them, a last resort. ``last``
    (``twitter:creator``) counts only as that last resort, after the site's names."""
    fallback: tuple[str, ...] = ()
    for group in groups:
        names = unique_names(group)
        people = tuple(n for n in names if not is_site(n, sites) and not collective(n))
        if people:
            return people, ()
        fallback = fallback or names
    return (), fallback or unique_names(last)
