"""White space, comparison keys and element text: what every metadata reader uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from lxml import etree

from ..config import (
    MAX_METADATA_CHARS,
)

#: Runs of white space, except the ideographic space that Japanese titles use as a separator.
_SPACES = re.compile(r"[^\S\u3000]+")


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


#: ASCII bytes that are not letters or digits: what :func:`key` deletes from ASCII text.
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
#: Runs of characters that are not letters or digits (``str.isalnum``): ``\w`` is exactly
#: those and the underscore.
_NOT_ALNUM = re.compile(r"[\W_]+")


def match_key(text: str) -> str:
    text = text[:MAX_METADATA_CHARS]
    if text.isascii():  # the same key, deleted in C
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", text.casefold())  # in C: a third cheaper than char by char


def text_of(el: etree._Element) -> str:
    return clean("".join(_texts(el)))


def _texts(el: etree._Element) -> Iterator[str]:
    """The text pieces of ``el``: ``str`` in Python 3 (the stubs allow ``bytes`` too)."""
    return cast(Iterator[str], el.itertext())


#: Characters of an author-marked element's text read at most: a byline is short; a longer
#: text is an author box or a wrapper, not read whole.
MAX_MARKED_CHARS = 200


def short_text(el: etree._Element) -> str | None:
    """The text of ``el`` (white space cleaned), or ``None`` when it runs past
    :data:`MAX_MARKED_CHARS`."""
    parts: list[str] = []
    size = 0
    for piece in _texts(el):
        size += len(piece)
        if size > MAX_MARKED_CHARS * 2:
            return None
        parts.append(piece)
    text = clean("".join(parts))
    return text if len(text) <= MAX_MARKED_CHARS else None
