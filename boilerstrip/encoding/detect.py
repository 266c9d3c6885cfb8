"""The detector for undeclared legacy pages: a bounded sample of the bytes scored against small
language models, one per 8-bit codec (letter frequencies) and per CJK codec (common characters),
with C-speed operations only (see :mod:`.decode` for where it stands in the order); and the
decoding helpers the other steps share (decoding while counting replaced bytes)."""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from .letters import (
    ARABIC_LETTERS,
    CENTRAL_EUROPEAN_LANGUAGES,
    CENTRAL_EUROPEAN_LETTERS,
    CENTRAL_EUROPEAN_ONE_LETTER_WORDS,
    COMMON_HANZI,
    CYRILLIC_LETTERS,
    GREEK_LETTERS,
    HEBREW_LETTERS,
    THAI_LETTERS,
    TURKISH_LETTERS,
    WESTERN_LANGUAGES,
    WESTERN_LETTERS,
)

_ASCII_BYTES: Final = bytes(range(0x80))
#: Every byte except 0x80-0xA0 (which in EUC-JP only start rare characters).
NOT_C1_BYTES: Final = bytes(range(0x80)) + bytes(range(0xA1, 0x100))

#: U+FFFD as it can appear literally in the input, per codec (so that it is not counted as a
#: replaced byte).
LITERAL_FFFD: Final[Mapping[str, bytes]] = MappingProxyType(
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


def decode_counting(data: bytes, codec: str) -> tuple[str, int]:
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
    literal = LITERAL_FFFD.get(codec)
    already = data.count(literal) if literal else 0
    return text, max(1, text.count("\ufffd") - already)


def replaced_warning(codec: str, errors: int) -> str:
    plural = "sequence" if errors == 1 else "sequences"
    return f"bytes are not valid {codec}; {errors} invalid byte {plural} replaced with U+FFFD"


#: Good non-ASCII characters per broken sequence for a codec to be "mostly" right: more than
#: about one error in ten means the codec is the wrong one, not that the page is damaged.
MOSTLY_GOOD_PER_ERROR: Final = 10


def mostly(errors: int, good: int) -> bool:
    """Whether ``errors`` broken sequences among ``good`` non-ASCII characters are a few strays."""
    return errors * MOSTLY_GOOD_PER_ERROR <= good


class Probe:
    """Facts about the bytes that several steps need, each computed once and only if needed."""

    __slots__ = (
        "_check_utf8",
        "_high",
        "_utf8",
        "_utf8_head",
        "_utf8_replaced",
        "_utf8_tried",
        "_utf8_valid",
        "ascii",
        "data",
    )

    def __init__(self, data: bytes, check_utf8: Callable[[bytes], bool] | None = None) -> None:
        """``check_utf8``, when given, tells whether bytes are valid UTF-8 as
        ``bytes.decode("utf-8")`` does, without making the text (:attr:`utf8_valid`)."""
        self.data = data
        self.ascii = data.isascii()
        self._check_utf8 = check_utf8
        self._high: int | None = None
        self._utf8_tried = False
        self._utf8: str | None = None
        self._utf8_valid: bool | None = None
        self._utf8_replaced: tuple[str, int] | None = None
        self._utf8_head: tuple[int, int] | None = None

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
            if self._utf8_valid is not False:
                try:
                    self._utf8 = self.data.decode("utf-8")
                except UnicodeDecodeError:
                    self._utf8 = None
            self._utf8_valid = self._utf8 is not None
        return self._utf8

    @property
    def utf8_valid(self) -> bool:
        """Whether the bytes are valid UTF-8: asked of ``check_utf8`` when given (the text is
        then made only if :attr:`utf8` is read), else read off :attr:`utf8`."""
        if self._utf8_valid is None:
            if self._check_utf8 is not None:
                self._utf8_valid = self._check_utf8(self.data)
            else:
                self._utf8_valid = self.utf8 is not None
        return self._utf8_valid

    @property
    def utf8_multibyte(self) -> bool:
        """Valid UTF-8 with at least one non-ASCII character (so: not plain ASCII)."""
        return not self.ascii and self.utf8_valid

    @property
    def utf8_made(self) -> str | None:
        """The text of the bytes, valid UTF-8, if :attr:`utf8` has made it, else ``None``."""
        return self._utf8

    def source_of(self, text: str) -> bytes | None:
        """The bytes, if ``text`` is the strict UTF-8 decoding made of them (the same object:
        no decoding is run here)."""
        return self.data if self._utf8 is not None and text is self._utf8 else None

    def utf8_replaced(self) -> tuple[str, int]:
        """``(text, errors)``: the bytes decoded as UTF-8 with replacement and the number of
        invalid sequences (:meth:`good` counts the valid multi-byte characters: a pass over the
        bytes that a page declared and valid as UTF-8 never needs)."""
        if self._utf8_replaced is None:
            strict = self.utf8
            if strict is not None:
                self._utf8_replaced = (strict, 0)
            else:
                self._utf8_replaced = decode_counting(self.data, "utf-8")
        return self._utf8_replaced

    def utf8_mostly_valid(self) -> bool:
        """UTF-8 but for a few broken sequences (checked on a prefix first, which is cheap)."""
        return self._utf8_good_per_error(MOSTLY_GOOD_PER_ERROR)

    def utf8_more_good_than_bad(self) -> bool:
        """At least as many valid multi-byte UTF-8 characters as broken sequences: the least a
        page of UTF-8 with stray bytes has (the runs decide, see :mod:`.mixed`)."""
        return self._utf8_good_per_error(1)

    def _utf8_good_per_error(self, ratio: int) -> bool:
        if self.utf8_valid:
            return True
        errors, good = self._utf8_head_counts()
        if errors * ratio > good:
            return False
        text, errors = self.utf8_replaced()
        return errors * ratio <= self.good(text, errors)

    def _utf8_head_counts(self) -> tuple[int, int]:
        """``(errors, good)`` of UTF-8 on a prefix of the bytes (the whole when short): cheap,
        and enough to turn most legacy pages down."""
        if self._utf8_head is None:
            data = self.data
            if len(data) > _SAMPLE_BYTES:
                cut = _SAMPLE_BYTES
                while cut > _SAMPLE_BYTES - 4 and 0x80 <= data[cut] < 0xC0:
                    cut -= 1  # do not split a character
                head = data[:cut]
                text, errors = decode_counting(head, "utf-8")
                good = len(text) - (len(head) - _high_count(head)) - errors
                self._utf8_head = (errors, good)
            else:
                text, errors = self.utf8_replaced()
                self._utf8_head = (errors, self.good(text, errors))
        return self._utf8_head


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
    "\u00aa\u00ba"  # ordinal indicators, after a number as often as a degree sign ("1º", "2ª")
)
#: Letters by Unicode category that in running text behave as symbols.
_SYMBOL_LETTERS: Final[frozenset[str]] = frozenset("\u00b5\u0192\u02c6")
_FINAL_ONLY_LETTERS: Final[frozenset[str]] = frozenset("\u03c2\u05da\u05dd\u05df\u05e3\u05e5")
#: Cyrillic hard sign, yery, soft sign and short i (no Russian word starts with them).
_NON_INITIAL_LETTERS: Final[frozenset[str]] = frozenset("\u044a\u044b\u044c\u0439")


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
    languages: tuple[bytes, ...] = ()
    """Per language of the script, a ``bytes.translate`` delete table that keeps only the
    bytes of its frequent letters (none: one language, or the script's letters are shared)."""
    words: bytes | None = None
    """A ``bytes.translate`` table to find lone letters (``" l "``): ``l`` for a non-ASCII
    letter that is no word on its own in the script's languages, ``a`` for other letters;
    ``None``: lone letters are not checked."""


def _words_table(chars: list[str | None], classes: bytes, one_letter_words: str) -> bytes:
    """The :attr:`_SingleByteModel.words` table: ``l`` for a non-ASCII letter that is not one
    of the ``one_letter_words``, ``a`` for other letters, a space for anything else."""
    alone = one_letter_words + one_letter_words.upper()
    table = bytearray(b" " * 256)
    for byte, (char, cls) in enumerate(zip(chars, classes, strict=True)):
        if cls in b"aAclu":
            lone = byte >= 0x80 and char is not None and char not in alone
            table[byte] = ord("l") if lone else ord("a")
    return bytes(table)


def _single_byte_model(
    codec: str,
    frequent: str,
    prior: float = 0.0,
    languages: tuple[str, ...] = (),
    one_letter_words: str | None = None,
) -> _SingleByteModel:
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
    keep = [
        bytes(b for b, c in enumerate(chars) if c is None or c not in frequent or c not in language)
        for language in languages
    ]
    words = None if one_letter_words is None else _words_table(chars, classes, one_letter_words)
    return _SingleByteModel(
        codec, classes, latin, b"u" in classes[0x80:], prior, table, tuple(keep), words
    )


#: The prior of the ISO codecs whose letters differ from their windows sibling's: on the web
#: they are rarer than windows-1250, -1251 and -1256, so a tie goes to the windows codec.
ISO_PRIOR: Final = -0.02


@functools.cache
def single_byte_models() -> tuple[_SingleByteModel, ...]:
    """The single-byte candidates, in order of preference when scores tie. Built on first use
    (about 15 ms): most pages declare their encoding or are UTF-8 and never need them."""
    return (
        _single_byte_model("cp1252", WESTERN_LETTERS, 0.1, WESTERN_LANGUAGES),
        _single_byte_model("cp1251", CYRILLIC_LETTERS, 0.05),
        _single_byte_model(
            "cp1250",
            CENTRAL_EUROPEAN_LETTERS,
            languages=CENTRAL_EUROPEAN_LANGUAGES,
            one_letter_words=CENTRAL_EUROPEAN_ONE_LETTER_WORDS,
        ),
        _single_byte_model("cp1254", TURKISH_LETTERS),
        _single_byte_model("koi8-r", CYRILLIC_LETTERS),
        _single_byte_model("cp1253", GREEK_LETTERS),
        _single_byte_model("cp1255", HEBREW_LETTERS),
        _single_byte_model("cp1256", ARABIC_LETTERS),
        _single_byte_model("cp874", THAI_LETTERS),
        _single_byte_model(
            "iso8859-2",
            CENTRAL_EUROPEAN_LETTERS,
            ISO_PRIOR,
            CENTRAL_EUROPEAN_LANGUAGES,
            CENTRAL_EUROPEAN_ONE_LETTER_WORDS,
        ),
        _single_byte_model("iso8859-5", CYRILLIC_LETTERS, ISO_PRIOR),
        _single_byte_model("iso8859-6", ARABIC_LETTERS, ISO_PRIOR),
    )


@functools.cache
def _charmap_table(codec: str) -> str | None:
    """The decoding table of a single-byte candidate, to replace undefined bytes at C speed."""
    return next((m.table for m in single_byte_models() if m.codec == codec), None)


#: Case-folded letters: ASCII letters become "a", all other letters "l".
_FOLD: Final = bytes.maketrans(b"Aucfnm", b"alllll")
#: Upper- and lower-case letters, other letters as lower-case.
_CASE: Final = bytes.maketrans(b"cfnm", b"llll")
#: Letters of any kind as "l" (symbols "s" stay).
_LETTERS: Final = bytes.maketrans(b"aAucfnm", b"lllllll")
#: Word structure: the script's letters "l", special letters "m", "f", "n", anything else
#: (ASCII letters included) " ".
_STRUCTURE: Final = bytes.maketrans(b"aAucpsx", b"  ll   ")


def score_single_byte(sample: bytes, model: _SingleByteModel) -> float:
    """Plausibility of the sample's non-ASCII bytes under a single-byte codec, about -5 to 1.

    A frequent letter of the script counts 1, another letter 0.6, common punctuation 0.5; symbols,
    undefined bytes and letters in impossible places count negatively: runs of three accented
    Latin letters (Cyrillic or Greek read as windows-1252), a non-Latin letter glued to an ASCII
    letter (Western text read as windows-1251), a lower-case letter followed by an upper-case one
    or mostly upper-case text (KOI8-R read as windows-1251 and vice versa), a symbol between
    letters (windows-1250 read as windows-1252), a combining mark that follows no letter, a
    final form inside a word, a word starting with a soft sign; in Central European codecs, a
    non-ASCII letter standing alone (the "»" of a Western page read as ISO-8859-2).  In Latin
    codecs, the frequent letters that are not of the one language that has most of them count
    as other letters (Czech read as windows-1252 has the è, ì, ø and ù of no one language).
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
    if model.words is not None:
        bad += 2.0 * sample.translate(model.words).count(b" l ")
    if model.languages:
        high = sample.translate(None, _ASCII_BYTES)
        best = max(len(high.translate(None, delete)) for delete in model.languages)
        bad += 0.8 * (classes.count(b"c") - best)  # 0.2 for a letter of another language
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


@functools.cache
def _common_hanzi_re() -> re.Pattern[str]:
    return re.compile("[" + COMMON_HANZI + "]")


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
MULTI_BYTE_MODELS: Final[tuple[_MultiByteModel, ...]] = (
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


def score_multi_byte(text: str, model: _MultiByteModel, c1_bytes: int) -> float:
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
MIN_SCORE: Final = 0.25


def detect(data: bytes) -> tuple[str, float] | None:
    """The most plausible legacy codec for the bytes and its score, or ``None``."""
    sample = _sample(data)
    best: tuple[str, float] | None = None
    for model in single_byte_models():
        score = score_single_byte(sample, model)
        if best is None or score > best[1]:
            best = (model.codec, score)
    c1_bytes = len(sample.translate(None, NOT_C1_BYTES))
    for multi in MULTI_BYTE_MODELS:
        text = sample.decode(multi.codec, "replace")
        score = score_multi_byte(text, multi, c1_bytes)
        if best is None or score > best[1]:
            best = (multi.codec, score)
    if best is None or best[1] < MIN_SCORE:
        return None
    return best
