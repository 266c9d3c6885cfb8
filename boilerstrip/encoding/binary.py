"""Binary input: file signatures and control-byte counts that tell an image, an archive or a
PDF from a page, so that its bytes are never read as text."""

from __future__ import annotations

import re
from typing import Final

from .sniff import BOMS, utf16_guess

#: File signatures: ``(offset, bytes)`` pieces that must all be there, and what they mean.
_SIGNATURES: Final[tuple[tuple[tuple[tuple[int, bytes], ...], str], ...]] = (
    (((0, b"\x89PNG\r\n\x1a\n"),), "a PNG image"),
    (((0, b"\xff\xd8\xff"),), "a JPEG image"),
    (((0, b"GIF87a"),), "a GIF image"),
    (((0, b"GIF89a"),), "a GIF image"),
    (((0, b"RIFF"), (8, b"WEBP")), "a WebP image"),
    (((0, b"RIFF"), (8, b"WAVE")), "a WAV audio file"),
    (((0, b"RIFF"), (8, b"AVI ")), "an AVI video"),
    (((0, b"II*\x00"),), "a TIFF image"),
    (((0, b"MM\x00*"),), "a TIFF image"),
    (((0, b"\x00\x00\x01\x00"),), "an icon image"),
    (((4, b"ftyp"),), "an MP4 or QuickTime video (or an AVIF or HEIF image)"),
    (((0, b"\x1aE\xdf\xa3"),), "a Matroska or WebM video"),
    (((0, b"OggS\x00"),), "an Ogg audio or video file"),
    (((0, b"ID3\x03"),), "an MP3 audio file"),
    (((0, b"ID3\x04"),), "an MP3 audio file"),
    (((0, b"fLaC"),), "a FLAC audio file"),
    (((0, b"%PDF-"),), "a PDF document"),
    (((0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),), "an old Microsoft Office document"),
    (((0, b"\x1f\x8b"),), "gzip-compressed data (decompress it first)"),
    (((0, b"BZh"), (4, b"1AY&SY")), "bzip2-compressed data (decompress it first)"),
    (((0, b"\xfd7zXZ\x00"),), "xz-compressed data (decompress it first)"),
    (((0, b"(\xb5/\xfd"),), "zstd-compressed data (decompress it first)"),
    (((0, b"PK\x03\x04"),), "a ZIP archive (or a docx, xlsx, epub, jar... file)"),
    (((0, b"PK\x05\x06"),), "a ZIP archive"),
    (((0, b"7z\xbc\xaf\x27\x1c"),), "a 7-Zip archive"),
    (((0, b"Rar!\x1a\x07"),), "a RAR archive"),
    (((0, b"wOFF"),), "a web font"),
    (((0, b"wOF2"),), "a web font"),
    (((0, b"\x7fELF"),), "an ELF executable"),
    (((0, b"\xcf\xfa\xed\xfe"),), "a Mach-O executable"),
    (((0, b"\xca\xfe\xba\xbe"),), "a Java class or Mach-O file"),
    (((0, b"\x00asm"),), "a WebAssembly module"),
    (((0, b"SQLite format 3\x00"),), "an SQLite database"),
)
_LONGEST_SIGNATURE: Final = 16

#: Control bytes that text never holds (tab, line feed, form feed, carriage return and the
#: escape of ISO-2022-JP are text; NUL is counted apart).
_CONTROL_BYTES: Final = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_NOT_CONTROL_BYTES: Final = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_RE: Final = re.compile("[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")
#: Every byte 0x80-0xFF becomes 0x80: a str's high characters may have come from any of them.
_HIGH_AS_ONE: Final = bytes(range(0x80)) + b"\x80" * 0x80
_TAG_RE: Final = re.compile(rb"<[A-Za-z!/?]")
_TAG_TEXT_RE: Final = re.compile("<[A-Za-z!/?]")
#: How much of the input the control-byte count looks at.
_BINARY_HEAD: Final = 8192
#: Binary when at least this many control bytes make at least 1/20 of the non-NUL head.
_MIN_CONTROLS: Final = 8


#: Characters past U+00FF that a high byte becomes when binary data is decoded as text: the
#: replacement character, and windows-1252's letters for 0x80-0x9F. Any other such character
#: (a Cyrillic or Chinese letter) is text, not a byte of a file signature.
_HIGH_BYTE_CHARS: Final = frozenset("\ufffd" + bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))


def _signature_bytes(head: str) -> bytes:
    """The first characters of a ``str`` as the bytes they most likely were, up to the first
    that no byte decodes to (the start of a text, not of a file)."""
    out = bytearray()
    for char in head[:_LONGEST_SIGNATURE]:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # "surrogateescape"
            code -= 0xDC00
        if code >= 0x100 and char not in _HIGH_BYTE_CHARS:
            break
        out.append(code if code < 0x100 else 0x80)
    return bytes(out)


_Signature = tuple[tuple[tuple[int, bytes], ...], str]


def _by_first_byte(loose: bool) -> tuple[tuple[_Signature, ...], ...]:
    """For each value of a head's first byte, the signatures it can start (those with a piece
    at offset 0 that starts with it, and those with none there), in the order of
    :data:`_SIGNATURES`; ``loose``: their bytes as a ``str`` is read (see :func:`_signature`)."""
    table: list[list[_Signature]] = [[] for _ in range(256)]
    for pieces, what in _SIGNATURES:
        if loose:
            pieces = tuple((at, piece.translate(_HIGH_AS_ONE)) for at, piece in pieces)
        first = next((piece[0] for at, piece in pieces if at == 0), None)
        for byte in range(256) if first is None else (first,):
            table[byte].append((pieces, what))
    return tuple(tuple(signatures) for signatures in table)


_SIGNATURES_BY_FIRST_BYTE: Final = _by_first_byte(loose=False)
_LOOSE_SIGNATURES_BY_FIRST_BYTE: Final = _by_first_byte(loose=True)
#: The signatures with no piece at offset 0: all that an empty head is checked against.
_SIGNATURES_ELSEWHERE: Final = tuple(
    (pieces, what) for pieces, what in _SIGNATURES if all(at != 0 for at, _ in pieces)
)


def _signature(head: bytes, loose: bool) -> str | None:
    """What the file signature at the start of ``head`` says it is; ``loose`` when ``head``
    comes from a ``str``: a character read as a high byte then stands for any byte 0x80-0xFF.
    Only the signatures the first byte can start are compared (a page's ``<`` starts none)."""
    if loose:
        head = head.translate(_HIGH_AS_ONE)
    table = _LOOSE_SIGNATURES_BY_FIRST_BYTE if loose else _SIGNATURES_BY_FIRST_BYTE
    for pieces, what in table[head[0]] if head else _SIGNATURES_ELSEWHERE:
        if all(head[at : at + len(piece)] == piece for at, piece in pieces):
            return what
    return None


def _controls_say_binary(controls: int, nuls: int, size: int, has_tags: bool) -> str | None:
    if controls >= _MIN_CONTROLS and controls * 20 >= size - nuls:
        return "binary data (control bytes, not text)"
    if size and nuls * 2 >= size and not has_tags:
        return "binary data (mostly NUL bytes)"
    return None


def _text_kind(text: str) -> str | None:
    head = text[:_BINARY_HEAD]
    controls = len(_CONTROL_RE.findall(head))
    has_tags = _TAG_TEXT_RE.search(text) is not None
    return _controls_say_binary(controls, head.count("\x00"), len(head), has_tags)


def binary_kind(html: bytes | bytearray | str) -> str | None:
    """What the input looks like when it is not text but binary data, such as ``"a PNG
    image"``; ``None`` for text (whatever its encoding, UTF-16 included).

    A file signature at the start (images, audio and video, PDF, compressed data, archives,
    executables...) decides; else the first 8 KB are counted: control bytes (other than tab,
    line feed, form feed, carriage return and escape) in at least 1/20 of what is not NUL, or
    a majority of NUL bytes in a page without a single tag, mean binary.  UTF-16 and UTF-32
    text, marked or not, are counted on their characters, not their bytes.  For ``str`` input
    the characters are read as the bytes they were decoded from.
    """
    if isinstance(html, str):
        kind = _signature(_signature_bytes(html), loose=True)
        return kind if kind is not None else _text_kind(html)
    data = bytes(html[:_BINARY_HEAD])
    kind = _signature(data, loose=False)
    if kind is not None:
        return kind
    codec = next((codec for bom, codec in BOMS if data.startswith(bom)), None)
    if codec is None:
        codec = utf16_guess(data)
    if codec is not None:  # count characters, not bytes
        return _text_kind(data.decode(codec, "replace"))
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    has_tags = _TAG_RE.search(html) is not None
    nuls = data.count(0) if b"\x00" in data else 0  # found by memchr; counting reads it all
    return _controls_say_binary(controls, nuls, len(data), has_tags)


def binary_warning(kind: str) -> str:
    """The warning for input :func:`binary_kind` found to be ``kind``."""
    return f"the input looks like {kind}, not HTML; nothing was read"
