"""Charset labels: the WHATWG labels (and a few more) as Python codecs, the charset of an HTTP
Content-Type, and how a label is quoted in a warning."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

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
REFUSED_LABELS: Final[frozenset[str]] = frozenset(
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

UTF16: Final[frozenset[str]] = frozenset({"utf-16-le", "utf-16-be"})

_LABEL_STRIP: Final = " \t\n\r\f\"'"


def normalize_label(label: str) -> str:
    return label.strip(_LABEL_STRIP).lower()


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label, as browsers map labels; ``None`` if unknown.

    Case, surrounding whitespace and quotes are ignored; ``_`` is accepted for ``-`` when the
    exact label is unknown (``utf_8``, ``iso_8859_1``).  ``iso-8859-1``, ``latin1`` and ``ascii``
    give ``cp1252``; ``gb2312`` and ``gbk`` give ``gb18030``; ``shift_jis`` gives ``cp932``.
    """
    key = normalize_label(label)
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
    label = normalize_label(raw)
    return label or None


def declared_label(declared: str) -> str | None:
    """The charset label in a ``declared`` argument: a bare label or a Content-Type value."""
    if any(sep in declared for sep in ";=/"):
        return charset_from_content_type(declared)
    label = normalize_label(declared)
    return label or None


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
