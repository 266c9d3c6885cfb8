"""What the bytes say of themselves before any guess: a byte-order mark, a ``<meta>`` charset in
the first 4096 bytes, the NUL pattern of BOM-less UTF-16, the escapes of ISO-2022-JP."""

from __future__ import annotations

import codecs
import re
from typing import Final

from .labels import (
    REFUSED_LABELS,
    UTF16,
    charset_from_content_type,
    codec_for_label,
    normalize_label,
    quoted,
)

#: Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_SCAN_LIMIT: Final = 4096
_COMMENT_RE: Final = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_META_RE: Final = re.compile(rb"<meta[\s/]([^>]*)>", re.IGNORECASE)
_ATTR_RE: Final = re.compile(rb"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


def _meta_label(attributes: bytes) -> str | None:
    """The charset a ``<meta>`` tag's attributes declare, if any (HTML prescan rules)."""
    attrs: dict[bytes, bytes] = {}
    for match in _ATTR_RE.finditer(attributes):
        name = match.group(1).lower()
        if name not in attrs:
            value = next((g for g in match.groups()[1:] if g is not None), b"")
            attrs[name] = value
    if b"charset" in attrs:
        value_text = attrs[b"charset"].decode("latin-1")
        if "=" in value_text:  # <meta charset="text/html; charset=utf-8">, seen in the wild
            return charset_from_content_type(value_text)
        return normalize_label(value_text.rstrip("/")) or None
    http_equiv = attrs.get(b"http-equiv", b"").strip().lower()
    if http_equiv == b"content-type" and b"content" in attrs:
        return charset_from_content_type(attrs[b"content"].decode("latin-1"))
    return None


def scan_meta(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """``(label, codec)`` of the first usable ``<meta>`` charset in the first 4096 bytes."""
    head = data[:_META_SCAN_LIMIT]
    if b"<" not in head:
        return None
    if b"<!--" in head:
        head = _COMMENT_RE.sub(b"", head)
    for tag in _META_RE.finditer(head):
        attributes = tag.group(1)
        if b"charset" not in attributes.lower():  # no charset named: most of a page's metas
            continue
        label = _meta_label(attributes)
        if label is None:
            continue
        codec = codec_for_label(label)
        if codec is None:
            warnings.append(unknown_label_warning("<meta> charset", label))
            continue
        if codec in UTF16:
            # A <meta> readable as ASCII cannot be in UTF-16; HTML says to read it as UTF-8.
            codec = "utf-8"
        return label, codec
    return None


def unknown_label_warning(what: str, label: str) -> str:
    if normalize_label(label) in REFUSED_LABELS:
        return f"{what} {quoted(label)} is not supported (browsers refuse it); ignored"
    return f"{what} {quoted(label)} is unknown; ignored"


#: Tags in 8-bit markup, and in UTF-16 markup (little-endian, big-endian).
TAG8_RE: Final = re.compile(rb"<[A-Za-z/!][^\x00]")
TAG16LE_RE: Final = re.compile(rb"<\x00[A-Za-z/!]\x00")
TAG16BE_RE: Final = re.compile(rb"\x00<\x00[A-Za-z/!]")


def utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes of the first 4 KB say so, else ``None``.

    Markup is ASCII, so UTF-16 HTML has a NUL in every other byte: at odd offsets for
    little-endian, at even offsets for big-endian.
    """
    head = data[:_META_SCAN_LIMIT]
    half = len(head) // 2
    if half < 2 or b"\x00" not in head:  # every test below counts or matches NUL bytes
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if odd_nuls >= 0.3 * half and even_nuls <= 0.05 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.05 * half:
        return "utf-16-be"
    # Text past U+00FF (Chinese...) leaves few NUL bytes: then its tags tell, each starting
    # at an even offset (a tag of one byte order is also one of the other, shifted by a byte).
    little = sum(1 for tag in TAG16LE_RE.finditer(head) if tag.start() % 2 == 0)
    big = sum(1 for tag in TAG16BE_RE.finditer(head) if tag.start() % 2 == 0)
    if max(little, big) >= 4 and len(TAG8_RE.findall(head)) < max(little, big):
        return "utf-16-le" if little >= big else "utf-16-be"
    return None


_ISO2022JP_ESCAPES: Final[tuple[bytes, ...]] = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I")


def looks_iso2022jp(data: bytes) -> bool:
    return b"\x1b" in data and any(esc in data for esc in _ISO2022JP_ESCAPES)
