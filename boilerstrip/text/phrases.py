"""Phrases and keys: the forms in which stages compare a block's text with word lists, with the
page's title and with other blocks (the filters, the headline, the metadata reader share them)."""

from __future__ import annotations

import re
import string

from ..config import MAX_HEADLINE_CHARS, MIN_TITLE_PART

__all__ = ["TRIM", "WORD_RE", "is_headline", "phrase", "phrase_head", "text_key", "title_key"]

TRIM = " \t\n:：.…»›>|-–—•·*#/()[]\"'“”‘’«»!?"
WORD_RE = re.compile(r"\w+")


def phrase(text: str) -> str:
    """A block's text as phrase lists hold it: lower case, outer punctuation trimmed."""
    return " ".join(text.casefold().split()).strip(TRIM)


def phrase_head(text: str, size: int) -> str:
    """The first ``size`` characters of :func:`phrase` (all of it when shorter), reading only
    the text's beginning where that is enough: the phrase of a text's beginning is the
    beginning of its phrase (casefolding goes character by character, spaces are collapsed,
    and punctuation is trimmed at the ends only). A head that is already so (printable ASCII,
    single spaces, no punctuation or space at either end) is only lowered: the phrase of the
    whole text opens with it."""
    head = text[:size]
    if (
        0 < len(head) == size
        and head.isascii()
        and head.isprintable()
        and "  " not in head
        and head[0] not in TRIM
        and head[-1] not in TRIM
    ):
        return head.lower()
    if len(text) > 2 * size:
        head = phrase(text[: 2 * size])
        if len(head) >= size:
            return head[:size]
    return phrase(text)[:size]


#: ASCII bytes that are not word characters (``\w`` in ASCII is letters, digits and "_").
_ASCII_NONWORD = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_ASCII = bytes(range(128))
#: ASCII upper case to lower case, as ``str.lower`` does it for ASCII.
_ASCII_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())
#: A text whose UTF-8 form is longer than itself by less than this share is mostly ASCII (see
#: :func:`text_key`).
_MOSTLY_ASCII = 1 / 8
#: Distinct non-ASCII non-word characters :func:`text_key` deletes one by one; a text with
#: more is keyed by the regex.
_MAX_DELETED_ONE_BY_ONE = 32


def text_key(text: str) -> str:
    """A key that two copies of one text share whatever their quotes, case and spacing: its
    word characters (``\\w``), casefolded."""
    if text.isascii():  # the same key, lowered and deleted in C: most blocks are ASCII
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NONWORD).decode("ascii")
    folded = text.casefold()
    encoded = folded.encode("utf-8", "surrogatepass")
    if len(encoded) - len(folded) < len(folded) * _MOSTLY_ASCII:
        # Mostly ASCII, with a few curly quotes, dashes, no-break spaces and accented
        # letters: the ASCII non-word characters go as above (the UTF-8 bytes of the others
        # are all >= 0x80 and stay whole), then each of the other non-word ones, found among
        # what is left when the ASCII bytes are deleted.
        rest = encoded.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        others = [c for c in set(rest) if not (c.isalnum() or c == "_")]
        if len(others) <= _MAX_DELETED_ONE_BY_ONE:
            key = encoded.translate(None, _ASCII_NONWORD).decode("utf-8", "surrogatepass")
            for c in others:
                key = key.replace(c, "")
            return key
    return "".join(WORD_RE.findall(folded))


def title_key(title: str | None) -> str:
    """The :func:`text_key` of a page's title as headings are matched against it. A headline
    is short; the cap keeps a page-long ``<title>`` from costing time per heading."""
    return text_key(title[:MAX_HEADLINE_CHARS]) if title else ""


def is_headline(key: str, title: str) -> bool:
    """Whether a heading's :func:`text_key` is the headline: the title's key (see
    :func:`title_key`) is it, or contains it when it is long enough to be more than a word."""
    return bool(key and title) and (key == title or (len(key) > MIN_TITLE_PART and key in title))
