"""Turn the raw bytes of an HTML page into text.

The order follows what browsers do (WHATWG Encoding Standard and the HTML "encoding sniffing
algorithm"), with a few extra safety nets that matter more for text extraction than for
rendering:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, and UTF-32 LE/BE), stripped from the text;
2. the ``declared`` argument: a bare charset label or a whole HTTP ``Content-Type`` value;
3. ``<meta charset=...>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first 4096 bytes;
4. strict UTF-8 (and "mostly UTF-8": a few broken sequences among many good ones);
5. a small, fast, dependency-free detector for undeclared legacy pages: windows-1252 (Western),
   windows-1250 (Central European), windows-1254 (Turkish), windows-1251 and KOI8-R (Cyrillic),
   windows-1253 (Greek), windows-1255 (Hebrew), windows-1256 (Arabic), windows-874 (Thai),
   Shift_JIS and EUC-JP, GBK/GB18030, Big5, EUC-KR; plus BOM-less UTF-16 and 7-bit ISO-2022-JP;
6. windows-1252 with replacement characters, and a warning.

The detector scores a bounded sample (about 1024 non-ASCII bytes, at most 16 KB) with C-speed
operations only (``bytes.translate``/``count``, compiled regexes), so it costs a millisecond or
two whatever the size of the page; on large pages the final decode of the whole page dominates.

A declaration is not trusted blindly: when the declared codec does not fit the bytes but they are
valid UTF-8 (the classic "lying ``<meta charset>``"), UTF-8 wins; when the declared codec leaves
the bytes badly broken, the next step is tried.  Decoding never raises: whatever codec is chosen,
bytes it cannot read become U+FFFD and a warning says how many.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

__all__ = [
    "Decoded",
    "Source",
    "binary_kind",
    "binary_warning",
    "charset_from_content_type",
    "codec_for_label",
    "decode_html",
    "quoted",
]

Source = Literal["bom", "argument", "meta", "utf-8", "detected", "fallback"]


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of a page and how its bytes were read."""

    text: str
    encoding: str
    """The Python codec actually used (``codecs.lookup(...).name``): ``"utf-8"``, ``"cp1252"``..."""
    source: Source
    """How the codec was chosen: one of ``bom``, ``argument``, ``meta``, ``utf-8``, ``detected``,
    ``fallback``."""
    warnings: tuple[str, ...] = ()
    """Human-readable notes: ignored or contradicted declarations, replaced bytes..."""
    utf8: bytes | None = field(default=None, compare=False, repr=False)
    """The bytes ``text`` is the strict UTF-8 decoding of, when it is (the common case): the
    parser reads them as they are instead of encoding ``text`` again."""


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------

#: WHATWG Encoding Standard labels, grouped by the Python codec that decodes them.  Where the
#: standard names a legacy encoding, the codec is the superset browsers actually implement
#: (windows-1252 for ISO-8859-1 and ASCII, windows-1254 for ISO-8859-9, windows-874 for TIS-620,
#: GB18030 for GB2312/GBK, cp932 for Shift_JIS, cp949 for EUC-KR, Big5-HKSCS for Big5).
_WHATWG_LABELS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "utf-8": (
            "unicode-1-1-utf-8",
            "unicode11utf8",
            "unicode20utf8",
            "utf-8",
            "utf8",
            "x-unicode20utf8",
        ),
        "cp866": ("866", "cp866", "csibm866", "ibm866"),
        "iso8859-2": (
            "csisolatin2",
            "iso-8859-2",
            "iso-ir-101",
            "iso8859-2",
            "iso88592",
            "iso_8859-2",
            "iso_8859-2:1987",
            "l2",
            "latin2",
        ),
        "iso8859-3": (
            "csisolatin3",
            "iso-8859-3",
            "iso-ir-109",
            "iso8859-3",
            "iso88593",
            "iso_8859-3",
            "iso_8859-3:1988",
            "l3",
            "latin3",
        ),
        "iso8859-4": (
            "csisolatin4",
            "iso-8859-4",
            "iso-ir-110",
            "iso8859-4",
            "iso88594",
            "iso_8859-4",
            "iso_8859-4:1988",
            "l4",
            "latin4",
        ),
        "iso8859-5": (
            "csisolatincyrillic",
            "cyrillic",
            "iso-8859-5",
            "iso-ir-144",
            "iso8859-5",
            "iso88595",
            "iso_8859-5",
            "iso_8859-5:1988",
        ),
        "iso8859-6": (
            "arabic",
            "asmo-708",
            "csiso88596e",
            "csiso88596i",
            "csisolatinarabic",
            "ecma-114",
            "iso-8859-6",
            "iso-8859-6-e",
            "iso-8859-6-i",
            "iso-ir-127",
            "iso8859-6",
            "iso88596",
            "iso_8859-6",
            "iso_8859-6:1987",
        ),
        "iso8859-7": (
            "csisolatingreek",
            "ecma-118",
            "elot_928",
            "greek",
            "greek8",
            "iso-8859-7",
            "iso-ir-126",
            "iso8859-7",
            "iso88597",
            "iso_8859-7",
            "iso_8859-7:1987",
            "sun_eu_greek",
        ),
        "iso8859-8": (
            "csiso88598e",
            "csisolatinhebrew",
            "hebrew",
            "iso-8859-8",
            "iso-8859-8-e",
            "iso-ir-138",
            "iso8859-8",
            "iso88598",
            "iso_8859-8",
            "iso_8859-8:1988",
            "visual",
            # ISO-8859-8-I ("logical" order) decodes to the same characters.
            "csiso88598i",
            "iso-8859-8-i",
            "logical",
        ),
        "iso8859-10": (
            "csisolatin6",
            "iso-8859-10",
            "iso-ir-157",
            "iso8859-10",
            "iso885910",
            "l6",
            "latin6",
        ),
        "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
        "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
        "iso8859-15": (
            "csisolatin9",
            "iso-8859-15",
            "iso8859-15",
            "iso885915",
            "iso_8859-15",
            "l9",
        ),
        "iso8859-16": ("iso-8859-16",),
        "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
        "koi8-u": ("koi8-ru", "koi8-u"),
        "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
        "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
        "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
        "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
        "cp1252": (
            "ansi_x3.4-1968",
            "ascii",
            "cp1252",
            "cp819",
            "csisolatin1",
            "ibm819",
            "iso-8859-1",
            "iso-ir-100",
            "iso8859-1",
            "iso88591",
            "iso_8859-1",
            "iso_8859-1:1987",
            "l1",
            "latin1",
            "us-ascii",
            "windows-1252",
            "x-cp1252",
        ),
        "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
        "cp1254": (
            "cp1254",
            "csisolatin5",
            "iso-8859-9",
            "iso-ir-148",
            "iso8859-9",
            "iso88599",
            "iso_8859-9",
            "iso_8859-9:1989",
            "l5",
            "latin5",
            "windows-1254",
            "x-cp1254",
        ),
        "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
        "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
        "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
        "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
        "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
        "gb18030": (
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "gb2312",
            "gb_2312",
            "gb_2312-80",
            "gbk",
            "iso-ir-58",
            "x-gbk",
            "gb18030",
        ),
        "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
        "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
        "iso2022_jp_ext": ("csiso2022jp", "iso-2022-jp"),
        "cp932": (
            "csshiftjis",
            "ms932",
            "ms_kanji",
            "shift-jis",
            "shift_jis",
            "sjis",
            "windows-31j",
            "x-sjis",
        ),
        "cp949": (
            "cseuckr",
            "csksc56011987",
            "euc-kr",
            "iso-ir-149",
            "korean",
            "ks_c_5601-1987",
            "ks_c_5601-1989",
            "ksc5601",
            "ksc_5601",
            "windows-949",
        ),
        "utf-16-be": ("unicodefffe", "utf-16be"),
        "utf-16-le": (
            "csunicode",
            "iso-10646-ucs-2",
            "ucs-2",
            "unicode",
            "unicodefeff",
            "utf-16",
            "utf-16le",
        ),
    }
)

#: Labels browsers do not know but that occur in the wild and that Python can decode.
_EXTRA_LABELS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "mac-greek": ("x-mac-greek",),
        "mac-turkish": ("x-mac-turkish",),
        "mac-iceland": ("x-mac-icelandic",),
        "mac-latin2": ("x-mac-ce", "x-mac-centraleurroman"),
        "mac-croatian": ("x-mac-croatian",),
        "mac-romanian": ("x-mac-romanian",),
        "mac-arabic": ("x-mac-arabic",),
        "mac-farsi": ("x-mac-farsi",),
        "gb18030": ("cp936", "ms936", "windows-936", "euc-cn"),
        "big5hkscs": ("cp950", "ms950", "windows-950"),
        "cp932": ("cp932", "windows-932"),
        "cp949": ("cp949", "ms949", "uhc"),
    }
)

#: Labels of encodings browsers refuse to decode (they map them to "replacement").
_REFUSED_LABELS: Final[frozenset[str]] = frozenset(
    {"csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"}
)


def _invert_labels(*tables: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    inverted: dict[str, str] = {}
    for table in tables:
        for codec, labels in table.items():
            for label in labels:
                inverted.setdefault(label, codec)
    return MappingProxyType(inverted)


_LABEL_TO_CODEC: Final[Mapping[str, str]] = _invert_labels(_WHATWG_LABELS, _EXTRA_LABELS)

_UTF16: Final[frozenset[str]] = frozenset({"utf-16-le", "utf-16-be"})

_LABEL_STRIP: Final = " \t\n\r\f\"'"


def _normalize_label(label: str) -> str:
    return label.strip(_LABEL_STRIP).lower()


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label, as browsers map labels; ``None`` if unknown.

    Case, surrounding whitespace and quotes are ignored; ``_`` is accepted for ``-`` when the
    exact label is unknown (``utf_8``, ``iso_8859_1``).  ``iso-8859-1``, ``latin1`` and ``ascii``
    give ``cp1252``; ``gb2312`` and ``gbk`` give ``gb18030``; ``shift_jis`` gives ``cp932``.
    """
    key = _normalize_label(label)
    codec = _LABEL_TO_CODEC.get(key)
    if codec is None and "_" in key:
        codec = _LABEL_TO_CODEC.get(key.replace("_", "-"))
    return codec


_CHARSET_PARAM_RE: Final = re.compile(
    r"""(?<![\w-])charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;,"']*))""", re.IGNORECASE
)


def charset_from_content_type(value: str) -> str | None:
    """The charset parameter of a Content-Type value, normalized, or ``None``.

    ``'text/html; charset="ISO-8859-1"'`` gives ``'iso-8859-1'``.  The value is returned as
    written (lower-cased, without quotes or whitespace), not mapped: see :func:`codec_for_label`.
    """
    match = _CHARSET_PARAM_RE.search(value)
    if match is None:
        return None
    raw = next((group for group in match.groups() if group is not None), "")
    label = _normalize_label(raw)
    return label or None


def _declared_label(declared: str) -> str | None:
    """The charset label in a ``declared`` argument: a bare label or a Content-Type value."""
    if any(sep in declared for sep in ";=/"):
        return charset_from_content_type(declared)
    label = _normalize_label(declared)
    return label or None


# --------------------------------------------------------------------------------------------
# Byte-order marks, <meta>, UTF-16 and ISO-2022-JP sniffing
# --------------------------------------------------------------------------------------------

#: Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
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
        return _normalize_label(value_text.rstrip("/")) or None
    http_equiv = attrs.get(b"http-equiv", b"").strip().lower()
    if http_equiv == b"content-type" and b"content" in attrs:
        return charset_from_content_type(attrs[b"content"].decode("latin-1"))
    return None


def _scan_meta(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """``(label, codec)`` of the first usable ``<meta>`` charset in the first 4096 bytes."""
    head = data[:_META_SCAN_LIMIT]
    if b"<" not in head:
        return None
    if b"<!--" in head:
        head = _COMMENT_RE.sub(b"", head)
    for tag in _META_RE.finditer(head):
        label = _meta_label(tag.group(1))
        if label is None:
            continue
        codec = codec_for_label(label)
        if codec is None:
            warnings.append(_unknown_label_warning("<meta> charset", label))
            continue
        if codec in _UTF16:
            # A <meta> readable as ASCII cannot be in UTF-16; HTML says to read it as UTF-8.
            codec = "utf-8"
        return label, codec
    return None


def _unknown_label_warning(what: str, label: str) -> str:
    if _normalize_label(label) in _REFUSED_LABELS:
        return f"{what} {quoted(label)} is not supported (browsers refuse it); ignored"
    return f"{what} {quoted(label)} is unknown; ignored"


#: Tags in 8-bit markup, and in UTF-16 markup (little-endian, big-endian).
_TAG8_RE: Final = re.compile(rb"<[A-Za-z/!][^\x00]")
_TAG16LE_RE: Final = re.compile(rb"<\x00[A-Za-z/!]\x00")
_TAG16BE_RE: Final = re.compile(rb"\x00<\x00[A-Za-z/!]")


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes of the first 4 KB say so, else ``None``.

    Markup is ASCII, so UTF-16 HTML has a NUL in every other byte: at odd offsets for
    little-endian, at even offsets for big-endian.
    """
    head = data[:_META_SCAN_LIMIT]
    half = len(head) // 2
    if half < 2:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if odd_nuls >= 0.3 * half and even_nuls <= 0.05 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.05 * half:
        return "utf-16-be"
    # Text past U+00FF (Chinese...) leaves few NUL bytes: then its tags tell, each starting
    # at an even offset (a tag of one byte order is also one of the other, shifted by a byte).
    little = sum(1 for tag in _TAG16LE_RE.finditer(head) if tag.start() % 2 == 0)
    big = sum(1 for tag in _TAG16BE_RE.finditer(head) if tag.start() % 2 == 0)
    if max(little, big) >= 4 and len(_TAG8_RE.findall(head)) < max(little, big):
        return "utf-16-le" if little >= big else "utf-16-be"
    return None


_ISO2022JP_ESCAPES: Final[tuple[bytes, ...]] = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I")


def _looks_iso2022jp(data: bytes) -> bool:
    return b"\x1b" in data and any(esc in data for esc in _ISO2022JP_ESCAPES)


# --------------------------------------------------------------------------------------------
# Decoding helpers
# --------------------------------------------------------------------------------------------

_ASCII_BYTES: Final = bytes(range(0x80))
#: Every byte except 0x80-0xA0 (which in EUC-JP only start rare characters).
_NOT_C1_BYTES: Final = bytes(range(0x80)) + bytes(range(0xA1, 0x100))

#: U+FFFD as it can appear literally in the input, per codec (so that it is not counted as a
#: replaced byte).
_LITERAL_FFFD: Final[Mapping[str, bytes]] = MappingProxyType(
    {
        "utf-8": "\ufffd".encode(),
        "utf-16-le": "\ufffd".encode("utf-16-le"),
        "utf-16-be": "\ufffd".encode("utf-16-be"),
        "utf-32-le": "\ufffd".encode("utf-32-le"),
        "utf-32-be": "\ufffd".encode("utf-32-be"),
        "gb18030": "\ufffd".encode("gb18030"),
    }
)


def _high_count(data: bytes) -> int:
    """Number of bytes >= 0x80."""
    return len(data.translate(None, _ASCII_BYTES))


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with ``errors="replace"``; also return how many invalid sequences were replaced."""
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        pass
    table = _charmap_table(codec)
    if table is not None:  # much faster than the "replace" error handler on many errors
        text = codecs.charmap_decode(data, "strict", table)[0]
        return text, text.count("\ufffd")
    text = data.decode(codec, "replace")
    literal = _LITERAL_FFFD.get(codec)
    already = data.count(literal) if literal else 0
    return text, max(1, text.count("\ufffd") - already)


def _replaced_warning(codec: str, errors: int) -> str:
    plural = "sequence" if errors == 1 else "sequences"
    return f"bytes are not valid {codec}; {errors} invalid byte {plural} replaced with U+FFFD"


def _mostly(errors: int, good: int) -> bool:
    """Whether ``errors`` broken sequences among ``good`` non-ASCII characters are a few strays.

    More than about one in ten means the codec is the wrong one, not that the page is damaged.
    """
    return errors * 10 <= good


class _Probe:
    """Facts about the bytes that several steps need, each computed once and only if needed."""

    __slots__ = ("_high", "_utf8", "_utf8_replaced", "_utf8_tried", "ascii", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self._high: int | None = None
        self._utf8_tried = False
        self._utf8: str | None = None
        self._utf8_replaced: tuple[str, int, int] | None = None

    @property
    def high(self) -> int:
        """Number of bytes >= 0x80."""
        if self._high is None:
            self._high = 0 if self.ascii else _high_count(self.data)
        return self._high

    def good(self, text: str, errors: int) -> int:
        """Valid non-ASCII characters in a decoding of the bytes (for ASCII-compatible codecs)."""
        return len(text) - (len(self.data) - self.high) - errors

    @property
    def utf8(self) -> str | None:
        """The text if the bytes are valid UTF-8, else ``None``."""
        if not self._utf8_tried:
            self._utf8_tried = True
            try:
                self._utf8 = self.data.decode("utf-8")
            except UnicodeDecodeError:
                self._utf8 = None
        return self._utf8

    @property
    def utf8_multibyte(self) -> bool:
        """Valid UTF-8 with at least one non-ASCII character (so: not plain ASCII)."""
        return not self.ascii and self.utf8 is not None

    def source_of(self, text: str) -> bytes | None:
        """The bytes, if ``text`` is the strict UTF-8 decoding made of them (the same object:
        no decoding is run here)."""
        return self.data if self._utf8 is not None and text is self._utf8 else None

    def utf8_replaced(self) -> tuple[str, int, int]:
        """``(text, errors, good)``: the bytes decoded as UTF-8 with replacement, the number of
        invalid sequences and of valid multi-byte characters."""
        if self._utf8_replaced is None:
            strict = self.utf8
            if strict is not None:
                text, errors = strict, 0
            else:
                text, errors = _decode_counting(self.data, "utf-8")
            self._utf8_replaced = (text, errors, self.good(text, errors))
        return self._utf8_replaced

    def utf8_mostly_valid(self) -> bool:
        """UTF-8 but for a few broken sequences (checked on a prefix first, which is cheap)."""
        if self.utf8 is not None:
            return True
        data = self.data
        if len(data) > _SAMPLE_BYTES:
            cut = _SAMPLE_BYTES
            while cut > _SAMPLE_BYTES - 4 and 0x80 <= data[cut] < 0xC0:
                cut -= 1  # do not split a character
            head = data[:cut]
            text, errors = _decode_counting(head, "utf-8")
            good = len(text) - (len(head) - _high_count(head)) - errors
            if not _mostly(errors, good):
                return False
        _text, errors, good = self.utf8_replaced()
        return _mostly(errors, good)


# --------------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------------

_SAMPLE_BYTES: Final = 16384
_SAMPLE_HIGH: Final = 1024
_CHUNK: Final = 4096
#: A byte that can never be the second or later byte of a character in any candidate codec
#: (trail bytes are >= 0x40, and GB18030 four-byte sequences use digits).
_BOUNDARY_RE: Final = re.compile(rb"[\x00-\x2f\x3a-\x3f]")
#: A stretch of ASCII long enough to shorten: only its ends matter to the scores.
_ASCII_RUN_RE: Final = re.compile(rb"[\x00-\x7f]{12,}")


def _shorten(match: re.Match[bytes]) -> bytes:
    # The first byte may be the trail byte of a character: keep it.  The newline between the
    # ends is a boundary for every codec.
    run = match[0]
    return run[:3] + b"\n" + run[-3:]


def _sample(data: bytes) -> bytes:
    """A sample of the page's non-ASCII text for the detector to score.

    It is taken from the 4 KB chunks that contain non-ASCII bytes, widened to boundary bytes so
    no multi-byte character is cut, until about 1024 non-ASCII bytes or 16 KB are in; long ASCII
    stretches (markup, scripts, English) are then cut down to their ends.
    """
    pieces: list[bytes] = []
    size = high = pos = 0
    end_of_data = len(data)
    # A chunk starts either after an all-ASCII chunk or at the boundary byte where the previous
    # piece stopped: never inside a character.
    while pos < end_of_data and size < _SAMPLE_BYTES and high < _SAMPLE_HIGH:
        chunk_end = pos + _CHUNK
        if data[pos:chunk_end].isascii():
            pos = chunk_end
            continue
        match = _BOUNDARY_RE.search(data, chunk_end)
        stop = match.start() if match else end_of_data
        piece = data[pos:stop]
        pieces.append(piece)
        size += len(piece)
        high += _high_count(piece)
        pos = stop
    return _ASCII_RUN_RE.sub(_shorten, b"\n".join(pieces))


# Byte classes for single-byte codecs (one class byte per input byte, via bytes.translate):
#   " " ASCII other than letters   "a" ASCII lower-case   "A" ASCII upper-case
#   "c" one of the most frequent lower-case or caseless letters of the codec's script
#   "l" other lower-case or caseless letter   "u" upper-case letter   "m" combining mark
#   "f" letter that only ends words (Greek final sigma, Hebrew final forms)
#   "n" letter that never starts a word (Cyrillic soft sign, hard sign, yery)
#   "p" common punctuation (quotes, dashes, no-break space...)   "s" other symbol or digit
#   "x" undefined byte or control character
# Latin letters in a codec for another script (the French letters of windows-1256) are classed
# as ASCII letters: glued to the script's own letters they make the text implausible.
_COMMON_PUNCTUATION: Final[frozenset[str]] = frozenset(
    "\u00a0\u00ab\u00bb\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022"
    "\u00b7\u00b0\u20ac\u00a3\u00a9\u00ae\u2122\u00a7\u2116\u00ad\u00bf\u00a1"
    "\u060c\u061b\u061f\u05f3\u05f4"  # Arabic comma, semicolon, question mark; Hebrew geresh
)
#: Letters by Unicode category that in running text behave as symbols.
_SYMBOL_LETTERS: Final[frozenset[str]] = frozenset("\u00aa\u00ba\u00b5\u0192\u02c6")
_FINAL_ONLY_LETTERS: Final[frozenset[str]] = frozenset("\u03c2\u05da\u05dd\u05df\u05e3\u05e5")
#: Cyrillic hard sign, yery, soft sign and short i (no Russian word starts with them).
_NON_INITIAL_LETTERS: Final[frozenset[str]] = frozenset("\u044a\u044b\u044c\u0439")
#: The most frequent non-ASCII letters of each candidate's languages.  A text read with the wrong
#: codec of its script gets a shuffled set of letters, so fewer of these.
_WESTERN_LETTERS: Final = "éèêàâçôîûùëïüöäßñáíóúãõåøæœìò"
_CENTRAL_EUROPEAN_LETTERS: Final = "ąęłśźżćńóčďěňřšťůžáéíúýőűöüäôâîăşţ"
_TURKISH_LETTERS: Final = "çğıöşüâîû"
_CYRILLIC_LETTERS: Final = "оеаинтсрвлкмдпуяі"
_GREEK_LETTERS: Final = "αοειτνησρπκυμλωάέίόή"
_HEBREW_LETTERS: Final = "יוהלארתבמשנעדכקח"
_ARABIC_LETTERS: Final = "اليمونهرتبعدسفكقةأ"
_THAI_LETTERS: Final = "านรองกมเยวทดลตสปบะไใขคหแ"


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _byte_class(char: str | None, latin_codec: bool, frequent: str) -> bytes:
    if char is None:
        return b"x"
    if char < "\x80":
        if "a" <= char <= "z":
            return b"a"
        if "A" <= char <= "Z":
            return b"A"
        return b" "
    if char in _COMMON_PUNCTUATION:
        return b"p"
    if char in _SYMBOL_LETTERS:
        return b"s"
    if char in _FINAL_ONLY_LETTERS:
        return b"f"
    if char in _NON_INITIAL_LETTERS:
        return b"n"
    category = unicodedata.category(char)
    if category[0] == "L":
        upper = category in ("Lu", "Lt")
        if not latin_codec and _is_latin(char):
            return b"A" if upper else b"a"
        if upper:
            return b"u"
        return b"c" if char in frequent else b"l"
    if category[0] == "M":
        return b"m"
    if category == "Cf":
        return b"p"
    if category[0] == "C":
        return b"x"
    return b"s"


@dataclass(frozen=True, slots=True)
class _SingleByteModel:
    codec: str
    classes: bytes
    """256 class bytes, a ``bytes.translate`` table."""
    latin: bool
    """Whether the letters are Latin (so they mix with ASCII letters inside words)."""
    cased: bool
    prior: float
    """Added to the score: how much more common the codec is on the web than its rivals."""
    table: str
    """The codec's 256 characters, U+FFFD for undefined bytes: a ``charmap_decode`` table."""


def _single_byte_model(codec: str, frequent: str, prior: float = 0.0) -> _SingleByteModel:
    chars: list[str | None] = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(None)
    letters = [c for c in chars[0x80:] if c is not None and unicodedata.category(c)[0] == "L"]
    latin = sum(map(_is_latin, letters)) * 2 > len(letters)
    classes = b"".join(_byte_class(char, latin, frequent) for char in chars)
    table = "".join("\ufffd" if char is None else char for char in chars)
    return _SingleByteModel(codec, classes, latin, b"u" in classes[0x80:], prior, table)


@functools.cache
def _single_byte_models() -> tuple[_SingleByteModel, ...]:
    """The single-byte candidates, in order of preference when scores tie. Built on first use
    (about 15 ms): most pages declare their encoding or are UTF-8 and never need them."""
    return (
        _single_byte_model("cp1252", _WESTERN_LETTERS, 0.1),
        _single_byte_model("cp1251", _CYRILLIC_LETTERS, 0.05),
        _single_byte_model("cp1250", _CENTRAL_EUROPEAN_LETTERS),
        _single_byte_model("cp1254", _TURKISH_LETTERS),
        _single_byte_model("koi8-r", _CYRILLIC_LETTERS),
        _single_byte_model("cp1253", _GREEK_LETTERS),
        _single_byte_model("cp1255", _HEBREW_LETTERS),
        _single_byte_model("cp1256", _ARABIC_LETTERS),
        _single_byte_model("cp874", _THAI_LETTERS),
    )


@functools.cache
def _charmap_table(codec: str) -> str | None:
    """The decoding table of a single-byte candidate, to replace undefined bytes at C speed."""
    return next((m.table for m in _single_byte_models() if m.codec == codec), None)


#: Case-folded letters: ASCII letters become "a", all other letters "l".
_FOLD: Final = bytes.maketrans(b"Aucfnm", b"alllll")
#: Upper- and lower-case letters, other letters as lower-case.
_CASE: Final = bytes.maketrans(b"cfnm", b"llll")
#: Letters of any kind as "l" (symbols "s" stay).
_LETTERS: Final = bytes.maketrans(b"aAucfnm", b"lllllll")
#: Word structure: the script's letters "l", special letters "m", "f", "n", anything else
#: (ASCII letters included) " ".
_STRUCTURE: Final = bytes.maketrans(b"aAucpsx", b"  ll   ")


def _score_single_byte(sample: bytes, model: _SingleByteModel) -> float:
    """Plausibility of the sample's non-ASCII bytes under a single-byte codec, about -5 to 1.

    A frequent letter of the script counts 1, another letter 0.6, common punctuation 0.5; symbols,
    undefined bytes and letters in impossible places count negatively: runs of three accented
    Latin letters (Cyrillic or Greek read as windows-1252), a non-Latin letter glued to an ASCII
    letter (Western text read as windows-1251), a lower-case letter followed by an upper-case one
    or mostly upper-case text (KOI8-R read as windows-1251 and vice versa), a symbol between
    letters (windows-1250 read as windows-1252), a combining mark that follows no letter, a
    final form inside a word, a word starting with a soft sign.
    """
    classes = sample.translate(model.classes)
    frequent = classes.count(b"c") + classes.count(b"f") + classes.count(b"n") + classes.count(b"m")
    other = classes.count(b"l") + classes.count(b"u")
    letters = frequent + other
    punctuation = classes.count(b"p")
    symbols = classes.count(b"s")
    invalid = classes.count(b"x")
    total = letters + punctuation + symbols + invalid
    if total == 0:
        return 0.0
    if invalid * 4 > total:
        return -3.0  # hopeless: do not bother counting
    bad = 5.0 * invalid + 0.5 * symbols
    bad += 4.0 * classes.translate(_LETTERS).count(b"lsl")
    structure = classes.translate(_STRUCTURE)
    bad += 4.0 * (structure.count(b" m") + structure.count(b"mmm"))
    bad += 4.0 * (structure.count(b"fl") + structure.count(b"ff") + structure.count(b"fn"))
    bad += 4.0 * (structure.count(b" nl") + structure.count(b" nn"))
    if not model.cased:
        # Hebrew, Arabic and Thai have no one-letter words: a lone letter is a stray byte.
        bad += 2.0 * structure.count(b" l ")
    folded = classes.translate(_FOLD)
    if model.latin:
        bad += 6.0 * folded.count(b"lll")
        cased = classes.translate(_CASE)
        bad += 4.0 * (cased.count(b"lu") + cased.count(b"lA"))
    else:
        bad += 3.0 * (folded.count(b"al") + folded.count(b"la"))
        if model.cased:
            cased = classes.translate(_CASE)
            upper = cased.count(b"u")
            bad += 4.0 * cased.count(b"lu")
            bad += 2.0 * max(0.0, upper - 0.4 * letters)
            if upper == 0 and letters >= 40:
                bad += 0.1 * letters  # a text without a single capital: maybe a caseless script
    return (frequent + 0.6 * other + 0.5 * punctuation - bad) / total + model.prior


# Character classes for multi-byte codecs, counted on the decoded sample.
_HAN_RE: Final = re.compile("[\u4e00-\u9fff\uf900-\ufaff]")
_KANA_RE: Final = re.compile("[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff]")
_HANGUL_RE: Final = re.compile("[\uac00-\ud7a3]")
_CJK_PUNCTUATION_RE: Final = re.compile(
    "[\u3000-\u303f\u30fb\uff01-\uff60\uffe0-\uffe6\u2010-\u2027\u2030-\u203b\u00b7"
    "\u2190-\u2199\u2460-\u24ff\u25a0-\u25ff\u2605\u2606]"
)
_PRIVATE_USE_RE: Final = re.compile("[\ue000-\uf8ff]")
_HALFWIDTH_KANA_RE: Final = re.compile("[\uff61-\uff9f]")

#: The most frequent Chinese characters (simplified, then traditional forms that differ).  Text
#: in another CJK encoding read as GBK or Big5 is made of valid but random characters, of which
#: only a few percent are in this list; real Chinese text has about half its characters in it.
_COMMON_HANZI: Final = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年"
    "过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心"
    "她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间"
    "由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给"
    "世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变"
    "四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社"
    "便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北"
    "边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济"
    "车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团"
    "集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企"
    "八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考"
    "落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音"
    "跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采"
    "举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普"
    "這個們來為國說時會對發後過裡種經麼現當沒動見還進樣開從實軍無與長機點業兩間問應戰頭體產話將"
    "學關東車門馬書記場區務員設統處條給邊歲電聽氣萬離總親難變連認識讓紅網際張華農隊運愛戲術歡樂"
    "醫號雲風義議論聲買賣費該語讀寫錢級組結線練約紹細終絕紙續園圖團專導層屬幫廣廠強態戰擊據數斷"
    "標歷歸滿熱爭獨環畫盡監眾碼確稱節範紀維織繼羅習聯腦臉興舉藝蘇衛補裝製複覺觀計討許訴評詞試詩"
    "詳誤請課調談謝證警護豐負貨質貴資趕跡輕載輪輸轉辦遠違鄉鐵銀錄錯鍵閱陣陳陸陽階險隨雖雙雞靈韓"
    "響頁項順須預領題顏類顯飛飯養館驗髮魚鳥黨齊龍臺灣"
)


@functools.cache
def _common_hanzi_re() -> re.Pattern[str]:
    return re.compile("[" + _COMMON_HANZI + "]")


_Script = Literal["chinese", "korean", "japanese"]


@dataclass(frozen=True, slots=True)
class _MultiByteModel:
    codec: str
    script: _Script
    core: str | None
    """A codec with only the common characters (GB2312 for GB18030, plain Big5 for Big5-HKSCS,
    EUC-KR for UHC): Han (Hangul for Korean) outside it are rare and count against the codec."""
    rare_c1: bool
    """Whether bytes 0x80-0xA0 are rare in the codec (so count against it)."""


#: In order of preference when scores tie: EUC-KR before GBK (Korean read as GBK is all Han).
_MULTI_BYTE_MODELS: Final[tuple[_MultiByteModel, ...]] = (
    _MultiByteModel("cp949", "korean", "euc_kr", rare_c1=False),
    _MultiByteModel("gb18030", "chinese", "gb2312", rare_c1=False),
    _MultiByteModel("big5hkscs", "chinese", "big5", rare_c1=False),
    _MultiByteModel("cp932", "japanese", None, rare_c1=False),
    _MultiByteModel("euc_jp", "japanese", None, rare_c1=True),
)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


def _rare(chars: list[str], core: str | None) -> int:
    """How many of the characters are outside the core codec's repertoire."""
    if core is None or not chars:
        return 0
    encoded = "".join(chars).encode(core, "replace")
    if core == "euc_kr":
        # Hangul outside KS X 1001 are encoded as 8-byte make-up sequences, not refused.
        return (len(encoded) - 2 * len(chars)) // 6 + encoded.count(b"?")
    return encoded.count(b"?")


def _score_multi_byte(text: str, model: _MultiByteModel, c1_bytes: int) -> float:
    """Plausibility of a decoded sample for a CJK codec, on the same scale as single-byte ones.

    Native characters (kana and kanji for Japanese, Hangul for Korean, frequent hanzi for Chinese)
    and CJK punctuation count positively; characters of the other scripts, private-use and
    half-width katakana, replaced bytes, rare characters count negatively.  Japanese text
    without kana is penalised: Chinese read as EUC-JP is all kanji.
    """
    errors = text.count("\ufffd")
    high = len(text) - len(text.encode("ascii", "ignore"))
    if high == 0:
        return 0.0
    if errors * 4 > high:
        return -3.0  # hopeless: do not bother counting
    han_chars: list[str] = _HAN_RE.findall(text)
    hangul_chars: list[str] = _HANGUL_RE.findall(text)
    han = len(han_chars)
    hangul = len(hangul_chars)
    kana = _count(_KANA_RE, text)
    punctuation = _count(_CJK_PUNCTUATION_RE, text)
    private = _count(_PRIVATE_USE_RE, text)
    halfwidth = _count(_HALFWIDTH_KANA_RE, text)
    rest = max(0, high - han - kana - hangul - punctuation - private - halfwidth - errors)
    bad = 3.0 * errors + 2.0 * private + 0.5 * rest
    if model.rare_c1:
        bad += 0.5 * c1_bytes
    if model.script == "chinese":
        common = _count(_common_hanzi_re(), text)
        good = 0.6 * han + 0.4 * common + 0.7 * punctuation
        bad += kana + hangul + halfwidth + 1.5 * _rare(han_chars, model.core)
    elif model.script == "korean":
        good = hangul + 0.7 * punctuation
        bad += 0.3 * han + kana + halfwidth + 1.5 * _rare(hangul_chars, model.core)
    else:
        good = kana + 0.8 * han + 0.7 * punctuation
        bad += hangul + 0.5 * halfwidth
        bad += 4.0 * high * max(0.0, 0.15 - kana / high)
    return (good - bad) / high


#: Below this the detector gives up and the fallback is used.
_MIN_SCORE: Final = 0.25


def _detect(data: bytes) -> tuple[str, float] | None:
    """The most plausible legacy codec for the bytes and its score, or ``None``."""
    sample = _sample(data)
    best: tuple[str, float] | None = None
    for model in _single_byte_models():
        score = _score_single_byte(sample, model)
        if best is None or score > best[1]:
            best = (model.codec, score)
    c1_bytes = len(sample.translate(None, _NOT_C1_BYTES))
    for multi in _MULTI_BYTE_MODELS:
        text = sample.decode(multi.codec, "replace")
        score = _score_multi_byte(text, multi, c1_bytes)
        if best is None or score > best[1]:
            best = (multi.codec, score)
    if best is None or best[1] < _MIN_SCORE:
        return None
    return best


# --------------------------------------------------------------------------------------------
# Pages that mix encodings
# --------------------------------------------------------------------------------------------

#: A stretch of at least 8 characters of U+0001-U+00FF in UTF-16 (ASCII text and markup).
#: The page's bytes as their NUL shape (a NUL is "0", any other byte "a"), where a stretch of
#: UTF-16 text is 8 or more pairs "a0" (little-endian) or "0a" (big-endian): found by a
#: substring search in C, then grown by a pattern anchored at its start. (The same patterns
#: on the bytes themselves, ``(?:[^\x00]\x00){8,}``, were tried at every byte: 0.25 s on 3 MB.)
_NUL_SHAPE: Final = bytes(0x30 if byte == 0 else 0x61 for byte in range(256))
_UTF16_STRETCHES: Final = (
    ("utf-16-le", b"a0" * 8, re.compile(rb"(?:a0)+")),
    ("utf-16-be", b"0a" * 8, re.compile(rb"(?:0a)+")),
)


def _rewritten_stretches(
    data: bytes, shape: bytes, stretch: tuple[str, bytes, re.Pattern[bytes]]
) -> tuple[bytes, int]:
    """``data`` with each stretch of one byte order's UTF-16 rewritten in ASCII (characters
    past U+007F as character references), leftmost first as ``re.subn`` would, and how many
    there were."""
    codec, first, pairs = stretch
    parts: list[bytes] = []
    pos = count = 0
    while (start := shape.find(first, pos)) >= 0:
        found = pairs.match(shape, start)
        assert found is not None  # the shape holds ``first`` there: at least one pair
        end = found.end()
        parts.append(data[pos:start])
        parts.append(data[start:end].decode(codec).encode("ascii", "xmlcharrefreplace"))
        pos = end
        count += 1
    parts.append(data[pos:])
    return b"".join(parts), count


def _utf16_pieces(data: bytes) -> tuple[bytes, int] | None:
    """An 8-bit page with stretches of UTF-16 text in it: the page with each stretch rewritten
    in ASCII (characters past U+007F as character references), and how many there were.

    ``None`` when the page has no such stretches, or when its markup is itself in UTF-16 (then
    it is a UTF-16 page, read whole as one).
    """
    tags8 = len(_TAG8_RE.findall(data))
    if tags8 < 2 or tags8 <= len(_TAG16LE_RE.findall(data)) + len(_TAG16BE_RE.findall(data)):
        return None
    # The two byte orders see the same stretches shifted by a byte: the right one leaves no
    # NUL at their ends.
    best: tuple[bytes, int] | None = None
    shape = data.translate(_NUL_SHAPE)
    for stretch in _UTF16_STRETCHES:
        text, count = _rewritten_stretches(data, shape, stretch)
        if count and (best is None or text.count(0) < best[0].count(0)):
            best = (text, count)
    return best


#: One valid multi-byte UTF-8 sequence.
_UTF8_SEQUENCE: Final = (
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
#: The longest valid UTF-8 from a position on: where it ends, the next byte is invalid.
_VALID_UTF8_RE: Final = re.compile(rb"(?:[\x00-\x7f]++|" + _UTF8_SEQUENCE + rb")*+")
#: Non-ASCII text in a legacy codec, up to a byte no character of any candidate codec holds.
_LEGACY_RUN_RE: Final = re.compile(rb"[\x80-\xff][^\x00-\x2f\x3a-\x3f]*")
#: How many runs of each kind the decision looks at (the decoding itself reads them all).
_MIXED_RUNS: Final = 512


#: The rest of a run of non-ASCII bytes from a UTF-8 lead byte and a continuation byte on:
#: where a run that is valid UTF-8 can start. A character class first lets the regex engine
#: skip in C what cannot start one (a pattern of whole runs that opens with a look-behind was
#: tried at every byte: 12 ms on a page of 500 kB).
_UTF8_START_RE: Final = re.compile(rb"[\xc2-\xf4][\x80-\xbf][\x80-\xff]*")


def _iter_utf8_runs(data: bytes, pos: int = 0) -> Iterator[re.Match[bytes]]:
    """From ``pos`` on, the whole runs of non-ASCII bytes (no such byte before or after them)
    that are valid UTF-8 (Python's strict decoder takes exactly :data:`_UTF8_SEQUENCE`)."""
    for match in _UTF8_START_RE.finditer(data, pos):
        start = match.start()
        if start and data[start - 1] >= 0x80:  # the tail of a longer run, which is not UTF-8
            continue
        try:
            match[0].decode("utf-8")
        except UnicodeDecodeError:
            continue
        yield match


def _utf8_runs(data: bytes) -> list[bytes]:
    """The first runs of non-ASCII bytes that are valid UTF-8 on their own."""
    return [m[0] for m in itertools.islice(_iter_utf8_runs(data), _MIXED_RUNS)]


def _invalid_utf8_runs(data: bytes) -> list[bytes]:
    """The first runs of non-ASCII bytes that hold an invalid UTF-8 sequence."""
    runs: list[bytes] = []
    pos, size = 0, len(data)
    while len(runs) < _MIXED_RUNS:
        match = _VALID_UTF8_RE.match(data, pos)
        invalid = match.end() if match else pos
        if invalid >= size:
            break
        run = _LEGACY_RUN_RE.match(data, invalid)
        if run is None:  # cannot happen: an invalid byte is never ASCII
            break
        runs.append(run[0])
        pos = run.end()
    return runs


def _plausible(sample: bytes, codec: str) -> float | None:
    """How plausible the bytes are as text in ``codec`` (the detector's score), if it knows
    the codec."""
    for model in _single_byte_models():
        if model.codec == codec:
            return _score_single_byte(sample, model)
    for multi in _MULTI_BYTE_MODELS:
        if multi.codec == codec:
            c1_bytes = len(sample.translate(None, _NOT_C1_BYTES))
            return _score_multi_byte(sample.decode(codec, "replace"), multi, c1_bytes)
    return None


@functools.cache
def _mixed_error_handler(legacy: str) -> str:
    """The name of a UTF-8 decoding error handler that reads what is not UTF-8 as ``legacy``:
    from the invalid byte up to the next run of non-ASCII bytes that is valid UTF-8."""
    name = f"boilerstrip-utf-8-else-{legacy}"

    def handler(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        data = exc.object
        following = next(_iter_utf8_runs(data, exc.end), None)
        end = following.start() if following else len(data)
        return bytes(data[exc.start : end]).decode(legacy, "replace"), end

    codecs.register_error(name, handler)
    return name


def _mixed_utf8(data: bytes, legacy: str | None) -> tuple[str, str, int] | None:
    """``(text, legacy codec, replaced)`` when the page is partly UTF-8 and partly in a legacy
    codec (``legacy``, or the one detected on the parts that are not UTF-8); ``None`` when it
    is not, as far as can be told.

    It is when at least two runs of non-ASCII bytes are valid UTF-8, at least two are not, the
    invalid ones make sense in the legacy codec and the valid ones do not (read in the legacy
    codec they give mojibake such as "Ã©": text in a legacy codec holds valid UTF-8 by chance
    only now and then, and then it reads well).  The text is UTF-8 where a run is valid UTF-8,
    the legacy codec elsewhere; the work is linear, in C but for one call per change of codec.
    """
    valid = _utf8_runs(data)
    if len(valid) < 2:
        return None
    invalid = _invalid_utf8_runs(data)
    if len(invalid) < 2:
        return None
    if legacy is None:
        detected = _detect(b" ".join(invalid))
        if detected is None:
            return None
        legacy = detected[0]
    elif (_plausible(b" ".join(invalid), legacy) or 0.0) < _MIN_SCORE:
        return None
    as_legacy = _plausible(b" ".join(valid), legacy)
    if as_legacy is None or as_legacy >= _MIN_SCORE:
        return None
    text = data.decode("utf-8", _mixed_error_handler(legacy))
    replaced = text.count("\ufffd") - data.count(_LITERAL_FFFD["utf-8"])
    return text, legacy, max(0, replaced)


def _mixed_warning(legacy: str) -> str:
    return (
        f"the page mixes encodings: read as utf-8 where its bytes are valid UTF-8, as {legacy}"
        " elsewhere"
    )


# --------------------------------------------------------------------------------------------
# Binary input
# --------------------------------------------------------------------------------------------

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
#: Bytes to latin-1 characters (and lone surrogates of "surrogateescape" back to the byte):
#: every byte 0x80-0xFF, and anything else past U+007F, becomes 0x80.
_HIGH_AS_ONE: Final = bytes(range(0x80)) + b"\x80" * 0x80
_TAG_RE: Final = re.compile(rb"<[A-Za-z!/?]")
_TAG_TEXT_RE: Final = re.compile("<[A-Za-z!/?]")
#: How much of the input the control-byte count looks at.
_BINARY_HEAD: Final = 8192
#: Binary when at least this many control bytes make at least 1/20 of the non-NUL head.
_MIN_CONTROLS: Final = 8


def _signature_bytes(head: str) -> bytes:
    """The first characters of a ``str`` as the bytes they most likely were."""
    out = bytearray()
    for char in head[:_LONGEST_SIGNATURE]:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # "surrogateescape"
            code -= 0xDC00
        out.append(code if code < 0x100 else 0x80)
    return bytes(out)


def _signature(head: bytes, loose: bool) -> str | None:
    """What the file signature at the start of ``head`` says it is; ``loose`` when ``head``
    comes from a ``str``: any non-ASCII character then stands for any byte 0x80-0xFF."""
    if loose:
        head = head.translate(_HIGH_AS_ONE)
    for pieces, what in _SIGNATURES:
        if all(
            head[at : at + len(piece)] == (piece.translate(_HIGH_AS_ONE) if loose else piece)
            for at, piece in pieces
        ):
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
    codec = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if codec is None:
        codec = _utf16_guess(data)
    if codec is not None:  # count characters, not bytes
        return _text_kind(data.decode(codec, "replace"))
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    has_tags = _TAG_RE.search(html) is not None
    return _controls_say_binary(controls, data.count(0), len(data), has_tags)


def binary_warning(kind: str) -> str:
    """The warning for input :func:`binary_kind` found to be ``kind``."""
    return f"the input looks like {kind}, not HTML; nothing was read"


# --------------------------------------------------------------------------------------------
# Warnings
# --------------------------------------------------------------------------------------------

#: The most characters of an input's own strings (charset labels...) a warning quotes.
QUOTE_LIMIT: Final = 60


def quoted(value: str, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)``, cut after ``limit`` characters (then followed by ``...``): how the
    input's own strings (charset labels, error messages) go into warnings."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + "..."


# --------------------------------------------------------------------------------------------
# The public entry point
# --------------------------------------------------------------------------------------------


def _what(source: str) -> str:
    return "<meta> charset" if source == "meta" else "declared charset"


def _declared_codec_label(declared: str | None, warnings: list[str]) -> tuple[str, str] | None:
    """``(codec, label)`` for the ``declared`` argument, warning about an unknown label."""
    if declared is None:
        return None
    label = _declared_label(declared)
    if label is None:
        return None
    codec = codec_for_label(label)
    if codec is None:
        warnings.append(_unknown_label_warning("declared charset", label))
        return None
    return codec, label


def decode_html(data: bytes, declared: str | None = None) -> Decoded:
    """Decode the bytes of an HTML page; never raises on any input bytes.

    ``declared`` is what the transport says: a bare charset label (``"utf-8"``) or a whole
    Content-Type header value (``'text/html; charset="ISO-8859-1"'``).  It wins over ``<meta>``
    but not over a byte-order mark.  See the module documentation for the full order.
    """
    data = bytes(data)
    warnings: list[str] = []
    if not data:
        declaration = _declared_codec_label(declared, warnings)
        if declaration is not None:
            return Decoded("", declaration[0], "argument", tuple(warnings))
        return Decoded("", "utf-8", "utf-8", tuple(warnings))

    # 1. Byte-order mark.
    for bom, codec in _BOMS:
        if data.startswith(bom):
            declaration = _declared_codec_label(declared, [])
            if declaration is not None and declaration[0] != codec:
                warnings.append(
                    f"declared charset {quoted(declaration[1])} overridden by the {codec}"
                    " byte-order mark"
                )
            text, errors = _decode_counting(data[len(bom) :], codec)
            if errors:
                warnings.append(_replaced_warning(codec, errors))
            return Decoded(text, codec, "bom", tuple(warnings))

    # Stretches of UTF-16 text in an 8-bit page: rewritten in ASCII, then read with the rest.
    if b"\x00" in data:
        pieces = _utf16_pieces(data)
        if pieces is not None:
            data, count = pieces
            stretches = (
                "stretch of UTF-16 text was" if count == 1 else "stretches of UTF-16 text were"
            )
            warnings.append(
                f"the page mixes encodings: {count} {stretches} read as UTF-16 among 8-bit text"
            )

    probe = _Probe(data)

    # 2. and 3. The declared charset, then <meta>.
    candidates: list[tuple[str, Source, str]] = []
    declaration = _declared_codec_label(declared, warnings)
    if declaration is not None:
        candidates.append((declaration[0], "argument", declaration[1]))
    meta = _scan_meta(data, warnings)
    if meta is not None:
        candidates.append((meta[1], "meta", meta[0]))

    # The first declaration that does not fit the bytes, (codec, source, label), and what it
    # makes of them, (text, errors), if already known.
    broken: tuple[str, Source, str] | None = None
    broken_decoded: tuple[str, int] | None = None

    def done(text: str, codec: str, source: Source, errors: int = 0) -> Decoded:
        if broken is not None and (broken[0], broken[1]) != (codec, source):
            warnings.append(
                f"{_what(broken[1])} {quoted(broken[2])} does not fit the bytes; ignored"
            )
        if source == "argument" and meta is not None and meta[1] != codec:
            warnings.append(
                f"<meta> charset {quoted(meta[0])} disagrees with the declared"
                f" {quoted(candidates[0][2])}; "
                "the declared one was used"
            )
        if errors:
            warnings.append(_replaced_warning(codec, errors))
        return Decoded(text, codec, source, tuple(warnings), probe.source_of(text))

    def mixed(codec: str, source: Source, legacy: str | None) -> Decoded | None:
        """The page read as partly UTF-8, partly ``legacy`` (or a detected codec), if it
        mixes them; ``codec`` is what it is said to be in (the larger part)."""
        found = _mixed_utf8(data, legacy)
        if found is None:
            return None
        text, used, errors = found
        warnings.append(_mixed_warning(used))
        return done(text, codec, source, errors)

    for codec, source, label in candidates:
        what = _what(source)
        if codec in _UTF16:
            guess = _utf16_guess(data)
            if guess is None:
                warnings.append(
                    f"{what} {quoted(label)} does not match the bytes (they are not UTF-16);"
                    " ignored"
                )
                continue
            text, errors = _decode_counting(data, guess)
            return done(text, guess, source, errors)
        if codec == "utf-8":
            if probe.utf8_mostly_valid():
                text, errors, _good = probe.utf8_replaced()
                return (errors and mixed(codec, source, None)) or done(text, codec, source, errors)
            if broken is None:
                broken = (codec, source, label)
            continue
        if probe.ascii:
            text, errors = _decode_counting(data, codec)
            return done(text, codec, source, errors)
        if probe.utf8_multibyte:
            warnings.append(
                f"{what} {quoted(label)} does not match the bytes, which are valid UTF-8; "
                "decoded as utf-8"
            )
            return done(probe.utf8_replaced()[0], "utf-8", "utf-8")
        if probe.utf8_mostly_valid():
            utf8_text, utf8_errors, _good = probe.utf8_replaced()
            warnings.append(
                f"{what} {quoted(label)} does not match the bytes, which are UTF-8 but for a few "
                "invalid sequences; decoded as utf-8"
            )
            found = mixed("utf-8", "utf-8", codec)
            return found or done(utf8_text, "utf-8", "utf-8", utf8_errors)
        text, errors = _decode_counting(data, codec)
        if errors == 0 or _mostly(errors, probe.good(text, errors)):
            return mixed(codec, source, codec) or done(text, codec, source, errors)
        if broken is None:
            broken = (codec, source, label)
            broken_decoded = (text, errors)

    # Undeclared UTF-16 without a byte-order mark, and 7-bit ISO-2022-JP.
    if not candidates:
        guess = _utf16_guess(data)
        if guess is not None:
            text, errors = _decode_counting(data, guess)
            return done(text, guess, "detected", errors)
    if probe.ascii and _looks_iso2022jp(data):
        text, errors = _decode_counting(data, "iso2022_jp_ext")
        if errors == 0:
            return done(text, "iso2022_jp_ext", "detected")

    # 4. UTF-8, strict or with a few broken sequences.
    if probe.utf8 is not None:
        return done(probe.utf8, "utf-8", "utf-8")
    if (broken is None or broken[0] != "utf-8") and probe.utf8_mostly_valid():
        text, errors, _good = probe.utf8_replaced()
        return mixed("utf-8", "utf-8", None) or done(text, "utf-8", "utf-8", errors)

    # 5. Detection.  A codec that does not fit the bytes either does not beat the declared one.
    detected = _detect(data)
    if detected is not None:
        text, errors = _decode_counting(data, detected[0])
        if broken is None or errors == 0 or _mostly(errors, probe.good(text, errors)):
            found = mixed(detected[0], "detected", detected[0])
            return found or done(text, detected[0], "detected", errors)
    if broken is not None:
        codec, source, _label = broken
        text, errors = broken_decoded or _decode_counting(data, codec)
        broken = None
        return done(text, codec, source, errors)

    # 6. Fallback.
    text, errors = _decode_counting(data, "cp1252")
    warnings.append("could not determine the encoding; decoded as cp1252")
    return done(text, "cp1252", "fallback", errors)
